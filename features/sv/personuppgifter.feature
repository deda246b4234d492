# language: sv
Egenskap: Deltagarnas personuppgifter
  Anmälningsuppgifterna samlas in enligt en modell för personuppgiftsansvar som bestäms under
  planeringen, med en dataskyddsbeskrivning som publiceras innan anmälan öppnar; de lämnas ut
  endast enligt beskrivningen och raderas efter tillställningen och uppföljningen.

  Bakgrund:
    Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

  @G1
  Regel: Modellen för personuppgiftsansvar för anmälningsuppgifterna bestäms under planeringen

    @kept
    Scenario: Organisationerna är gemensamt personuppgiftsansvariga
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      Så "Bestäm modellen för personuppgiftsansvar för anmälningsuppgifterna" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: Modellen för personuppgiftsansvar lämnas öppen
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      När modellen för personuppgiftsansvar för anmälningsuppgifterna lämnas öppen
      Så skedet kan inte lämnas förrän "Bestäm modellen för personuppgiftsansvar för anmälningsuppgifterna" är i ordning

  @G2
  Regel: Dataskyddsbeskrivningen publiceras innan anmälan öppnar

    @kept
    Scenario: Dataskyddsbeskrivningen är länkad på anmälningsblanketten
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      Så "Publicera dataskyddsbeskrivningen" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: Anmälan öppnar utan dataskyddsbeskrivning
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När "Publicera dataskyddsbeskrivningen" lämnas ogjort
      Så skedet kan inte lämnas förrän "Publicera dataskyddsbeskrivningen" är i ordning
      Och "Publicera dataskyddsbeskrivningen" kan inte hoppas över

  @G11
  Regel: Serveringen får deltagarantal och specialkost, inte namnen

    @kept
    Scenario: Cateringfirman får deltagarantal och specialkost utan namn
      Givet planeringen har nått skedet "Genomförande" och allt är i ordning
      Så "deltagarantal och specialkost" är i ordning
      Och skedet kan lämnas

    @kept
    Scenario: Ingen servering, så ingenting skickas
      Givet planeringen har nått skedet "Genomförande" och allt är i ordning
      När "deltagarantal och specialkost" hoppas över med motiveringen "Ingen servering ordnas"
      Så "deltagarantal och specialkost" är i ordning

    @broken
    Scenario: Deltagarantalet skickas inte till serveringen
      Givet planeringen har nått skedet "Genomförande" och allt är i ordning
      När "deltagarantal och specialkost" lämnas ogjort
      Så skedet kan inte lämnas förrän "deltagarantal och specialkost" är i ordning

  @G7
  Regel: Anmälningsuppgifterna raderas efter uppföljningen; endast anonymiserade sammanställningar sparas

    @kept
    Scenario: Anmälningsuppgifterna raderas efter uppföljningen
      Givet planeringen har nått skedet "Uppföljning" och allt är i ordning
      Så "Radera anmälningsuppgifterna" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: Anmälningsuppgifterna sparas efter uppföljningen
      Givet planeringen har nått skedet "Uppföljning" och allt är i ordning
      När deltagarnas personuppgifter inte har raderats
      Så skedet kan inte lämnas förrän "Radera anmälningsuppgifterna" är i ordning
      Och "Radera anmälningsuppgifterna" kan inte hoppas över
