# language: sv
Egenskap: Panelfrågorna i förväg
  Diskussionens frågor eller teman ges till paneldeltagarna i förväg, senast en vecka före
  tillställningen.

  Bakgrund:
    Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

  @R14
  Regel: Panelfrågorna eller temana skickas till paneldeltagarna i förväg

    @kept
    Scenario: Frågorna skickas två veckor före tillställningen
      Givet planeringen har nått skedet "Panelfrågor" och allt är i ordning
      Så "Skicka frågorna eller temana till paneldeltagarna" är i ordning
      Och "panelfrågor eller teman tillsammans med moderatorn" är i ordning
      Och skedet kan lämnas

    @kept
    Scenario: Frågorna skickas tio dagar före tillställningen
      Givet planeringen har nått skedet "Panelfrågor" och allt är i ordning
      När frågorna skickas till paneldeltagarna först 10 dagar före tillställningen
      Så "Skicka frågorna eller temana till paneldeltagarna" är i ordning

    @broken
    Scenario: Frågorna skickas aldrig
      Givet planeringen har nått skedet "Panelfrågor" och allt är i ordning
      När frågorna aldrig skickas till paneldeltagarna
      Så skedet kan inte lämnas förrän "Skicka frågorna eller temana till paneldeltagarna" är i ordning
      Och "Skicka frågorna eller temana till paneldeltagarna" kan inte hoppas över

    @broken
    Scenario: Frågorna når paneldeltagarna först tre dagar före
      Givet planeringen har nått skedet "Panelfrågor" och allt är i ordning
      När frågorna skickas till paneldeltagarna först 3 dagar före tillställningen
      Så skedet kan inte lämnas förrän "Skicka frågorna eller temana till paneldeltagarna" är i ordning

    @broken
    Scenario: Frågorna tas inte fram tillsammans med moderatorn
      Givet planeringen har nått skedet "Panelfrågor" och allt är i ordning
      När "panelfrågor eller teman tillsammans med moderatorn" lämnas ogjort
      Så skedet kan inte lämnas förrän "panelfrågor eller teman tillsammans med moderatorn" är i ordning

  @R18
  Regel: Panelens teman täcker de fyra delområdena av relationerna mellan befolkningsgrupper

    @kept
    Scenario: Panelens teman täcker alla fyra delområden
      Givet planeringen har nått skedet "Panelfrågor" och allt är i ordning
      Så "Täck in de fyra delområdena i panelens teman" är i ordning

    @broken
    Scenario: Ingen panelfråga behandlar växelverkan
      Givet planeringen har nått skedet "Panelfrågor" och allt är i ordning
      När ingen panelfråga behandlar växelverkan
      Så "Täck in de fyra delområdena i panelens teman" visas som rekommendation
      Och skedet kan ändå lämnas
