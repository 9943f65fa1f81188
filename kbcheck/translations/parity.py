"""Comparing the structure of a translation with its source, for rules KB507-KB513.

The source compared is the one the translation follows (:attr:`PairStatus.reference`:
the recorded version when the source changed since, else the current page), so
a stale translation is reported once, as stale, and not once per new heading;
a difference from that old version is reported only where the current source
shows it too (:class:`kbcheck.rules.base.ParityRule`).

Findings sit in the translation and point at the source (``Finding.related``).
When the reference is an older version, its lines are carried over to the
current source by a line diff, so the related location is where that text is
now (or where it was replaced).

Where the translation lacks something, the finding is placed at the
translation's heading of the same section (:func:`kbcheck.translations.align.align`).
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from kbcheck.diagnostics import Finding, Location, Severity
from kbcheck.page import Heading, Page
from kbcheck.translations.align import align, separators
from kbcheck.translations.linediff import opcodes
from kbcheck.translations.state import PairStatus, translations

if TYPE_CHECKING:
    from kbcheck.context import Context

T = TypeVar("T")


class Mismatch(NamedTuple):
    """One difference between two sequences: ``changed`` (both sides), ``missing``
    (only in the source) or ``extra`` (only in the translation); or ``same``."""

    kind: str
    source: Any = None
    translation: Any = None


def diff(
    source: Sequence[T],
    translation: Sequence[T],
    key: Callable[[T], Hashable],
    *,
    equal: bool = False,
    together: Callable[[T, T], bool] = lambda old, new: True,
) -> list[Mismatch]:
    """The differences of two ordered sequences, compared by ``key``; with
    ``equal``, the pairs found equal too (kind ``same``), all in order. Items
    that differ are paired in order as ``changed`` where ``together`` allows
    (the same section), else each is ``missing`` or ``extra``."""
    a, b = [key(x) for x in source], [key(x) for x in translation]
    out: list[Mismatch] = []
    if a == b:  # the usual case, in sync: no alignment to compute
        same = zip(source, translation, strict=True)
        return [Mismatch("same", x, y) for x, y in same] if equal else out
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            if equal:
                same = zip(source[i1:i2], translation[j1:j2], strict=True)
                out += [Mismatch("same", x, y) for x, y in same]
            continue
        out += _paired(source[i1:i2], translation[j1:j2], together)
    return out


def _paired(olds: Sequence[T], news: Sequence[T], together: Callable[[T, T], bool]):
    """Differing items paired in order where ``together`` allows, the others alone."""
    out: list[Mismatch] = []
    j = 0
    for old in olds:
        k = next((k for k in range(j, len(news)) if together(old, news[k])), None)
        if k is None:
            out.append(Mismatch("missing", old))
            continue
        out += [Mismatch("extra", None, new) for new in news[j:k]]
        out.append(Mismatch("changed", old, news[k]))
        j = k + 1
    return out + [Mismatch("extra", None, new) for new in news[j:]]


def unordered(
    source: Sequence[T], translation: Sequence[T], key: Callable[[T], Hashable]
) -> list[Mismatch]:
    """The differences of two multisets (order free), compared by ``key``."""
    left: dict[Hashable, list[T]] = {}
    for item in translation:
        left.setdefault(key(item), []).append(item)
    out = []
    for item in source:
        same = left.get(key(item))
        if same:
            same.pop(0)
        else:
            out.append(Mismatch("missing", item))
    extra = [item for items in left.values() for item in items]
    return out + [Mismatch("extra", None, item) for item in extra]


class Parity:
    """A translation and the source version it follows, with positions mapped."""

    def __init__(self, status: PairStatus, reference: Page | None = None) -> None:
        self.status = status
        self.translation = status.translation
        self.source = status.source
        self.reference = reference or status.reference
        self.old = self.reference is not self.source
        self._pairs, self.moved = align(self.reference, self.translation)
        self._back = {j: i for i, j in self._pairs.items()}
        # the reference's separators the translation has no heading for (`#### **or**`):
        # what follows one is the section above's
        alone = (i for i in range(len(self.reference.headings)) if i not in self._pairs)
        self.separators = separators(self.reference, alone)
        self._above: dict[int, int] = {}
        for i in sorted(self.separators - {0}):
            self._above[i] = self._above.get(i - 1, i - 1)
        self._ref_lines = [h.line for h in self.reference.headings]
        self._tr_lines = [h.line for h in self.translation.headings]
        self._line_map = _line_map(self.reference.text, self.source.text) if self.old else None

    def diff(
        self,
        source: Sequence[T],
        translation: Sequence[T],
        key: Callable[[T], Hashable],
        line: Callable[[T], int] = lambda item: item.line,  # type: ignore[attr-defined]
        *,
        ordered: bool = True,
        equal: bool = False,
        alike: Callable[[T, T], bool] = lambda old, new: True,
    ) -> list[Mismatch]:
        """:func:`diff` (or :func:`unordered`) of what the matched sections hold:
        what sits in a section missing from the translation, or in one the source
        lacks, is that section's finding (KB507), not one more. Items that differ
        are paired where they are in the same section and ``alike``."""
        a = [x for x in source if not self._lost(line(x))]
        b = [x for x in translation if not self._added(line(x))]
        if not ordered:
            return unordered(a, b, key)

        def together(old: T, new: T) -> bool:
            return self.same_section(line(old), line(new)) and alike(old, new)

        return diff(a, b, key, equal=equal, together=together)

    def same_section(self, ref_line: int, tr_line: int) -> bool:
        """Whether a line of the reference and one of the translation are in the
        same (matched) section."""
        i = self._section(ref_line)
        j = bisect.bisect_right(self._tr_lines, tr_line) - 1
        return self._pairs.get(i, -1) == j if i >= 0 else j < 0

    def unmatched(self, source: Sequence[T], translation: Sequence[T]) -> tuple[list[T], list[T]]:
        """What sits in the source's sections the translation lacks, and in the
        translation's sections the source lacks (their findings are KB507's)."""
        a = [x for x in source if self._lost(x.line)]  # type: ignore[attr-defined]
        b = [x for x in translation if self._added(x.line)]  # type: ignore[attr-defined]
        return a, b

    def _lost(self, ref_line: int) -> bool:
        i = self._section(ref_line)
        return i >= 0 and i not in self._pairs

    def _section(self, ref_line: int) -> int:
        """The index of the reference heading whose section holds ``ref_line``."""
        i = bisect.bisect_right(self._ref_lines, ref_line) - 1
        return self._above.get(i, i)

    def _added(self, tr_line: int) -> bool:
        j = bisect.bisect_right(self._tr_lines, tr_line) - 1
        return j >= 0 and j not in self._back

    def wrote_anew(self, tr_line: int) -> bool:
        """Whether the translation wrote anew the section holding ``tr_line``, or
        the whole page: three times as long as the source's, ten lines or more
        (an English stub, "Coming soon...", the source of a longer page). What
        such a section holds that the source lacks is its own text."""
        ref, tr = self.reference, self.translation
        whole = (_size(ref, 0), _size(tr, 0))
        section = (_size(ref, self.source_line(tr_line)), _size(tr, tr_line))
        return any(mine >= 10 and mine >= 3 * theirs for theirs, mine in (whole, section))

    def current(self, ctx: Context) -> Parity:
        """The same translation compared with the current source."""
        key = f"translations.parity.current:{self.translation.rel}"
        return ctx.memo(key, lambda: Parity(self.status, self.source))

    @property
    def note(self) -> str:
        """Says which source version a message is about, when not the current one."""
        version = self.status.short_version
        return f" (source at {version})" if self.old and version else ""

    def heading_for(self, ref_heading: int) -> Heading | None:
        """The translation's heading matched with the reference's heading ``ref_heading``."""
        j = self._pairs.get(ref_heading)
        return self.translation.headings[j] if j is not None else None

    @property
    def heading_pairs(self) -> dict[int, int]:
        """Source heading index -> translation heading index, for matched headings."""
        return dict(self._pairs)

    def source_heading_for(self, heading: int) -> Heading | None:
        i = self._back.get(heading)
        return self.reference.headings[i] if i is not None else None

    def where(self, ref_line: int) -> tuple[int, int]:
        """The place in the translation for something at ``ref_line`` of the reference:
        the matched heading of its section (or of an earlier matched one)."""
        i = bisect.bisect_right(self._ref_lines, ref_line) - 1
        while i >= 0:
            if i in self._pairs:
                h = self.translation.headings[self._pairs[i]]
                return h.line, h.column
            i -= 1
        return self.translation.body_line, 1

    def source_line(self, tr_line: int) -> int:
        """The reference line for something at ``tr_line`` of the translation."""
        j = bisect.bisect_right(self._tr_lines, tr_line) - 1
        while j >= 0:
            if j in self._back:
                return self.reference.headings[self._back[j]].line
            j -= 1
        return self.reference.body_line

    def related(self, ref_line: int, column: int = 1) -> tuple[Location, ...]:
        """The source location of reference line ``ref_line``, in the current file."""
        line = self._line_map(ref_line) if self._line_map else ref_line
        return (Location(self.source.path, line, column if not self.old else 1),)

    def at(
        self, line: int, column: int, message: str, ref_line: int, ref_column: int = 1
    ) -> Finding:
        """A finding in the translation, pointing at the source."""
        return Finding(
            line, column, message + self.note, related=self.related(ref_line, ref_column)
        )

    def missing(self, message: str, ref_line: int, ref_column: int = 1) -> Finding:
        """Something of the source that the translation lacks."""
        return self.at(*self.where(ref_line), message, ref_line, ref_column)

    def extra(self, message: str, line: int, column: int) -> Finding:
        """Something of the translation that the source lacks: info. The source is
        compared as the translation follows it, so what the translation adds is
        most often its own choice (a resource in the reader's language, a section
        the source has yet to get), and nothing to change in the translation."""
        finding = self.at(line, column, message, self.source_line(line))
        return finding._replace(severity=Severity.INFO)


def _size(page: Page, line: int) -> int:
    """The number of lines of the section of ``page`` that holds ``line``, or of
    the whole page's text for line 0."""
    if not line:
        return page.text.count("\n") + 1 - page.body_line
    start = max((h.line for h in page.headings if h.line <= line), default=page.body_line)
    end = next((h.line for h in page.headings if h.line > line), page.text.count("\n") + 2)
    return end - start


def _line_map(old: str, new: str) -> Callable[[int], int]:
    """Old line -> new line: exact in unchanged runs, else the start of the change."""
    blocks = opcodes(old, new)
    last = max(len(new.splitlines()) - 1, 0)
    starts = [i1 for _, i1, _, _, _ in blocks]

    def carry(line: int) -> int:
        k = max(bisect.bisect_right(starts, line - 1) - 1, 0)
        tag, i1, _, j1, _ = blocks[k]
        if tag == "equal":
            return j1 + (line - 1 - i1) + 1
        return min(j1, last) + 1

    return carry if blocks else (lambda line: line)


def parity(ctx: Context, page: Page) -> Parity | None:
    """The comparison of a translation with its source; None for other pages."""
    tracker = translations(ctx)
    if not tracker.pairing.is_translation(page) or tracker.pairing.is_copy(page):
        return None  # a copy of the source, not translated, is KB501's

    def build() -> Parity | None:
        status = tracker.status(page)
        return Parity(status) if status is not None else None

    return ctx.memo(f"translations.parity:{page.rel}", build)


__all__ = ["Mismatch", "Parity", "diff", "parity", "unordered"]
