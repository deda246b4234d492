"""The interface in Finnish, Swedish and English: gettext catalogues and the language in use.

How to make a message translatable (for everyone who adds one)
---------------------------------------------------------------
1. Wrap the English text in ``_()`` where it is *used* (at run time, not at import time)::

       from .i18n import _

       click.echo(_("{event} cannot leave '{stage}' yet").format(event=ev.id, stage=ev.stage))

   Put the values in with ``.format()`` *after* ``_()``, as named placeholders: the
   translator moves them, and a test fails if a translation drops or changes one. Never
   build a message from pieces (``_("no ") + what``): word order differs between languages.
   Counted things: ``ngettext("{n} item", "{n} items", n).format(n=n)``. A message needed at
   import time (a module constant) is marked with ``N_("…")`` and translated with ``_()``
   where it is printed. A word that must be translated differently in one place (a column
   heading that has to fit its column) gets a context: ``pgettext("status column", "DATE")``.
   Never name a local variable ``_`` in a function that says ``_()`` (``stale, _ = …``): it
   hides the function there (a test looks for that). A command path in a message
   (```eventflow partner add EVENT```) is kept verbatim by translators: the judge finds the
   fix in a reason by it.
2. Help texts need no wrapping: the docstring of a command and the ``help=`` of its options are
   translated when help is shown. Their module must be listed under ``modules`` in
   ``babel.cfg`` (extraction walks the commands of the listed modules).
3. Run ``make messages``: it extracts every message into ``src/eventflow/locale/eventflow.pot``,
   merges it into the Finnish and Swedish ``.po`` files and compiles the ``.mo`` files.
   Translate the new entries in ``src/eventflow/locale/{fi,sv}/LC_MESSAGES/eventflow.po``
   (use the terms of the domain glossary; remove the ``fuzzy`` flag of a guessed entry) and
   run ``make messages`` again. ``tests/test_i18n.py`` fails until every message has a Finnish
   and a Swedish translation with the same placeholders, and until the committed ``.mo`` files
   match the ``.po`` files.

JSON output, command and option names, ids and file formats stay English: scripts read them.

The language
------------
``--lang`` (the global option), else ``EVENTFLOW_LANG``, else the planning folder's
``language`` (``eventflow.toml``), else the system locale (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``), else English. It is found on the first message, not at start-up,
and English needs no catalogue at all: ``--help`` and the fast ``status`` pay nothing for it.
A catalogue that is missing or broken gives English and one warning. A catalogue is read
message by message (:class:`Catalogue`): a command that says a few things does not parse all of
them first. What eventflow keeps in ``.eventflow/`` (the status index, the views of
``status EVENT`` and ``why``) holds text in the interface language, so the caches are keyed on
it (:func:`cache_language`). :class:`speaking` makes a block speak a language of its own (the
dashboard's pages, whose checks' reasons are then in the page's language).

The ``.mo`` files are committed next to the ``.po`` files (and shipped as package data), not
compiled at install time: an install then needs no Babel and no build step, an editable
install works as is, and ``tests/test_i18n.py`` holds the two in step.
"""

from __future__ import annotations

import io
import os
import re  # loaded on every path already (click, json, plugin_commands): free
import sys
from typing import Any

from .folder import SETTINGS_FILE, planning_folder

LANGUAGES = ("fi", "sv", "en")
DOMAIN = "eventflow"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")

_state: dict[str, Any] = {"explicit": None, "dir": None, "lang": None, "catalogue": None,
                          "warned": False, "configured": False}


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark ``message`` for extraction without translating it (translate it where used)."""
    return message


def configure(lang: str | None = None, directory: str | None = None) -> None:
    """Start over with ``--lang`` and ``--dir`` as given (``None``: not given); the language
    is found again on the next message. The command line calls this for every run."""
    _state.update(explicit=lang, dir=directory, lang=None, catalogue=None, configured=True)


def settle(lang: str | None, directory: str | None) -> None:
    """``--lang`` and ``--dir`` as the parsed command line gives them: as :func:`configure`,
    but the language found so far (and its catalogue, read once) is kept when they change
    nothing it was found from: the same ``--lang`` and either the same ``--dir`` or a
    language given outright. Click asks for its words before it has parsed the command line."""
    if (_state["configured"] and lang == _state["explicit"]
            and (directory == _state["dir"] or lang in LANGUAGES)):
        _state["dir"] = directory
        return
    configure(lang, directory)


def language() -> str:
    """The language of the interface: ``fi``, ``sv`` or ``en`` (see the module's docstring)."""
    if _state["lang"] is None:
        _state["lang"] = _resolve()
    return str(_state["lang"])


def gettext(message: str) -> str:
    """``message`` in the interface language (itself when the catalogue lacks it)."""
    catalogue = _state["catalogue"]
    if catalogue:  # read for the language in use (both are reset together): re-judging an
        # event says 75 messages, each in half the instructions so (cachegrind, 2026-11-30)
        return catalogue.gettext(message) if message else message
    if not message:
        return message
    catalogue = _catalogue()
    return message if catalogue is None else catalogue.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    catalogue = _catalogue()
    if catalogue is None:
        return singular if n == 1 else plural
    return catalogue.ngettext(singular, plural, n)


class speaking:  # noqa: N801 (a context manager used like a function)
    """Messages in ``lang`` inside a ``with`` block (a document or page in its own language,
    such as the dashboard's, whose reasons are then in the page's language); the language in
    use before it afterwards. The caches keep what is made inside under ``lang``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self.saved: dict[str, Any] = {}

    def __enter__(self) -> None:
        self.saved = dict(_state)
        _state.update(lang=self.lang, catalogue=None)

    def __exit__(self, *exc: object) -> None:
        _state.clear()
        _state.update(self.saved)


def pgettext(context: str, message: str) -> str:
    """``message`` in the interface language, as meant in ``context`` (a word that must be
    translated differently in one place, e.g. a column heading that has to fit its column)."""
    catalogue = _catalogue()
    return message if catalogue is None else catalogue.pgettext(context, message)


_ = gettext


def _catalogue() -> Any:
    lang = language()
    if lang == "en":
        return None
    if _state["catalogue"] is None:
        _state["catalogue"] = _load(lang) or False
    return _state["catalogue"] or None


def _load(lang: str) -> Any:
    path = os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        try:
            return Catalogue(data)
        except ValueError:  # not the plain catalogue Babel writes: the standard reader
            # (which says what is wrong with it); lazy: gettext costs 2.0 ms after this module
            # (-X importtime, median of 5), which status, why and check never load
            import gettext as stdlib

            return stdlib.GNUTranslations(io.BytesIO(data))
    except (OSError, ValueError, UnicodeDecodeError, IndexError, KeyError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        _warn(f"the {lang} catalogue {path} cannot be read ({reason}); eventflow speaks "
              "English (reinstall eventflow, or run `make messages` in a checkout)")
        return None


_MISSING = object()


class Catalogue:
    """A compiled catalogue (``.mo``) read message by message, so that a command that says a
    few things (``status``, ``why``, ``--help``) does not parse every message first.

    A message is found with one search of the file's original strings (stored one after
    another, each ended by a NUL) and one binary search of their offsets; each answer is kept.
    After :attr:`LIMIT` messages (a command that says many things) the whole catalogue is
    parsed once by :class:`gettext.GNUTranslations`, as without this class. Only the form Babel
    writes is read so: little-endian, UTF-8, the two plural forms ``(n != 1)`` of Finnish and
    Swedish; anything else raises :class:`ValueError` (the standard reader is then used)."""

    LIMIT = 200

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._found: dict[str, Any] = {}
        self._full: Any = None
        try:
            magic, _version, n, self._originals, self._translations = (
                self._word(4 * k) for k in range(5))
            if magic != 0x950412DE or n < 1:
                raise ValueError("not a little-endian GNU catalogue")
            self._n = n
            length, self._low = self._entry(self._originals, 0)
            last_length, last = self._entry(self._originals, n - 1)
            self._high = last + last_length + 1
            header = self._string(self._translations, 0)
        except UnicodeDecodeError as exc:
            raise ValueError(f"cut short or damaged ({exc})") from None
        if length != 0 or "charset=utf-8" not in header or "plural=(n != 1)" not in header:
            raise ValueError("not a UTF-8 catalogue with the plural forms of fi and sv")

    def _word(self, at: int) -> int:
        """The little-endian 32-bit number at ``at`` (read without :mod:`struct`, whose import
        costs 0.5-0.8 ms of every command in Finnish or Swedish: ``python -X importtime``)."""
        word = self._data[at:at + 4]
        if len(word) != 4:
            raise ValueError(f"cut short or damaged (no 4 bytes at {at})")
        return int.from_bytes(word, "little")

    def _entry(self, table: int, k: int) -> tuple[int, int]:
        at = table + 8 * k
        return self._word(at), self._word(at + 4)

    def _string(self, table: int, k: int) -> str:
        length, offset = self._entry(table, k)
        return self._data[offset:offset + length].decode("utf-8")

    def _index(self, offset: int) -> int | None:
        """The number of the original string that starts at ``offset``, if one does."""
        low, high = 0, self._n - 1
        while low <= high:
            middle = (low + high) // 2
            found = self._word(self._originals + 8 * middle + 4)  # its offset
            if found == offset:
                return middle
            if found < offset:
                low = middle + 1
            else:
                high = middle - 1
        return None

    def _lookup(self, key: str) -> str | None:
        found = self._found.get(key, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[no-any-return]
        if len(self._found) >= self.LIMIT:
            return self._whole(key)
        text = None
        needle = b"\0" + key.encode("utf-8") + b"\0"
        at = self._data.find(needle, self._low, self._high)
        while at >= 0:
            k = self._index(at + 1)
            if k is not None:
                try:
                    text = self._string(self._translations, k)
                except (UnicodeDecodeError, ValueError):
                    return self._whole(key)
                break
            at = self._data.find(needle, at + 1, self._high)  # the plural half of an original
        self._found[key] = text
        return text

    def _whole(self, key: str) -> str | None:
        """``key`` from the whole catalogue, parsed once (:class:`gettext.GNUTranslations`)."""
        if self._full is None:
            import gettext as stdlib  # lazy: 2.0 ms, as in _load

            self._full = stdlib.GNUTranslations(io.BytesIO(self._data))
        value = self._full._catalog.get(key)  # noqa: SLF001 (its one table, by design)
        if value is None and "\0" in key:
            singular, plural = key.split("\0", 1)
            forms = [self._full._catalog.get((singular, i)) for i in (0, 1)]  # noqa: SLF001
            value = "\0".join(forms) if None not in forms else None
        return value  # type: ignore[no-any-return]

    def gettext(self, message: str) -> str:
        found = self._found.get(message, _MISSING)  # as _lookup begins, without its call
        if found is _MISSING:
            found = self._lookup(message)
        return found or message  # type: ignore[no-any-return]

    def pgettext(self, context: str, message: str) -> str:
        return self._lookup(f"{context}\x04{message}") or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._lookup(f"{singular}\0{plural}")
        forms = found.split("\0") if found else []
        if len(forms) != 2:
            return singular if n == 1 else plural
        return forms[0] if n == 1 else forms[1]


def _warn(message: str) -> None:
    if not _state["warned"]:
        _state["warned"] = True
        print(f"warning: {message}", file=sys.stderr)


def cache_language(settings: str) -> str:
    """The language of the interface for the planning folder whose ``eventflow.toml`` reads
    ``settings`` (the caches keep text in it): as :func:`language`, without looking for the
    folder again (the front door answers ``--dir DIR status`` without configuring this module)."""
    if _state["lang"] is None:
        _state["lang"] = _resolve(lambda: _settings_language(settings))
    return str(_state["lang"])


def _resolve(folder: Any = None) -> str:
    explicit = _state["explicit"]
    if explicit in LANGUAGES:
        return str(explicit)
    env = os.environ.get("EVENTFLOW_LANG", "").strip()
    if env:
        if env in LANGUAGES:
            return env
        _warn(f"EVENTFLOW_LANG={env} is not a language of eventflow; use fi, sv or en")
    folder_lang = (folder or _folder_language)()
    if folder_lang in LANGUAGES:
        return str(folder_lang)
    return system_language()


def system_language() -> str:
    """The first of fi, sv, en the system locale asks for (as gettext reads it), else en."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if not value:
            continue
        for part in value.split(":"):
            code = part.split(".")[0].split("_")[0].split("@")[0].lower()
            if code in LANGUAGES:
                return code
        if name != "LANGUAGE":
            break  # the first of LC_ALL, LC_MESSAGES, LANG that is set is the locale
    return "en"


def _folder_language() -> str | None:
    """The ``language`` of the planning folder's ``eventflow.toml`` (``[eventflow]``), read
    without a TOML parser (the file is eventflow's own, written by tomli-w)."""
    directory = _state["dir"]
    if directory is None:
        directory = _click_directory()
    try:
        root = planning_folder(directory)
    except OSError:
        return None
    if root is None:
        return None
    try:
        with open(os.path.join(root, SETTINGS_FILE), encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return None
    return _settings_language(text)


def _settings_language(text: str) -> str | None:
    match = re.search(r'^\s*language\s*=\s*"([a-z]{2,3})"', text, re.M)
    return match.group(1) if match else None


def _click_directory() -> str | None:
    """``--dir`` as the running command line parsed it, if it has got that far."""
    click = sys.modules.get("click")
    if click is None:
        return None
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return None
    value = ctx.find_root().params.get("directory")
    return str(value) if value else None


def translate_click() -> None:
    """Let click's own words (``Usage:``, ``Options``, ``Error: …``) go through our catalogue:
    click looks up ``_`` in its modules when it prints them.

    Until a command line has called :func:`configure`, click's words stay English: what click
    says while the CLI module is imported (the defaults of ``version_option`` and of
    ``click.Path``) is kept as it was before this module took over, and the language is not
    looked for before the command line is known (nor the system's gettext catalogues searched,
    which imports :mod:`locale`: 1.4 ms, ``python -X importtime``)."""
    import gettext as stdlib  # lazy: 2.0 ms, as in _load (click has loaded it by now)

    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) is stdlib.gettext:
                module._ = _click_gettext  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is stdlib.ngettext:
                module.ngettext = _click_ngettext  # type: ignore[attr-defined]


def _click_gettext(message: str) -> str:
    return gettext(message) if _state["configured"] else message


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    if _state["configured"]:
        return ngettext(singular, plural, n)
    return singular if n == 1 else plural
