"""The admonitions and MDX components of a translation against its source's
(KB513), paired before any is reported: renamed, moved, kept in a section KB507
reports, or written as a labelled paragraph. KB509 reads what is left too: the
code of a box missing whole is that box's finding, not one more."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from kbcheck.lazyre import lazy
from kbcheck.markdown import CodeBlock


class Boxes(NamedTuple):
    """The boxes of a translation and its source that differ."""

    changed: list[tuple[Box, Box]]  # the source's box and the translation's, named otherwise
    missing: list[Box]  # the source's boxes the translation lacks (a <Tabs>, not its <TabItem>s)
    extra: list[Box]  # the translation's boxes the source lacks (likewise)


def differences(page, pair, docusaurus: bool) -> Boxes:
    """The boxes of ``page`` and of the source it follows (``pair``) that differ."""
    source, translation = _boxes(pair.reference, docusaurus), _boxes(page, docusaurus)
    # a box of a section KB507 reports (missing, or not in the source) is that section's
    lost, added = pair.unmatched(source, translation)
    missing = [s for s in source if s not in lost]
    extra = [t for t in translation if t not in added]

    def near(s: Box, t: Box) -> bool:
        return pair.same_section(s.line, t.line)

    # a box of another kind that holds the same clues is that box, renamed (read
    # only when the boxes of the two pages are not in step)
    in_step = len(missing) == len(extra) and all(
        _same_name(s, t) and near(s, t) for s, t in zip(missing, extra, strict=True)
    )
    renamed = [] if in_step else _paired(missing, extra, lambda s, t: _renamed(s, t, near))
    # in a section, boxes of a kind in order; of several, those holding the same clues
    _paired(missing, extra, lambda s, t: _same_name(s, t) and near(s, t))
    # a box moved to another section, or kept in a section KB507 reports
    kept, left = extra + added, list(lost)
    for alike in (_same_clues, _same_name):
        _take(missing, kept, alike)
    extra = [t for t in extra if t in kept]
    for alike in (_same_clues, _same_name):
        _take(left, extra, alike)
    changed = renamed + _paired(missing, extra, lambda s, t: s.kind == t.kind and near(s, t))
    # an admonition that the other page writes as a labelled paragraph (`**Tip:**`)
    missing = [s for s in missing if not _labelled(page, pair.where(s.line)[0], s)]
    extra = [t for t in extra if not _labelled(pair.reference, pair.source_line(t.line), t)]
    return Boxes(changed, _outermost(missing), _outermost(extra))


class Box(NamedTuple):
    """An admonition or an MDX component of ``page``; where it ends and what it
    holds that is never translated are read only when pairing needs them."""

    kind: str  # ":::" or "<"
    name: str
    line: int
    column: int
    page: Any

    @property
    def show(self) -> str:
        return f":::{self.name}" if self.kind == ":::" else f"<{self.name}>"

    @property
    def end(self) -> int:
        """The line that closes it."""
        return _end(self)

    @property
    def clues(self) -> frozenset[str]:
        """Its inline code and URLs."""
        return _box_clues(self)

    @property
    def code(self) -> list[CodeBlock]:
        """The code blocks it holds."""
        return [block for block in self.page.code_blocks if self.line < block.line <= self.end]


Alike = Callable[[Box, Box], bool]

_SPACED = lazy(r"[\s>]*:::[ \t]")  # `::: tip`: not an admonition to Docusaurus
_CLOSING = lazy(r"[\s>]*:::+\s*$")
_CODE = lazy(r"`([^`\n]+)`")
_URL = lazy(r"https?://[^\s<>()\[\]{}\"'`]+")


@lru_cache(maxsize=4)  # the two pages of a pair
def _lines(page) -> list[str]:
    return page.text.splitlines()


@lru_cache(maxsize=256)
def _end(box: Box) -> int:
    lines = _lines(box.page)
    if box.kind == "<":
        return _closing_line(lines, box)
    if lines[box.line - 1].rstrip().endswith(":::"):  # `:::note Text. :::`, on one line
        return box.line
    after = (n for n in range(box.line + 1, len(lines) + 1) if _CLOSING.match(lines[n - 1]))
    return next(after, box.line)


def _boxes(page, docusaurus: bool) -> list[Box]:
    """The admonitions and components of ``page``, in order."""
    if not page.admonitions and not page.components:
        return []
    found = [Box(":::", m.name, m.line, m.column, page) for m in page.admonitions]
    if docusaurus:
        found = [box for box in found if not _SPACED.match(_lines(page)[box.line - 1])]
    found += [Box("<", m.name, m.line, m.column, page) for m in page.components]
    return sorted(found, key=lambda box: (box.line, box.column))


@lru_cache(maxsize=256)
def _box_clues(box: Box) -> frozenset[str]:
    return _clues(_lines(box.page), box.line, _end(box))


def _clues(lines: list[str], first: int, last: int) -> frozenset[str]:
    text = "\n".join(lines[first - 1 : last])
    urls = (url.rstrip(".,;:!?") for url in _URL.findall(text))
    return frozenset([*(code.strip() for code in _CODE.findall(text)), *urls])


def _labelled(page, line: int, box: Box) -> bool:
    """Whether the section of ``page`` at ``line`` has a paragraph that starts
    with an admonition's label (`**Tips:**`, `提示：`, `Note:`), for an admonition."""
    if box.kind != ":::":
        return False
    return any(_LABEL.match(x) for x in page.section_lines(line))


# a paragraph that opens with a label in place of a box, in the common languages
_LABEL = lazy(
    r"\s*(?:>\s*)*(?:\*\*|__)?\s*(?:tips?|notes?|info|warning|caution|danger|important|"
    r"提示|注意|警告|说明|小提示|小贴士|贴士|备注|重要|危险|ヒント|참고|주의|경고|팁|"
    r"hinweis|achtung|warnung|remarque|astuce|attention|nota|consejo|advertencia|dica|aviso|"
    r"примечание|совет|внимание|предупреждение)\s*(?:\*\*|__)?\s*[:：]",
    re.IGNORECASE,
)


def _same_name(s: Box, t: Box) -> bool:
    return s.kind == t.kind and s.name.lower() == t.name.lower()


def _renamed(s: Box, t: Box, near: Alike) -> bool:
    """Whether ``t`` is ``s`` with another name: a box of the same section holding
    the same inline code and URLs (`:::tip` where the source has `:::info`)."""
    return (
        s.kind == t.kind
        and not _same_name(s, t)
        and near(s, t)
        and bool(s.clues)
        and (s.clues == t.clues)
    )


def _same_clues(s: Box, t: Box) -> bool:
    return _same_name(s, t) and s.clues == t.clues


def _paired(olds: list[Box], news: list[Box], alike: Alike) -> list[tuple[Box, Box]]:
    """As many pairs of ``olds`` and ``news`` ``alike`` as their order allows, and
    of those the most with the same clues: the box left over is the one whose
    clues have no counterpart, not the last of its kind. The pairs found are
    removed from both lists."""
    n, m = len(olds), len(news)
    if n == m and all(map(alike, olds, news)):  # the usual case, in sync
        pairs = list(zip(olds, news, strict=True))
        olds.clear()
        news.clear()
        return pairs
    bonus = min(n, m) + 1  # a pair more outweighs any number of clues agreeing

    def weight(i: int, j: int) -> int:
        s, t = olds[i], news[j]
        return bonus + (s.clues == t.clues) if alike(s, t) else 0

    weights = [[weight(i, j) for j in range(m)] for i in range(n)]
    best = [[0] * (m + 1) for _ in range(n + 1)]  # best[i][j]: of olds[i:] and news[j:]
    for i in reversed(range(n)):
        for j in reversed(range(m)):
            w = weights[i][j]
            best[i][j] = max(best[i + 1][j], best[i][j + 1], w + best[i + 1][j + 1] if w else 0)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if weights[i][j] and best[i][j] == weights[i][j] + best[i + 1][j + 1]:
            pairs.append((olds[i], news[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    for old, new in pairs:
        olds.remove(old)
        news.remove(new)
    return pairs


def _take(olds: list[Box], news: list[Box], alike: Alike) -> list[tuple[Box, Box]]:
    """Each of ``olds`` paired with the first of ``news`` ``alike`` it, in order; the
    pairs found are removed from both lists."""
    pairs = []
    for old in list(olds):
        new = next((new for new in news if alike(old, new)), None)
        if new is not None:
            olds.remove(old)
            news.remove(new)
            pairs.append((old, new))
    return pairs


def _outermost(boxes: list[Box]) -> list[Box]:
    """The boxes not inside another one of the list (a <TabItem> of a <Tabs>)."""
    out: list[Box] = []
    for box in boxes:
        if not out or box.line > out[-1].end or out[-1].kind != "<":
            out.append(box)
    return out


def _closing_line(lines: list[str], marker) -> int:
    """The line of the tag that closes an MDX component (its own line when it
    closes itself or is never closed)."""
    opening = re.compile(rf"<{re.escape(marker.name)}[\s>]")
    depth = 0
    for number in range(marker.line, len(lines) + 1):
        text = lines[number - 1]
        depth += len(opening.findall(text)) - text.count(f"</{marker.name}>")
        if number == marker.line and text.rstrip().endswith("/>"):
            return number
        if depth <= 0:
            return number
    return marker.line
