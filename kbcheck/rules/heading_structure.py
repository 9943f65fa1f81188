from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.parity import diff, parity


class HeadingStructure(TranslationRule):
    """A translation's headings do not follow its source's.

    The sequence of heading levels must be the same, and a heading id that
    the source does not have is reported too: a translation with sections
    its source lacks is *ahead* of its source (or kept a section the source
    removed). The source compared is the version the translation records
    (see KB514), so a stale translation is not reported here as well.

    ## Why
    The table of contents, the sidebar and every anchor follow the headings;
    a section merged, split or added in one locale only makes the locales
    drift apart for good.

    ## Bad
    ```
    # source                      # translation
    ## Setup {#setup}             ## Setup {#setup}
    ### Install {#install}        ## Install {#install}
    ```

    ## Good
    ```
    ## Setup {#setup}             ## Setup {#setup}
    ### Install {#install}        ### Install {#install}
    ```
    """

    code = "KB507"
    name = "heading-structure"
    severity = Severity.WARNING

    def check(self, page, ctx) -> Iterable[Finding]:
        pair = parity(ctx, page)
        if pair is None:
            return
        reported = set()
        for m in diff(pair.reference.headings, page.headings, key=lambda h: h.level):
            s, t = m.source, m.translation
            if m.kind == "changed":
                yield pair.at(
                    t.line,
                    t.column,
                    f"level-{t.level} heading where the source has level {s.level} ({s.text!r})",
                    s.line,
                    s.column,
                )
            elif m.kind == "missing":
                yield pair.missing(
                    f"missing the source's level-{s.level} heading {s.text!r}", s.line, s.column
                )
            else:
                reported.add(t.line)
                yield pair.extra(
                    f"level-{t.level} heading {t.text!r} is not in the source", t.line, t.column
                )
        ids = {h.explicit_id for h in pair.reference.headings if h.explicit_id}
        for t in page.headings:
            if t.explicit_id and t.explicit_id not in ids and t.line not in reported:
                yield pair.extra(
                    f"heading id #{t.explicit_id} is not in the source", t.line, t.column
                )
