# language: sv
Egenskap: Målgruppen deltar i arrangemangen
  Aktörer från den målgrupp som tillställningen riktar sig till deltar i arrangemangen, så att
  målgruppen nås bättre och effekterna blir av högre kvalitet.

  Bakgrund:
    Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

  @R15
  Regel: Minst en i arrangörsgruppen kommer från målgruppen

    @kept
    Scenario: En organisationsaktör från målgruppen finns i arrangörsgruppen
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      Så "Engagera aktörer från målgruppen" är i ordning
      Och skedet kan lämnas

    @kept
    Scenario: Planerarna hoppar över engagemanget och säger varför
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      När ingen från målgruppen deltar i arrangemangen
      Och "Engagera aktörer från målgruppen" hoppas över med motiveringen "Målgruppens föreningar planerar programmet tillsammans med oss"
      Så "Engagera aktörer från målgruppen" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: Ingen från målgruppen deltar i arrangemangen
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      När ingen från målgruppen deltar i arrangemangen
      Så skedet kan inte lämnas förrän "Engagera aktörer från målgruppen" är i ordning
