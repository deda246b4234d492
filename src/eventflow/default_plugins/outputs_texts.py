"""The reviewed texts of the built-in documents, in fi, sv and en: the feedback items, what a
participant gains (for the invitation), why each target group is invited, greetings."""

from __future__ import annotations

# What a participant gains (seed guide, "Mitä hyötyä koulutuksesta on osallistujalle?" and the
# cooperation effect of "Koulutuksen yhteiskunnalliset vaikutukset"): the feedback items.
GAINS: dict[str, list[tuple[str, str]]] = {
    "fi": [
        ("what_relations", "Ymmärrän, mistä väestösuhteissa on kysymys."),
        ("use_knowledge", "Tiedän, miten tietoa väestösuhteista voi hyödyntää maahanmuuttajien "
                          "kotoutumisen tukemisessa."),
        ("what_integration", "Ymmärrän, mitä kotoutumisella (myös kaksisuuntaisella "
                             "kotoutumisella) tarkoitetaan."),
        ("own_work", "Tiedän, miten myös muiden kuin kotoutumisen parissa työskentelevien – "
                     "myös oma – toiminta vaikuttaa maahanmuuttajien kotoutumiseen."),
        ("other_organisations", "Tutustuin muiden organisaatioiden ja yhteisöjen työhön ja sain "
                                "uusia yhteistyökontakteja."),
    ],
    "sv": [
        ("what_relations", "Jag förstår vad relationer mellan befolkningsgrupper handlar om."),
        ("use_knowledge", "Jag vet hur kunskap om relationer mellan befolkningsgrupper kan "
                          "användas för att stödja invandrares integration."),
        ("what_integration", "Jag förstår vad som avses med integration (även integration i "
                             "två riktningar)."),
        ("own_work", "Jag vet hur även andras än integrationsaktörernas arbete – också mitt "
                     "eget – påverkar invandrares integration."),
        ("other_organisations", "Jag lärde känna andra organisationers och samfunds arbete och "
                                "fick nya samarbetskontakter."),
    ],
    "en": [
        ("what_relations", "I understand what population relations are about."),
        ("use_knowledge", "I know how knowledge of population relations can be used to support "
                          "the integration of immigrants."),
        ("what_integration", "I understand what integration (including two-way integration) "
                             "means."),
        ("own_work", "I know how the work of people other than those working on integration – "
                     "my own work too – affects the integration of immigrants."),
        ("other_organisations", "I got to know the work of other organisations and communities "
                                "and made new contacts for cooperation."),
    ],
}


# What a participant will gain, for the invitation (second person, future): the same five
# points as the feedback items above, written to the reader before the day.
INVITATION_GAINS: dict[str, list[str]] = {
    "fi": ["Ymmärrät, mistä väestösuhteissa on kysymys.",
           "Tiedät, miten tietoa väestösuhteista voi hyödyntää maahanmuuttajien kotoutumisen "
           "tukemisessa.",
           "Ymmärrät, mitä kotoutumisella – myös kaksisuuntaisella kotoutumisella – tarkoitetaan.",
           "Näet, miten myös muiden kuin kotoutumisen parissa työskentelevien – myös sinun – "
           "työ vaikuttaa maahanmuuttajien kotoutumiseen.",
           "Tutustut muiden organisaatioiden ja yhteisöjen työhön ja saat uusia "
           "yhteistyökontakteja."],
    "sv": ["Du förstår vad relationer mellan befolkningsgrupper handlar om.",
           "Du vet hur kunskap om relationerna kan användas för att stödja invandrares "
           "integration.",
           "Du förstår vad som avses med integration – även integration i två riktningar.",
           "Du ser hur även andras än integrationsaktörernas arbete – också ditt eget – "
           "påverkar invandrares integration.",
           "Du lär känna andra organisationers och samfunds arbete och får nya "
           "samarbetskontakter."],
    "en": ["You will understand what population relations are about.",
           "You will know how knowledge of population relations can support the integration "
           "of immigrants.",
           "You will understand what integration – including two-way integration – means.",
           "You will see how the work of people outside integration work – your own too – "
           "affects the integration of immigrants.",
           "You will get to know the work of other organisations and communities and make new "
           "contacts for cooperation."],
}

# Why each target group is invited: the sentence that makes a group's e-mail draft its own.
WHY_GROUP: dict[str, dict[str, str]] = {
    "fi": {
        "authority_local_regional": "Kunnan ja alueen viranomaisten päätökset ja palvelut "
        "vaikuttavat suoraan siihen, miten eri väestöryhmät kohtaavat toisensa.",
        "regional_etno": "Alueellinen ETNO seuraa alueen etnisiä suhteita, ja sen näkemys "
        "tuo koulutukseen koko alueen kuvan.",
        "local_politicians": "Paikallispoliitikkojen puheet ja päätökset vaikuttavat asenteisiin "
        "ja osallisuuteen koko kunnassa.",
        "religious": "Uskonnolliset yhteisöt kokoavat ihmisiä yli väestöryhmien rajojen ja "
        "tuntevat jäsentensä arjen.",
        "media": "Paikallismedian tavalla kertoa eri väestöryhmistä on suuri vaikutus asenteisiin "
        "ja turvallisuuden tunteeseen.",
        "education": "Opettajat ja kouluttajat kohtaavat päivittäin eri taustoista tulevia "
        "oppijoita ja heidän perheitään.",
        "ngo": "Järjestöt tavoittavat ihmisiä, joita viranomaiset eivät aina tavoita, ja "
        "rakentavat vuorovaikutusta arjessa.",
        "employers": "Työpaikat ovat monelle tärkein paikka, jossa eri väestöryhmät kohtaavat.",
        "unions": "Työmarkkinajärjestöt vaikuttavat siihen, miten työelämä tukee kotoutumista "
        "ja yhdenvertaisuutta.",
        "other": "Hyvät väestösuhteet rakentuvat monen toimijan yhteistyöstä, ja sinun "
        "näkökulmasi on tärkeä.",
    },
    "sv": {
        "authority_local_regional": "Kommunens och regionens myndigheters beslut och tjänster "
        "påverkar direkt hur olika befolkningsgrupper möter varandra.",
        "regional_etno": "Den regionala ETNO:n följer de etniska relationerna i regionen och ger "
        "utbildningen en bild av hela regionen.",
        "local_politicians": "Lokala politikers uttalanden och beslut påverkar attityder och "
        "delaktighet i hela kommunen.",
        "religious": "Religiösa samfund samlar människor över gränserna mellan grupper och "
        "känner sina medlemmars vardag.",
        "media": "Hur lokala medier skriver om olika befolkningsgrupper påverkar attityder och "
        "trygghetskänsla.",
        "education": "Lärare och utbildare möter varje dag elever med olika bakgrund och deras "
        "familjer.",
        "ngo": "Organisationer når människor som myndigheterna inte alltid når och bygger "
        "växelverkan i vardagen.",
        "employers": "Arbetsplatsen är för många den viktigaste platsen där olika grupper möts.",
        "unions": "Arbetsmarknadsorganisationerna påverkar hur arbetslivet stöder integration "
        "och likabehandling.",
        "other": "Goda relationer byggs i samarbete mellan många aktörer, och ditt perspektiv är "
        "viktigt.",
    },
    "en": {
        "authority_local_regional": "The decisions and services of local and regional "
        "authorities shape how population groups meet each other.",
        "regional_etno": "The regional ETNO follows ethnic relations in the region and brings "
        "the picture of the whole region to the training.",
        "local_politicians": "What local politicians say and decide affects attitudes and "
        "participation across the municipality.",
        "religious": "Religious communities bring people together across groups and know the "
        "everyday lives of their members.",
        "media": "How local media report on population groups has a strong effect on attitudes "
        "and the sense of safety.",
        "education": "Teachers and trainers meet learners of every background, and their "
        "families, every day.",
        "ngo": "NGOs reach people that authorities do not always reach, and build interaction "
        "in everyday life.",
        "employers": "For many people the workplace is where population groups meet most.",
        "unions": "Labour-market organisations shape how working life supports integration "
        "and equality.",
        "other": "Good relations are built by many actors together, and your view matters.",
    },
}

GREETING = {"fi": "Hyvät {group},", "sv": "Bästa {group},", "en": "Dear {group},"}
GREETING_ANYONE = {"fi": "Hei,", "sv": "Hej,", "en": "Hello,"}
