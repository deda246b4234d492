# language: fi
Ominaisuus: Kohderyhmä mukana järjestämisessä
  Tilaisuuden järjestämiseen osallistetaan toimijoita siitä kohderyhmästä, jolle tilaisuus
  suunnataan, jotta kohderyhmä tavoitetaan paremmin ja vaikutukset ovat laadukkaampia.

  Tausta:
    Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

  @R15
  Rule: Vähintään yksi järjestäjätiimin jäsen tulee kohderyhmästä

    @kept
    Tapaus: Kohderyhmään kuuluva järjestötoimija on järjestäjätiimissä
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Niin "Ota kohderyhmän toimijoita" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @kept
    Tapaus: Suunnittelijat ohittavat vaatimuksen perustellen
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Kun kohderyhmästä ei ole ketään mukana järjestämässä
      Ja "Ota kohderyhmän toimijoita" ohitetaan perustellen "Kohderyhmän yhdistykset suunnittelevat ohjelman kanssamme"
      Niin "Ota kohderyhmän toimijoita" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Kohderyhmästä ei ole ketään mukana järjestämässä
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Kun kohderyhmästä ei ole ketään mukana järjestämässä
      Niin vaihetta ei voi jättää ennen kuin "Ota kohderyhmän toimijoita" on kunnossa
