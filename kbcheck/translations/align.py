"""Which heading of a translation is which heading of its source.

Matched the way a reader would match them:

1. by id: a translation heading whose explicit ``{#id}`` (or generated anchor)
   is the source heading's explicit id or generated anchor. An explicit id in
   the translation equal to the source's generated anchor keeps the source's
   links working, so it is the same heading.
2. between two headings matched by id, by position and level, helped by what
   does not get translated: the code, URLs, numbers and Latin words of each
   section, and the share of the page each section takes. A section missing
   in the middle is then named as missing, not the last one of its level.

    pairs = align(reference, translation)   # source heading index -> translation's
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from kbcheck.page import Page
from kbcheck.translations.sections import sections_of

_WIDE = re.compile(r"[\u2e80-\U0002ffff]")
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-/]+|\d+(?:\.\d+)*")

SAME_LEVEL = 1.0  # what matching two headings of the same level is worth
OTHER_LEVEL = -0.6  # ... of different levels (a translation may demote a heading)
TOKENS = 1.5  # weight of the shared untranslated words
SHARE = 0.5  # weight of the similar share of the page


class _Heading(NamedTuple):  # a tuple: two are made per heading of every pair
    level: int
    ids: frozenset[str]  # explicit id and anchor
    explicit: str | None


@dataclass(frozen=True)
class _Section:
    level: int
    tokens: frozenset[str]
    share: float  # fraction of the page's text in this section


def align(source: Page, translation: Page) -> dict[int, int]:
    """Pairs of heading indices (source -> translation) of the same section."""
    a, b = _headings(source), _headings(translation)
    pairs = _by_id(a, b)
    anchors = sorted(pairs.items())
    out = dict(anchors)
    bounds = [(-1, -1), *anchors, (len(a), len(b))]
    gaps = [
        (range(i0 + 1, i1), range(j0 + 1, j1))
        for (i0, j0), (i1, j1) in pairwise(bounds)
        if i1 > i0 + 1 and j1 > j0 + 1
    ]
    # One heading of the same level left on each side between two matches (most
    # often an H1 whose text was translated) is that section: nothing to weigh.
    for rows, cols in gaps:
        if len(rows) == len(cols) == 1 and a[rows[0]].level == b[cols[0]].level:
            out[rows[0]] = cols[0]
    gaps = [(rows, cols) for rows, cols in gaps if rows[0] not in out]
    if gaps:  # what the sections hold is read only when ids leave some unmatched
        sa, sb = _sections(source), _sections(translation)
        for rows, cols in gaps:
            out.update(_in_gap(sa, sb, rows, cols))
    return out


def _headings(page: Page) -> list[_Heading]:
    return [
        _Heading(h.level, frozenset(filter(None, (h.explicit_id, h.anchor))), h.explicit_id)
        for h in page.headings
    ]


def _by_id(a: Sequence[_Heading], b: Sequence[_Heading]) -> dict[int, int]:
    """Id matches, kept only where they keep the order of both pages."""
    found: list[tuple[int, int]] = []
    taken: set[int] = set()
    for i, s in enumerate(a):
        for j, t in enumerate(b):
            if j not in taken and _same_id(s, t):
                found.append((i, j))
                taken.add(j)
                break
    if all(j0 < j1 for (_, j0), (_, j1) in pairwise(found)):
        return dict(found)  # all in order, as in most pages: the longest run is all of them
    # the longest run of matches in order on both sides (patience-style)
    best: list[list[tuple[int, int]]] = []
    for pair in found:
        chains = [c for c in best if c[-1][1] < pair[1]]
        best.append([*(max(chains, key=len) if chains else []), pair])
    return dict(max(best, key=len)) if best else {}


def _same_id(s: _Heading, t: _Heading) -> bool:
    if s.explicit or t.explicit:  # an explicit id on either side decides
        return bool(s.ids & t.ids) and (t.explicit is None or t.explicit in s.ids)
    return bool(s.ids & t.ids)  # the same generated anchor: same words ("API", "RAG")


def _in_gap(
    a: Sequence[_Section], b: Sequence[_Section], rows: range, cols: range
) -> dict[int, int]:
    """The best order-keeping matching of two runs of headings (alignment by
    dynamic programming: skipping a heading costs nothing, matching one earns
    its score)."""
    n, m = len(rows), len(cols)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            match = _score(a[rows[x]], b[cols[y]])
            here = max(score[x + 1][y], score[x][y + 1])
            if match > 0:
                here = max(here, match + score[x + 1][y + 1])
            score[x][y] = here
    out: dict[int, int] = {}
    x = y = 0
    while x < n and y < m:
        match = _score(a[rows[x]], b[cols[y]])
        if match > 0 and abs(score[x][y] - (match + score[x + 1][y + 1])) < 1e-9:
            out[rows[x]] = cols[y]
            x, y = x + 1, y + 1
        elif score[x + 1][y] >= score[x][y + 1]:
            x += 1
        else:
            y += 1
    return out


def _score(s: _Section, t: _Section) -> float:
    level = SAME_LEVEL if s.level == t.level else OTHER_LEVEL
    shared = 0.0
    if s.tokens and t.tokens:
        shared = len(s.tokens & t.tokens) / min(len(s.tokens), len(t.tokens))
    share = 1 - abs(s.share - t.share) / max(s.share, t.share, 1e-9)
    return level + TOKENS * shared + SHARE * share


def _sections(page: Page) -> list[_Section]:
    cut = sections_of(page)[1:]  # the text before the first heading is no heading
    total = sum(_weight(c.text) for c in cut) or 1
    return [
        _Section(
            level=h.level,
            tokens=frozenset(_TOKEN.findall(c.text)) | frozenset(_TOKEN.findall(h.text)),
            share=_weight(c.text) / total,
        )
        for h, c in zip(page.headings, cut, strict=True)
    ]


def _weight(text: str) -> int:
    """Text length in reading units: a Han character or kana is worth an English
    word (about five letters), so the two locales' shares compare."""
    wide = len(_WIDE.findall(text))
    return (len(text) - wide) // 5 + wide + 1
