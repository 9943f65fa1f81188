"""Translations that are copies of their source, not translated yet (or hardly:
a paragraph in ten).

A locale's files are often seeded with copies of the source pages, to be
translated later (Docusaurus's guide has the docs folder copied into
``i18n/<locale>/``). Between a locale written in Chinese, Japanese or Korean
and one written in Latin letters, a copy shows in its paragraphs: a page of
the Chinese docs whose paragraphs are English, like its source's, is no
translation. It counts as missing (KB501, coverage), and is not compared with
its source (an old copy differs from it as a whole).
"""

from __future__ import annotations

from itertools import islice

from kbcheck.lazyre import lazy
from kbcheck.page import Page
from kbcheck.translations.code import WIDE_LETTERS, writes_wide

MIN_PARAGRAPHS = 3  # fewer say nothing of the language a page is in
# the share of its paragraphs a page writes in Chinese, Japanese or Korean, beyond
# which it is in one of those languages, and under which it is not
WIDE, NOT_WIDE = 0.5, 0.1
ENOUGH = 200  # pairs of such letters in a page: a translation into those languages

_WIDE_PAIR = lazy(rf"[{WIDE_LETTERS}]{{2}}")
_WORDS = lazy(r"[^\W\d_]{2,}(?:\s+[^\W\d_]{2,}){3}")  # four words
# lines that open no paragraph of prose: headings, lists, tables, quotes, HTML/JSX,
# admonition fences, pictures, MDX imports
_NOT_PROSE = lazy(r"(?:#|[-*+|<>]|:::|!\[|\d+[.)]\s|import\s|export\s)")


def is_copy(source: Page, translation: Page) -> bool:
    """Whether ``translation`` is written in its source's script, not its locale's."""
    wide = writes_wide(str(translation.locale))
    if wide == writes_wide(str(source.locale)):
        return False  # both in one script: a copy does not show in the letters
    body = translation.body
    if not wide and (body.isascii() or _WIDE_PAIR.search(body) is None):
        return False  # plainly in its own script
    if wide and sum(1 for _ in islice(_WIDE_PAIR.finditer(body), ENOUGH)) == ENOUGH:
        return False
    # a page as short as a paragraph says enough when it is its source's, word for word
    fewest = 1 if body == source.body else MIN_PARAGRAPHS
    share = wide_share(body, fewest)
    return share is not None and (share < NOT_WIDE if wide else share > WIDE)


def wide_share(body: str, fewest: int = MIN_PARAGRAPHS) -> float | None:
    """The share of the paragraphs of prose in ``body`` (code, headings, lists
    and tables aside: names fill them) written in Chinese, Japanese or Korean;
    None with fewer than ``fewest`` paragraphs to tell."""
    counts = [0, 0]  # wide, other
    paragraph: list[str] = []
    fence = ""

    def close() -> None:
        text = " ".join(paragraph)
        paragraph.clear()
        if not text or _NOT_PROSE.match(text):
            return
        if _WIDE_PAIR.search(text):
            counts[0] += 1
        elif _WORDS.search(text):
            counts[1] += 1

    for line in body.splitlines():
        stripped = line.strip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
        elif stripped.startswith(("```", "~~~")):
            close()
            fence = stripped[:3]
        elif stripped:
            paragraph.append(stripped)
        else:
            close()
    close()
    wide, other = counts
    return wide / (wide + other) if wide + other >= fewest else None
