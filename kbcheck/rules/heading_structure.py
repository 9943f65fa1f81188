from collections.abc import Iterable
from dataclasses import replace

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.align import navigation
from kbcheck.translations.parity import parity


class HeadingStructure(TranslationRule):
    """A translation's headings do not follow its source's.

    Headings are matched as a reader would: by explicit id (a `{#id}` in the
    translation equal to the source heading's generated anchor counts, and
    an info finding suggests adding it to the source), then by position and
    level, helped by what is not translated in each section (code, URLs,
    numbers, Latin words) and its share of the page. Reported: a source
    heading with no counterpart, a heading the source lacks, a level that
    differs (unless KB207 already reports the skipped level), and an id the
    source does not have (a source id the translation lacks is KB508's).
    A table of contents (a heading over nothing but a list of links into the
    page, such as `## 目录` or `## Contents`) is navigation: one locale may
    have it and the other not.
    A translation with sections its source lacks is *ahead* of its source
    (or kept a section the source removed). The source compared is the
    version the translation records (see KB514), so a stale translation is
    not reported here as well.

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
        source, headings = pair.reference.headings, page.headings
        pairs = pair.heading_pairs
        ids = {h.explicit_id for h in source if h.explicit_id}
        toc = navigation(pair.reference)
        for i, s in enumerate(source):
            j = pairs.get(i)
            if j is None and i in toc:
                continue
            if j is None:
                yield pair.missing(
                    f"missing the source's level-{s.level} heading {s.text!r}", s.line, s.column
                )
                continue
            t = headings[j]
            if t.level != s.level and not _skips_a_level(headings, j):  # else KB207 says it
                yield pair.at(
                    t.line,
                    t.column,
                    f"level-{t.level} heading where the source has level {s.level} ({s.text!r})",
                    s.line,
                    s.column,
                )
            if not t.explicit_id or t.explicit_id in ids or s.explicit_id:
                continue  # a source id the translation lacks is KB508's
            if t.explicit_id == s.anchor:
                message = f"heading id #{t.explicit_id} is the source's generated anchor; "
                message += f"add {{#{s.anchor}}} to the source heading to keep it stable"
                yield replace(pair.at(t.line, t.column, message, s.line, s.column), severity=INFO)
            else:
                message = f"heading id #{t.explicit_id} is not in the source (#{s.anchor} there)"
                yield pair.at(t.line, t.column, message, s.line, s.column)
        matched = set(pairs.values()) | navigation(page)
        for j, t in enumerate(headings):
            if j not in matched:
                yield pair.extra(
                    f"level-{t.level} heading {t.text!r} is not in the source", t.line, t.column
                )


INFO = Severity.INFO


def _skips_a_level(headings, j: int) -> bool:
    return j > 0 and headings[j].level > headings[j - 1].level + 1
