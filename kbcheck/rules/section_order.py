from bisect import bisect_left
from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.outline import layout
from kbcheck.rules.base import PageRule


class SectionOrder(PageRule):
    """Declared sections are not in the order the page type lists them.

    The longest run of sections already in order stays; every other section
    is reported at its heading, with the declared section it should come
    before (or after). Subsections are compared with their siblings only;
    sections the page type does not declare are ignored here (see KB203).

    ## Why
    A fixed order lets readers find the same part in the same place on every
    page of a type, and keeps the locales of one page aligned.

    ## Bad
    ```
    sections: [{id: intro}, {id: usage}, {id: resources}]

    ## Resources {#resources}
    ## Introduction {#intro}
    ## Usage {#usage}
    ```

    ## Good
    ```
    ## Introduction {#intro}
    ## Usage {#usage}
    ## Resources {#resources}
    ```
    """

    code = "KB202"
    name = "section-order"
    severity = Severity.WARNING

    def check(self, page, ctx) -> Iterable[Finding]:
        for level in layout(page, ctx):
            declared = level.declared
            order = [m.index for m in declared]
            keep = _increasing(order)
            kept = [declared[p] for p in sorted(keep)]
            for position, match in enumerate(declared):
                if position in keep:
                    continue
                later = next((m for m in kept if m.index > match.index), None)
                if later is not None:
                    where = f"before {level.specs[later.index].label(page.locale)}"
                else:
                    earlier = [m for m in kept if m.index < match.index]
                    where = f"after {level.specs[earlier[-1].index].label(page.locale)}"
                label = level.specs[match.index].label(page.locale)
                yield Finding(
                    match.section.line,
                    match.section.column,
                    f"section {label} is out of order; expected {where}",
                )


def _increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (O(n log n))."""
    tails: list[int] = []  # smallest last value of a run of each length
    ends: list[int] = []  # its position
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        length = bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            ends.append(position)
        else:
            tails[length], ends[length] = value, position
        previous[position] = ends[length - 1] if length else -1
    keep: set[int] = set()
    position = ends[-1] if ends else -1
    while position >= 0:
        keep.add(position)
        position = previous[position]
    return keep
