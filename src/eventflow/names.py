"""The names eventflow gives things in a planning folder, defined once.

Layout of a planning folder::

    eventflow.toml                  SETTINGS_FILE: organisation, language, active plugins
    workflows/*.toml                WORKFLOWS_DIR: workflows of this folder (optional)
    events/<id>/event.toml          EVENTS_DIR, EVENT_FILE: one event's data and progress
    events/<id>/history.jsonl       HISTORY_FILE: append-only history of the event's changes
    events/<id>/participants.toml   PARTICIPANTS_FILE: personal data of registrations
    events/<id>/.lock               LOCK_FILE: the event's lock (never committed to git)
    .<name>.<pid>.<random>.tmp      TMP_SUFFIX: a save's temporary file, before its replace
    .eventflow/                     INDEX_DIR: caches of derived data (safe to delete)
    .eventflow/outbox/              OUTBOX_DIR: the messages of the last mail run, to review
    mail/sent.jsonl                 MAIL_DIR, SENT_LOG: what eventflow mailed (append-only)

the largest files eventflow reads (:data:`MAX_EVENT_BYTES`, :data:`MAX_WORKFLOW_BYTES`), and
the stages every workflow ends in (:data:`TERMINAL`).

Plain constants with no imports, so that every part of eventflow (the front door among them)
can use them at no cost.
"""

SETTINGS_FILE = "eventflow.toml"
WORKFLOWS_DIR = "workflows"
EVENTS_DIR = "events"
EVENT_FILE = "event.toml"
HISTORY_FILE = "history.jsonl"
PARTICIPANTS_FILE = "participants.toml"
LOCK_FILE = ".lock"
TMP_SUFFIX = ".tmp"
INDEX_DIR = ".eventflow"
OUTBOX_DIR = ".eventflow/outbox"
MAIL_DIR = "mail"
SENT_LOG = "sent.jsonl"

#: Largest event file, settings file or participants file read (store/tomlio.py reads them).
MAX_EVENT_BYTES = 4 << 20
#: Largest workflow file read.
MAX_WORKFLOW_BYTES = 1 << 20

#: The stage an event reaches when it took place and was followed up.
DONE = "done"
#: The stage of a cancelled event.
CANCELLED = "cancelled"
#: Stages an event never leaves by advancing.
TERMINAL = (DONE, CANCELLED)
