# language: fi
Ominaisuus: Kustannukset ja niiden jakaminen
  Talousarvio kattaa tilan, kokoustarjoilun, puhujien palkkiot ja matkat. Virkansa puolesta
  puhuville ei makseta palkkiota. Yhteiset kustannukset jaetaan organisaatioiden kesken riveittäin.

  Tausta:
    Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

  @R4
  Rule: Talousarviossa on rivit tilalle, tarjoilulle, puhujien palkkioille ja matkoille

    @kept
    Tapaus: Jokaisella kustannuslajilla on rivinsä
      Oletetaan suunnittelu on edennyt vaiheeseen "Kustannusten jakaminen" ja kaikki on kunnossa
      Niin "Laadi talousarvio" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Matkakustannukset puuttuvat talousarviosta
      Oletetaan suunnittelu on edennyt vaiheeseen "Kustannusten jakaminen" ja kaikki on kunnossa
      Kun talousarviosta puuttuu matkakustannusten rivi
      Niin vaihetta ei voi jättää ennen kuin "Laadi talousarvio" on kunnossa

  @R5
  Rule: Virkansa puolesta puhuvalle ei makseta palkkiota

    @kept
    Tapaus: Ministeriön asiantuntija puhuu ilman palkkiota
      Oletetaan suunnittelu on edennyt vaiheeseen "Kustannusten jakaminen" ja kaikki on kunnossa
      Kun virkansa puolesta puhuva asiantuntija sovitaan ilman palkkiota
      Niin "Merkitse virkansa" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Virkansa puolesta puhuvalle tarjotaan palkkiota
      Oletetaan suunnittelu on edennyt vaiheeseen "Kustannusten jakaminen" ja kaikki on kunnossa
      Kun virkansa puolesta puhuvalle asiantuntijalle sovitaan 200 euron palkkio
      Niin vaihetta ei voi jättää ennen kuin "Merkitse virkansa" on kunnossa

  @R6
  Rule: Yhteisjärjestäjän kanssa kustannusten jako kirjataan jokaiselle riville ja hyväksytään

    @kept
    Tapaus: Jokainen talousarvion rivi on jaettu organisaatioiden kesken
      Oletetaan suunnittelu on edennyt vaiheeseen "Kustannusten jakaminen" ja kaikki on kunnossa
      Niin "jokaiselle talousarvion riville" on kunnossa
      Ja "hyväksyy kustannusten jakamisen" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @kept
    Tapaus: Ilman yhteisjärjestäjää ei ole mitään jaettavaa
      Oletetaan suunnittelu on edennyt vaiheeseen "Kustannusten jakaminen" ja kaikki on kunnossa
      Kun kumppaniorganisaatio vetäytyy
      Niin "jokaiselle talousarvion riville" ei koske tätä tilaisuutta

    @broken
    Tapaus: Tarjoilun jako ei kata koko summaa
      Oletetaan suunnittelu on edennyt vaiheeseen "Kustannusten jakaminen" ja kaikki on kunnossa
      Kun tarjoilukustannusten jako on yhteensä 90 %
      Niin vaihetta ei voi jättää ennen kuin "jokaiselle talousarvion riville" on kunnossa

    @broken
    Tapaus: Kumppani ei ole hyväksynyt kustannusten jakoa
      Oletetaan suunnittelu on edennyt vaiheeseen "Kustannusten jakaminen" ja kaikki on kunnossa
      Kun "hyväksyy kustannusten jakamisen" jää tekemättä
      Niin vaihetta ei voi jättää ennen kuin "hyväksyy kustannusten jakamisen" on kunnossa

    @broken
    Tapaus: Kumppani vetäytyy kustannusten jakamisen jälkeen, ja rivejä jää jaetuksi sille
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun kumppaniorganisaatio vetäytyy sopimuksen jälkeen
      Niin "jokaiselle talousarvion riville" on rikki jo jätetyssä vaiheessa, ja sen korjaus kerrotaan
      Ja tilaisuus ei voi siirtyä eteenpäin ennen kuin se on korjattu
