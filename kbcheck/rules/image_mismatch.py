import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from kbcheck.diagnostics import Finding, Severity
from kbcheck.lazyre import lazy
from kbcheck.page import linked_images
from kbcheck.resolve import LinkOptions, resolver
from kbcheck.rules.base import ParityRule
from kbcheck.translations.parity import Mismatch
from kbcheck.translations.policy import neutral_url
from kbcheck.validation import STRICT


@dataclass
class Options:
    """The options of image-mismatch."""

    __pydantic_config__ = STRICT
    report_localized: bool = True  # an info finding for each localised image


OWN_SET = 3  # pictures of its own, none the source's: a translation's own screenshots


class ImageMismatch(ParityRule):
    """A translation's images differ from its source's.

    Images are compared in order, by the file they show: two paths to one
    file (`../../static/img/a.png` and `/img/a.png`) are the same image, and
    so are two files with the same bytes (the locale's own copy of a picture
    folder) and locale parts of the path (`img/zh/chart.png` and
    `img/en/chart.png`, `zh.example.org`). Images missing from a section are a
    warning, and images not in the source info (see KB507), one finding per
    section; an image of a section
    one page lacks that the other shows in a matched section (subsections
    folded into their parent) is neither. A different image at the same
    place is a localised screenshot, which is deliberate: an info finding
    names both, unless `report_localized = false` (it says "localised" when
    the file is the source's counterpart: the same name but for locale
    words, `web_en_12.png` for `web_12.png`, or a name in the translation's
    script); so is such a counterpart of the same name in another section,
    such as a tracking pixel at the end of each page. An image the source
    shows elsewhere on the page, put in place of another, is a warning: one
    picture twice and the other lost. The images of a section the
    translation wrote anew (three times as long as the source's, ten lines
    or more: the source is a stub there) are its own. A translation that
    shows none of the source's pictures but three or more of its own took
    its own screenshots, of its own steps: images missing or added there
    are info. An image that is the content of a link to another site goes
    with that link, which the link rule (KB511) compares (a badge, which
    decorates, neither rule compares).

    ## Why
    An image missing from a translation usually went with a paragraph the
    translator skipped or an update that was never carried over.

    ## Bad
    ```
    # source: ![架构](img/arch.png)  ![流程](img/flow.png)
    # translation: ![Architecture](img/arch.png)
    ```

    ## Good
    ```
    # translation: ![Architecture](img/arch.png)  ![Flow](img/flow.png)
    ```

    ## Options
    `report_localized`: report a different image at the same place as info
    (default true); false leaves localised screenshots unreported.
    """

    code = "KB510"
    name = "image-mismatch"
    severity = Severity.WARNING
    Options = Options

    def compare(self, page, pair, ctx) -> Iterable[Finding]:
        locales = [ctx.config.source_locale, str(page.locale)]
        files = resolver(ctx, LinkOptions())

        def images(p):
            badges = _linked(p)
            return [link for link in p.links if link.kind == "image" and id(link) not in badges]

        def key(p):
            def shown(link):
                return neutral_url(files.file_of(p, link.dest) or link.dest, locales, names=False)

            return shown

        source, target = images(pair.reference), images(page)
        keys = {id(link): key(pair.reference)(link) for link in source}
        keys |= {id(link): key(page)(link) for link in target}
        if [keys[id(x)] for x in source] != [keys[id(x)] for x in target]:
            # the locale's own copy of a file shows the same picture: compare bytes
            root = ctx.config.root
            for p, links in ((pair.reference, source), (page, target)):
                for link in links:
                    rel = files.file_of(p, link.dest)
                    keys[id(link)] = _digest(root / rel) if rel else keys[id(link)]
        # an image of a section one side lacks, shown in a matched section of the
        # other (a subsection folded into its parent), is where the translator put it;
        # so is the locale's copy of the same name
        lost, added = pair.unmatched(source, target)
        elsewhere = {"extra": list(lost), "missing": list(added)}

        def placed(m: Mismatch) -> bool:
            link, others = m.source or m.translation, elsewhere.get(m.kind, [])
            same = [x for x in others if keys[id(x)] == keys[id(link)]]
            same = same or [x for x in others if _same_name(x.dest, link.dest)]
            if same:
                others.remove(same[0])
            return bool(same)

        shown = {}  # what the source shows, and where first
        for link in source:
            shown.setdefault(keys[id(link)], link.line)
        found = [m for m in pair.diff(source, target, lambda link: keys[id(link)]) if not placed(m)]
        missing: dict = {}  # by the translation's section
        extra: dict = {}  # by the source's section
        for m in _moved(found):
            s, t = m.source, m.translation
            if m.kind == "changed" and keys[id(t)] in shown:
                message = f"image {t.dest!r} where the source has {s.dest!r} (the source shows "
                message += f"{t.dest!r} at line {shown[keys[id(t)]]})"
                yield pair.at(t.line, t.column, message, s.line, s.column)
            elif m.kind == "changed":
                if self.options.report_localized:
                    kind = "localised image" if _counterpart(s.dest, t.dest) else "image"
                    message = f"{kind} {t.dest!r} where the source has {s.dest!r}"
                    finding = pair.at(t.line, t.column, message, s.line, s.column)
                    yield finding._replace(severity=Severity.INFO)
            elif m.kind == "missing":  # one finding per section
                missing.setdefault(pair.where(s.line), []).append(s)
            elif not pair.wrote_anew(t.line):
                extra.setdefault(pair.source_line(t.line), []).append(t)
        # a translation that shows none of the source's pictures, but three or more
        # of its own, took its own screenshots: how many it took is part of that
        mine = {keys[id(x)] for x in target}
        own = len(mine) >= OWN_SET and mine.isdisjoint(keys[id(x)] for x in source)
        for links in missing.values():
            s = links[0]
            finding = pair.missing(f"missing the source's {_listed(links)}", s.line, s.column)
            yield finding._replace(severity=Severity.INFO) if own else finding
        for links in extra.values():
            t = links[0]
            verb = "is" if len(links) == 1 else "are"
            finding = pair.extra(f"{_listed(links)} {verb} not in the source", t.line, t.column)
            yield finding._replace(severity=Severity.INFO) if own else finding


def _linked(page) -> set[int]:
    """The images that are the content of a link to another site: the link rule
    compares that link, and the picture goes with it."""
    return {id(image) for link, image in linked_images(page) if _EXTERNAL.match(link.dest)}


_EXTERNAL = lazy(r"https?://", re.IGNORECASE)


def _listed(links: list) -> str:
    """``image 'a'``, ``images 'a' and 'b'``, ``images 'a', 'b' and 3 more``."""
    names = [repr(link.dest) for link in links]
    if len(names) == 1:
        return f"image {names[0]}"
    if len(names) == 2:
        return f"images {names[0]} and {names[1]}"
    return f"images {names[0]}, {names[1]} and {len(names) - 2} more"


_PART = lazy(r"[^a-z0-9]+")
_LOCALE_WORDS = {"en", "zh", "cn", "hans", "hant", "tw", "hk", "us", "ja", "jp", "ko", "kr"}


def _moved(found: list[Mismatch]) -> list[Mismatch]:
    """``found``, with an image missing from one section and one of the same name
    (but for locale words) extra in another made one localised image: the
    locale's own copy, placed elsewhere (a tracking pixel at the end of each page)."""
    extra = [m for m in found if m.kind == "extra"]
    pairs: dict[int, Mismatch] = {}  # id of the missing -> the extra it is
    for m in (m for m in found if m.kind == "missing"):
        e = next((e for e in extra if _same_name(m.source.dest, e.translation.dest)), None)
        if e is not None:
            extra.remove(e)
            pairs[id(m)] = e
    taken = {id(e) for e in pairs.values()}
    return [
        Mismatch("changed", m.source, pairs[id(m)].translation) if id(m) in pairs else m
        for m in found
        if id(m) not in taken
    ]


def _counterpart(source: str, translation: str) -> bool:
    """Whether an image file is the localised counterpart of the source's: the
    same name (the locale's own copy), the same but for locale words
    (`web_en_12.png` for `web_12.png`, `view-en.png` for `view-zh-hans.png`), or a
    name in another script (`扩缩容.png` for `scale.png`)."""
    names = [_name(u) for u in (source, translation)]
    return not all(name.isascii() for name in names) or _same_name(source, translation)


def _same_name(source: str, translation: str) -> bool:
    """Whether two images have one name but for locale words."""
    words = [[w for w in _PART.split(_name(u)) if w and w not in _LOCALE_WORDS]
             for u in (source, translation)]  # fmt: skip
    return bool(words[0]) and words[0] == words[1]


def _name(url: str) -> str:
    try:
        path = urlsplit(url).path
    except ValueError:  # a bracket never closed (`https://[::1/a.png`): no host to leave out
        path = url.partition("#")[0].partition("?")[0]
    return PurePosixPath(path).stem.lower()


def _digest(path: Path) -> str:
    """What a file shows: its bytes (a hash), or its path when it cannot be read."""
    try:
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return str(path)
