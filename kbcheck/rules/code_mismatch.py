from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from kbcheck.diagnostics import Finding
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.comments import normalize_code
from kbcheck.translations.parity import parity

FREE = ["text", "txt", "plain", "plaintext", "prompt", "markdown", "md", "mdx"]


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    free_languages: list[str] = FREE  # blocks whose content may be translated


class CodeMismatch(TranslationRule):
    """A translation's code blocks differ from its source's.

    Compared in order: the number of code blocks, their language, and the
    code itself with comments removed (`#`, `//`, `/* */`, `<!-- -->`, `--`,
    ... according to the language), so translated comments are fine.
    Trailing spaces and blank lines do not count. Blocks in the languages of
    `free_languages` (prose, prompts) may differ in content.

    ## Why
    Code is not translated: a difference means one locale got a fix the other
    did not, and readers copy the broken one.

    ## Bad
    ```
    # source: retriever.search(q, top_k=5)
    # translation: retriever.search(q, top_k=3)
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
            return  # identical to the letter: no need to strip comments
        free = {lang.lower() for lang in self.options.free_languages}

        def key(block):
            lang = block.language.lower()
            return lang, None if lang in free else normalize_code(block.code, lang)

        for m in pair.diff(source, target, key):
            s, t = m.source, m.translation
            if m.kind == "changed":
                if s.language.lower() != t.language.lower():
                    message = f"code block in {t.language or 'no language'!r}; the source's is "
                    message += f"{s.language or 'no language'!r}"
                else:
                    message = "code differs from the source's (comments aside)"
                yield pair.at(t.line, t.column, message, s.line, s.column)
            elif m.kind == "missing":
                yield pair.missing(
                    f"missing the source's {s.language or 'plain'} code block", s.line, s.column
                )
            else:
                yield pair.extra(
                    f"{t.language or 'plain'} code block is not in the source", t.line, t.column
                )
