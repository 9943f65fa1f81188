from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kbcheck.diagnostics import Finding, Severity
from kbcheck.lazyre import lazy
from kbcheck.rules.base import ParityRule
from kbcheck.translations.code import Difference, first_difference, same_language
from kbcheck.translations.comments import normalize_code
from kbcheck.translations.parity import Mismatch
from kbcheck.validation import STRICT

FREE = ["text", "txt", "plain", "plaintext", "prompt", "markdown", "md", "mdx"]


@dataclass
class Options:
    """The options of code-mismatch."""

    __pydantic_config__ = STRICT
    # blocks whose content may be translated
    free_languages: list[str] = field(default_factory=lambda: list(FREE))


class CodeMismatch(ParityRule):
    """A translation's code blocks differ from its source's.

    Blocks are paired in order within the matched sections (a block kept in a
    section KB507 reports is not one more finding; a block split in two, a
    command and its output, is the same code). The code is compared line by
    line, leaving out what translators translate:
    comments (in the syntax of the block's language, `#`, `//`, `/* */`,
    `<!-- -->`, `--`, ...; in a block without a language tag, the markers
    that start its lines), diagram labels (`mermaid`, `plantuml`, `dot`),
    string literals whose text is prose in the source language, and, between
    Chinese, Japanese or Korean and another language, lines written in those
    scripts on either side (sample output, labels). What
    remains (identifiers, keys, commands, paths, versions, numbers) must
    match. The message names the first line that differs, on both pages.
    Trailing spaces and blank lines do not count; an elision (`...`,
    `/* ... */`) stands for the lines the other side shows in its place.
    Blocks in the languages of `free_languages` (prose, prompts) may differ
    in content. A tag naming the same language (`sh` and `bash`, `yml`
    and `yaml`) is fine; another tag on the same code changes only its
    highlighting: one info finding for the page.

    ## Why
    Code is not translated: a difference means one locale got a fix the other
    did not (or a machine translation renamed a key), and readers copy the
    broken one.

    ## Bad
    ```
    # source: apiVersion: v1     # 版本
    # translation: apiversion: v1  # version
    ```

    ## Good
    ```
    # source: top_k=5  # 取前五条
    # translation: top_k=5  # take the first five
    ```

    ## Options
    `free_languages`: languages whose block content may be translated
    (default: text, txt, plain, plaintext, prompt, markdown, md, mdx).
    """

    code = "KB509"
    name = "code-mismatch"
    Options = Options

    def compare(self, page, pair, ctx) -> Iterable[Finding]:
        source, target = pair.reference.code_blocks, page.code_blocks
        if [(b.language, b.code) for b in source] == [(b.language, b.code) for b in target]:
            return  # identical to the letter
        free = {lang.lower() for lang in self.options.free_languages}
        locale = ctx.config.source_locale

        def key(block):
            lang = block.language.lower()
            return None if lang in free else outline(block.code, lang)

        def differs(s_code: str, t_code: str, s, t):
            language = s.language.lower() or t.language.lower()  # a tag added is harmless
            if language in free or t.language.lower() in free:
                return None
            return first_difference(
                s_code, t_code, language, locale, str(page.locale), t.language.lower()
            )

        found = _unmoved(pair.diff(source, target, key, equal=True), pair, key)
        retagged = []
        while found:
            m = found.pop(0)
            s, t = m.source, m.translation
            if m.kind in ("changed", "same"):
                difference = differs(s.code, t.code, s, t)
                if difference is not None and _split(found, s, t, differs):
                    difference = None
                if difference is not None:
                    yield _differs(pair, page, s, t, difference)
                elif s.language and t.language and not same_language(s.language, t.language):
                    retagged.append((s, t))
            elif m.kind == "missing":
                yield pair.missing(
                    f"missing the source's {s.language or 'plain'} code block", s.line, s.column
                )
            else:
                yield pair.extra(
                    f"{t.language or 'plain'} code block is not in the source", t.line, t.column
                )
        if retagged:
            yield _retagged(pair, retagged)


def _unmoved(found: list[Mismatch], pair, key) -> list[Mismatch]:
    """The differences, less a block missing in one section and found unchanged in
    another (a paragraph moved with its code), also in a section KB507 reports."""
    lost, added = pair.unmatched(pair.reference.code_blocks, pair.translation.code_blocks)
    extra: dict = {}
    for m in [Mismatch("extra", None, t) for t in added] + found:
        if m.kind == "extra":
            extra.setdefault(key(m.translation), []).append(m)
    missing: dict = {}
    for m in [Mismatch("missing", s) for s in lost] + found:
        if m.kind == "missing":
            missing.setdefault(key(m.source), []).append(m)
    moved = []
    for k in missing.keys() & extra.keys():
        pairs = list(zip(missing[k], extra[k], strict=False))
        moved += [m for both in pairs for m in both]
    return [m for m in found if not any(m is n for n in moved)]


def _split(found: list[Mismatch], s, t, differs) -> bool:
    """Whether the differing blocks ``s`` and ``t`` are one block on one side and
    it and the next block on the other (a command and its output, split or joined);
    the next block is then taken from ``found``."""
    if not found or found[0].kind not in ("missing", "extra"):
        return False
    nxt = found[0]
    if nxt.kind == "extra":
        joined = differs(s.code, t.code + "\n" + nxt.translation.code, s, t)
    else:
        joined = differs(s.code + "\n" + nxt.source.code, t.code, s, t)
    if joined is not None:
        return False
    found.pop(0)
    return True


def _retagged(pair, blocks: list) -> Finding:
    """One info finding for the page: a tag changes only how the same code is
    highlighted."""
    (s, t), more = blocks[0], len(blocks) - 1
    message = f"code block in {t.language!r}; the source's is {s.language!r}"
    if more:
        message = f"{len(blocks)} code blocks tagged apart from the source's, the first "
        message += f"in {t.language!r} where the source's is {s.language!r}"
    finding = pair.at(t.line, t.column, message + " (the same code)", s.line, s.column)
    return replace(finding, severity=Severity.INFO)


def _differs(pair, page, s, t, found: Difference) -> Finding:
    """``line 12: 'apiversion: v1' where the source has 'apiVersion: v1' (line 14)``"""
    s_first, t_first = _first_line(pair.reference, s), _first_line(page, t)
    ref_line = s_first + found.source.number if found.source else s.line
    line = t_first + found.translation.number if found.translation else t.line
    source_line = pair.related(ref_line)[0].line
    if found.translation is None:
        message = f"the code block ends where the source has {found.source.text!r} (line "
        message += f"{source_line})"
    elif found.source is None:
        message = f"line {line}: {found.translation.text!r} is not in the source's code block"
    else:
        message = f"line {line}: {found.translation.text!r} where the source has "
        message += f"{found.source.text!r} (line {source_line})"
    return pair.at(line, t.column, message, ref_line)


def _first_line(page, block) -> int:
    """The line of a block's first line of code (after its opening fence)."""
    lines = page.text.splitlines()
    fence = lines[block.line - 1].lstrip() if 0 < block.line <= len(lines) else ""
    return block.line + 1 if fence.startswith(("```", "~~~")) else block.line


def outline(code: str, language: str) -> str:
    """A block as aligned between the pages: comments out, strings blank."""
    return _STRINGS.sub('""', normalize_code(code, language))


_STRINGS = lazy(r'"[^"\n]*"|\'[^\'\n]*\'')
