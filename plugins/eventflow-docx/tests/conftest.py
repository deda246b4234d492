"""Every test starts with no installed plugin loaded and a fixed user; a test that needs this
plugin activates it on purpose (``ef_activate("etno")``)."""

import pytest


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTFLOW_LOAD_PLUGINS", "")
    monkeypatch.setenv("EVENTFLOW_USER", "tester")
    monkeypatch.setenv("EVENTFLOW_TODAY", "2027-01-20")
    for name in ("EVENTFLOW_DIR", "EVENTFLOW_DISABLED_PLUGINS", "EVENTFLOW_TRACE_PLUGINS"):
        monkeypatch.delenv(name, raising=False)
