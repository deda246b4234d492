# language: fi
Ominaisuus: Kutsut ja niiden kielet
  Kutsussa selvennetään, mitä hyvillä väestösuhteilla tarkoitetaan; kutsu tavoittaa kohderyhmät
  ja alueen ETNOn, ja se julkaistaan niillä kielillä, joita järjestäjä ja alue edellyttävät.

  @R12
  Rule: Kutsussa selvennetään, mitä hyvillä väestösuhteilla tarkoitetaan

    Tausta:
      Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

    @kept
    Tapaus: Kutsu selittää hyvät väestösuhteet neljän osa-alueen kautta
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Niin "mitä hyvillä väestösuhteilla tarkoitetaan" on kunnossa
      Ja "Mainitse määritelmässä" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Määritelmä poistetaan kutsusta
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun hyvien väestösuhteiden määritelmä poistetaan kutsusta
      Niin vaihetta ei voi jättää ennen kuin "mitä hyvillä väestösuhteilla tarkoitetaan" on kunnossa
      Ja "mitä hyvillä väestösuhteilla tarkoitetaan" ei ole ohitettavissa

    @broken
    Tapaus: Määritelmästä puuttuvat neljä osa-aluetta
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun määritelmässä ei mainita neljää osa-aluetta
      Niin "Mainitse määritelmässä" näytetään suosituksena
      Ja vaiheesta pääsee silti eteenpäin

  @R16
  Rule: Ennakkomateriaalissa on linkki osaamiskeskuksen webinaariin

    Tausta:
      Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

    @kept
    Tapaus: Webinaarin linkki on ennakkomateriaalissa
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Niin "Kotoutumisen osaamiskeskuksen webinaariin" on kunnossa

    @broken
    Tapaus: Webinaarin linkki jää pois
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun "Kotoutumisen osaamiskeskuksen webinaariin" jää tekemättä
      Niin "Kotoutumisen osaamiskeskuksen webinaariin" näytetään suosituksena
      Ja vaiheesta pääsee silti eteenpäin

  @R17
  Rule: Alueen alueellinen ETNO kutsutaan

    @kept
    Tapaus: Pirkanmaan ja Keski-Suomen ETNO kutsutaan
      Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa
      Ja suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Niin "Kutsu alueellinen etnisten suhteiden neuvottelukunta" on kunnossa

    @kept
    Tapaus: Ahvenanmaalla ei ole alueellista ETNOa
      Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Maarianhamina, Ahvenanmaa
      Ja suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Niin "Kutsu alueellinen etnisten suhteiden neuvottelukunta" ei koske tätä tilaisuutta

    @broken
    Tapaus: Alueellinen ETNO jää kutsulistalta
      Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa
      Ja suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun alueellista ETNOa ei kutsuta
      Niin "Kutsu alueellinen etnisten suhteiden neuvottelukunta" näytetään suosituksena
      Ja vaiheesta pääsee silti eteenpäin

  @R19
  Rule: Kaksikielinen viranomainen julkaisee kutsun suomeksi ja ruotsiksi; muille se on suositus

    @kept
    Tapaus: Kaksikielinen viranomainen kutsuu suomeksi ja ruotsiksi
      Oletetaan kaksikielisen viranomaisen järjestämä koulutuspäivä paikkakunnalla Vaasa, Pohjanmaa
      Ja suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Niin "Kaksikielinen viranomainen: julkaise kutsu" on kunnossa
      Ja vaiheesta pääsee eteenpäin

    @kept
    Tapaus: Yksikielinen kaupunki kutsuu myös ruotsiksi
      Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa
      Ja suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun kutsu julkaistaan suomeksi ja ruotsiksi
      Niin "Muut järjestäjät: harkitse kutsua" on kunnossa
      Ja "Kaksikielinen viranomainen: julkaise kutsu" ei koske tätä tilaisuutta

    @broken
    Tapaus: Kaksikielinen viranomainen kutsuu vain suomeksi
      Oletetaan kaksikielisen viranomaisen järjestämä koulutuspäivä paikkakunnalla Vaasa, Pohjanmaa
      Ja suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun kutsu julkaistaan vain suomeksi
      Niin vaihetta ei voi jättää ennen kuin "Kaksikielinen viranomainen: julkaise kutsu" on kunnossa

    @broken
    Tapaus: Yhdistys kutsuu vain suomeksi
      Oletetaan yhdistyksen järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa
      Ja suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun kutsu julkaistaan vain suomeksi
      Niin "Muut järjestäjät: harkitse kutsua" näytetään suosituksena
      Ja vaiheesta pääsee silti eteenpäin

  @R20
  Rule: Saamelaisten kotiseutualueen tilaisuudesta tiedotetaan myös saameksi

    @kept
    Tapaus: Inarin tilaisuudesta tiedotetaan myös pohjoissaameksi
      Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Inari, Lappi
      Ja suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun kutsu julkaistaan myös pohjoissaameksi
      Niin "tiedota tilaisuudesta myös saameksi" on kunnossa

    @kept
    Tapaus: Tampereen tilaisuus on saamelaisten kotiseutualueen ulkopuolella
      Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa
      Ja suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Niin "tiedota tilaisuudesta myös saameksi" ei koske tätä tilaisuutta

    @broken
    Tapaus: Inarin tilaisuudesta tiedotetaan vain suomeksi
      Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Inari, Lappi
      Ja suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun kutsu julkaistaan vain suomeksi
      Niin "tiedota tilaisuudesta myös saameksi" näytetään suosituksena
      Ja vaiheesta pääsee silti eteenpäin

  @R21
  Rule: Ahvenanmaalla tilaisuus järjestetään ja siitä tiedotetaan ruotsiksi

    @kept
    Tapaus: Ahvenanmaan tilaisuudesta tiedotetaan ruotsiksi
      Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Maarianhamina, Ahvenanmaa
      Ja suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun kutsu julkaistaan suomeksi ja ruotsiksi
      Niin "Ahvenanmaalla: järjestä tilaisuus" on kunnossa

    @broken
    Tapaus: Ahvenanmaan tilaisuudesta tiedotetaan vain suomeksi
      Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Maarianhamina, Ahvenanmaa
      Ja suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun kutsu julkaistaan vain suomeksi
      Niin "Ahvenanmaalla: järjestä tilaisuus" näytetään suosituksena
      Ja vaiheesta pääsee silti eteenpäin

  @R22
  Rule: Osallistumista muilla kielillä tarjotaan yleisön tarpeen mukaan

    Tausta:
      Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

    @kept
    Tapaus: Tulkkausta tarjotaan
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Niin "tulkkaus tai selkokielinen tiivistelmä" on kunnossa

    @broken
    Tapaus: Tulkkausta tai selkokielistä tiivistelmää ei tarjota
      Oletetaan suunnittelu on edennyt vaiheeseen "Kutsu ja ilmoittautuminen" ja kaikki on kunnossa
      Kun "tulkkaus tai selkokielinen tiivistelmä" jää tekemättä
      Niin "tulkkaus tai selkokielinen tiivistelmä" näytetään suosituksena
      Ja vaiheesta pääsee silti eteenpäin
