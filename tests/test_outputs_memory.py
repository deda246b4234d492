"""The sandbox bounds memory, not only time (issue 11, point 9).

Each payload renders in a fresh Python process, which reports how much its peak resident
memory grew (``resource.getrusage``) and how long the render took; the test asserts both bounds
(256 MiB, 10 s) and that the render was refused rather than completed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventflow.outputs import MAX_MEMORY, render_outputs

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="RLIMIT_AS and /proc/self/statm are Linux's")

PROBE = r"""
import json, resource, sys, time
from eventflow.outputs import TemplateRenderer
renderer = TemplateRenderer(None)
renderer.render_string("{{ 1 }}", "fi", {})          # warm: jinja2 and the sandbox loaded
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.monotonic()
try:
    text = renderer.render_string(sys.argv[1], "fi", {})
    outcome = "rendered %d characters" % len(text)
except BaseException as exc:
    outcome = type(exc).__name__ + ": " + str(exc)[:200]
seconds = time.monotonic() - started
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "grown": grown}))
"""

PAYLOADS = [
    "{{ '%*s' % (10**9, 'x') }}",                          # width from a tuple
    "{{ '%0*d' % (10**9, 1) }}",
    "{{ ([1]*99999)|join(',' * 10000) }}",                 # join with a long separator
    "{{ (['x'*99999]*99999)|join }}",
    "{{ ('a'*20000)|replace('a', 'b'*20000) }}",           # replace growing each character
    "{{ ('a'*20000).replace('a', 'b'*20000) }}",           # the same as a method
    "{{ 'x' * 5*10**9 }}",                                 # repetition
    "{{ [0] * 5*10**9 }}",
    "{{ ('x\n'*99999)|indent(' '*99999) }}",       # filters with text widths
    "{{ ('x '*50000)|wordwrap(1)|replace('x', 'y'*99999) }}",
    "{{ '%s'|format('x'*99999)|replace('x', 'y'*99999) }}",
    "{{ ('\t'*99999).expandtabs(99999) }}",
    "{% set a = 'x'*99999 %}{% set b = a~a~a~a~a~a~a~a~a~a %}{% set c = b~b~b~b~b~b~b~b~b~b %}"
    "{% set d = c~c~c~c~c~c~c~c~c~c %}{{ (d~d~d~d)|length }}",   # doubling by concatenation
    "{% set a = ['x'*99999]*99999 %}"
    "{{ a|sum(start='') if false else (a|map('upper')|list)|length }}",
]


@pytest.mark.parametrize("source", PAYLOADS)
def test_every_render_stays_under_256_mib_and_10_s(source):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", PROBE, source], capture_output=True,
                          text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["grown"] < MAX_MEMORY, report
    assert report["seconds"] < 10, report
    assert not report["outcome"].startswith("rendered"), report


def test_a_hostile_override_fails_its_output_alone(ef_engine, ef_event):
    event = ef_event("partner_agreed")
    override = ef_engine.project.root / "templates" / "fi" / "agreement_memo.md"
    override.parent.mkdir(parents=True)
    override.write_text("{{ ([1]*99999)|join(',' * 10000) }}", "utf-8")
    started = time.monotonic()
    report = render_outputs(ef_engine, event.id, languages=["fi"])
    assert time.monotonic() - started < 10
    (result,) = report.results
    assert "256 MiB" in result.error and "agreement_memo" in result.error
    folder = Path(ef_engine.project.event_dir(event.id)) / "outputs" / "partner_agreed"
    assert not (folder / "agreement-memo-fi.md").exists()
    # the limit is lifted afterwards: the same process renders normally again
    override.unlink()
    again = render_outputs(ef_engine, event.id, languages=["fi"])
    assert again.ok
