"""Requirements and stages named in a scenario's steps, found in a workflow.

A step names a requirement by (a part of) its checklist label in any language, in quotes, and a
stage by its id or its whole label. Used by the step definitions (:mod:`.steps`) and by the
catalogue (:mod:`.catalogue`), which is why it is a module of its own: neither has to import
the other to find them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..i18n import _

if TYPE_CHECKING:
    from ..workflow import Item, Stage


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def resolve_requirement(items: Iterable[Item], words: str) -> Item:
    """The one item whose label (in any language) contains ``words``; a clear error otherwise."""
    wanted = _fold(words)
    found = [i for i in items if any(wanted in _fold(text) for text in i.label.values())]
    if len(found) == 1:
        return found[0]
    if not found:
        raise LookupError(_('no checklist item says "{words}": the workflow has no such '
                            "requirement (was it removed or renamed?)").format(words=words))
    raise LookupError(_('"{words}" fits several checklist items ({items}); quote more of the '
                        "label").format(words=words, items=", ".join(i.id for i in found)))


def resolve_stage(stages: Sequence[Stage], words: str) -> Stage:
    """The stage whose id or label (in any language) is ``words`` (case-insensitive)."""
    wanted = _fold(words)
    for stage in stages:
        if wanted == stage.id or wanted in {_fold(t) for t in stage.label.values()}:
            return stage
    raise LookupError(_('no stage "{words}"; stages: {stages}').format(
        words=words, stages=", ".join(s.text("en") for s in stages)))
