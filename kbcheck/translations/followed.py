"""Whether a translation already has what changed in its source.

A source edit that only replaces what is never translated, URLs, link targets,
inline code and lines of code (a moved repository, a badge, a fixed link, a
renamed path), asks nothing of a translator when the translation already has
every new one: it was right before the source, or someone updated both. Nor does
it when the translation never had the old one: it uses its own there (a
localised image, a tracking pixel of its own site); nor when the new one leads
within one the translation has, path segments left out
(`github.com/apache/issues/4` where it has
`github.com/apache/eventmesh/issues/4`): the source lost them, as it broke a
GitHub link it left the repository out of (`github.com/apache/issues/4`). Nor
does an edit of spaces, punctuation, markup or case in prose (a line the translation does not
have as it is): `1、Initialize` made `1. Initialize`, `eventmesh` made
`EventMesh`; nor, even in a line the translation has as it is (an untranslated
copy), punctuation, spaces or backticks (`。` made `.`, a name put in backticks);
nor a misspelt word corrected in prose, by a letter or two (`expirement` made
`experiment`, `FFMEPG` made `FFmpeg`, also inside Chinese: `RockeMQ集群`), or a
misprinted Chinese character or two (`流试` made `流式`; not `大于` made `小于`), unless
the translation has the old word (a name it keeps as it is), with an article or
a preposition added or taken out (`is expirement` made `is an experiment`); nor
a backtick moved (`` `name``=` `` made `` `name`= ``); nor lines of code taken
out of a block, or lines of pictures and links taken out (a badge), that the
translation never had; nor a frontmatter field added that the translation
already sets in its own words (`description:`); nor the links of a table of
contents (`- [Setup](#setup)`) or any link into the page (the translation's
point at its own headings); nor code fences put around lines when the
translation has as many fences as the new source (it fenced them first); nor a
line the source had in the translation's language, put in the source's (the
Chinese leftovers of an English page translated: the Chinese translation has
them in its own words). Such a translation follows the current source, and is
not stale. Nor is one that has what the edit put in that is never translated,
two lines of code, URLs or inline code or more, and none of what it took out,
whatever else changed: it was written from the new version, or first
(:func:`has_new_code`).
"""

from __future__ import annotations

import itertools
import re

from kbcheck.lazyre import lazy
from kbcheck.translations.align import TOC_ITEM
from kbcheck.translations.code import WIDE_LETTERS
from kbcheck.translations.linediff import opcodes
from kbcheck.translations.policy import points_within, repository_left_out

_NOT_WORD = lazy(r"[\W_]+")
_EDGE = lazy(r"^[\W_]+|[\W_]+$")
# English words that only make the grammar of a sentence right
_GRAMMAR = frozenset({"a", "an", "the", "and", "at", "by", "for", "in", "of", "on", "to"})
# a URL, a link's target, inline code
_VERBATIM = lazy(r"https?://[^\s)\]>\"'`]+|(?<=\]\()[^)\s]+|`[^`\n]+`")


def already_has_change(old: str, new: str, translation: str, wide: bool | None = None) -> bool:
    """Whether the change from ``old`` to ``new`` (two versions of a source) only
    replaced lines the translation has as they are, URLs and inline code it
    already has or never had, or spaces, punctuation, markup and case, or lines
    the source had in the translation's language. ``wide``: whether the
    translation is in Chinese, Japanese or Korean where its source is not (True),
    the other way round (False), or neither (None)."""
    a, b = old.splitlines(), new.splitlines()
    lines = {line.strip() for line in translation.splitlines()}
    code: set[int] | None = None  # the lines of old inside code blocks, once needed
    fenced = _fences(new) == _fences(translation)

    def asked(line: str) -> bool:
        """Whether a changed line may ask something of a translator: not a blank
        line, nor a link of a table of contents (the translation's point at its
        own headings), nor a code fence when the translation has the new
        source's fences already (it fenced those lines first)."""
        if not line.strip() or TOC_ITEM.fullmatch(line):
            return False
        return not (fenced and _FENCE_LINE.fullmatch(line))

    for tag, i1, i2, j1, j2 in opcodes(old, new):
        if tag == "equal":
            continue
        olds = [i for i in range(i1, i2) if asked(a[i])]
        added = [j for j in range(j1, j2) if asked(b[j])]
        before, after = [a[i] for i in olds], [b[j] for j in added]
        if before and not after:  # lines of code taken out that the translation never had
            code = _code_lines(a) if code is None else code
            if all(a[i].strip() not in lines for i in olds) and all(
                i in code or _pictures(a[i], translation) for i in olds
            ):
                continue  # or pictures and links only (a badge) that it never had
        if added and not before and all(_has_field(b[j], j, b, translation) for j in added):
            continue  # a frontmatter field added that the translation has in its own words
        if len(before) != len(after):
            return False
        code = _code_lines(a) if code is None else code
        for i, x, y in zip(olds, before, after, strict=True):
            if y.strip() in lines:
                continue  # a line of code, say, that the translation has as it is
            if i not in code and _dressed(x, y):
                continue  # prose punctuated or marked up anew: nothing to carry over
            if wide is not None and _language(x) is wide and _language(y) is (not wide):
                continue  # the source translated a line it had in the translation's language
            if x.strip() in lines:
                return False  # the translation has the old line as it is: to follow
            if _words(x) != _words(y) and _bare(x) != _bare(y) and not _respelt(x, y, translation):
                return False  # words changed: there is something to translate
            gone, new = _verbatim(x) - _verbatim(y), _verbatim(y) - _verbatim(x)
            has_new = all(
                text in translation or _lost(text, translation) or repository_left_out(text)
                for text in new
            )
            if not has_new and (not gone or any(text in translation for text in gone)):
                return False  # the new one is not in the translation, and the old one was
    return True


def _lost(url: str, translation: str) -> bool:
    """Whether a URL the source put in leads within one the translation has, with
    path segments left out (`github.com/apache/issues/4` where the translation has
    `github.com/apache/eventmesh/issues/4`): the source lost them, and the
    translation has nothing to follow."""
    return url.startswith(("http://", "https://")) and any(
        points_within(there, url) for there in _URL.findall(translation)
    )


_URL = lazy(r"https?://[^\s)\]>\"'`]+")


def _verbatim(line: str) -> set[str]:
    """The URLs, link targets and inline code of a line, less links into the page
    (`#shared-getters`): the translation's point at its own headings."""
    return {text for text in _VERBATIM.findall(line) if not text.startswith("#")}


def _language(line: str) -> bool | None:
    """Whether a line of prose is in Chinese, Japanese or Korean (True: two such
    letters or more), in a Latin-script language (False: none, and a word of
    Latin letters), or neither (None); URLs and inline code aside."""
    text = _VERBATIM.sub("", line)
    wide = len(_WIDE_LETTER.findall(text))
    if wide >= 2:
        return True
    return False if not wide and _LATIN_WORD.search(text) else None


_WIDE_LETTER = lazy(rf"[{WIDE_LETTERS}]")
_LATIN_WORD = lazy(r"[A-Za-z]{2,}")


def _fences(text: str) -> int:
    """How many lines of ``text`` open or close a fenced code block."""
    return sum(1 for line in text.splitlines() if _FENCE_LINE.fullmatch(line))


def has_new_code(old: str, new: str, translation: str) -> bool:
    """Whether the translation has what the change from ``old`` to ``new`` put in
    that is never translated (lines of code, URLs, inline code), two of them or
    more, and none of what it took out: only someone who saw the new version (or
    wrote it first) could have put them there."""
    a, b = old.splitlines(), new.splitlines()
    code_a, code_b = _code_lines(a), _code_lines(b)
    had = {a[i].strip() for i in code_a} | set(_VERBATIM.findall(old))
    has = {b[j].strip() for j in code_b} | set(_VERBATIM.findall(new))
    added = {x for x in has - had if len(x) >= _SUBSTANTIAL}
    removed = {x for x in had - has if len(x) >= _SUBSTANTIAL}
    if len(added) < 2:
        return False
    return all(x in translation for x in added) and not any(x in translation for x in removed)


_SUBSTANTIAL = 8  # characters of a line of code or a URL, at least (not `}` or `fi`)


def _dressed(old: str, new: str) -> bool:
    """Whether a line of prose changed only in its punctuation, spaces or markup:
    `。` made `.`, a name put in backticks (`lv-settings.lua` made `` `lv-settings.lua` ``),
    with the same URLs and link targets."""
    if _bare(old) != _bare(new):
        return False
    added = set(_VERBATIM.findall(new)) - set(_VERBATIM.findall(old))
    gone = set(_VERBATIM.findall(old)) - set(_VERBATIM.findall(new))
    return all(x.startswith("`") and x.strip("`") in old for x in added) and all(
        x.startswith("`") and x.strip("`") in new for x in gone
    )


def _bare(line: str) -> str:
    """The words of a line, inline code included, without its markup: a backtick
    moved (`` `name``=` `` made `` `name`= ``) asks nothing of a translator."""
    return _NOT_WORD.sub("", line).casefold()


def _has_field(line: str, index: int, lines: list[str], translation: str) -> bool:
    """Whether ``line`` (``lines[index]``) is a field of the frontmatter that the
    translation's frontmatter sets too (`description:`)."""
    if index == 0 or not lines or lines[0].strip() != "---":
        return False
    if any(x.strip() == "---" for x in lines[1:index]):
        return False  # after the frontmatter
    key = _KEY.match(line)
    head = translation.split("\n---", 1)[0] if translation.startswith("---") else ""
    return key is not None and re.search(rf"(?m)^{re.escape(key[1])}:", head) is not None


_KEY = lazy(r"([A-Za-z_][\w-]*):")


def _pictures(line: str, translation: str) -> bool:
    """Whether ``line`` holds pictures and links only (`[![CI](badge.svg)](ci)`),
    none of whose targets the translation has."""
    targets = _TARGET.findall(line)
    rest = _LINK.sub("", _IMAGE.sub("", line))
    return bool(targets) and not _LETTER.search(rest) and not any(t in translation for t in targets)


_IMAGE = lazy(r"!\[[^\]]*\]\([^)]*\)")
_LINK = lazy(r"\[[^\]]*\]\([^)]*\)")
_TARGET = lazy(r"\]\(([^)\s]+)")
_LETTER = lazy(r"[^\W_]")


def _code_lines(lines: list[str]) -> set[int]:
    """The indices of the lines inside fenced code blocks (fences aside)."""
    inside, fence = set(), ""
    for i, line in enumerate(lines):
        mark = _FENCE.match(line)
        if fence and mark and mark[1].startswith(fence) and not line.strip()[len(mark[1]) :]:
            fence = ""
        elif not fence and mark:
            fence = mark[1]
        elif fence:
            inside.add(i)
    return inside


_FENCE = lazy(r"[ \t]*(`{3,}|~{3,})")
_FENCE_LINE = lazy(r"[ \t]*(?:`{3,}|~{3,})[^`\s]*[ \t]*")  # a fence, with a language or not


def _words(line: str) -> str:
    """The words of a line, less what is never translated: a space, a mark of
    punctuation or markup, or a letter's case changed in a line the translation
    does not have as it is (prose) asks nothing of a translator."""
    return _NOT_WORD.sub("", _VERBATIM.sub("", line)).casefold()


def _respelt(old: str, new: str, translation: str) -> bool:
    """Whether ``new`` only corrects the spelling or the grammar of ``old``:
    word for word, less articles and prepositions, each changed word a word
    of letters only (not a number or a name with dots), four or more long,
    changed by at most two letters (two neighbours swapped count as one), and
    not one the translation has."""
    a, b = _tokens(old), _tokens(new)
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x.casefold() == y.casefold():
            continue
        if _HAN.fullmatch(x) and _HAN.fullmatch(y):
            if not _misprint(x, y) or x in translation:
                return False
            continue
        if not _is_word(x) or not _is_word(y) or min(len(x), len(y)) < 4:
            return False
        if _distance(x.casefold(), y.casefold()) > 2 or _has_word(translation, x):
            return False
    return True


def _tokens(line: str) -> list[str]:
    """The words of a prose line, less URLs, inline code, the punctuation around
    words, articles and prepositions."""
    spaced = _HAN.sub(r" \g<0> ", _VERBATIM.sub(" ", line))  # Chinese has no spaces
    words = (_EDGE.sub("", token) for token in spaced.split())
    return [word for word in words if word and word.casefold() not in _GRAMMAR]


_HAN = lazy(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _misprint(old: str, new: str) -> bool:
    """Whether two runs of Han characters differ by a misprint: a character put in
    or left out (`命周期` made `生命周期`) that does not turn the meaning (a
    negation, a number, a direction, a degree, a modal: `不`, `三`, `前`, `大`,
    `必`), two neighbours swapped (`一次定数` made `一定次数`; not `前后`), or a character
    replaced by one that sounds or looks alike (`流试` made `流式`, `或则` made
    `或者`; not `甲` made `乙`)."""
    if len(old) == len(new):
        at = [i for i, (x, y) in enumerate(zip(old, new, strict=True)) if x != y]
        if len(at) == 1:
            return frozenset((old[at[0]], new[at[0]])) in _CONFUSED
        i = at[0]
        swapped = len(at) == 2 and at[1] == i + 1 and (old[i], old[i + 1]) == (new[i + 1], new[i])
        return swapped and not _MEANING.intersection(old[i : i + 2])
    short, long = sorted((old, new), key=len)
    if len(long) != len(short) + 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return long[:i] + long[i + 1 :] == short and long[i] not in _MEANING


# characters whose change turns a sentence's meaning, not its spelling
_MEANING = frozenset(
    "不没无非未别勿莫否"  # negations
    "零一二三四五六七八九十百千万亿两半双"  # numbers
    "大小多少高低长短前后左右上下内外开关增减加新旧早晚快慢先最更很较极太"  # direction, degree
    "能会可应须必要需该"  # modals
)
# characters written for one another by mistake: they sound or look alike
_CONFUSED = frozenset(
    frozenset(pair)
    for group in ("的地得", "在再", "做作", "象像相", "即既及", "帐账", "式试", "者则", "由有",
                  "己已以", "须需", "付副", "型形", "份分", "决绝", "制治", "记纪", "和合",
                  "进近", "意议", "度渡", "程成", "经径", "于与", "其期", "定订", "示视",
                  "到道", "装状", "坐座", "带代", "练炼", "辨辩", "密秘", "布部")
    for pair in itertools.combinations(group, 2)
)  # fmt: skip


def _has_word(text: str, word: str) -> bool:
    """Whether ``text`` has ``word``, in any case, not inside a longer word."""
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text, re.IGNORECASE) is not None


def _is_word(token: str) -> bool:
    """Whether ``token`` is a word of Latin letters only (where a letter or two is little)."""
    return token.isascii() and token.isalpha()


def _distance(a: str, b: str) -> int:
    """The letters to insert, delete or replace to make ``a`` into ``b``, two
    neighbours swapped counting as one (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
