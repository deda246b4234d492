"""The field-level checks of a workflow file (workflow.py validates the file with them): labels in
every language, unknown keys, offsets with their sign, a check's parameters. Each appends its
problems to the list it is given, with the path inside the file and the fix."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .i18n import _
from .schedule import Offset, parse_offset

if TYPE_CHECKING:
    from .plugins import CheckSpec

LABEL_LANGUAGES = ("fi", "sv", "en")


class Newer(str):
    """A problem found by a rule added in eventflow 0.2 (lint of what authors get wrong most).
    A pinned copy (``events/.workflows/``) was accepted when its events were created and cannot
    be edited, so it is not held to these rules; every workflow file a planner edits is."""


def check_label(value: Any, where: str, problems: list[str]) -> dict[str, str]:
    """A label table (``{ fi = "…", sv = "…", en = "…" }``) as its texts; every language
    needs one."""
    if not isinstance(value, dict):
        problems.append(_("{where}: missing label; add {where} = {{ fi = \"…\", sv = "
                          "\"…\", en = \"…\" }}").format(where=where))
        return {}
    for lang in LABEL_LANGUAGES:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            problems.append(_("{where}.{lang}: missing label; add the {lang} text").format(
                                where=where, lang=lang))
    check_languages(value, where, problems)
    return {k: v for k, v in value.items() if isinstance(v, str)}


def check_languages(value: Mapping[str, Any], where: str, problems: list[str]) -> None:
    """Every key of a label table is one of :data:`LABEL_LANGUAGES`."""
    for lang in value:
        if lang not in LABEL_LANGUAGES:
            problems.append(Newer(_("{where}.{lang}: unknown language '{lang}'; "
                                    "eventflow speaks {values}: rename the key to one "
                                    "of them or remove it").format(
                                      where=where, lang=lang, values=', '.join(LABEL_LANGUAGES))))


def check_unknown(table: Mapping[str, Any], allowed: set[str], where: str,
                  problems: list[str]) -> None:
    """Every key of ``table`` is one of ``allowed``."""
    for key in table:
        if key not in allowed:
            problems.append(_("{where}.{key}: unknown key; allowed keys are {values}").format(
                                where=where, key=key, values=', '.join(sorted(allowed))))


def optional_offset(table: Mapping[str, Any], key: str, where: str,
                     problems: list[str]) -> Offset | None:
    """An optional offset such as ``opens = "0d"`` (relative to the event day), or None.

    Every offset but zero carries its sign: ``5w`` could mean before or after the event day,
    so it is refused with the two ways to write it."""
    if key not in table:
        return None
    text = table[key]
    try:
        offset = parse_offset(text)
    except ValueError as exc:
        problems.append(_("{where}.{key}: {exc}").format(where=where, key=key, exc=exc))
        return None
    if offset.amount != 0 and not text.strip().startswith(("+", "-")):
        bare = text.strip()
        problems.append(Newer(_("{where}.{key}: '{bare}' has no sign; write \"-{bare}\" "
                                "for before the event day or \"+{bare}\" for after it").format(
                                  where=where, key=key, bare=bare)))
    return offset



def check_params(item_where: str, spec: CheckSpec, params: Any, problems: list[str]) -> None:
    """An item's ``params`` are those its check takes, of the types it takes."""
    if not isinstance(params, dict):
        problems.append(_("{item_where}.params: must be a table, e.g. params = {{ min "
                          "= 1 }}").format(item_where=item_where))
        return
    for key, value in params.items():
        if key not in spec.params:
            accepted = ", ".join(sorted(spec.params)) or "no parameters"
            problems.append(_("{item_where}.params.{key}: check '{name}' takes no "
                              "parameter '{key}' (it accepts {accepted})").format(
                                item_where=item_where, key=key, name=spec.name,
                                accepted=accepted))
            continue
        types = spec.params[key]
        ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
        if not ok:
            names = " or ".join(t.__name__ for t in types)
            problems.append(_("{item_where}.params.{key}: must be {names}, got {type} "
                              "{value}").format(
                                item_where=item_where, key=key, names=names,
                                type=type(value).__name__, value=f"{value!r}"))
    for key in spec.params:
        if key not in spec.optional and key not in params:
            problems.append(_("{item_where}.params.{key}: check '{name}' needs this "
                              "parameter").format(
                                item_where=item_where, key=key, name=spec.name))
