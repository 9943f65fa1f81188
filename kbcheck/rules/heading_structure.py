from bisect import bisect_right
from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.lazyre import lazy
from kbcheck.rules.base import ParityRule
from kbcheck.translations.align import navigation
from kbcheck.translations.hosts import domains, habits
from kbcheck.translations.pairing import pairing

PARTIAL_LACKING = 3  # a translation lacking (or adding) this many sections, and more
# than half of them, is one finding: on real sites such a page is a stub or was written to another
# outline (1 of 574, 1 of 5, 5 of 17, 15 of 40 sections), and one finding per heading
# would bury the rest of the page's findings


class HeadingStructure(ParityRule):
    """A translation's headings do not follow its source's.

    Headings are matched as a reader would: by explicit id (a `{#id}` in the
    translation equal to the source heading's generated anchor counts, and
    one info finding per source page, on its first translation in the order
    of the locales that relies on them, suggests adding such ids to the
    source), then by a code block that both sections hold alone (the same
    code, found once on each page, in sections of one level with as many
    blocks), then
    by position and level, helped by what is not translated in each section
    (code, URLs, numbers, Latin words) and its share of the page. Reported: a source
    heading with no counterpart, a heading the source lacks, a level that
    differs (unless the heading sits under a level skipped, which KB207
    reports once for it and its siblings; headings in a row moved up or
    down by as many levels, a section and its subsections, are one finding),
    and an id the
    source does not have (a source id the translation lacks is KB508's). A
    source heading with no text, or over an empty section, is KB208's on the
    source, and one that is a bold word between two alternatives (`#### **or**`)
    a separator (what follows it is the section above's, for KB509 to KB513
    too), and one that repeats a sibling the translation has (text and
    level: a section pasted twice) a repeat: the translation is not asked for them.
    A table of contents (a heading over nothing but a list of links into the
    page, such as `## 目录` or `## Contents`) is navigation: one locale may
    have it and the other not; so may a short section of prose and links to
    sites the locale's translations habitually leave out (KB511's habits: a
    `## Contact` over a Discord invitation, on pages in Chinese that have
    none), and a section the sources repeat word for word on five pages or
    more (a promotion, a sign-off) when the locale's translations of those
    pages leave it out, four in five of them without its links. A heading
    left out (or added) with the headings
    under it moved one level up (or down) is one finding, not one per heading;
    so is a section left out (or added) with all its subsections. A section
    whose heading the translation lacks but whose code it has, all of it, is
    info: it is there, under a bold label or another heading. A heading
    whose id or code is the source's but in another place (the translation
    moved the section) is one finding, on that heading, with its subsections.

    A translation that lacks more than half of its source's sections, and at
    least three, is one finding for the page: it `covers 6 of the 14 sections
    of its source`, naming the first one missing. Such a page is a stub (a
    few sections kept, or a link to a PDF of the manual) or was written to
    another outline; a finding per heading would only repeat that. The same
    holds the other way: a translation whose sections are, more than half of
    them and at least three, not in the source (`has 14 of its 16 sections
    not in the source`) is one finding, on the first of them; its source is
    the stub.
    A translation with sections its source lacks is *ahead* of its source
    (or kept a section the source removed). The source compared is the
    version the translation records (see KB514), so a stale translation is
    not reported here as well. Such sections are info findings: what a
    translation adds is most often its translator's choice (a section the
    source has yet to get, a note for the locale's readers), and nothing to
    change in the translation. So are the code blocks, images, links, tables
    and boxes a translation adds (KB509 to KB513).

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

    def compare(self, page, pair, ctx) -> Iterable[Finding]:
        source, headings = pair.reference.headings, page.headings
        pairs = pair.heading_pairs
        back = {j: i for i, j in pairs.items()}
        ids = {h.explicit_id for h in source if h.explicit_id}
        toc, nav = navigation(pair.reference), navigation(page)
        lacking = [i for i in range(len(source))
                   if i not in pairs and i not in toc and i not in pair.moved]  # fmt: skip
        if lacking:  # a heading over nothing, a separator or a repeat is not asked for
            asked = _hollow(pair.reference, lacking) | pair.separators
            asked |= _repeats(source, lacking, pairs)
            lacking = [i for i in lacking if i not in asked]
        sections = len(source) - len(toc)
        if len(lacking) >= PARTIAL_LACKING and 2 * (sections - len(lacking)) < sections:
            s = source[lacking[0]]
            message = f"covers {sections - len(lacking)} of the {sections} sections of its source"
            yield pair.missing(f"{message}; the first missing is {s.text!r}", s.line, s.column)
            return
        extra = [j for j in range(len(headings))
                 if j not in back and j not in nav and j not in pair.moved.values()]  # fmt: skip
        own = len(headings) - len(nav)
        if len(extra) >= PARTIAL_LACKING and 2 * (own - len(extra)) < own:
            t = headings[extra[0]]
            message = f"has {len(extra)} of its {own} sections not in the source"
            yield pair.extra(f"{message}; the first is {t.text!r}", t.line, t.column)
            return
        # a heading left out or added, with the headings under it moved one level
        missing = {i: _moved_under(source, i, pairs, headings) for i in lacking}
        added = {j: _moved_under(headings, j, back, source, down=True) for j in extra}
        shifted = set().union(*missing.values(), *added.values())
        anchors = []  # (translation heading, source heading): ids the source only generates
        for i in _tops(source, missing):
            s = source[i]
            if _localised_away(pair.reference, i, ctx, str(page.locale)):
                continue
            if _furniture_left_out(pair.reference, i, ctx, str(page.locale)):
                continue
            message = f"missing the source's level-{s.level} heading {s.text!r}"
            found = pair.missing(message + _what_under(source, i, missing), s.line, s.column)
            if _code_kept(pair.reference, i, page):  # the section is there, under no heading
                found = found._replace(
                    message=found.message + "; its code is here, without the heading",
                    severity=Severity.INFO,
                )
            yield found
        runs: list[list[tuple[int, int]]] = []  # headings in a row moved by as many levels
        last = None
        for i, j in sorted(pairs.items()):
            s, t = source[i], headings[j]
            # (a skipped level is KB207's)
            if t.level != s.level and i not in shifted and not _skips_a_level(headings, j):
                i0, j0 = runs[-1][-1] if runs else (-1, -1)
                if (i0, j0) == last and headings[j0].level - source[i0].level == t.level - s.level:
                    runs[-1].append((i, j))
                else:
                    runs.append([(i, j)])
            last = (i, j)
            if not t.explicit_id or t.explicit_id in ids or s.explicit_id:
                continue  # a source id the translation lacks is KB508's
            if t.explicit_id == s.anchor:
                anchors.append((t, s))
            else:
                message = f"heading id #{t.explicit_id} is not in the source (#{s.anchor} there)"
                yield pair.at(t.line, t.column, message, s.line, s.column)
        for (i, j), *more in runs:
            s, t = source[i], headings[j]
            message = f"level-{t.level} heading where the source has level {s.level} ({s.text!r})"
            if more:
                message += f", and the {len(more)} after it" if len(more) > 1 else ", and the next"
            yield pair.at(t.line, t.column, message, s.line, s.column)
        for i, j in _tops_moved(source, headings, pair.moved):
            s, t = source[i], headings[j]
            after = f"after {source[i - 1].text!r}" if i else "at the top"
            message = f"heading {t.text!r} is elsewhere in the source ({after} there)"
            yield pair.at(t.line, t.column, message, s.line, s.column)
        for j in _tops(headings, added):
            t = headings[j]
            message = f"level-{t.level} heading {t.text!r} is not in the source"
            message += _what_under(headings, j, added, down=True)
            yield pair.extra(message, t.line, t.column)
        if anchors and _first_to_rely_on_anchors(page, ctx):
            yield _generated_anchors(pair, anchors)


def _code_kept(source, i: int, page) -> bool:
    """Whether the code of the source's section ``i`` (its subsections too) is all in
    the translation: it has the section, written under another heading or none
    (a bold label, a list item)."""
    headings = source.headings
    h = headings[i]
    end = next((g.line for g in headings[i + 1 :] if g.level <= h.level), None)
    code = [
        " ".join(b.code.split())
        for b in source.code_blocks
        if h.line < b.line and (end is None or b.line < end) and b.code.strip()
    ]
    theirs = [" ".join(b.code.split()) for b in page.code_blocks]
    return bool(code) and all(any(c in t for t in theirs) for c in code)


def _hollow(page, indices: list[int]) -> set[int]:
    """Of the headings at ``indices`` of a source, those with no text, or over an
    empty section (KB208 reports those on the source): nothing to carry."""
    headings = page.headings
    content = [b.line for b in page.blocks if b.kind not in ("comment", "heading")]
    out = set()
    for i in indices:
        h = headings[i]
        after = headings[i + 1] if i + 1 < len(headings) else None
        if h.text.strip() and after is not None and after.level > h.level:
            continue  # its subsections are its content
        k = bisect_right(content, h.line)  # the first block of content below it
        if not h.text.strip() or k == len(content) or (after and content[k] >= after.line):
            out.add(i)
    return out


def _repeats(headings, indices: list[int], pairs: dict[int, int]) -> set[int]:
    """Of the headings at ``indices`` of a source, those that repeat a sibling the
    translation has, text and level (a section pasted twice), and those under them:
    one copy is the section."""
    out: set[int] = set()
    for i in indices:
        h = headings[i]
        twins = [j for j in pairs if (headings[j].level, headings[j].text) == (h.level, h.text)]
        if i not in out and any(_siblings(headings, i, j) for j in twins):
            out.add(i)
            k = i + 1
            while k < len(headings) and headings[k].level > h.level:
                out.add(k)
                k += 1
    return out & set(indices)


def _siblings(headings, i: int, j: int) -> bool:
    """Whether two headings of one level are under the same parent: no heading of
    a higher level between them."""
    level = headings[i].level
    return all(headings[k].level >= level for k in range(min(i, j) + 1, max(i, j)))


def _localised_away(source_page, i: int, ctx, locale: str) -> bool:
    """Whether the section of heading ``i`` is a contact section the locale's
    translations habitually leave out: a line or two of prose and links to sites
    they hardly ever link (`Welcome for more discussion at [discord](https://discord.gg/x)`)."""
    headings = source_page.headings
    end = next((h.line for h in headings[i + 1 :] if h.level <= headings[i].level), None)
    lines = source_page.text.splitlines()[headings[i].line : end and end - 1]
    text = "\n".join(line for line in lines if line.strip())
    if text.count("\n") >= SHORT or "```" in text or "|" in text:
        return False
    sites = domains(text)
    return bool(sites) and sites <= habits(ctx, locale).dropped


SHORT = 3  # lines of a contact section, at most


def _furniture_left_out(source_page, i: int, ctx, locale: str) -> bool:
    """Whether the section of heading ``i`` is furniture the sources repeat, word
    for word, on five pages or more (a promotion, a newsletter's sign-off), and
    the locale's translations of those pages leave out: four in five of them
    have none of its links."""
    headings = source_page.headings
    end = headings[i + 1].line if i + 1 < len(headings) else None  # its own text
    body = [line.strip() for line in source_page.lines(headings[i].line + 1, end) if line.strip()]
    targets = set(_TARGET.findall("\n".join(body)))
    if not body or len(body[0]) < FURNITURE_LINE or not targets:
        return False
    first = body[0]
    pairs = pairing(ctx)

    def build() -> list:
        return [p for p in pairs.sources if first in p.text and all(x in p.text for x in body)]

    repeated = ctx.memo("heading-structure.furniture:" + "\n".join(body), build)
    if len(repeated) < FURNITURE_PAGES:
        return False
    translated = [t for p in repeated if (t := pairs.translations_of(p).get(locale)) is not None]
    kept = sum(any(target in t.text for target in targets) for t in translated)
    return len(translated) >= FURNITURE_PAGES and 5 * kept <= len(translated)


FURNITURE_PAGES = 5  # source pages with the same section, at least
FURNITURE_LINE = 20  # characters of its first line, at least (a line that says something)
_TARGET = lazy(r"(?<=\]\()[^)\s]+|https?://[^\s)\]>\"'`]+")


def _first_to_rely_on_anchors(page, ctx) -> bool:
    """Whether ``page`` is, in the order of the locales, the first translation of
    its source with an id that is one of the source's generated anchors: the
    source is to keep them once, for all its translations."""
    pairs = pairing(ctx)
    source = pairs.source_of(page)
    if source is None:
        return True
    generated = {h.anchor for h in source.headings if not h.explicit_id}
    translations = pairs.translations_of(source)
    for locale in pairs.locales:
        other = translations.get(locale)
        if other is page:
            return True
        if other is not None and any(h.explicit_id in generated for h in other.headings):
            return False
    return True


def _generated_anchors(pair, anchors: list) -> Finding:
    """One info finding for the page, at its first such heading: the source keeps
    those anchors only as long as its headings' text does not change."""
    (t, s), more = anchors[0], len(anchors) - 1
    message = f"heading id #{t.explicit_id} is the source's generated anchor"
    if more:
        message = f"{len(anchors)} heading ids (#{t.explicit_id} and {more} more) are "
        message += "the source's generated anchors"
    message += (
        "; add them to the source headings as {#id} to keep them stable"
        if more
        else "; add it to the source heading as {#id} to keep it stable"
    )
    finding = pair.at(t.line, t.column, message, s.line, s.column)
    return finding._replace(severity=Severity.INFO)


def _under(own, k: int) -> range:
    """The indices of the headings under ``own[k]``."""
    end = next((x for x in range(k + 1, len(own)) if own[x].level <= own[k].level), len(own))
    return range(k + 1, end)


def _tops(own, unmatched: dict) -> list[int]:
    """The unmatched headings that are not under another unmatched heading whose
    whole subtree is unmatched: a section left out with its subsections is one
    finding."""
    out: list[int] = []
    for k in sorted(unmatched):
        if out and k in _under(own, out[-1]) and all(x in unmatched for x in _under(own, out[-1])):
            continue
        out.append(k)
    return out


def _tops_moved(source, headings, moved: dict[int, int]) -> list[tuple[int, int]]:
    """The moved sections, less the subsections that moved with their parent."""
    out: list[tuple[int, int]] = []
    for i, j in sorted(moved.items(), key=lambda pair: pair[1]):
        if not any(i in _under(source, i0) and j in _under(headings, j0) for i0, j0 in out):
            out.append((i, j))
    return out


def _what_under(own, k: int, unmatched: dict, *, down: bool = False) -> str:
    under = _under(own, k)
    if unmatched[k]:
        return f"; the headings under it are one level {'down' if down else 'up'} here"
    if under and all(x in unmatched for x in under):
        return f" and the {len(under)} under it" if len(under) > 1 else " and the one under it"
    return ""


def _moved_under(own, k: int, pairs: dict, other, *, down: bool = False) -> set[int]:
    """The source headings under ``own[k]`` (a heading with no counterpart), when
    every one of them that is matched sits one level higher on the other side:
    the heading was left out there and its subtree moved up (``down``: ``own``
    is the translation, which added the heading and moved its subtree down)."""
    under = _under(own, k)
    shifts = {other[pairs[x]].level - own[x].level for x in under if x in pairs}
    if shifts != {-1}:
        return set()
    return {pairs[x] if down else x for x in under if x in pairs}


def _skips_a_level(headings, j: int) -> bool:
    """Whether ``headings[j]`` sits under a skipped level (`#` then `###`): the
    heading that skips it, and its siblings after it, have one cause, KB207's."""
    level = headings[j].level
    parent = next((h for h in reversed(headings[:j]) if h.level < level), None)
    return parent is not None and parent.level < level - 1
