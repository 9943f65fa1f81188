"""Regular expressions written by users: in schemas (field ``pattern``, section
titles ``re:``) and in ``[links] include``/``exclude``.

Patterns are trusted, the pages and URLs they are matched against are not: with a
backtracking engine, ``^(a+)+$`` against a title of 32 ``a`` and a ``b`` never
ends. They run on RE2 (``google-re2``), whose time is linear in the text
whatever the pattern. RE2 has no backreferences and no lookaround; a pattern
that uses them is a configuration error that says so.

RE2's ``\\w``, ``\\d`` and ``\\s`` mean ASCII only, Python's mean any script:
they are rewritten to the Unicode classes Python gives them, so a pattern
means the same as it would to ``re`` (``\\b`` stays ASCII).
"""

from __future__ import annotations

from typing import Protocol

_UNICODE = {"w": r"\p{L}\p{N}_", "d": r"\p{Nd}", "s": r"\s\p{Z}"}


class Pattern(Protocol):
    def search(self, text: str) -> object: ...


def compile_pattern(source: str) -> Pattern:
    """A compiled pattern; ``ValueError`` naming what RE2 cannot run."""
    import re2  # loading it takes longer than checking a page: only for a run with patterns

    options = re2.Options()
    options.log_errors = False  # the error is raised, with the schema's position
    try:
        return re2.compile(_unicode_classes(source), options)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        raise ValueError(
            f"invalid regular expression {source!r}: {reason} (patterns run on RE2, in linear "
            "time: no backreferences, no lookahead or lookbehind)"
        ) from None


def _unicode_classes(source: str) -> str:
    """``\\w``, ``\\d``, ``\\s`` as Python reads them in a str pattern, in RE2 syntax."""
    if "\\" not in source:
        return source
    out, i, in_class = [], 0, False
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            escaped = source[i + 1]
            if escaped in _UNICODE:
                chars = _UNICODE[escaped]
                out.append(chars if in_class else f"[{chars}]")
            else:
                out.append(source[i : i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            if source[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if source[i + 1 : i + 2] == "]":  # a leading ] is a character of the class
                out.append("]")
                i += 1
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        else:
            out.append(char)
        i += 1
    return "".join(out)
