from __future__ import annotations

from kbcheck.page import read_page
from kbcheck.translations import Section, changed_sections, sections_of


def split_sections(markdown: str) -> list[Section]:
    return sections_of(read_page("p.md", markdown.encode("utf-8")))


DOC = """\
---
title: Page
---
Intro text.

# Title {#top}

Body of the title.

```markdown
## Not a heading
```

## Install ##

~~~~
# also not a heading
~~~
still code
~~~~

#hashtag is text
    ## indented code, not a heading

### Deep {#deep-id}
last
"""


def kinds(old: str, new: str) -> list[tuple[str, str]]:
    return [(c.kind, c.title) for c in changed_sections(split_sections(old), split_sections(new))]


def test_split_sections_finds_atx_headings_only() -> None:
    sections = split_sections(DOC)
    assert [(s.key, s.title, s.level, s.line) for s in sections] == [
        ("", "", 0, 4),
        ("top", "Title", 1, 6),
        ("", "Install", 2, 14),
        ("deep-id", "Deep", 3, 25),
    ]
    assert sections[0].text.strip() == "Intro text."
    assert "## Not a heading" in sections[1].text
    assert sections[2].text.splitlines()[-2:] == [
        "#hashtag is text",
        "    ## indented code, not a heading",
    ]
    assert sections[3].text == "last\n"


def test_split_sections_handles_crlf_bom_and_no_frontmatter() -> None:
    sections = split_sections("\ufeff# A\r\ntext\r\n## B {#b}\r\n")
    assert [(s.key, s.title, s.line) for s in sections] == [
        ("", "", 1),
        ("", "A", 1),
        ("b", "B", 3),
    ]
    assert sections[1].text == "text"


def test_ids_match_across_reworded_titles() -> None:
    old = "# Intro {#intro}\n\nsame\n\n## Setup {#setup}\n\nsteps\n"
    new = "# Introduction {#intro}\n\nsame\n\n## Set-up guide {#setup}\n\nsteps changed\n"
    changes = changed_sections(split_sections(old), split_sections(new))
    assert [(c.kind, c.key, c.title, c.old_title) for c in changes] == [
        ("modified", "intro", "Introduction", "Intro"),
        ("modified", "setup", "Set-up guide", "Setup"),
    ]
    assert changes[1].line == 5 and changes[1].old_line == 5


def test_ids_match_moved_sections() -> None:
    old = "## A {#a}\none\n## B {#b}\ntwo\n"
    new = "## B {#b}\ntwo\n## A {#a}\none\n"
    assert kinds(old, new) == []


def test_positional_fallback_for_reworded_titles_without_ids() -> None:
    old = "## Alpha\none\n## Beta\ntwo\n## Gamma\nthree\n"
    new = "## Alpha\none\n## Beta, renamed\ntwo\n## Gamma\nthree\n"
    changes = changed_sections(split_sections(old), split_sections(new))
    assert [(c.kind, c.title, c.old_title) for c in changes] == [
        ("modified", "Beta, renamed", "Beta"),
    ]


def test_positional_fallback_pairs_same_level_only() -> None:
    old = "## Alpha\none\n## Old two\ntwo\n"
    new = "## Alpha\none\n### New deep\ntwo\n"
    assert kinds(old, new) == [("removed", "Old two"), ("added", "New deep")]


def test_an_insertion_does_not_shift_the_pairing() -> None:
    old = "## A\n1\n## B\n2\n## C\n3\n"
    new = "## A\n1\n## New\nnew\n## B\n2\n## C\n3\n"
    assert kinds(old, new) == [("added", "New")]


def test_added_removed_and_modified() -> None:
    old = "intro\n## Keep\nsame\n## Edit\nbefore\n## Drop\ngone\n## Tail\nend\n"
    new = "intro changed\n## Keep\nsame\n## Edit\nafter\n## Tail\nend\n## Extra\nmore\n"
    changes = changed_sections(split_sections(old), split_sections(new))
    assert [(c.kind, c.title, c.line) for c in changes] == [
        ("modified", "", 1),
        ("modified", "Edit", 4),
        ("removed", "Drop", 6),  # after Edit, the section that preceded it; old line
        ("added", "Extra", 8),
    ]


def test_whitespace_only_edits_are_not_changes() -> None:
    old = "## A\nsome text that\nwraps here\n"
    new = "## A\n\nsome   text that wraps\nhere\n\n"
    assert kinds(old, new) == []


def test_plain_section_records_from_another_parser() -> None:
    old = [Section("", "", 0, "", 1), Section("x", "X", 2, "body", 3)]
    new = [Section("", "", 0, "", 1), Section("x", "X", 2, "body!", 9)]
    change = changed_sections(old, new)[0]
    assert (change.kind, change.key, change.line) == ("modified", "x", 9)
