"""What of a code block a translation may change, and the first line that differs.

Translators translate the prose inside code, and only that:

- comments, in the syntax of the block's language; in a block with no language
  tag (or one not known), the comment markers that start a line of either
  version (``#``, ``//``, ``--``, ``;``, ``%``, ``/* */``, ``<!-- -->``);
- diagram labels (``mermaid``, ``plantuml``, ``dot``): quoted text, what is in
  node brackets, text after ``:``, titles, aliases and the conditions of
  sequence-diagram blocks (``opt``, ``alt``, ``else``, ``loop``, ``par``);
- string literals whose text is prose in the source language (for Chinese,
  Japanese and Korean: any such character; otherwise words and spaces, or
  one capitalised word, a label such as ``"Projects"``, changed beyond its
  case), in the source and, at the same place, in the translation; and a
  string the translation writes in another script (``'SUCCESS'`` as
  ``'УСПЕШНО'``): names in code are not transliterated;
- between Chinese, Japanese or Korean and another language, a line with such
  characters on either side: sample output or a label, translated as a whole;
- a line that is a sentence (words and a full stop), on either side.

What remains (identifiers, keys, commands, paths, versions, numbers) must
match, line for line, blank lines and trailing spaces aside; a line of ``...``
alone stands for the lines the other side shows in its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbcheck.lazyre import lazy
from kbcheck.translations.comments import STYLES, Style, strip_comments_with

DIAGRAMS = frozenset({"mermaid", "plantuml", "puml", "dot", "graphviz"})
_WIDE_LOCALES = ("zh", "ja", "ko")
_WIDE = lazy(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
# letters of a script other than Latin (Greek, Cyrillic, Armenian, Hebrew, Arabic,
# the Indic scripts, Thai, Chinese, Japanese, Korean)
_OTHER_SCRIPT = lazy(r"[\u0370-\u058f\u0590-\u08ff\u0900-\u0e7f\u2e80-\u9fff\uac00-\ud7af]")
_WORDS = lazy(r"^(?=.*[^\W\d_])[\w'’,.!?;:()\- ]*\s[\w'’,.!?;:()\- ]*$", re.UNICODE)
_SPACES = lazy(r"\s+")
_STRING = lazy(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\\n]|\\.)*`')
_WORD = lazy(r"\w+")
_LABEL = lazy(r"[A-Z][a-z]{2,}[.!?:…]?")  # with the punctuation of a label
# a line that is a sentence: three words or more, sentence punctuation only, a full stop
_SENTENCE = lazy(r"^[^\W\d_][\w'’,;\- ]*(?: [\w'’,;\-]+){2,}[.!?]$")
_LINE_MARKERS = ("//", "--", "#", ";", "%")
_BLOCK_MARKERS = (("/*", "*/"), ("<!--", "-->"))
# diagram labels: brackets of node shapes, edge labels, text after ':', titles, aliases
_LABELS = (
    lazy(r"\[[^\]\n]*\]|\([^)\n]*\)|\{[^}\n]*\}|\|[^|\n]*\||>[^\]\n]*\]"),
    lazy(r":[ \t].*$|:[^\s;]*;"),
    lazy(
        r"^(\s*(?:title|section|subgraph|note\b[^:]*|label"
        r"|loop|alt|else|opt|par|and|critical|option|break)\b).*$",  # sequence diagram blocks
        re.IGNORECASE,
    ),
    lazy(r"\s+as\s+.*$"),
)


# tags that name one language for highlighters (Prism, Shiki, Pygments)
_ALIASES = {
    name: names.split()[0]
    for names in (
        "bash sh shell zsh console shell-session shellsession terminal",
        "yaml yml",
        "javascript js",
        "typescript ts",
        "python py python3 py3",
        "markdown md",
        "text txt plain plaintext",
        "dockerfile docker",
        "golang go",
        "rust rs",
        "ruby rb",
        "kotlin kt",
        "csharp cs c#",
        "cpp c++",
        "html htm xhtml",
        "makefile make",
        "powershell ps1",
        "protobuf proto",
        "ini properties conf cfg",
    )
    for name in names.split()
}
# a line that only says code was left out: `...`, `…` (`// ...` once comments are out)
_ELISION = lazy(r"(?:\.{3,}|…+)")
_ELIDED = "\0..."  # an elision, as compared: it stands for any lines of the other side


@dataclass(frozen=True)
class Line:
    """A line of a code block, as compared with its translation."""

    number: int  # 0-based line in the block
    text: str  # as written, stripped
    compared: str  # comments removed, labels masked


@dataclass(frozen=True)
class Difference:
    """The first place two code blocks differ; a side is None past its last line."""

    source: Line | None
    translation: Line | None


def first_difference(
    source: str,
    translation: str,
    language: str,
    source_locale: str,
    locale: str = "",
    translation_language: str | None = None,
) -> Difference | None:
    """Where ``translation`` (a code block of ``language``, in ``locale``) first
    differs from ``source`` beyond what may be translated; None when they match.
    When the translation is tagged otherwise (or not at all), both lose the
    comments of ``translation_language`` too."""
    styles = [_style(language, source, translation)]
    if translation_language is not None:
        styles.append(_style(translation_language, source, translation))
    styles = [style for style in dict.fromkeys(styles) if style is not None]
    a = _lines(source, language, styles)
    b = _lines(translation, language, styles)
    if language.strip().lower() not in DIAGRAMS:  # sentences are prose, not code
        a = [line for line in a if not _SENTENCE.match(line.compared)]
        b = [line for line in b if not _SENTENCE.match(line.compared)]
    same = _same_words if language.strip().lower() in DIAGRAMS else _same
    # a line written in Chinese, Japanese or Korean on either side is prose (sample
    # output, a label), translated as a whole
    wide = any(loc.split("-")[0].lower() in _WIDE_LOCALES for loc in (source_locale, locale))

    def prose(text: str) -> bool:
        return _prose(text, source_locale) or (bool(locale) and _prose(text, locale))

    if _squeezed(a, prose) == _squeezed(b, prose):
        return None  # the same code, wrapped or aligned differently
    i = j = 0
    while i < len(a) or j < len(b):
        s = a[i] if i < len(a) else None
        t = b[j] if j < len(b) else None
        i, j = i + 1, j + 1
        if s is not None and t is not None and s.compared == t.compared == _ELIDED:
            continue  # both leave the same lines out
        if s is not None and s.compared == _ELIDED:  # what the other side shows instead
            nxt = a[i] if i < len(a) else None
            j = _past(b, j - 1, nxt, lambda x, line: same(x.compared, line.compared, source_locale))
            continue
        if t is not None and t.compared == _ELIDED:
            nxt = b[j] if j < len(b) else None
            i = _past(a, i - 1, nxt, lambda x, line: same(line.compared, x.compared, source_locale))
            continue
        if s is None or t is None:
            extra = t if s is None else s
            if wide and extra is not None and _WIDE.search(extra.compared):
                continue  # a line of prose more or less
            return Difference(s, t)
        if not same(s.compared, t.compared, source_locale) and not (
            wide and (_WIDE.search(s.compared) or _WIDE.search(t.compared))
        ):
            return Difference(s, t)
    return None


def _past(lines: list[Line], k: int, after: Line | None, matches) -> int:
    """Where to go on in ``lines`` from ``k``, past what the other side's elision
    stands for: up to the line that ``matches`` the one ``after`` it (to the end
    when the elision is last; nothing when no line matches)."""
    if after is None:
        return len(lines)
    found = next((n for n in range(k, len(lines)) if matches(after, lines[n])), None)
    return k if found is None else found


def same_language(a: str, b: str) -> bool:
    """Whether two code block tags name the same language (``sh`` and ``bash``)."""
    a, b = a.strip().lower(), b.strip().lower()
    return a == b or _ALIASES.get(a, a) == _ALIASES.get(b, b)


def _style(language: str, *texts: str) -> Style | None:
    """The comment syntax of ``language``, or the one the texts show: a marker
    followed by a space at the start of a line."""
    known = STYLES.get(language.strip().lower())
    if known is not None:
        return known
    starts = [line.strip() for text in texts for line in text.splitlines()]

    def opens(marker: str) -> bool:
        return any(s == marker or s.startswith((marker + " ", marker + "\t")) for s in starts)

    line = tuple(m for m in _LINE_MARKERS if opens(m))
    block = tuple(pair for pair in _BLOCK_MARKERS if any(s.startswith(pair[0]) for s in starts))
    if not line and not block:
        return None
    return Style(line=line, block=block, word_start=True, spaced=True)


def _lines(code: str, language: str, styles: list[Style]) -> list[Line]:
    kept = code
    for style in styles:
        kept = strip_comments_with(kept, style)
    diagram = language.strip().lower() in DIAGRAMS
    out = []
    for number, (raw, line) in enumerate(zip(code.splitlines(), kept.splitlines(), strict=False)):
        compared = _SPACES.sub(" ", line.strip())  # alignment is not code
        compared = compared.removeprefix("$ ")  # nor a shell prompt
        if diagram:
            compared = _mask_labels(compared)
        if _ELISION.fullmatch(compared):
            compared = _ELIDED
        if compared.strip():
            out.append(Line(number, raw.strip(), compared.strip()))
    return out


def _squeezed(lines: list[Line], prose) -> str:
    """The code of ``lines`` without spaces, and without the text of strings that
    are ``prose``."""
    code = "".join(line.compared for line in lines if line.compared != _ELIDED)
    code = _STRING.sub(lambda m: m[0][0] * 2 if prose(m[0][1:-1]) else m[0], code)
    return _SPACES.sub("", code)


def _mask_labels(line: str) -> str:
    line = _STRING.sub('""', line)
    for pattern in _LABELS:
        line = pattern.sub(lambda m: m.group(1) if m.groups() else "", line)
    return line


def _same(source: str, translation: str, locale: str) -> bool:
    """Equal, once the source's prose strings and the strings at the same place
    in the translation are set aside."""
    if source == translation:
        return True
    a, b = _STRING.split(source), _STRING.split(translation)
    if a != b:
        return False
    for s, t in zip(_STRING.findall(source), _STRING.findall(translation), strict=True):
        if s == t or _prose(s[1:-1], locale) or _label(s[1:-1], t[1:-1], locale):
            continue
        if not _OTHER_SCRIPT.search(s) and _OTHER_SCRIPT.search(t):
            continue  # put into the translation's script: text, not a name of the code
        return False
    return True


def _label(source: str, translation: str, locale: str) -> bool:
    """A one-word label in a Latin-script source (`"Projects"`), translated: a new
    word, not the same one in another case (`"zipkin"` is a changed name)."""
    if locale.split("-")[0].lower() in _WIDE_LOCALES or not _LABEL.fullmatch(source):
        return False
    return source.lower() != translation.lower()


def _same_words(source: str, translation: str, locale: str) -> bool:
    """Diagram lines: the same arrows and shapes, and the same words but where the
    source's word is prose (a node named in the source language)."""
    a, b = _WORD.split(source), _WORD.split(translation)
    if a != b:
        return False
    words = zip(_WORD.findall(source), _WORD.findall(translation), strict=True)
    return all(s == t or _prose(s, locale) for s, t in words)


def _prose(text: str, locale: str) -> bool:
    if locale.split("-")[0].lower() in _WIDE_LOCALES:
        return bool(_WIDE.search(text))
    return bool(_WIDE.search(text)) or bool(_WORDS.match(text.strip()))
