"""eventflow's performance goals P1–P8, P10, P10b and P11–P12, each measured as a paired ratio
against its baseline (P9, the merge driver, is bench/merge.py), and the informational row P4b
(no goal).

    make bench                    # or: .venv/bin/python bench/run.py [--runs 7] [--size 10000]

Each goal runs its command (A) and its baseline (B) interleaved, A B A B …, after one warm-up
of each, and reports medians, min–max, the ratio of the medians and pass/fail.

What is measured is an *installed, byte-compiled* eventflow, as a user gets it from
``pip install``: this environment sets ``PYTHONDONTWRITEBYTECODE=1``, so the editable install
of the development venv would recompile eventflow on every start. The runner therefore

* builds eventflow from this checkout with ``pip install --no-deps --target`` (pip
  byte-compiles what it installs) into ``bench/out/install-<source hash>/``;
* makes ``bench/out/venv`` (``python -m venv --without-pip`` from the same base interpreter)
  whose only extra paths, via a ``.pth`` file, are that install and the development venv's
  site-packages for the dependencies (click, pluggy, msgspec, … installed by pip, so
  byte-compiled too; the development venv's own ``.pth`` files, e.g. the editable finder, are
  not processed there);
* writes the ``eventflow`` console script the way pip writes it, and runs the baselines with
  the same interpreter.

``--editable`` skips all that and measures the development venv as it is (only for the smoke
test: its timings mean nothing).

Planning folders come from ``bench/generate.py`` and are cached under ``bench/out/folders``.
P3, P4, P4b, P5, P7 and P11 use the large folder (10,000 events); P4 runs 5 pairs of full rebuilds,
which keeps the whole run at a few minutes. P11 (`eventflow dashboard --html`) first builds the
site once from nothing (timed: "cold", in the goal's note; P4 has just changed every event
file), then measures the warm run, which remakes only the pages whose inputs changed, against a
warm `status` plus writing every byte of the site into as many files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import site
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

TODAY = generate.TODAY.isoformat()
CORES = os.cpu_count() or 1

CONSOLE_SCRIPT = """#!{python}
# -*- coding: utf-8 -*-
import re
import sys
from {module} import {function}
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit({function}())
"""

READ_ALL = """
import os, sys
events = sys.argv[1]
total = 0
with os.scandir(events) as it:
    for e in it:
        if e.name.startswith('.'):
            continue
        try:
            with open(e.path + '/event.toml', 'rb') as fh:
                total += len(fh.read())
        except FileNotFoundError:
            pass
"""

PARSE_ALL = """
import os, sys, tomllib, multiprocessing

def parse(paths):
    for p in paths:
        with open(p, 'rb') as fh:
            tomllib.loads(fh.read().decode('utf-8'))
    return len(paths)

events = sys.argv[1]
cores = int(sys.argv[2])
paths = sorted(os.path.join(events, d, 'event.toml') for d in os.listdir(events)
               if not d.startswith('.'))
size = max(16, min(256, len(paths) // (cores * 6) or 1))
chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
with multiprocessing.get_context('fork').Pool(cores) as pool:
    assert sum(pool.map(parse, chunks)) == len(paths)
"""

SAVE_ONE = """
import os, sys, tomllib, tomli_w
path = sys.argv[1]
with open(path, 'rb') as fh:
    data = tomllib.loads(fh.read().decode('utf-8'))
data['revision'] = data.get('revision', 0) + 1
out = tomli_w.dumps(data).encode('utf-8')
tmp = path + '.bench.tmp'
with open(tmp, 'wb') as fh:
    fh.write(out)
    fh.flush()
    os.fsync(fh.fileno())
os.replace(tmp, path)
fd = os.open(os.path.dirname(path), os.O_RDONLY)
os.fsync(fd)
os.close(fd)
"""

# P6's floor: the baseline's work after importing what any check must import to read an event
# as eventflow models it (msgspec with the event model; msgspec without typing_extensions, as
# quick_change.py loads it). What is left of the 1.5x allowance above this is all the engine
# may spend on the workflow, the judge, the lock, the history and the front door.
FLOOR_ONE = """
import sys
sys.modules['typing_extensions'] = None
import msgspec
del sys.modules['typing_extensions']
import eventflow.event
""" + SAVE_ONE

WRITE_SAME = """
import json, os, sys
dest, listing = sys.argv[1], sys.argv[2]
with open(listing) as fh:
    sizes = json.load(fh)
for rel, size in sizes:
    path = os.path.join(dest, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as fh:
        fh.write(b'x' * size)
"""

LISTING = """
import datetime as dt, io, json, os, sys, time
from pathlib import Path
from eventflow.engine import Engine
from eventflow.store import Project
from eventflow.index import entries, write_listing

runs = int(sys.argv[2])
engine = Engine(Project(Path(sys.argv[1])))
today = dt.date.fromisoformat(os.environ['EVENTFLOW_TODAY'])
found = entries(engine, today)
capture = io.StringIO()
write_listing(found, today, capture, colour=False)
lines = capture.getvalue().splitlines(keepends=True)
assert len(lines) == len(found) + 1
out = open(os.devnull, 'w')
a, b = [], []
for i in range(runs + 1):
    t = time.perf_counter(); write_listing(found, today, out); out.flush()
    ta = time.perf_counter() - t
    t = time.perf_counter()
    for line in lines:
        out.write(line)
    out.flush()
    tb = time.perf_counter() - t
    if i:
        a.append(ta); b.append(tb)
print(json.dumps({'a': a, 'b': b, 'rows': len(found)}))
"""


@dataclass
class Goal:
    id: str
    what: str
    baseline: str
    limit: float
    unit: str = "ms"
    a: list[float] = field(default_factory=list)
    b: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def ratio(self) -> float:
        return statistics.median(self.a) / statistics.median(self.b)

    @property
    def ok(self) -> bool:
        return self.ratio <= self.limit

    @property
    def informational(self) -> bool:
        """A row measured to be watched, with no goal (its limit is infinite)."""
        return self.limit == float("inf")


# environment ------------------------------------------------------------------------------------
def source_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted((REPO / "src").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path):
            digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    digest.update((REPO / "pyproject.toml").read_bytes())
    return digest.hexdigest()[:12]


def installed_python(out: Path) -> tuple[str, str]:
    """(python, eventflow script) of a venv with a byte-compiled, non-editable eventflow."""
    tag = source_hash()
    install = out / f"install-{tag}"
    if not (install / "eventflow" / "__pycache__").is_dir():
        for old in out.glob("install-*"):
            shutil.rmtree(old)
        print(f"installing eventflow from {REPO} into {install} (pip, byte-compiled) …",
              file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", "--no-deps", "--target", str(install),
                        str(REPO)], check=True)
        shutil.rmtree(REPO / "build", ignore_errors=True)
        # eventflow's caches vouch only for files older than RACY_NS (2 s; index.py), its own
        # code among them: let the new install settle, as any planner's install has
        time.sleep(2.1)
    venv = out / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        base = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    deps = site.getsitepackages()[0]
    Path(purelib, "eventflow_bench.pth").write_text(f"{install}\n{deps}\n")
    script = venv / "bin" / "eventflow"
    module, function = entry_point().split(":")
    script.write_text(CONSOLE_SCRIPT.format(python=python, module=module, function=function))
    script.chmod(0o755)
    check = subprocess.run([str(python), "-c", "import eventflow, sys; print(eventflow.__file__)"],
                           check=True, capture_output=True, text=True).stdout.strip()
    if not check.startswith(str(install)):
        raise SystemExit(f"bench: the bench venv imports eventflow from {check}, not {install}")
    return str(python), str(script)


def entry_point() -> str:
    """``module:function`` of the ``eventflow`` console script, as pyproject.toml declares it."""
    import tomllib

    with open(REPO / "pyproject.toml", "rb") as fh:
        return str(tomllib.load(fh)["project"]["scripts"]["eventflow"])


RSS_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stdout.write(f"{usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_rss(cmd: list[str], cwd: Path | None, env: dict[str, str],
            memory: bool = False) -> tuple[float, int]:
    """Wall time (s) of one run, output to /dev/null; with ``memory``, instead run it under a
    small launcher that forks it, so that its peak RSS (KiB) is its own and not inherited."""
    if memory:
        launcher = [getattr(sys, "_base_executable", sys.executable), "-I", "-S", "-c",
                    RSS_LAUNCHER, shutil.which(cmd[0]) or cmd[0], *cmd[1:]]
        result = subprocess.run(launcher, cwd=cwd, env=env, capture_output=True, text=True)
        rss, code = result.stdout.split()
        if int(code) not in (0, 3):
            raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{result.stderr[-2000:]}")
        return 0.0, int(rss)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n"
                         f"{proc.stderr.decode(errors='replace')[-2000:]}")
    return elapsed, 0


def paired(goal: Goal, a: Callable[[], float], b: Callable[[], float], runs: int) -> Goal:
    a(), b()  # warm-up: caches, page cache, index
    for _ in range(runs):
        goal.a.append(a())
        goal.b.append(b())
    return goal


def touch_all(events: Path) -> None:
    """Change every event file as a `git pull` would (new mtime; ctime follows)."""
    stamp = time.time() - 3600 + (time.time_ns() % 1000) / 1000
    with os.scandir(events) as it:
        for e in it:
            if not e.name.startswith("."):
                path = os.path.join(e.path, "event.toml")
                if os.path.exists(path):
                    os.utime(path, (stamp, stamp))


# the goals --------------------------------------------------------------------------------------
def measure(python: str, eventflow: str, out: Path, size: int, runs: int,
            log: Callable[[str], None], only: set[str] | None = None) -> list[Goal]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTFLOW_")}
    env.update(EVENTFLOW_TODAY=TODAY, EVENTFLOW_LOAD_PLUGINS="", EVENTFLOW_USER="bench")
    env.pop("NO_COLOR", None)
    small = generate.cached_folder(min(100, size), out=out)
    big = generate.cached_folder(size, out=out)
    one_id = sorted(p.name for p in (small / "events").iterdir()
                    if not p.name.startswith("."))[0]
    ef = [eventflow]
    py = [python]
    t = lambda cmd, cwd=None: run_rss(cmd, cwd, env)[0]  # noqa: E731
    goals = []

    want = (lambda g: only is None or g in only)  # noqa: E731
    if want("P1"):
        log("P1 eventflow --help")
        goals.append(paired(Goal("P1", "eventflow --help", 'python -c "import click"', 1.3),
                            lambda: t(ef + ["--help"]), lambda: t(py + ["-c", "import click"]),
                            runs))

    if want("P2"):
        log("P2 eventflow status EVENT")
        goals.append(paired(Goal("P2", f"eventflow status EVENT ({min(100, size)}-event folder)",
                                 'python -c "import click, tomllib"', 1.3),
                            lambda: t(ef + ["status", one_id], small),
                            lambda: t(py + ["-c", "import click, tomllib"]), runs))

    n = sum(1 for p in (big / "events").iterdir() if not p.name.startswith("."))
    if want("P3") or want("P5"):
        log(f"P3/P5 eventflow status, {n} events, warm")
    p3 = Goal("P3", f"eventflow status, {n} events, warm", "read every event file's bytes",
              1.0)
    p5 = Goal("P5", "peak memory of P3", 'python -c "import click"', 2.0, unit="MiB")
    if want("P3"):
        goals.append(paired(p3, lambda: t(ef + ["status"], big),
                            lambda: t(py + ["-c", READ_ALL, str(big / "events")]), runs))
    if want("P5"):
        goals.append(paired(p5, lambda: run_rss(ef + ["status"], big, env, True)[1] / 1024,
                            lambda: run_rss(py + ["-c", "import click"], None, env,
                                            True)[1] / 1024, runs))

    # P4 rebuilds all 10,000 summaries on each run (5 pairs): about half of `make bench`.
    mid, m = big, n
    if want("P4"):
        log(f"P4 first status after every file changed, {m} events")
    p4 = Goal("P4", f"status after all {m} files changed", f"N x tomllib parse / {CORES} cores",
              1.1, unit="s")

    def p4_a() -> float:
        touch_all(mid / "events")
        return t(ef + ["status"], mid)

    if want("P4"):
        goals.append(paired(p4, p4_a,
                            lambda: t(py + ["-c", PARSE_ALL, str(mid / "events"), str(CORES)]),
                            max(5, runs // 2 + 1)))

    if want("P4B"):
        goals.append(p4b(ef, big, n, runs, t, log))

    if want("P6"):
        log("P6 eventflow check")
    work = out / "work" / "p6"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(small, work)
    if want("P6"):
        # every check goes through the engine (the one write path): it judges the event and
        # saves it; nothing is answered from a cache
        pass
    item = "kickoff_meeting"
    # the baseline rewrites its own copy of the event's file
    twin = out / "work" / "p6-baseline"
    shutil.rmtree(twin, ignore_errors=True)
    twin.mkdir(parents=True)
    shutil.copy2(work / "events" / one_id / "event.toml", twin / "event.toml")
    path = str(twin / "event.toml")
    if want("P6"):
        p6 = Goal("P6", "eventflow check EVENT ITEM", "python + parse + dump + atomic write",
                  1.5)
        floor: list[float] = []
        for i in range(runs + 1):  # A B F A B F …, the first round a warm-up
            a, b, f = (t(ef + ["check", one_id, item, "--note", "bench"], work),
                       t(py + ["-c", SAVE_ONE, path]), t(py + ["-c", FLOOR_ONE, path]))
            if i:
                p6.a.append(a)
                p6.b.append(b)
                floor.append(f)
        base, low = statistics.median(p6.b), statistics.median(floor)
        p6.note = (f"floor (the baseline after importing msgspec and eventflow.event, which "
                   f"every check needs; interleaved with A and B) {low * 1e3:.1f} ms = "
                   f"{low / base:.2f}x the baseline; left of the {p6.limit}x allowance for "
                   f"the engine: {(base * p6.limit - low) * 1e3:.1f} ms")
        goals.append(p6)
    if want("P8"):
        log("P8 eventflow why EVENT")
        goals.append(paired(Goal("P8", f"eventflow why EVENT ({min(100, size)}-event folder)",
                                 'python -c "import click, tomllib"', 1.3),
                            lambda: t(ef + ["why", one_id], small),
                            lambda: t(py + ["-c", "import click, tomllib"]), runs))
    if want("P12"):
        log("P12 completion of an item id")
        complete = dict(env, _EVENTFLOW_COMPLETE="bash_complete",
                        COMP_WORDS=f"eventflow check {one_id} ", COMP_CWORD="3")
        goals.append(paired(Goal("P12", "eventflow check EVENT <TAB> (item ids)",
                                 'python -c "import click"', 1.3),
                            lambda: run_rss(ef, small, complete)[0],
                            lambda: t(py + ["-c", "import click"]), runs))
    if want("P10"):
        goals.append(p10(ef, big, out, n, runs, t, log))
    if want("P10B"):
        goals.append(p10b(ef, big, out, n, runs, t, log))
    if want("P11"):
        goals.append(p11(ef, py, t, big, n, out, runs, log))
    if not want("P7"):
        return goals

    log(f"P7 listing {n} rows")
    result = subprocess.run(py + ["-c", LISTING, str(big), str(max(runs, 5))], env=env,
                            check=True, capture_output=True, text=True)
    data = json.loads(result.stdout)
    p7 = Goal("P7", f"listing {data['rows']} rows (render + write)",
              "write the same lines plainly", 1.5)
    p7.a, p7.b = data["a"], data["b"]
    goals.append(p7)
    return goals


P10_OWNERS = """
[owners]
organiser = "Leena Koski <leena.koski@example.fi>"
partner = ["Leena Koski <leena.koski@example.fi>", "Anna Berg <anna.berg@example.fi>"]
programme_lead = "Jussi Mäki <jussi.maki@example.fi>"
communications = "viestinta@example.fi"
venue_lead = "Jussi Mäki <jussi.maki@example.fi>"
data_protection = "tietosuoja@example.fi"
panel_moderator = "Anna Berg <anna.berg@example.fi>"

[people."anna.berg@example.fi"]
language = "sv"
"""


def p10_folder(big: Path, out: Path) -> Path:
    """The copy of the large folder whose eventflow.toml names a person for every role."""
    work = out / "work" / f"p10-{big.name}"  # one copy per generated folder (size, seed)
    if not (work / "eventflow.toml").is_file() or "[owners]" not in \
            (work / "eventflow.toml").read_text("utf-8"):
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(big, work, ignore=shutil.ignore_patterns(".eventflow"))
        with open(work / "eventflow.toml", "a", encoding="utf-8") as fh:
            fh.write(P10_OWNERS)
        time.sleep(2.1)  # let the copy settle (RACY_NS, index.py) as a planner's folder has
    return work


def p10(ef: list[str], big: Path, out: Path, n: int, runs: int, t: Callable[..., float],
        log: Callable[[str], None]) -> Goal:
    """`eventflow remind` (outbox only) against warm `eventflow status`, both on a copy of the
    large folder whose eventflow.toml names a person for every role."""
    log(f"P10 eventflow remind, {n} events")
    work = p10_folder(big, out)
    return paired(Goal("P10", f"eventflow remind, {n} events", "eventflow status, warm", 1.2),
                  lambda: t(ef + ["remind"], work), lambda: t(ef + ["status"], work),
                  max(5, runs))


def touch_one(events: Path, turn: list[int]) -> None:
    """Change one event file (the next in turn) as a `git pull` that brought one change
    would: a new mtime (ctime follows), the bytes the same."""
    names = sorted(p.name for p in events.iterdir() if not p.name.startswith("."))
    path = events / names[turn[0] % len(names)] / "event.toml"
    turn[0] += 1
    stamp = time.time() - 3600 + (time.time_ns() % 1000) / 1000
    os.utime(path, (stamp, stamp))


def p4b(ef: list[str], big: Path, n: int, runs: int, t: Callable[..., float],
        log: Callable[[str], None]) -> Goal:
    """`eventflow status` after one event file changed (:func:`touch_one`: the next file in
    turn, as a `git pull` that brought one change leaves it), against warm `status`, on the
    large folder. Informational (no goal): status summarises that one event again and writes
    the index again, keeping the lines of the others as read (index/savefile.py), but still
    reads (decodes) the whole index, which the warm run never does. The change settles
    (RACY_NS) before the timed run, so that the index it writes vouches for the folder and
    the warm run that follows is warm."""
    log(f"P4b status after one event changed, {n} events")
    turn = [0]

    def a() -> float:
        touch_one(big / "events", turn)
        time.sleep(2.1)
        return t(ef + ["status"], big)

    return paired(Goal("P4b", "status after one file changed", "eventflow status, warm",
                       float("inf"), unit="s"), a, lambda: t(ef + ["status"], big),
                  max(5, runs))


def p10b(ef: list[str], big: Path, out: Path, n: int, runs: int, t: Callable[..., float],
         log: Callable[[str], None]) -> Goal:
    """`eventflow remind` after one event file changed, against warm `eventflow status`, on
    P10's folder. Before each timed run one event file changes (:func:`touch_one`), the
    change settles (RACY_NS, index.py) and an untimed `status` brings the index up to date
    (summarising one event again is status's cost, P4's ground): the remind that follows
    has a fresh index but no kept record for it, so it plans every message again (the path
    of the first run after any change), while P10's rerun prints its kept record."""
    log(f"P10b eventflow remind after one event changed, {n} events")
    work = p10_folder(big, out)
    turn = [0]

    def a() -> float:
        touch_one(work / "events", turn)
        time.sleep(2.1)
        t(ef + ["status"], work)
        return t(ef + ["remind"], work)

    return paired(Goal("P10b", "remind after one event changed", "eventflow status, warm",
                       1.2), a, lambda: t(ef + ["status"], work), max(5, runs))


def p11(ef: list[str], py: list[str], t: Callable[..., float], big: Path, n: int, out: Path,
        runs: int, log: Callable[[str], None]) -> Goal:
    """`eventflow dashboard --html` over the large folder, warm, against a warm `status` plus
    writing the site's bytes; the cold build and the overview page's size go in the note."""
    site = out / "work" / "p11-site"
    twin = out / "work" / "p11-bytes"
    shutil.rmtree(site, ignore_errors=True)
    log(f"P11 eventflow dashboard --html, {n} events: the first build (cold)")
    cold = t(ef + ["dashboard", "--html", str(site)], big)
    files = sorted(p for p in site.rglob("*") if p.is_file())
    sizes = [[str(p.relative_to(site)), p.stat().st_size] for p in files]
    listing = out / "work" / "p11-sizes.json"
    listing.write_text(json.dumps(sizes))
    total = sum(size for _, size in sizes)
    overview = max(p.stat().st_size for p in site.glob("*.html") if p.name.startswith(
        ("index", "overview")))

    def baseline() -> float:
        shutil.rmtree(twin, ignore_errors=True)
        return t(ef + ["status"], big) + t(py + ["-c", WRITE_SAME, str(twin), str(listing)])

    log(f"P11 warm, {len(files)} files, {total / 1e6:.1f} MB")
    goal = paired(Goal("P11", f"eventflow dashboard --html, {n} events, warm",
                       "warm status + write the site's bytes", 2.0),
                  lambda: t(ef + ["dashboard", "--html", str(site)], big), baseline, runs)
    goal.note = (f"cold build {cold:.1f} s ({cold / statistics.median(goal.b):.1f}x the "
                 f"baseline); {len(files)} files, {total / 1e6:.1f} MB; largest overview page "
                 f"{overview / 1e6:.2f} MB (goal < 5 MB)")
    return goal


def table(goals: list[Goal]) -> str:
    lines = [f"{'goal':<4} {'what':<44} {'median':>9} {'min–max':>17}   {'baseline':<38} "
             f"{'median':>9} {'min–max':>17} {'ratio':>6} {'goal':>6}  result"]
    for g in goals:
        scale = 1000.0 if g.unit == "ms" else 1.0
        fmt = (lambda v: f"{v * scale:.1f}") if g.unit != "MiB" else (lambda v: f"{v:.1f}")

        def cell(values: list[float]) -> tuple[str, str]:
            return (f"{fmt(statistics.median(values))} {g.unit}",
                    f"{fmt(min(values))}–{fmt(max(values))}")

        am, ar = cell(g.a)
        bm, br = cell(g.b)
        lines.append(f"{g.id:<4} {g.what[:44]:<44} {am:>9} {ar:>17}   {g.baseline[:38]:<38} "
                     f"{bm:>9} {br:>17} {g.ratio:>5.2f}x "
                     + ("     —  info" if g.informational else
                        f"{g.limit:>5.2f}x  {'PASS' if g.ok else 'FAIL'}"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="eventflow performance goals P1–P8, P10–P12")
    parser.add_argument("--runs", type=int, default=7, help="paired runs per goal (>= 5)")
    parser.add_argument("--size", type=int, default=10_000,
                        help="events in the large folder (P3, P4, P5, P7, P10)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="work folder")
    parser.add_argument("--goals", default="",
                        help="comma-separated goals to measure, e.g. P3,P4 (default: all)")
    parser.add_argument("--editable", action="store_true",
                        help="measure the development venv as is (smoke test only)")
    args = parser.parse_args(argv)
    if args.runs < 5 and not args.editable:
        parser.error("--runs must be at least 5 (medians of fewer mean little)")
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if args.editable:
        python = sys.executable
        eventflow = str(Path(sys.executable).with_name("eventflow"))
    else:
        python, eventflow = installed_python(args.out)
    for size in sorted({1, 100, 1000, args.size} if not args.editable else {args.size}):
        if size <= args.size:
            generate.cached_folder(size, out=args.out)

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr)

    only = {g.strip().upper() for g in args.goals.split(",") if g.strip()} or None
    goals = measure(python, eventflow, args.out, args.size, args.runs, log, only)
    report = table(goals)
    print(f"eventflow benchmarks — {dt.datetime.now():%Y-%m-%d %H:%M}, {CORES} cores, "
          f"{args.runs} paired runs (A B A B …), medians; "
          f"{'EDITABLE (smoke only)' if args.editable else 'installed, byte-compiled'}")
    print(report)
    for g in goals:
        if g.note:
            print(f"{g.id}: {g.note}")
    met = [g.id for g in goals if g.ok and not g.informational]
    print(f"met: {', '.join(met) or 'none'}; missed: "
          f"{', '.join(g.id for g in goals if not g.ok) or 'none'}; "
          f"total {time.perf_counter() - started:.0f} s")
    (args.out / "results.json").write_text(json.dumps(
        [{"id": g.id, "what": g.what, "baseline": g.baseline, "a": g.a, "b": g.b,
          "ratio": g.ratio, "goal": None if g.informational else g.limit, "ok": g.ok,
          "unit": g.unit, "note": g.note}
         for g in goals],
        indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
