# language: sv
Egenskap: Kostnaderna och hur de fördelas
  Budgeten täcker lokal, mötesservering, talararvoden och resor. Talare som medverkar i tjänsten
  får inget arvode. Gemensamma kostnader fördelas mellan organisationerna post för post.

  Bakgrund:
    Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

  @R4
  Regel: Budgeten har poster för lokal, mötesservering, talararvoden och resor

    @kept
    Scenario: Varje slags kostnad har sin budgetpost
      Givet planeringen har nått skedet "Kostnadsfördelning" och allt är i ordning
      Så "Gör upp en budget" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: Resekostnaderna saknas i budgeten
      Givet planeringen har nått skedet "Kostnadsfördelning" och allt är i ordning
      När budgeten saknar en post för resekostnader
      Så skedet kan inte lämnas förrän "Gör upp en budget" är i ordning

  @R5
  Regel: En talare som medverkar i tjänsten får inget arvode

    @kept
    Scenario: En sakkunnig från ett ministerium talar utan arvode
      Givet planeringen har nått skedet "Kostnadsfördelning" och allt är i ordning
      När en sakkunnig som medverkar i tjänsten bokas utan arvode
      Så "Markera talare som medverkar i tjänsten" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: En sakkunnig som medverkar i tjänsten erbjuds arvode
      Givet planeringen har nått skedet "Kostnadsfördelning" och allt är i ordning
      När en sakkunnig som medverkar i tjänsten bokas mot ett arvode på 200 euro
      Så skedet kan inte lämnas förrän "Markera talare som medverkar i tjänsten" är i ordning

  @R6
  Regel: Med en medarrangör antecknas kostnadsfördelningen för varje budgetpost och godkänns

    @kept
    Scenario: Varje budgetpost fördelas mellan organisationerna
      Givet planeringen har nått skedet "Kostnadsfördelning" och allt är i ordning
      Så "Anteckna kostnadsfördelningen" är i ordning
      Och "godkänner kostnadsfördelningen" är i ordning
      Och skedet kan lämnas

    @kept
    Scenario: Utan medarrangör finns det inget att fördela
      Givet planeringen har nått skedet "Kostnadsfördelning" och allt är i ordning
      När samarbetsorganisationen drar sig ur
      Så "Anteckna kostnadsfördelningen" gäller inte denna tillställning

    @broken
    Scenario: Fördelningen av serveringen blir mindre än helheten
      Givet planeringen har nått skedet "Kostnadsfördelning" och allt är i ordning
      När fördelningen av serveringskostnaderna blir sammanlagt 90 %
      Så skedet kan inte lämnas förrän "Anteckna kostnadsfördelningen" är i ordning

    @broken
    Scenario: Samarbetsorganisationen har inte godkänt kostnadsfördelningen
      Givet planeringen har nått skedet "Kostnadsfördelning" och allt är i ordning
      När "godkänner kostnadsfördelningen" lämnas ogjort
      Så skedet kan inte lämnas förrän "godkänner kostnadsfördelningen" är i ordning

    @broken
    Scenario: Samarbetsorganisationen drar sig ur efter kostnadsfördelningen, rader förblir fördelade på den
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När samarbetsorganisationen drar sig ur efter avtalet
      Så "Anteckna kostnadsfördelningen" är brutet i ett skede som redan lämnats, och åtgärden anges
      Och tillställningen kan inte gå vidare förrän det är åtgärdat
