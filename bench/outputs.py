"""Goal: ``eventflow outputs EVENT`` for all eight stages in fi, sv and en costs at most 1.5x
rendering the same templates with bare Jinja2.

    PYTHONPATH=src .venv/bin/python bench/outputs.py [--runs 15]

An event is walked through every stage with full data (eventflow.testing). Then, interleaved
A B A B … after one warm-up of each:

* A: ``render_outputs`` for every stage and language, as ``eventflow outputs EVENT --stage …
  --lang fi,sv,en`` runs it: a fresh engine, the sandbox with its time and memory limits
  (RLIMIT_AS set and restored around every output and every template), the data shaped per
  language, CSV, .ics and .eml built, every changed file written atomically, the manifest
  updated. By default the outputs are made again over the previous run's (as a planner
  re-runs the command: documents whose bytes did not change are compared, not rewritten);
  ``--fresh`` removes them before each run (not timed), so every file is written;
* B: the same template renders (the templates and variables A used, recorded once) with a
  plain ``jinja2.Environment`` made fresh for the run (so compiling counts on both sides),
  with the same filters (Babel formatting), writing nothing; and the impact report's charts
  drawn with the same matplotlib calls (the event has feedback, so A draws them too: a
  chart is no template, but a bare renderer would have to draw it as well).

Reported: medians, min–max, the ratio of the medians (also without the charts on either
side), the cost of the charts alone, the cost of one memory-limit block, and what importing
matplotlib costs a fresh interpreter (once per `eventflow outputs` that draws a chart). Both
sides run in this process: the interpreter start and imports are left out of both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

STAGES = ["partner_agreed", "venue", "costs_split", "speakers", "invitations",
          "panel_questions", "delivery", "follow_up"]
LANGS = ["fi", "sv", "en"]
GOAL = 1.5


def setup(root: Path) -> tuple[Any, str]:
    os.environ.update({"EVENTFLOW_LOAD_PLUGINS": "", "EVENTFLOW_USER": "bench",
                       "EVENTFLOW_TODAY": "2026-11-27"})
    os.environ.pop("EVENTFLOW_DIR", None)
    from eventflow.engine import Engine
    from eventflow.store import Project, Settings
    from eventflow.testing import walk_to

    Project.init(root, Settings(organisation="Tampereen kaupunki",
                                organisation_type="authority"))
    with open(root / "eventflow.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[plugins.outputs]\norganizer_email = "kotoutuminen@example.fi"\n')
    engine = Engine(Project(root))
    event = engine.create("Hyvät väestösuhteet", dt.date(2027, 3, 18), "Pirkanmaa", LANGS)
    walk_to(engine, event.id, "follow_up")
    engine.change(event.id, "feedback.import", _feedback, {})
    walk_to(engine, event.id, "done")
    return Project(root), event.id


def _feedback(event: Any) -> None:
    """The aggregates `eventflow feedback import` keeps, as after a real survey."""
    from eventflow.event import Feedback, FeedbackTheme, FreeTextQuestion, ScaleQuestion

    event.feedback = Feedback(source="palaute.csv", responses=24, scales=[
        ScaleQuestion(key=key, question=key, answers=24, mean=mean)
        for key, mean in (("overall", 4.4), ("usefulness", 4.1), ("speakers", 4.5),
                          ("panel", 3.9), ("what_relations", 4.2), ("own_work", 3.8))],
        free_texts=[FreeTextQuestion(key="free", question="Vapaa palaute", answers=12,
                                     themes=[FeedbackTheme(theme="keskustelu", count=7)])])


def run_eventflow(root: Path, event_id: str, fresh: bool = False) -> float:
    import shutil

    from eventflow.engine import Engine
    from eventflow.outputs import render_outputs
    from eventflow.store import Project

    if fresh:  # every file written anew (not timed): no document is unchanged on disk
        shutil.rmtree(root / "events" / event_id / "outputs", ignore_errors=True)
    started = time.process_time()
    report = render_outputs(Engine(Project(root)), event_id, stages=STAGES, languages=LANGS)
    elapsed = time.process_time() - started
    assert report.ok, [r.error for r in report.results if not r.ok]
    return elapsed


Calls = list[tuple[str, str, dict[str, Any]]]
Charts = list[tuple[Any, ...]]


def record(root: Path, event_id: str) -> tuple[Calls, Charts]:
    """The (template, language, variables) of every template render of one run, and the
    arguments of every chart drawn."""
    from eventflow.default_plugins import outputs_chart
    from eventflow.outputs import sandbox

    calls: Calls = []
    charts: Charts = []
    original = sandbox.TemplateRenderer.render
    draw = outputs_chart.draw

    def spy(self: Any, name: str, lang: str, variables: Any) -> str:
        calls.append((name, lang, dict(variables)))
        return original(self, name, lang, variables)

    def spy_draw(*args: Any) -> bytes:
        charts.append(args)
        return draw(*args)

    sandbox.TemplateRenderer.render = spy  # type: ignore[method-assign]
    outputs_chart.draw = spy_draw  # type: ignore[assignment]
    try:
        run_eventflow(root, event_id)
    finally:
        sandbox.TemplateRenderer.render = original  # type: ignore[method-assign]
        outputs_chart.draw = draw
    return calls, charts


def run_charts(charts: Charts) -> float:
    """The charts alone, drawn as A draws them (matplotlib's Agg canvas, SVG)."""
    from eventflow.default_plugins.outputs_chart import draw

    started = time.process_time()
    for args in charts:
        draw(*args)
    return time.process_time() - started


def run_bare(calls: Calls, charts: Charts) -> float:
    import jinja2

    from eventflow.outputs import (
        PACKAGE_TEMPLATES,
        format_date,
        format_money,
        format_number,
        format_percent,
        format_time,
        one_line,
    )

    started = time.process_time()
    envs: dict[bool, jinja2.Environment] = {}
    for name, lang, variables in calls:
        html = name.endswith(".html")
        if html not in envs:
            env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)),
                                     autoescape=html, trim_blocks=True, lstrip_blocks=True,
                                     keep_trailing_newline=True)
            env.filters.update({
                "date": lambda v, lang, weekday=False: format_date(v, lang, weekday),
                "money": lambda v, lang: format_money(float(v or 0), lang),
                "percent": format_percent, "number": format_number, "time": format_time,
                "one_line": one_line, "cell": lambda v: one_line(v).replace("|", "/"),
                "sentence": lambda v: str(v)[:1].upper() + str(v)[1:],
                "text": lambda v, lang: (v or {}).get(lang, "") if isinstance(v, dict)
                else str(v or "")})
            envs[html] = env
        envs[html].get_template(f"{lang}/{name}").render(lang=lang, **variables)
    elapsed = time.process_time() - started
    return elapsed + run_charts(charts)


def import_cost() -> float:
    """Wall time a fresh interpreter spends importing what a chart needs, less its start."""
    import subprocess

    def run(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - started

    modules = "import matplotlib.figure, matplotlib.backends.backend_agg"
    return statistics.median(run(modules) - run("pass") for _ in range(3))


def memory_limit_cost(n: int = 2000) -> float:
    from eventflow.outputs import memory_limit

    started = time.process_time()
    for _ in range(n):
        with memory_limit():
            pass
    return (time.process_time() - started) / n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--fresh", action="store_true",
                        help="remove the outputs before each A run, so every file is written "
                        "(default: a run again, where unchanged documents are not rewritten)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "planning"
        _, event_id = setup(root)
        calls, charts = record(root, event_id)
        run_eventflow(root, event_id)  # warm-up
        run_bare(calls, charts)
        a_times, b_times, chart_times = [], [], []
        for _ in range(args.runs):
            a_times.append(run_eventflow(root, event_id, args.fresh))
            b_times.append(run_bare(calls, charts))
            chart_times.append(run_charts(charts))
        files = sum(1 for _ in (root / "events" / event_id / "outputs").rglob("*") if _.is_file())
    a, b = statistics.median(a_times), statistics.median(b_times)
    ratio = a / b
    print(f"eventflow outputs, 8 stages x fi,sv,en ({files} files, {len(calls)} template "
          f"renders, {len(charts)} charts), {args.runs} paired runs, "
          f"{'every file written anew' if args.fresh else 'run again (unchanged files kept)'}")
    print(f"  A eventflow render_outputs   median {a * 1000:7.1f} ms "
          f"(min {min(a_times) * 1000:.1f}, max {max(a_times) * 1000:.1f})")
    print(f"  B bare Jinja2, same renders  median {b * 1000:7.1f} ms "
          f"(min {min(b_times) * 1000:.1f}, max {max(b_times) * 1000:.1f})")
    print(f"  ratio A/B {ratio:.2f} (goal <= {GOAL}): {'met' if ratio <= GOAL else 'NOT met'}")
    print(f"  of which the {len(charts)} charts (matplotlib, in both A and B): median "
          f"{statistics.median(chart_times) * 1000:.1f} ms")
    bare = [a - c for a, c in zip(a_times, chart_times, strict=True)], \
        [b - c for b, c in zip(b_times, chart_times, strict=True)]
    print(f"  ratio without the charts on either side: "
          f"{statistics.median(bare[0]) / statistics.median(bare[1]):.2f}")
    print(f"  importing matplotlib in a fresh interpreter: {import_cost() * 1000:.0f} ms "
          "(wall, median of 3)")
    print(f"  one memory-limit block (2 setrlimit + /proc read): "
          f"{memory_limit_cost() * 1e6:.1f} µs")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
