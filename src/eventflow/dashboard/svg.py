"""The workflow as an inline SVG image, drawn in Python: no network, no external tool.

Stages top to bottom, each box naming the stage and the guards (required items) that must be
met to leave it; the current stage is drawn filled and marked in words (not by colour alone).
"""

from __future__ import annotations

import textwrap
from html import escape
from itertools import pairwise
from typing import TYPE_CHECKING

from ..workflow import CANCELLED, DONE
from .texts import text

if TYPE_CHECKING:
    from ..workflow import Workflow

WIDTH = 640
BOX_X = 20
BOX_W = 440
LINE = 16
GAP = 34
WRAP = 62  # characters of guard text per line at 12 px in a 440 px box
SIDE_X = 490
SIDE_W = 130

INK = "#1a1a1a"
BORDER = "#44546a"
CURRENT_FILL = "#0b5394"
CURRENT_INK = "#ffffff"
MUTED = "#4a4a4a"


def _stage_box(stage_id: str, label: str, guards: list[str], y: int, is_current: bool,
               lang: str) -> tuple[list[str], int]:
    """One stage's box at ``y``: its title, the items that guard leaving it, the mark of the
    current stage; and the box's height."""
    parts: list[str] = []
    if guards:
        guard = f"{text('requires', lang)}: " + ", ".join(guards)
    elif stage_id == DONE:
        guard = ""
    else:
        guard = text("no_requirements", lang)
    lines = textwrap.wrap(guard, WRAP) if guard else []
    height = 30 + LINE * len(lines) + (LINE if is_current else 0) + 8
    fill = CURRENT_FILL if is_current else "#f4f6f9"
    ink = CURRENT_INK if is_current else INK
    sub = CURRENT_INK if is_current else MUTED
    width = 4 if is_current else 1.5
    cls = "stage current" if is_current else "stage"
    parts.append(f'<g class="{cls}" data-stage="{escape(stage_id)}">')
    parts.append(f'<rect x="{BOX_X}" y="{y}" width="{BOX_W}" height="{height}" rx="8" '
                 f'fill="{fill}" stroke="{BORDER}" stroke-width="{width}"/>')
    title = f"{label} ({stage_id})" if label != stage_id else stage_id
    parts.append(f'<text x="{BOX_X + 12}" y="{y + 21}" font-size="15" font-weight="bold" '
                 f'fill="{ink}">{escape(title)}</text>')
    line_y = y + 21
    if is_current:
        line_y += LINE
        parts.append(f'<text x="{BOX_X + 12}" y="{line_y}" font-size="12" '
                     f'font-style="italic" fill="{ink}">▶ {escape(text("current_stage", lang))}'
                     "</text>")
    for line in lines:
        line_y += LINE
        parts.append(f'<text x="{BOX_X + 12}" y="{line_y}" font-size="12" fill="{sub}">'
                     f"{escape(line)}</text>")
    parts.append("</g>")
    return parts, height


def _cancelled_box(centres: list[tuple[int, int, int]], current: str | None,
                   lang: str) -> list[str]:
    """The ``cancelled`` box beside the stages, a dashed line to it from every stage, and the
    note on reopening."""
    parts: list[str] = []
    side_y = 20
    cancel_current = current == CANCELLED
    fill = CURRENT_FILL if cancel_current else "#ffffff"
    ink = CURRENT_INK if cancel_current else INK
    parts.append(f'<g class="stage{" current" if cancel_current else ""}" '
                 f'data-stage="{CANCELLED}">')
    parts.append(f'<rect x="{SIDE_X}" y="{side_y}" width="{SIDE_W}" height="56" rx="8" '
                 f'fill="{fill}" stroke="{BORDER}" stroke-width="{4 if cancel_current else 1.5}" '
                 'stroke-dasharray="6 4"/>')
    parts.append(f'<text x="{SIDE_X + 10}" y="{side_y + 22}" font-size="14" font-weight="bold" '
                 f'fill="{ink}">{escape(text("cancelled", lang))}</text>')
    parts.append(f'<text x="{SIDE_X + 10}" y="{side_y + 42}" font-size="11" fill="{ink}">'
                 f'{escape(text("cancel", lang))} ←</text>')
    parts.append("</g>")
    for top, bottom, _ in centres[:-1]:
        mid = (top + bottom) // 2
        parts.append(f'<line x1="{BOX_X + BOX_W}" y1="{mid}" x2="{SIDE_X + 20}" '
                     f'y2="{side_y + 56}" stroke="#8a96a8" stroke-width="1" '
                     'stroke-dasharray="3 3"/>')
    note = textwrap.wrap(text("reopen_note", lang), 20)
    for n, line in enumerate(note):
        parts.append(f'<text x="{SIDE_X}" y="{side_y + 90 + n * 14}" font-size="11" '
                     f'fill="{MUTED}">{escape(line)}</text>')
    return parts


def workflow_svg(workflow: Workflow, lang: str = "en", current: str | None = None,
                 svg_id: str = "workflow") -> str:
    """The SVG markup (a string, safe to put into HTML as is: every text is escaped)."""
    parts: list[str] = []
    y = 20
    centres: list[tuple[int, int, int]] = []  # (top, bottom) of each box
    boxes = [(s.id, s.text(lang), [i.id for i in s.items if i.required]) for s in workflow.stages]
    boxes.append((DONE, text("done", lang), []))
    for stage_id, label, guards in boxes:
        box, height = _stage_box(stage_id, label, guards, y, stage_id == current, lang)
        parts.extend(box)
        centres.append((y, y + height, 0))
        y += height + GAP
    # arrows between consecutive boxes
    arrow_x = BOX_X + BOX_W // 2
    for (_top, bottom, _), (next_top, _, _) in pairwise(centres):
        parts.append(f'<line x1="{arrow_x}" y1="{bottom}" x2="{arrow_x}" y2="{next_top - 2}" '
                     f'stroke="{BORDER}" stroke-width="2" marker-end="url(#{svg_id}-arrow)"/>')
        parts.append(f'<text x="{arrow_x + 8}" y="{bottom + GAP // 2 + 4}" font-size="12" '
                     f'fill="{MUTED}">advance</text>')
    height = y - GAP + 20
    parts.extend(_cancelled_box(centres, current, lang))
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="workflow" id="{svg_id}" '
            f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
            f'aria-labelledby="{svg_id}-title {svg_id}-desc" '
            'font-family="system-ui, sans-serif">'
            f'<title id="{svg_id}-title">{escape(text("diagram_title", lang))}: '
            f'{escape(workflow.title.get(lang) or workflow.title.get("en") or workflow.id)}'
            "</title>"
            f'<desc id="{svg_id}-desc">{escape(text("diagram_desc", lang))}'
            + (f' {escape(text("current_stage", lang))}: {escape(current)}.' if current else "")
            + "</desc>"
            f'<defs><marker id="{svg_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            f'<path d="M0 0L10 5L0 10z" fill="{BORDER}"/></marker></defs>')
    return head + "".join(parts) + "</svg>"
