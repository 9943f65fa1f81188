from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.rules.base import PageRule


class UnknownTag(PageRule):
    """A value is not in the vocabulary file its field names.

    A field with `vocabulary: tags.yml` only accepts the keys of that file
    (in the format of Docusaurus `tags.yml`: `key: {label, description,
    permalink}`). For a list field, each item is checked.

    ## Why
    Inline tags multiply: `llm`, `LLM`, `large-language-models` split one
    topic into three tag pages. Docusaurus only warns, at build time.

    ## Bad
    ```
    tags: [LLM]     # tags.yml declares llm
    ```

    ## Good
    ```
    tags: [llm]
    ```
    """

    code = "KB108"
    name = "unknown-tag"
    reads_body = False

    def check(self, page, ctx) -> Iterable[Finding]:
        page_type = ctx.page_type(page)
        if page_type is None:
            return
        for value in ctx.field_values(page):
            vocabulary = value.spec.vocabulary
            if not vocabulary:
                continue
            known = page_type.vocabularies.get(vocabulary, set())
            if isinstance(value.value, list):
                items = [((*value.path, i), item) for i, item in enumerate(value.value)]
            else:
                items = [(value.path, value.value)]
            for path, item in items:
                if isinstance(item, (str, int, float)) and str(item) not in known:
                    pos = page.frontmatter.position(path)
                    yield Finding(
                        pos.value_line,
                        pos.value_column,
                        f"{item!r} is not declared in {vocabulary}",
                    )
