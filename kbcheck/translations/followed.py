"""Whether a translation already has what changed in its source.

A source edit that only replaces what is never translated, URLs, link targets,
inline code and lines of code (a moved repository, a badge, a fixed link, a renamed path),
asks nothing of a translator when the translation already has every new one:
it was right before the source, or someone updated both. Nor does it when the
translation never had the old one: it uses its own there (a localised image, a
tracking pixel of its own site). Such a translation follows the current
source, and is not stale.
"""

from __future__ import annotations

import difflib

from kbcheck.lazyre import lazy

_SPACE = lazy(r"\s+")
# a URL, a link's target, inline code
_VERBATIM = lazy(r"https?://[^\s)\]>\"'`]+|(?<=\]\()[^)\s]+|`[^`\n]+`")


def already_has_change(old: str, new: str, translation: str) -> bool:
    """Whether the change from ``old`` to ``new`` (two versions of a source) only
    replaced lines the translation has as they are, or URLs and inline code
    it already has, or never had, or spaces."""
    a, b = old.splitlines(), new.splitlines()
    lines = {line.strip() for line in translation.splitlines()}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = [x for x in a[i1:i2] if x.strip()]
        after = [x for x in b[j1:j2] if x.strip()]
        if len(before) != len(after):
            return False
        for x, y in zip(before, after, strict=True):
            if y.strip() in lines:
                continue  # a line of code, say, that the translation has as it is
            if _words(x) != _words(y):
                return False  # words changed: there is something to translate
            gone = set(_VERBATIM.findall(x)) - set(_VERBATIM.findall(y))
            new = set(_VERBATIM.findall(y)) - set(_VERBATIM.findall(x))
            if any(text not in translation for text in new) and any(
                text in translation for text in gone
            ):
                return False  # the translation has the old one and not the new one
    return True


def _words(line: str) -> str:
    """The line less what is never translated, and less its spaces (a space
    added or taken out asks nothing of a translator)."""
    return _SPACE.sub("", _VERBATIM.sub("", line))
