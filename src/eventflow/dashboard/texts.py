"""The dashboard's words in Finnish, Swedish and English, and its dates (Babel)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date

LANGUAGES = ("fi", "sv", "en")

TEXTS: dict[str, dict[str, str]] = {
    "site_title": {"fi": "Tapahtumien tilanne", "sv": "Evenemangens läge",
                   "en": "Events at a glance"},
    "overview": {"fi": "Yleiskuva", "sv": "Översikt", "en": "Overview"},
    "next30": {"fi": "Seuraavat 30 päivää", "sv": "De kommande 30 dagarna",
               "en": "The next 30 days"},
    "workflow": {"fi": "Työnkulku", "sv": "Arbetsflöde", "en": "Workflow"},
    "generated": {"fi": "Päivitetty", "sv": "Uppdaterad", "en": "Generated"},
    "as_of": {"fi": "tilanne päivänä", "sv": "läget den", "en": "as of"},
    "events_count": {"fi": "tapahtumaa", "sv": "evenemang", "en": "events"},
    "overdue_count": {"fi": "myöhässä", "sv": "försenade", "en": "overdue"},
    "regressions_count": {"fi": "taantumaa", "sv": "bakslag", "en": "regressions"},
    "event": {"fi": "Tapahtuma", "sv": "Evenemang", "en": "Event"},
    "title": {"fi": "Nimi", "sv": "Namn", "en": "Title"},
    "date": {"fi": "Päivä", "sv": "Datum", "en": "Date"},
    "region": {"fi": "Maakunta", "sv": "Landskap", "en": "Region"},
    "organisation": {"fi": "Organisaatio", "sv": "Organisation", "en": "Organisation"},
    "owner": {"fi": "Vastuutaho", "sv": "Ansvarig", "en": "Owner"},
    "stage": {"fi": "Vaihe", "sv": "Skede", "en": "Stage"},
    "progress": {"fi": "Eteneminen", "sv": "Framsteg", "en": "Progress"},
    "overdue": {"fi": "Myöhässä", "sv": "Försenade", "en": "Overdue"},
    "regressions": {"fi": "Taantumat", "sv": "Bakslag", "en": "Regressions"},
    "next_due": {"fi": "Seuraava määräaika", "sv": "Nästa tidsfrist", "en": "Next due"},
    "item": {"fi": "Kohta", "sv": "Punkt", "en": "Item"},
    "state": {"fi": "Tila", "sv": "Status", "en": "State"},
    "reason": {"fi": "Syy", "sv": "Orsak", "en": "Reason"},
    "fix": {"fi": "Korjaus", "sv": "Åtgärd", "en": "Fix"},
    "due": {"fi": "Määräaika", "sv": "Tidsfrist", "en": "Due"},
    "filters": {"fi": "Suodata", "sv": "Filtrera", "en": "Filter"},
    "filter_hint": {"fi": "Kirjoita osa nimestä; tyhjä näyttää kaikki.",
                    "sv": "Skriv en del av namnet; tomt visar alla.",
                    "en": "Type part of a name; empty shows all."},
    "search": {"fi": "Haku (tunnus tai nimi)", "sv": "Sök (id eller namn)",
               "en": "Search (id or title)"},
    "shown": {"fi": "näkyvissä", "sv": "visas", "en": "shown"},
    "sort_hint": {"fi": "Järjestä napsauttamalla sarakkeen otsikkoa.",
                  "sv": "Sortera genom att klicka på kolumnrubriken.",
                  "en": "Sort by pressing a column heading."},
    "page": {"fi": "Sivu", "sv": "Sida", "en": "Page"},
    "pages": {"fi": "Sivut", "sv": "Sidor", "en": "Pages"},
    "none": {"fi": "ei mitään", "sv": "inget", "en": "none"},
    "nothing_due": {"fi": "Ei määräaikoja seuraavan 30 päivän aikana.",
                    "sv": "Inga tidsfrister under de kommande 30 dagarna.",
                    "en": "Nothing falls due in the next 30 days."},
    "stages_verdict": {"fi": "Vaiheet ja vaatimukset", "sv": "Skeden och krav",
                       "en": "Stages and requirements"},
    "history": {"fi": "Historia", "sv": "Historik", "en": "History"},
    "history_more": {"fi": "vanhempaa merkintää: eventflow history {id}",
                     "sv": "äldre poster: eventflow history {id}",
                     "en": "older entries: eventflow history {id}"},
    "outputs": {"fi": "Tuotetut asiakirjat", "sv": "Skapade dokument",
                "en": "Rendered documents"},
    "no_outputs": {"fi": "Ei vielä asiakirjoja (eventflow outputs {id}).",
                   "sv": "Inga dokument ännu (eventflow outputs {id}).",
                   "en": "No documents yet (eventflow outputs {id})."},
    "policy": {"fi": "Toimintaperiaatteet", "sv": "Policy", "en": "Policy"},
    "rule": {"fi": "Sääntö", "sv": "Regel", "en": "Rule"},
    "verdict": {"fi": "Arvio", "sv": "Bedömning", "en": "Verdict"},
    "when": {"fi": "Milloin", "sv": "När", "en": "When"},
    "who": {"fi": "Kuka", "sv": "Vem", "en": "Who"},
    "action": {"fi": "Toiminto", "sv": "Åtgärd", "en": "Action"},
    "details": {"fi": "Tiedot", "sv": "Detaljer", "en": "Details"},
    "back": {"fi": "Takaisin yleiskuvaan", "sv": "Tillbaka till översikten",
             "en": "Back to the overview"},
    "current_stage": {"fi": "nykyinen vaihe", "sv": "nuvarande skede", "en": "current stage"},
    "diagram_title": {"fi": "Työnkulun vaiheet ja niiden ehdot",
                      "sv": "Arbetsflödets skeden och deras villkor",
                      "en": "The workflow's stages and their guards"},
    "diagram_desc": {
        "fi": "Jokaisesta vaiheesta siirrytään seuraavaan, kun sen pakolliset kohdat ovat "
              "kunnossa. Peruutus on mahdollinen kaikista vaiheista.",
        "sv": "Varje skede lämnas för nästa när dess obligatoriska punkter är i ordning. "
              "Inställning är möjlig från alla skeden.",
        "en": "Each stage is left for the next once its required items are in order. Any "
              "stage can be cancelled."},
    "requires": {"fi": "vaatii", "sv": "kräver", "en": "requires"},
    "no_requirements": {"fi": "ei vaatimuksia", "sv": "inga krav", "en": "no requirements"},
    "cancel": {"fi": "peruutus", "sv": "inställt", "en": "cancel"},
    "reopen_note": {"fi": "reopen palaa mihin tahansa aiempaan vaiheeseen",
                    "sv": "reopen går tillbaka till valfritt tidigare skede",
                    "en": "reopen goes back to any earlier stage"},
    "skip": {"fi": "Siirry sisältöön", "sv": "Hoppa till innehållet",
             "en": "Skip to content"},
    "required": {"fi": "pakollinen", "sv": "obligatorisk", "en": "required"},
    "advice": {"fi": "suositus", "sv": "råd", "en": "advice"},
    "regression": {"fi": "taantuma", "sv": "bakslag", "en": "regression"},
    "all": {"fi": "kaikki", "sv": "alla", "en": "all"},
    "summary": {"fi": "Yhteenveto", "sv": "Sammanfattning", "en": "Summary"},
    "contents": {"fi": "Sisällys", "sv": "Innehåll", "en": "Contents"},
    # states of a requirement (engine verdict) and of a rule
    "kept": {"fi": "kunnossa", "sv": "uppfyllt", "en": "kept"},
    "broken": {"fi": "rikki", "sv": "brutet", "en": "broken"},
    "not yet due": {"fi": "ei vielä ajankohtainen", "sv": "inte aktuellt ännu",
                    "en": "not yet due"},
    "waived": {"fi": "ohitettu", "sv": "undantaget", "en": "waived"},
    "advice not followed": {"fi": "suositusta ei noudatettu", "sv": "rådet inte följt",
                            "en": "advice not followed"},
    "done": {"fi": "valmis", "sv": "klart", "en": "done"},
    "cancelled": {"fi": "peruttu", "sv": "inställt", "en": "cancelled"},
    "active": {"fi": "käynnissä", "sv": "pågår", "en": "active"},
    # policy report
    "policy_title": {"fi": "Elävä politiikka: hyvien väestösuhteiden koulutus",
                     "sv": "Levande policy: utbildning i goda befolkningsrelationer",
                     "en": "Living policy: good population relations training"},
    "rules": {"fi": "Säännöt", "sv": "Regler", "en": "Rules"},
    "rules_kept": {"fi": "sääntöä pitää", "sv": "regler håller", "en": "rules kept"},
    "rules_broken": {"fi": "sääntöä rikki", "sv": "regler brutna", "en": "rules broken"},
    "rules_unverified": {"fi": "sääntöä todentamatta", "sv": "regler overifierade",
                         "en": "rules not verified"},
    "last_verified": {"fi": "Viimeksi todennettu", "sv": "Senast verifierad",
                      "en": "Last verified"},
    "never": {"fi": "ei koskaan (eventflow policy verify)",
              "sv": "aldrig (eventflow policy verify)",
              "en": "never (eventflow policy verify)"},
    "scenarios": {"fi": "skenaariota", "sv": "scenarier", "en": "scenarios"},
    "enforced_by": {"fi": "Valvovat kohdat", "sv": "Genomförs av", "en": "Enforced by"},
    "no_scenarios": {"fi": "Ei skenaarioita.", "sv": "Inga scenarier.", "en": "No scenarios."},
    "passed": {"fi": "läpäisi", "sv": "godkänt", "en": "passed"},
    "failed": {"fi": "HYLÄTTY", "sv": "UNDERKÄNT", "en": "FAILED"},
    "not_run": {"fi": "ei ajettu", "sv": "inte kört", "en": "not run"},
    "stage_moves": {"fi": "Vaiheesta toiseen", "sv": "Mellan skedena",
                    "en": "Moving through the stages"},
    "plugin_policy": {"fi": "Laajennuksen {name} säännöt", "sv": "Policy för tillägget {name}",
                      "en": "Policy of plugin {name}"},
    "event_verdict": {"fi": "Tapahtuman {id} arvio", "sv": "Bedömning av {id}",
                      "en": "Verdict for {id}"},
    "rule_states": {"fi": "Sääntöjen tila", "sv": "Reglernas läge", "en": "State of the rules"},
}


def text(key: str, lang: str, **values: Any) -> str:
    entry = TEXTS[key]
    value = entry.get(lang) or entry["en"]
    return value.format(**values) if values else value


def texts(lang: str) -> dict[str, str]:
    """Every text in ``lang`` (for the templates)."""
    return {key: entry.get(lang) or entry["en"] for key, entry in TEXTS.items()}


_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


def date_formatter(lang: str) -> Any:
    """A function formatting an ISO date (or date) the way readers of ``lang`` write it."""
    locale = _LOCALES.get(lang, "en_GB")
    cache: dict[str, str] = {}

    def fmt(value: Any) -> str:
        if not value:
            return ""
        key = str(value)
        if key not in cache:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(key[:10])
            cache[key] = format_date(day, format="medium", locale=locale)
        return cache[key]

    return fmt
