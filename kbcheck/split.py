"""Checking a large knowledge base on two cores.

Parsing every page's Markdown and running the page rules over it are most of
a run. With enough pages (:func:`kbcheck.parallel.worth_forking`), a forked
child takes a share of them, whole translation groups so that a translation
and its source page are on the same side, parses and checks them, and sends
back only its findings. Each side parses its share first, then sends the
other what the other's rules read of its pages: the anchors (for links into
them), the suppression comments (for the findings of the cross-file rules,
which run in this process) and the page types (for figures by page type); with
a ``gathering``, also what cross-file rules gather of each page
(:meth:`CorpusRule.gather`; the link rules gather its external URLs). If the
child fails, its share is parsed and checked here, and the result is the same.
What else the child's rules worked out that this process wants after the run
(the translation statuses) comes back with its findings, through a
:class:`Handover`.

    split = Split(pages, check_pages)   # the child starts on its share
    split.send_ours()                   # parses this side's share (and gathers)
    ...                                 # cross-file rules, here
    split.receive_theirs()              # the child's summary (else in check())
    ...                                 # the link rules, here
    diagnostics, errors = split.check() # from here on, every page's suppressions are known
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from kbcheck.diagnostics import Diagnostic
from kbcheck.page import Page
from kbcheck.parallel import Channel, Forked, worth_forking, worth_sharing
from kbcheck.suppress import Suppressions

# The child's share: this process also runs the cross-file rules, but a page
# costs the child more (the memory it writes to is copied first). Measured: both
# sides finish together on the report benchmark, for `check` and for `report`.
CHILD_SHARE = 0.50

CheckPages = Callable[[list[Page]], tuple[list[Diagnostic], int]]


class Handover(Protocol):
    """Work the child's rules do that this process keeps (made before the fork)."""

    def taken(self) -> Any:
        """In the child, once its pages are checked: that work, as plain values."""

    def given(self, sent: Any) -> None:
        """Here: the child's work, from those values."""


class Gathering(Protocol):
    """What cross-file rules read of each page, worked out where the page is checked."""

    def of(self, page: Page) -> Any:
        """In the child: what the rules gather of one of its pages, as plain values."""

    def given(self, page: Page, gathered: Any) -> None:
        """Here: what the child gathered of one of its pages."""


class Split:
    """Pages checked in two processes, or in this one when forking is not worth it.

    ``check`` runs the page rules over some pages; ``parse`` says whether any
    rule reads the Markdown (if none does, nothing is parsed and nothing swapped).
    """

    def __init__(
        self,
        pages: list[Page],
        check: CheckPages,
        parse: bool = True,
        handover: Handover | None = None,
        gathering: Gathering | None = None,
    ) -> None:
        self._check, self._parse, self._handover = check, parse, handover
        self._gathering = gathering
        self._received = False
        self.ours, self.theirs = pages, []
        self._child: Forked | None = None
        if worth_forking(len(pages)):
            self.theirs, self.ours = _shares(pages, CHILD_SHARE)
            self._child = Forked(self._their_work)

    def send_ours(self) -> None:
        """Parse this side's share, send the child what its rules read of it, and
        gather what cross-file rules read of it (as the child does of its own)."""
        if self._child is not None and self._parse:
            self._child.send(_summary(self.ours))
        if self._child is not None and self._gathering is not None:
            for page in self.ours:
                self._gathering.of(page)

    def receive_theirs(self) -> None:
        """Take what the child sent of its pages (once it has parsed them): their
        anchors, suppressions, page types and what rules gather."""
        if self._child is not None and not self._received:
            self._received = True
            _fill(self.theirs, self._child.receive(), self._gathering)

    def check(self) -> tuple[list[Diagnostic], int]:
        """The findings of the page rules on every page, and the count of rule crashes."""
        if self._child is None:
            return self._check(self.ours)
        self.receive_theirs()
        diagnostics, errors = self._check(self.ours)
        sent = self._child.result()
        if sent is None:  # the child failed: check its share here
            theirs, their_errors = self._check(self.theirs)
        else:
            theirs, their_errors = [Diagnostic.from_row(row) for row in sent[0]], sent[1]
            if self._handover is not None:
                self._handover.given(sent[2])
        return theirs + diagnostics, errors + their_errors

    def _their_work(self, parent: Channel) -> tuple[list[tuple], int, Any]:
        """In the child."""
        summary = _summary(self.theirs, self._parse, self._gathering)
        if self._parse:
            _fill(self.ours, parent.receive())  # the parent sends first: no deadlock
        parent.send(summary)
        diagnostics, errors = self._check(self.theirs)
        taken = self._handover.taken() if self._handover is not None else None
        return [d.as_row() for d in diagnostics], errors, taken


def this_side(pages: list[Page]) -> list[Page]:
    """The pages this process checks of a split run on ``pages``, when it forks."""
    return _shares(pages, CHILD_SHARE)[1] if worth_sharing(len(pages)) else pages


def _shares(pages: list[Page], share: float) -> tuple[list[Page], list[Page]]:
    """About ``share`` of the pages, and the rest, keeping translation groups whole.

    The groups are dealt out in turn, not cut in two halves: the costly pages
    (the sources changed in one commit, a folder of long pages) sit together,
    and each side takes its share of them.
    """
    groups: dict[str, list[Page]] = {}
    for page in pages:
        groups.setdefault(page.key or page.rel, []).append(page)
    first: list[Page] = []
    second: list[Page] = []
    for group in groups.values():
        (first if len(first) <= share * (len(first) + len(second)) else second).extend(group)
    return first, second


def _summary(
    pages: list[Page],
    parsed: bool = True,
    gathering: Gathering | None = None,
) -> list[tuple] | None:
    """What the other side's rules read of these pages (parsing them, if need be):
    (anchors, suppressions, page type, gathered or None) of each, when ``parsed``
    (the page type, for the report's figures by page type)."""
    if not parsed and gathering is None:
        return None
    return [
        (
            page.anchors if parsed else None,
            page.suppressions.as_row() if parsed else None,
            page.page_type if parsed else None,
            gathering.of(page) if gathering is not None else None,
        )
        for page in pages
    ]


def _fill(
    pages: list[Page], summary: list[tuple] | None, gathering: Gathering | None = None
) -> None:
    if summary is None:  # the child failed: the pages parse here when needed
        return
    for page, (anchors, suppressions, page_type, gathered) in zip(pages, summary, strict=True):
        if anchors is not None:  # fills the cached properties
            page.__dict__.setdefault("anchors", anchors)
            page.__dict__.setdefault("suppressions", Suppressions.from_row(suppressions))
            page.__dict__.setdefault("page_type", page_type)
        if gathering is not None:
            gathering.given(page, gathered)
