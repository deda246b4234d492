"""Did you mean: the nearest candidates for a name nobody knows.

One matcher for every name a planner types (commands, events, items, stages, regions,
partners, speakers, languages), so that each says the same thing the same way:

    >>> nearest("kickof_meeting", ["kickoff_meeting", "partner_min", "venue_booked"])
    ['kickoff_meeting']
    >>> nearest("Pirkamaa", ["Uusimaa", "Pirkanmaa", "Kainuu"])
    ['Pirkanmaa']
    >>> did_you_mean("agreement", ["agreement_signed", "agreement_six_points", "venue"])
    '; did you mean agreement_signed or agreement_six_points?'

Candidates that start with the word (or contain it) come first, then the close ones by
:func:`difflib.get_close_matches` (a typo, a missing or doubled letter); case does not matter.
"""

from __future__ import annotations

from collections.abc import Iterable

from .i18n import _

CUTOFF = 0.75  # difflib's ratio: "kickof_meeting"/"kickoff_meeting" is 0.97, unrelated ids < 0.5
LIMIT = 3


def nearest(word: str, candidates: Iterable[str], n: int = LIMIT,
            cutoff: float = CUTOFF) -> list[str]:
    """Up to ``n`` candidates nearest to ``word``, best first; ``[]`` when none is near."""
    options = list(dict.fromkeys(c for c in candidates if c))
    wanted = word.strip().casefold()
    if not wanted or not options:
        return []
    folded: dict[str, str] = {}
    for option in options:
        folded.setdefault(option.casefold(), option)
    found = [folded[wanted]] if wanted in folded else []
    if len(wanted) >= 2:
        found += [o for o in options if o.casefold().startswith(wanted)]
    if len(wanted) >= 3:
        found += [o for o in options if wanted in o.casefold()]
    # lazy: difflib and heapq cost 3.1 ms (-X importtime, median of 5, 2026-11-30), paid
    # only when a name is not found, never by a command that finds what it was given
    import difflib

    found += [folded[m] for m in difflib.get_close_matches(wanted, list(folded), n=n,
                                                           cutoff=cutoff)]
    return list(dict.fromkeys(found))[:n]


def did_you_mean(word: str, candidates: Iterable[str], otherwise: str = "",
                 n: int = LIMIT) -> str:
    """``"; did you mean a or b?"`` for an error message, or ``otherwise`` when nothing is
    near (e.g. ``"; `eventflow status EVENT` lists the items"``)."""
    found = nearest(word, candidates, n=n)
    if not found:
        return otherwise
    names = found[0] if len(found) == 1 else _("{names} or {last}").format(
        names=", ".join(found[:-1]), last=found[-1])
    return _("; did you mean {names}?").format(names=names)
