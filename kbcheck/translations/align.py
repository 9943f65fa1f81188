"""Which heading of a translation is which heading of its source.

Matched the way a reader would match them:

1. by id: a translation heading whose explicit ``{#id}`` (or generated anchor)
   is the source heading's explicit id or generated anchor. An explicit id in
   the translation equal to the source's generated anchor keeps the source's
   links working, so it is the same heading.
2. by code: two headings of a level not matched by id whose own sections hold
   as many code blocks, one of them the same (spaces aside) and found once on
   each page, are the same heading, and neither is any other;
3. between two headings matched by id, by position and level, helped by what
   does not get translated: the code, URLs, numbers and Latin words of each
   section, the shape of its blocks (paragraphs, lists, tables, code in a
   language) and the share of the page each section takes. A section missing
   in the middle is then named as missing, not the last one of its level. Of
   two translation headings at the source heading's level that hold nearly
   as much of it, the first is its match, as a reader takes it. A heading one
   level too deep (`###` right under `#`) weighs as the level it stands for.

A heading whose id or code matches out of order (the translation put that
section somewhere else) is *moved*: it is matched with no other heading on either side.

A table of contents (a heading whose section is only a list of links into the
page) is navigation, not structure: it is matched with nothing and is no
finding on either side (:func:`navigation`).

    found = align(reference, translation)
    found.pairs   # source heading index -> translation's, in the order of both
    found.moved   # the same, for sections the translation put elsewhere
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from kbcheck.lazyre import lazy
from kbcheck.page import Page
from kbcheck.translations.sections import sections_of

_WIDE = lazy(r"[\u2e80-\U0002ffff]")
_DEDUPED = lazy(r"-\d+$")  # the number a slugger adds to a repeated anchor
_TOKEN = lazy(r"[A-Za-z_][A-Za-z0-9_.\-/]+|\d+(?:\.\d+)*")

SAME_LEVEL = 1.0  # what matching two headings of the same level is worth
OTHER_LEVEL = -0.6  # ... of levels two or more apart
NEAR_LEVEL = -0.2  # ... of levels one apart (a translation may promote a subtree)
TOKENS = 1.5  # weight of the shared untranslated words
SHAPE = 1.0  # weight of the same blocks in the same order
SHARE = 0.5  # weight of the similar share of the page
EARLY = 0.1  # between equals, the earlier source heading, as a reader pairs them
CLOSE = 0.35  # of two headings of the same level, one worth this much less is as good
CODE = 12  # characters of a code block (spaces aside) that tell a section
SAME_CODE = 10.0  # what two sections with the same code block are worth: more than any other

# one item of a list that is only a link into the page: `- [Setup](#setup)`
TOC_ITEM = lazy(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[^\]\n]*\]\(#[^)\s]*\)[ \t]*")


class _Heading(NamedTuple):  # a tuple: two are made per heading of every pair
    level: int
    ids: frozenset[str]  # explicit id and anchor
    explicit: str | None


class _Section(NamedTuple):
    """A section as alignment compares it."""

    level: int
    depth: int  # its level, one less where it is one level too deep
    tokens: frozenset[str]
    shape: tuple[str, ...]  # block kinds in order, code with its language
    share: float  # fraction of the page's text in this section
    size: int  # its length in reading units


class Alignment(NamedTuple):
    pairs: dict[int, int]  # source heading index -> translation's, of the same section
    moved: dict[int, int]  # the same, where the translation put the section elsewhere


def align(source: Page, translation: Page) -> Alignment:
    """Which headings of the two pages are the same section."""
    a, b = _headings(source), _headings(translation)
    pairs, moved = _by_id(a, b)
    anchors = sorted(pairs.items())
    out = dict(anchors)
    bounds = [(-1, -1), *anchors, (len(a), len(b))]
    skip_a = navigation(source) | moved.keys()
    skip_b = navigation(translation) | set(moved.values())
    gaps = [
        (
            [i for i in range(i0 + 1, i1) if i not in skip_a],
            [j for j in range(j0 + 1, j1) if j not in skip_b],
        )
        for (i0, j0), (i1, j1) in pairwise(bounds)
    ]
    # code is read only when a source heading is left with a choice to make
    choice = any(rows and not _alone(a, b, rows, cols) for rows, cols in gaps)
    code: dict[int, int] = {}
    if choice and any(cols for _, cols in gaps):
        code = _by_code(source, translation, pairs.keys() | moved.keys())
    gaps = [(rows, cols) for rows, cols in gaps if rows and cols]
    # One heading of the same level left on each side between two matches (most
    # often an H1 whose text was translated) is that section: nothing to weigh.
    claimed = set(code.values())
    for rows, cols in gaps:
        i, j = rows[0], cols[0]
        if _alone(a, b, rows, cols) and ((i not in code and j not in claimed) or code.get(i) == j):
            out[i] = j
    gaps = [(rows, cols) for rows, cols in gaps if rows[0] not in out]
    if gaps:  # what the sections hold is read only when ids leave some unmatched
        sa, sb = _sections(source), _sections(translation)
        for rows, cols in gaps:
            out.update(_in_gap(sa, sb, rows, cols, code))
    taken = set(out.values())
    moved.update((i, j) for i, j in code.items() if i not in out and j not in taken)
    return Alignment(out, moved)


def _alone(a: Sequence[_Heading], b: Sequence[_Heading], rows: list[int], cols: list[int]) -> bool:
    """Whether a gap between two matches holds one heading of a level on each side."""
    return len(rows) == len(cols) == 1 and a[rows[0]].level == b[cols[0]].level


def navigation(page: Page) -> frozenset[int]:
    """Indices of the headings whose own section is a table of contents: only a
    list of two or more links into the page (`- [Setup](#setup)`)."""
    return _navigation(page.source, tuple((h.start, h.end) for h in page.headings))


@lru_cache(maxsize=256)
def _navigation(source: bytes, spans: tuple[tuple[int, int], ...]) -> frozenset[int]:
    out = []
    for i, (_, end) in enumerate(spans):
        stop = spans[i + 1][0] if i + 1 < len(spans) else len(source)
        if source.find(b"](#", end, stop) < 0:
            continue
        body = source[end:stop]
        first = body.lstrip()[:1]  # a list of links opens with its marker
        if not (first and first in b"-*+") and not first.isdigit():
            continue
        lines = [x for x in body.decode("utf-8", "replace").splitlines() if x.strip()]
        if len(lines) >= 2 and all(TOC_ITEM.fullmatch(x) for x in lines):
            out.append(i)
    return frozenset(out)


def separators(page: Page, indices: Iterable[int]) -> set[int]:
    """Of the headings at ``indices``, those that are a word or two in bold between
    two alternatives (`#### **or**`): a separator, not a section. A translation may
    write it as bold text or a comment, and what follows it is the section above's."""
    out = set()
    for i in indices:
        h = page.headings[i]
        if len(h.text.split()) <= 2 and len(h.text) <= SEPARATOR:
            line = page.lines(h.line, h.line + 1)
            if line and _BOLD_HEADING.fullmatch(line[0].strip()):
                out.add(i)
    return out


SEPARATOR = 12  # characters of a separator's text, at most
_BOLD_HEADING = lazy(r"#{1,6}[ \t]+(\*\*|__)[^*_]+\1[ \t#]*")


def _headings(page: Page) -> list[_Heading]:
    """Each heading's ids. A generated anchor of a heading whose text repeats on the
    page (`database`, `database-1`, ...) counts for nothing: its number shifts
    with every such heading added or left out before it."""
    generated = [None if h.explicit_id else h.anchor for h in page.headings]
    anchors = {h.anchor for h in page.headings}
    bases = [_base(a, anchors) if a else None for a in generated]
    repeated = {base for base, n in Counter(filter(None, bases)).items() if n > 1}
    return [
        _Heading(
            h.level,
            frozenset(filter(None, (h.explicit_id, None if base in repeated else h.anchor))),
            h.explicit_id,
        )
        for h, base in zip(page.headings, bases, strict=True)
    ]


def _base(anchor: str, anchors: set[str]) -> str:
    """The anchor without the number a slugger adds to a repeated one."""
    found = _DEDUPED.search(anchor)
    return anchor[: found.start()] if found and anchor[: found.start()] in anchors else anchor


def _by_id(a: Sequence[_Heading], b: Sequence[_Heading]) -> tuple[dict[int, int], dict[int, int]]:
    """Id matches in the order of both pages, and those out of it."""
    found: list[tuple[int, int]] = []
    taken: set[int] = set()
    having: dict[str, list[int]] = {}  # id -> the translation's headings with it
    for j, t in enumerate(b):
        for x in t.ids:
            having.setdefault(x, []).append(j)
    for i, s in enumerate(a):
        for j in sorted({j for x in s.ids for j in having.get(x, ())}):
            if j not in taken and _same_id(s, b[j]):
                found.append((i, j))
                taken.add(j)
                break
    if all(j0 < j1 for (_, j0), (_, j1) in pairwise(found)):
        return dict(found), {}  # all in order, as in most pages
    # the longest run of matches in order on both sides (patience-style)
    best: list[list[tuple[int, int]]] = []
    for pair in found:
        chains = [c for c in best if c[-1][1] < pair[1]]
        best.append([*(max(chains, key=len) if chains else []), pair])
    kept = dict(max(best, key=len))
    return kept, {i: j for i, j in found if i not in kept}


def _by_code(source: Page, translation: Page, matched: set[int]) -> dict[int, int]:
    """Headings of a level, not in ``matched``, whose own sections hold as many code
    blocks, one the same on both pages and found once on each; a heading with
    such blocks in two sections of the other page is matched with neither."""
    if not source.code_blocks or not translation.code_blocks:
        return {}
    a, counts_a = _code_sections(source)
    b, counts_b = _code_sections(translation)
    levels_a = [h.level for h in source.headings]
    levels_b = [h.level for h in translation.headings]
    found: dict[int, set[int]] = {}
    for code, i in a.items():
        j = b.get(code)
        if j is None or i in matched or levels_a[i] != levels_b[j]:
            continue
        if counts_a[i] == counts_b[j]:
            found.setdefault(i, set()).add(j)
    single = {i: next(iter(js)) for i, js in found.items() if len(js) == 1}
    taken = Counter(single.values())
    return {i: j for i, j in single.items() if taken[j] == 1}


def _code_sections(page: Page) -> tuple[dict[str, int], Counter[int]]:
    """Each code block found once on the page (spaces aside), and the heading whose
    own section holds it (blocks above the first heading aside); and how many
    blocks each heading's own section holds."""
    starts = [h.line for h in page.headings]
    seen: Counter[str] = Counter()
    where: dict[str, int] = {}
    blocks: Counter[int] = Counter()
    for block in page.code_blocks:
        code = " ".join(block.code.split())
        seen[code] += 1
        i = bisect.bisect_right(starts, block.line) - 1
        blocks[i] += 1
        if len(code) >= CODE and i >= 0:
            where[code] = i
    return {code: i for code, i in where.items() if seen[code] == 1}, blocks


def _same_id(s: _Heading, t: _Heading) -> bool:
    if s.explicit or t.explicit:  # an explicit id on either side decides
        return bool(s.ids & t.ids) and (t.explicit is None or t.explicit in s.ids)
    return bool(s.ids & t.ids)  # the same generated anchor: same words ("API", "RAG")


def _in_gap(
    a: Sequence[_Section],
    b: Sequence[_Section],
    rows: Sequence[int],
    cols: Sequence[int],
    code: dict[int, int],
) -> dict[int, int]:
    """The best order-keeping matching of two runs of headings (alignment by
    dynamic programming: skipping a heading costs nothing, matching one earns
    its score; headings matched by code are worth most together, nothing apart)."""
    n, m = len(rows), len(cols)
    claimed = set(code.values())

    def value(x: int, y: int) -> float:
        i, j = rows[x], cols[y]
        if i in code or j in claimed:
            return SAME_CODE if code.get(i) == j else 0.0
        match = _score(a[i], b[j])
        return match + EARLY * (n - x) / n if match > 0 else 0.0

    values = [[value(x, y) for y in range(m)] for x in range(n)]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            here = max(score[x + 1][y], score[x][y + 1])
            if values[x][y] > 0:
                here = max(here, values[x][y] + score[x + 1][y + 1])
            score[x][y] = here

    def best(x: int, y: int) -> bool:
        match = values[x][y]
        return match > 0 and abs(score[x][y] - (match + score[x + 1][y + 1])) < 1e-9

    def later(x: int, y: int) -> int | None:
        """The translation heading the best matching from ``(x, y)`` gives ``x``."""
        while y < m and not best(x, y):
            if score[x + 1][y] >= score[x][y + 1]:
                return None
            y += 1
        return y if y < m else None

    def first_of_two(x: int, y: int) -> bool:
        """Whether ``x`` holds nearly as much of ``y`` as of the later heading the
        best matching gives it, both at its level: a reader pairs the first."""
        skips_y = values[x][y] > 0 and score[x][y + 1] > score[x + 1][y]
        z = later(x, y + 1) if skips_y else None
        levels = {a[rows[x]].level, b[cols[y]].level}
        return (
            z is not None and levels == {b[cols[z]].level} and values[x][z] - values[x][y] < CLOSE
        )

    out: dict[int, int] = {}
    x = y = 0
    while x < n and y < m:
        if best(x, y) or first_of_two(x, y):
            out[rows[x]] = cols[y]
            x, y = x + 1, y + 1
        elif score[x + 1][y] >= score[x][y + 1]:
            x += 1
        else:
            y += 1
    return out


def _score(s: _Section, t: _Section) -> float:
    apart = 0 if s.depth == t.depth else abs(s.level - t.level)
    level = {0: SAME_LEVEL, 1: NEAR_LEVEL}.get(apart, OTHER_LEVEL)
    shared = 0.0
    if s.tokens and t.tokens:  # a shorter translation keeps fewer; what the rest holds counts too
        both = len(s.tokens & t.tokens)
        shared = both / min(len(s.tokens), len(t.tokens)) + 2 * both / (
            len(s.tokens) + len(t.tokens)
        )
        shared /= 2
    shape = difflib.SequenceMatcher(None, s.shape, t.shape, autojunk=False).ratio()
    if not s.shape and not t.shape:
        shape = 1.0
    share = 1 - abs(s.share - t.share) / max(s.share, t.share, 1e-9)
    size = min(s.size, t.size) / max(s.size, t.size)  # when a page lost sections
    return level + TOKENS * shared + SHAPE * shape + SHARE * (share + size) / 2


def _sections(page: Page) -> list[_Section]:
    """What each heading's section holds. The untranslated words count those of
    the sections under it too (a translator may fold subsections into their
    parent)."""
    headings = page.headings
    cut = sections_of(page)[1:]  # the text before the first heading is no heading
    weights = [_weight(c.text) for c in cut]
    total = sum(weights) or 1
    shapes = _shapes(page)
    own = [
        frozenset(_TOKEN.findall(c.text)) | frozenset(_TOKEN.findall(h.text))
        for h, c in zip(headings, cut, strict=True)
    ]
    depths = _depths(page)
    out = []
    for i, h in enumerate(headings):
        end = next((k for k in range(i + 1, len(headings)) if headings[k].level <= h.level),
                   len(headings))  # fmt: skip
        out.append(
            _Section(
                level=h.level,
                depth=depths[i],
                tokens=frozenset().union(*own[i:end]),
                shape=shapes[i],
                share=weights[i] / total,
                size=weights[i],
            )
        )
    return out


def _depths(page: Page) -> list[int]:
    """Each heading's level, one less where it is one level too deep, under a
    heading two levels up (`#` then `###`: a level-2 section whose level KB207
    reports)."""
    out: list[int] = []
    above: list[tuple[int, int]] = []  # level and depth of the headings it is under
    for h in page.headings:
        while above and above[-1][0] >= h.level:
            above.pop()
        skipped = h.level - above[-1][0] - 1 if above else 0
        out.append(above[-1][1] + 1 if skipped == 1 else h.level)
        above.append((h.level, out[-1]))
    return out


def _shapes(page: Page) -> list[tuple[str, ...]]:
    """Per heading, the kinds of the blocks of its own section, in order; runs of
    paragraphs count as one (a translator joins and splits them)."""
    languages = {c.line: c.language for c in page.code_blocks}
    starts = [h.line for h in page.headings]
    out: list[list[str]] = [[] for _ in starts]
    for block in page.blocks:
        i = bisect.bisect_right(starts, block.line) - 1
        if block.kind == "heading" or i < 0:
            continue
        kind = block.kind
        if kind == "code":
            kind = "code:" + languages.get(block.line, "")
        if kind != "paragraph" or not out[i] or out[i][-1] != kind:
            out[i].append(kind)
    return [tuple(x) for x in out]


def _weight(text: str) -> int:
    """Text length in reading units: an English word is about six characters
    (with its space) and about 1.7 Han characters or kana, so the two locales'
    lengths compare."""
    wide = len(_WIDE.findall(text))
    return (len(text) - wide) // 6 + wide * 3 // 5 + 1
