# language: fi
Ominaisuus: Paneelikysymykset etukäteen
  Keskustelun kysymykset tai teemat annetaan panelistien tietoon etukäteen, viimeistään viikkoa
  ennen tilaisuutta.

  Tausta:
    Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

  @R14
  Rule: Paneelin kysymykset tai teemat lähetetään panelisteille etukäteen

    @kept
    Tapaus: Kysymykset lähetetään kaksi viikkoa ennen tilaisuutta
      Oletetaan suunnittelu on edennyt vaiheeseen "Paneelikysymykset" ja kaikki on kunnossa
      Niin "Lähetä kysymykset tai teemat panelisteille" on kunnossa
      Ja "paneelikysymystä tai -teemaa" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @kept
    Tapaus: Kysymykset lähetetään kymmenen päivää ennen tilaisuutta
      Oletetaan suunnittelu on edennyt vaiheeseen "Paneelikysymykset" ja kaikki on kunnossa
      Kun kysymykset lähetetään panelisteille vasta 10 päivää ennen tilaisuutta
      Niin "Lähetä kysymykset tai teemat panelisteille" on kunnossa

    @broken
    Tapaus: Kysymyksiä ei lähetetä koskaan
      Oletetaan suunnittelu on edennyt vaiheeseen "Paneelikysymykset" ja kaikki on kunnossa
      Kun kysymyksiä ei lähetetä panelisteille
      Niin vaihetta ei voi jättää ennen kuin "Lähetä kysymykset tai teemat panelisteille" on kunnossa
      Ja "Lähetä kysymykset tai teemat panelisteille" ei ole ohitettavissa

    @broken
    Tapaus: Kysymykset saapuvat panelisteille vasta kolme päivää ennen
      Oletetaan suunnittelu on edennyt vaiheeseen "Paneelikysymykset" ja kaikki on kunnossa
      Kun kysymykset lähetetään panelisteille vasta 3 päivää ennen tilaisuutta
      Niin vaihetta ei voi jättää ennen kuin "Lähetä kysymykset tai teemat panelisteille" on kunnossa

    @broken
    Tapaus: Kysymyksiä ei laadita yhdessä puheenjohtajan kanssa
      Oletetaan suunnittelu on edennyt vaiheeseen "Paneelikysymykset" ja kaikki on kunnossa
      Kun "paneelikysymystä tai -teemaa" jää tekemättä
      Niin vaihetta ei voi jättää ennen kuin "paneelikysymystä tai -teemaa" on kunnossa

  @R18
  Rule: Paneelin teemat kattavat väestösuhteiden neljä osa-aluetta

    @kept
    Tapaus: Paneelin teemat kattavat kaikki neljä osa-aluetta
      Oletetaan suunnittelu on edennyt vaiheeseen "Paneelikysymykset" ja kaikki on kunnossa
      Niin "Kata paneelin teemoissa" on kunnossa

    @broken
    Tapaus: Mikään paneelikysymys ei käsittele vuorovaikutusta
      Oletetaan suunnittelu on edennyt vaiheeseen "Paneelikysymykset" ja kaikki on kunnossa
      Kun mikään paneelikysymys ei käsittele vuorovaikutusta
      Niin "Kata paneelin teemoissa" näytetään suosituksena
      Ja vaiheesta pääsee silti eteenpäin
