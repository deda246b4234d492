"""Share a planning folder through git: set the merge driver up, and sync (commit, pull, push).

Runs the ``git`` command. Every refusal leaves the work tree as it was and says what to do:
a folder outside any repository, a repository in the middle of a merge, rebase or cherry-pick,
unmerged files or conflict markers, no remote, a remote that cannot be reached, a merge git
cannot finish (it is aborted), a rejected push (the merge it would have published is undone;
your own changes stay committed locally).
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import EventflowError, FileFormatError
from .i18n import _
from .mail import MAIL_DIR, SENT_LOG
from .merge import DRIVER_CODE
from .store import (
    EVENT_FILE,
    EVENTS_DIR,
    HISTORY_FILE,
    MAX_EVENT_BYTES,
    Project,
    atomic_write,
    merge_marker_lines,
    parse_toml,
)

# the mail sent-log (mail.py) is append-only like the history: both sides' lines are kept, so
# what either clone sent is never sent again from the other
ATTRIBUTES = (f"{EVENTS_DIR}/*/{EVENT_FILE} merge=eventflow",
              f"{EVENTS_DIR}/*/{HISTORY_FILE} merge=union",
              f"{MAIL_DIR}/{SENT_LOG} merge=union")
DRIVER_NAME = "eventflow: merge event files as data"
_STATES = (("rebase-merge", "a rebase", "git rebase --continue", "git rebase --abort"),
           ("rebase-apply", "a rebase", "git rebase --continue", "git rebase --abort"),
           ("MERGE_HEAD", "a merge", "git commit", "git merge --abort"),
           ("CHERRY_PICK_HEAD", "a cherry-pick", "git cherry-pick --continue",
            "git cherry-pick --abort"),
           ("REVERT_HEAD", "a revert", "git revert --continue", "git revert --abort"))


class GitError(EventflowError):
    """git refused, or the repository is not in a state eventflow may sync.

    ``retry_with`` names what would have the request accepted, in the library's terms (as
    :class:`~eventflow.errors.InvalidInput` has it): ``"remote"`` for :func:`sync`'s argument,
    ``"git"`` for a repository (:func:`setup` makes one); the CLI adds its options
    (cli_terms.py)."""

    def __init__(self, message: str = "", *, retry_with: str | None = None) -> None:
        """The refusal ``message``; ``retry_with`` as the class says."""
        self.retry_with = retry_with
        super().__init__(message)


def driver_command() -> str:
    """The command git runs to merge an event file (this Python, so the right eventflow)."""
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(DRIVER_CODE)} %O %A %B %P"


def git(args: list[str], cwd: str | Path, *, check: bool = True,
        what: str = "") -> subprocess.CompletedProcess[str]:
    """Run ``git args`` in ``cwd``; with ``check``, a failure raises :class:`GitError`."""
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C", GIT_MERGE_AUTOEDIT="no")
    try:
        done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=600, check=False)
    except FileNotFoundError:
        raise GitError(_("the `git` command is not installed (or not on PATH); install git to "
                         "share the planning folder")) from None
    except subprocess.TimeoutExpired:
        raise GitError(_("`git {args}` did not finish in 10 minutes").format(
            args=' '.join(args))) from None
    if check and done.returncode != 0:
        raise GitError(_("{what} failed: {error}").format(
                           what=what or 'git ' + ' '.join(args), error=_said(done)))
    return done


def _said(done: subprocess.CompletedProcess[str]) -> str:
    text = f"{done.stderr or ''}\n{done.stdout or ''}".strip()
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line.startswith(("hint:", "To ", "Done"))]
    return "; ".join(lines[:6]) or _("exit code {code}").format(code=done.returncode)


def top_level(folder: str | Path) -> Path | None:
    """The top of the git work tree holding ``folder``, or ``None`` outside any."""
    done = git(["rev-parse", "--show-toplevel"], folder, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return Path(done.stdout.strip())


# setting up -------------------------------------------------------------------------------------
def ensure_attributes(root: Path) -> bool:
    """Write the planning folder's ``.gitattributes`` lines that are missing; True if any."""
    path = root / ".gitattributes"
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        text = ""
    lines = text.splitlines()
    missing = [line for line in ATTRIBUTES if line not in (x.strip() for x in lines)]
    if not missing:
        return False
    # an older line giving event files another merge is replaced, not contradicted
    keep = [x for x in lines if not any(x.split()[:1] == [m.split()[0]] for m in missing)]
    atomic_write(path, ("\n".join(keep + missing) + "\n").encode("utf-8"))
    return True


def driver_registered(cwd: str | Path) -> bool:
    """Whether this clone's git config runs eventflow's merge driver with a Python that
    still exists (a moved virtualenv needs registering again)."""
    done = git(["config", "--get", "merge.eventflow.driver"], cwd, check=False)
    words = shlex.split(done.stdout.strip()) if done.returncode == 0 else []
    return bool(words) and DRIVER_CODE in words and os.path.exists(words[0])


def register_driver(cwd: str | Path) -> None:
    """Register the merge driver in the repository's own config (``.git/config``)."""
    git(["config", "--local", "merge.eventflow.name", DRIVER_NAME], cwd)
    git(["config", "--local", "merge.eventflow.driver", driver_command()], cwd)


def setup(root: Path) -> list[str]:
    """Make ``root`` (a planning folder) share through git: a repository if it is in none,
    ``.gitattributes``, the merge driver in the repository's config. Returns what was done."""
    done: list[str] = []
    top = top_level(root)
    if top is None:
        git(["init", "-q"], root, what="git init")
        done.append(_("made a git repository in {folder}").format(folder=root))
        top = root
    if ensure_attributes(root):
        done.append(_("wrote {file} (event.toml merged by eventflow, history.jsonl by "
                      "keeping both sides' lines)").format(file=root / ".gitattributes"))
    if not driver_registered(root):
        register_driver(root)
        done.append(_("registered eventflow's merge driver in the git config of {folder}")
                    .format(folder=top))
    if not done:
        done.append(_("git is already set up for this planning folder"))
    return done


# sync -------------------------------------------------------------------------------------------
@dataclass
class SyncReport:
    """What ``eventflow sync`` did and what arrived."""

    branch: str = ""
    remote: str = ""
    committed: str = ""
    message: str = ""
    merged: bool = False
    pushed: bool = False
    setup: list[str] = field(default_factory=list)
    arrived: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The report as ``eventflow sync --json`` prints it (docs/json.md): every field, an
        empty commit or message as ``None``. Returns a new dict of JSON values."""
        return {"branch": self.branch, "remote": self.remote,
                "committed": self.committed or None, "message": self.message or None,
                "merged": self.merged, "pushed": self.pushed, "setup": self.setup,
                "arrived": self.arrived, "conflicts": self.conflicts}


def check_state(root: Path) -> None:
    """Refuse a repository git or a person is in the middle of something in."""
    done = git(["rev-parse", "--absolute-git-dir"], root)
    git_dir = Path(done.stdout.strip())
    for name, what, go_on, back in _STATES:
        if (git_dir / name).exists():
            raise GitError(_("the repository of {root} is in the middle of {what}; "
                             "finish it (`{go_on}`) or abort it (`{back}`), then run "
                             "`eventflow sync` again; nothing was changed").format(
                               root=root, what=what, go_on=go_on, back=back))
    unmerged = git(["ls-files", "-u", "--", "."], root).stdout.split("\n")
    paths = sorted({line.split("\t", 1)[1] for line in unmerged if "\t" in line})
    if paths:
        raise GitError(_("unmerged files in {root}: {paths}; resolve them (`git add` "
                         "each, then `git commit`), then run `eventflow sync` again; "
                         "nothing was changed").format(
                           root=root, paths=', '.join(paths[:5])))
    for path in _planning_files(root):
        try:
            with open(path, "rb") as fh:
                lines = merge_marker_lines(fh.read(16 << 20))
        except OSError:
            continue
        if lines:
            raise GitError(_("{path}, line {line}: git conflict markers (<<<<<<<, "
                             "=======, >>>>>>>) left from an earlier merge by hand; "
                             "keep what each side wrote, delete the marker lines (in "
                             "event.toml set `revision` to the larger one), then run "
                             "`eventflow sync` again; nothing was changed").format(
                               path=path, line=lines[0]))


def _planning_files(root: Path) -> list[Path]:
    found = [root / "eventflow.toml"]
    events = root / EVENTS_DIR
    if events.is_dir():
        for folder in sorted(events.iterdir()):
            found += [folder / EVENT_FILE, folder / HISTORY_FILE]
    return [p for p in found if p.is_file()]


def _remote_and_branch(root: Path, remote: str | None) -> tuple[str, str, bool]:
    """The remote and branch to sync with, and whether the branch tracks it already."""
    head = git(["symbolic-ref", "--short", "-q", "HEAD"], root, check=False)
    branch = head.stdout.strip()
    if head.returncode != 0 or not branch:
        raise GitError(_("the repository of {root} is not on a branch (detached HEAD); "
                         "`git switch BRANCH` first; nothing was changed").format(
                           root=root))
    remotes = git(["remote"], root).stdout.split()
    upstream = git(["config", "--get", f"branch.{branch}.remote"], root, check=False)
    tracked = upstream.stdout.strip()
    if remote is None:
        remote = tracked or ("origin" if "origin" in remotes else
                             remotes[0] if len(remotes) == 1 else "")
        if not remotes:
            raise GitError(_("the repository of {root} has no remote to share with; "
                             "add the shared repository with `git remote add origin "
                             "URL`, then run `eventflow sync` again; nothing was "
                             "changed").format(root=root))
        if not remote:
            raise GitError(_("the repository of {root} has several remotes "
                             "({remotes}); name the one to sync with; nothing was "
                             "changed").format(root=root, remotes=', '.join(remotes)),
                           retry_with="remote")
    elif remote not in remotes:
        raise GitError(_("no remote '{remote}' in the repository of {root} (remotes: "
                         "{remotes}); nothing was changed").format(
                           remote=remote, root=root, remotes=', '.join(remotes) or 'none'))
    merge_ref = git(["config", "--get", f"branch.{branch}.merge"], root, check=False)
    remote_branch = merge_ref.stdout.strip().removeprefix("refs/heads/") \
        if tracked == remote and merge_ref.returncode == 0 else branch
    return remote, remote_branch or branch, tracked == remote


def commit_message(root: Path, prefix: str) -> str:
    """A commit message saying what changed per event: the history lines written since the
    last commit (the staged changes of the planning folder)."""
    changed = git(["diff", "--cached", "--name-status", "--", "."], root).stdout.splitlines()
    events: dict[str, list[str]] = {}
    touched: set[str] = set()
    for line in changed:
        parts = line.split("\t")
        rel = os.path.relpath(parts[-1], prefix) if prefix else parts[-1]
        bits = rel.split("/")
        if len(bits) == 3 and bits[0] == EVENTS_DIR and not bits[1].startswith("."):
            touched.add(bits[1])
            if bits[2] == HISTORY_FILE:
                events[bits[1]] = _new_history(root, parts[-1])
    lines = []
    for event_id in sorted(touched):
        said = events.get(event_id) or ["edited by hand (no history line)"]
        shown = "; ".join(said[:8]) + (f"; and {len(said) - 8} more" if len(said) > 8 else "")
        lines.append(f"- {event_id}: {shown}")
    others = [line.split("\t")[-1] for line in changed
              if not any(line.split("\t")[-1].startswith(f"{prefix}{EVENTS_DIR}/{e}/")
                         for e in touched)]
    if others:
        lines.append(f"- other files: {', '.join(others[:8])}")
    n = len(touched)
    subject = (f"eventflow sync: {n} event{'s' if n != 1 else ''} changed"
               + (f" ({', '.join(sorted(touched)[:3])}{', …' if n > 3 else ''})" if n else ""))
    if not n:
        subject = "eventflow sync: settings and shared files"
    return subject + "\n\n" + "\n".join(lines) + "\n"


def _new_history(root: Path, repo_path: str) -> list[str]:
    old = git(["show", f"HEAD:{repo_path}"], root, check=False)
    before = set(old.stdout.splitlines()) if old.returncode == 0 else set()
    now = git(["show", f":{repo_path}"], root, check=False).stdout.splitlines()
    said = []
    for line in now:
        if line in before or not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("action") != "not-applied":
            said.append(describe_entry(entry))
    return said


def describe_entry(entry: dict[str, Any]) -> str:
    """One history line in a few words: ``check kickoff_meeting by leena``."""
    action = str(entry.get("action", "?"))
    detail = ""
    for key in ("item", "field", "to", "name", "partner", "speaker", "cost", "topic"):
        if entry.get(key) not in (None, ""):
            detail = str(entry[key])
            if key == "to" and entry.get("from"):
                detail = f"{entry['from']} → {entry['to']}"
            break
    by = entry.get("by")
    return " ".join(x for x in (action, detail, f"by {by}" if by else "") if x)


def sync(project: Project, remote: str | None = None, message: str = "") -> SyncReport:
    """Commit the planning folder's changes, merge what the others pushed (with the merge
    driver), push, and report what arrived. Raises :class:`GitError` with what to do."""
    root = project.root.resolve()
    top = top_level(root)
    if top is None:
        raise GitError(_("{root} is not in a git repository; make one for it (then `git "
                         "remote add origin URL`), or clone the shared repository; nothing "
                         "was changed").format(root=root), retry_with="git")
    check_state(root)
    report = SyncReport()
    report.remote, remote_branch, tracked = _remote_and_branch(root, remote)
    report.branch = remote_branch
    prefix = git(["rev-parse", "--show-prefix"], root).stdout.strip()
    if not driver_registered(root):
        register_driver(root)
        report.setup.append(_("registered eventflow's merge driver in this clone's git config"))
    if ensure_attributes(root):
        report.setup.append(_("added the merge settings to .gitattributes"))

    _commit(root, prefix, message, report)
    ours = git(["rev-parse", "HEAD"], root, check=False).stdout.strip()
    theirs = _merge_arrived(root, prefix, ours, remote_branch, report)
    _push(root, ours, theirs, remote_branch, tracked, report)
    return report


def _commit(root: Path, prefix: str, message: str, report: SyncReport) -> None:
    """Commit the planning folder's changes, if any (``report.committed`` and ``message``)."""
    git(["add", "-A", "--", "."], root, what="git add")
    staged = git(["diff", "--cached", "--quiet", "--", "."], root, check=False)
    if staged.returncode != 0:
        text = commit_message(root, prefix)
        if message:
            text = message.strip() + "\n\n" + text.split("\n\n", 1)[1]
        done = git(["commit", "-q", "-m", text, "--", "."], root, check=False)
        if done.returncode != 0:
            git(["reset", "-q", "--", "."], root, check=False)
            raise GitError(_("git could not commit the planning folder's changes: "
                             "{error}; nothing was committed, the files are as they "
                             "were (set your name with `git config user.name NAME` and "
                             "`git config user.email ADDRESS` if git asks who you are)").format(
                               error=_said(done)))
        report.committed = git(["rev-parse", "--short", "HEAD"], root).stdout.strip()
        report.message = text.split("\n", 1)[0]


def _merge_arrived(root: Path, prefix: str, ours: str, remote_branch: str,
                   report: SyncReport) -> str:
    """Fetch and merge what the others pushed (``report.merged``, ``arrived``, ``conflicts``);
    return the commit that arrived ("" when the remote has none). A failed merge is undone."""
    fetched = git(["fetch", "--quiet", report.remote], root, check=False)
    if fetched.returncode != 0:
        raise GitError(_("cannot fetch from '{remote}': {error}; {kept}run `eventflow sync` again "
                         "when it can be reached").format(remote=report.remote,
                                                          error=_said(fetched),
                                                          kept=_kept(report)))
    theirs_ref = f"refs/remotes/{report.remote}/{remote_branch}"
    theirs = git(["rev-parse", "-q", "--verify", theirs_ref], root, check=False).stdout.strip()
    if theirs and ours and git(["merge-base", "--is-ancestor", theirs, ours], root,
                               check=False).returncode != 0:
        merged = git(["merge", "--no-edit", "-m",
                      f"eventflow sync: merge {report.remote}/{remote_branch}", theirs_ref],
                     root, check=False)
        if merged.returncode != 0:
            unmerged = git(["diff", "--name-only", "--diff-filter=U"], root,
                           check=False).stdout.split()
            git(["merge", "--abort"], root, check=False)
            what = _(" in {paths}").format(paths=', '.join(unmerged[:5])) if unmerged else ""
            raise GitError(_("git could not merge what arrived from '{remote}'{what}: "
                             "{error}; the merge was undone, your work tree is as it "
                             "was; {kept}merge by hand (`git merge "
                             "{remote}/{branch}`), or correct the file the message "
                             "names on the side that broke it, then sync again").format(
                               remote=report.remote, what=what, error=_said(merged),
                               kept=_kept(report), branch=remote_branch))
        report.merged = True
        report.arrived, report.conflicts = arrivals(root, prefix, ours, "HEAD")
    elif not ours and theirs:  # a new, empty clone: take what the others have
        git(["merge", "--ff-only", theirs_ref], root)
        report.merged = True
        report.arrived, report.conflicts = arrivals(root, prefix, "", "HEAD")
    return theirs


def _push(root: Path, ours: str, theirs: str, remote_branch: str, tracked: bool,
          report: SyncReport) -> None:
    """Push HEAD when the remote lacks it (``report.pushed``); a rejected push undoes the merge
    it would have published."""
    head = git(["rev-parse", "-q", "--verify", "HEAD"], root, check=False).stdout.strip()
    if head and head != theirs:
        args = ["push", "--quiet", "--porcelain"] + ([] if tracked else ["-u"])
        pushed = git(args + [report.remote, f"HEAD:refs/heads/{remote_branch}"], root,
                     check=False)
        if pushed.returncode != 0:
            undone = ""
            if report.merged and ours:
                git(["reset", "-q", "--keep", ours], root, check=False)
                undone = _("the merge was undone and your work tree is as it was; ")
            raise GitError(_("'{remote}' rejected the push: {error}; {undone}{kept}run "
                             "`eventflow sync` again (someone may have pushed in the "
                             "meantime), or ask who keeps the shared repository "
                             "whether you may push there").format(
                               remote=report.remote, error=_said(pushed), undone=undone,
                               kept=_kept(report)))
        report.pushed = True


def _kept(report: SyncReport) -> str:
    return (_("your changes are committed locally ({commit}); ").format(commit=report.committed)
            if report.committed else "")


CONFLICT_KEYS = ("base", "ours", "theirs", "ours_by", "ours_at", "theirs_by", "theirs_at")


def _plain(value: Any) -> Any:
    """A TOML value as JSON has it (dates and times as ISO text); ``""`` as ``None``."""
    if value in ("", None):
        return None
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


# what arrived -----------------------------------------------------------------------------------
def _event_data(root: Path, rev: str, repo_path: str) -> dict[str, Any] | None:
    """The data of the event file ``repo_path`` at the commit ``rev``, read with the bounds of
    every event file (store/tomlio.py); ``None`` when it is not there or not one to read."""
    if not rev:
        return None
    done = git(["show", f"{rev}:{repo_path}"], root, check=False)
    raw = done.stdout.encode("utf-8")
    if done.returncode != 0 or len(raw) > MAX_EVENT_BYTES:
        return None
    try:
        return parse_toml(f"{rev}:{repo_path}", raw)
    except FileFormatError:
        return None


def arrivals(root: Path, prefix: str, before: str,
             after: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per event changed between ``before`` and ``after``: new, stage moves, items ticked,
    waived or unticked; and the conflicts the merge recorded."""
    base = [before, after] if before else [after]
    args = ["diff", "--name-only", *base, "--", f"{EVENTS_DIR}/"] if before else \
        ["ls-tree", "-r", "--name-only", "--full-name", after, "--", f"{EVENTS_DIR}/"]
    names = git(args, root).stdout.split()
    found, conflicts = [], []
    for name in names:
        rel = name[len(prefix):] if prefix and name.startswith(prefix) else name
        bits = rel.split("/")
        if len(bits) != 3 or bits[2] != EVENT_FILE:
            continue
        old = _event_data(root, before, name)
        new = _event_data(root, after, name)
        if new is None:
            found.append({"event": bits[1], "change": "removed"})
            continue
        entry: dict[str, Any] = {"event": bits[1], "change": "new" if old is None else "changed",
                                 "title": new.get("title", ""), "stage": new.get("stage", "")}
        if old is not None and old.get("stage") != new.get("stage"):
            entry["stage_from"] = old.get("stage")
        was, now = (old or {}).get("items", {}), new.get("items", {})
        for label, test in (("ticked", lambda s: s.get("checked")),
                            ("waived", lambda s: s.get("waived"))):
            items = sorted(i for i, s in now.items() if isinstance(s, dict) and test(s)
                           and not (isinstance(was.get(i), dict) and test(was[i])))
            if items:
                entry[label] = items
        unticked = sorted(i for i in was if i not in now)
        if unticked:
            entry["unticked"] = unticked
        old_paths = {c.get("path") for c in (old or {}).get("conflicts", [])}
        for c in new.get("conflicts", []):
            if isinstance(c, dict) and c.get("path") not in old_paths:
                conflicts.append({"event": bits[1], "path": c.get("path"),
                                  **{k: _plain(c.get(k)) for k in CONFLICT_KEYS}})
        found.append(entry)
    return found, conflicts
