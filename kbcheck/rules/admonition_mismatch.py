from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.parity import parity


class AdmonitionMismatch(TranslationRule):
    """A translation's admonitions or MDX components differ from its source's.

    Admonitions (`:::note`, `:::tip`, ...) and MDX components (`<Tabs>`,
    `<TabItem>`, ...) are compared in order, by kind and name.

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

    def check(self, page, ctx) -> Iterable[Finding]:
        pair = parity(ctx, page)
        if pair is None:
            return

        def markers(p):
            found = [(":::", m) for m in p.admonitions] + [("<", m) for m in p.components]
            return sorted(found, key=lambda item: (item[1].line, item[1].column))

        def show(item):
            kind, marker = item
            return f":::{marker.name}" if kind == ":::" else f"<{marker.name}>"

        def key(item):
            return item[0], item[1].name.lower()

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
            elif m.kind == "missing":
                yield pair.missing(f"missing the source's {show(s)}", s[1].line, s[1].column)
            else:
                yield pair.extra(f"{show(t)} is not in the source", t[1].line, t[1].column)
