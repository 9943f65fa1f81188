"""Parsing a large corpus on two cores.

Every page's Markdown is parsed once per run, and for a whole knowledge base
that walk is the biggest single cost. So, before anything else, a forked
child starts parsing half the pages while this process goes on with the
cross-file rules and then parses the other half. The child sends its
results back as plain tuples (``marshal``: pickling objects would cost more
than the parse itself), and they are rebuilt here. If anything goes wrong
in the child, its pages simply parse lazily, as they always can.
"""

from __future__ import annotations

import marshal
import os
import threading
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


class Prefetch:
    """Start with ``Prefetch(pages)``; ``finish()`` when the Markdown is needed."""

    def __init__(self, pages: list[Page]) -> None:
        self.pid = 0
        self.ours = pages
        if len(pages) < MIN_PAGES or not _can_fork():
            return
        half = len(pages) // 2
        self.theirs, self.ours = pages[:half], pages[half:]
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read)
            _child(self.theirs, write)
        os.close(write)
        self.pipe = os.fdopen(read, "rb")

    def finish(self) -> None:
        for page in self.ours:
            _ = page.markdown
        if not self.pid:
            return
        with self.pipe:
            data = self.pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if status == 0 and data:
            for page, encoded in zip(self.theirs, marshal.loads(data), strict=True):
                page.__dict__["markdown"] = _decode(encoded)  # fills the cached property


def _can_fork() -> bool:
    """Two cores, and no other thread: forking a threaded process can deadlock the child."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and threading.active_count() == 1


def _child(pages: list[Page], write: int) -> None:
    """Parse, send, and leave without running any cleanup: the parent owns everything."""
    status = 1
    try:
        data = marshal.dumps([_encode(page.markdown) for page in pages])
        with os.fdopen(write, "wb") as out:
            out.write(data)
        status = 0
    finally:
        os._exit(status)


def _encode(md: Markdown) -> tuple[Any, ...]:
    lists = tuple(
        [tuple(getattr(item, name) for name in _NAMES[cls]) for item in getattr(md, attr)]
        for attr, cls in _LISTS
    )
    s = md.suppressions
    lines = [(k, list(v)) for k, v in s.lines.items()]
    return (*lists, (list(s.file), lines, s.ranges, list(s._open.items())))


def _decode(encoded: tuple[Any, ...]) -> Markdown:
    md = Markdown()
    for (attr, cls), items in zip(_LISTS, encoded, strict=False):
        setattr(md, attr, [cls(*item) for item in items])
    file, lines, ranges, opened = encoded[-1]
    md.suppressions = Suppressions(
        set(file), {k: set(v) for k, v in lines}, [tuple(r) for r in ranges], dict(opened)
    )
    return md
