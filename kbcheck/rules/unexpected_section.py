from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.outline import layout
from kbcheck.rules.base import PageRule


class UnexpectedSection(PageRule):
    """A section that the page type does not declare, where extras are not allowed.

    `extra_sections` in the page type says where sections it does not list
    may go: `allow` (anywhere, the default), `end` (only after the last
    declared section), `none`. It also applies to the subsections of a
    section that declares some; `allow_extra_subsections: true | false |
    end` on a section overrides it. A declared section that appears twice
    is reported whatever the setting. The finding sits on the heading; the
    subsections of an unexpected section are not reported again.

    ## Why
    A page type is a contract: with `extra_sections: none`, a new section
    is a decision to make in the schema, for every page, not on one page.

    ## Bad
    ```
    extra_sections: end
    sections: [{id: intro}, {id: usage}]

    ## Introduction {#intro}
    ## Trivia
    ## Usage {#usage}
    ```

    ## Good
    ```
    ## Introduction {#intro}
    ## Usage {#usage}
    ## Trivia
    ```
    """

    code = "KB203"
    name = "unexpected-section"
    severity = Severity.WARNING

    def check(self, page, ctx) -> Iterable[Finding]:
        levels = layout(page, ctx)
        page_type = ctx.page_type(page) if levels else None
        for level in levels:
            declared = level.declared
            last = declared[-1].section if declared else None
            seen_last = last is None
            under = (
                f" under {level.spec.label(page.locale)}"
                if level.spec
                else f" in page type {page_type.name}"
            )
            for match in level.matches:
                section = match.section
                seen_last = seen_last or section is last
                if match.first is not None:
                    label = level.specs[match.index].label(page.locale)
                    message = f"section {label} appears again; first at line {match.first.line}"
                elif match.index is not None or level.extras == "allow":
                    continue
                elif level.extras == "none":
                    message = f"section {section.label} is not declared{under}"
                elif not seen_last:
                    message = (
                        f"section {section.label} is not declared{under}; "
                        "extra sections go after the declared ones"
                    )
                else:
                    continue
                yield Finding(section.line, section.column, message)
