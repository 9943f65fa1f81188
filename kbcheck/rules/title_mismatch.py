import re
import unicodedata
from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.lazyre import lazy
from kbcheck.outline import strip_symbols
from kbcheck.rules.base import PageRule
from kbcheck.translations.code import WIDE_LETTERS

_WORDS = lazy(rf"[{WIDE_LETTERS}]+|[^\W_{WIDE_LETTERS}]+")
_HAN_RUN = lazy(rf"[{WIDE_LETTERS}]")
_SMALL_WORDS = "a an and are as at by for from how in into is it of on or the to what when why with"
_STOP = frozenset(f"{_SMALL_WORDS} your 的 了 和 与 及 是 在 中 如何 什么".split())


class TitleMismatch(PageRule):
    """The H1 and the frontmatter `title` are in different languages.

    Reported when a page has both, one is written in Chinese, Japanese or
    Korean and the other is not, and they share nothing: neither contains
    the other, nor is its acronym, nor shares a word with it. That is a
    title left untranslated over a translated H1, or the other way round.
    Differences Docusaurus users make on purpose pass: a leading emoji,
    case, punctuation and spacing, or a short title for a long H1
    (`title: Overview` over `# Kubernetes architecture`). A page with more
    than one H1 uses them as sections, not as its title, and is left to
    `single-h1`. The finding sits on the H1.

    ## Why
    Docusaurus shows the H1 on the page but uses `title` for the page
    metadata (the browser tab, link previews) and, without a
    `sidebar_label`, in the sidebar and the previous/next links: readers of
    the Chinese site see an English sidebar entry.

    ## Bad
    ```
    ---
    title: Prompt engineering
    ---
    # 提示工程
    ```

    ## Good
    ```
    ---
    title: 提示工程
    ---
    # 💡 提示工程：实用指南
    ```
    """

    code = "KB206"
    name = "title-mismatch"
    severity = Severity.WARNING

    def check(self, page, ctx) -> Iterable[Finding]:
        title = page.data.get("title")
        if isinstance(title, bool) or not isinstance(title, (str, int, float)):
            return
        h1s = [h for h in page.headings if h.level == 1]
        if len(h1s) == 1 and not related(str(title), h1s[0].text):
            h1 = h1s[0]
            shown = f'h1 "{h1.text.strip()}" and the title "{str(title).strip()}"'
            message = f"{shown} are in different languages"
            yield Finding(h1.line, h1.column, message)


def related(title: str, heading: str) -> bool:
    """Whether a title and a heading may stand together on purpose."""
    a, b = _compact(title), _compact(heading)
    if not a or not b or a in b or b in a or _acronym(a, heading) or _acronym(b, title):
        return True
    ours, theirs = _terms(title), _terms(heading)
    if not ours or not theirs or any(_same_term(x, y) for x in ours for y in theirs):
        return True  # nothing but small words or symbols: no evidence either way
    return bool(_HAN_RUN.search(a)) == bool(_HAN_RUN.search(b))  # different words, one language


def _acronym(short: str, text: str) -> bool:
    initials = "".join(w[0] for w in re.findall(r"[^\W_]+", text.casefold()))
    return 2 <= len(short) <= 6 and short.isascii() and short in initials


def _compact(text: str) -> str:
    text = unicodedata.normalize("NFKC", strip_symbols(text)).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _terms(text: str) -> set[str]:
    """Words, and character pairs of CJK runs, without the smallest words."""
    found: set[str] = set()
    for run in _WORDS.findall(unicodedata.normalize("NFKC", text).casefold()):
        if _HAN_RUN.match(run):
            pairs = {run[i : i + 2] for i in range(len(run) - 1)} or {run}
            found |= pairs - _STOP
        elif run not in _STOP and (len(run) > 1 or run.isdigit()):
            found.add(run)
    return found


def _same_term(x: str, y: str) -> bool:
    """Equal, or one word a stem of the other (install, installing, installation)."""
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    return len(short) >= 4 and long.startswith(short[: max(4, len(short) - 2)])
