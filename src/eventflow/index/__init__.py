"""Per-event summaries for `eventflow status` over many events: a cache that can never lie.

``status`` without an event lists every event. Parsing thousands of TOML files on every call is
slow (about a millisecond each), so the summaries are kept in ``<planning>/.eventflow/index.txt``
and each one is checked against its file with a single ``stat``:

* The cache holds nothing that is not in the event files: deleting ``.eventflow/`` loses
  nothing; the next ``status`` rebuilds it. The folder ignores itself (``.eventflow/.gitignore``
  holds ``*``), so it never reaches git.
* An entry is used only while its file has the same inode, size, mtime and ctime as when it
  was summarised. ``eventflow`` replaces files atomically (a new inode each write); a hand edit
  or a ``git pull`` changes mtime and ctime. A file changed within
  :data:`eventflow.cachekeys.RACY_NS` of the index being written is "racy" (a second change
  within one timestamp tick would keep its stat, as git knows): such an entry is used only if
  a digest of the file's bytes still matches.
* Whatever else a summary depends on keys the whole cache: eventflow's version and code, the
  workflow files, the bytes of ``eventflow.toml`` (language, active plugins), the plugin
  environment controls and the files active plugins were loaded from. Anything different
  rebuilds every entry.
* Overdue counts depend on today's date, so entries keep the due dates of open items; each
  also keeps its listing line with the days it is right for. Regressions do not depend on the
  day. The verdict's day-dependent states are not kept: each entry keeps, for an active
  event, its open requirements with what holds on every day (stage, owner, due date,
  required or advice, whether their stage was left, the fix; :meth:`Entry.open_items`), and
  the state on a given day (not yet due, overdue and broken, advice not followed) is made
  when it is read (:func:`state_on`). `eventflow next`, `remind` and the dashboard read
  these instead of judging every event (:func:`upcoming`). The index also keeps, sorted by
  due date, every open item that has one, and the few facts a reminder says of its event:
  `remind` reads those up to its horizon, after the same check a fast `status` makes
  (:func:`eventflow.index.cachefile.read_dues`, :func:`eventflow.index.cachefile.vouched`).
* Many changed files are judged in parallel, one process per core.
* The index is written incrementally: the lines of the entries unchanged since it was read
  are written again as read; only those of the events summarised again are made
  (:mod:`.savefile`; the file is the same as one written from nothing).

``status EVENT`` is answered the same way: what it printed last time, but for the parts that
depend on the day, is kept in ``.eventflow/views/<id>.json`` with the same keys, read without
the engine (:func:`cached_status`), and kept only when no third-party plugin is active.

The rooms: :mod:`.entry` (one event's summary), :mod:`.cachefile` (the files, read bounded and
written atomically; storage), :mod:`.savefile` (the index written; storage), :mod:`.listing`
(what ``status`` prints, from the caches; presentation, shared by the CLI and the front door)
and :mod:`.refresh` (the engine's judgement summarised and rendered for the caches;
presentation).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cachefile import find_root, index_path, view_path
    from .entry import Entry, state_on, upcoming
    from .listing import (
        HEADER,
        Listing,
        cached_listing,
        cached_status,
        fit_listing,
        fit_status,
        line_parts,
        render_status,
        use_colour,
        write_listing,
    )
    from .refresh import (
        entries,
        save_view,
        status_listing,
        status_view,
        summaries,
        summarize,
        view_stamp,
    )

# Each name is imported from its room when first asked for: the front door's `status` needs
# the listing only, `remind` the cache file only, and neither the engine's summaries (refresh).
_ROOMS = {
    "find_root": "cachefile", "index_path": "cachefile", "view_path": "cachefile",
    "Entry": "entry", "state_on": "entry", "upcoming": "entry",
    **dict.fromkeys(["HEADER", "Listing", "cached_listing", "cached_status", "fit_listing",
                     "fit_status", "line_parts", "render_status", "use_colour",
                     "write_listing"], "listing"),
    **dict.fromkeys(["entries", "save_view", "status_listing", "status_view", "summaries",
                     "summarize", "view_stamp"], "refresh"),
}


def __getattr__(name: str) -> Any:
    room = _ROOMS.get(name)
    if room is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{room}"), name)
    globals()[name] = value
    return value


__all__ = ["HEADER", "Entry", "Listing", "cached_listing", "cached_status", "entries",
           "find_root", "fit_listing", "fit_status", "index_path", "line_parts",
           "render_status", "save_view", "state_on", "status_listing", "status_view",
           "summaries", "summarize", "upcoming", "use_colour", "view_path", "view_stamp",
           "write_listing"]
