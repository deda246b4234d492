# language: sv
Egenskap: Samarbetet och samarbetsavtalet
  Utbildningen planeras tillsammans med minst en samarbetsorganisation, och organisationerna
  kommer skriftligt överens om de sex saker som guiden nämner innan något skickas ut.

  Bakgrund:
    Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

  @R1
  Regel: Minst en samarbetsorganisation utöver arrangören planerar utbildningen

    @kept
    Scenario: En andra samarbetsorganisation ansluter sig till planeringen
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      När en andra samarbetsorganisation ansluter sig
      Så "Minst en samarbetsorganisation planerar" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: Samarbetsorganisationen drar sig ur planeringen
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      När samarbetsorganisationen drar sig ur
      Så skedet kan inte lämnas förrän "Minst en samarbetsorganisation planerar" är i ordning
      Och "Minst en samarbetsorganisation planerar" kan inte hoppas över

    @broken
    Scenario: Arrangören anger sig själv som sin samarbetsorganisation
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      När den enda angivna samarbetsorganisationen är arrangören själv
      Så skedet kan inte lämnas förrän "Minst en samarbetsorganisation planerar" är i ordning

  @R2
  Regel: Avtalet anger tidpunkt, plats, kostnadsfördelning, program, vem som skickar inbjudningarna och vem som tar emot anmälningarna

    @kept
    Scenario: Alla sex saker är överenskomna och avtalet är skriftligt godkänt
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      Så "vem som tar emot anmälningarna" är i ordning
      Och "skriftligt godkänt" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: Ingen har kommit överens om vem som tar emot anmälningarna
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      När avtalet inte anger vem som tar emot anmälningarna
      Så skedet kan inte lämnas förrän "vem som tar emot anmälningarna" är i ordning
      Och "vem som tar emot anmälningarna" kan inte hoppas över

    @broken
    Scenario: Avtalet har inte godkänts skriftligt
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      När "skriftligt godkänt" lämnas ogjort
      Så skedet kan inte lämnas förrän "skriftligt godkänt" är i ordning
