from bisect import bisect_left
from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.outline import Section, count_text, layout
from kbcheck.rules.base import PageRule

_NOUNS = {"list": "list", "table": "table", "code": "code block"}


class SectionContent(PageRule):
    """A declared section does not hold what the page type asks of it.

    Per section of the page type: `not_empty` (some content: text, a list,
    a table, code...), `contains` (a `list`, a `table`, a `code` block) and
    `min_text` (at least so many text units). Each covers the section with
    its subsections; HTML comments are not content. Text units: each Han
    character or Japanese kana counts one, any other run of letters and
    digits counts one word; punctuation, emoji, code and headings count
    nothing (`生成式AI模型` is 6 words, `Generative AI models` is 3). A
    section with any constraint that is empty is reported once, as empty.

    ## Why
    A section that exists only as a heading, a "Resources" section without a
    single link list, or a one-line "Overview" pass every review that looks
    at one page; the schema says what a section of this type is for.

    ## Bad
    ```
    sections: [{id: resources, contains: [list]}]

    ## Resources {#resources}
    See the usual places.
    ```

    ## Good
    ```
    ## Resources {#resources}
    - [Papers with Code](https://paperswithcode.com/)
    ```
    """

    code = "KB204"
    name = "section-content"
    severity = Severity.WARNING

    def check(self, page, ctx) -> Iterable[Finding]:
        levels = layout(page, ctx)
        if not levels:
            return
        lines = {"code": [c.line for c in page.code_blocks], "table": [t.line for t in page.tables]}
        for level in levels:
            for match in level.declared:
                spec, section = level.specs[match.index], match.section
                if not (spec.not_empty or spec.contains or spec.min_text):
                    continue
                label, at = spec.label(page.locale), (section.line, section.column)
                blocks = section.all_blocks()
                if not blocks:
                    yield Finding(*at, f"section {label} is empty")
                    continue
                kinds = {block.kind for block in blocks} if spec.contains else set()
                for kind in spec.contains:
                    if kind not in kinds and not _within(lines.get(kind, []), section):
                        yield Finding(*at, f"section {label} has no {_NOUNS[kind]}")
                if spec.min_text:
                    units = 0
                    for block in blocks:  # enough text is the common case: stop there
                        units += count_text(block.text)
                        if units >= spec.min_text:
                            break
                    if units < spec.min_text:
                        expected = f"expected at least {spec.min_text}"
                        yield Finding(*at, f"section {label} has {units} words; {expected}")


def _within(lines: list[int], section: Section) -> bool:
    """Whether one of the (sorted) lines falls inside the section, nested blocks included."""
    i = bisect_left(lines, section.line)
    return i < len(lines) and lines[i] < section.end_line
