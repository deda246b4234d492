"""The organiser's letterhead: ``[letterhead]`` in ``eventflow.toml``.

    [letterhead]
    name = "Tampereen kaupunki"
    address = "Aleksis Kiven katu 14–16, 33210 Tampere"
    logo = "logo.png"          # relative to the planning folder: PNG, JPEG or SVG

Documents (the Word letters of eventflow-docx, the Markdown outputs) put it at the top. The
logo is checked when the settings are read: it must exist inside the planning folder and be a
PNG, JPEG or SVG file by its first bytes (not by its name).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import FileFormatError
from .i18n import _

FIELDS = ("name", "address", "logo")
MAX_LOGO_BYTES = 5 << 20
_CONTROL = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))} | {"\u2028", "\u2029"}


class Letterhead:
    """Name, address and logo of the organiser (each may be empty; ``logo`` is an absolute
    path or None, ``logo_kind`` ``png``, ``jpeg`` or ``svg``)."""

    __slots__ = ("address", "logo", "logo_kind", "name")

    def __init__(self, name: str = "", address: str = "", logo: Path | None = None,
                 logo_kind: str = "") -> None:
        self.name = name
        self.address = address
        self.logo = logo
        self.logo_kind = logo_kind

    def __bool__(self) -> bool:
        return bool(self.name or self.address or self.logo)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Letterhead) and all(
            getattr(self, n) == getattr(other, n) for n in self.__slots__)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"Letterhead(name={self.name!r}, address={self.address!r}, "
                f"logo={self.logo!r})")


def image_kind(head: bytes) -> str:
    """``png``, ``jpeg`` or ``svg`` from a file's first bytes, or "" for anything else."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<") and b"<svg" in head[:4096]:
        return "svg"
    return ""


def read_letterhead(root: Path, settings_path: Path, table: Any) -> Letterhead:
    """The ``[letterhead]`` table checked: known keys, text values, the logo a real image
    inside the planning folder ``root``."""
    if table is None:
        return Letterhead()
    if not isinstance(table, dict):
        raise FileFormatError(settings_path, _("must be a table"), field="letterhead",
                              fix=_('write [letterhead] with name = "…", address = "…", '
                                    'logo = "logo.png"'))
    unknown = sorted(set(table) - set(FIELDS))
    if unknown:
        raise FileFormatError(settings_path, _("unknown key(s) {keys}").format(
            keys=", ".join(unknown)), field="letterhead", fix=_("use name, address and logo"))
    for key in FIELDS:
        if not isinstance(table.get(key, ""), str):
            raise FileFormatError(settings_path, _("must be a text"), field=f"letterhead.{key}",
                                  fix=_('write {key} = "…"').format(key=key))
    name, address, logo = (str(table.get(k, "")) for k in FIELDS)
    if _CONTROL & set(name):
        raise FileFormatError(settings_path, _("holds a control character or line break"),
                              field="letterhead.name", fix=_("write the name on one line"))
    if not logo:
        return Letterhead(name=name, address=address)
    fix = _("give the path of a PNG, JPEG or SVG file inside the planning folder, e.g. "
            "logo.png")
    if _CONTROL & set(logo) or Path(logo).is_absolute():
        raise FileFormatError(settings_path, _("'{logo}' is not a relative path").format(
            logo=logo), field="letterhead.logo", fix=fix)
    path = (root / logo).resolve()
    if not path.is_relative_to(root.resolve()):
        raise FileFormatError(settings_path, _("'{logo}' is outside the planning "
                                               "folder").format(logo=logo),
                              field="letterhead.logo", fix=fix)
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(4096)
    except FileNotFoundError:
        raise FileFormatError(settings_path, _("the logo file {path} does not exist").format(
            path=path), field="letterhead.logo", fix=fix) from None
    except OSError as exc:
        raise FileFormatError(settings_path, _("the logo file {path} cannot be read "
                                               "({problem})").format(path=path,
                                                                     problem=exc.strerror),
                              field="letterhead.logo", fix=fix) from None
    kind = image_kind(head)
    if not kind:
        raise FileFormatError(settings_path, _("the logo file {path} is not a PNG, JPEG or "
                                               "SVG image (checked by its first bytes)").format(
            path=path), field="letterhead.logo", fix=fix)
    if size > MAX_LOGO_BYTES:
        raise FileFormatError(settings_path, _("the logo file {path} is {size} MiB; at most "
                                               "{limit} MiB").format(
            path=path, size=size >> 20, limit=MAX_LOGO_BYTES >> 20),
                              field="letterhead.logo", fix=_("save a smaller image"))
    return Letterhead(name=name, address=address, logo=path, logo_kind=kind)
