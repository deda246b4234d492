"""The Markdown documents as HTML and as plain text that reads well (e-mail parts).

Both come from one parse (markdown-it-py, CommonMark with tables): the HTML part of an e-mail
is the rendered HTML (raw HTML in the source is not passed through), the plain-text part is the
same text without Markdown syntax: headings as lines of their own, ``•`` bullets, numbered
lists, links as ``text (address)``, tables as aligned lines.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _parser() -> Any:
    # lazy: markdown_it costs 52 ms (-X importtime, best of 7) after eventflow.outputs; only
    # HTML and e-mail documents need it
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def to_html(source: str, title: str = "", lang: str = "", body: str | None = None) -> str:
    """A complete HTML document of ``source`` (or of an already rendered ``body``)."""
    from html import escape  # lazy: html costs 3 ms (-X importtime, best of 7)

    if body is None:
        body = _parser().render(source)
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n</head>\n<body>\n{body}</body>\n</html>\n")


def _inline(token: Any) -> str:
    parts: list[str] = []
    href = ""
    label_start = 0
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            label_start = len(parts)
        elif child.type == "link_close":
            label = "".join(parts[label_start:])
            if href and href not in (label, f"mailto:{label}"):
                parts.append(f" ({href.removeprefix('mailto:')})")
            href = ""
    return "".join(parts)


def to_text(source: str) -> str:
    """``source`` as plain text without Markdown syntax."""
    tokens = _parser().parse(source)
    lines: list[str] = []
    lists: list[list[int]] = []      # per open list: [number or -1 for bullets]
    row: list[str] = []
    table: list[list[str]] = []
    pending_item = ""
    previous = ""
    for token in tokens:
        kind, previous = token.type, previous
        in_cell = previous in ("th_open", "td_open")
        previous = kind
        if kind == "bullet_list_open":
            lists.append([-1])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrs.get("start", 1) or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                lines.append("")
        elif kind == "list_item_open":
            counter = lists[-1]
            pending_item = "  " * (len(lists) - 1) + ("• " if counter[0] < 0
                                                       else f"{counter[0]}. ")
            if counter[0] >= 0:
                counter[0] += 1
        elif kind == "inline":
            text = _inline(token)
            if in_cell:
                row.append(text)
                continue
            if pending_item:
                text = pending_item + text.replace("\n", "\n" + " " * len(pending_item))
                pending_item = ""
            lines.append(text)
        elif kind == "paragraph_close" and not lists or kind == "heading_close":
            lines.append("")
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            table.append(row)
        elif kind == "table_close":
            widths = [max(len(r[i]) if i < len(r) else 0 for r in table)
                      for i in range(max(len(r) for r in table))]
            for r in table:
                cells = (cell.ljust(w) for cell, w in zip(r, widths, strict=False))
                lines.append("  ".join(cells).rstrip())
            lines.append("")
            table = []
        elif kind == "hr":
            lines.append("")
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def fragment_html(source: str) -> str:
    """``source`` rendered as an HTML fragment (to put inside :func:`to_html`'s body)."""
    return _parser().render(source)  # type: ignore[no-any-return]
