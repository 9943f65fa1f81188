from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.outline import Level, layout
from kbcheck.rules.base import PageRule


class MissingSection(PageRule):
    """A section that the page type requires is missing.

    The page type lists its sections (`sections:` in `schemas/<type>.yaml`);
    each one not marked `required: false` must be on the page, recognised
    by its explicit heading id or its title in the page's locale, at its
    level and under its parent. The finding sits on the heading the section
    should have come before, else on its parent heading, else at the end of
    the page; it names the section after which it was expected. A
    subsection is only looked for when its parent is present.

    ## Why
    Readers and translators rely on every page of a type having the same
    parts; a missing "Prerequisites" or "Resources" section goes unnoticed
    in review because nothing on the page shows that it should be there.

    ## Bad
    ```
    sections: [{id: intro}, {id: usage}, {id: resources}]

    ## Introduction {#intro}
    ## Resources {#resources}
    ```

    ## Good
    ```
    ## Introduction {#intro}
    ## Usage {#usage}
    ## Resources {#resources}
    ```
    """

    code = "KB201"
    name = "missing-section"

    def check(self, page, ctx) -> Iterable[Finding]:
        by_id = None
        for level in layout(page, ctx):
            found = {m.index for m in level.declared}
            for i, spec in enumerate(level.specs):
                if not spec.required or i in found:
                    continue
                line, column, where = _where(level, i, page.locale)
                message = f"section {spec.label(page.locale)} is missing; expected {where}"
                if spec.id:
                    by_id = by_id or {h.explicit_id: h for h in page.headings if h.explicit_id}
                    other = by_id.get(spec.id)
                    if other is not None:
                        message += f" (an h{other.level} at line {other.line} has this id)"
                yield Finding(line, column, message)


def _where(level: Level, index: int, locale: str | None) -> tuple[int, int, str]:
    """Where the section belongs: the heading it should precede, and a description."""
    declared = {m.index: m for m in level.declared}
    sections = [m.section for m in level.matches]
    before = [j for j in declared if j is not None and j < index]
    if before:
        previous = declared[max(before)]
        where = f"after {level.specs[previous.index].label(locale)}"
        following = sections.index(previous.section) + 1
        at = sections[following] if following < len(sections) else None
    else:
        where = "at the start"
        at = sections[0] if sections else None
    if level.spec is not None:
        where = f"under {level.spec.label(locale)}, {where}"
    if at is not None:
        return at.line, at.column, where
    if level.spec is not None:
        return level.parent.line, level.parent.column, where
    return level.parent.end_line - 1, 1, where
