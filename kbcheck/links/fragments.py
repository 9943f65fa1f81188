"""Finding ``#fragment`` targets in an HTML page without a full parser.

A regex over ``id=``/``name=`` attributes is enough for link checking and copes
with truncated pages (we read at most a few MB); it may accept an id that only
appears inside a script, which errs on the side of no false alarm.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from kbcheck.lazyre import lazy

# A try ends at the next ``<`` or ``>``, so no two tries scan the same bytes: linear
# time even over a page of ``<`` with no ``>``.
_ANCHOR = lazy(
    rb"""<[^<>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
# GitHub renders heading ids with this prefix and strips it in the browser.
_PREFIXES = ("user-content-",)


def html_anchors(body: bytes) -> set[str]:
    anchors: set[str] = set()
    for match in _ANCHOR.finditer(body):
        raw = match.group(1) or match.group(2) or match.group(3) or b""
        anchors.add(raw.decode("utf-8", "replace"))
    return anchors


def fragment_missing(fragment: str, anchors: set[str] | None) -> bool | None:
    """True/False when the page was examined, None when it could not be (not HTML)
    or the fragment is not an element id (empty, ``top``, text directive)."""
    if anchors is None or not fragment or fragment.startswith(":~:"):
        return None
    name = unquote(fragment)
    if name.lower() == "top":
        return False
    candidates = {name, fragment} | {prefix + name for prefix in _PREFIXES}
    return not (candidates & anchors)


def is_html(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media in ("text/html", "application/xhtml+xml") or not media
