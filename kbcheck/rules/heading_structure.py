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
    one info finding per page suggests adding such ids to the source), then
    by position and level, helped by what is not translated in each section
    (code, URLs, numbers, Latin words) and its share of the page. Reported: a source
    heading with no counterpart, a heading the source lacks, a level that
    differs (unless KB207 already reports the skipped level), and an id the
    source does not have (a source id the translation lacks is KB508's).
    A table of contents (a heading over nothing but a list of links into the
    page, such as `## 目录` or `## Contents`) is navigation: one locale may
    have it and the other not. A heading left out (or added) with the headings
    under it moved one level up (or down) is one finding, not one per heading.
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
        back = {j: i for i, j in pairs.items()}
        ids = {h.explicit_id for h in source if h.explicit_id}
        toc, nav = navigation(pair.reference), navigation(page)
        # a heading left out or added, with the headings under it moved one level
        missing = {i: _moved_under(source, i, pairs, headings) for i in range(len(source))
                   if i not in pairs and i not in toc}  # fmt: skip
        added = {j: _moved_under(headings, j, back, source, down=True) for j in range(len(headings))
                 if j not in back and j not in nav}  # fmt: skip
        moved = set().union(*missing.values(), *added.values())
        anchors = []  # (translation heading, source heading): ids the source only generates
        for i, s in enumerate(source):
            j = pairs.get(i)
            if i in missing:
                message = f"missing the source's level-{s.level} heading {s.text!r}"
                if missing[i]:
                    message += "; the headings under it are one level up here"
                yield pair.missing(message, s.line, s.column)
                continue
            if j is None:
                continue  # a table of contents
            t = headings[j]
            if t.level != s.level and i not in moved and not _skips_a_level(headings, j):
                yield pair.at(  # (a skipped level is KB207's)
                    t.line,
                    t.column,
                    f"level-{t.level} heading where the source has level {s.level} ({s.text!r})",
                    s.line,
                    s.column,
                )
            if not t.explicit_id or t.explicit_id in ids or s.explicit_id:
                continue  # a source id the translation lacks is KB508's
            if t.explicit_id == s.anchor:
                anchors.append((t, s))
            else:
                message = f"heading id #{t.explicit_id} is not in the source (#{s.anchor} there)"
                yield pair.at(t.line, t.column, message, s.line, s.column)
        for j, under in added.items():
            t = headings[j]
            message = f"level-{t.level} heading {t.text!r} is not in the source"
            if under:
                message += "; the headings under it are one level down here"
            yield pair.extra(message, t.line, t.column)
        if anchors:
            yield _generated_anchors(pair, anchors)


def _generated_anchors(pair, anchors: list) -> Finding:
    """One info finding for the page, at its first such heading: the source keeps
    those anchors only as long as its headings' text does not change."""
    (t, s), more = anchors[0], len(anchors) - 1
    message = f"heading id #{t.explicit_id} is the source's generated anchor"
    if more:
        message = f"{len(anchors)} heading ids (#{t.explicit_id} and {more} more) are "
        message += "the source's generated anchors"
    message += "; add them to the source headings as {#id} to keep them stable"
    finding = pair.at(t.line, t.column, message, s.line, s.column)
    return replace(finding, severity=Severity.INFO)


def _moved_under(own, k: int, pairs: dict, other, *, down: bool = False) -> set[int]:
    """The source headings under ``own[k]`` (a heading with no counterpart), when
    every one of them that is matched sits one level higher on the other side:
    the heading was left out there and its subtree moved up (``down``: ``own``
    is the translation, which added the heading and moved its subtree down)."""
    under = []
    for x in range(k + 1, len(own)):
        if own[x].level <= own[k].level:
            break
        under.append(x)
    shifts = {other[pairs[x]].level - own[x].level for x in under if x in pairs}
    if shifts != {-1}:
        return set()
    return {pairs[x] if down else x for x in under if x in pairs}


def _skips_a_level(headings, j: int) -> bool:
    return j > 0 and headings[j].level > headings[j - 1].level + 1
