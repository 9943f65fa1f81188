import re
from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import ParityRule


class AdmonitionMismatch(ParityRule):
    """A translation's admonitions or MDX components differ from its source's.

    Admonitions (`:::note`, `:::tip`, ...) and MDX components (`<Tabs>`,
    `<TabItem>`, ...) are compared in order, by kind and name. A component
    missing (or added) with the components inside it is one finding.

    ## Why
    A warning box dropped in translation is a warning one locale never sees;
    a missing `<TabItem>` hides the instructions for one platform.

    ## Bad
    ```
    # source                     # translation
    :::warning                   :::note
    ```

    ## Good
    ```
    :::warning                   :::warning
    ```
    """

    code = "KB513"
    name = "admonition-mismatch"
    severity = Severity.WARNING

    def compare(self, page, pair, ctx) -> Iterable[Finding]:

        def markers(p):
            found = [(":::", m) for m in p.admonitions] + [("<", m) for m in p.components]
            return sorted(found, key=lambda item: (item[1].line, item[1].column))

        def show(item):
            kind, marker = item
            return f":::{marker.name}" if kind == ":::" else f"<{marker.name}>"

        def key(item):
            return item[0], item[1].name.lower()

        within = {"missing": 0, "extra": 0}  # the last line of a component reported
        for m in pair.diff(markers(pair.reference), markers(page), key, lambda item: item[1].line):
            s, t = m.source, m.translation
            if m.kind == "changed":
                yield pair.at(
                    t[1].line,
                    t[1].column,
                    f"{show(t)} where the source has {show(s)}",
                    s[1].line,
                    s[1].column,
                )
                continue
            kind, marker = s if m.kind == "missing" else t
            if marker.line <= within[m.kind]:
                continue  # inside a component reported already (a <TabItem> of <Tabs>)
            if kind == "<":
                within[m.kind] = _closing_line(pair.reference if s else page, marker)
            if m.kind == "missing":
                yield pair.missing(f"missing the source's {show(s)}", s[1].line, s[1].column)
            else:
                yield pair.extra(f"{show(t)} is not in the source", t[1].line, t[1].column)


def _closing_line(page, marker) -> int:
    """The line of the tag that closes an MDX component (its own line when it
    closes itself or is never closed)."""
    lines = page.text.splitlines()
    opening = re.compile(rf"<{re.escape(marker.name)}[\s>]")
    depth = 0
    for number in range(marker.line, len(lines) + 1):
        text = lines[number - 1]
        depth += len(opening.findall(text)) - text.count(f"</{marker.name}>")
        if number == marker.line and text.rstrip().endswith("/>"):
            return number
        if depth <= 0:
            return number
    return marker.line
