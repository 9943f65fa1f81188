"""Heading anchor ids exactly as github-slugger 1.5.0 (used by Docusaurus 3) makes them.

The JavaScript original is ``text.toLowerCase().replace(REGEX, '').replace(/ /g, '-')``.
Two parts of that cannot be borrowed from Python:

* ``REGEX`` is a table frozen at Unicode 13 (roughly everything but letters, marks, digits,
  letter numbers, connector punctuation such as ``_``, ``-`` and space).  ``unicodedata``
  follows the running Python's Unicode version and has no ``Alphabetic`` property, so it
  would drift on letter-like symbols and newer scripts.
* ``toLowerCase()`` follows Node's ICU, which is usually newer than the Python's Unicode
  database, and ``str.lower()`` would change with the Python version.

Both are therefore replayed from ``_slug_table``, which ``scripts/slugger/generate-table.js``
probes out of the real package, code point by code point.  ``tests/test_slugger.py`` checks
the result against slugs recorded from the package itself.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from kbcheck import _slug_table as _t
from kbcheck.lazyre import lazy

__all__ = ["Slugger", "slug"]

_SIGMA = "\u03a3"
_SIGMA_RE = lazy(_SIGMA)


def _ranges(packed: str) -> list[tuple[int, int]]:
    """Parse the table's ``"41-5a 5f"`` notation into inclusive code point ranges."""
    out = []
    for token in packed.split():
        first, _, last = token.partition("-")
        out.append((int(first, 16), int(last or first, 16)))
    return out


def _char_class(packed: str) -> str:
    """Build a regex matching one code point of the set, split into BMP and astral halves.

    ``re`` tests a BMP character against every astral range of a class one by one, which
    made the slug about eight times slower; the lookahead lets BMP text skip those ranges.
    """
    ranges = _ranges(packed)
    bmp = [(a, min(b, 0xFFFF)) for a, b in ranges if a <= 0xFFFF]
    astral = [(max(a, 0x10000), b) for a, b in ranges if b > 0xFFFF]
    branches = [_class(bmp)] if bmp else []
    if astral:
        branches.append(r"(?=[\U00010000-\U0010ffff])" + _class(astral))
    return "(?:" + "|".join(branches) + ")"


def _class(ranges: list[tuple[int, int]]) -> str:
    """A ``[...]`` class; ``\\U`` escapes keep control characters and ``]`` harmless."""
    parts = (rf"\U{a:08x}" if a == b else rf"\U{a:08x}-\U{b:08x}" for a, b in ranges)
    return "[" + "".join(parts) + "]"


def _lower_table() -> dict[int, str]:
    """``str.translate`` table reproducing JS ``toLowerCase()`` one code point at a time."""
    table = {
        cp: chr(cp + delta)
        for first, last, step, delta in _t.LOWER_RUNS
        for cp in range(first, last + 1, step)
    }
    table.update(_t.LOWER_SPECIAL)
    return table


# ASCII headings, the common case, need only the ASCII part of the table; the
# rest is compiled on the first heading that is not ASCII (see kbcheck.lazyre).
_ASCII_REMOVE = lazy(r"[\x00-\x1f!-,./:-@\[-^`{-\x7f]+")  # REMOVED below U+0080
_REMOVE = lazy(lambda: _char_class(_t.REMOVED) + "+")
_IGNORABLE = lazy(lambda: _char_class(_t.CASE_IGNORABLE))
_CASED = lazy(lambda: _char_class(_t.CASED))


@cache
def _lower() -> dict[int, str]:
    return _lower_table()


def _is_final_sigma(text: str, i: int) -> bool:
    """Unicode's Final_Sigma rule, which makes JS lowercase ``Σ`` to ``ς`` at a word end.

    ``text[i]`` is final when, skipping case-ignorable characters, a cased character comes
    before it and none comes after it.
    """
    j = i - 1
    while j >= 0 and _IGNORABLE.match(text, j):
        j -= 1
    if j < 0 or not _CASED.match(text, j):
        return False
    j = i + 1
    while j < len(text) and _IGNORABLE.match(text, j):
        j += 1
    return j == len(text) or not _CASED.match(text, j)


def _js_lower(text: str) -> str:
    """``String.prototype.toLowerCase`` as run by Node (root locale, full case mapping)."""
    if text.isascii():
        return text.lower()  # identical to JS for ASCII, and much faster
    if _SIGMA not in text:
        return text.translate(_lower())
    sigmas = _SIGMA_RE.sub(
        lambda m: "\u03c2" if _is_final_sigma(text, m.start()) else "\u03c3", text
    )
    return sigmas.translate(_lower())


def slug(text: str) -> str:
    """Slug one heading text, without de-duplication (github-slugger's static ``slug``).

    Only U+0020 becomes ``-``; other spaces are deleted, runs are not collapsed and nothing
    is trimmed, because that is what Docusaurus' anchors look like.
    """
    if text.isascii():
        return _ASCII_REMOVE.sub("", text.lower()).replace(" ", "-")
    return _REMOVE.sub("", _js_lower(text)).replace(" ", "-")


class Slugger:
    """Unique slugs within one document, like ``new GithubSlugger()``.

    A taken slug gets ``-1``, ``-2``... appended, counting on the *original* slug, and every
    slug handed out is taken too, so ``a, a, a-1`` gives ``a, a-1, a-1-1``.  Reproducing that
    quirk keeps links to later duplicate headings pointing at the ids Docusaurus renders.
    """

    # delimiters of the attributes after a heading when the site changed them from `{` `}`
    # (VitePress's markdown.attrs): `## Title %{#id}%`
    attrs: tuple[str, str] | None = None

    def __init__(self) -> None:
        self._occurrences: dict[str, int] = {}

    def split_id(self, text: str) -> tuple[str, str | None]:
        """A heading's text and the ``#id`` of its attributes in the ``attrs`` delimiters."""
        left, right = self.attrs or ("{", "}")
        start = text.rfind(left)
        if start < 0 or not text.endswith(right):
            return text, None
        inside = text[start + len(left) : len(text) - len(right)].split()
        given = next((a[1:] for a in inside if a.startswith("#") and len(a) > 1), None)
        return (text[:start].rstrip(), given) if given else (text, None)

    def slug(self, text: str) -> str:
        """Return the slug of ``text``, made unique among the slugs returned so far."""
        original = result = slug(text)
        while result in self._occurrences:
            self._occurrences[original] += 1
            result = f"{original}-{self._occurrences[original]}"
        self._occurrences[result] = 0
        return result

    def explicit(self, given: str) -> str:
        """An explicit ``{#id}``: kept as written, and not counted (as in Docusaurus)."""
        return given

    def reset(self) -> None:
        """Forget all slugs handed out so far (start a new document)."""
        self._occurrences.clear()


_VP_SPECIAL = lazy(r"[\s~`!@#$%^&*()\-_+=\[\]{}|\\;:\"'\u201c\u201d\u2018\u2019<>,.?/]+")
_VP_CONTROL = lazy(r"[\u0000-\u001f]")


_VP_EMOJI = lazy(r"(?<!\S):[a-z0-9_+-]+:(?!\S)")


def vitepress_slug(text: str) -> str:
    """Slug one heading text as VitePress does (``@mdit-vue/shared``'s ``slugify``):
    NFKD without combining marks, runs of punctuation and spaces as one ``-``,
    trimmed, ``_`` before a leading digit, lower case. An emoji shortcode
    (``## Emoji :tada:``) becomes an emoji, which is not text: ``#emoji``."""
    if ":" in text:
        text = _VP_EMOJI.sub("", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not 0x300 <= ord(c) <= 0x36F)
    text = _VP_SPECIAL.sub("-", _VP_CONTROL.sub("", text)).strip("-")
    return _js_lower("_" + text if text[:1] in tuple("0123456789") else text)


class VitePressSlugger(Slugger):
    """Unique slugs as VitePress's heading anchors give them (markdown-it-anchor):
    ``a``, ``a-1``, ``a-2``..., explicit ``{#id}``s taken too."""

    def slug(self, text: str) -> str:
        return self.explicit(vitepress_slug(text))

    def explicit(self, given: str) -> str:
        result, n = given, 1
        while result in self._occurrences:
            result, n = f"{given}-{n}", n + 1
        self._occurrences[result] = 0
        return result
