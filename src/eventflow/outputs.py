"""Rendering the documents of each stage: the sandbox, safe writing, the manifest and staleness.

``eventflow outputs EVENT`` calls :func:`render_outputs`. Every output registered through the
``register_outputs`` hook (built-in or third-party) is rendered in isolation: it receives an
:class:`OutputContext`, returns ``[(file_name, content), ...]``, and runs under a time limit.
An output that raises, returns something unusable, names a file unsafely or runs too long is
reported (naming its plugin and output id) and nothing of it is written; the other outputs still
render. Files go only into ``events/<id>/outputs/<stage>/``, each written atomically.

Templates render in a Jinja2 sandbox (``ImmutableSandboxedEnvironment``): templates may come from
other organisations, so attribute access to internals is refused, ``range`` and string
repetition are bounded, output size is capped, and ``.html`` templates are autoescaped. A
planning folder overrides any packaged template with ``<planning>/templates/<lang>/<name>``.

``events/<id>/outputs/manifest.json`` records, per output: the plugin and its version, the files
written, when, and a hash of each input it was made from (the event fields it reads, the
participant aggregates, the templates). :func:`stale_outputs` compares those with today's.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import signal
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence

from .errors import EventflowError, FileFormatError, InvalidInput
from .names import PARTICIPANTS_FILE

if TYPE_CHECKING:
    from .engine import Engine
    from .event import Event
    from .plugins import OutputSpec
    from .workflow import Workflow

TEMPLATE_LANGUAGES = ("fi", "sv", "en")
PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"
OUTPUTS_DIR = "outputs"
MANIFEST_FILE = "manifest.json"

MAX_FILE_BYTES = 5 << 20            # one file an output writes
MAX_OUTPUT_BYTES = 20 << 20         # all files of one output
MAX_FILES = 500                     # files of one output
MAX_TEMPLATE_CHARS = 2_000_000      # text one template render may produce
MAX_TEMPLATE_BYTES = 256 << 10      # size of a template file (packaged or override)
MAX_RANGE = 10_000                  # longest range() a template may loop over
MAX_REPEAT = 100_000                # longest string/list a template may build with * or a width
MAX_NAME = 120                      # characters in a file name
DEFAULT_TIMEOUT = 10.0              # seconds one output may take (EVENTFLOW_OUTPUT_TIMEOUT)

# Fields of the event that are never inputs of a document: bookkeeping, not planning data.
BOOKKEEPING = frozenset({"schema", "revision", "stage", "created", "workflow", "due", "items"})
PARTICIPANTS_INPUT = "participants"


class OutputError(EventflowError):
    """One output could not be made; the message names the plugin and the output id."""

    def __init__(self, plugin: str, output: str, message: str) -> None:
        self.plugin = plugin
        self.output = output
        super().__init__(f"output '{output}' of plugin '{plugin}': {message}")


class RenderTimeout(BaseException):
    """Raised inside an output that runs past its time limit.

    A ``BaseException`` so that a plugin's ``except Exception`` cannot swallow it.
    """


# labels (reference.md §2) ---------------------------------------------------------------------
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
               "accessible_toilet": "esteetön wc", "lift": "hissi", "quiet_room": "hiljainen huone"},
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

_WEEKDAYS = {
    "fi": ("maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai"),
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def label(kind: str, key: str, lang: str) -> str:
    """The reader-facing word for a vocabulary key (``label("dimension", "safety", "sv")``)."""
    table = LABELS.get(kind, {})
    words = table.get(lang) or table.get("en") or {}
    if key in words:
        return words[key]
    return str(key).replace("_", " ")


def format_date(value: dt.date | str | None, lang: str, weekday: bool = False) -> str:
    """18.3.2027 (fi, sv) or 18 March 2027 (en); with ``weekday`` the day's name first."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        day = value.date() if isinstance(value, dt.datetime) else value
    value = day
    text = (f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}" if lang == "en"
            else f"{value.day}.{value.month}.{value.year}")
    if weekday:
        name = _WEEKDAYS.get(lang, _WEEKDAYS["en"])[value.weekday()]
        text = f"{name} {text}"
    return text


def format_percent(value: float, lang: str) -> str:
    """50 % / 33,3 % (fi, sv) or 33.3 % (en)."""
    text = f"{float(value or 0):.1f}".removesuffix(".0")
    return (text if lang == "en" else text.replace(".", ",")) + "\u00a0%"


def format_money(amount: float, lang: str) -> str:
    """1 234,50 € (fi, sv) or €1,234.50 (en)."""
    text = f"{amount:,.2f}"
    if lang == "en":
        return f"€{text}"
    return text.replace(",", "\u00a0").replace(".", ",") + "\u00a0€"


# text safety ----------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str, *, newlines: bool = True) -> str:
    """Remove control characters (terminal escapes, bidi overrides); keep ``\\n`` and ``\\t``
    unless ``newlines`` is false, in which case every line break becomes a space."""
    if not newlines:
        text = re.sub(r"[\r\n\t\u2028\u2029\x0b\x0c\x85]+", " ", text)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(value: Any) -> str:
    """A value as a single line of plain text (names, titles, header values)."""
    return strip_controls(str(value), newlines=False).strip()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a cell starting (after spaces) with = + - @ tab or CR
    gets a leading quote; line breaks and control characters become spaces or go."""
    if not isinstance(value, str):
        return value
    formula = value.lstrip(" ").startswith(_FORMULA_START)
    text = one_line(value)
    if formula or text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def write_csv(rows: Sequence[Sequence[Any]], lang: str = "en") -> bytes:
    """CSV with every text cell neutralised; ``;`` and decimal comma for fi/sv, as Excel in
    Finland expects; UTF-8 with a byte-order mark so spreadsheets read ä and ö."""
    buffer = io.StringIO()
    delimiter = "," if lang == "en" else ";"
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, float) and lang != "en":
                cells.append(f"{value:.2f}".replace(".", ","))
            elif isinstance(value, float):
                cells.append(f"{value:.2f}")
            else:
                cells.append(csv_cell(value))
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8-sig")


def safe_filename(name: Any) -> str:
    """Return ``name`` if it is a plain file name, else raise ValueError saying why.

    Refused: empty names, ``.``/``..``, a leading dot, slashes or backslashes, control
    characters, names longer than 120 characters, and Windows device names.
    """
    if not isinstance(name, str):
        raise ValueError(f"file name {name!r} is not a string")
    if not name or name in (".", ".."):
        raise ValueError(f"file name {name!r} is empty or a folder reference")
    if "/" in name or "\\" in name or ".." in name:
        raise ValueError(f"file name {name!r} must not contain '/', '\\' or '..'")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValueError(f"file name {name!r} contains control characters")
    if name.startswith(".") or name.startswith("-") or name != name.strip():
        raise ValueError(f"file name {name!r} must not start with '.', '-' or a space")
    if len(name) > MAX_NAME:
        raise ValueError(f"file name {name[:40]!r}… is longer than {MAX_NAME} characters")
    if name.split(".")[0].upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in
                                                                   range(1, 10)),
                                      *(f"LPT{i}" for i in range(1, 10))}:
        raise ValueError(f"file name {name!r} is a reserved device name")
    return name


def file_slug(text: str, max_len: int = 40) -> str:
    """A file-name-safe slug of any text (``../../etc/x`` → ``etc-x``)."""
    from .store import slugify

    return slugify(text, max_len)


# the sandbox ------------------------------------------------------------------------------------
_WIDTH = re.compile(r"\d{6,}")


def _bounded_filter(func: Callable[..., Any], *positions: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[1:], *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_REPEAT:
                from jinja2.exceptions import SecurityError

                raise SecurityError(f"width {value} is over the {MAX_REPEAT} allowed")
        return func(*args, **kwargs)

    wrapper.__name__ = getattr(func, "__name__", "filter")
    for attr in ("jinja_pass_arg",):
        if hasattr(func, attr):
            setattr(wrapper, attr, getattr(func, attr))
    return wrapper


def _make_environment(loader: Any, html: bool) -> Any:
    from jinja2 import StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "%"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64:
                raise SecurityError(f"exponent {right} is over the 64 allowed in templates")
            if operator == "*":
                for seq, count in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(count, int) \
                            and len(seq) * max(count, 0) > MAX_REPEAT:
                        raise SecurityError(f"repeating a sequence {count} times builds more "
                                            f"than {MAX_REPEAT} items")
            if operator == "%" and isinstance(left, str) and _WIDTH.search(left):
                raise SecurityError("a format width over 99999 is not allowed in templates")
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            for value in (*args, *kwargs.values()):
                if isinstance(value, int) and not isinstance(value, bool) \
                        and abs(value) > MAX_REPEAT:
                    raise SecurityError(f"argument {value} is over the {MAX_REPEAT} allowed "
                                        "in template calls")
            return super().call(__context, __obj, *args, **kwargs)

        def wrap_str_format(self, value: Any) -> Any:
            owner = getattr(value, "__self__", None)
            if isinstance(owner, str) and _WIDTH.search(owner):
                raise SecurityError("a format width over 99999 is not allowed in templates")
            return super().wrap_str_format(value)

    def bounded_range(*args: int) -> range:
        rng = range(*args)
        if len(rng) > MAX_RANGE:
            raise SecurityError(f"range of {len(rng)} items is over the {MAX_RANGE} allowed "
                                "in templates")
        return rng

    def finalize(value: Any) -> Any:
        if isinstance(value, str) and not hasattr(value, "__html__"):
            value = strip_controls(value)
            if not html:  # Markdown renders inline HTML; data never becomes markup
                value = value.replace("<", "&lt;").replace(">", "&gt;")
        return value

    env = Sandbox(loader=loader, autoescape=html, undefined=StrictUndefined, finalize=finalize,
                  trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                  auto_reload=False)
    env.globals["range"] = bounded_range
    for name in ("center", "indent", "wordwrap", "truncate", "format", "batch", "slice"):
        if name in env.filters:
            env.filters[name] = _bounded_filter(env.filters[name])
    env.filters["date"] = lambda value, lang, weekday=False: format_date(value, lang, weekday)
    env.filters["money"] = lambda value, lang: format_money(float(value or 0), lang)
    env.filters["one_line"] = one_line
    env.filters["sentence"] = lambda value: str(value)[:1].upper() + str(value)[1:]
    env.filters["percent"] = lambda value, lang: format_percent(value, lang)
    env.filters["cell"] = lambda value: one_line(value).replace("|", "/")
    return env


class TemplateRenderer:
    """Finds templates (planning-folder override first, then the packaged one), renders them in
    the sandbox with bounded time and size, and remembers which templates it used."""

    def __init__(self, planning_root: Path | None,
                 extra_dirs: Sequence[Path] = ()) -> None:
        self.planning_root = planning_root
        self.extra_dirs = list(extra_dirs)
        self.used: dict[str, str] = {}
        self._envs: dict[bool, Any] = {}

    def search_path(self) -> list[Path]:
        paths = []
        if self.planning_root is not None:
            paths.append(self.planning_root / "templates")
        return [*paths, *self.extra_dirs, PACKAGE_TEMPLATES]

    def find(self, key: str) -> tuple[Path, str] | None:
        """The file a template key ``<lang>/<name>`` resolves to, and its source."""
        parts = key.split("/")
        if len(parts) != 2:
            raise InvalidInput(f"template '{key}' must be <lang>/<name>")
        for part in parts:
            safe_filename(part)
        for folder in self.search_path():
            path = folder / parts[0] / parts[1]
            if path.is_file() and not path.is_symlink():
                if path.stat().st_size > MAX_TEMPLATE_BYTES:
                    raise FileFormatError(path, f"is over the {MAX_TEMPLATE_BYTES} bytes a "
                                          "template may have")
                try:
                    return path, path.read_text("utf-8")
                except UnicodeDecodeError as exc:
                    raise FileFormatError(path, f"is not UTF-8 text ({exc})",
                                          fix="save the template as UTF-8") from None
        return None

    def source_hash(self, key: str) -> str:
        found = self.find(key)
        if found is None:
            return "missing"
        return hashlib.sha256(found[1].encode("utf-8")).hexdigest()[:16]

    def _env(self, html: bool) -> Any:
        if html not in self._envs:
            from jinja2 import BaseLoader, TemplateNotFound

            renderer = self

            class Loader(BaseLoader):
                def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
                    try:
                        found = renderer.find(template)
                    except ValueError as exc:
                        raise TemplateNotFound(f"{template} ({exc})") from None
                    if found is None:
                        raise TemplateNotFound(template)
                    path, source = found
                    renderer.used[template] = hashlib.sha256(
                        source.encode("utf-8")).hexdigest()[:16]
                    return source, str(path), lambda: False

            self._envs[html] = _make_environment(Loader(), html)
        return self._envs[html]

    def render(self, name: str, lang: str, variables: Mapping[str, Any]) -> str:
        from jinja2 import TemplateNotFound

        key = f"{lang}/{name}"
        html = name.endswith((".html", ".htm", ".xml"))
        env = self._env(html)
        try:
            template = env.get_template(key)
        except TemplateNotFound:
            where = " or ".join(str(p / lang / name) for p in self.search_path())
            raise InvalidInput(f"no template {key} (looked in {where})") from None
        return _generate(template, {"lang": lang, **variables}, key)

    def render_string(self, source: str, lang: str, variables: Mapping[str, Any],
                      html: bool = False) -> str:
        if len(source) > MAX_TEMPLATE_BYTES:
            raise InvalidInput(f"template text is over the {MAX_TEMPLATE_BYTES} bytes allowed")
        template = self._env(html).from_string(source)
        return _generate(template, {"lang": lang, **variables}, "<string>")


def _generate(template: Any, variables: Mapping[str, Any], key: str) -> str:
    chunks: list[str] = []
    size = 0
    for chunk in template.generate(**variables):
        size += len(chunk)
        if size > MAX_TEMPLATE_CHARS:
            raise InvalidInput(f"template {key} produced more than {MAX_TEMPLATE_CHARS} "
                               "characters; stopped")
        chunks.append(chunk)
    return "".join(chunks)


# participants (aggregates only) -----------------------------------------------------------------
@dataclass(frozen=True)
class ParticipantSummary:
    """Counts from ``events/<id>/participants.toml``; never names or contact details."""

    registered: int
    attended: int
    registered_by_group: dict[str, int]
    attended_by_group: dict[str, int]
    organisations: int
    organisations_by_type: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"registered": self.registered, "attended": self.attended,
                "registered_by_group": self.registered_by_group,
                "attended_by_group": self.attended_by_group,
                "organisations": self.organisations,
                "organisations_by_type": self.organisations_by_type}


def read_participants(event_dir: Path) -> ParticipantSummary | None:
    """Aggregate the registrations of an event, or ``None`` if none were recorded.

    Reads the list under ``participants`` (or ``registrations``) of ``participants.toml``;
    each entry may carry ``target_group``, ``organisation``, ``organisation_type`` and
    ``attended`` (true, or a date/time). Only counts leave this function.
    """
    import tomli

    path = event_dir / PARTICIPANTS_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = tomli.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
        raise FileFormatError(path, f"cannot be read ({exc})",
                              fix="correct it by hand or restore it from git") from None
    rows = data.get("participants", data.get("registrations", []))
    if isinstance(rows, dict):
        rows = list(rows.values())
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise FileFormatError(path, "must hold a list of participant tables",
                              field="participants")
    reg: dict[str, int] = {}
    att: dict[str, int] = {}
    orgs: dict[str, str] = {}
    attended = 0
    for row in rows:
        group = str(row.get("target_group") or "other")
        reg[group] = reg.get(group, 0) + 1
        was_there = row.get("attended")
        if was_there not in (None, False, ""):
            attended += 1
            att[group] = att.get(group, 0) + 1
        org = str(row.get("organisation") or "").strip().casefold()
        if org:
            orgs.setdefault(org, str(row.get("organisation_type") or group))
    by_type: dict[str, int] = {}
    for kind in orgs.values():
        by_type[kind] = by_type.get(kind, 0) + 1
    return ParticipantSummary(len(rows), attended, dict(sorted(reg.items())),
                              dict(sorted(att.items())), len(orgs), dict(sorted(by_type.items())))


# the context a render function receives ----------------------------------------------------------
@dataclass(frozen=True)
class OutputContext:
    """Everything an output's ``render(ctx)`` may use; the same for built-in and third-party
    outputs.

    * ``event`` — a copy of the event (changing it changes nothing on disk);
    * ``workflow`` — the event's workflow (stages, items, labels);
    * ``stage`` — the stage whose folder the files go to;
    * ``languages`` — the languages to render, e.g. ``("fi", "sv")``;
    * ``settings`` — a copy of this plugin's ``[plugins.<name>]`` table of ``eventflow.toml``;
    * ``today`` — the date the documents are made (``EVENTFLOW_TODAY`` in tests);
    * ``participants()`` — registration counts by target group (:class:`ParticipantSummary`),
      or ``None`` when no registrations are recorded; never names;
    * ``render_template(name, lang, **vars)`` — render ``<lang>/<name>`` in the sandbox, from
      the planning folder's ``templates/`` if it has one, else eventflow's own;
    * ``render_string(source, lang, **vars)`` — render a plugin's own template text in the
      sandbox (``html=True`` autoescapes);
    * ``label(kind, key, lang)`` — the glossary word for a vocabulary key.
    """

    event: Event
    workflow: Workflow
    stage: str
    languages: tuple[str, ...]
    settings: Mapping[str, Any]
    today: dt.date
    _renderer: TemplateRenderer = field(repr=False)
    _participants: Callable[[], ParticipantSummary | None] = field(repr=False)

    def participants(self) -> ParticipantSummary | None:
        return self._participants()

    def render_template(self, name: str, lang: str, /, **variables: Any) -> str:
        return self._renderer.render(name, lang, {"event": self.event, "today": self.today,
                                                  **variables})

    def render_string(self, source: str, lang: str, /, html: bool = False,
                      **variables: Any) -> str:
        return self._renderer.render_string(source, lang, {"event": self.event,
                                                           "today": self.today, **variables},
                                            html=html)

    def label(self, kind: str, key: str, lang: str) -> str:
        return label(kind, key, lang)


# time limit ---------------------------------------------------------------------------------------
def timeout_seconds() -> float:
    value = os.environ.get("EVENTFLOW_OUTPUT_TIMEOUT")
    try:
        return float(value) if value else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`RenderTimeout` in the block after ``seconds`` (and again every 0.1 s, so a
    swallowed timeout fires again). Only on the main thread of a POSIX process; elsewhere the
    block runs unbounded."""
    usable = (hasattr(signal, "setitimer") and seconds > 0
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise RenderTimeout(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, previous)


# inputs and the manifest ----------------------------------------------------------------------------
def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def input_fields(spec: OutputSpec) -> list[str]:
    """The event fields an output reads: ``render.inputs`` if the plugin declared them, else
    every planning field (bookkeeping such as revision, stage and ticks excluded)."""
    from .event import Event

    declared = getattr(spec.render, "inputs", None)
    if declared:
        return sorted(set(declared))
    return [name for name in Event.__struct_fields__ if name not in BOOKKEEPING]


def input_hashes(event: Event, fields: Sequence[str],
                 participants: Callable[[], ParticipantSummary | None]) -> dict[str, str]:
    from .event import to_data

    data = to_data(event)
    hashes: dict[str, str] = {}
    for name in fields:
        if name == PARTICIPANTS_INPUT:
            try:
                summary = participants()
                hashes[name] = _digest(summary.to_json() if summary else None)
            except EventflowError as exc:
                hashes[name] = _digest(str(exc))
        else:
            hashes[name] = _digest(data.get(name))
    return hashes


def manifest_path(event_dir: Path) -> Path:
    return event_dir / OUTPUTS_DIR / MANIFEST_FILE


def read_manifest(event_dir: Path) -> dict[str, Any]:
    path = manifest_path(event_dir)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {"schema": 1, "outputs": {}}
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FileFormatError(path, f"is not valid JSON ({exc})",
                              fix="delete it and run `eventflow outputs` again") from None
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), dict):
        raise FileFormatError(path, "has no 'outputs' table",
                              fix="delete it and run `eventflow outputs` again")
    return data


def write_manifest(event_dir: Path, data: dict[str, Any]) -> None:
    from .store import atomic_write

    path = manifest_path(event_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    atomic_write(path, text.encode("utf-8"))


def plugin_versions(engine: Engine) -> dict[str, str]:
    from . import __version__

    versions: dict[str, str] = {}
    for plugin, dist in engine.pm.list_plugin_distinfo():
        name = engine.pm.get_name(plugin)
        if name:
            versions[name] = str(dist.version)
    from .plugins import BUILTIN_PLUGINS

    for name in BUILTIN_PLUGINS:
        versions.setdefault(name, __version__)
    return versions


# rendering ------------------------------------------------------------------------------------------
@dataclass
class OutputResult:
    """What happened to one output."""

    id: str
    stage: str
    plugin: str
    files: list[Path] = field(default_factory=list)
    error: str | None = None
    removed: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self, root: Path) -> dict[str, Any]:
        return {"id": self.id, "stage": self.stage, "plugin": self.plugin, "ok": self.ok,
                "files": [str(_rel(p, root)) for p in self.files], "error": self.error,
                "removed": [str(_rel(p, root)) for p in self.removed]}


@dataclass
class RenderReport:
    event_id: str
    stages: list[str]
    languages: list[str]
    results: list[OutputResult]
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)


def _rel(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return path


def outputs_for_stage(engine: Engine, stage: str) -> list[OutputSpec]:
    return [spec for spec in engine.registry.outputs.values()
            if spec.stage in (stage, "*")]


def default_stages(event: Event, workflow: Workflow) -> list[str]:
    """The stages an event has reached: those before its current stage and the current one
    (every stage once it is done or cancelled)."""
    ids = workflow.stage_ids
    if event.stage in ids:
        return ids[: ids.index(event.stage) + 1]
    return list(ids)


def choose_languages(event: Event, wanted: Sequence[str] | None) -> tuple[list[str], list[str]]:
    """The languages to render and the warnings about languages that have no templates."""
    warnings: list[str] = []
    if wanted:
        unknown = [lang for lang in wanted if lang not in TEMPLATE_LANGUAGES]
        if unknown:
            raise InvalidInput(f"no templates in {', '.join(unknown)}; outputs exist in "
                               f"{', '.join(TEMPLATE_LANGUAGES)}")
        return list(dict.fromkeys(wanted)), warnings
    event_langs = list(dict.fromkeys([*event.languages, *event.invitation.languages]))
    langs = [lang for lang in event_langs if lang in TEMPLATE_LANGUAGES]
    missing = [lang for lang in event_langs if lang not in TEMPLATE_LANGUAGES]
    if missing:
        warnings.append(f"{event.id}: no templates in {', '.join(missing)}; translate the "
                        f"outputs made in {', '.join(langs) or 'fi'} by hand, or add templates "
                        "under templates/<lang>/ in the planning folder")
    return langs or ["fi"], warnings


def _validate_files(result: Any, spec: OutputSpec) -> list[tuple[str, bytes]]:
    def bad(message: str) -> OutputError:
        return OutputError(spec.plugin, spec.id, message)

    if not isinstance(result, (list, tuple)):
        raise bad(f"render returned {type(result).__name__}, not a list of (file name, "
                  "content) pairs")
    if len(result) > MAX_FILES:
        raise bad(f"render returned {len(result)} files, over the {MAX_FILES} allowed")
    files: list[tuple[str, bytes]] = []
    seen: set[str] = set()
    total = 0
    for entry in result:
        if not isinstance(entry, (list, tuple)) or len(entry) != 2:
            raise bad(f"render returned {entry!r:.60}, not a (file name, content) pair")
        name, content = entry
        try:
            safe_filename(name)
        except ValueError as exc:
            raise bad(f"unsafe file name: {exc}") from None
        if name in seen or name == MANIFEST_FILE:
            raise bad(f"file name {name!r} is used twice")
        seen.add(name)
        if isinstance(content, str):
            content = content.encode("utf-8")
        if not isinstance(content, (bytes, bytearray)):
            raise bad(f"content of {name!r} is {type(content).__name__}, not str or bytes")
        if len(content) > MAX_FILE_BYTES:
            raise bad(f"{name!r} is {len(content)} bytes, over the {MAX_FILE_BYTES} allowed")
        total += len(content)
        if total > MAX_OUTPUT_BYTES:
            raise bad(f"files total over the {MAX_OUTPUT_BYTES} bytes allowed")
        files.append((name, bytes(content)))
    return files


def _stage_folder(event_dir: Path, stage: str) -> Path:
    """``events/<id>/outputs/<stage>``, refusing a folder that leads elsewhere (a symlink
    committed to the shared folder, say)."""
    safe_filename(stage)
    base = event_dir / OUTPUTS_DIR
    folder = base / stage
    if base.is_symlink() or folder.is_symlink():
        raise InvalidInput(f"{folder} is a link; eventflow writes outputs only into real "
                           f"folders under {event_dir}: remove the link and run again")
    folder.mkdir(parents=True, exist_ok=True)
    if not folder.resolve().is_relative_to(event_dir.resolve()):
        raise InvalidInput(f"{folder} leads outside {event_dir}; remove the link and run "
                           "`eventflow outputs` again")
    return folder


def render_outputs(engine: Engine, name: str, *, stages: Sequence[str] | None = None,
                   languages: Sequence[str] | None = None, today: dt.date | None = None,
                   timeout: float | None = None) -> RenderReport:
    """Render the outputs of ``stages`` (default: every stage the event has reached).

    Each output renders in isolation (see the module docstring); the manifest records the
    outputs that succeeded. Raises :class:`InvalidInput` for an unknown stage or language.
    """
    from .store import atomic_write, file_lock, now

    event = engine.load(name)
    workflow = engine.workflow_for(event)
    chosen = list(stages) if stages else default_stages(event, workflow)
    unknown = [s for s in chosen if s not in workflow.stage_ids]
    if unknown:
        raise InvalidInput(f"no stage {', '.join(unknown)} in workflow {workflow.id}; stages: "
                           f"{', '.join(workflow.stage_ids)}")
    langs, warnings = choose_languages(event, languages)
    from .schedule import today as _today

    day = today or _today()
    limit = timeout_seconds() if timeout is None else timeout
    project = engine.project
    event_dir = project.event_dir(event.id)
    registry = engine.registry
    versions = plugin_versions(engine)
    summary_cache: dict[str, Any] = {}

    def participants() -> ParticipantSummary | None:
        if "value" not in summary_cache:
            summary_cache["value"] = read_participants(event_dir)
        return summary_cache["value"]  # type: ignore[no-any-return]

    previous = read_manifest(event_dir)["outputs"]
    results: list[OutputResult] = []
    entries: dict[str, dict[str, Any]] = {}
    for stage in chosen:
        folder = _stage_folder(event_dir, stage)
        owners: dict[str, str] = {}
        for key, entry in previous.items():
            if entry.get("stage") == stage:
                for file_name in entry.get("files", []):
                    owners[file_name] = entry.get("output", key)
        for spec in outputs_for_stage(engine, stage):
            result = OutputResult(spec.id, stage, spec.plugin)
            results.append(result)
            renderer = TemplateRenderer(project.root)
            plugin_settings = project.settings.plugin_settings.get(spec.plugin, {})
            ctx = OutputContext(event=event.copy(), workflow=workflow, stage=stage,
                                languages=tuple(langs),
                                settings=json.loads(json.dumps(plugin_settings, default=str)),
                                today=day, _renderer=renderer, _participants=participants)
            started = time.monotonic()
            try:
                with time_limit(limit):
                    raw = spec.render(ctx)
                files = _validate_files(raw, spec)
            except RenderTimeout:
                result.error = str(OutputError(spec.plugin, spec.id,
                                               f"took longer than {limit:g} s; stopped"))
                continue
            except OutputError as exc:
                result.error = str(exc)
                continue
            except Exception as exc:  # a plugin's bug must not stop the other outputs
                result.error = str(OutputError(spec.plugin, spec.id,
                                               f"{type(exc).__name__}: {one_line(exc)}"))
                continue
            clash = [f for f, _ in files if owners.get(f, spec.id) != spec.id]
            if clash:
                result.error = str(OutputError(spec.plugin, spec.id,
                                               f"{clash[0]} is already written by output "
                                               f"'{owners[clash[0]]}'; rename the file"))
                continue
            for file_name, _ in files:
                owners[file_name] = spec.id
            try:
                for file_name, content in files:
                    target = folder / file_name
                    atomic_write(target, content)
                    result.files.append(target)
            except EventflowError as exc:  # e.g. the disk is full: report it, go on
                written = ", ".join(p.name for p in result.files) or "no file"
                result.error = str(OutputError(
                    spec.plugin, spec.id, f"{one_line(exc)} ({written} written; run "
                    "`eventflow outputs` again once the folder can be written)"))
                continue
            key = f"{stage}/{spec.id}"
            old_files = set(previous.get(key, {}).get("files", []))
            for gone in sorted(old_files - {f for f, _ in files}):
                try:
                    safe_filename(gone)
                except ValueError:
                    continue
                path = folder / gone
                if path.is_file() and not path.is_symlink():
                    path.unlink()
                    result.removed.append(path)
            fields = input_fields(spec)
            entries[key] = {
                "output": spec.id, "stage": stage, "plugin": spec.plugin,
                "version": versions.get(spec.plugin, ""), "files": [f for f, _ in files],
                "languages": langs, "made_at": now().isoformat(), "revision": event.revision,
                "seconds": round(time.monotonic() - started, 3),
                "inputs": input_hashes(event, fields, participants),
                "templates": dict(sorted(renderer.used.items())),
            }
    if entries:
        from .store import LOCK_FILE

        with file_lock(event_dir / LOCK_FILE):
            manifest = read_manifest(event_dir)
            manifest["schema"] = 1
            manifest["outputs"].update(entries)
            write_manifest(event_dir, manifest)
    if not any(outputs_for_stage(engine, s) for s in chosen):
        warnings.append(f"no active plugin provides outputs for {', '.join(chosen)}")
    warnings.extend(str(e) for e in registry.errors if e.hook == "register_outputs")
    return RenderReport(event.id, chosen, langs, results, warnings)


# staleness ------------------------------------------------------------------------------------------
@dataclass
class StaleOutput:
    id: str
    stage: str
    plugin: str
    made_at: str
    reasons: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "stage": self.stage, "plugin": self.plugin,
                "made_at": self.made_at, "reasons": self.reasons}


def stale_outputs(engine: Engine, name: str) -> tuple[list[StaleOutput], int]:
    """Outputs whose inputs changed since they were made, with the reasons; and how many
    recorded outputs are still current."""
    event = engine.load(name)
    event_dir = engine.project.event_dir(event.id)
    manifest = read_manifest(event_dir)["outputs"]
    versions = plugin_versions(engine)
    renderer = TemplateRenderer(engine.project.root)
    cache: dict[str, Any] = {}

    def participants() -> ParticipantSummary | None:
        if "value" not in cache:
            cache["value"] = read_participants(event_dir)
        return cache["value"]  # type: ignore[no-any-return]

    stale: list[StaleOutput] = []
    fresh = 0
    for key, entry in sorted(manifest.items()):
        if not isinstance(entry, dict):
            continue
        reasons: list[str] = []
        output_id = str(entry.get("output", key))
        spec = engine.registry.outputs.get(output_id)
        if spec is None:
            reasons.append("no active plugin provides this output any more")
        recorded = entry.get("inputs", {}) if isinstance(entry.get("inputs"), dict) else {}
        current = input_hashes(event, list(recorded), participants)
        changed = [f for f in recorded if current.get(f) != recorded[f]]
        if changed:
            reasons.append("changed since made: " + ", ".join(changed))
        if spec is not None:
            wanted = set(input_fields(spec)) - set(recorded)
            if wanted:
                reasons.append("the output now reads more data: " + ", ".join(sorted(wanted)))
        templates = entry.get("templates", {}) if isinstance(entry.get("templates"),
                                                             dict) else {}
        for template, digest in templates.items():
            try:
                now_digest = renderer.source_hash(template)
            except (EventflowError, ValueError):
                now_digest = "unreadable"
            if now_digest != digest:
                reasons.append(f"template {template} changed")
        version = versions.get(str(entry.get("plugin", "")))
        if version is not None and entry.get("version") and version != entry.get("version"):
            reasons.append(f"plugin version {entry.get('version')} → {version}")
        stage = str(entry.get("stage", ""))
        for file_name in entry.get("files", []):
            path = event_dir / OUTPUTS_DIR / stage / str(file_name)
            if not path.is_file():
                reasons.append(f"file {stage}/{file_name} is missing")
        if reasons:
            stale.append(StaleOutput(output_id, stage, str(entry.get("plugin", "")),
                                     str(entry.get("made_at", "")), reasons))
        else:
            fresh += 1
    return stale, fresh


__all__ = ["OutputContext", "OutputError", "ParticipantSummary", "RenderReport",
           "StaleOutput", "csv_cell", "format_date", "format_money", "label", "one_line",
           "read_participants", "render_outputs", "safe_filename", "stale_outputs",
           "write_csv"]
