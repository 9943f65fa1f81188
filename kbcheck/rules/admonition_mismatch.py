from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import ParityRule
from kbcheck.translations.boxes import Box, differences


class AdmonitionMismatch(ParityRule):
    """A translation's admonitions or MDX components differ from its source's.

    Admonitions (`:::note`, `:::tip`, ...; also `::: tip`, VitePress's usual
    form, but not on a Docusaurus site, which shows it as text) and MDX
    components (`<Tabs>`, `<TabItem>`, ...) are compared by kind and name,
    section by section (KB507 reports a section missing with its boxes).
    Boxes are paired before any is reported: in a section, a box of
    another name holding the same inline code and URLs is that box,
    renamed; then those of one name in order, and of several, those holding the same inline code and
    URLs (never translated) first, so that a finding names the box that has
    no counterpart; then a box of the same name elsewhere on the page (the
    same inline code and URLs first) is the same box, moved. A box whose
    name differs from the source's in the same section is one finding (info
    between a note, a tip and an info box: a colour, not an urgency); a
    component missing (or added) with the components inside it is one, and
    a box missing (or added) with the code blocks it holds is one, naming
    them (KB509 leaves them to it). An admonition that the other page
    writes, in that section, as a paragraph opening with a label
    (`**Tips:**`, `提示：`, `Note:`) is there. A box only the translation
    has is info (see KB507).

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
        boxes = differences(page, pair, ctx.config.layout == "docusaurus")
        for s, t in boxes.changed:
            message = f"{t.show} where the source has {s.show}"
            finding = pair.at(t.line, t.column, message, s.line, s.column)
            yield finding._replace(severity=Severity.INFO) if _both_gentle(s, t) else finding
        for s in boxes.missing:
            yield pair.missing(f"missing the source's {s.show}{_holding(s)}", s.line, s.column)
        for t in boxes.extra:
            yield pair.extra(f"{t.show} is not in the source{_holding(t)}", t.line, t.column)


def _holding(box: Box) -> str:
    """`` (it holds 2 code blocks: powershell, bash)``: the code of a box missing
    (or added) whole, which KB509 leaves to this finding."""
    blocks = box.code
    languages = ", ".join(block.language or "plain" for block in blocks)
    if len(blocks) > 1:
        return f" (it holds {len(blocks)} code blocks: {languages})"
    return f" (it holds a code block: {languages})" if blocks else ""


def _both_gentle(s: Box, t: Box) -> bool:
    """Whether two admonitions are both a note, a tip or an info box: one for the
    other changes a colour, not how urgent the reader is told it is."""
    return s.kind == t.kind == ":::" and {s.name.lower(), t.name.lower()} <= _GENTLE


_GENTLE = frozenset({"note", "tip", "info"})
