# language: fi
Ominaisuus: Ohjelma ja puhujat
  Ohjelmassa on asiantuntijapuheenvuoro, yksi puheenvuoro alueen väestöstä, 1–3 kohderyhmään
  kuuluvien kommenttipuheenvuoroa ja paneeli väestösuhteiden tilasta alueella; tarvittaessa
  paikallisen toiminnan esittely. Puhujat sovitaan hyvissä ajoin.

  Tausta:
    Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

  @R3
  Rule: Jokaisella ohjelman osalla on vahvistettu puhuja ennen kutsun lähettämistä

    @kept
    Tapaus: Kaikki puhujat ovat vahvistaneet osallistumisensa
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Niin "jokaisella ohjelman osalla on vahvistettu puhuja" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Kommentoija ei ole vielä vahvistanut osallistumistaan
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun kommenttipuheenvuoron pitäjä ei ole vielä vahvistanut osallistumistaan
      Niin vaihetta ei voi jättää ennen kuin "jokaisella ohjelman osalla on vahvistettu puhuja" on kunnossa

  @R7
  Rule: Ohjelmassa on vähintään yksi asiantuntijapuheenvuoro väestösuhteista ja kotoutumisesta

    @kept
    Tapaus: Asiantuntijapuheenvuoro on sovittu
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Niin "Sovi asiantuntijapuheenvuoro" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Asiantuntijapuheenvuoro jää pois
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun asiantuntijapuheenvuoro poistetaan ohjelmasta
      Niin vaihetta ei voi jättää ennen kuin "Sovi asiantuntijapuheenvuoro" on kunnossa

  @R8
  Rule: Ohjelmassa on täsmälleen yksi puheenvuoro alueen väestöstä

    @kept
    Tapaus: Yksi puheenvuoro alueen väestöstä on sovittu
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Niin "Sovi yksi puheenvuoro alueen väestöstä" on kunnossa
      Ja "indikaattorit -tietokantaa" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Alueen väestöstä on kaksi puheenvuoroa
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun ohjelmaan lisätään toinen puheenvuoro alueen väestöstä
      Niin vaihetta ei voi jättää ennen kuin "Sovi yksi puheenvuoro alueen väestöstä" on kunnossa

    @broken
    Tapaus: Alueen väestöstä ei ole puheenvuoroa
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun puheenvuoro alueen väestöstä poistetaan ohjelmasta
      Niin vaihetta ei voi jättää ennen kuin "Sovi yksi puheenvuoro alueen väestöstä" on kunnossa

    @broken
    Tapaus: Kotoutumisen indikaattoreita ei ehdoteta
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun "indikaattorit -tietokantaa" jää tekemättä
      Niin "indikaattorit -tietokantaa" näytetään suosituksena
      Ja vaiheesta pääsee silti eteenpäin

  @R9
  Rule: Ohjelmassa on 1–3 kommenttipuheenvuoroa, joista jokaisen pitää kohderyhmään kuuluva henkilö

    @kept
    Tapaus: Kolme kohderyhmään kuuluvan kommenttipuheenvuoroa
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun ohjelmassa on 3 kommenttipuheenvuoroa
      Niin "kommenttipuheenvuoroa kohderyhmään kuuluvilta" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Neljä kommenttipuheenvuoroa on liikaa
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun ohjelmassa on 4 kommenttipuheenvuoroa
      Niin vaihetta ei voi jättää ennen kuin "kommenttipuheenvuoroa kohderyhmään kuuluvilta" on kunnossa

    @broken
    Tapaus: Kommenttipuheenvuoroja ei ole lainkaan
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun ohjelmassa on 0 kommenttipuheenvuoroa
      Niin vaihetta ei voi jättää ennen kuin "kommenttipuheenvuoroa kohderyhmään kuuluvilta" on kunnossa

    @broken
    Tapaus: Kommentoijan kohderyhmää ei tiedetä
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun kommenttipuheenvuoron pitäjän kohderyhmää ei ole kirjattu
      Niin vaihetta ei voi jättää ennen kuin "kommenttipuheenvuoroa kohderyhmään kuuluvilta" on kunnossa

  @R10
  Rule: Ohjelmassa on paneeli- tai muu keskustelu, mieluiten vähintään kolmessa eri roolissa toimivin panelistein

    @kept
    Tapaus: Paneelissa ovat poliisi, valtuutettu ja järjestötyöntekijä
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Niin "Sovi paneeli- tai muu keskustelu" on kunnossa
      Ja "vähintään kolme eri roolia" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Paneeli jää pois ohjelmasta
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun paneeli poistetaan ohjelmasta
      Niin vaihetta ei voi jättää ennen kuin "Sovi paneeli- tai muu keskustelu" on kunnossa

    @broken
    Tapaus: Paneelissa on vain kaksi eri roolia
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun panelisteilla on vain 2 eri roolia
      Niin "vähintään kolme eri roolia" näytetään suosituksena
      Ja vaiheesta pääsee silti eteenpäin

  @R11
  Rule: Ohjelmaan sisällytetään tarvittaessa paikallisen toiminnan esittely

    @kept
    Tapaus: Ohjelmassa esitellään paikallista hyvää käytäntöä
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun ohjelmaan lisätään paikallisen hyvän käytännön esittely
      Niin "paikallisen toiminnan esittelyä" on kunnossa

    @broken
    Tapaus: Paikallista esittelyä ei ole
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Niin "paikallisen toiminnan esittelyä" näytetään suosituksena
      Ja vaiheesta pääsee silti eteenpäin

  @R18
  Rule: Ohjelma kattaa väestösuhteiden neljä osa-aluetta

    @kept
    Tapaus: Ohjelma kattaa kaikki neljä osa-aluetta
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Niin "Kata ohjelmassa neljä osa-aluetta" on kunnossa

    @broken
    Tapaus: Mikään ohjelman osa ei käsittele turvallisuuden tunnetta
      Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
      Kun mikään ohjelman osa ei käsittele turvallisuuden tunnetta
      Niin "Kata ohjelmassa neljä osa-aluetta" näytetään suosituksena
      Ja vaiheesta pääsee silti eteenpäin
