"""Section layout: what a page type declares, and a page split into sections.

A page type lists its sections in order (``sections:`` in the YAML). Each is
recognised by its explicit heading id (``## 安装 {#install}``, stable across
translations) and/or by its title per locale: exact text, or a regular
expression written ``re:...`` and searched for. Titles are compared after
leading emoji and symbols are stripped, so ``## 📚 Resources`` matches the
title ``Resources``. A title under the key ``*`` applies to every locale.

```yaml
extra_sections: end          # allow (default) | end: only after the declared ones | none
sections:
  - id: what-is
    title: {zh: 什么是生成式AI？, en: 're:^What is'}
    min_text: 40
  - id: resources
    required: false
    contains: [list]
    allow_extra_subsections: false   # true | false | end; default: free, or
    sections:                        # the page's extra_sections when declared
      - {id: papers, level: 3}
```

Constraints cover the whole section, subsections included. ``min_text``
counts text units: each Han character or Japanese kana counts one, and any
other run of letters and digits (``don't``, ``GPT-4``) counts one word;
punctuation, emoji, code blocks and headings count nothing. So ``生成式AI模型``
is 6 units (5 characters and one word) and ``Generative AI models`` is 3.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING, Literal, NamedTuple

from kbcheck.lazyre import lazy
from kbcheck.patterns import Pattern, compile_pattern
from kbcheck.settings import settings
from kbcheck.validation import STRICT, Invalid, at_least, at_most

if TYPE_CHECKING:
    from kbcheck.context import Context
    from kbcheck.page import Block, Heading, Page
    from kbcheck.schema import PageType

ExtraSections = Literal["allow", "end", "none"]
ContentKind = Literal["list", "table", "code"]

_CJK = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_UNITS = lazy(rf"[{_CJK}]|[^\W_{_CJK}]+(?:[-'’][^\W_{_CJK}]+)*")
_LEADING = frozenset({"So", "Sk", "Sm", "Cf", "Mn", "Me", "Zs", "Cc"})  # emoji and symbols


def count_text(text: str) -> int:
    """Text units: one per Han character or kana, one per other word."""
    return len(_UNITS.findall(text))


def strip_symbols(text: str) -> str:
    """The heading text without leading emoji, symbols and spaces (``📚 Resources``)."""
    i = 0
    while i < len(text) and unicodedata.category(text[i]) in _LEADING:
        i += 1
    return text[i:].strip()


class _Title(NamedTuple):
    """A section title to match: exact text, or a pattern."""

    exact: str | None
    regex: Pattern | None

    def matches(self, stripped: str) -> bool:
        return stripped == self.exact if self.regex is None else bool(self.regex.search(stripped))


def _title(raw: str) -> _Title:
    if not raw.startswith("re:"):
        return _Title(strip_symbols(raw), None)
    try:
        return _Title(None, compile_pattern(raw[3:]))
    except ValueError as exc:
        raise ValueError(f"title {raw!r}: {exc}") from None


def _titles(
    title: str | list[str] | dict[str, str | list[str]] | None,
) -> dict[str | None, tuple[_Title, ...]]:
    """Titles by locale; under ``None``, every title (for a locale not listed)."""
    raw = title if isinstance(title, dict) else {"*": title or []}
    found = {loc: tuple(map(_title, [v] if isinstance(v, str) else v)) for loc, v in raw.items()}
    anywhere = found.pop("*", ())
    out: dict[str | None, tuple[_Title, ...]] = {k: v + anywhere for k, v in found.items()}
    out[None] = tuple(t for titles in found.values() for t in titles) + anywhere
    return out


@settings
class SectionSpec:
    """One declared section: how it is recognised, what it must hold, its subsections."""

    __pydantic_config__ = STRICT
    id: str | None = None
    title: str | list[str] | dict[str, str | list[str]] | None = None
    required: bool = True
    level: int | None = None  # default: one below the parent (2 at the top)
    not_empty: bool = False
    contains: list[ContentKind] = field(default_factory=list)
    min_text: int | None = None
    allow_extra_subsections: bool | Literal["end"] | None = None
    sections: list[SectionSpec] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.id == "":
            raise Invalid("id", "String should have at least 1 character")
        at_least(self, "level", 1)
        at_most(self, "level", 6)
        at_least(self, "min_text", 1)
        if self.id is None and not self.title:
            raise ValueError("a section needs an id or a title")
        _titles(self.title)  # an invalid regular expression is an error of the schema
        _check_siblings(self.sections)
        for sub in self.sections:
            if self.level and sub.level and sub.level <= self.level:
                raise ValueError(f"subsection level {sub.level} is not below {self.level}")

    @cached_property
    def titles(self) -> dict[str | None, tuple[_Title, ...]]:
        return _titles(self.title)  # a plain attribute from now on: matching is a hot path

    def matches_title(self, stripped: str, locale: str | None) -> bool:
        titles = self.titles
        return any(t.matches(stripped) for t in titles.get(locale) or titles[None])

    def label(self, locale: str | None) -> str:
        """How findings name it: ``#id``, else its title in the page's locale."""
        if self.id:
            return f"#{self.id}"
        title = self.title
        if isinstance(title, dict):
            title = title.get(locale or "") or title.get("*") or next(iter(title.values()))
        return f'"{title if isinstance(title, str) else title[0]}"'


def _check_siblings(specs: list[SectionSpec]) -> list[SectionSpec]:
    if len({s.level for s in specs if s.level}) > 1:
        raise ValueError("sections of one list must share one level")
    return specs


def check_layout(specs: list[SectionSpec]) -> list[SectionSpec]:
    """A page type's sections; ids are anchors of one page: unique across the whole layout."""
    _check_siblings(specs)
    seen: set[str] = set()
    stack = list(specs)
    while stack:
        spec = stack.pop()
        if spec.id:
            if spec.id in seen:
                raise ValueError(f"section id {spec.id!r} is declared twice")
            seen.add(spec.id)
        stack += spec.sections
    return specs


# --- a page as a tree of sections ------------------------------------------


class Section:
    """A heading, the blocks up to its first subsection, and its subsections.

    The page itself is the root (no heading, level 0). ``end_line`` is the
    first line after the section. Comment-only HTML blocks are left out.
    """

    __slots__ = ("blocks", "children", "content", "end_line", "heading", "level", "start", "stop")

    def __init__(self, heading: Heading | None, level: int, content: list[Block], start: int,
                 stop: int = 0, end_line: int = 0) -> None:  # fmt: skip
        self.heading = heading
        self.level = level
        self.content = content  # the content blocks of the whole page, shared
        self.start = start  # this section's slice of them, subsections included
        self.stop = stop
        self.end_line = end_line
        self.blocks: list[Block] = []
        self.children: list[Section] = []

    @property
    def line(self) -> int:
        return self.heading.line if self.heading else 1

    @property
    def column(self) -> int:
        return self.heading.column if self.heading else 1

    @property
    def label(self) -> str:
        return f'"{self.heading.text.strip()}"' if self.heading else "the page"

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_blocks(self) -> list[Block]:
        """Its content blocks, subsections included, in page order."""
        return self.content[self.start : self.stop]


def build_outline(page: Page) -> Section:
    """Split the top-level blocks of a page at its top-level headings."""
    content: list[Block] = []
    root = Section(None, 0, content, 0, end_line=page.text.rstrip().count("\n") + 2)
    heading_at: dict[int, Heading] = {}
    for h in page.headings:
        heading_at.setdefault(h.line, h)
    stack = [root]
    blocks = page.blocks
    for block in blocks:
        kind = block.kind
        heading = heading_at.get(block.line) if kind == "heading" else None
        if heading is not None:
            while stack[-1].level >= heading.level:
                done = stack.pop()
                done.end_line, done.stop = block.line, len(content)
            node = Section(heading, heading.level, content, len(content))
            stack[-1].children.append(node)
            stack.append(node)
            continue
        if kind == "comment":  # an HTML block of comments only is not content
            continue
        content.append(block)
        stack[-1].blocks.append(block)
    for node in stack:
        node.end_line, node.stop = root.end_line, len(content)
    return root


def outline(page: Page, ctx: Context) -> Section:
    """The section tree of a page, built once per run and shared by the rules."""
    return ctx.memo(f"outline:{page.path}", lambda: build_outline(page))


# --- the declared layout matched against a page ----------------------------


class Match:
    """A section found where declared sections are expected, and what it is."""

    __slots__ = ("first", "index", "section")

    def __init__(
        self, section: Section, index: int | None = None, first: Section | None = None
    ) -> None:
        self.section = section
        self.index = index  # its spec; None: not declared (an extra)
        self.first = first  # a declared section seen before: its first occurrence


class Level:
    """The sections under one parent (the page, or a declared section) vs its spec list."""

    __slots__ = ("extras", "matches", "parent", "spec", "specs")

    def __init__(self, parent: Section, spec: SectionSpec | None, specs: list[SectionSpec],
                 extras: ExtraSections) -> None:  # fmt: skip
        self.parent = parent
        self.spec = spec  # None: the page
        self.specs = specs
        self.extras = extras
        self.matches: list[Match] = []

    @property
    def declared(self) -> list[Match]:
        """First occurrences of declared sections, in page order."""
        return [m for m in self.matches if m.index is not None and m.first is None]


def layout(page: Page, ctx: Context) -> list[Level]:
    """The page's sections matched against its page type, parents before children."""
    page_type = ctx.page_type(page)
    if page_type is None or (not page_type.sections and page_type.extra_sections == "allow"):
        return []
    return ctx.memo(f"layout:{page.path}", lambda: match_layout(page, page_type, ctx))


def match_layout(page: Page, page_type: PageType, ctx: Context) -> list[Level]:
    levels: list[Level] = []
    root = outline(page, ctx)
    default = page_type.extra_sections
    _match(root, None, page_type.sections, default, default, page.locale, levels)
    return levels


def _match(
    parent: Section,
    spec: SectionSpec | None,
    specs: list[SectionSpec],
    extras: ExtraSections,
    default: ExtraSections,
    locale: str | None,
    out: list[Level],
) -> None:
    level = next((s.level for s in specs if s.level), parent.level + 1 if spec else 2)
    here = Level(parent, spec, specs, extras)
    out.append(here)
    ids = {s.id: i for i, s in enumerate(specs) if s.id}
    taken: dict[int, Section] = {}
    for section in _at_level(parent, level):
        here.matches.append(_assign(section, level, specs, ids, taken, locale))
    for m in here.declared:
        sub = specs[m.index]
        policy = _policy(sub, default)
        if sub.sections or policy != "allow":
            _match(m.section, sub, sub.sections, policy, default, locale, out)


def _policy(spec: SectionSpec, default: ExtraSections) -> ExtraSections:
    """A section's own setting; else the page type's if it declares subsections; else free."""
    allow = spec.allow_extra_subsections
    if allow is None:
        return default if spec.sections else "allow"
    return "end" if allow == "end" else "allow" if allow else "none"


def _at_level(parent: Section, level: int) -> list[Section]:
    """Sections of ``level`` or deeper under ``parent``, through shallower ones (an H1)."""
    found: list[Section] = []
    for child in parent.children:
        found += _at_level(child, level) if child.level < level else [child]
    return found


def _assign(
    section: Section,
    level: int,
    specs: list[SectionSpec],
    ids: dict[str, int],
    taken: dict[int, Section],
    locale: str | None,
) -> Match:
    heading = section.heading
    if heading is None or section.level != level:
        return Match(section)
    explicit = heading.explicit_id
    if explicit is not None and explicit in ids:
        candidates = [ids[explicit]]
    else:
        stripped = strip_symbols(heading.text)
        candidates = [
            i
            for i, spec in enumerate(specs)
            if (spec.id is None or explicit is None) and spec.matches_title(stripped, locale)
        ]
    for i in candidates:
        if i not in taken:
            taken[i] = section
            return Match(section, i)
    return Match(section, candidates[0], taken[candidates[0]]) if candidates else Match(section)
