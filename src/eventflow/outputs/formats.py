"""File formats the outputs write: CSV (and, built on the standard library and icalendar,
e-mail drafts and calendar files)."""

from __future__ import annotations

import csv
import io
from typing import Any, Sequence

from .text import csv_cell


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
