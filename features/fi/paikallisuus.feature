# language: fi
Ominaisuus: Mahdollisimman paikallinen tilaisuus
  Koulutuspäivä on mahdollisimman paikallinen: se kattaa enintään yhden maakunnan tai sitä
  suppeamman alueen.

  Tausta:
    Oletetaan kaupungin järjestämä koulutuspäivä paikkakunnalla Tampere, Pirkanmaa

  @R13
  Rule: Tilaisuus kattaa enintään yhden maakunnan

    @kept
    Tapaus: Tilaisuus pysyy Pirkanmaalla
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Niin "Rajaa tilaisuus yhteen maakuntaan" on kunnossa
      Ja "Rajaa tilaisuus yhteen maakuntaan" on täytettävä ennen kuin vaiheesta pääsee eteenpäin
      Ja vaiheesta pääsee eteenpäin

    @broken
    Tapaus: Tilaisuutta yritetään levittää kahteen maakuntaan
      Oletetaan suunnittelu on edennyt vaiheeseen "Yhteistyösopimus kumppanin kanssa" ja kaikki on kunnossa
      Kun suunnittelija yrittää laajentaa tilaisuuden kattamaan myös Kanta-Häme
      Niin muutos hylätään, koska tilaisuus kattaa enintään yhden maakunnan
      Ja "Rajaa tilaisuus yhteen maakuntaan" ei ole ohitettavissa
