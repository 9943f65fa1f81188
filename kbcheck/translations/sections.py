"""Which sections of a source page changed between two versions.

Works on plain :class:`Section` records, so the core can feed it from its own
parsed pages; :func:`split_sections` is a small ATX-heading splitter for source
versions read from git history.

Sections are matched by explicit heading id (``## Title {#id}``) first, so a
reworded heading is still the same section. The rest are aligned by level and
title, and what is left is paired by position among same-level sections in the
same gap. The text before the first heading is a level-0 section with an empty
title, so edits to a page's introduction are reported too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*")
_CLOSING = re.compile(r"(?:^|[ \t]+)#+$")
_ID = re.compile(r"[ \t]*\{#([^\s{}]+)\}$")
_SPACE = re.compile(r"\s+")

ChangeKind = Literal["added", "removed", "modified"]


@dataclass
class Section:
    """A heading and its own body, up to the next heading of any level."""

    key: str  # the explicit heading id, or "" if none
    title: str
    level: int  # 1-6; 0 for the text before the first heading
    text: str
    line: int  # 1-based line of the heading (of the first body line for level 0)


@dataclass(frozen=True)
class SectionChange:
    """A section added, removed or modified between two versions."""

    kind: ChangeKind
    title: str  # the new title (the old one for removed sections)
    line: int  # line in the new version (in the old one for removed sections)
    key: str
    level: int
    old_title: str | None = None  # for modified sections, the title before
    old_line: int | None = None  # for modified sections, the line before


def split_sections(markdown: str) -> list[Section]:
    """Split Markdown at ATX headings, skipping frontmatter and fenced code.

    Setext headings (underlined with ``===``/``---``) and headings inside HTML
    blocks are not recognised.
    """
    lines = [line.rstrip("\r") for line in markdown.removeprefix("\ufeff").split("\n")]
    start = _after_frontmatter(lines)
    sections = [Section("", "", 0, "", start + 1)]
    body: list[str] = []
    fence: tuple[str, int] | None = None  # fence character and length
    for number in range(start, len(lines)):
        line = lines[number]
        opened = _FENCE.fullmatch(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= fence[1]:
                fence = None if not opened.group(2).strip() else fence
        elif opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            fence = (opened.group(1)[0], len(opened.group(1)))
        elif heading := _HEADING.fullmatch(line):
            sections[-1].text = "\n".join(body)
            body = []
            title = _CLOSING.sub("", heading.group(2) or "").strip()
            key = ""
            if found := _ID.search(title):
                key, title = found.group(1), title[: found.start()].strip()
            sections.append(Section(key, title, len(heading.group(1)), "", number + 1))
            continue
        body.append(line)
    sections[-1].text = "\n".join(body)
    return sections


def _after_frontmatter(lines: list[str]) -> int:
    if lines and lines[0].rstrip() == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip() in ("---", "..."):
                return i + 1
    return 0


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
