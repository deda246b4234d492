# language: sv
Egenskap: Tillgänglighet och inspelning
  Deltagarna vet hur tillgänglig tillställningen är och vem de kan fråga; lokalens
  tillgänglighet är känd. Om tillställningen spelas in, strömmas eller fotograferas sägs det på
  anmälningsblanketten, i bekräftelsen och i början av tillställningen.

  Bakgrund:
    Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

  @R23
  Regel: Lokalens tillgänglighet är känd, en person ansvarar för den och inbjudan berättar om den för deltagarna

    @kept
    Scenario: Lokalens tillgänglighet och dess kontaktperson är antecknade
      Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
      Så "Anteckna lokalens tillgänglighet" är i ordning
      Och "Utse en person som ansvarar för information om tillgänglighet" är i ordning
      Och skedet kan lämnas

    @kept
    Scenario: Information om tillgänglighet hoppas över för en tillställning som bara hålls på distans
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När inbjudan anger ingen kontaktperson för tillgänglighetsfrågor
      Och "Ange i inbjudan information om tillgänglighet och en kontaktperson" hoppas över med motiveringen "Tillställningen hålls endast på distans"
      Så "Ange i inbjudan information om tillgänglighet och en kontaktperson" är i ordning

    @broken
    Scenario: Lokalens tillgänglighet är inte antecknad
      Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
      När lokalens tillgänglighet inte har antecknats
      Så skedet kan inte lämnas förrän "Anteckna lokalens tillgänglighet" är i ordning

    @broken
    Scenario: Ingen ansvarar för information om tillgänglighet
      Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
      När "Utse en person som ansvarar för information om tillgänglighet" lämnas ogjort
      Så skedet kan inte lämnas förrän "Utse en person som ansvarar för information om tillgänglighet" är i ordning

    @broken
    Scenario: Inbjudan nämner ingen kontaktperson för tillgänglighetsfrågor
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När inbjudan anger ingen kontaktperson för tillgänglighetsfrågor
      Så skedet kan inte lämnas förrän "Ange i inbjudan information om tillgänglighet och en kontaktperson" är i ordning

  @R24
  Regel: En inspelning meddelas på anmälningsblanketten, i bekräftelsen och vid tillställningen

    @kept
    Scenario: En tillställning som spelas in meddelar inspelningen i alla kanaler
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      Och tillställningen spelas in
      Så "Informera om inspelning och fotografering på anmälningsblanketten" är i ordning
      Och skedet kan lämnas

    @kept
    Scenario: En tillställning som inte spelas in har inget att meddela
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      Så "Informera om inspelning och fotografering på anmälningsblanketten" gäller inte denna tillställning

    @broken
    Scenario: Anmälningsblanketten säger inte att tillställningen spelas in
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      Och tillställningen spelas in
      När anmälningsblanketten inte nämner inspelningen
      Så skedet kan inte lämnas förrän "Informera om inspelning och fotografering på anmälningsblanketten" är i ordning
      Och "Informera om inspelning och fotografering på anmälningsblanketten" kan inte hoppas över

    @broken
    Scenario: Inspelningen meddelas inte i början av tillställningen
      Givet planeringen har nått skedet "Genomförande" och allt är i ordning
      Och tillställningen spelas in
      När "Informera om inspelningen i början av tillställningen" lämnas ogjort
      Så skedet kan inte lämnas förrän "Informera om inspelningen i början av tillställningen" är i ordning
