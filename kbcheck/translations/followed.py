"""Whether a translation already has what changed in its source.

A source edit that only replaces what is never translated, URLs, link targets,
inline code and lines of code (a moved repository, a badge, a fixed link, a renamed path),
asks nothing of a translator when the translation already has every new one:
it was right before the source, or someone updated both. Nor does it when the
translation never had the old one: it uses its own there (a localised image, a
tracking pixel of its own site). Nor does an edit of spaces, punctuation,
markup or case in prose (a line the translation does not have as it is):
`1、Initialize` made `1. Initialize`, `eventmesh` made `EventMesh`. Such a
translation follows the current source, and is not stale.
"""

from __future__ import annotations

from kbcheck.lazyre import lazy
from kbcheck.translations.linediff import opcodes

_NOT_WORD = lazy(r"[\W_]+")
# a URL, a link's target, inline code
_VERBATIM = lazy(r"https?://[^\s)\]>\"'`]+|(?<=\]\()[^)\s]+|`[^`\n]+`")


def already_has_change(old: str, new: str, translation: str) -> bool:
    """Whether the change from ``old`` to ``new`` (two versions of a source) only
    replaced lines the translation has as they are, URLs and inline code it
    already has or never had, or spaces, punctuation, markup and case."""
    a, b = old.splitlines(), new.splitlines()
    lines = {line.strip() for line in translation.splitlines()}
    for tag, i1, i2, j1, j2 in opcodes(old, new):
        if tag == "equal":
            continue
        before = [x for x in a[i1:i2] if x.strip()]
        after = [x for x in b[j1:j2] if x.strip()]
        if len(before) != len(after):
            return False
        for x, y in zip(before, after, strict=True):
            if y.strip() in lines:
                continue  # a line of code, say, that the translation has as it is
            if x.strip() in lines:
                return False  # the translation has the old line as it is: to follow
            if _words(x) != _words(y):
                return False  # words changed: there is something to translate
            gone = set(_VERBATIM.findall(x)) - set(_VERBATIM.findall(y))
            new = set(_VERBATIM.findall(y)) - set(_VERBATIM.findall(x))
            has_new = all(text in translation for text in new)
            if not has_new and (not gone or any(text in translation for text in gone)):
                return False  # the new one is not in the translation, and the old one was
    return True


def _words(line: str) -> str:
    """The words of a line, less what is never translated: a space, a mark of
    punctuation or markup, or a letter's case changed in a line the translation
    does not have as it is (prose) asks nothing of a translator."""
    return _NOT_WORD.sub("", _VERBATIM.sub("", line)).casefold()
