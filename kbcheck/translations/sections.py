"""Which sections of a source page changed between two versions.

Works on plain :class:`Section` records, cut by :func:`sections_of` from parsed
pages: the current source, and the source as it was, read from git history.

Sections are matched by explicit heading id (``## Title {#id}``) first, so a
reworded heading is still the same section. The rest are aligned by level and
title, and what is left is paired by position among same-level sections in the
same gap. The text before the first heading is a level-0 section with an empty
title, so edits to a page's introduction are reported too.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from kbcheck.lazyre import lazy

if TYPE_CHECKING:
    from kbcheck.page import Page

_SPACE = lazy(r"\s+")

ChangeKind = Literal["added", "removed", "modified"]


@dataclass
class Section:
    """A heading and its own body, up to the next heading of any level."""

    key: str  # the explicit heading id, or "" if none
    title: str
    level: int  # 1-6; 0 for the text before the first heading
    text: str
    line: int  # 1-based line of the heading (of the first body line for level 0)


class SectionChange(NamedTuple):
    """A section added, removed or modified between two versions."""

    kind: ChangeKind
    title: str  # the new title (the old one for removed sections)
    line: int  # line in the new version (in the old one for removed sections)
    key: str
    level: int
    old_title: str | None = None  # for modified sections, the title before
    old_line: int | None = None  # for modified sections, the line before


def sections_of(page: Page) -> list[Section]:
    """A parsed page split at its headings, each section with its own raw text.

    Uses the page model's headings, so code, comments and frontmatter are
    already told apart from real headings, and setext headings count too.
    """
    source, headings = page.source, page.headings
    cuts = [h.start for h in headings] + [len(source)]
    sections = [Section("", "", 0, _between(source, page.body_start, cuts[0]), page.body_line)]
    for heading, stop in zip(headings, cuts[1:], strict=True):
        text = _between(source, heading.end, stop)
        sections.append(Section(heading.explicit_id or "", heading.text, heading.level, text,
                                heading.line))  # fmt: skip
    return sections


def _between(source: bytes, start: int, stop: int) -> str:
    """The lines from ``start`` up to the line where ``stop`` (a heading) begins."""
    text = source[start:stop].decode("utf-8", "replace").replace("\r\n", "\n")
    return text[:-1] if stop < len(source) and text.endswith("\n") else text


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def match_sections(old: Sequence[Section], new: Sequence[Section]) -> dict[int, int]:
    """Pairs of indices (old -> new) of the sections that are the same section."""
    pairs: dict[int, int] = {}
    by_key: dict[str, list[int]] = {}
    for i, section in enumerate(old):
        if section.key:
            by_key.setdefault(section.key, []).append(i)
    for j, section in enumerate(new):
        if by_key.get(section.key):
            pairs[by_key[section.key].pop(0)] = j
    used = set(pairs.values())
    rest_old = [i for i in range(len(old)) if i not in pairs]
    rest_new = [j for j in range(len(new)) if j not in used]
    a = [(old[i].level, _norm(old[i].title)) for i in rest_old]
    b = [(new[j].level, _norm(new[j].title)) for j in rest_new]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.update(zip(rest_old[i1:i2], rest_new[j1:j2], strict=True))
        elif tag == "replace":  # same-level sections in the same gap, in order
            for level in {old[i].level for i in rest_old[i1:i2]}:
                olds = [i for i in rest_old[i1:i2] if old[i].level == level]
                news = [j for j in rest_new[j1:j2] if new[j].level == level]
                pairs.update(zip(olds, news, strict=False))
    return pairs


def changed_sections(old: Sequence[Section], new: Sequence[Section]) -> list[SectionChange]:
    """What changed from ``old`` to ``new``, in the order of the new version.

    A matched section is modified when its text, title or level differs after
    collapsing whitespace (reflowed paragraphs are not changes). Removed sections
    are listed after the new counterpart of the section that preceded them.
    """
    pairs = match_sections(old, new)
    back = {j: i for i, j in pairs.items()}
    ordered: list[tuple[tuple[int, int, int], SectionChange]] = []
    for j, section in enumerate(new):
        i = back.get(j)
        if i is None:
            change = SectionChange("added", section.title, section.line, section.key, section.level)
            ordered.append(((j, 0, 0), change))
            continue
        before = old[i]
        if (
            _norm(before.text) != _norm(section.text)
            or _norm(before.title) != _norm(section.title)
            or before.level != section.level
        ):
            change = SectionChange(
                "modified",
                section.title,
                section.line,
                section.key,
                section.level,
                old_title=before.title,
                old_line=before.line,
            )
            ordered.append(((j, 0, 0), change))
    anchor = -1
    for i, section in enumerate(old):
        if i in pairs:
            anchor = pairs[i]
            continue
        change = SectionChange("removed", section.title, section.line, section.key, section.level)
        ordered.append(((anchor, 1, i), change))
    return [change for _, change in sorted(ordered, key=lambda item: item[0])]
