import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kbcheck.diagnostics import Finding
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.code import Difference, first_difference
from kbcheck.translations.comments import normalize_code
from kbcheck.translations.parity import parity
from kbcheck.validation import STRICT

FREE = ["text", "txt", "plain", "plaintext", "prompt", "markdown", "md", "mdx"]


@dataclass
class Options:
    __pydantic_config__ = STRICT
    # blocks whose content may be translated
    free_languages: list[str] = field(default_factory=lambda: list(FREE))


class CodeMismatch(TranslationRule):
    """A translation's code blocks differ from its source's.

    Compared in order: the number of code blocks, their language, and the
    code itself, line by line, leaving out what translators translate:
    comments (in the syntax of the block's language, `#`, `//`, `/* */`,
    `<!-- -->`, `--`, ...; in a block without a language tag, the markers
    that start its lines), diagram labels (`mermaid`, `plantuml`, `dot`),
    string literals whose text is prose in the source language, and, between
    Chinese, Japanese or Korean and another language, lines written in those
    scripts on either side (sample output, labels). What
    remains (identifiers, keys, commands, paths, versions, numbers) must
    match. The message names the first line that differs, on both pages.
    Trailing spaces and blank lines do not count. Blocks in the languages of
    `free_languages` (prose, prompts) may differ in content.

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

    def check(self, page, ctx) -> Iterable[Finding]:
        pair = parity(ctx, page)
        if pair is None:
            return
        source, target = pair.reference.code_blocks, page.code_blocks
        if [(b.language, b.code) for b in source] == [(b.language, b.code) for b in target]:
            return  # identical to the letter
        free = {lang.lower() for lang in self.options.free_languages}
        locale = ctx.config.source_locale

        def key(block):
            lang = block.language.lower()
            return None if lang in free else outline(block.code, lang)

        for m in pair.diff(source, target, key, equal=True):
            s, t = m.source, m.translation
            if m.kind in ("changed", "same"):
                tagged = s.language.lower() or t.language.lower()  # a tag added is harmless
                if s.language and t.language and s.language.lower() != t.language.lower():
                    message = f"code block in {t.language or 'no language'!r}; the source's is "
                    message += f"{s.language or 'no language'!r}"
                    yield pair.at(t.line, t.column, message, s.line, s.column)
                elif tagged not in free:
                    found = first_difference(s.code, t.code, tagged, locale, str(page.locale))
                    if found is not None:
                        yield _differs(pair, page, s, t, found)
            elif m.kind == "missing":
                yield pair.missing(
                    f"missing the source's {s.language or 'plain'} code block", s.line, s.column
                )
            else:
                yield pair.extra(
                    f"{t.language or 'plain'} code block is not in the source", t.line, t.column
                )


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


_STRINGS = re.compile(r'"[^"\n]*"|\'[^\'\n]*\'')
