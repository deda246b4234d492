# language: sv
Egenskap: Inbjudningarna och språken de publiceras på
  Inbjudan förklarar vad goda relationer mellan befolkningsgrupper innebär, når målgrupperna och
  regionens delegation för etniska relationer och publiceras på de språk som arrangören och
  regionen kräver.

  @R12
  Regel: Inbjudan förklarar vad goda relationer mellan befolkningsgrupper innebär

    Bakgrund:
      Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

    @kept
    Scenario: Inbjudan förklarar goda relationer mellan befolkningsgrupper genom de fyra delområdena
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      Så "Förklara i inbjudan vad som avses med goda relationer" är i ordning
      Och "Nämn de fyra delområdena i definitionen" är i ordning
      Och skedet kan lämnas

    @broken
    Scenario: Definitionen stryks ur inbjudan
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När definitionen av goda relationer mellan befolkningsgrupper stryks ur inbjudan
      Så skedet kan inte lämnas förrän "Förklara i inbjudan vad som avses med goda relationer" är i ordning
      Och "Förklara i inbjudan vad som avses med goda relationer" kan inte hoppas över

    @broken
    Scenario: Definitionen utelämnar de fyra delområdena
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När definitionen inte nämner de fyra delområdena
      Så "Nämn de fyra delområdena i definitionen" visas som rekommendation
      Och skedet kan ändå lämnas

  @R16
  Regel: Förhandsmaterialet länkar till kompetenscentrets webbinarium om ämnet

    Bakgrund:
      Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

    @kept
    Scenario: Länken till webbinariet finns i förhandsmaterialet
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      Så "länk till webbinariet" är i ordning

    @broken
    Scenario: Länken till webbinariet utelämnas
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När "länk till webbinariet" lämnas ogjort
      Så "länk till webbinariet" visas som rekommendation
      Och skedet kan ändå lämnas

  @R17
  Regel: Den regionala delegationen för etniska relationer i tillställningens region bjuds in

    @kept
    Scenario: Delegationen för etniska relationer i Birkaland och Mellersta Finland bjuds in
      Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad
      Och planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      Så "Bjud in den regionala delegationen för etniska relationer" är i ordning

    @kept
    Scenario: Åland har ingen regional delegation för etniska relationer att bjuda in
      Givet en utbildningsdag i Mariehamn, Åland, arrangerad av en stad
      Och planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      Så "Bjud in den regionala delegationen för etniska relationer" gäller inte denna tillställning

    @broken
    Scenario: Den regionala delegationen för etniska relationer saknas på inbjudningslistan
      Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad
      Och planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När den regionala delegationen för etniska relationer inte bjuds in
      Så "Bjud in den regionala delegationen för etniska relationer" visas som rekommendation
      Och skedet kan ändå lämnas

  @R19
  Regel: En tvåspråkig myndighet publicerar inbjudan på finska och svenska; för andra är det en rekommendation

    @kept
    Scenario: En tvåspråkig myndighet bjuder in på finska och svenska
      Givet en utbildningsdag i Vasa, Österbotten, arrangerad av en tvåspråkig myndighet
      Och planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      Så "Tvåspråkig myndighet: publicera inbjudan på finska och svenska" är i ordning
      Och skedet kan lämnas

    @kept
    Scenario: En enspråkig stad bjuder in även på svenska
      Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad
      Och planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När inbjudan publiceras på finska och svenska
      Så "Övriga arrangörer: överväg inbjudan på både finska och svenska" är i ordning
      Och "Tvåspråkig myndighet: publicera inbjudan" gäller inte denna tillställning

    @broken
    Scenario: En tvåspråkig myndighet bjuder in bara på finska
      Givet en utbildningsdag i Vasa, Österbotten, arrangerad av en tvåspråkig myndighet
      Och planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När inbjudan publiceras bara på finska
      Så skedet kan inte lämnas förrän "Tvåspråkig myndighet: publicera inbjudan på finska och svenska" är i ordning

    @broken
    Scenario: En förening bjuder in bara på finska
      Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en förening
      Och planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När inbjudan publiceras bara på finska
      Så "Övriga arrangörer: överväg inbjudan på både finska och svenska" visas som rekommendation
      Och skedet kan ändå lämnas

  @R20
  Regel: En tillställning inom samernas hembygdsområde annonseras även på samiska

    @kept
    Scenario: En tillställning i Inari annonseras även på nordsamiska
      Givet en utbildningsdag i Inari, Lappland, arrangerad av en stad
      Och planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När inbjudan publiceras även på nordsamiska
      Så "informera om tillställningen även på samiska" är i ordning

    @kept
    Scenario: En tillställning i Tammerfors ligger utanför samernas hembygdsområde
      Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad
      Och planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      Så "informera om tillställningen även på samiska" gäller inte denna tillställning

    @broken
    Scenario: En tillställning i Inari annonseras bara på finska
      Givet en utbildningsdag i Inari, Lappland, arrangerad av en stad
      Och planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När inbjudan publiceras bara på finska
      Så "informera om tillställningen även på samiska" visas som rekommendation
      Och skedet kan ändå lämnas

  @R21
  Regel: En tillställning på Åland hålls och annonseras på svenska

    @kept
    Scenario: En tillställning på Åland annonseras på svenska
      Givet en utbildningsdag i Mariehamn, Åland, arrangerad av en stad
      Och planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När inbjudan publiceras på finska och svenska
      Så "På Åland: håll tillställningen och skriv inbjudan på svenska" är i ordning

    @broken
    Scenario: En tillställning på Åland annonseras bara på finska
      Givet en utbildningsdag i Mariehamn, Åland, arrangerad av en stad
      Och planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När inbjudan publiceras bara på finska
      Så "På Åland: håll tillställningen och skriv inbjudan på svenska" visas som rekommendation
      Och skedet kan ändå lämnas

  @R22
  Regel: Deltagande på andra språk erbjuds när publiken behöver det

    Bakgrund:
      Givet en utbildningsdag i Tammerfors, Birkaland, arrangerad av en stad

    @kept
    Scenario: Tolkning erbjuds
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      Så "Erbjud vid behov tolkning eller en sammanfattning på lättläst språk" är i ordning

    @broken
    Scenario: Varken tolkning eller en sammanfattning på lättläst språk erbjuds
      Givet planeringen har nått skedet "Inbjudan och anmälan" och allt är i ordning
      När "Erbjud vid behov tolkning eller en sammanfattning på lättläst språk" lämnas ogjort
      Så "Erbjud vid behov tolkning eller en sammanfattning på lättläst språk" visas som rekommendation
      Och skedet kan ändå lämnas
