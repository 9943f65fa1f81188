from collections.abc import Iterable
from dataclasses import dataclass, field

from kbcheck.diagnostics import Finding
from kbcheck.rules.base import PageRule
from kbcheck.translations.pairing import pairing
from kbcheck.translations.policy import fields_with
from kbcheck.validation import STRICT


@dataclass
class Options:
    """The options of translation-only-field."""

    __pydantic_config__ = STRICT
    fields: list[str] = field(
        default_factory=list
    )  # more translation-only fields, besides the schema's


class TranslationOnlyField(PageRule):
    """A field that belongs in translations only is set on a source page.

    The fields are those the page type marks `translation: translation-only`,
    the source version record (`translations.record_key`, `translation` by
    default), and the rule's `fields` option.

    ## Why
    A source page has no source: a `translation:` record on it is a copy
    and paste from a translation, and misleads every tool that reads it.

    ## Bad
    ```
    # content/zh/rag.md (the source)
    translation: {source_hash: "sha256:0f3a..."}
    ```

    ## Good
    ```
    # content/en/rag.md (the translation)
    translation: {source_hash: "sha256:0f3a..."}
    ```

    ## Options
    `fields`: more field names allowed only in translations.
    """

    code = "KB506"
    name = "translation-only-field"
    Options = Options

    def check(self, page, ctx) -> Iterable[Finding]:
        if page.frontmatter is None or page.locale != ctx.config.source_locale:
            return
        if not pairing(ctx).is_source(page):
            return
        for name in fields_with(ctx, "translation-only", (page,), self.options.fields):
            if name in page.data:
                pos = page.frontmatter.position((name,))
                yield Finding(pos.line, pos.column, f"{name} belongs in translations only")
