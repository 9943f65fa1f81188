"""Parsing a large corpus on two cores.

Every page's Markdown is parsed once per run, and for a whole knowledge base
that walk is the biggest single cost. When many pages are checked, a forked
child parses one half while this process parses the other. The child sends
its results back as plain tuples (``marshal``: no object pickling, which
would cost more than the parse), and they are rebuilt here. Anything amiss
in the child, and the pages simply parse lazily, as they always can.
"""

from __future__ import annotations

import marshal
import os
from dataclasses import fields
from typing import Any

from kbcheck.markdown import Block, CodeBlock, Heading, Link, Markdown, Marker, Table
from kbcheck.page import Page
from kbcheck.suppress import Suppressions

MIN_PAGES = 300  # below this, a fork costs more than it saves

_LISTS: tuple[tuple[str, type], ...] = (
    ("headings", Heading),
    ("links", Link),
    ("code_blocks", CodeBlock),
    ("tables", Table),
    ("html_anchors", Marker),
    ("admonitions", Marker),
    ("components", Marker),
    ("blocks", Block),
)
_NAMES = {cls: tuple(f.name for f in fields(cls)) for _, cls in _LISTS}


def prefetch(pages: list[Page]) -> None:
    """Parse the Markdown of ``pages`` ahead of the rules, on two cores when it pays."""
    if len(pages) < MIN_PAGES or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return
    theirs, ours = pages[: len(pages) // 2], pages[len(pages) // 2 :]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse, send, leave without running any cleanup
        os.close(read)
        status = 1
        try:
            data = marshal.dumps([_encode(page.markdown) for page in theirs])
            with os.fdopen(write, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    for page in ours:
        _ = page.markdown
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return
    for page, encoded in zip(theirs, marshal.loads(data), strict=True):
        page.__dict__["markdown"] = _decode(encoded)  # fills the cached property


def _encode(md: Markdown) -> tuple[Any, ...]:
    lists = tuple(
        [tuple(getattr(item, name) for name in _NAMES[cls]) for item in getattr(md, attr)]
        for attr, cls in _LISTS
    )
    s = md.suppressions
    kept = (
        list(s.file),
        [(k, list(v)) for k, v in s.lines.items()],
        s.ranges,
        list(s._open.items()),
    )
    return (*lists, kept)


def _decode(encoded: tuple[Any, ...]) -> Markdown:
    md = Markdown()
    for (attr, cls), items in zip(_LISTS, encoded, strict=False):
        setattr(md, attr, [cls(*item) for item in items])
    file, lines, ranges, opened = encoded[-1]
    md.suppressions = Suppressions(
        set(file), {k: set(v) for k, v in lines}, [tuple(r) for r in ranges], dict(opened)
    )
    return md
