"""[letterhead] in eventflow.toml: name, address and a logo checked by its first bytes."""

from __future__ import annotations

import pytest

from eventflow.errors import FileFormatError
from eventflow.store import Project

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'


def with_letterhead(folder, table: str) -> Project:
    path = folder / "eventflow.toml"
    path.write_text(path.read_text("utf-8") + "\n[letterhead]\n" + table, "utf-8")
    return Project(folder)


def test_no_letterhead(ef_project):
    assert Project(ef_project.root).settings.letterhead is None


@pytest.mark.parametrize("name, content, kind", [("logo.png", PNG, "png"),
                                                 ("img/logo.jpg", JPEG, "jpeg"),
                                                 ("logo.svg", SVG, "svg")])
def test_a_logo_by_its_first_bytes(ef_project, name, content, kind):
    root = ef_project.root
    (root / name).parent.mkdir(exist_ok=True)
    (root / name).write_bytes(content)
    project = with_letterhead(root, f'name = "Tampereen kaupunki"\naddress = "PL 487\\n33101 '
                                    f'Tampere"\nlogo = "{name}"\n')
    head = project.settings.letterhead
    assert head.name == "Tampereen kaupunki" and head.address == "PL 487\n33101 Tampere"
    assert head.logo == (root / name).resolve() and head.logo_kind == kind


@pytest.mark.parametrize("table, setup, needle", [
    ('logo = "missing.png"\n', None, "does not exist"),
    ('logo = "logo.png"\n', ("logo.png", b"GIF89a not allowed"), "not a PNG, JPEG or SVG"),
    ('logo = "logo.png"\n', ("logo.png", b"<html>hi</html>"), "not a PNG, JPEG or SVG"),
    ('logo = "../outside.png"\n', None, "outside the planning folder"),
    ('logo = "/etc/passwd"\n', None, "not a relative path"),
    ('name = "A\\nB"\n', None, "control character"),
    ('colour = "red"\n', None, "unknown key"),
    ('name = 5\n', None, "must be a text"),
])
def test_bad_letterheads_name_file_field_and_fix(ef_project, table, setup, needle):
    root = ef_project.root
    (root.parent / "outside.png").write_bytes(PNG)
    if setup:
        (root / setup[0]).write_bytes(setup[1])
    project = with_letterhead(root, table)
    with pytest.raises(FileFormatError) as err:
        project.settings  # noqa: B018
    text = str(err.value)
    assert needle in text and "eventflow.toml" in text and "letterhead" in text
    assert "fix:" in text
