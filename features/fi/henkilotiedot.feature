# language: fi
Ominaisuus: Osallistujien henkilötiedot
  Ilmoittautumistiedot kerätään suunnitteluvaiheessa päätetyn rekisterinpitäjämallin mukaan,
  tietosuojaseloste julkaistaan ennen ilmoittautumisen avaamista, tietoja jaetaan vain
  selosteen mukaisesti ja ne poistetaan tilaisuuden ja seurannan jälkeen.

  Tausta:
    Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

  @G1
  Rule: Ilmoittautumistietojen rekisterinpitäjämalli päätetään suunnitteluvaiheessa

    @kept
    Tapaus: Organisaatiot ovat yhteisrekisterinpitäjiä
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Niin "rekisterinpitäjämalli" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Rekisterinpitäjämalli jää avoimeksi
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Kun ilmoittautumistietojen rekisterinpitäjämalli jää avoimeksi
      Niin vaihetta ei voi jättää ennen kuin "rekisterinpitäjämalli" on kunnossa

  @G2
  Rule: Tietosuojaseloste julkaistaan ennen ilmoittautumisen avaamista

    @kept
    Tapaus: Tietosuojaseloste on linkitetty ilmoittautumislomakkeelle
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Niin "Julkaise tietosuojaseloste" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Ilmoittautuminen avataan ilman tietosuojaselostetta
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun "Julkaise tietosuojaseloste" jää tekemättä
      Niin vaihetta ei voi jättää ennen kuin "Julkaise tietosuojaseloste" on kunnossa
      Ja "Julkaise tietosuojaseloste" ei ole ohitettavissa

  @G11
  Rule: Tarjoilu saa osallistujamäärän ja ruokavaliot, ei nimiä

    @kept
    Tapaus: Tarjoilu saa osallistujamäärän ja ruokavaliot ilman nimiä
      Oletetaan suunnittelu on edennyt vaiheeseen "Toteutus" ja kaikki on kunnossa
      Niin "osallistujamäärä ja erityisruokavaliot" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @kept
    Tapaus: Tarjoilua ei ole, joten mitään ei lähetetä
      Oletetaan suunnittelu on edennyt vaiheeseen "Toteutus" ja kaikki on kunnossa
      Kun "osallistujamäärä ja erityisruokavaliot" ohitetaan perustellen "Tilaisuudessa ei ole tarjoilua"
      Niin "osallistujamäärä ja erityisruokavaliot" on kunnossa

    @broken
    Tapaus: Osallistujamäärää ei ilmoiteta tarjoiluun
      Oletetaan suunnittelu on edennyt vaiheeseen "Toteutus" ja kaikki on kunnossa
      Kun "osallistujamäärä ja erityisruokavaliot" jää tekemättä
      Niin vaihetta ei voi jättää ennen kuin "osallistujamäärä ja erityisruokavaliot" on kunnossa

  @G7
  Rule: Ilmoittautumistiedot poistetaan seurannan jälkeen, vain anonymisoidut yhteenvedot säilytetään

    @kept
    Tapaus: Ilmoittautumistiedot poistetaan seurannan jälkeen
      Oletetaan suunnittelu on edennyt vaiheeseen "Seuranta" ja kaikki on kunnossa
      Niin "Poista ilmoittautumistiedot" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Ilmoittautumistiedot säilytetään seurannan jälkeen
      Oletetaan suunnittelu on edennyt vaiheeseen "Seuranta" ja kaikki on kunnossa
      Kun osallistujien henkilötietoja ei ole poistettu
      Niin vaihetta ei voi jättää ennen kuin "Poista ilmoittautumistiedot" on kunnossa
      Ja "Poista ilmoittautumistiedot" ei ole ohitettavissa
