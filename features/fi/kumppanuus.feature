# language: fi
Ominaisuus: Kumppanuus ja yhteinen sopiminen
  Koulutus suunnitellaan yhdessä vähintään yhden kumppaniorganisaation kanssa, ja
  organisaatiot sopivat kirjallisesti oppaan nimeämistä kuudesta asiasta ennen kuin mitään lähetetään.

  Tausta:
    Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

  @R1
  Rule: Vähintään yksi järjestäjästä erillinen kumppaniorganisaatio suunnittelee koulutuksen

    @kept
    Tapaus: Toinen kumppaniorganisaatio liittyy suunnitteluun
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Kun toinen kumppaniorganisaatio liittyy mukaan
      Niin "Vähintään yksi kumppaniorganisaatio" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Kumppaniorganisaatio vetäytyy suunnittelusta
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Kun kumppaniorganisaatio vetäytyy
      Niin vaihetta ei voi jättää ennen kuin "Vähintään yksi kumppaniorganisaatio" on kunnossa
      Ja "Vähintään yksi kumppaniorganisaatio" ei ole ohitettavissa

    @broken
    Tapaus: Järjestäjä merkitsee itsensä omaksi kumppanikseen
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Kun ainoa kumppaniksi merkitty on järjestäjä itse
      Niin vaihetta ei voi jättää ennen kuin "Vähintään yksi kumppaniorganisaatio" on kunnossa

  @R2
  Rule: Sopimukseen kirjataan ajankohta, paikka, kustannusten jakaminen, ohjelma, kutsujen lähettäjä ja ilmoittautumisten vastaanottaja

    @kept
    Tapaus: Kaikki kuusi asiaa on sovittu ja sopimus hyväksytty kirjallisesti
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Niin "ilmoittautumisten vastaanottaja" on kunnossa
      Ja "hyväksytty kirjallisesti" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Ilmoittautumisten vastaanottajasta ei ole sovittu
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Kun sopimuksesta puuttuu ilmoittautumisten vastaanottaja
      Niin vaihetta ei voi jättää ennen kuin "ilmoittautumisten vastaanottaja" on kunnossa
      Ja "ilmoittautumisten vastaanottaja" ei ole ohitettavissa

    @broken
    Tapaus: Sopimusta ei ole hyväksytty kirjallisesti
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Kun "hyväksytty kirjallisesti" jää tekemättä
      Niin vaihetta ei voi jättää ennen kuin "hyväksytty kirjallisesti" on kunnossa
