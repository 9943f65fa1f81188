"""Frontmatter: split it off, parse it, and remember where every key and value is.

YAML is read the way Docusaurus reads it (YAML 1.2 booleans: ``yes`` and
``on`` stay strings), with the C loader when PyYAML has it. Positions come
from the composed node tree, so a finding can point at the offending key.
Hostile input (alias bombs, absurd nesting) is refused before it can cost
time or memory.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Any, NamedTuple

from kbcheck import toml
from kbcheck.lazyre import lazy
from kbcheck.pyyaml import yaml

MAX_DEPTH = 50
MAX_NODES = 10_000

KeyPath = tuple[str | int, ...]


class Position(NamedTuple):
    """Where a key and its value start (1-based lines and columns)."""

    line: int
    column: int
    value_line: int
    value_column: int


class Problem(NamedTuple):
    """An input problem found while reading a page; ``rule`` is a rule name."""

    rule: str
    line: int
    column: int
    message: str


class Frontmatter:
    """The parsed block. ``data`` is ``None`` when the block could not be used."""

    __slots__ = ("data", "end_line", "format", "positions", "problems", "start_line")

    def __init__(self, format: str, data: dict[str, Any] | None, *, start_line: int = 1,
                 end_line: int = 1) -> None:  # fmt: skip
        self.format = format  # "yaml" or "toml"
        self.data = data
        self.positions: dict[KeyPath, Position] = {}
        self.start_line = start_line  # the opening delimiter
        self.end_line = end_line  # the closing delimiter
        self.problems: list[Problem] = []

    def position(self, path: KeyPath) -> Position:
        """The position of ``path``, or of its nearest known ancestor, or the block."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return Position(self.start_line, 1, self.start_line, 1)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader with the YAML 1.2 core schema, as js-yaml 4 (and so Docusaurus) reads it.

    Only ``true``/``false`` (three spellings) are booleans (``yes``, ``on`` stay
    strings); ``010`` is ten, ``0o17`` fifteen, ``1e3`` a number and ``1_000`` a
    string. An unquoted timestamp stays text (a ``Timestamp``): the ``date`` field
    type knows it for a date, and a field wanting text still gets text.
    """


class Timestamp(str):
    """An unquoted YAML timestamp (``2024-01-31``): js-yaml makes it a ``Date``."""


_CORE = ("bool", "int", "float", "timestamp", "value")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag.rpartition(":")[2] not in _CORE]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _tag, _pattern, _first in (
    ("bool", r"(?:true|True|TRUE|false|False|FALSE)", "tTfF"),
    ("int", r"[-+]?(?:[0-9]+|0b[01]+|0x[0-9a-fA-F]+|0o[0-7]+)", "-+0123456789"),
    (
        "float",
        r"[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+0123456789.",
    ),
    (
        "timestamp",
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}"
        r":[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?",
        "0123456789",
    ),
):
    _Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", lazy(f"^(?:{_pattern})$"), list(_first)
    )


def _int(loader: Any, node: yaml.ScalarNode) -> int | float:
    text = node.value
    sign, digits = (-1, text[1:]) if text[0] == "-" else (1, text.lstrip("+"))
    base = {"0b": 2, "0x": 16, "0o": 8}.get(digits[:2], 10)
    value = sign * int(digits[2:] if base != 10 else digits, base)
    return value if abs(value) <= 2**53 else float(value)  # a JavaScript number


def _float(loader: Any, node: yaml.ScalarNode) -> float | str:
    text = node.value
    if text.lstrip("+-").startswith("."):
        if text[-3:].lower() == "nan":
            return float("nan")
        if text[-3:].lower() == "inf":
            return float("-inf") if text[0] == "-" else float("inf")
    value = float(text)
    return text if value in (float("inf"), float("-inf")) else value  # js-yaml: text


# What BaseResolver.resolve tries for a plain scalar, by its first character
# (wildcards included), worked out once instead of at every scalar.
_WILDCARD = _Loader.yaml_implicit_resolvers.get(None, [])
_IMPLICIT = {
    first: resolvers + _WILDCARD
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}


def _resolve(loader: Any, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of a node, as ``BaseResolver.resolve`` gives it for a loader without
    path resolvers (PyYAML calls it for every node)."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, pattern in _IMPLICIT.get(value[:1], _WILDCARD):
                if pattern.match(value):
                    return tag
        return loader.DEFAULT_SCALAR_TAG
    return loader.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else loader.DEFAULT_MAPPING_TAG


_Loader.resolve = _resolve
_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_Loader.add_constructor("tag:yaml.org,2002:float", _float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda _, node: Timestamp(node.value))

_DELIMITERS = {"---": "yaml", "+++": "toml"}


def split(text: str) -> tuple[Frontmatter | None, str | None, int]:
    """Find the frontmatter block at the start of ``text``.

    Returns (frontmatter shell, raw block text, length in characters of the
    whole block including delimiters). An unterminated block is reported and
    the text is then treated as body.
    """
    first_end = text.find("\n")
    first = (text if first_end < 0 else text[:first_end]).rstrip("\r").rstrip()
    fmt = _DELIMITERS.get(first)
    if fmt is None:
        return None, None, 0
    closers = ("---", "...") if fmt == "yaml" else ("+++",)
    pos = first_end + 1
    line = 2
    while 0 < pos <= len(text):
        nl = text.find("\n", pos)
        current = (text[pos:] if nl < 0 else text[pos:nl]).rstrip("\r").rstrip()
        if current in closers:
            block = text[first_end + 1 : pos]
            end = len(text) if nl < 0 else nl + 1
            return Frontmatter(fmt, None, start_line=1, end_line=line), block, end
        if nl < 0:
            break
        pos, line = nl + 1, line + 1
    shell = Frontmatter(fmt, None)
    shell.problems.append(
        Problem(
            "frontmatter-syntax", 1, 1, f"frontmatter block opened with {first!r} is never closed"
        )
    )
    return shell, None, 0


def parse(shell: Frontmatter, block: str) -> Frontmatter:
    """Parse the block's text into ``shell`` (data, positions, problems)."""
    if shell.format == "toml":
        _parse_toml(shell, block)
    else:
        _parse_yaml(shell, block)
    if shell.data is not None and not isinstance(shell.data, dict):
        kind = type(shell.data).__name__
        shell.problems.append(
            Problem("frontmatter-not-mapping", 2, 1, f"frontmatter is a {kind}, not a mapping")
        )
        shell.data = None
    return shell


def _parse_yaml(fm: Frontmatter, block: str) -> None:
    offset = fm.start_line  # block line 0 is file line start_line + 1
    loader = _Loader(block)
    try:
        if _may_nest_deep(block) and _depth(block) > MAX_DEPTH:
            message = f"nests deeper than {MAX_DEPTH} levels"
            fm.problems.append(Problem("frontmatter-too-complex", offset + 1, 1, message))
            return
        node = loader.get_single_node()
        if node is None:
            fm.data = {}
            return
        complaint = _too_complex(node) if "*" in block or len(block) > 65536 else None
        if complaint:
            fm.problems.append(Problem("frontmatter-too-complex", offset + 1, 1, complaint))
            return
        if _SPECIAL.search(block):  # anchors, aliases, tags, merge keys: PyYAML's own way
            _index(node, (), fm, offset)
            fm.data = loader.construct_document(node)
        else:
            fm.data = _build(node, (), fm, offset, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = offset + 1 + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        reason = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        fm.problems.append(Problem("frontmatter-syntax", line, column, f"invalid YAML: {reason}"))
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        fm.problems.append(Problem("frontmatter-syntax", offset + 1, 1, f"invalid YAML: {exc}"))
    finally:
        loader.dispose()


def _may_nest_deep(block: str) -> bool:
    """Whether the block could nest deeper than allowed: enough brackets, or a line
    indented that far (cheap, and true for no ordinary block)."""
    if block.count("[") + block.count("{") > MAX_DEPTH:
        return True
    return "\n" + " " * MAX_DEPTH in "\n" + block


def _depth(block: str) -> int:
    """How deep the collections of the block really nest (an indented block scalar
    does not), counted from the parser's events: no tree is built, nothing recurses."""
    depth = 0
    try:
        for event in yaml.parse(block, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:  # libyaml stops at its own limit before any event
        if "maximum nesting depth" in str(exc):
            return MAX_DEPTH + 1
        raise
    return depth


def _too_complex(root: yaml.Node) -> str | None:
    """Count nodes as a consumer would see them, with aliases expanded."""
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            return f"expands to more than {MAX_NODES} values (aliases?)"
        if depth > MAX_DEPTH:
            return f"nests deeper than {MAX_DEPTH} levels"
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
    return None


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "seq", "map"))
_SPECIAL = lazy(r"[&*!]|<<")


def _build(node: yaml.Node, path: KeyPath, fm: Frontmatter, offset: int, loader: Any) -> Any:
    """What PyYAML's constructor builds from ``node``, positions recorded on the way.

    One pass instead of two (index, then construct): strings, lists and mappings
    with string keys, which is what frontmatter is made of, are built here (a
    third of the time of a whole page's frontmatter); any other node, by PyYAML.
    """
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _SEQ:
        return [
            _build(item, _item(fm, path, i, item, offset), fm, offset, loader)
            for i, item in enumerate(node.value)
        ]
    if tag == _MAP and all(key.tag == _STR for key, _ in node.value):
        mapping: dict[str, Any] = {}
        for key, value in node.value:
            where = _key(fm, path, key.value, key, value, offset, mapping)
            mapping[key.value] = _build(value, where, fm, offset, loader)
        return mapping
    if node.__class__ is not yaml.ScalarNode:
        _index(node, path, fm, offset)
    return loader.construct_object(node, deep=True)


def _index(node: yaml.Node, path: KeyPath, fm: Frontmatter, offset: int) -> None:
    """Record positions of keys and items; report duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            _index(value, _key(fm, path, name, key, value, offset, seen), fm, offset)
            seen.add(name)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, _item(fm, path, i, item, offset), fm, offset)


def _key(
    fm: Frontmatter, path: KeyPath, name: str, key: yaml.Node, value: yaml.Node, offset: int,
    seen: Container[str],
) -> KeyPath:  # fmt: skip
    """Record where a mapping's key and its value start; a key in ``seen`` is a duplicate."""
    line, column = offset + 1 + key.start_mark.line, key.start_mark.column + 1
    if name in seen:
        fm.problems.append(Problem("duplicate-key", line, column, f"duplicate key {name!r}"))
    start = value.start_mark
    fm.positions[(*path, name)] = Position(line, column, offset + 1 + start.line, start.column + 1)
    return (*path, name)


def _item(fm: Frontmatter, path: KeyPath, i: int, item: yaml.Node, offset: int) -> KeyPath:
    """Record where a sequence's item starts."""
    line, column = offset + 1 + item.start_mark.line, item.start_mark.column + 1
    fm.positions[(*path, i)] = Position(line, column, line, column)
    return (*path, i)


_TOML_KEY = lazy(r'^[ \t]*"?([A-Za-z0-9_\-]+)"?[ \t]*=[ \t]*', re.MULTILINE)
_TOML_ERROR_AT = lazy(r"\(at line (\d+), column (\d+)\)")


def _parse_toml(fm: Frontmatter, block: str) -> None:
    offset = fm.start_line
    try:
        fm.data = toml.loads(block)
    except ValueError as exc:
        where = _TOML_ERROR_AT.search(str(exc))
        line, column = (int(where[1]), int(where[2])) if where else (1, 1)
        reason = _TOML_ERROR_AT.sub("", str(exc)).strip()
        fm.problems.append(
            Problem("frontmatter-syntax", offset + line, column, f"invalid TOML: {reason}")
        )
        return
    for match in _TOML_KEY.finditer(block):
        if block.rfind("\n[", 0, match.start()) >= 0:
            break  # keys of sub-tables are not top-level keys
        line = offset + 1 + block.count("\n", 0, match.start())
        column = match.start(1) - block.rfind("\n", 0, match.start(1))
        value_column = column + match.end() - match.start(1)
        fm.positions.setdefault((match[1],), Position(line, column, line, value_column))
