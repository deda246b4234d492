"""Feedback survey results: read the CSV export of a survey tool, keep only aggregates.

Webropol, Microsoft Forms and Google Forms export one row per respondent and one column per
question. Columns are mapped by their header (Finnish, Swedish or English):

* scale questions (answers 1–5; "4 – hyvä" counts as 4): the overall rating ("Kokonaisarvio",
  "Overall rating", "Helhetsbetyg"), usefulness, content, speakers, arrangements, the panel,
  and the statements of eventflow's own feedback survey. A column whose header is not known
  but whose every answer is 1–5 is kept as a scale question too;
* free-text columns ("Vapaa palaute", "Comments", "Kommentarer", "Mitä jäi mieleen", …): kept
  only as theme counts (how many answers mention a word, words of two or more answers,
  people's names of the event left out);
* columns of personal data or metadata (name, e-mail, respondent id, times): left out;
* every other column: left out and reported as not understood.

What is stored (``event.feedback``, through the engine) is counts, means, distributions and
themes; never a name, an e-mail address or an answer as written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EventflowError, InvalidInput
from .event import CONTROL_RE, Event, Feedback, FeedbackTheme, FreeTextQuestion, ScaleQuestion
from .i18n import _
from .store import read_capped

if TYPE_CHECKING:
    from .engine import Engine, Outcome

MAX_CSV_BYTES = 10 << 20
MAX_ROWS = 20_000
MAX_COLUMNS = 500
MAX_THEMES = 12
MIN_THEME_ANSWERS = 2

#: Known scale questions: key and the header words (casefolded, accents kept) that mark them.
SCALES: dict[str, tuple[str, ...]] = {
    "overall": ("kokonaisarvio", "yleisarvosana", "kokonaisuutena", "overall", "helhetsbetyg",
                "helhetsintryck", "som helhet", "kokonaisuus"),
    "usefulness": ("hyödyllisyys", "hyödyllinen", "hyötyä", "useful", "usefulness", "nytta",
                   "nyttig", "användbar"),
    "content": ("sisältö", "sisällö", "content", "innehåll"),
    "speakers": ("puhuja", "puheenvuor", "speaker", "talare", "föreläsa", "anförand"),
    "panel": ("paneeli", "panel"),
    "arrangements": ("järjestely", "järjestelyt", "arrangement", "arrangemang", "tila ", "venue",
                     "lokal"),
    "new_knowledge": ("uutta tietoa", "uusia tietoja", "opin", "new knowledge", "learned",
                      "learnt", "ny kunskap", "lärde"),
    "other_organisations": ("muiden organisaatio", "other organisations", "andra organisation"),
    "network": ("verkosto", "network", "nätverk"),
    "recommend": ("suosittel", "recommend", "rekommender"),
}
FREE_TEXT: tuple[str, ...] = (
    "vapaa palaute", "palaute", "kommentti", "kommentit", "terveiset", "mitä jäi mieleen",
    "mieleen", "kehitettävää", "parannettavaa", "toiveita", "ehdotuksia", "muuta", "perustelu",
    "comment", "comments", "feedback", "suggestion", "improve", "what did you", "other remarks",
    "anything else", "why", "kommentar", "kommentarer", "synpunkter", "förslag", "övrigt",
    "respons", "vad",
)
#: Personal data and metadata of the survey tools: never read.
PERSONAL: tuple[str, ...] = (
    "nimi", "name", "namn", "sähköposti", "e-mail", "email", "e-post", "epost", "puhelin",
    "phone", "telefon", "respondent", "vastaaja", "id", "tunniste", "timestamp", "aikaleima",
    "tidsstämpel", "start time", "completion time", "aloitusaika", "valmistumisaika",
    "starttid", "sluttid", "last modified time", "viimeksi muokattu", "ip", "organisaatio",
    "organisation", "organization", "vastausaika", "response time", "language", "kieli",
    "språk", "points", "pisteet", "feedback time", "total score", "quiz feedback",
)

_STOP = frozenset(["ja", "on", "ei", "se", "että", "oli", "olla", "kuin", "mutta", "myös", "tai", "niin", "kun", "jos", "ole", "ovat", "mitä", "joka", "sekä", "tämä", "tää", "siitä", "sen", "sitä", "hyvä", "hyvin", "oikein", "todella", "erittäin", "vähän", "paljon", "enemmän", "kiitos", "minä", "mä", "me", "te", "he", "hän", "sinä", "olisi", "voisi", "olisin", "olen", "oli", "olivat", "olleet", "tässä", "siinä", "kanssa", "ihan", "aika", "vielä", "the", "and", "for", "that", "was", "with", "this", "were", "are", "have", "has", "had", "but", "not", "you", "very", "more", "much", "some", "all", "our", "their", "there", "here", "they", "them", "what", "when", "would", "could", "should", "about", "just", "really", "thank", "thanks", "och", "att", "det", "som", "för", "med", "inte", "var", "har", "den", "till", "mycket", "bra", "är", "jag", "vi", "ni", "de", "en", "ett", "på", "av", "om", "kan", "ska", "skulle", "eller", "men", "också", "så", "från", "tack"])
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


class FeedbackCSVError(EventflowError):
    """The feedback CSV cannot be read: names file, line and what to do."""

    def __init__(self, path: Path, message: str, fix: str, line: int | None = None) -> None:
        where = f"{path}" + (f", line {line}" if line else "")
        super().__init__(f"{where}: {message}\n  fix: {fix}")


@dataclass
class Column:
    """One column of a survey export as understood: its header, its kind (``scale``,
    ``free_text``, ``personal`` or ``unknown``), its key in the stored aggregates and whether the
    kind was found from the answers rather than the header."""

    header: str
    kind: str  # scale | free_text | personal | unknown
    key: str = ""
    by_answers: bool = False


@dataclass
class ImportResult:
    """One survey export read: the aggregates to store (an :class:`eventflow.event.Feedback`),
    the columns as understood, the text encoding and the delimiter found."""

    feedback: Any
    columns: list[Column] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""

    def report(self) -> dict[str, Any]:
        """What was read, as data for the command's output: encoding, delimiter, number of
        responses, and the headers of the columns taken as scales, as free texts, left out as
        personal data and not understood."""
        return {"encoding": self.encoding, "delimiter": self.delimiter,
                "responses": self.feedback.responses,
                "scales": [c.header for c in self.columns if c.kind == "scale"],
                "free_texts": [c.header for c in self.columns if c.kind == "free_text"],
                "left_out_personal": [c.header for c in self.columns if c.kind == "personal"],
                "not_understood": [c.header for c in self.columns if c.kind == "unknown"]}


# reading -----------------------------------------------------------------------------------------
def decode(path: Path, raw: bytes) -> tuple[str, str]:
    """The text of the file and its encoding: UTF-8 (with or without BOM), UTF-16 with a BOM
    (Excel's "Unicode text"), else Windows-1252 (older Excel on Windows)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") \
            else "utf-8"
    except UnicodeDecodeError as exc:
        utf8_line = raw[: exc.start].count(b"\n") + 1
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FeedbackCSVError(path, _("neither UTF-8 (line {line}) nor Windows-1252 "
                                       "text").format(
                                         line=utf8_line), _("export the survey again as CSV "
                                                            "(UTF-8), or save the sheet as 'CSV "
                                                            "UTF-8' in Excel"), line) from None
    if re.search(r"[ÃÂ][\x80-\xbf¡-¿]", text):  # UTF-8 bytes cut short: a damaged file
        raise FeedbackCSVError(path, _("looks like UTF-8 text with damaged bytes"),
                               _("export the survey again as CSV (UTF-8)"), utf8_line)
    return text, "cp1252"


def sniff_delimiter(path: Path, text: str) -> str:
    """; , or tab, by csv.Sniffer over the first lines, else by counting in the header."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        pass
    header = text.splitlines()[0] if text.strip() else ""
    counts = {d: header.count(d) for d in ";,\t"}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0 and classify(header.strip()).kind in ("scale", "free_text"):
        return ","  # one question, one column
    if counts[best] == 0:
        raise FeedbackCSVError(path, _("the first line has one column only: no ; , or tab "
                                       "separates the questions"), _("export the survey as CSV "
                                                                     "with a header line naming "
                                                                     "each question"), 1)
    return best


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    return re.sub(r"\s+", " ", re.sub(r"[\[\](){}:?!.*_\"'“”]", " ", text)).strip()


def classify(header: str) -> Column:
    """What a column is, by its header."""
    norm = _norm(header)
    padded = f" {norm} "
    if not norm:
        return Column(header, "unknown")
    for word in PERSONAL:
        if norm == word or norm.startswith(word + " ") or padded.find(f" {word} ") >= 0 \
                and len(norm) <= len(word) + 12:
            return Column(header, "personal")
    for key, words in SCALES.items():
        if any(w in padded for w in words):
            return Column(header, "scale", key)
    if any(w in padded for w in FREE_TEXT):
        return Column(header, "free_text", _slug(header))
    return Column(header, "unknown", _slug(header))


def _slug(header: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_.casefold()).strip("_")[:40] or "question"


_SCALE_VALUE = re.compile(r"^\s*([1-5])(?:[.,]0)?(?:\s*(?:[-–—:=/)]|$).*)?$", re.DOTALL)


def scale_value(value: str) -> int | None:
    """1–5 from "4", "4.0", "4 – hyvä", "4/5"; None for an empty answer; -1 for anything
    else."""
    if not value.strip():
        return None
    found = _SCALE_VALUE.match(value)
    return int(found.group(1)) if found else -1


def themes(answers: list[str], names: set[str]) -> list[tuple[str, int]]:
    """Words mentioned in at least two answers, with how many answers mention each (a word's
    forms are counted together by their first six letters); people's names left out."""
    stems: dict[str, int] = {}
    forms: dict[str, dict[str, int]] = {}
    for answer in answers:
        seen: set[str] = set()
        for word in _WORD.findall(answer):
            low = word.casefold()
            if low in _STOP or low in names or "@" in word:
                continue
            stem = low[:6]
            if stem in seen:
                continue
            seen.add(stem)
            stems[stem] = stems.get(stem, 0) + 1
            forms.setdefault(stem, {})
            forms[stem][low] = forms[stem].get(low, 0) + 1
    ranked = sorted(((n, stem) for stem, n in stems.items() if n >= MIN_THEME_ANSWERS),
                    key=lambda x: (-x[0], x[1]))[:MAX_THEMES]
    return [(max(forms[stem], key=lambda f: (forms[stem][f], -len(f))), n)
            for n, stem in ranked]


def _person_names(event: Event | None) -> set[str]:
    if event is None:
        return set()
    people = [s.name for s in event.speakers] + [p.name for p in event.panel.panelists] + \
        [o.name for o in event.organisers] + [event.contact.name, event.panel.moderator] + \
        [p.contact.name for p in event.partners if not isinstance(p.contact, str)]
    return {w.casefold() for name in people for w in _WORD.findall(name or "")}


def parse(path: Path, raw: bytes, event: Event | None = None,
          now: dt.datetime | None = None) -> ImportResult:
    """Aggregates of one survey export; every problem raises before anything is kept."""
    if not raw.strip():
        raise FeedbackCSVError(path, _("the file is empty"), _("export the survey results as CSV"))
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FeedbackCSVError(path, _("holds NUL bytes: this is not a CSV file (an Excel "
                                       "workbook?)"), _("export or save the results as CSV"))
    text, encoding = decode(path, raw)
    delimiter = sniff_delimiter(path, text)
    columns, rows = _read_answers(path, text, delimiter)
    _settle_columns(columns, rows)
    scales, free, problems = _aggregate(columns, rows, _person_names(event))
    if problems:
        shown = "\n  - ".join(problems[:20])
        raise FeedbackCSVError(path, _("{n} answer(s) are not on the scale 1–5; "
                                       "nothing was imported:\n  - {shown}").format(
                                         n=len(problems), shown=shown),
                               _("export the answers as numbers 1–5 (in Webropol: 'numeric "
                                 "values'), or correct those cells"))
    if not scales and not free:
        unknown = ", ".join(repr(c.header) for c in columns if c.kind == "unknown")
        raise FeedbackCSVError(path, _("no column was understood as a feedback "
                                       "question (not understood: {unknown})").format(
                                         unknown=unknown or _('none')),
                               _("name the columns by their questions, e.g. 'Kokonaisarvio', "
                                 "'Overall rating', 'Helhetsbetyg', 'Vapaa palaute'"), 1)
    responses = sum(1 for r in rows if any(r[i].strip() for i, c in enumerate(columns)
                                           if c.kind in ("scale", "free_text")))
    feedback = Feedback(source=_one_line(path.name), imported=now or dt.datetime.now(dt.UTC),
                        responses=responses, scales=scales, free_texts=free,
                        ignored_columns=[_one_line(c.header) for c in columns
                                         if c.kind == "unknown"])
    return ImportResult(feedback, columns, encoding, delimiter)


def _read_answers(path: Path, text: str, delimiter: str) -> tuple[list[Any], list[list[str]]]:
    """The columns (classified by their headers) and the non-empty answer rows; a file that
    cannot be read as the survey's answers raises :class:`FeedbackCSVError`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise FeedbackCSVError(path, _("the header line cannot be read ({error})").format(
                                         error=exc),
                               _("export the survey again as CSV"), 1) from None
    if len(header) > MAX_COLUMNS:
        raise FeedbackCSVError(path, _("{n} columns; at most {max}").format(
                                         n=len(header), max=MAX_COLUMNS),
                               _("export only the survey's questions"), 1)
    columns = [classify(h.strip()) for h in header]
    if any(re.fullmatch(r"\s*\d+([.,]\d+)?\s*", h) for h in header):
        raise FeedbackCSVError(path, _("the first line holds answers, not the questions"),
                               _("export the results with the header line (question texts as "
                                 "column names)"), 1)
    rows: list[list[str]] = []
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise FeedbackCSVError(path, _("cannot be read as CSV ({error})").format(error=exc),
                                   _("check the quotes on that line, or export again"),
                                   reader.line_num) from None
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise FeedbackCSVError(
                path, _("{values} values for {columns} columns (separator "
                        "'{separator}')").format(
                          values=len(values), columns=len(header), separator=delimiter), _("export again; if the separator is wrong, save the file with ; or , between the columns"), reader.line_num)
        rows.append(values)
        if len(rows) > MAX_ROWS:
            raise FeedbackCSVError(path, _("more than {n} answers").format(n=MAX_ROWS),
                                   _("split the file"), reader.line_num)
    if not rows:
        raise FeedbackCSVError(path, _("has a header but no answers"),
                               _("export the results after people have answered"))
    return columns, rows


def _settle_columns(columns: list[Any], rows: list[list[str]]) -> None:
    """Settle each column's kind by its answers and give each question a unique key."""
    # the answers settle what the header leaves open: a column of unknown header whose every
    # answer is 1–5 is a scale question; a "scale" header with only words for answers is a
    # free-text question ("Mitä mieltä olit puhujista?")
    for i, col in enumerate(columns):
        answers = [scale_value(r[i]) for r in rows]
        given = [a for a in answers if a is not None]
        numeric = bool(given) and all(a != -1 for a in given)
        if col.kind == "unknown" and numeric:
            col.kind, col.by_answers = "scale", True
        elif col.kind == "scale" and given and all(a == -1 for a in given):
            col.kind, col.key = "free_text", _slug(col.header)
    keys: dict[str, int] = {}
    for col in columns:
        if col.kind in ("scale", "free_text"):
            base = col.key or _slug(col.header)
            keys[base] = keys.get(base, 0) + 1
            col.key = base if keys[base] == 1 else f"{base}_{keys[base]}"


def _aggregate(columns: list[Any], rows: list[list[str]],
               names: set[str]) -> tuple[list[Any], list[Any], list[str]]:
    """The scale questions (counts and mean), the free-text questions (themes without
    people's names) and every answer that is not on the scale."""
    problems: list[str] = []
    scales: list[Any] = []
    free: list[Any] = []
    for i, col in enumerate(columns):
        if col.kind == "scale":
            counts = {str(n): 0 for n in range(1, 6)}
            for line, r in enumerate(rows, 2):
                value = scale_value(r[i])
                if value == -1:
                    problems.append(_("column '{column}': answer {answer} (answer "
                                      "{number}) is not 1–5").format(
                                        column=col.header, answer=f"{r[i][:20]!r}",
                                        number=line - 1))
                elif value is not None:
                    counts[str(value)] += 1
            answered = sum(counts.values())
            mean = round(sum(int(k) * n for k, n in counts.items()) / answered, 2) \
                if answered else 0.0
            scales.append(ScaleQuestion(key=col.key, question=_one_line(col.header),
                                        answers=answered, mean=mean, distribution=counts))
        elif col.kind == "free_text":
            answers_ = [r[i] for r in rows if r[i].strip()]
            free.append(FreeTextQuestion(
                key=col.key, question=_one_line(col.header), answers=len(answers_),
                themes=[FeedbackTheme(theme=w, count=n) for w, n in themes(answers_, names)]))
    return scales, free, problems


def _one_line(text: str) -> str:
    return " ".join(CONTROL_RE.sub(" ", text).split())[:200]


def import_feedback(engine: Engine, event_name: str, path: Path) -> tuple[Outcome, ImportResult]:
    """Read ``path`` and store its aggregates as the event's feedback (one revision)."""
    try:
        raw = read_capped(path, MAX_CSV_BYTES)
    except FileNotFoundError:
        raise InvalidInput(_("{path}: file not found").format(path=path)) from None
    except IsADirectoryError:
        raise InvalidInput(_("{path}: is a folder; give the CSV file").format(path=path)) from None
    event = engine.load(event_name)
    result = parse(path, raw, event)

    def mutate(ev: Event) -> dict[str, Any]:
        ev.feedback = result.feedback
        return {"responses": result.feedback.responses}

    outcome = engine.change(event_name, "feedback.import", mutate,
                            {"source": result.feedback.source,
                             "responses": result.feedback.responses,
                             "questions": len(result.feedback.scales)
                             + len(result.feedback.free_texts)}, after_end=True)
    return outcome, result


def to_rows(feedback: Feedback) -> list[list[str]]:
    """The aggregates as table rows (question, answers, mean, 1…5, themes)."""
    rows = [["question", "answers", "mean", "1", "2", "3", "4", "5", "themes"]]
    for q in feedback.scales:
        rows.append([q.question, str(q.answers), f"{q.mean:.2f}",
                     *(str(q.distribution.get(str(n), 0)) for n in range(1, 6)), ""])
    for t in feedback.free_texts:
        rows.append([t.question, str(t.answers), "", "", "", "", "", "",
                     ", ".join(f"{th.theme} {th.count}" for th in t.themes)])
    return rows
