"""The line diff of two versions of a page, fast on long pages.

difflib's matcher looks for the longest run of equal lines by trying every
line against every equal line of the other version. On a 5,000-line API page
whose JSON samples repeat `}` and `},` a thousand times, that is seconds per
diff. So the lines both versions share at the start and at the end are set
aside first, then what is left is cut at the lines that occur once in each
version (in the order both keep them, as patience diff does; where there are
none, at those that occur as often, and rarely, in both), and the matcher
only sees the short runs between those lines. A long run with no such line
(a page rewritten whole, in another language) is matched with difflib's
junk heuristic: lines as common as `}` or a blank line do not anchor a match.

One diff serves every rule that asks for it in a run: the staleness figures,
the followed-change test and the line map of the parity rules diff the same
two versions of a source.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from functools import lru_cache

Opcode = tuple[str, int, int, int, int]

_RARE = 4  # times a line may occur on each side and still pair the two
_LONG = 250_000  # lines x lines of a run with no unique line, past which common lines are junk


@lru_cache(maxsize=32)
def opcodes(old: str, new: str) -> tuple[Opcode, ...]:
    """difflib-style opcodes (`equal`, `replace`, `delete`, `insert`) from the
    lines of ``old`` to the lines of ``new``."""
    a, b = old.splitlines(), new.splitlines()
    blocks = sorted(_matching_blocks(a, b))
    codes: list[Opcode] = []
    i = j = 0
    for ai, bj, size in [*blocks, (len(a), len(b), 0)]:
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            codes.append((tag, i, ai, j, bj))
        if size:
            codes.append(("equal", ai, ai + size, bj, bj + size))
        i, j = ai + size, bj + size
    return tuple(_joined(codes))


def _matching_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    blocks: list[tuple[int, int, int]] = []
    todo = [(0, len(a), 0, len(b))]
    while todo:
        alo, ahi, blo, bhi = todo.pop()
        start = alo
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            alo, blo = alo + 1, blo + 1
        if alo > start:
            blocks.append((start, start - alo + blo, alo - start))
        end = ahi
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
        if ahi < end:
            blocks.append((ahi, bhi, end - ahi))
        if alo == ahi or blo == bhi:
            continue
        anchors = _rare_in_order(a, b, alo, ahi, blo, bhi)
        if not anchors:
            # no line of its own on either side: the rest is mostly rewritten,
            # and in a long run, lines as common as `}` say nothing of where
            big = (ahi - alo) * (bhi - blo) > _LONG
            matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=big)
            blocks += [(alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n]
            continue
        for i, j in anchors:
            blocks.append((i, j, 1))
            todo.append((alo, i, blo, j))
            alo, blo = i + 1, j + 1
        todo.append((alo, ahi, blo, bhi))
    return blocks


def _rare_in_order(
    a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """The rarest lines the two ranges share, as the longest series of them that
    both ranges keep in the same order: the lines that occur once in each, else
    those that occur twice in each (paired in order), and so on up to a few."""
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    shared = [n for line, n in count_a.items() if count_b.get(line) == n]
    if not shared or min(shared) > _RARE:
        return []
    rare = min(shared)
    where_b: dict[str, list[int]] = {}
    for j, line in enumerate(b[blo:bhi], blo):
        if count_b[line] == rare and count_a.get(line) == rare:
            where_b.setdefault(line, []).append(j)
    taken = Counter[str]()
    pairs = []
    for i, line in enumerate(a[alo:ahi], alo):
        if line in where_b:
            pairs.append((i, where_b[line][taken[line]]))
            taken[line] += 1
    # longest increasing run of positions in b (patience sorting)
    tops: list[int] = []
    ends: list[int] = []
    back: list[int] = []
    for k, (_, j) in enumerate(pairs):
        pile = bisect.bisect_left(tops, j)
        back.append(ends[pile - 1] if pile else -1)
        if pile == len(tops):
            tops.append(j)
            ends.append(k)
        else:
            tops[pile], ends[pile] = j, k
    chain: list[tuple[int, int]] = []
    k = ends[-1] if ends else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _joined(codes: list[Opcode]) -> list[Opcode]:
    """Adjacent runs of the same kind as one."""
    out: list[Opcode] = []
    for code in codes:
        if out and out[-1][0] == code[0] == "equal":
            _, i1, _, j1, _ = out[-1]
            out[-1] = ("equal", i1, code[2], j1, code[4])
        else:
            out.append(code)
    return out
