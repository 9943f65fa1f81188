"""The text of a heading as MDX (so Docusaurus) computes it, for its anchor and messages.

MDX parses inline JSX and HTML into elements and keeps only their text content:
``# <span style={{ color: "#999" }}>[可选]</span> 创建消费者`` has the text
``[可选] 创建消费者``, never the tag or its attributes. An expression keeps its source
(``{props.version}`` gives ``props.version``); a comment-only expression
``{/* #my-id */}`` at the end is an explicit id, as Docusaurus reads it; HTML comments
vanish. Whitespace next to a removed element stays (``Install <Badge />`` is
``Install ``, whose anchor is ``install-``).

The Markdown parser hands the heading over in pieces: text it has already decoded
(entities, escapes, inline code), which is literal, and source text it left alone,
where tags and expressions may still sit. Only the second kind is scanned.
"""

from __future__ import annotations

import re

from kbcheck.lazyre import lazy

_COMMENT_ID = lazy(r"\{\s*/\*\s*#(\S+?)(?:\s[^*]*)?\s*\*/\s*\}\s*$")


def heading_text(pieces: list[tuple[str, bool]]) -> tuple[str, str | None]:
    """(text, explicit id from a trailing ``{/* #id */}``) of a heading's pieces.

    Each piece is (text, literal): literal text is kept as it is; the rest is
    source, from which tags, comments and expression braces are taken out.
    """
    runs: list[tuple[str, bool]] = []  # neighbouring source pieces joined: a tag may span them
    for text, literal in pieces:
        if runs and not literal and not runs[-1][1]:
            runs[-1] = (runs[-1][0] + text, False)
        else:
            runs.append((text, literal))
    comment_id = None
    if runs and not runs[-1][1] and (match := _COMMENT_ID.search(runs[-1][0])):
        comment_id = match[1]
        runs[-1] = (runs[-1][0][: match.start()].rstrip(), False)
    return "".join(text if literal else _strip(text) for text, literal in runs), comment_id


def _strip(source: str) -> str:
    """Source text without JSX/HTML tags and comments, expressions as their source."""
    out: list[str] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "<":
            end = _tag_end(source, i)
            if end is None:
                out.append(ch)
                i += 1
            else:
                i = end
        elif ch == "{":
            end = _matching_brace(source, i)
            if end is None:
                out.append(ch)
                i += 1
            else:
                inner = source[i + 1 : end - 1]
                if not _only_comments(inner):
                    out.append(inner)
                i = end
        else:
            stop = min((p for p in (source.find("<", i), source.find("{", i)) if p >= 0), default=n)
            out.append(source[i:stop])
            i = stop
    return "".join(out)


def _tag_end(source: str, start: int) -> int | None:
    """The end of the tag or comment opening at ``start``; None when it is not one."""
    if source.startswith("<!--", start):
        end = source.find("-->", start + 4)
        return None if end < 0 else end + 3
    nxt = source[start + 1 : start + 2]
    if not (nxt.isalpha() or nxt in ("/", ">", "_", "$")):
        return None
    i, n = start + 1, len(source)
    while i < n:
        ch = source[i]
        if ch == ">":
            return i + 1
        if ch in "\"'":
            close = source.find(ch, i + 1)
            if close < 0:
                return None
            i = close + 1
        elif ch == "{":
            close = _matching_brace(source, i)
            if close is None:
                return None
            i = close
        elif ch == "<":
            return None
        else:
            i += 1
    return None


def _matching_brace(source: str, start: int) -> int | None:
    """The index after the ``}`` that closes the ``{`` at ``start`` (strings skipped)."""
    depth, i, n = 0, start, len(source)
    while i < n:
        ch = source[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        elif ch in "\"'`":
            close = source.find(ch, i + 1)
            if close < 0:
                return None
            i = close
        i += 1
    return None


def _only_comments(expression: str) -> bool:
    return not re.sub(r"/\*.*?\*/", "", expression, flags=re.DOTALL).strip()
