# language: fi
Ominaisuus: Esteettömyys ja tallentaminen
  Osallistujat tietävät, kuinka esteetön tilaisuus on ja keneltä kysyä; tilan esteettömyys on
  tiedossa. Jos tilaisuus tallennetaan, striimataan tai kuvataan, siitä kerrotaan
  ilmoittautumislomakkeessa, vahvistusviestissä ja tilaisuuden alussa.

  Tausta:
    Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

  @R23
  Rule: Tilan esteettömyys on tiedossa, siitä vastaa nimetty henkilö ja kutsu kertoo siitä osallistujille

    @kept
    Tapaus: Tilan esteettömyys ja yhteyshenkilö on kirjattu
      Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
      Niin "Kirjaa tilan esteettömyys" on kunnossa
      Ja "Nimeä esteettömyystiedoista vastaava" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @kept
    Tapaus: Esteettömyystiedot ohitetaan verkkotilaisuudessa
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun kutsussa ei nimetä esteettömyysasioiden yhteyshenkilöä
      Ja "esteettömyysasioiden yhteyshenkilöstä" ohitetaan perustellen "Tilaisuus järjestetään vain verkossa"
      Niin "esteettömyysasioiden yhteyshenkilöstä" on kunnossa

    @broken
    Tapaus: Tilan esteettömyyttä ei ole kirjattu
      Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
      Kun tilan esteettömyyttä ei ole kirjattu
      Niin vaihetta ei voi jättää ennen kuin "Kirjaa tilan esteettömyys" on kunnossa

    @broken
    Tapaus: Kukaan ei vastaa esteettömyystiedoista
      Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
      Kun "Nimeä esteettömyystiedoista vastaava" jää tekemättä
      Niin vaihetta ei voi jättää ennen kuin "Nimeä esteettömyystiedoista vastaava" on kunnossa

    @broken
    Tapaus: Kutsussa ei nimetä esteettömyysasioiden yhteyshenkilöä
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun kutsussa ei nimetä esteettömyysasioiden yhteyshenkilöä
      Niin vaihetta ei voi jättää ennen kuin "esteettömyysasioiden yhteyshenkilöstä" on kunnossa

  @R24
  Rule: Tallennettavasta tilaisuudesta kerrotaan lomakkeessa, vahvistusviestissä ja tilaisuudessa

    @kept
    Tapaus: Tallennettava tilaisuus kertoo tallentamisesta kaikissa kanavissa
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Ja tilaisuus tallennetaan
      Niin "Kerro tallentamisesta ja kuvaamisesta" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @kept
    Tapaus: Tallentamattomasta tilaisuudesta ei ole kerrottavaa
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Niin "Kerro tallentamisesta ja kuvaamisesta" ei koske tätä tilaisuutta

    @broken
    Tapaus: Ilmoittautumislomake ei kerro tallentamisesta
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Ja tilaisuus tallennetaan
      Kun ilmoittautumislomakkeessa ei kerrota tallentamisesta
      Niin vaihetta ei voi jättää ennen kuin "Kerro tallentamisesta ja kuvaamisesta" on kunnossa
      Ja "Kerro tallentamisesta ja kuvaamisesta" ei ole ohitettavissa

    @broken
    Tapaus: Tallentamisesta ei kerrota tilaisuuden alussa
      Oletetaan suunnittelu on edennyt vaiheeseen "Toteutus" ja kaikki on kunnossa
      Ja tilaisuus tallennetaan
      Kun "Kerro tallentamisesta tilaisuuden alussa" jää tekemättä
      Niin vaihetta ei voi jättää ennen kuin "Kerro tallentamisesta tilaisuuden alussa" on kunnossa
