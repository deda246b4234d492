# language: fi
Ominaisuus: Tilaisuuden elinkaari
  Tilaisuutta arvioidaan koko sen elinkaaren ajan, ei vain nykyisen vaiheen ovella: aiemmin
  sovitun on yhä pidettävä, tilaisuuspäivä tulee aikanaan, asiat kirjataan oppaan
  järjestyksessä, uusi päivämäärä näyttää, mikä vanhenee, ja vaiheen voi avata uudelleen vain
  taaksepäin.

  Tausta:
    Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

  @L1
  Rule: Jo jätetyn vaiheen vaatimus, joka myöhemmin rikkoutuu, pysäyttää tilaisuuden kunnes se korjataan

    @kept
    Tapaus: Sovittu kumppani pysyy mukana sopimuksen jälkeen
      Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
      Niin mikään jo jätetyn vaiheen vaatimus ei ole rikki
      Ja vaiheesta pääsee silti eteenpäin

    @broken
    Tapaus: Kumppani vetäytyy sopimuksen jälkeen
      Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
      Kun kumppaniorganisaatio vetäytyy sopimuksen jälkeen
      Niin muutos tallennetaan ja varoitetaan, ettei "Vähintään yksi kumppaniorganisaatio" enää täyty
      Ja tilaisuus ei voi siirtyä eteenpäin ennen kuin se on korjattu

  @L2
  Rule: Tilaisuus toteutetaan omana päivänään: toteutusvaiheen voi jättää ja tilaisuuspäivän kohdat kuitata aikaisintaan tilaisuuspäivänä

    @kept
    Tapaus: Toteutusvaihe jätetään tilaisuuspäivänä
      Oletetaan suunnittelu on edennyt vaiheeseen "Toteutus" ja kaikki on kunnossa
      Ja tilaisuuspäivä on koittanut
      Niin vaiheesta pääsee silti eteenpäin

    @broken
    Tapaus: Toteutusvaihetta ei voi jättää viikkoja ennen tilaisuutta
      Oletetaan suunnittelu on edennyt vaiheeseen "Toteutus" ja kaikki on kunnossa
      Ja suunnittelija työskentelee sen parissa 14 päivää ennen tilaisuutta
      Niin vaihetta ei voi jättää ennen tilaisuuspäivää

    @broken
    Tapaus: Osallistujia ei voi kirjata ennen tilaisuuspäivää
      Oletetaan suunnittelu on juuri edennyt vaiheeseen "Toteutus"
      Ja suunnittelija työskentelee sen parissa 14 päivää ennen tilaisuutta
      Kun suunnittelija kuittaa kohdan "Kirjaa osallistujat"
      Niin pyyntö hylätään, koska on liian aikaista

  @L3
  Rule: Myöhemmän vaiheen asia kirjataan vasta, kun sitä edeltävä on kunnossa

    @kept
    Tapaus: Kutsu lähetetään, kun sopimus on tehty
      Oletetaan suunnittelu on juuri edennyt vaiheeseen "Kutsu ja ilmoittautuminen"
      Kun suunnittelija kirjaa kutsun lähetetyksi
      Niin pyyntö hyväksytään

    @broken
    Tapaus: Kutsu merkitään lähetetyksi ennen kuin mitään on sovittu
      Oletetaan suunnittelu on juuri edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa"
      Kun suunnittelija kirjaa kutsun lähetetyksi
      Niin pyyntö hylätään, kunnes "hyväksytty kirjallisesti" on kunnossa

    @broken
    Tapaus: Ilmoittautumiset tuodaan ennen tietosuojaselosteen julkaisemista
      Oletetaan suunnittelu on juuri edennyt vaiheeseen "Kutsu ja ilmoittautuminen"
      Kun suunnittelija tuo ilmoittautumiset
      Niin pyyntö hylätään, kunnes "Julkaise tietosuojaseloste" on kunnossa

    @broken
    Tapaus: Kutsu merkitään lähetetyksi ennen kuin jokainen puhuja on vahvistanut
      Oletetaan suunnittelu on juuri edennyt vaiheeseen "Kutsu ja ilmoittautuminen"
      Kun kommenttipuheenvuoron pitäjä ei ole vielä vahvistanut osallistumistaan
      Ja suunnittelija kirjaa kutsun lähetetyksi
      Niin pyyntö hylätään, kunnes "jokaisella ohjelman osalla on vahvistettu puhuja" on kunnossa

    @broken
    Tapaus: Paneelikysymykset merkitään lähetetyiksi ennen niiden vaihetta
      Oletetaan suunnittelu on juuri edennyt vaiheeseen "Ohjelma ja puhujat"
      Kun suunnittelija kuittaa kohdan "Laadi 3–6 paneelikysymystä tai -teemaa yhdessä puheenjohtajan kanssa"
      Ja suunnittelija kirjaa paneelikysymykset lähetetyiksi
      Niin pyyntö hylätään, kunnes tilaisuus on edennyt vaiheeseen "Paneelikysymykset"

    @broken
    Tapaus: Lähettämisen jälkeen lisätty paneelikysymys on lähettämättä
      Oletetaan suunnittelu on edennyt vaiheeseen "Paneelikysymykset" ja kaikki on kunnossa
      Kun suunnittelija lisää paneelikysymyksen kysymysten lähettämisen jälkeen
      Niin vaihetta ei voi jättää ennen kuin "Lähetä kysymykset tai teemat panelisteille" on kunnossa

  @L4
  Rule: Uusi päivämäärä siirtää kaikki määräajat ja näyttää, mikä vanhenee; mennyttä päivää ei hyväksytä

    @kept
    Tapaus: Tilaisuus siirtyy ennen kuin mitään on lähetetty
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun suunnittelija siirtää tilaisuutta 4 viikkoa myöhemmäksi
      Niin mitään ei ilmoiteta vanhentuneeksi

    @broken
    Tapaus: Tilaisuus siirtyy kutsun lähettämisen jälkeen
      Oletetaan suunnittelu on edennyt vaiheeseen "Paneelikysymykset" ja kaikki on kunnossa
      Kun suunnittelija siirtää tilaisuutta 4 viikkoa myöhemmäksi
      Niin suunnittelijaa kehotetaan lähettämään kutsu uudelleen

    @broken
    Tapaus: Tilaisuus siirretään jo menneelle päivälle
      Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
      Kun suunnittelija siirtää tilaisuuden jo menneelle päivälle
      Niin pyyntö hylätään, koska päivä on jo mennyt

  @L5
  Rule: Vaiheen voi avata uudelleen vain taaksepäin, myös perumisen jälkeen

    @kept
    Tapaus: Peruttu tilaisuus avataan uudelleen siinä vaiheessa, jossa se peruttiin
      Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
      Kun suunnittelija avaa vaiheen "Tapahtumapaikka" uudelleen tilaisuuden peruttua
      Niin tilaisuus on taas vaiheessa "Tapahtumapaikka"

    @broken
    Tapaus: Peruttu tilaisuus ei voi hypätä seurantaan
      Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
      Kun suunnittelija avaa vaiheen "Seuranta" uudelleen tilaisuuden peruttua
      Niin pyyntö hylätään, koska vaiheen voi avata vain taaksepäin
