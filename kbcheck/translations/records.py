"""The source version record: which version of its source a translation follows.

kbcheck reads these forms from a translation's frontmatter, first match wins:

``translation: {source_commit, source_hash, source_file}``
    kbcheck's own form, which it also writes. It follows a convention already
    in use on Docusaurus sites (``translation: {source_commit, source_file,
    outdated}``; the hand-set ``outdated`` flag is read too) and adds
    ``source_hash``, so that a record works without git.
``source_commit``, ``source_hash``, ``source_file`` at the top level
    The same record without its ``translation:`` mapping, an older form of the
    same convention.
``l10n: {sourceCommit}``
    MDN translated-content: the source commit the translation was made from.
``outdated_since`` / ``outdated_translation``
    The osu! wiki. ``outdated_since`` names the *first source commit the
    translation lacks*, not the one it was made from, so the record sets
    ``lacks_commit`` and callers count that commit as missing
    (``History.commits_since(..., inclusive=True)``). ``outdated_translation:
    true`` alone gives a record with no commit and ``outdated=True``.

Records kept in HTML comments (co-op-translator) are not read: they are not
frontmatter. :func:`write_record` always writes kbcheck's form.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from kbcheck.files import write_atomic
from kbcheck.lazyre import lazy
from kbcheck.translations.fmedit import (
    FrontmatterError,
    frontmatter_span,
    set_mapping_keys,
    split_lines,
)

__all__ = [
    "FrontmatterError",
    "SourceRecord",
    "content_hash",
    "find_key_line",
    "read_record",
    "write_record",
]


BOM = b"\xef\xbb\xbf"
HASH_PREFIX = "sha256:"
# A bare key ends on its last character that is not a space: greedy, so that the
# spaces before the colon are not tried again at every character (linear time).
_KEY_LINE = lazy(r"( *)(?:(['\"])(.*?)\2|([^\s#'\"](?:[^:#]*[^:#\s])?))[ \t]*:(?:[ \t]+(.*))?$")


class SourceRecord(NamedTuple):
    """A translation's record of its source version, as found in its frontmatter."""

    commit: str | None  # a source commit id, possibly abbreviated
    hash: str | None  # content_hash() of the source page when translated
    source_file: str | None  # the source path, when the record names it
    key: str  # dotted key path it came from, e.g. "translation.source_commit"
    line: int | None = None  # 1-based line of that key in the file, when known
    lacks_commit: bool = False  # `commit` is the first source change NOT translated
    outdated: bool | None = None  # a hand-set "this translation is outdated" flag


def read_record(
    frontmatter: Mapping[str, Any],
    *,
    positions: Mapping[str, int] | None = None,
    text: str | None = None,
) -> SourceRecord | None:
    """The source record in a parsed frontmatter, or None if there is none.

    ``positions`` maps dotted key paths to 1-based lines; without it, the line is
    looked up in ``text`` (the file's text) when given. A caller that has parsed
    positions of its own passes them (even empty) and no text is scanned for lines.
    Values are taken as strings; YAML reads an all-digit commit id as a number, so with ``text`` the
    digits are taken from the file as written (``0123456`` stays itself).
    """
    found = _find(frontmatter)
    if found is None:
        return None
    key, values = found
    if positions is not None:
        line = positions.get(key)
    else:
        line = find_key_line(text, key) if text is not None else None
    commit = values.get("commit")
    if isinstance(commit, int) and not isinstance(commit, bool) and text is not None:
        commit = _raw_value(text, values["commit_key"]) or commit
    return SourceRecord(
        commit=_text(commit),
        hash=_text(values.get("hash")),
        source_file=_text(values.get("source_file")),
        key=key,
        line=line,
        lacks_commit=bool(values.get("lacks_commit")),
        outdated=values.get("outdated"),
    )


def _find(fm: Mapping[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The key path of the record and its raw values, for the first form present."""
    own = fm.get("translation")
    if isinstance(own, Mapping):
        fields = {"commit": "source_commit", "hash": "source_hash", "source_file": "source_file"}
        values: dict[str, Any] = {k: own.get(v) for k, v in fields.items()}
        values["commit_key"] = "translation.source_commit"
        if isinstance(own.get("outdated"), bool):
            values["outdated"] = own["outdated"]
        for name in ("source_commit", "source_hash", "source_file", "outdated"):
            if name in own:
                return f"translation.{name}", values
    if "source_commit" in fm or "source_hash" in fm:  # the same, at the top level
        values = {"commit": fm.get("source_commit"), "hash": fm.get("source_hash")}
        values |= {"source_file": fm.get("source_file"), "commit_key": "source_commit"}
        return ("source_commit" if "source_commit" in fm else "source_hash"), values
    mdn = fm.get("l10n")
    if isinstance(mdn, Mapping) and "sourceCommit" in mdn:
        key = "l10n.sourceCommit"
        return key, {"commit": mdn["sourceCommit"], "commit_key": key}
    if "outdated_since" in fm:
        values = {"commit": fm["outdated_since"], "commit_key": "outdated_since"}
        return "outdated_since", {**values, "lacks_commit": True, "outdated": True}
    if fm.get("outdated_translation") is True:
        return "outdated_translation", {"outdated": True}
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int)):
        return str(value).strip() or None
    return None


def find_key_line(text: str, dotted: str) -> int | None:
    """The 1-based line of key path ``dotted`` in the frontmatter of ``text``.

    Block-style YAML is followed by indentation; for a key inside a flow mapping
    (``translation: {source_commit: ...}``) the line of its parent is returned.
    """
    lines = [line.rstrip("\r\n") for line in split_lines(text.removeprefix("\ufeff"))]
    try:
        span = frontmatter_span(lines)
    except FrontmatterError:
        return None
    if span is None:
        return None
    want = dotted.split(".")
    stack: list[tuple[int, str]] = []
    best: int | None = None
    skip_deeper_than: int | None = None
    for number in range(span[0] + 1, span[1]):
        line = lines[number]
        match = _KEY_LINE.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if skip_deeper_than is not None:
            if not line.strip() or indent > skip_deeper_than:
                continue  # inside a block scalar
            skip_deeper_than = None
        if match is None:
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, match.group(3) if match.group(2) else match.group(4)))
        path = [name for _, name in stack]
        if path == want[: len(path)]:
            if len(path) == len(want):
                return number + 1
            best = number + 1
        value = (match.group(5) or "").strip()
        if value[:1] in ("|", ">"):
            skip_deeper_than = indent
    return best


def _raw_value(text: str, dotted: str) -> str | None:
    """The value of a one-line key as written, for digits YAML turned into a number."""
    line = find_key_line(text, dotted)
    if line is None:
        return None
    raw = split_lines(text.removeprefix("\ufeff"))[line - 1]
    name = re.escape(dotted.rsplit(".", 1)[-1])
    match = re.search(rf"{name}['\"]?[ \t]*:[ \t]*([0-9a-fA-F]+)(?:[ \t,}}#]|$)", raw)
    return match.group(1) if match else None


def content_hash(source_bytes: bytes) -> str:
    """A stable hash of a source page: ``sha256:`` and 16 hex digits.

    CRLF line endings and a UTF-8 byte order mark do not change it, so a checkout
    on Windows hashes like one on Linux.
    """
    data = source_bytes.removeprefix(BOM).replace(b"\r\n", b"\n")
    return HASH_PREFIX + hashlib.sha256(data).hexdigest()[:16]


def write_record(path: Path, *, commit: str | None, hash: str, source_file: str | None) -> bool:
    """Record the source version in ``path``'s frontmatter; True if the file changed.

    Only ``translation.source_commit``, ``source_hash`` and ``source_file`` are
    touched (a None removes the key); every other byte stays as it was, including
    comments, key order, CRLF line endings and a byte order mark. A file without
    frontmatter gets one. The file is replaced atomically, keeping its mode; a
    symbolic link is kept and its target rewritten.

    Raises :class:`FrontmatterError` (a ValueError) when the frontmatter is not
    valid YAML, ``translation`` is not a mapping, or the file is not UTF-8.
    """
    target = Path(os.path.realpath(path))
    data = target.read_bytes()
    bom = BOM if data.startswith(BOM) else b""
    try:
        text = data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FrontmatterError(f"{path} is not UTF-8: {exc}") from exc
    values = {"source_commit": commit, "source_hash": hash, "source_file": source_file}
    new = bom + set_mapping_keys(text, "translation", values).encode("utf-8")
    if new == data:
        return False
    write_atomic(target, new, replaces=data)
    return True
