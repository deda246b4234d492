"""Goal P9: git's merge driver on one event ≤ 1.5 × (python start + three parses + one dump).

    .venv/bin/python bench/merge.py [--runs 15]       # or: make bench-merge

A (the driver as git runs it): ``python -c DRIVER_CODE BASE OURS THEIRS PATH`` on one
event of the benchmark's generated folder, the two sides changing different things (items
ticked on both sides, a partner added, the venue's capacity changed): a clean data merge,
written over OURS. B (the baseline): the same interpreter starts, parses the three files with
tomli (the parser eventflow uses) and writes one of them back with tomli_w. Both run
interleaved, A B A B …, after a warm-up, on the installed, byte-compiled eventflow that
bench/run.py builds (``--editable`` measures the development venv: a smoke test only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import run as bench  # noqa: E402

DRIVER_CODE = "import sys; from eventflow.merge import main; sys.exit(main())"  # merge.py
BASELINE = """
import sys, tomli, tomli_w
data = []
for path in sys.argv[1:4]:
    with open(path, 'rb') as fh:
        data.append(tomli.loads(fh.read().decode('utf-8')))
with open(sys.argv[2], 'wb') as fh:
    fh.write(tomli_w.dumps(data[1]).encode('utf-8'))
"""

SIDES = """
import copy, datetime as dt, sys, tomli, tomli_w
base = tomli.loads(open(sys.argv[1], encoding='utf-8').read())
at = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone.utc)
ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
ours.setdefault('items', {})['bench_ours_item'] = {'checked': True, 'by': 'leena', 'at': at}
ours.setdefault('venue', {})['capacity'] = 140
theirs.setdefault('items', {})['bench_theirs_item'] = {'checked': True, 'by': 'amir', 'at': at}
theirs.setdefault('partners', []).append({'id': 'bench-p', 'name': 'Kotipesä ry',
                                          'type': 'ngo'})
for side, extra in ((ours, 1), (theirs, 2)):
    side['revision'] = base.get('revision', 0) + extra
for name, data in (('ours', ours), ('theirs', theirs)):
    with open(sys.argv[2] + '/' + name + '.toml', 'wb') as fh:
        fh.write(tomli_w.dumps(data).encode('utf-8'))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="eventflow performance goal P9 (merge driver)")
    parser.add_argument("--runs", type=int, default=15, help="paired runs (>= 5)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="work folder")
    parser.add_argument("--editable", action="store_true",
                        help="measure the development venv as is (smoke test only)")
    args = parser.parse_args(argv)
    if args.runs < 5 and not args.editable:
        parser.error("--runs must be at least 5 (medians of fewer mean little)")
    args.out.mkdir(parents=True, exist_ok=True)
    python = sys.executable if args.editable else bench.installed_python(args.out)[0]
    folder = generate.cached_folder(100, out=args.out)
    event = max((p for p in (folder / "events").glob("*/event.toml")),
                key=lambda p: p.stat().st_size)  # the fullest event of the folder
    work = args.out / "merge"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    base = work / "base.toml"
    shutil.copyfile(event, base)
    import subprocess

    env = bench.os.environ.copy()
    subprocess.run([python, "-c", SIDES, str(base), str(work)], check=True, env=env)
    ours, theirs, result = work / "ours.toml", work / "theirs.toml", work / "merged.toml"
    repo_path = f"events/{event.parent.name}/event.toml"

    def driver() -> float:
        shutil.copyfile(ours, result)
        return bench.run_rss([python, "-c", DRIVER_CODE, str(base), str(result),
                              str(theirs), repo_path], work, env)[0]

    def baseline() -> float:
        shutil.copyfile(ours, result)
        return bench.run_rss([python, "-c", BASELINE, str(base), str(result), str(theirs)],
                             work, env)[0]

    goal = bench.paired(bench.Goal("P9", f"merge driver, one event ({base.stat().st_size} B)",
                                   "python + 3 tomli parses + 1 dump", 1.5),
                        driver, baseline, args.runs)
    driver()
    merged = result.read_text("utf-8")
    assert "bench_ours_item" in merged and "bench_theirs_item" in merged \
        and "bench-p" in merged and "conflicts" not in merged, "the merge lost a change"
    print(f"eventflow merge benchmark — {dt.datetime.now():%Y-%m-%d %H:%M}, {bench.CORES} cores, "
          f"{args.runs} paired runs (A B A B …), medians; "
          f"{'EDITABLE (smoke only)' if args.editable else 'installed, byte-compiled'}")
    print(bench.table([goal]))
    print(f"met: {'P9' if goal.ok else 'none'}; missed: {'none' if goal.ok else 'P9'}")
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"total {time.perf_counter() - started:.0f} s", file=sys.stderr)
    sys.exit(code)
