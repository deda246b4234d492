"""Reader-facing words for vocabulary keys, in fi, sv and en (reference.md §2)."""

from __future__ import annotations

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "dimension": {
        "fi": {"attitudes": "asenteet", "safety": "turvallisuuden tunne",
               "interaction": "vuorovaikutus", "participation": "osallisuus"},
        "sv": {"attitudes": "attityder", "safety": "trygghetskänsla",
               "interaction": "växelverkan", "participation": "delaktighet"},
        "en": {"attitudes": "attitudes", "safety": "sense of safety",
               "interaction": "interaction", "participation": "participation"},
    },
    "target_group": {
        "fi": {"authority_local_regional": "paikalliset ja alueelliset viranomaiset",
               "regional_etno": "alueelliset ETNO:t",
               "local_politicians": "paikallispoliitikot ja poliittiset puolueet",
               "religious": "uskonnolliset yhteisöt ja johtajat",
               "media": "paikallismedian toimittajat",
               "education": "opettajat ja kouluttajat", "ngo": "järjestötoimijat",
               "employers": "työnantajat", "unions": "ammatti- ja työnantajaliitot",
               "other": "muut"},
        "sv": {"authority_local_regional": "lokala och regionala myndigheter",
               "regional_etno": "regionala delegationer för etniska relationer",
               "local_politicians": "lokala politiker och politiska partier",
               "religious": "religiösa samfund och ledare",
               "media": "journalister i lokala medier", "education": "lärare och utbildare",
               "ngo": "organisationsaktörer", "employers": "arbetsgivare",
               "unions": "fackförbund och arbetsgivarförbund", "other": "övriga"},
        "en": {"authority_local_regional": "local and regional authorities",
               "regional_etno": "regional ETNO boards",
               "local_politicians": "local politicians and parties",
               "religious": "religious communities and leaders",
               "media": "local media journalists", "education": "teachers and trainers",
               "ngo": "NGO actors", "employers": "employers",
               "unions": "trade unions and employers' associations", "other": "others"},
    },
    "slot": {
        "fi": {"expert_talk": "Asiantuntijapuheenvuoro",
               "region_talk": "Puheenvuoro alueen väestöstä väestösuhteiden näkökulmasta",
               "comment_talk": "Kommenttipuheenvuoro", "panel": "Paneelikeskustelu",
               "showcase": "Paikallisen toiminnan esittely"},
        "sv": {"expert_talk": "Sakkunnigföredrag",
               "region_talk": "Anförande om regionens befolkning ur ett relationsperspektiv",
               "comment_talk": "Kommentarsanförande", "panel": "Paneldiskussion",
               "showcase": "Presentation av lokal verksamhet"},
        "en": {"expert_talk": "Expert talk", "region_talk": "Talk on the region's population",
               "comment_talk": "Comment talk", "panel": "Panel discussion",
               "showcase": "Local good-practice showcase"},
    },
    "partner_type": {
        "fi": {"authority": "viranomainen", "ngo": "järjestö",
               "community": "uskonnollinen tai muu yhteisö", "employer": "työnantaja"},
        "sv": {"authority": "myndighet", "ngo": "organisation",
               "community": "religiöst eller annat samfund", "employer": "arbetsgivare"},
        "en": {"authority": "authority", "ngo": "NGO",
               "community": "religious or other community", "employer": "employer"},
    },
    "controller_model": {
        "fi": {"joint": "yhteisrekisterinpitäjät (tietosuoja-asetuksen 26 artikla)",
               "controller_processor": "rekisterinpitäjä ja henkilötietojen käsittelijä "
                                       "(28 artikla)",
               "single": "yksi rekisterinpitäjä", "": "ei vielä päätetty"},
        "sv": {"joint": "gemensamt personuppgiftsansvariga (artikel 26 i dataskyddsförordningen)",
               "controller_processor": "personuppgiftsansvarig och personuppgiftsbiträde "
                                       "(artikel 28)",
               "single": "en personuppgiftsansvarig", "": "inte beslutat ännu"},
        "en": {"joint": "joint controllers (GDPR Article 26)",
               "controller_processor": "controller and processor (GDPR Article 28)",
               "single": "a single controller", "": "not decided yet"},
    },
    "cost_category": {
        "fi": {"venue": "tila", "catering": "kokoustarjoilu", "speaker_fee": "puhujien palkkiot",
               "travel": "matkakustannukset", "other": "muut kulut"},
        "sv": {"venue": "lokal", "catering": "mötesservering", "speaker_fee": "arvoden",
               "travel": "resekostnader", "other": "övriga kostnader"},
        "en": {"venue": "venue", "catering": "catering", "speaker_fee": "speaker fees",
               "travel": "travel costs", "other": "other costs"},
    },
    "topic": {
        "fi": {"date": "Ajankohta", "venue": "Paikka", "cost_sharing": "Kustannusten jakaminen",
               "programme": "Ohjelman sisältö", "invitations_sender": "Kutsujen lähettäjä",
               "registrations_receiver": "Ilmoittautumisten vastaanottaja"},
        "sv": {"date": "Tidpunkt", "venue": "Plats", "cost_sharing": "Kostnadsfördelning",
               "programme": "Programmets innehåll",
               "invitations_sender": "Vem som skickar inbjudningarna",
               "registrations_receiver": "Vem som tar emot anmälningarna"},
        "en": {"date": "Date", "venue": "Venue", "cost_sharing": "Cost sharing",
               "programme": "Programme", "invitations_sender": "Who sends the invitations",
               "registrations_receiver": "Who receives the registrations"},
    },
    "accessibility": {
        "fi": {"step_free": "esteetön kulku", "hearing_loop": "induktiosilmukka",
               "accessible_toilet": "esteetön wc", "lift": "hissi",
               "quiet_room": "hiljainen huone"},
        "sv": {"step_free": "tillträde utan trappsteg", "hearing_loop": "hörslinga",
               "accessible_toilet": "tillgänglig toalett", "lift": "hiss",
               "quiet_room": "tyst rum"},
        "en": {"step_free": "step-free access", "hearing_loop": "hearing loop",
               "accessible_toilet": "accessible toilet", "lift": "lift",
               "quiet_room": "quiet room"},
    },
    "role": {
        "fi": {"co-organiser": "yhteisjärjestäjä", "organiser": "järjestäjä",
               "police": "poliisi", "councillor": "valtuutettu",
               "municipal employee": "kunnan työntekijä", "media": "median edustaja",
               "entrepreneur": "yrittäjä", "NGO worker": "järjestötyöntekijä",
               "community representative": "uskonnollisen tai muun yhteisön edustaja",
               "moderator": "puheenjohtaja"},
        "sv": {"co-organiser": "medarrangör", "organiser": "arrangör", "police": "polis",
               "councillor": "fullmäktigeledamot", "municipal employee": "kommunanställd",
               "media": "mediarepresentant", "entrepreneur": "företagare",
               "NGO worker": "organisationsanställd",
               "community representative": "representant för ett religiöst eller annat samfund",
               "moderator": "moderator"},
        "en": {},
    },
    "language": {
        "fi": {"fi": "suomi", "sv": "ruotsi", "en": "englanti", "se": "pohjoissaame",
               "smn": "inarinsaame", "sms": "koltansaame"},
        "sv": {"fi": "finska", "sv": "svenska", "en": "engelska", "se": "nordsamiska",
               "smn": "enaresamiska", "sms": "skoltsamiska"},
        "en": {"fi": "Finnish", "sv": "Swedish", "en": "English", "se": "North Sámi",
               "smn": "Inari Sámi", "sms": "Skolt Sámi"},
    },
}


def label(kind: str, key: str | dict[str, str], lang: str) -> str:
    """The reader-facing word for a vocabulary key (``label("dimension", "safety", "sv")``).
    A per-language text (a panelist's role) gives its text in ``lang``, or the vocabulary
    word when one of its texts is a vocabulary key."""
    if isinstance(key, dict):
        known = {k for words in LABELS.get(kind, {}).values() for k in words}
        key = key.get(lang) or next((v for v in key.values() if v in known), "")
    table = LABELS.get(kind, {})
    words = table.get(lang) or table.get("en") or {}
    if key in words:
        return words[key]
    return str(key).replace("_", " ")
