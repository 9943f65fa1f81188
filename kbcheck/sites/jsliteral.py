"""The literal values of a JavaScript or TypeScript module, read without running it.

``docusaurus.config.{js,mjs,cjs,ts,mts}`` is a program, but the values kbcheck
needs are nearly always written as literals. This reads them as data: strings
(template strings without ``${}``), numbers, ``true``/``false``/``null``,
arrays and objects of those. Anything else (a variable, a call, a function,
``process.env.X ?? 'en'``, a spread) is :data:`NOT_LITERAL`, so the caller can
fall back to the generator's default and say so. TypeScript's ``satisfies X``
and ``as X`` after a literal, and parentheses around one (``/** @type */ ({...})``),
are read past.

    values = literal_after(source, "i18n")   # the value of the first `i18n:` key
"""

from __future__ import annotations

import re
from typing import Any

from kbcheck.lazyre import lazy


class _NotLiteral:
    def __repr__(self) -> str:
        return "NOT_LITERAL"


NOT_LITERAL: Any = _NotLiteral()

_TOKEN = lazy(
    r"""
    (?P<space>\s+|//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<number>(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+
       |(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)n?)
  | (?P<name>[A-Za-z_$][\w$]*)
  | (?P<punct>\.\.\.|=>|\?\?|\?\.|[{}\[\](),:;?=!<>+\-*%&|^~.@#/])
    """,
    re.VERBOSE | re.DOTALL,
)
_REGEX_AFTER = {"(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "=>", "??", None}
_OPEN = {"{": "}", "[": "]", "(": ")"}
_WORDS = {"true": True, "false": False, "null": None, "undefined": None}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def tokens(source: str) -> list[tuple[str, Any]]:
    """(kind, value) pairs: ``str``, ``num``, ``name``, ``p`` (punctuation), ``other``."""
    out: list[tuple[str, Any]] = []
    pos, end = 0, len(source)
    while pos < end:
        char = source[pos]
        if char == "`":
            pos = _template(source, pos, out)
            continue
        last = out[-1][1] if out and out[-1][0] == "p" else (None if not out else "")
        if char == "/" and last in _REGEX_AFTER and source[pos : pos + 2] not in ("//", "/*"):
            pos = _regex_end(source, pos)
            out.append(("other", "regex"))
            continue
        match = _TOKEN.match(source, pos)
        if match is None:
            out.append(("other", char))
            pos += 1
            continue
        kind = match.lastgroup
        text = match.group()
        pos = match.end()
        if kind == "string":
            out.append(("str", _unquote(text[1:-1])))
        elif kind == "number":
            out.append(("num", _number(text)))
        elif kind == "name":
            out.append(("name", text))
        elif kind == "punct":
            out.append(("p", text))
    return out


def _template(source: str, pos: int, out: list[tuple[str, Any]]) -> int:
    """A template string: a literal without ``${...}``, else not a literal."""
    i, depth, literal, parts = pos + 1, 0, True, []
    while i < len(source):
        char = source[i]
        if char == "\\" and depth == 0:
            parts.append(_unquote(source[i : i + 2]))
            i += 2
            continue
        if depth == 0 and char == "`":
            out.append(("str", "".join(parts)) if literal else ("other", "template"))
            return i + 1
        if depth == 0 and source.startswith("${", i):
            literal, depth = False, 1
            i += 2
            continue
        if depth:
            depth += {"{": 1, "}": -1}.get(char, 0)
        else:
            parts.append(char)
        i += 1
    out.append(("other", "template"))
    return i


def _regex_end(source: str, pos: int) -> int:
    i, in_class = pos + 1, False
    while i < len(source) and source[i] != "\n":
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            i += 1
            while i < len(source) and source[i].isalpha():
                i += 1
            return i
        i += 1
    return i


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[1]), text)


def _number(text: str) -> Any:
    clean = text.replace("_", "").rstrip("n")
    try:
        if clean[:2].lower() in ("0x", "0o", "0b"):
            return int(clean, 0)
        value = float(clean)
        return int(value) if value.is_integer() and "." not in clean and "e" not in clean else value
    except ValueError:
        return NOT_LITERAL


class Reader:
    """Reads values from the token list; every method returns (value, next index)."""

    def __init__(self, toks: list[tuple[str, Any]]) -> None:
        self.toks = toks

    def value(self, i: int) -> tuple[Any, int]:
        toks = self.toks
        if i >= len(toks):
            return NOT_LITERAL, i
        kind, text = toks[i]
        if kind == "p" and text == "{":
            value, i = self._object(i + 1)
        elif kind == "p" and text == "[":
            value, i = self._array(i + 1)
        elif kind == "p" and text == "(":
            value, i = self.value(i + 1)  # `({...})`, as JSDoc-typed configs write it
            if i < len(toks) and toks[i] == ("p", ")"):
                i += 1
            else:
                return NOT_LITERAL, self._skip(i)
        elif kind in ("str", "num"):
            value, i = text, i + 1
        elif kind == "p" and text == "-" and i + 1 < len(toks) and toks[i + 1][0] == "num":
            value, i = -toks[i + 1][1], i + 2
        elif kind == "name" and text in _WORDS:
            value, i = _WORDS[text], i + 1
        else:
            return NOT_LITERAL, self._skip(i)
        return self._after(value, i)

    def _after(self, value: Any, i: int) -> tuple[Any, int]:
        """Past ``satisfies T`` / ``as T``; anything else makes the value not a literal."""
        toks = self.toks
        if i < len(toks) and toks[i] in (("name", "satisfies"), ("name", "as")):
            return value, self._skip(i)
        if i < len(toks) and not (toks[i][0] == "p" and toks[i][1] in (",", "}", "]", ")", ";")):
            return NOT_LITERAL, self._skip(i)
        return value, i

    def _skip(self, i: int) -> int:
        """To the ``,`` or closing bracket that ends this expression."""
        depth = 0
        toks = self.toks
        while i < len(toks):
            kind, text = toks[i]
            if kind == "p":
                if text in _OPEN:
                    depth += 1
                elif text in ("}", "]", ")"):
                    if depth == 0:
                        return i
                    depth -= 1
                elif text in (",", ";") and depth == 0:
                    return i
            i += 1
        return i

    def _object(self, i: int) -> tuple[Any, int]:
        toks, out = self.toks, {}
        while i < len(toks):
            kind, text = toks[i]
            if kind == "p" and text == "}":
                return out, i + 1
            if kind == "p" and text == ",":
                i += 1
                continue
            if kind == "p" and text == "...":
                out["..."] = NOT_LITERAL
                i = self._skip(i + 1)
                continue
            if kind in ("name", "str", "num") and i + 1 < len(toks) and toks[i + 1] == ("p", ":"):
                out[str(text)], i = self.value(i + 2)
                continue
            if kind == "name" and i + 1 < len(toks) and toks[i + 1][1] in (",", "}"):
                out[text] = NOT_LITERAL  # shorthand: `{ i18n }`
                i += 1
                continue
            key = text if kind == "name" else "?"
            out[key] = NOT_LITERAL  # a method, a computed key, a getter
            i = self._skip(i)
        return out, i

    def _array(self, i: int) -> tuple[Any, int]:
        toks, out = self.toks, []
        while i < len(toks):
            kind, text = toks[i]
            if kind == "p" and text == "]":
                return out, i + 1
            if kind == "p" and text == ",":
                i += 1
                continue
            value, i = self.value(i)
            out.append(value)
            if i < len(toks) and toks[i] not in (("p", ","), ("p", "]")):
                i += 1  # unbalanced: move on
        return out, i


def literal_after(toks: list[tuple[str, Any]], key: str, start: int = 0) -> tuple[Any, int]:
    """The value of the first ``key:`` at or after ``start`` (and where it is); (None, -1)
    when there is no such key."""
    for i in range(start, len(toks) - 1):
        if toks[i][1] == key and toks[i][0] in ("name", "str") and toks[i + 1] == ("p", ":"):
            return Reader(toks).value(i + 2)[0], i
    return None, -1
