"""What of a code block a translation may change, and the first line that differs.

Translators translate the prose inside code, and only that:

- comments, in the syntax of the block's language (a tag's options aside:
  ``js{1,4}``, ``ts:line-numbers``); in a block with no language tag (or one
  not known), the comment markers that start a line of either version, or
  follow its code after two spaces (``#``, ``//``, ``--``, ``;``, ``%``,
  each also repeated, ``## note``; ``/* */``, ``<!-- -->``); in a terminal
  session, ``//`` notes too;
- diagram labels (``mermaid``, ``plantuml``, ``dot``): quoted text, what is in
  node brackets, text after ``:``, titles, aliases and the conditions of
  sequence-diagram blocks (``opt``, ``alt``, ``else``, ``loop``, ``par``);
- the text of templates (``html``, ``vue``, ``vue-html``, ``js-vue``, ``svelte``), between
  tags and around ``{{ }}``; in ``xml``, text of words only (a value such as
  ``<version>1.3.0</version>`` stays);
- string literals whose text is prose in the source language (for Chinese,
  Japanese and Korean: any such character; otherwise words and spaces, markup
  aside, one capitalised word, a label such as ``"Projects"``, changed beyond
  its case, or a name that is a phrase, ``'lib-that-access-window-on-import'``),
  in the source and, at the same place, in the translation; the value of a key
  named for text (``closeKeyAriaLabel: 'esc'`` as ``'Esc'``); and a string the
  translation writes in another script (``'SUCCESS'`` as ``'УСПЕШНО'``), or
  with accented letters where the source's has none (``'your-carbon-code'`` as
  ``'tu-código-carbon'``): names in code are not transliterated, and are
  ASCII; a placeholder (``'<YOUR_ID>'``); a plain YAML value is a string;
- a value to fill in described in words (``[your container id or name]``,
  ``<file name>``);
- the locale an example names, as the reader's own (``zh: {`` as ``ru: {``,
  ``'zh-CN'`` as ``'ru-RU'``, ``'zh-Hans'`` as ``'ru'``, ``/en-us/docs`` as
  ``/zh-cn/docs``);
- the quotes of a string that expands nothing (``"desert"`` as ``'desert'``;
  ``"$HOME"`` stays);
- the site of a path: a mirror near the reader (``https://gitee.com/ossrs/srs.git``
  for ``https://github.com/ossrs/srs.git``, an image from another registry,
  ``registry.cn-hangzhou.aliyuncs.com/ossrs/srs:5`` for ``ossrs/srs:5``), but
  not another host of the same site;
- between Chinese, Japanese or Korean and another language, a line with such
  characters on either side: sample output or a label, translated as a whole,
  and a passage of such lines with the lines it stands for on the other side
  (prose wrapped on fewer or more lines);
- a line that is a sentence (words and a full stop), on either side; a line
  of three words or more, words only, written with other words; in a block of
  no known language (a file tree, a mapping), words in parentheses.

What remains (identifiers, keys, commands, paths, versions, numbers) must
match, line for line, blank lines, spaces, the width of a rule (``------``) and
a closing ``,`` or ``;`` aside; or, as a whole, wrapped and formatted otherwise
(a comma before a closing bracket, a ``;`` after a statement, ``(entry) =>``
for ``entry =>``; a ``;`` alone is code). A full-width comma or colon is code
too (``"2"，``), where a line with Chinese, Japanese or Korean letters or
full-width brackets is prose;
a command continued with ``\\`` is one line, however it is wrapped; a systemd
unit is the same with or without ``.service`` (``systemctl restart nginx``);
a line of ``...`` alone stands for the lines the other side shows in its place.
In a terminal session on both sides (shell or untagged blocks of ``$ `` commands),
what a command printed is sample output: pod names, ages and ids change from
run to run, and only the commands (and the input of a ``<<EOF`` document) are
compared.
"""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

from kbcheck.lazyre import lazy
from kbcheck.translations.comments import STYLES, Style, strip_comments_with
from kbcheck.translations.hosts import domain

DIAGRAMS = frozenset({"mermaid", "plantuml", "puml", "dot", "graphviz"})
# languages with text between tags: a template's text is prose
MARKUP = frozenset({"html", "htm", "xhtml", "xml", "vue-html", "js-vue", "vue", "svelte"})
_DATA_MARKUP = frozenset({"xml"})  # its text holds values too (`<version>1.3.0</version>`)
# what of a markup block is not text: tags (over lines too), interpolations, scripts
_TAGGED = lazy(
    r"(?P<code><(script|style)\b[\s\S]*?</\2\s*>|<[A-Za-z/!?][^<>]*>|\{\{[\s\S]*?\}\})"
    r"|[^<{]+|[<{]"
)
# `key: value` in YAML, the value not quoted, nor a list, a map or a block
_YAML_VALUE = lazy(r"^((?:- )?[\w.\-/]+: )([^\"'\[{|>&*!].*)$")
# a date and a time of day (ISO 8601, or a log's `2024-05-16 10:20:30,123`): the moment a
# sample was made, not code
_MOMENT = lazy(
    r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\b"
)
# an address of the reader's own machine or network (`127.0.0.1`, `192.168.1.170`,
# `10.0.0.5`, `localhost`): an example each reader puts their own in
_OWN_HOST = lazy(
    r"(?<![\w.])(?:localhost|127(?:\.\d{1,3}){3}|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}"
    r"|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})(?![\w.])"
)
# Chinese, Japanese and Korean, by language or by the country a site names its folder
# after (`content/cn`)
_WIDE_LOCALES = ("zh", "ja", "ko", "cn", "tw", "hk", "jp", "kr")

# the letters of Chinese, Japanese and Korean (kana, the unified ideographs, hangul),
# as a regular expression's character class holds them
WIDE_LETTERS = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# their letters and brackets: a full-width comma or colon alone (`"2"，`) is a typo
# in code, where `（TP8，BF16）` is an aside written in Chinese
_WIDE = lazy(
    r"[\u2e80-\u2fff\u3005-\u3011\u3014-\u301b\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff"
    r"\uff08\uff09\uff21-\uff3a\uff41-\uff5a\uff66-\uff9f]"
)


def writes_wide(locale: str) -> bool:
    """Whether ``locale`` is written in Chinese, Japanese or Korean."""
    return locale.split("-")[0].lower() in _WIDE_LOCALES


# letters of a script other than Latin (Greek, Cyrillic, Armenian, Hebrew, Arabic,
# the Indic scripts, Thai, Chinese, Japanese, Korean)
_OTHER_SCRIPT = lazy(r"[\u0370-\u058f\u0590-\u08ff\u0900-\u0e7f\u2e80-\u9fff\uac00-\ud7af]")
_PUNCTUATION = r"'’,.!?;:()\-–—&©®™+%“”«»¿¡…|"  # of prose, not of code
# words in parentheses after a space: an aside, not a call
_ASIDE = lazy(r"\s+\([^()\n]*[^\W\d_]{2,}\s+[^\W\d_]{2,}[^()\n]*\)")
# a line of words in another script than Latin, in a block of a Latin-script source
_FOREIGN = lazy(
    r"[^A-Za-z=(){}\[\];<>]*[\u0370-\u058f\u0590-\u08ff\u0900-\u0e7f][^A-Za-z=(){}\[\];<>]*"
)
_ACCENTED = lazy(r"[À-ÖØ-öø-ÿĀ-ɏ]")  # Latin letters beyond ASCII
_PLACEHOLDER = lazy(r"<[^<>=/]+>")  # a value for the reader to fill in
# a value to fill in, described in words: `[your container id or name]`, `<file name>`
_DESCRIBED = lazy(r"\[[^\W\d_]+(?: [^\W\d_]+)+\]|<[^\W\d_]+(?: [^\W\d_]+)+>")
_MARKUP_TAG = lazy(r"</?[A-Za-z][^<>]*>")  # `Released under <a href="...">MIT</a>`
_EMOJI = lazy(
    r"[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]"
)  # `Because they make up everything! 😄`
# a file or module named with five words or more: a name of prose
_PHRASE = lazy(r"(?:[\w.@-]*/)*[^\W\d_]+(?:-[^\W\d_]+){4,}(?:\.\w+)?")
_WORDS = lazy(rf"^(?=.*[^\W\d_])[\w{_PUNCTUATION} ]*\s[\w{_PUNCTUATION} ]*$")
_SPACES = lazy(r"\s+")
_PLAIN = lazy(r"[^\W\d_]+(?: [^\W\d_]+){2,}")  # three words or more, nothing else
_RULE = lazy(r"([-=─━═])\1{2,}")  # `------------------|` under a header
_QUOTED = lazy(r'"[^"\n]*"|\'[^\'\n]*\'')
_STRING = lazy(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\\n]|\\.)*`')
_WORD = lazy(r"\w+")
_TOKEN = lazy(r"\w+|[^\w\s]")
_TEXT_NAMES = "label|text|title|placeholder|message|description|tooltip|caption"
# a key named for text: `label:`, `closeText:`, `closeKeyAriaLabel:`, `aria-label=`
_TEXT_KEY = lazy(
    rf"(?:(?<![\w$])|(?<=[_-]))(?:{_TEXT_NAMES})[\"']?\s*[:=]\s*$"
    rf"|(?<=[a-z0-9])(?:{_TEXT_NAMES.title()})[\"']?\s*[:=]\s*$"
)
_EXPANDED = lazy(r"[$\\`]")  # what a shell expands in double quotes and not in single
_LOCALE_TAG = lazy(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")  # 'zh-Hans', 'pt-BR'
# what a formatter adds or leaves out (strings as \x01): a comma before a closing
# bracket, a semicolon after a statement
_OPTIONAL = lazy(r",(?=[)\]}])|(?<=[\w)\]}\x01]);")
_ARROW = lazy(r"(?<![\w$])\((\w+)\)=>")
_LOCALE = lazy(r"[a-z]{2,3}|[A-Z]{2}")  # a language or region subtag
_REGION = lazy(r"[A-Z]{2}")
_LABEL = lazy(r"[A-Z][a-z]{2,}[.!?:…]?")  # with the punctuation of a label
_CAMEL = lazy(r"(?:[A-Z][a-z]+){2,}")  # a label of two words run together
# a line that is a sentence: three words or more, sentence punctuation only, a full stop
_SENTENCE = lazy(r"^[^\W\d_][\w'’,;\- ]*(?: [\w'’,;\-]+){2,}[.!?]$")
_LINE_MARKERS = ("//", "--", "#", ";", "%")
_BLOCK_MARKERS = (("/*", "*/"), ("<!--", "-->"))
# a comment marker a block shows: starting a line, or after code and two spaces
_SHOWN = {
    marker: lazy(r"(?:^[ \t]*|\S[ \t]{2,})(?:" + re.escape(marker) + r")+(?:[ \t]|$)", re.M)
    for marker in _LINE_MARKERS
}
_OPENED = {pair: lazy(r"^[ \t]*" + re.escape(pair[0]), re.M) for pair in _BLOCK_MARKERS}
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
_UNIT = lazy(r"(?<=[\w@])\.service\b")  # what systemctl adds to a unit named without a suffix
_HEREDOC = lazy(r"<<-?\s*['\"]?(\w+)")  # `cat <<EOF`: the lines up to EOF are input
_SHELLS = frozenset({"", "bash", "sh", "shell", "zsh", "console", "shell-session", "terminal"})
_ELIDED = "\0..."  # an elision, as compared: it stands for any lines of the other side
_TAG = lazy(r"[^{:\[(=]*")  # a tag's language, before its options
# a host in front of a path: a URL's (`https://gitee.com/ossrs/srs.git`), or an
# image's registry (`registry.cn-hangzhou.aliyuncs.com/ossrs/srs:5`)
_HOST_NAME = r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}"
_HOSTED = lazy(
    rf"(?<=://)(?P<url>{_HOST_NAME})(?=[:/])|(?<![\w.@/:-])(?P<registry>{_HOST_NAME})(?::\d+)?/"
)


class Line(NamedTuple):
    """A line of a code block, as compared with its translation."""

    number: int  # 0-based line in the block
    text: str  # as written, stripped
    compared: str  # comments removed, labels masked
    parts: tuple[Line, ...] = ()  # the lines of a command continued with `\\`


class Difference(NamedTuple):
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
    sessions = _session(source, language) and _session(translation, language)
    a = _lines(source, language, styles, sessions)
    b = _lines(translation, language, styles, sessions)

    def same_string(s: str, t: str) -> bool:
        return _same_string(s, t, source_locale, locale)

    if _reflowed(a, b, same_string):
        return None  # the same code, wrapped or formatted otherwise
    counted = len(a), len(b)
    if language.strip().lower() not in DIAGRAMS:  # sentences are prose, not code
        a = [line for line in a if not _SENTENCE.match(line.compared)]
        b = [line for line in b if not _SENTENCE.match(line.compared)]
    if not writes_wide(source_locale):  # nor a line of such words
        a = [line for line in a if not _FOREIGN.fullmatch(line.compared)]
        b = [line for line in b if not _FOREIGN.fullmatch(line.compared)]
    diagram = language.strip().lower() in DIAGRAMS

    def same(s: Line, t: Line) -> bool:
        source = s.compared
        translation = _mirrored(source, _delocalised(source, t.compared, locale))
        a, b = source.rstrip(",;"), translation.rstrip(",;")
        return (
            _bare(source) == _bare(translation)
            or (_same_words(a, b, source_locale) if diagram else _same(a, b, same_string))
            or _reworded(source, translation)
        )

    # a line written in Chinese, Japanese or Korean on either side is prose (sample
    # output, a label), translated as a whole
    wide = writes_wide(source_locale) or writes_wide(locale)
    if (len(a), len(b)) != counted and _reflowed(a, b, same_string):
        return None  # the same code, once its lines of prose are left out
    if wide:
        a, b = _untranslated(a, b)
    i = j = 0
    while i < len(a) or j < len(b):
        s = a[i] if i < len(a) else None
        t = b[j] if j < len(b) else None
        i, j = i + 1, j + 1
        if s is not None and t is not None and s.compared == t.compared == _ELIDED:
            continue  # both leave the same lines out
        if s is not None and s.compared == _ELIDED:  # what the other side shows instead
            nxt = a[i] if i < len(a) else None
            j = _past(b, j - 1, nxt, same)
            continue
        if t is not None and t.compared == _ELIDED:
            nxt = b[j] if j < len(b) else None
            i = _past(a, i - 1, nxt, lambda x, line: same(line, x))
            continue
        if s is None or t is None:
            extra = t if s is None else s
            if wide and extra is not None and _WIDE.search(extra.compared):
                continue  # a line of prose more or less
            return Difference(s, t)
        if not same(s, t) and not (wide and (_WIDE.search(s.compared) or _WIDE.search(t.compared))):
            return Difference(*_pinpointed(s, t))
    return None


def change(found: Difference) -> tuple | None:
    """What the first differing line changes, word by word: a block that makes the
    same change (a path renamed, a version not updated) shows the same cause."""
    if found.source is None or found.translation is None:
        return None
    a, b = _TOKEN.findall(found.source.compared), _TOKEN.findall(found.translation.compared)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return tuple(
        (tuple(a[i1:i2]), tuple(b[j1:j2])) for tag, i1, i2, j1, j2 in ops if tag != "equal"
    )


def _untranslated(a: list[Line], b: list[Line]) -> tuple[list[Line], list[Line]]:
    """The lines of two blocks less the passages one side writes in Chinese,
    Japanese or Korean, with the lines they stand for on the other side: prose
    wrapped on more or fewer lines (a box of text, sample output), up to three
    lines for one; more is code the translation lacks."""
    matcher = difflib.SequenceMatcher(
        None, [_bare(x.compared) for x in a], [_bare(x.compared) for x in b], autojunk=False
    )

    def stands_for(lines: list[Line], others: list[Line]) -> bool:  # prose rewrapped, not code
        return (
            bool(lines)
            and all(_WIDE.search(x.compared) for x in lines)
            and (len(others) <= 3 * len(lines))
        )

    left, right = set(), set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a_lines, b_lines = a[i1:i2], b[j1:j2]
        if tag != "equal" and (stands_for(a_lines, b_lines) or stands_for(b_lines, a_lines)):
            left.update(range(i1, i2))
            right.update(range(j1, j2))
    return [x for n, x in enumerate(a) if n not in left], [
        x for n, x in enumerate(b) if n not in right
    ]


def outline(code: str, language: str) -> str:
    """A block as aligned with the other page's blocks: its code without comments
    (in the syntax its language has or its lines show), strings blank, spaces and
    blank lines aside."""
    style = _style(language, code)
    kept = code if style is None else strip_comments_with(code, style)
    return _SPACES.sub("", _QUOTED.sub('""', kept))


def _past(lines: list[Line], k: int, after: Line | None, matches) -> int:
    """Where to go on in ``lines`` from ``k``, past what the other side's elision
    stands for: up to the line that ``matches`` the one ``after`` it (to the end
    when the elision is last; nothing when no line matches)."""
    if after is None:
        return len(lines)
    found = next((n for n in range(k, len(lines)) if matches(after, lines[n])), None)
    return k if found is None else found


def language_of(tag: str) -> str:
    """The language a code block's tag names, without the options highlighters
    read after it (``js{1,4}``, ``ts:line-numbers``, ``python[title]``)."""
    return _TAG.match(tag.strip().lower())[0]


def same_language(a: str, b: str) -> bool:
    """Whether two code block tags name the same language (``sh`` and ``bash``)."""
    a, b = language_of(a), language_of(b)
    return a == b or _ALIASES.get(a, a) == _ALIASES.get(b, b)


def _style(language: str, *texts: str) -> Style | None:
    """The comment syntax of ``language``, or the one the texts show: a marker
    followed by a space at the start of a line, or after code and two spaces
    (``├─ docs    # project root``)."""
    known = STYLES.get(language.strip().lower())
    if known is not None:
        return known
    line = tuple(m for m, shown in _SHOWN.items() if any(m in t and shown.search(t) for t in texts))
    block = tuple(
        pair
        for pair, shown in _OPENED.items()
        if any(pair[0] in t and shown.search(t) for t in texts)
    )
    if not line and not block:
        return None
    return Style(line=line, block=block, word_start=True, spaced=True)


def _session(code: str, language: str) -> bool:
    """Whether a block is a terminal session: shell commands after a ``$ `` prompt."""
    return language.strip().lower() in _SHELLS and any(
        line.lstrip().startswith("$ ") for line in code.splitlines()
    )


def _printed(lines: list[str]) -> set[int]:
    """The lines of a terminal session that its commands printed."""
    out: set[int] = set()
    printing, continued, document = False, False, None
    for number, line in enumerate(lines):
        text = line.strip()
        if document is not None:  # input to the command
            document = None if text == document else document
        elif text.startswith("$ "):
            heredoc = _HEREDOC.search(text)
            document = heredoc[1] if heredoc else None
            printing, continued = True, text.endswith("\\")
        elif continued:
            continued = text.endswith("\\")
        elif printing:
            out.add(number)
    return out


def _lines(code: str, language: str, styles: list[Style], session: bool = False) -> list[Line]:
    kept = code
    for style in styles:
        kept = strip_comments_with(kept, style)
    language = language.strip().lower()
    if language in MARKUP:
        prose = _text if language in _DATA_MARKUP else _letters
        kept = _TAGGED.sub(lambda m: m[0] if m["code"] else _mask_text(m[0], prose), kept)
    diagram = language in DIAGRAMS
    yaml = language in ("yaml", "yml")
    sketch = language not in STYLES and not diagram  # a file tree, a mapping: not a language
    out = []
    printed = _printed(code.splitlines()) if session else set()
    for number, (raw, line) in enumerate(zip(code.splitlines(), kept.splitlines(), strict=False)):
        if number in printed:
            continue
        compared = _SPACES.sub(" ", line.strip())  # alignment is not code
        compared = compared.removeprefix("$ ")  # nor a shell prompt
        compared = compared.removeprefix("sudo ")  # nor whether the reader is root
        if "systemctl " in compared:
            compared = _UNIT.sub("", compared)
        compared = _DESCRIBED.sub(lambda m: m[0][0] + m[0][-1], compared)
        compared = _RULE.sub(r"\1\1\1", compared)  # a table's rule, as wide as its text
        compared = _MOMENT.sub("<moment>", compared)  # when a sample ran or was printed
        compared = _OWN_HOST.sub("own_host", compared)  # the reader's own machine
        if diagram:
            compared = _mask_labels(compared)
        elif yaml:  # a plain value is a string: prose when it is words
            compared = _YAML_VALUE.sub(r'\1"\2"', compared)
        elif sketch:  # `index.md  -->  /index.html (accessible as /)`
            compared = _ASIDE.sub("", compared)
        if _ELISION.fullmatch(compared):
            compared = _ELIDED
        compared = compared.strip()
        if out and out[-1].compared.endswith("\\"):  # one command, continued
            first = out.pop()
            part = Line(number, raw.strip(), compared)
            joined = f"{first.compared[:-1].rstrip()} {compared}"
            out.append(Line(first.number, first.text, joined, (*(first.parts or [first]), part)))
        elif compared:
            out.append(Line(number, raw.strip(), compared))
    return out


def _pinpointed(s: Line, t: Line) -> tuple[Line, Line]:
    """The lines of two commands continued over lines that hold their first word
    that differs, however each is wrapped."""
    a, b = _words_of(s), _words_of(t)
    pairs = enumerate(zip(a, b, strict=False))
    n = next((n for n, (x, y) in pairs if x[1] != y[1]), min(len(a), len(b)))
    return _line_of(s, a, n), _line_of(t, b, n)


def _words_of(command: Line) -> list[tuple[int, str]]:
    """The words of a command, each with the index of the line it is on."""
    parts = command.parts or (command,)
    return [(k, word) for k, part in enumerate(parts) for word in part.compared.split()
            if word != "\\"]  # fmt: skip


def _line_of(command: Line, words: list[tuple[int, str]], n: int) -> Line:
    """The line of ``command`` that holds its ``n``-th word (or its last)."""
    if not words:
        return command
    return (command.parts or (command,))[words[min(n, len(words) - 1)][0]]


def _bare(line: str) -> str:
    """A line without its spaces and its closing ``,`` or ``;``: the same code,
    formatted otherwise (``data () {``, a trailing comma)."""
    return _SPACES.sub("", line).rstrip(",;")


def _mask_text(text: str, prose) -> str:
    """Text between tags, less its prose (a heading, a label), line by line."""
    return "\n".join("" if prose(line.strip()) else line for line in text.split("\n"))


def _text(text: str) -> bool:
    """Words, a label, or text in another script than Latin's: not a value."""
    return bool(text) and bool(
        _OTHER_SCRIPT.search(text) or _WORDS.match(text) or _LABEL.fullmatch(text)
    )


def _letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _reflowed(a: list[Line], b: list[Line], same_string) -> bool:
    """Whether two blocks hold the same code wrapped, aligned or formatted
    otherwise: the same code between strings, spaces and line breaks aside,
    and strings that are ``same_string``."""
    codes = ["".join(x.compared for x in lines if x.compared != _ELIDED) for lines in (a, b)]
    if _SPACES.sub("", codes[0]) == _SPACES.sub("", codes[1]):
        return True
    if not (codes[0] and codes[1]):
        return False
    source, translation = ([m[0] for m in _STRING.finditer(code)] for code in codes)
    if len(source) != len(translation) or _formatted(codes[0]) != _formatted(codes[1]):
        return False
    pairs = zip(source, translation, _texts(codes[0]), strict=True)
    return all(text or same_string(s, t) for s, t, text in pairs)


def _texts(code: str) -> list[bool]:
    """For each string of ``code``, whether it is the value of a key named for
    text (``closeKeyAriaLabel: 'esc'``, ``placeholder=``): words for the reader,
    whatever their case."""
    return [bool(_TEXT_KEY.search(before)) for before in _STRING.split(code)[:-1]]


def _formatted(code: str) -> str:
    """Code between its strings, as a formatter may leave it: without spaces, a
    comma before a closing bracket, a semicolon that ends a statement, nor the
    parentheses of an arrow function's one parameter (``(entry) =>``)."""
    code = _SPACES.sub("", _STRING.sub("\x01", code))
    code = _OPTIONAL.sub("", code)
    return _ARROW.sub(r"\1=>", code)


def _mask_labels(line: str) -> str:
    line = _STRING.sub('""', line)
    for pattern in _LABELS:
        line = pattern.sub(lambda m: m.group(1) if m.groups() else "", line)
    return line


def _same(source: str, translation: str, same_string) -> bool:
    """Equal, once the strings that are ``same_string`` are set aside."""
    if source == translation:
        return True
    a, b = _STRING.split(source), _STRING.split(translation)
    if a != b:
        return False
    strings = zip(
        _STRING.findall(source), _STRING.findall(translation), _texts(source), strict=True
    )
    return all(text or same_string(s, t) for s, t, text in strings)


def _same_string(s: str, t: str, source_locale: str, locale: str) -> bool:
    """Whether the string literal ``t`` (quotes included) of a translation in
    ``locale`` may stand where the source has ``s``: the same text (in other
    quotes, when nothing in it is expanded), text that is prose (in the source,
    or on both sides), a label translated, or the reader's own locale."""
    a, b = s[1:-1], t[1:-1]
    if s == t or (a == b and a and not _EXPANDED.search(a) and "`" not in s[0] + t[0]):
        return True
    if _prose(a, source_locale) or _label(a, b, source_locale):
        return True
    if locale and _prose(a, locale) and (_prose(b, source_locale) or _prose(b, locale)):
        return True
    if _PLACEHOLDER.fullmatch(a) and _PLACEHOLDER.fullmatch(b):
        return True  # '<YOUR_FIREBASE_ID>' as '<SU_ID_FIREBASE>'
    if not _OTHER_SCRIPT.search(s) and _OTHER_SCRIPT.search(t):
        return True  # put into the translation's script: text, not a name of the code
    if s.isascii() and _ACCENTED.search(t):
        return True  # 'your-carbon-code' as 'tu-código-carbon': names in code are ASCII
    own = locale.split("-")[0].lower()  # 'zh-Hans' as 'ru': the example's locale, the reader's
    return bool(own and _LOCALE_TAG.fullmatch(a) and _LOCALE_TAG.fullmatch(b)) and (
        b.split("-")[0].split("_")[0].lower() == own
    )


def _mirrored(source: str, translation: str) -> str:
    """``source`` when ``translation`` is the same line with the same paths on other
    sites: a mirror the translation's readers reach (`gitee.com` for
    `github.com`, an image from a registry near them, `ossrs/srs:5` as
    `registry.cn-hangzhou.aliyuncs.com/ossrs/srs:5`). A host changed within
    its site (`eventmesh.incubator.apache.org` as `eventmesh.apache.org`) stays a
    difference."""
    if _HOSTED.sub("", source) != _HOSTED.sub("", translation):
        return translation
    ours = [m["url"] or m["registry"] for m in _HOSTED.finditer(source)]
    theirs = [m["url"] or m["registry"] for m in _HOSTED.finditer(translation)]
    if len(ours) == len(theirs) and any(
        a != b and domain(a) == domain(b) for a, b in zip(ours, theirs, strict=True)
    ):
        return translation
    return source


def _delocalised(source: str, translation: str, locale: str) -> str:
    """``translation`` with the source's locale where it names its own: an example
    localised for its reader (``zh: {`` as ``ru: {``, ``'zh-CN'`` as ``'ru-RU'``,
    ``/en-us/docs`` as ``/zh-cn/docs``, ``'/guide/'`` as ``'/ru/guide/'``)."""
    own = locale.split("-")[0].lower()
    moved = _WORD.split(source) != _WORD.split(translation)
    if own and moved and f"/{locale.lower()}/" not in source.lower():  # into its folder
        folder = rf"(?<=['\"(])/{re.escape(locale)}/(?=\w)"
        translation = re.sub(folder, "/", translation, flags=re.I)
    if not own or _WORD.split(source) != _WORD.split(translation):
        return translation
    words = list(zip(_WORD.findall(source), _WORD.findall(translation), strict=True))

    def language(s: str, t: str) -> bool:
        return s != t and t.lower() == own and bool(_LOCALE.fullmatch(s))

    separators = _WORD.split(translation)

    def region(n: int, s: str, t: str) -> bool:  # once the line names the reader's language
        if _REGION.fullmatch(s) and _REGION.fullmatch(t):
            return True
        tagged = n > 0 and separators[n] in ("-", "_") and language(*words[n - 1])
        return tagged and bool(_REGION.fullmatch(s.upper()) and _REGION.fullmatch(t.upper()))

    if not any(language(s, t) for s, t in words):
        return translation
    kept = [s if language(s, t) or region(n, s, t) else t for n, (s, t) in enumerate(words)]
    return "".join(sep + word for sep, word in zip(separators, [*kept, ""], strict=True))


def _reworded(source: str, translation: str) -> bool:
    """Two lines of three words or more, words only, with no word in common: a
    note written otherwise (``Configuring environment variable`` as ``config env
    varible``), not a command changed (``git pull origin main``)."""
    if not (_PLAIN.fullmatch(source) and _PLAIN.fullmatch(translation)):
        return False
    return not set(source.lower().split()) & set(translation.lower().split())


def _label(source: str, translation: str, locale: str) -> bool:
    """A one-word label in a Latin-script source (`"Projects"`), translated: a new
    word, not the same one in another case (`"zipkin"` is a changed name)."""
    if writes_wide(locale):
        return False
    if _CAMEL.fullmatch(source) and " " in translation:  # 'QuickFix' as 'Arreglo Rapido'
        return bool(_WORDS.match(translation))
    return bool(_LABEL.fullmatch(source)) and source.lower() != translation.lower()


def _same_words(source: str, translation: str, locale: str) -> bool:
    """Diagram lines: the same arrows and shapes, and the same words but where the
    source's word is prose (a node named in the source language)."""
    a, b = _WORD.split(source), _WORD.split(translation)
    if a != b:
        return False
    words = zip(_WORD.findall(source), _WORD.findall(translation), strict=True)
    return all(s == t or _prose(s, locale) for s, t in words)


def _prose(text: str, locale: str) -> bool:
    """Whether a string's text is prose in ``locale``: words (markup and emoji
    aside), or a name that is a phrase (``'lib-that-access-window-on-import'``)."""
    if writes_wide(locale):
        return bool(_WIDE.search(text))
    words = _EMOJI.sub("", _MARKUP_TAG.sub("", text)).strip()
    return bool(_WIDE.search(text) or _WORDS.match(words) or _PHRASE.fullmatch(text))
