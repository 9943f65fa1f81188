"""Parsing a large corpus on two cores.

Every page's Markdown is parsed once per run, and for a whole knowledge base
that walk is the biggest single cost. So, before anything else, a forked
child (``kbcheck.parallel``) starts parsing four pages in seven while this
process goes on with the cross-file rules (which read every page's
frontmatter) and then parses the rest. The shares even out the two sides: a
page parsed in the child costs a third more, as it has to be sent back. The
child's results come back as tuples and are rebuilt here; if the child fails,
its pages simply parse lazily, as they always can.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any

from kbcheck.markdown import Block, CodeBlock, Heading, Link, Markdown, Marker, Table
from kbcheck.page import Page
from kbcheck.parallel import Forked, worth_forking
from kbcheck.suppress import Suppressions

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
_ROWS = [attrgetter(*(f.name for f in fields(cls))) for _, cls in _LISTS]  # item -> tuple


class Prefetch:
    """Start with ``Prefetch(pages)``; ``finish()`` when the Markdown is needed."""

    def __init__(self, pages: list[Page]) -> None:
        self.child: Forked | None = None
        self.ours = pages
        if not worth_forking(len(pages)):
            return
        cut = len(pages) * 4 // 7
        theirs, self.theirs, self.ours = pages[:cut], pages[:cut], pages[cut:]
        self.child = Forked(lambda: [_encode(page.markdown) for page in theirs])

    def finish(self) -> None:
        for page in self.ours:
            _ = page.markdown
        if self.child is None:
            return
        encoded = self.child.result()
        if encoded is not None:
            for page, markdown in zip(self.theirs, encoded, strict=True):
                page.__dict__["markdown"] = _decode(markdown)  # fills the cached property


def _encode(md: Markdown) -> tuple[Any, ...]:
    lists = tuple(
        [row(item) for item in getattr(md, attr)]
        for (attr, _), row in zip(_LISTS, _ROWS, strict=True)
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
