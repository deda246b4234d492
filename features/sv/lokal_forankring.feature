# language: sv
Egenskap: Så lokalt som möjligt
  En utbildningsdag är så lokal som möjligt: den omfattar högst ett landskap (maakunta) eller
  ett mindre område inom det.

  Bakgrund:
    Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

  @R13
  Regel: Tillställningen omfattar högst ett landskap

    @kept
    Scenario: Tillställningen håller sig inom Birkaland
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      Så "Avgränsa tillställningen till ett landskap" är i ordning
      Och "Avgränsa tillställningen till ett landskap" måste uppfyllas innan skedet kan lämnas
      Och skedet kan lämnas

    @broken
    Scenario: Tillställningen dras ut över två landskap
      Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
      När en planerare försöker utvidga tillställningen till att även omfatta Egentliga Tavastland
      Så ändringen avvisas eftersom tillställningen omfattar högst ett landskap
      Och "Avgränsa tillställningen till ett landskap" kan inte hoppas över
