"""Line-level edits of YAML frontmatter that leave every other byte alone.

Re-dumping YAML would drop comments, quoting and key order, so this module edits
lines instead: it sets or removes the sub-keys of one top-level mapping
(``translation:`` for kbcheck) and checks the result by parsing it again. Any
edit it cannot make safely raises :class:`FrontmatterError` and changes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from kbcheck.lazyre import lazy
from kbcheck.pyyaml import yaml

_PLAIN = lazy(r"[A-Za-z0-9_./][A-Za-z0-9_./:+@-]*")
_OPEN = "---"
_CLOSE = ("---", "...")


class FrontmatterError(ValueError):
    """The frontmatter cannot be edited safely (invalid YAML, unexpected shapes)."""


def split_lines(text: str) -> list[str]:
    """Lines with their endings, broken at LF only (str.splitlines also breaks at
    form feeds and Unicode separators, which YAML and Markdown do not)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def frontmatter_span(lines: list[str]) -> tuple[int, int] | None:
    """(first, last) indices of the delimiter lines, or None without frontmatter."""
    if not lines or lines[0].rstrip() != _OPEN:
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in _CLOSE:
            return 0, i
    raise FrontmatterError("frontmatter is not closed")


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back as the same string."""
    if _PLAIN.fullmatch(value):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML one


def _key_re(key: str, indent: int) -> re.Pattern[str]:
    names = "|".join(re.escape(q + key + q) for q in ("", '"', "'"))
    return re.compile(rf" {{{indent}}}(?:{names})[ \t]*:(?=[ \t]|\r?\n|$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _ending(line: str, default: str) -> str:
    return line[len(line.rstrip("\r\n")) :] or default


def _comment(rest: str) -> str:
    """The trailing comment (with its leading spaces) of a one-line value."""
    body = rest.lstrip(" \t")
    if body[:1] in ("'", '"'):
        quote, i = body[0], 1
        while i < len(body):
            if body[i] == "\\" and quote == '"':
                i += 2
                continue
            if body[i] == quote:
                if quote == "'" and body[i + 1 : i + 2] == "'":
                    i += 2
                    continue
                break
            i += 1
        tail = body[i + 1 :]
        at = tail.find("#")
        return tail[len(tail[:at].rstrip(" \t")) :] if at >= 0 and not tail[:at].strip() else ""
    at = rest.find("#")  # a comment: "#" after a space or tab (found without a regex,
    while at == 0 or (at > 0 and rest[at - 1] not in " \t"):  # which retries every space)
        at = rest.find("#", at + 1)
    return rest[len(rest[:at].rstrip(" \t")) :] if at > 0 else ""


def _block_end(lines: list[str], start: int, stop: int, indent: int) -> int:
    """One past the last content line after ``start`` indented deeper than ``indent``."""
    end = start + 1
    for i in range(start + 1, stop):
        if _is_content(lines[i]):
            if _indent(lines[i]) <= indent:
                break
            end = i + 1
    return end


def set_mapping_keys(text: str, parent: str, values: Mapping[str, str | None]) -> str:
    """Set (or, for None, remove) ``parent.<key>`` in the frontmatter of ``text``.

    ``parent`` is a top-level key holding a mapping; it is added at the end of the
    frontmatter when absent, and a frontmatter is added when the text has none.
    Line endings follow the file. Raises :class:`FrontmatterError` when the
    result would not parse back as exactly the intended change.
    """
    lines = split_lines(text)
    span = frontmatter_span(lines)
    newline = _ending(lines[0], "\n") if lines else "\n"
    if span is None:
        body = _new_lines(values, 2, newline)
        if not body:
            return text
        return "".join([f"{_OPEN}{newline}{parent}:{newline}", *body, f"{_OPEN}{newline}", text])
    first, last = span
    old = _load(lines[first + 1 : last])
    current = old.get(parent)
    if current is not None and not isinstance(current, dict):
        raise FrontmatterError(f"'{parent}' does not hold a mapping")
    expected = dict(current or {})  # keeps the order of existing keys
    for key, value in values.items():
        if value is None:
            expected.pop(key, None)
        else:
            expected[key] = value

    count = len(lines)
    found = [i for i in range(first + 1, last) if _key_re(parent, 0).match(lines[i])]
    if not found:
        if not any(v is not None for v in values.values()):
            return text
        child = min(
            (_indent(x) for x in lines[first + 1 : last] if _is_content(x) and _indent(x) > 0),
            default=2,
        )
        block = [f"{parent}:{newline}", *_new_lines(values, child, newline)]
        lines[last:last] = block
    else:
        _edit_entry(lines, found[-1], last, parent, values, expected, newline)
    new = _load(lines[first + 1 : last + len(lines) - count])
    rest_old = {k: v for k, v in old.items() if k != parent}
    rest_new = {k: v for k, v in new.items() if k != parent}
    if rest_old != rest_new or (new.get(parent) or {}) != expected:
        raise FrontmatterError(f"could not update '{parent}' without side effects")
    return "".join(lines)


def _new_lines(values: Mapping[str, str | None], indent: int, newline: str) -> list[str]:
    pad = " " * indent
    return [f"{pad}{k}: {scalar(v)}{newline}" for k, v in values.items() if v is not None]


def _edit_entry(
    lines: list[str],
    at: int,
    stop: int,
    parent: str,
    values: Mapping[str, str | None],
    expected: dict[str, Any],
    newline: str,
) -> None:
    """Rewrite the entry ``parent:`` that starts on line ``at``, in place."""
    key_line = lines[at]
    colon = _key_re(parent, 0).match(key_line)
    assert colon is not None
    rest = key_line[colon.end() :].rstrip("\r\n")
    value = rest[: len(rest) - len(_comment(rest))].strip()
    end = _block_end(lines, at, stop, 0)
    ending = _ending(key_line, newline)
    if value.startswith("{"):  # a flow mapping: rewrite it on one line
        items = ", ".join(f"{scalar(str(k))}: {_flow(v)}" for k, v in expected.items())
        lines[at:end] = [f"{parent}: {{{items}}}{_comment(rest) if end == at + 1 else ''}{ending}"]
        return
    if value not in ("", "~", "null", "Null", "NULL"):
        raise FrontmatterError(f"cannot edit '{parent}: {value}'")
    children = [i for i in range(at + 1, end) if _is_content(lines[i])]
    if not children:  # empty or null: turn it into a block mapping
        lines[at:end] = [f"{parent}:{_comment(rest)}{ending}", *_new_lines(values, 2, newline)]
        return
    indent = _indent(lines[children[0]])
    edits: dict[int, tuple[int, list[str]]] = {}  # first line -> (stop, replacement)
    pending: dict[str, str | None] = {}
    for key, new_value in values.items():
        pattern = _key_re(key, indent)
        hits = [i for i in children if pattern.match(lines[i])]
        if not hits:
            pending[key] = new_value
            continue
        start = hits[-1]  # with duplicate keys YAML keeps the last one
        stop_at = _block_end(lines, start, end, indent)
        match = pattern.match(lines[start])
        assert match is not None
        line_rest = lines[start][match.end() :].rstrip("\r\n")
        tail = _comment(line_rest) if stop_at == start + 1 else ""
        head = lines[start][: match.end()]
        repl = (
            []
            if new_value is None
            else [f"{head} {scalar(new_value)}{tail}{_ending(lines[start], newline)}"]
        )
        edits[start] = (stop_at, repl)
    out: list[str] = []
    i = at + 1
    while i < end:
        if i in edits:
            i, repl = edits[i]
            out.extend(repl)
        else:
            out.append(lines[i])
            i += 1
    out.extend(_new_lines(pending, indent, newline))
    lines[at + 1 : end] = out


def _flow(value: Any) -> str:
    if isinstance(value, str):
        return scalar(value)
    dumped: str = yaml.safe_dump(value, default_flow_style=True, width=10**9)
    return dumped.strip().removesuffix("...").strip()


def _load(lines: list[str]) -> dict[str, Any]:
    try:
        data = yaml.safe_load("".join(lines))
    except yaml.YAMLError as exc:
        raise FrontmatterError(f"frontmatter is not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontmatterError("frontmatter is not a mapping")
    return data
