# language: sv
Egenskap: Planeringens skeden
  En tillställning lämnar ett skede först när alla krav i skedet är uppfyllda; en planerare som
  frågar för tidigt får höra alla skäl på en gång. Rekommendationer visas men håller aldrig
  tillbaka tillställningen. Ett skede kan öppnas på nytt och en tillställning ställas in, båda
  med motiveringen antecknad.

  Bakgrund:
    Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

  @advance
  Scenario: Samarbetsavtalet lämnas innan något är överenskommet
    Givet planeringen har just nått skedet "Samarbetsavtal med samarbetsorganisationen"
    När en planerare begär att tillställningen flyttas till nästa skede
    Så begäran avvisas och alla ouppfyllda krav listas:
      | Minst en samarbetsorganisation planerar |
      | vem som tar emot anmälningarna |
      | skriftligt godkänt |
      | Bestäm modellen för personuppgiftsansvar |
      | Engagera aktörer från målgruppen |

  @advance
  Scenario: Samarbetsavtalet lämnas när det är i ordning
    Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
    När en planerare begär att tillställningen flyttas till nästa skede
    Så tillställningen går vidare till skedet "Plats och lokal"

  @advance
  Scenario: Utan startmöte är avtalet ändå klart
    Givet planeringen har nått skedet "Samarbetsavtal med samarbetsorganisationen" och allt är i ordning
    När "Håll ett startmöte" lämnas ogjort
    Så "Håll ett startmöte" visas som rekommendation
    Och skedet kan ändå lämnas

  @advance
  Scenario: Lokalskedet lämnas innan lokalen är bokad
    Givet planeringen har just nått skedet "Plats och lokal"
    När en planerare begär att tillställningen flyttas till nästa skede
    Så begäran avvisas och alla ouppfyllda krav listas:
      | Boka lokalen och anteckna namn |
      | Anteckna lokalens tillgänglighet |
      | Utse en person som ansvarar för information om tillgänglighet |

  @advance
  Scenario: Lokalskedet lämnas när lokalen är bokad
    Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
    När en planerare begär att tillställningen flyttas till nästa skede
    Så tillställningen går vidare till skedet "Kostnadsfördelning"

  @advance
  Scenario: En lokal utan adress är ännu inte bokad
    Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
    När lokalens adress inte har antecknats
    Så skedet kan inte lämnas förrän "Boka lokalen och anteckna namn" är i ordning

  @advance
  Scenario: Servering och teknik är rekommendationer i lokalskedet
    Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
    När "Kom överens om mötesservering" lämnas ogjort
    Och "Säkerställ tekniken" lämnas ogjort
    Så "Kom överens om mötesservering" visas som rekommendation
    Och "Säkerställ tekniken" visas som rekommendation
    Och skedet kan ändå lämnas

  @advance
  Scenario: Kostnadsfördelningen lämnas innan budgeten finns
    Givet planeringen har just nått skedet "Kostnadsfördelning"
    När en planerare begär att tillställningen flyttas till nästa skede
    Så begäran avvisas och alla ouppfyllda krav listas:
      | Gör upp en budget |
      | Anteckna kostnadsfördelningen |
      | godkänner kostnadsfördelningen |

  @advance
  Scenario: Kostnadsfördelningen lämnas när kostnaderna är fördelade
    Givet planeringen har nått skedet "Kostnadsfördelning" och allt är i ordning
    När en planerare begär att tillställningen flyttas till nästa skede
    Så tillställningen går vidare till skedet "Program och talare"

  @advance
  Scenario: Programskedet lämnas innan någon talare är bokad
    Givet planeringen har just nått skedet "Program och talare"
    När en planerare begär att tillställningen flyttas till nästa skede
    Så begäran avvisas och alla ouppfyllda krav listas:
      | Ordna ett sakkunnigföredrag |
      | Ordna ett anförande om regionens befolkning |
      | kommentarsanföranden av personer från målgruppen |
      | Ordna en panel- eller annan diskussion |
      | varje programpunkt har en bekräftad talare |
      | Utse en moderator för panelen |

  @advance
  Scenario: Programskedet lämnas när programmet är klart
    Givet planeringen har nått skedet "Program och talare" och allt är i ordning
    När en planerare begär att tillställningen flyttas till nästa skede
    Så tillställningen går vidare till skedet "Inbjudan och anmälan"

  @advance
  Scenario: Panelen behöver en moderator
    Givet planeringen har nått skedet "Program och talare" och allt är i ordning
    När "Utse en moderator för panelen" lämnas ogjort
    Så skedet kan inte lämnas förrän "Utse en moderator för panelen" är i ordning

  @advance
  Scenario: Inbjudningsskedet lämnas innan inbjudan är klar
    Givet planeringen har just nått skedet "Inbjudan och anmälan"
    När en planerare begär att tillställningen flyttas till nästa skede
    Så begäran avvisas och alla ouppfyllda krav listas:
      | Förklara i inbjudan vad som avses med goda relationer |
      | Ange i inbjudan information om tillgänglighet |
      | Publicera dataskyddsbeskrivningen |
      | Sätt sista anmälningsdag |
      | senast fyra veckor före tillställningen |

  @advance
  Scenario: Inbjudningsskedet lämnas när inbjudan har gått ut
    Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
    När en planerare begär att tillställningen flyttas till nästa skede
    Så tillställningen går vidare till skedet "Panelfrågor"

  @advance
  Scenario: Anmälan måste stänga minst två dagar före tillställningen
    Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
    När anmälan stänger dagen före tillställningen
    Så skedet kan inte lämnas förrän "Sätt sista anmälningsdag" är i ordning

  @advance
  Scenario: En inbjudan som skickas tre veckor före tillställningen är för sen
    Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
    När inbjudan skickas först 3 veckor före tillställningen
    Så skedet kan inte lämnas förrän "senast fyra veckor före tillställningen" är i ordning
    Och "senast sex veckor före tillställningen (rekommendation)" visas som rekommendation

  @advance
  Scenario: En inbjudan som skickas fem veckor före tillställningen är sen men tillåten
    Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
    När inbjudan skickas först 5 veckor före tillställningen
    Så "senast sex veckor före tillställningen (rekommendation)" visas som rekommendation
    Och "senast fyra veckor före tillställningen" är i ordning
    Och skedet kan ändå lämnas

  @advance
  Scenario: Få målgrupper och ingen spridning via samarbetsorganisationen är rekommendationer
    Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
    När bara 2 målgrupper bjuds in
    Och "sprider inbjudan i sina egna nätverk" lämnas ogjort
    Så "Bjud in deltagare från minst tre målgrupper" visas som rekommendation
    Och "sprider inbjudan i sina egna nätverk" visas som rekommendation
    Och skedet kan ändå lämnas

  @advance
  Scenario: Panelfrågorna lämnas innan några är skrivna
    Givet planeringen har just nått skedet "Panelfrågor"
    När en planerare begär att tillställningen flyttas till nästa skede
    Så begäran avvisas och alla ouppfyllda krav listas:
      | panelfrågor eller teman tillsammans med moderatorn |
      | Skicka frågorna eller temana till paneldeltagarna |

  @advance
  Scenario: Panelfrågorna lämnas när de är skickade
    Givet planeringen har nått skedet "Panelfrågor" och allt är i ordning
    När en planerare begär att tillställningen flyttas till nästa skede
    Så tillställningen går vidare till skedet "Genomförande"

  @advance
  Scenario: Ett förberedande samtal med paneldeltagarna är en rekommendation
    Givet planeringen har nått skedet "Panelfrågor" och allt är i ordning
    När "förberedande samtal" lämnas ogjort
    Så "förberedande samtal" visas som rekommendation
    Och skedet kan ändå lämnas

  @advance
  Scenario: Genomförandet lämnas innan tillställningen är förberedd
    Givet planeringen har just nått skedet "Genomförande"
    När en planerare begär att tillställningen flyttas till nästa skede
    Så begäran avvisas och alla ouppfyllda krav listas:
      | slutliga programmet och de tekniska behoven till lokalen |
      | Gör ett körschema |
      | deltagarantal och specialkost |
      | Skicka praktisk information till de anmälda |
      | Anteckna deltagarna |

  @advance
  Scenario: Genomförandet lämnas när tillställningen har hållits
    Givet planeringen har nått skedet "Genomförande" och allt är i ordning
    När en planerare begär att tillställningen flyttas till nästa skede
    Så tillställningen går vidare till skedet "Uppföljning"

  @advance
  Scenario: Påminnelser och utvärderingsenkäten är rekommendationer på dagen
    Givet planeringen har nått skedet "Genomförande" och allt är i ordning
    När "Påminn inbjudna" lämnas ogjort
    Och "Dela ut utvärderingsenkäten" lämnas ogjort
    Så "Påminn inbjudna" visas som rekommendation
    Och "Dela ut utvärderingsenkäten" visas som rekommendation
    Och skedet kan ändå lämnas

  @advance
  Scenario: Uppföljningen lämnas innan den är gjord
    Givet planeringen har just nått skedet "Uppföljning"
    När en planerare begär att tillställningen flyttas till nästa skede
    Så begäran avvisas och alla ouppfyllda krav listas:
      | Anteckna de faktiska kostnaderna |
      | Skicka uppföljningsrapporten |
      | Radera anmälningsuppgifterna |

  @advance
  Scenario: När uppföljningen är gjord är tillställningen klar
    Givet planeringen har nått skedet "Uppföljning" och allt är i ordning
    När en planerare begär att tillställningen flyttas till nästa skede
    Så tillställningen går vidare till skedet "klar"

  @advance
  Scenario: Tack och ett utvärderingsmöte är rekommendationer efter tillställningen
    Givet planeringen har nått skedet "Uppföljning" och allt är i ordning
    När "Skicka tack" lämnas ogjort
    Och "Håll ett utvärderingsmöte" lämnas ogjort
    Så "Skicka tack" visas som rekommendation
    Och "Håll ett utvärderingsmöte" visas som rekommendation
    Och skedet kan ändå lämnas

  @reopen
  Scenario: Ett skede öppnas på nytt när en sakkunnig får förhinder
    Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
    När en planerare öppnar skedet "Program och talare" på nytt med motiveringen "Den sakkunniga talaren har fått förhinder"
    Så tillställningen är tillbaka i skedet "Program och talare"
    Och historiken anger motiveringen "Den sakkunniga talaren har fått förhinder"

  @reopen
  Scenario: Ett skede öppnas inte på nytt utan motivering
    Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
    När en planerare öppnar skedet "Program och talare" på nytt utan motivering
    Så begäran avvisas eftersom motivering saknas

  @cancel
  Scenario: En tillställning ställs in med motivering
    Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
    När en planerare ställer in tillställningen med motiveringen "Lokalen är inte längre tillgänglig"
    Så tillställningen är inställd
    Och historiken anger motiveringen "Lokalen är inte längre tillgänglig"

  @cancel
  Scenario: En tillställning ställs inte in utan motivering
    Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
    När en planerare ställer in tillställningen utan motivering
    Så begäran avvisas eftersom motivering saknas
