"""The dashboard's folder: which folder may be written, what its marker remembers, and how a
new site takes the place of the previous one.

A site is first written into a staging folder: beside DIR when DIR is new (it then takes DIR's
name), else inside DIR, holding only the pages that changed. Only when every page is made are
they put in place, one file at a time (each an atomic rename): the event pages first, the
overview pages last, then the pages of events that are gone are removed and the marker written.
Before the first page is replaced the marker is written without the changed events, so a run
killed part way leaves every page either the previous or the new one, each link working, and
the next run makes again every page the marker no longer vouches for. Unchanged pages are not
touched at all: a warm run over 10,000 events writes only what changed (and nothing when
nothing did: see :func:`eventflow.dashboard.site.build`). A run that finds the staging folder
of a killed run removes it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import InvalidInput
from ..i18n import _

MARKER = ".eventflow-dashboard.json"
FORMAT = 1
STAGING_PREFIX = ".eventflow-staging."
GENERATOR = "eventflow dashboard"


def page_name(event_id: str) -> str:
    """The file name of an event's page in ``events/``."""
    return quote(event_id, safe="") + ".html"


def overview_name(n: int) -> str:
    """The file name of the ``n``-th overview page (from 1)."""
    return "index.html" if n == 1 else f"overview-{n}.html"


def check_target(target: Path, force: bool) -> bool:
    """Whether ``target`` may be written; True if it holds a previous dashboard (or nothing),
    False if it holds other files and ``force`` is given.

    Raises :class:`InvalidInput` when ``target`` is a file, or holds other files without
    ``force``."""
    if target.exists() and not target.is_dir():
        raise InvalidInput(_("{target} is a file; give a folder for the dashboard").format(
            target=target))
    if not target.is_dir():
        return True
    if (target / MARKER).is_file():
        return True
    others = sorted(p.name for p in target.iterdir())
    if not others:
        return True
    if force:
        return False
    shown = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
    raise InvalidInput(_("{target} already holds other files ({shown}) and is not a previous "
                         "dashboard (it has no {marker}); choose an empty or new folder, or "
                         "add --force to write the dashboard into it anyway").format(
                             target=target, shown=shown, marker=MARKER))


def read_marker(target: Path) -> dict[str, Any]:
    """The marker of the dashboard in ``target``; {} if there is none or it cannot be read."""
    try:
        found = json.loads((target / MARKER).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def write_file(path: Path | str, text: str) -> int:
    """Write ``text`` (UTF-8) to ``path``; the bytes written."""
    raw = text.encode("utf-8")
    with open(path, "wb") as fh:
        fh.write(raw)
    return len(raw)


def _new_folder(prefix: str, parent: Path) -> Path:
    """A new folder in ``parent`` with the permissions of one made with mkdir (mkdtemp makes
    it private)."""
    made = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(made, 0o777 & ~mask)
    return made


class SiteWriter:
    """Writes one build of the site into ``target`` (see the module's docstring).

    ``ours``: ``target`` holds a previous dashboard (or nothing); False for another folder
    written with --force, whose own files stay (but those the site has a file of the same
    name for)."""

    def __init__(self, target: Path, ours: bool, marker: dict[str, Any]) -> None:
        self.target = target
        self.ours = ours
        self.previous = marker
        self.fresh = not target.is_dir()
        if self.fresh:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.staging = _new_folder(f".{target.name}.", target.parent)
            self.existing: set[str] = set()
        else:
            for old in target.glob(f"{STAGING_PREFIX}*"):  # left by a run that was killed
                shutil.rmtree(old, ignore_errors=True)
            self.staging = _new_folder(STAGING_PREFIX, target)
            try:
                with os.scandir(target / "events") as found:
                    self.existing = {e.name for e in found}
            except OSError:
                self.existing = set()
        (self.staging / "events").mkdir()
        self.changed: dict[str, str] = {}  # event id: its page, written in this run
        self.site_files: list[str] = []  # the other pages, in the order they are put in place

    def has_page(self, name: str) -> bool:
        """Whether the previous site has the event page ``name`` (to keep it as it is)."""
        return name in self.existing

    def site_pages_kept(self, overview_pages: int) -> bool:
        """Whether the previous site has its overview (``overview_pages`` pages, as its marker
        says), next 30 days and workflow pages, to keep them as they are."""
        names = ["next30.html", "workflow.html"] + [overview_name(n)
                                                    for n in range(1, overview_pages + 1)]
        return self.ours and not self.fresh \
            and self.previous.get("overview_pages") == overview_pages \
            and all(os.path.isfile(self.target / name) for name in names)

    def site_bytes(self, events: dict[str, Any]) -> int:
        """The bytes of the previous site's pages (``events``: its marker's)."""
        size = sum(int(e["size"]) for e in events.values())
        return size + sum(p.stat().st_size for p in self.target.glob("*.html"))

    def page_path(self, event_id: str) -> Path:
        """Where to write ``event_id``'s page (it is put in place by :meth:`commit`)."""
        name = self.changed[event_id] = page_name(event_id)
        return self.staging / "events" / name

    def write(self, name: str, text: str) -> int:
        """Write the site's page ``name`` (overview, next 30 days, workflow); the bytes."""
        self.site_files.append(name)
        return write_file(self.staging / name, text)

    def commit(self, marker: dict[str, Any]) -> None:
        """Put the new pages in place and write ``marker`` (its ``events``: every event of the
        new site; the pages of the previous site's other events are removed)."""
        marker_text = json.dumps(marker, ensure_ascii=False, separators=(",", ":"))
        if self.fresh:
            write_file(self.staging / MARKER, marker_text)
            os.rename(self.staging, self.target)
            return
        if self.changed and self.ours:
            # the pages about to be replaced are no longer vouched for, until the end; the
            # events that are gone stay listed, so that a later run removes their pages
            events = {k: v for k, v in (self.previous.get("events") or {}).items()
                      if k not in marker["events"]}
            events.update((k, v) for k, v in marker["events"].items() if k not in self.changed)
            self._write_marker({**marker, "events": events})
        (self.target / "events").mkdir(exist_ok=True)  # (a folder written with --force)
        for name in self.changed.values():
            os.replace(self.staging / "events" / name, self.target / "events" / name)
        # the overview last: it then links only to pages that are there
        last = {"index.html": 2}
        for name in sorted(self.site_files,
                           key=lambda n: last.get(n, int(n.startswith("overview-")))):
            os.replace(self.staging / name, self.target / name)
        if self.ours:
            self._remove_gone(marker)
        self._write_marker(marker, marker_text)
        shutil.rmtree(self.staging, ignore_errors=True)

    def abort(self) -> None:
        """Remove what this run wrote; the previous site stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)

    def _remove_gone(self, marker: dict[str, Any]) -> None:
        """Remove the previous site's pages that the new one has not: events that are gone,
        overview pages past the last."""
        events = marker["events"]
        for event_id in self.previous.get("events") or {}:
            page = page_name(str(event_id))
            if event_id not in events and page in self.existing:
                _remove(self.target / "events" / page)
        old_pages = self.previous.get("overview_pages")
        if isinstance(old_pages, int):
            for n in range(int(marker.get("overview_pages", 1)) + 1, old_pages + 1):
                _remove(self.target / f"overview-{n}.html")

    def _write_marker(self, marker: dict[str, Any], text: str | None = None) -> None:
        if text is None:
            text = json.dumps(marker, ensure_ascii=False, separators=(",", ":"))
        tmp = self.staging / MARKER
        write_file(tmp, text)
        os.replace(tmp, self.target / MARKER)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
