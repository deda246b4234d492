# language: sv
Egenskap: En tillställnings livscykel
  Motorn bedömer en tillställning under hela dess livscykel, inte bara vid dörren till det
  nuvarande skedet: det som kom överens tidigare ska fortfarande gälla, tillställningens dag
  kommer när den kommer, uppgifter antecknas i den ordning som guiden anger, ett nytt datum
  visar vad det gör inaktuellt, och ett skede kan bara öppnas på nytt bakåt.

  Bakgrund:
    Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

  @L1
  Regel: Ett krav i ett skede som redan har lämnats och som senare bryts håller kvar tillställningen tills det är åtgärdat

    @kept
    Scenario: Den överenskomna samarbetsorganisationen är kvar efter avtalet
      Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
      Så inget krav i de skeden som redan har lämnats är brutet
      Och skedet kan ändå lämnas

    @broken
    Scenario: Samarbetsorganisationen drar sig ur efter avtalet
      Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
      När samarbetsorganisationen drar sig ur efter avtalet
      Så ändringen sparas med en varning om att "Minst en samarbetsorganisation" inte längre uppfylls
      Och tillställningen kan inte gå vidare förrän det är åtgärdat

  @L2
  Regel: Tillställningen genomförs på sin dag: genomförandet lämnas och dagens punkter bockas av tidigast på tillställningens dag

    @kept
    Scenario: Genomförandet lämnas på tillställningens dag
      Givet planeringen har nått skedet "Genomförande" och allt är i ordning
      Och tillställningens dag har kommit
      Så skedet kan ändå lämnas

    @broken
    Scenario: Genomförandet kan inte lämnas veckor före tillställningen
      Givet planeringen har nått skedet "Genomförande" och allt är i ordning
      Och en planerare arbetar med den 14 dagar före tillställningen
      Så skedet kan inte lämnas före tillställningens dag

    @broken
    Scenario: Deltagarna kan inte antecknas före tillställningens dag
      Givet planeringen har just nått skedet "Genomförande"
      Och en planerare arbetar med den 14 dagar före tillställningen
      När en planerare bockar av "Anteckna deltagarna"
      Så begäran avvisas eftersom det är för tidigt

  @L3
  Regel: En uppgift i ett senare skede antecknas först efter det som måste komma före den

    @kept
    Scenario: Inbjudan skickas när avtalet är klart
      Givet planeringen har just nått skedet "Inbjudan och anmälan"
      När en planerare antecknar att inbjudan har skickats
      Så begäran godkänns

    @broken
    Scenario: Inbjudan markeras som skickad innan något är överenskommet
      Givet planeringen har just nått skedet "Samarbetsavtal med samarbetsorganisationen"
      När en planerare antecknar att inbjudan har skickats
      Så begäran avvisas tills "skriftligt godkänt" är i ordning

    @broken
    Scenario: Anmälningarna importeras innan dataskyddsbeskrivningen är publicerad
      Givet planeringen har just nått skedet "Inbjudan och anmälan"
      När en planerare importerar anmälningarna
      Så begäran avvisas tills "Publicera dataskyddsbeskrivningen" är i ordning

    @broken
    Scenario: Inbjudan markeras som skickad innan varje talare har bekräftat
      Givet planeringen har just nått skedet "Inbjudan och anmälan"
      När kommentatorn ännu inte har bekräftat sin medverkan
      Och en planerare antecknar att inbjudan har skickats
      Så begäran avvisas tills "varje programpunkt har en bekräftad talare" är i ordning

    @broken
    Scenario: Panelfrågorna markeras som skickade innan tillställningen når deras skede
      Givet planeringen har just nått skedet "Program och talare"
      När en planerare bockar av "Ta fram 3–6 panelfrågor eller teman tillsammans med moderatorn"
      Och en planerare antecknar att panelfrågorna har skickats
      Så begäran avvisas tills tillställningen har nått skedet "Panelfrågor"

    @broken
    Scenario: En panelfråga som läggs till efter utskicket är ännu inte skickad
      Givet planeringen har nått skedet "Panelfrågor" och allt är i ordning
      När en planerare lägger till en panelfråga efter att frågorna har skickats
      Så skedet kan inte lämnas förrän "Skicka frågorna eller temana till paneldeltagarna" är i ordning

  @L4
  Regel: Ett nytt datum flyttar alla förfallodagar och visar vad det gör inaktuellt; ett passerat datum avvisas

    @kept
    Scenario: Tillställningen flyttas innan något har skickats
      Givet planeringen har nått skedet "Program och talare" och allt är i ordning
      När en planerare flyttar tillställningen 4 veckor senare
      Så ingenting rapporteras som inaktuellt

    @broken
    Scenario: Tillställningen flyttas efter att inbjudan har skickats
      Givet planeringen har nått skedet "Panelfrågor" och allt är i ordning
      När en planerare flyttar tillställningen 4 veckor senare
      Så planeraren uppmanas att skicka inbjudan på nytt

    @broken
    Scenario: Tillställningen flyttas till en dag som redan har passerat
      Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
      När en planerare flyttar tillställningen till en dag som redan har passerat
      Så begäran avvisas eftersom dagen redan har passerat

  @L5
  Regel: Ett skede öppnas på nytt bara bakåt, också efter en inställning

    @kept
    Scenario: En inställd tillställning öppnas på nytt i det skede där den ställdes in
      Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
      När en planerare öppnar skedet "Plats och lokal" på nytt efter att ha ställt in tillställningen
      Så tillställningen är tillbaka i skedet "Plats och lokal"

    @broken
    Scenario: En inställd tillställning kan inte hoppa fram till uppföljningen
      Givet planeringen har nått skedet "Plats och lokal" och allt är i ordning
      När en planerare öppnar skedet "Uppföljning" på nytt efter att ha ställt in tillställningen
      Så begäran avvisas eftersom ett skede bara kan öppnas på nytt bakåt
