# language: fi
Ominaisuus: Suunnittelun vaiheet
  Tilaisuus pääsee vaiheesta eteenpäin vasta, kun vaiheen kaikki vaatimukset täyttyvät; liian
  aikaisin pyytävälle kerrotaan kaikki syyt kerralla. Suositukset näytetään, mutta ne eivät
  koskaan pysäytä tilaisuutta. Vaiheen voi avata uudelleen ja tilaisuuden perua, aina perustellen.

  Tausta:
    Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

  @advance
  Tapaus: Yhteistyösopimusta yritetään jättää ennen kuin mitään on sovittu
    Oletetaan suunnittelu on juuri edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa"
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin pyyntö hylätään ja kaikki puuttuvat vaatimukset luetellaan:
      | Vähintään yksi kumppaniorganisaatio |
      | ilmoittautumisten vastaanottaja     |
      | hyväksytty kirjallisesti            |
      | rekisterinpitäjämalli               |
      | Ota kohderyhmän toimijoita          |

  @advance
  Tapaus: Yhteistyösopimus on kunnossa ja tilaisuus etenee
    Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin tilaisuus siirtyy vaiheeseen "Tapahtumapaikka"

  @advance
  Tapaus: Ilman aloituspalaveria sopimus on silti valmis
    Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
    Kun "Pidä aloituspalaveri" jää tekemättä
    Niin "Pidä aloituspalaveri" näytetään suosituksena
    Ja vaiheesta pääsee silti eteenpäin

  @advance
  Tapaus: Tapahtumapaikkaa yritetään jättää ennen kuin tila on varattu
    Oletetaan suunnittelu on juuri edennyt vaiheeseen "Tapahtumapaikka"
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin pyyntö hylätään ja kaikki puuttuvat vaatimukset luetellaan:
      | Varaa tila ja kirjaa                  |
      | Kirjaa tilan esteettömyys             |
      | Nimeä esteettömyystiedoista vastaava  |

  @advance
  Tapaus: Tila on varattu ja tilaisuus etenee
    Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin tilaisuus siirtyy vaiheeseen "Kustannusten jakaminen"

  @advance
  Tapaus: Tila ilman osoitetta ei ole vielä varattu
    Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
    Kun tilan osoitetta ei ole kirjattu
    Niin vaihetta ei voi jättää ennen kuin "Varaa tila ja kirjaa" on kunnossa

  @advance
  Tapaus: Tarjoilu ja tekniikka ovat tapahtumapaikan suosituksia
    Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
    Kun "Sovi kokoustarjoilusta" jää tekemättä
    Ja "Varmista tekniikka" jää tekemättä
    Niin "Sovi kokoustarjoilusta" näytetään suosituksena
    Ja "Varmista tekniikka" näytetään suosituksena
    Ja vaiheesta pääsee silti eteenpäin

  @advance
  Tapaus: Kustannusten jakamista yritetään jättää ennen talousarviota
    Oletetaan suunnittelu on juuri edennyt vaiheeseen "Kustannusten jakaminen"
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin pyyntö hylätään ja kaikki puuttuvat vaatimukset luetellaan:
      | Laadi talousarvio                |
      | jokaiselle talousarvion riville  |
      | hyväksyy kustannusten jakamisen  |

  @advance
  Tapaus: Kustannukset on jaettu ja tilaisuus etenee
    Oletetaan suunnittelu on edennyt vaiheeseen "Kustannusten jakaminen" ja kaikki on kunnossa
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin tilaisuus siirtyy vaiheeseen "Ohjelma ja puhujat"

  @advance
  Tapaus: Ohjelmavaihetta yritetään jättää ennen kuin puhujia on sovittu
    Oletetaan suunnittelu on juuri edennyt vaiheeseen "Ohjelma ja puhujat"
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin pyyntö hylätään ja kaikki puuttuvat vaatimukset luetellaan:
      | Sovi asiantuntijapuheenvuoro                       |
      | Sovi yksi puheenvuoro alueen väestöstä             |
      | kommenttipuheenvuoroa kohderyhmään kuuluvilta      |
      | Sovi paneeli- tai muu keskustelu                   |
      | jokaisella ohjelman osalla on vahvistettu puhuja   |
      | Sovi paneelin puheenjohtaja                        |

  @advance
  Tapaus: Ohjelma on valmis ja tilaisuus etenee
    Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin tilaisuus siirtyy vaiheeseen "Kutsu ja ilmoittautuminen"

  @advance
  Tapaus: Paneeli tarvitsee puheenjohtajan
    Oletetaan suunnittelu on edennyt vaiheeseen "Ohjelma ja puhujat" ja kaikki on kunnossa
    Kun "Sovi paneelin puheenjohtaja" jää tekemättä
    Niin vaihetta ei voi jättää ennen kuin "Sovi paneelin puheenjohtaja" on kunnossa

  @advance
  Tapaus: Kutsuvaihetta yritetään jättää ennen kuin kutsu on valmis
    Oletetaan suunnittelu on juuri edennyt vaiheeseen "Kutsu ja ilmoittautuminen"
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin pyyntö hylätään ja kaikki puuttuvat vaatimukset luetellaan:
      | mitä hyvillä väestösuhteilla tarkoitetaan |
      | esteettömyysasioiden yhteyshenkilöstä     |
      | Julkaise tietosuojaseloste                |
      | ilmoittautumisen määräpäivä               |
      | viimeistään neljä viikkoa                 |

  @advance
  Tapaus: Kutsu on lähetetty ja tilaisuus etenee
    Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin tilaisuus siirtyy vaiheeseen "Paneelikysymykset"

  @advance
  Tapaus: Ilmoittautumisen on päätyttävä vähintään kaksi päivää ennen
    Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
    Kun ilmoittautuminen päättyy tilaisuutta edeltävänä päivänä
    Niin vaihetta ei voi jättää ennen kuin "ilmoittautumisen määräpäivä" on kunnossa

  @advance
  Tapaus: Kolme viikkoa ennen lähetetty kutsu on liian myöhässä
    Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
    Kun kutsu lähetetään vasta 3 viikkoa ennen tilaisuutta
    Niin vaihetta ei voi jättää ennen kuin "viimeistään neljä viikkoa" on kunnossa
    Ja "viimeistään kuusi viikkoa" näytetään suosituksena

  @advance
  Tapaus: Viisi viikkoa ennen lähetetty kutsu on myöhässä mutta sallittu
    Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
    Kun kutsu lähetetään vasta 5 viikkoa ennen tilaisuutta
    Niin "viimeistään kuusi viikkoa" näytetään suosituksena
    Ja "viimeistään neljä viikkoa" on kunnossa
    Ja vaiheesta pääsee silti eteenpäin

  @advance
  Tapaus: Harvat kohderyhmät ja kumppanin jakamatta jättäminen ovat suosituksia
    Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
    Kun kutsu osoitetaan vain 2 kohderyhmälle
    Ja "jakaa kutsun omissa verkostoissaan" jää tekemättä
    Niin "vähintään kolmesta kohderyhmästä" näytetään suosituksena
    Ja "jakaa kutsun omissa verkostoissaan" näytetään suosituksena
    Ja vaiheesta pääsee silti eteenpäin

  @advance
  Tapaus: Paneelikysymyksiä yritetään ohittaa ennen kuin niitä on kirjoitettu
    Oletetaan suunnittelu on juuri edennyt vaiheeseen "Paneelikysymykset"
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin pyyntö hylätään ja kaikki puuttuvat vaatimukset luetellaan:
      | paneelikysymystä tai -teemaa                |
      | Lähetä kysymykset tai teemat panelisteille  |

  @advance
  Tapaus: Paneelikysymykset on lähetetty ja tilaisuus etenee
    Oletetaan suunnittelu on edennyt vaiheeseen "Paneelikysymykset" ja kaikki on kunnossa
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin tilaisuus siirtyy vaiheeseen "Toteutus"

  @advance
  Tapaus: Panelistien valmistelupuhelu on suositus
    Oletetaan suunnittelu on edennyt vaiheeseen "Paneelikysymykset" ja kaikki on kunnossa
    Kun "valmistelupuhelu" jää tekemättä
    Niin "valmistelupuhelu" näytetään suosituksena
    Ja vaiheesta pääsee silti eteenpäin

  @advance
  Tapaus: Toteutusta yritetään jättää ennen kuin tilaisuus on valmisteltu
    Oletetaan suunnittelu on juuri edennyt vaiheeseen "Toteutus"
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin pyyntö hylätään ja kaikki puuttuvat vaatimukset luetellaan:
      | lopullinen ohjelma ja tekniset tarpeet  |
      | tilaisuuden käsikirjoitus               |
      | osallistujamäärä ja erityisruokavaliot  |
      | käytännön tiedot                        |
      | Kirjaa osallistujat                     |

  @advance
  Tapaus: Tilaisuus on pidetty ja siirtyy seurantaan
    Oletetaan suunnittelu on edennyt vaiheeseen "Toteutus" ja kaikki on kunnossa
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin tilaisuus siirtyy vaiheeseen "Seuranta"

  @advance
  Tapaus: Muistutukset ja palautekysely ovat päivän suosituksia
    Oletetaan suunnittelu on edennyt vaiheeseen "Toteutus" ja kaikki on kunnossa
    Kun "Muistuta kutsuttuja" jää tekemättä
    Ja "Jaa palautekysely" jää tekemättä
    Niin "Muistuta kutsuttuja" näytetään suosituksena
    Ja "Jaa palautekysely" näytetään suosituksena
    Ja vaiheesta pääsee silti eteenpäin

  @advance
  Tapaus: Seurantaa yritetään jättää ennen kuin se on tehty
    Oletetaan suunnittelu on juuri edennyt vaiheeseen "Seuranta"
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin pyyntö hylätään ja kaikki puuttuvat vaatimukset luetellaan:
      | Kirjaa toteutuneet kustannukset  |
      | Lähetä seurantaraportti          |
      | Poista ilmoittautumistiedot      |

  @advance
  Tapaus: Seurannan jälkeen tilaisuus on valmis
    Oletetaan suunnittelu on edennyt vaiheeseen "Seuranta" ja kaikki on kunnossa
    Kun suunnittelija pyytää siirtämään tilaisuuden seuraavaan vaiheeseen
    Niin tilaisuus siirtyy vaiheeseen "valmis"

  @advance
  Tapaus: Kiitokset ja palautepalaveri ovat suosituksia tilaisuuden jälkeen
    Oletetaan suunnittelu on edennyt vaiheeseen "Seuranta" ja kaikki on kunnossa
    Kun "kiitokset, palautelinkki" jää tekemättä
    Ja "Pidä palautepalaveri" jää tekemättä
    Niin "kiitokset, palautelinkki" näytetään suosituksena
    Ja "Pidä palautepalaveri" näytetään suosituksena
    Ja vaiheesta pääsee silti eteenpäin

  @reopen
  Tapaus: Vaihe avataan uudelleen, kun asiantuntija peruu
    Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
    Kun suunnittelija avaa vaiheen "Ohjelma ja puhujat" uudelleen perustellen "Asiantuntijapuhuja perui tulonsa"
    Niin tilaisuus on taas vaiheessa "Ohjelma ja puhujat"
    Ja historiaan on kirjattu perustelu "Asiantuntijapuhuja perui tulonsa"

  @reopen
  Tapaus: Vaihetta ei avata uudelleen ilman perustelua
    Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
    Kun suunnittelija avaa vaiheen "Ohjelma ja puhujat" uudelleen perustelematta
    Niin pyyntö hylätään, koska perustelu puuttuu

  @cancel
  Tapaus: Tilaisuus perutaan perustellen
    Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
    Kun suunnittelija peruu tilaisuuden perustellen "Tila ei ole enää käytettävissä"
    Niin tilaisuus on peruttu
    Ja historiaan on kirjattu perustelu "Tila ei ole enää käytettävissä"

  @cancel
  Tapaus: Tilaisuutta ei peruta ilman perustelua
    Oletetaan suunnittelu on edennyt vaiheeseen "Tapahtumapaikka" ja kaikki on kunnossa
    Kun suunnittelija peruu tilaisuuden perustelematta
    Niin pyyntö hylätään, koska perustelu puuttuu
