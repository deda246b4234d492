# language: sv
Egenskap: Program och talare
  Programmet har ett sakkunnigföredrag, ett anförande om regionens befolkning, ett till tre
  kommentarsanföranden av personer från målgruppen och en panel om läget för relationerna mellan
  befolkningsgrupper i regionen; vid behov en presentation av lokal god praxis. Talarna
  bekräftas i god tid.

  Bakgrund:
    Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

  @R3
  Regel: Varje programpunkt har en bekräftad talare innan inbjudan skickas

    @kept
    Scenario: Alla talare har bekräftat
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      Så "varje programpunkt har en bekräftad talare" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: En kommentator har ännu inte bekräftat
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När kommentatorn ännu inte har bekräftat sin medverkan
      Så skedet kan inte lämnas förrän "varje programpunkt har en bekräftad talare" är i ordning

  @R7
  Regel: Programmet har minst ett sakkunnigföredrag om relationer mellan befolkningsgrupper och integration

    @kept
    Scenario: Ett sakkunnigföredrag är bokat
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      Så "Ordna ett sakkunnigföredrag" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: Sakkunnigföredraget stryks
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När sakkunnigföredraget stryks ur programmet
      Så skedet kan inte lämnas förrän "Ordna ett sakkunnigföredrag" är i ordning

  @R8
  Regel: Programmet har exakt ett anförande om regionens befolkning

    @kept
    Scenario: Ett anförande om regionens befolkning är bokat
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      Så "Ordna ett anförande om regionens befolkning" är i ordning
      Och "databasen med integrationsindikatorer" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: Två anföranden om regionens befolkning är bokade
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När ett andra anförande om regionens befolkning läggs till
      Så skedet kan inte lämnas förrän "Ordna ett anförande om regionens befolkning" är i ordning

    @broken
    Scenario: Inget anförande om regionens befolkning
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När anförandet om regionens befolkning stryks
      Så skedet kan inte lämnas förrän "Ordna ett anförande om regionens befolkning" är i ordning

    @broken
    Scenario: Databasen med integrationsindikatorer föreslås inte
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När "databasen med integrationsindikatorer" lämnas ogjort
      Så "databasen med integrationsindikatorer" visas som rekommendation
      Och skedet kan ändå lämnas

  @R9
  Regel: Programmet har ett till tre kommentarsanföranden, vart och ett av en person från målgruppen

    @kept
    Scenario: Tre kommentarsanföranden av personer från målgruppen
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När programmet har 3 kommentarsanföranden
      Så "kommentarsanföranden av personer från målgruppen" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: Fyra kommentarsanföranden är för många
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När programmet har 4 kommentarsanföranden
      Så skedet kan inte lämnas förrän "kommentarsanföranden av personer från målgruppen" är i ordning

    @broken
    Scenario: Inga kommentarsanföranden alls
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När programmet har 0 kommentarsanföranden
      Så skedet kan inte lämnas förrän "kommentarsanföranden av personer från målgruppen" är i ordning

    @broken
    Scenario: En kommentators målgrupp är inte känd
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När kommentatorns målgrupp inte har antecknats
      Så skedet kan inte lämnas förrän "kommentarsanföranden av personer från målgruppen" är i ordning

  @R10
  Regel: Programmet har en panel eller annan diskussion, helst med minst tre olika roller

    @kept
    Scenario: En panel med en polis, en fullmäktigeledamot och en organisationsarbetare
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      Så "Ordna en panel- eller annan diskussion" är i ordning
      Och "minst tre olika roller" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: Panelen stryks
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När panelen stryks ur programmet
      Så skedet kan inte lämnas förrän "Ordna en panel- eller annan diskussion" är i ordning

    @broken
    Scenario: Panelen har bara två olika roller
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När paneldeltagarna har bara 2 olika roller
      Så "minst tre olika roller" visas som rekommendation
      Och skedet kan ändå lämnas

  @R11
  Regel: Vid behov presenterar programmet lokal verksamhet där goda relationer mellan befolkningsgrupper förverkligas

    @kept
    Scenario: En presentation av lokal god praxis finns i programmet
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När en presentation av lokal god praxis läggs till
      Så "Överväg en presentation av lokal verksamhet" är i ordning

    @broken
    Scenario: Ingen lokal presentation
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      Så "Överväg en presentation av lokal verksamhet" visas som rekommendation
      Och skedet kan ändå lämnas

  @R18
  Regel: Programmet täcker de fyra delområdena av relationerna mellan befolkningsgrupper

    @kept
    Scenario: Programmet täcker alla fyra delområden
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      Så "Täck in de fyra delområdena i programmet" är i ordning

    @broken
    Scenario: Ingenting i programmet behandlar trygghetskänslan
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När ingen programpunkt behandlar trygghetskänslan
      Så "Täck in de fyra delområdena i programmet" visas som rekommendation
      Och skedet kan ändå lämnas
