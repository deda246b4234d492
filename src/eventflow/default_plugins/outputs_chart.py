"""The impact report's chart: the feedback scores and, where registrations are recorded,
registrations against attendance per target group, as an SVG image beside the report.

Drawn with matplotlib's object interface on the Agg canvas (no pyplot, no window, no global
state), imported only when a chart is drawn: the CLI never loads matplotlib at start-up. The
SVG is the same bytes for the same data (a fixed ``svg.hashsalt``, no date in the metadata,
text kept as text rather than glyph outlines), so the file only changes when the figures do,
and it carries a ``<title>`` and ``<desc>`` for screen readers; the report gives the same
figures as text and links the image with a text alternative.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import Any

from eventflow.outputs import format_number

# Short names of the scale questions eventflow's feedback import knows (feedback.SCALES).
SCALE_LABELS: dict[str, dict[str, str]] = {
    "fi": {"overall": "Kokonaisarvio", "usefulness": "Hyödyllisyys", "content": "Sisältö",
           "speakers": "Puhujat", "panel": "Paneeli", "arrangements": "Järjestelyt",
           "new_knowledge": "Uutta tietoa", "network": "Verkostoituminen",
           "recommend": "Suosittelisi muille"},
    "sv": {"overall": "Helhetsbedömning", "usefulness": "Nytta", "content": "Innehåll",
           "speakers": "Talarna", "panel": "Panelen", "arrangements": "Arrangemangen",
           "new_knowledge": "Ny kunskap", "network": "Nätverkande",
           "recommend": "Skulle rekommendera"},
    "en": {"overall": "Overall rating", "usefulness": "Usefulness", "content": "Content",
           "speakers": "Speakers", "panel": "Panel", "arrangements": "Arrangements",
           "new_knowledge": "New knowledge", "network": "Networking",
           "recommend": "Would recommend"},
}

WORDS: dict[str, dict[str, str]] = {
    "fi": {"scores": "Palautteen keskiarvot asteikolla 1–5",
           "groups": "Ilmoittautuneet ja paikalla kohderyhmittäin",
           "registered": "Ilmoittautuneet", "attended": "Paikalla",
           "title": "Seurantaraportin kaavio",
           "alt_scores": "palautteen keskiarvot asteikolla 1–5 ({n} vastausta)",
           "alt_groups": "ilmoittautuneet ja paikalla olleet kohderyhmittäin",
           "alt": "Kaavio: {what}. Samat luvut ovat raportin tekstissä."},
    "sv": {"scores": "Responsens medelvärden på skalan 1–5",
           "groups": "Anmälda och närvarande per målgrupp",
           "registered": "Anmälda", "attended": "Närvarande",
           "title": "Uppföljningsrapportens diagram",
           "alt_scores": "responsens medelvärden på skalan 1–5 ({n} svar)",
           "alt_groups": "anmälda och närvarande per målgrupp",
           "alt": "Diagram: {what}. Samma siffror finns i rapportens text."},
    "en": {"scores": "Feedback means on the scale 1–5",
           "groups": "Registered and attended by target group",
           "registered": "Registered", "attended": "Attended",
           "title": "Chart of the follow-up report",
           "alt_scores": "feedback means on the scale 1–5 ({n} responses)",
           "alt_groups": "registered and attended by target group",
           "alt": "Chart: {what}. The same figures are in the text of the report."},
}
AND = {"fi": "sekä", "sv": "samt", "en": "and"}

#: What drawing needs, imported before the output's limits start (render.preload).
MODULES = ("matplotlib.figure", "matplotlib.backends.backend_agg")
HASH_SALT = "eventflow"  # svg.hashsalt: the ids inside the SVG do not change between runs
WRAP = 42                # characters per line of a bar's label
WIDTH, LEFT = 7.5, 3.0   # inches: the figure, the column of the labels
COLOURS = ("#1f5f8b", "#9cc3e0")  # registered, attended; scores use the first


def scale_label(key: str, question: str, lang: str, gains: Sequence[tuple[str, str]]) -> str:
    """A scale question's name in ``lang``: a known key's name, a statement of eventflow's
    own survey as written there, else the question as the survey had it."""
    known = SCALE_LABELS[lang].get(key) or dict(gains).get(key)
    return known or question


def alt_text(lang: str, responses: int, with_groups: bool) -> str:
    """The text alternative of the chart (the Markdown image's alt text, the SVG's desc)."""
    words = WORDS[lang]
    what = words["alt_scores"].format(n=responses)
    if with_groups:
        what = f"{what} {AND[lang]} {words['alt_groups']}"
    return words["alt"].format(what=what)


def draw(lang: str, scores: Sequence[tuple[str, float]], groups: Sequence[tuple[str, int, int]],
         responses: int) -> bytes:
    """The chart as SVG bytes: ``scores`` are (label, mean 1–5) bars; ``groups`` (label,
    registered, attended) pairs of bars, left out when empty."""
    # lazy: matplotlib costs about a second (-X importtime, CPU time, loaded machine); only a
    # report with feedback draws
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    words = WORDS[lang]
    # a fixed layout (inches), not matplotlib's constrained layout, which draws everything
    # twice: each bar as high as its panel's longest label needs, the labels' column as wide
    # as WRAP characters
    rows = [len(scores) * _slot([label for label, _ in scores], 0.42)]
    if groups:
        rows.append(len(groups) * _slot([label for label, _, _ in groups], 0.6))
    top, gap, bottom = 0.45, 0.95, 0.35
    height = top + sum(rows) + gap * (len(rows) - 1) + bottom
    settings: dict[Any, Any] = {
        "svg.hashsalt": HASH_SALT, "svg.fonttype": "none", "font.family": "DejaVu Sans",
        "font.size": 9, "axes.spines.top": False, "axes.spines.right": False}
    with rc_context(settings):
        figure = Figure(figsize=(WIDTH, height))
        FigureCanvasAgg(figure)
        axes = []
        y = height - top
        for row in rows:
            y -= row
            axes.append(figure.add_axes((LEFT / WIDTH, y / height, (WIDTH - LEFT - 0.35) / WIDTH,
                                         row / height)))
            y -= gap
        _scores(axes[0], scores, lang, words["scores"])
        if groups:
            _groups(axes[1], groups, words)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "eventflow"})
    return _described(buffer.getvalue(), words["title"], alt_text(lang, responses, bool(groups)))


def _slot(labels: Sequence[str], least: float) -> float:
    """Inches for one bar (or pair of bars) of a panel: room for its longest label."""
    lines = max((_wrap(label).count("\n") + 1 for label in labels), default=1)
    return max(least, 0.16 * lines + 0.14)


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(label, WRAP)) or label


def _scores(ax: Any, scores: Sequence[tuple[str, float]], lang: str, title: str) -> None:
    labels = [_wrap(label) for label, _ in scores]
    means = [float(mean) for _, mean in scores]
    positions = list(range(len(scores)))
    bars = ax.barh(positions, means, color=COLOURS[0], height=0.6)
    ax.bar_label(bars, labels=[format_number(m, lang) for m in means], padding=3)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()  # the first question on top, as in the text
    ax.set_xlim(0, 5.4)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.set_title(title, loc="left", fontweight="bold")


def _groups(ax: Any, groups: Sequence[tuple[str, int, int]], words: dict[str, str]) -> None:
    positions = list(range(len(groups)))
    registered = [r for _, r, _ in groups]
    attended = [a for _, _, a in groups]
    high = 0.38
    first = ax.barh([p - high / 2 for p in positions], registered, height=high,
                    color=COLOURS[0], label=words["registered"])
    second = ax.barh([p + high / 2 for p in positions], attended, height=high,
                     color=COLOURS[1], label=words["attended"])
    ax.bar_label(first, padding=3)
    ax.bar_label(second, padding=3)
    ax.set_yticks(positions, [_wrap(label) for label, _, _ in groups])
    ax.invert_yaxis()
    ax.set_xlim(0, max([*registered, *attended, 1]) * 1.15)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, frameon=False,
              borderaxespad=0.1, handlelength=1.2)
    ax.set_title(words["groups"], loc="left", fontweight="bold", pad=20)


def _described(svg: bytes, title: str, description: str) -> bytes:
    """``svg`` with ``role="img"``, a ``<title>`` and a ``<desc>`` (read by screen readers)."""
    # lazy: xml.sax.saxutils (it imports urllib.request) costs 45 ms (-X importtime, best of 9,
    # CPU time) after eventflow.outputs; only a drawn chart needs it
    from xml.sax.saxutils import escape

    head, found, rest = svg.partition(b"<svg ")
    if not found:
        return svg
    tag_end = rest.index(b">") + 1
    extra = f"\n <title>{escape(title)}</title>\n <desc>{escape(description)}</desc>".encode()
    return head + b'<svg role="img" ' + rest[:tag_end] + extra + rest[tag_end:]
