"""The Jinja2 sandbox templates render in, and the renderer that finds templates (a planning
folder's override first, then the packaged one)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import FileFormatError, InvalidInput
from ..i18n import _
from .formatting import format_date, format_money, format_number, format_percent, format_time
from .limits import (
    MAX_REPEAT,
    MAX_TEMPLATE_BYTES,
    MAX_TEMPLATE_CHARS,
    PACKAGE_TEMPLATES,
    memory_limit,
    time_limit,
    timeout_seconds,
)
from .text import one_line, safe_filename, strip_controls

_WIDTH = re.compile(r"\d{6,}")


def _bounded_filter(func: Callable[..., Any], *positions: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[1:], *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_REPEAT:
                from jinja2.exceptions import SecurityError  # lazy: see _make_environment

                raise SecurityError(_("width {value} is over the {limit} allowed").format(
                    value=value, limit=MAX_REPEAT))
        return func(*args, **kwargs)

    wrapper.__name__ = getattr(func, "__name__", "filter")
    for attr in ("jinja_pass_arg",):
        if hasattr(func, attr):
            setattr(wrapper, attr, getattr(func, attr))
    return wrapper


def _make_environment(loader: Any, html: bool) -> Any:
    # lazy: jinja2.sandbox costs 55 ms (-X importtime, best of 7) after eventflow.outputs;
    # `outputs --stale` and `eventflow feedback` load this package and render nothing
    from jinja2 import StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

    class Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "%"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64:
                raise SecurityError(_("exponent {value} is over the 64 allowed in "
                                      "templates").format(value=right))
            if operator == "*":
                for seq, count in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(count, int) \
                            and len(seq) * max(count, 0) > MAX_REPEAT:
                        raise SecurityError(_("repeating a sequence {count} times builds "
                                              "more than {limit} items").format(
                            count=count, limit=MAX_REPEAT))
            if operator == "%" and isinstance(left, str) and _WIDTH.search(left):
                raise SecurityError(_("a format width over 99999 is not allowed in templates"))
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            for value in (*args, *kwargs.values()):
                if isinstance(value, int) and not isinstance(value, bool) \
                        and abs(value) > MAX_REPEAT:
                    raise SecurityError(_("argument {value} is over the {limit} allowed in "
                                          "template calls").format(value=value,
                                                                   limit=MAX_REPEAT))
            return super().call(__context, __obj, *args, **kwargs)

        def wrap_str_format(self, value: Any) -> Any:
            owner = getattr(value, "__self__", None)
            if isinstance(owner, str) and _WIDTH.search(owner):
                raise SecurityError(_("a format width over 99999 is not allowed in templates"))
            return super().wrap_str_format(value)

    def finalize(value: Any) -> Any:
        if isinstance(value, str) and not hasattr(value, "__html__"):
            value = strip_controls(value)
            if not html:  # Markdown renders inline HTML; data never becomes markup
                value = value.replace("<", "&lt;").replace(">", "&gt;")
        return value

    env = Sandbox(loader=loader, autoescape=html, undefined=StrictUndefined, finalize=finalize,
                  trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                  auto_reload=False)
    # range() is Jinja2's own safe_range (jinja2.sandbox.MAX_RANGE items at most), which
    # the sandbox installs; call() above refuses the huge arguments first with a clear message.
    env.globals["range"] = safe_range
    for name in ("center", "indent", "wordwrap", "truncate", "format", "batch", "slice"):
        if name in env.filters:
            env.filters[name] = _bounded_filter(env.filters[name])
    env.filters["date"] = lambda value, lang, weekday=False: format_date(value, lang, weekday)
    env.filters["money"] = lambda value, lang: format_money(float(value or 0), lang)
    env.filters["one_line"] = one_line
    env.filters["text"] = lambda value, lang: (value or {}).get(lang, "") \
        if isinstance(value, dict) else str(value or "")
    env.filters["sentence"] = lambda value: str(value)[:1].upper() + str(value)[1:]
    env.filters["percent"] = lambda value, lang: format_percent(value, lang)
    env.filters["number"] = lambda value, lang, decimals=1: format_number(value, lang,
                                                                          min(int(decimals), 6))
    env.filters["time"] = lambda value, lang: format_time(value, lang)
    env.filters["cell"] = lambda value: one_line(value).replace("|", "/")
    return env


class TemplateRenderer:
    """Finds templates (planning-folder override first, then the packaged one), renders them in
    the sandbox with bounded time and size, and remembers which templates it used."""

    def __init__(self, planning_root: Path | None,
                 extra_dirs: Sequence[Path] = ()) -> None:
        self.planning_root = planning_root
        self.extra_dirs = list(extra_dirs)
        self.used: dict[str, str] = {}
        self._envs: dict[bool, Any] = {}
        self._hashes: dict[str, str] = {}  # template key -> hash of the source loaded

    def for_output(self) -> TemplateRenderer:
        """A renderer sharing this one's compiled templates, with its own record of the
        templates used: one run of ``eventflow outputs`` compiles each template once."""
        view = TemplateRenderer.__new__(TemplateRenderer)
        view.planning_root = self.planning_root
        view.extra_dirs = self.extra_dirs
        view.used = {}
        view._envs = self._envs
        view._hashes = self._hashes
        return view

    def search_path(self) -> list[Path]:
        paths = []
        if self.planning_root is not None:
            paths.append(self.planning_root / "templates")
        return [*paths, *self.extra_dirs, PACKAGE_TEMPLATES]

    def find(self, key: str) -> tuple[Path, str] | None:
        """The file a template key ``<lang>/<name>`` resolves to, and its source."""
        parts = key.split("/")
        if len(parts) != 2:
            raise InvalidInput(_("template '{key}' must be <lang>/<name>").format(key=key))
        for part in parts:
            safe_filename(part)
        for folder in self.search_path():
            path = folder / parts[0] / parts[1]
            if path.is_file() and not path.is_symlink():
                if path.stat().st_size > MAX_TEMPLATE_BYTES:
                    raise FileFormatError(path, _("is over the {limit} bytes a template may "
                                                  "have").format(limit=MAX_TEMPLATE_BYTES))
                try:
                    return path, path.read_text("utf-8")
                except UnicodeDecodeError as exc:
                    raise FileFormatError(path, _("is not UTF-8 text ({problem})").format(
                        problem=exc), fix=_("save the template as UTF-8")) from None
        return None

    def source_hash(self, key: str) -> str:
        found = self.find(key)
        if found is None:
            return "missing"
        return hashlib.sha256(found[1].encode("utf-8")).hexdigest()[:16]

    def _env(self, html: bool) -> Any:
        if html not in self._envs:
            from jinja2 import BaseLoader, TemplateNotFound  # lazy: see _make_environment

            renderer = self

            class Loader(BaseLoader):
                def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
                    try:
                        found = renderer.find(template)
                    except ValueError as exc:
                        raise TemplateNotFound(f"{template} ({exc})") from None
                    if found is None:
                        raise TemplateNotFound(template)
                    path, source = found
                    renderer._hashes[template] = hashlib.sha256(
                        source.encode("utf-8")).hexdigest()[:16]
                    return source, str(path), lambda: False

            self._envs[html] = _make_environment(Loader(), html)
        return self._envs[html]

    def render(self, name: str, lang: str, variables: Mapping[str, Any]) -> str:
        from jinja2 import TemplateNotFound  # lazy: see _make_environment

        key = f"{lang}/{name}"
        html = name.endswith((".html", ".htm", ".xml"))
        env = self._env(html)
        try:
            template = env.get_template(key)
        except TemplateNotFound:
            where = " or ".join(str(p / lang / name) for p in self.search_path())
            raise InvalidInput(_("no template {key} (looked in {where})").format(
                key=key, where=where)) from None
        self.used[key] = self._hashes.get(key, "")
        return _generate(template, {"lang": lang, **variables}, key)

    def render_string(self, source: str, lang: str, variables: Mapping[str, Any],
                      html: bool = False) -> str:
        if len(source) > MAX_TEMPLATE_BYTES:
            raise InvalidInput(_("template text is over the {limit} bytes allowed").format(
                limit=MAX_TEMPLATE_BYTES))
        template = self._env(html).from_string(source)
        return _generate(template, {"lang": lang, **variables}, "<string>")


def _generate(template: Any, variables: Mapping[str, Any], key: str) -> str:
    """Render under the time and memory limits (limits.py; inside an output's own limits
    when called from an output) and the cap on the text produced."""
    chunks: list[str] = []
    size = 0
    with time_limit(timeout_seconds()), memory_limit():
        for chunk in template.generate(**variables):
            size += len(chunk)
            if size > MAX_TEMPLATE_CHARS:
                raise InvalidInput(_("template {key} produced more than {limit} characters; "
                                     "stopped").format(key=key, limit=MAX_TEMPLATE_CHARS))
            chunks.append(chunk)
        return "".join(chunks)
