"""The planning folder's settings file, ``eventflow.toml``.

::

    [eventflow]
    organisation = "Tampereen kaupunki"
    organisation_type = "authority"     # authority, ngo, community or employer
    bilingual = false                   # a bilingual (fi+sv) authority
    language = "fi"                     # language of labels in listings: fi, sv or en
    working_days = true                 # due dates move back to working days (default)

    [plugins]
    active = ["eventflow-docx"]         # plugins used in this folder
    [plugins.eventflow-docx]            # one table of settings per plugin (optional)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import msgspec

from ..errors import FileFormatError
from ..i18n import _
from .tomlio import MAX_EVENT_BYTES, read_toml


# a msgspec Struct like the rest of the model (event.py, workflow.py): one kind of record, made
# in C at import and decoded by the same library
class Settings(msgspec.Struct):
    """The settings of a planning folder (``eventflow.toml``).

    ``active_plugins`` are the plugins used in the folder; ``plugin_settings`` holds each
    plugin's own table (``[plugins.<name>]``), by plugin name.
    """

    organisation: str = ""
    organisation_type: str = ""
    bilingual: bool = False
    language: str = "fi"
    active_plugins: list[str] = msgspec.field(default_factory=list)
    plugin_settings: dict[str, dict[str, Any]] = msgspec.field(default_factory=dict)
    #: due dates on a weekend, a Finnish holiday, Christmas Eve or Midsummer Eve move to the
    #: working day before (``[eventflow] working_days``); false keeps calendar days
    working_days: bool = True
    #: ``[letterhead]``: a :class:`eventflow.letterhead.Letterhead`, or None when there is none
    letterhead: Any = None


def read_settings(path: str | os.PathLike[str]) -> Settings:
    """The settings in the file ``path`` (bounded like every file eventflow reads).

    Raises :class:`~eventflow.errors.FileFormatError` naming the file and field when it is
    missing, not valid TOML, or ``[eventflow]``, ``[plugins]`` or ``plugins.active`` do not
    have the shape above.
    """
    path = Path(path)
    data, _raw = read_toml(path, max_bytes=MAX_EVENT_BYTES)
    head = data.get("eventflow", {})
    plugins = data.get("plugins", {})
    if not isinstance(head, dict) or not isinstance(plugins, dict):
        raise FileFormatError(path, _("[eventflow] and [plugins] must be tables"))
    active = plugins.get("active", [])
    if not isinstance(active, list) or not all(isinstance(a, str) for a in active):
        raise FileFormatError(path, _("must be a list of plugin names"), field="plugins.active",
                              fix=_("write active = [\"name\", ...]"))
    working_days = head.get("working_days", True)
    if not isinstance(working_days, bool):
        raise FileFormatError(path, _("must be true or false"), field="eventflow.working_days",
                              fix=_("write working_days = true (or false for calendar days)"))
    return Settings(
        organisation=str(head.get("organisation", "")),
        organisation_type=str(head.get("organisation_type", "")),
        bilingual=bool(head.get("bilingual", False)),
        language=str(head.get("language", "fi")),
        active_plugins=list(active),
        plugin_settings={k: v for k, v in plugins.items() if isinstance(v, dict)},
        working_days=working_days,
        letterhead=_letterhead(path.parent, path, data.get("letterhead")),
    )


def _letterhead(root: Path, path: Path, table: Any) -> Any:
    if table is None:
        return None
    # lazy: letterhead loads pathlib (7 ms); only folders with a letterhead need it
    from ..letterhead import read_letterhead

    return read_letterhead(root, path, table)


def settings_data(settings: Settings) -> dict[str, Any]:
    """The TOML document of a new ``eventflow.toml`` holding ``settings`` (for
    ``tomli_w.dumps``; plugin tables are added by hand or by the plugin)."""
    return {
        "eventflow": {
            "organisation": settings.organisation,
            "organisation_type": settings.organisation_type,
            "bilingual": settings.bilingual,
            "language": settings.language,
        },
        "plugins": {"active": settings.active_plugins},
    }
