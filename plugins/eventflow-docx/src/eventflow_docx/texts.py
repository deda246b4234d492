"""The plugin's own sentences, in Finnish, Swedish and English."""

TEXT: dict[str, dict[str, str]] = {
    "fi": {
        "unknown": "ei vielä tiedossa",
        "agreement_title": "Yhteistyömuistio",
        "agreement_intro": "Tämä muistio kirjaa, mistä järjestäjät ovat sopineet yhdessä "
                           "koulutuspäivästä {title} ({date}, {region}).",
        "parties": "Osapuolet",
        "party": "Organisaatio", "role": "Rooli", "contact": "Yhteyshenkilö",
        "host": "järjestäjä",
        "topics": "Yhdessä sovitut asiat",
        "topic": "Asia", "agreed": "Sovittu", "not_agreed": "ei vielä sovittu",
        "controller": "Ilmoittautumistietojen rekisterinpito",
        "controller_text": "Ilmoittautumistietojen käsittelystä on sovittu näin: {model}. "
                           "Ilmoittautumiset vastaanottaa {receiver}.",
        "letter_title": "Puhujan vahvistuskirje",
        "dear": "Hyvä {name},",
        "letter_thanks": "kiitos, että lupauduit puhumaan koulutuspäivässä {title} {date} "
                         "(paikka: {venue}).",
        "letter_slot": "Puheenvuorosi: {slot}, alkaen klo {start}, kesto {minutes} min.",
        "letter_slot_untimed": "Puheenvuorosi: {slot}. Lähetämme aikataulun myöhemmin.",
        "ex_officio": "Esiinnyt virkasi puolesta, joten puheenvuorosta ei makseta palkkiota.",
        "fee": "Puheenvuorosta maksetaan palkkio {fee}.",
        "letter_dimensions": "Toivomme, että puheenvuorosi käsittelee näitä hyvien "
                             "väestösuhteiden osa-alueita:",
        "regards": "Ystävällisin terveisin",
        "invite": "Tervetuloa koulutuspäivään hyvistä väestösuhteista ja maahanmuuttajien "
                  "kotoutumisesta!",
        "when": "Aika", "where": "Paikka",
        "what_title": "Mistä on kyse?",
        "why": "Koulutuspäivä kokoaa alueen toimijat keskustelemaan siitä, miten eri "
               "väestöryhmät voivat alueellamme hyvin yhdessä.",
        "dimensions_intro": "Hyviä väestösuhteita tarkastellaan neljän osa-alueen kautta:",
        "gain_title": "Mitä saat osallistumalla?",
        "gain": "Saat tietoa alueen väestösuhteista, keinoja niiden edistämiseen omassa "
                "työssäsi ja uusia yhteistyökumppaneita.",
        "programme": "Ohjelma", "time": "Aika", "slot": "Ohjelmanumero", "speaker": "Puhuja",
        "registration": "Ilmoittautuminen",
        "deadline": "Ilmoittaudu viimeistään {date}. Ilmoittautumiset vastaanottaa {receiver}.",
        "accessibility": "Saavutettavuus",
        "accessibility_contact": "Saavutettavuutta koskeviin kysymyksiin vastaa {name}.",
        "recording": "Tilaisuus tallennetaan.",
        "privacy": "Tietosuoja",
        "privacy_text": "Ilmoittautumistietoja käytetään vain tilaisuuden järjestämiseen, ja "
                        "ne poistetaan tilaisuuden jälkeen. Rekisterinpito: {model}.",
    },
    "sv": {
        "unknown": "inte känt ännu",
        "agreement_title": "Samarbetspromemoria",
        "agreement_intro": "Denna promemoria antecknar vad arrangörerna har kommit överens om "
                           "tillsammans om utbildningsdagen {title} ({date}, {region}).",
        "parties": "Parter",
        "party": "Organisation", "role": "Roll", "contact": "Kontaktperson",
        "host": "arrangör",
        "topics": "Det som avtalats tillsammans",
        "topic": "Fråga", "agreed": "Avtalat", "not_agreed": "inte avtalat ännu",
        "controller": "Personuppgiftsansvar för anmälningarna",
        "controller_text": "Behandlingen av anmälningsuppgifterna har avtalats så här: "
                           "{model}. Anmälningarna tas emot av {receiver}.",
        "letter_title": "Bekräftelse till talare",
        "dear": "Bästa {name},",
        "letter_thanks": "tack för att du har lovat tala på utbildningsdagen {title} {date} "
                         "(plats: {venue}).",
        "letter_slot": "Ditt anförande: {slot}, från klockan {start}, {minutes} min.",
        "letter_slot_untimed": "Ditt anförande: {slot}. Vi skickar tidtabellen senare.",
        "ex_officio": "Du talar i egenskap av din tjänst, så inget arvode betalas.",
        "fee": "För anförandet betalas ett arvode på {fee}.",
        "letter_dimensions": "Vi hoppas att ditt anförande tar upp dessa delområden av goda "
                             "relationer mellan befolkningsgrupper:",
        "regards": "Med vänliga hälsningar",
        "invite": "Välkommen till en utbildningsdag om goda relationer mellan "
                  "befolkningsgrupper och integration av invandrare!",
        "when": "Tid", "where": "Plats",
        "what_title": "Vad handlar det om?",
        "why": "Utbildningsdagen samlar aktörerna i regionen för att diskutera hur olika "
               "befolkningsgrupper kan leva väl tillsammans i vår region.",
        "dimensions_intro": "Goda relationer granskas utifrån fyra delområden:",
        "gain_title": "Vad får du av att delta?",
        "gain": "Du får kunskap om relationerna i regionen, verktyg för att främja dem i ditt "
                "arbete och nya samarbetspartner.",
        "programme": "Program", "time": "Tid", "slot": "Programpunkt", "speaker": "Talare",
        "registration": "Anmälan",
        "deadline": "Anmäl dig senast {date}. Anmälningarna tas emot av {receiver}.",
        "accessibility": "Tillgänglighet",
        "accessibility_contact": "Frågor om tillgänglighet besvaras av {name}.",
        "recording": "Evenemanget spelas in.",
        "privacy": "Dataskydd",
        "privacy_text": "Anmälningsuppgifterna används endast för att ordna evenemanget och "
                        "raderas efter evenemanget. Personuppgiftsansvar: {model}.",
    },
    "en": {
        "unknown": "not known yet",
        "agreement_title": "Co-organising agreement memo",
        "agreement_intro": "This memo records what the organisers agreed together about the "
                           "training day {title} ({date}, {region}).",
        "parties": "Parties",
        "party": "Organisation", "role": "Role", "contact": "Contact",
        "host": "organiser",
        "topics": "Agreed together",
        "topic": "Topic", "agreed": "Agreed", "not_agreed": "not agreed yet",
        "controller": "Controller of the registration data",
        "controller_text": "The registration data is handled as agreed: {model}. "
                           "Registrations are received by {receiver}.",
        "letter_title": "Speaker confirmation",
        "dear": "Dear {name},",
        "letter_thanks": "thank you for agreeing to speak at the training day {title} on "
                         "{date} (venue: {venue}).",
        "letter_slot": "Your slot: {slot}, starting at {start}, {minutes} minutes.",
        "letter_slot_untimed": "Your slot: {slot}. We will send the timetable later.",
        "ex_officio": "You speak ex officio, so no fee is paid for the talk.",
        "fee": "A fee of {fee} is paid for the talk.",
        "letter_dimensions": "We hope your talk covers these dimensions of good population "
                             "relations:",
        "regards": "Kind regards",
        "invite": "You are invited to a training day on good population relations and the "
                  "integration of immigrants!",
        "when": "Date", "where": "Venue",
        "what_title": "What is it about?",
        "why": "The training day brings the region's actors together to discuss how different "
               "population groups can live well together in our region.",
        "dimensions_intro": "Good population relations are looked at through four dimensions:",
        "gain_title": "What do you gain?",
        "gain": "You learn about population relations in the region, gain ways to promote them "
                "in your own work, and meet new partners.",
        "programme": "Programme", "time": "Time", "slot": "Item", "speaker": "Speaker",
        "registration": "Registration",
        "deadline": "Register by {date}. Registrations are received by {receiver}.",
        "accessibility": "Accessibility",
        "accessibility_contact": "Questions about accessibility: {name}.",
        "recording": "The event is recorded.",
        "privacy": "Privacy",
        "privacy_text": "Registration data is used only to organise the event and is deleted "
                        "after it. Controller: {model}.",
    },
}
