"""The README's session is real: replaying its commands gives exactly the output it shows."""

from readme_session import readme_session, render, run_session


def test_readme_session_is_true(tmp_path):
    commands, shown = readme_session()
    assert len(commands) >= 8
    assert render(run_session(commands, tmp_path)) == shown


def test_readme_shows_the_two_commands():
    from readme_session import README

    text = README.read_text("utf-8")
    assert "make demo" in text and "make test" in text


def test_readme_plugin_example_works(ef_project):
    """The ten-line plugin in the README registers a check that really runs."""
    import re
    import types

    from readme_session import README

    from eventflow.engine import Engine
    from eventflow.plugins import get_plugin_manager

    code = re.search(r"```python\n(# eventflow_police/__init__.py.*?)```",
                     README.read_text("utf-8"), re.S).group(1)
    module = types.ModuleType("eventflow_police")
    exec(compile(code, "eventflow_police/__init__.py", "exec"), module.__dict__)
    pm = get_plugin_manager(active=())
    pm.register(module, name="police")
    engine = Engine(ef_project, pm)
    spec = engine.registry.checks["police_on_panel"]
    assert spec.plugin == "police"
    import datetime as dt

    event = engine.create("T", dt.date(2027, 3, 18), "Pirkanmaa", ["fi"])
    assert not spec.func(event).ok
    from eventflow.event import Panelist

    event.panel.panelists.append(Panelist(name="Jari", role="Police"))
    assert spec.func(event).ok
