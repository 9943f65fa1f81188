from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.parity import parity
from kbcheck.translations.policy import neutral_url


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ignore: list[str] = []  # URL prefixes that may differ between locales


class LinkMismatch(TranslationRule):
    """A translation's external links differ from its source's.

    The `http(s)` targets of both pages are compared as collections (a
    translation may reorder a sentence); a link replaced by another in the
    same section is one finding naming both. Locale parts of a URL count as equal
    (`zh.wikipedia.org` and `en.wikipedia.org`, `/zh-cn/` and `/en-us/`,
    `?hl=zh`), so localized links are fine.

    ## Why
    A reference dropped or replaced in one locale is a fact the readers of
    that locale cannot check; an updated link carried to one locale only
    leaves the other pointing at the old page.

    ## Bad
    ```
    # source: [论文](https://arxiv.org/abs/1706.03762)
    # translation: [paper](https://arxiv.org/abs/1706.03761)
    ```

    ## Good
    ```
    # translation: [paper](https://arxiv.org/abs/1706.03762)
    ```

    ## Options
    `ignore`: URL prefixes left out of the comparison.
    """

    code = "KB511"
    name = "link-mismatch"
    severity = Severity.WARNING
    Options = Options

    def check(self, page, ctx) -> Iterable[Finding]:
        pair = parity(ctx, page)
        if pair is None:
            return
        locales = [ctx.config.source_locale, str(page.locale)]
        skip = tuple(self.options.ignore)

        def external(p):
            return [
                link
                for link in p.links
                if link.kind != "image"
                and link.dest.lower().startswith(("http://", "https://"))
                and not link.dest.startswith(skip or ("\0",))
            ]

        def key(link):
            return neutral_url(link.dest, locales)

        source, target = external(pair.reference), external(page)
        if sorted(link.dest for link in source) == sorted(link.dest for link in target):
            return  # the same URLs to the letter: nothing to neutralise
        found = pair.diff(source, target, key, ordered=False)
        missing = [m.source for m in found if m.kind == "missing"]
        extra = [m.translation for m in found if m.kind == "extra"]
        for s in missing:
            t = next((t for t in extra if pair.same_section(s.line, t.line)), None)
            if t is None:
                yield pair.missing(f"missing the source's link {s.dest}", s.line, s.column)
                continue
            extra.remove(t)  # one link replaced by another: one finding
            yield pair.at(
                t.line, t.column, f"link {t.dest} where the source has {s.dest}", s.line, s.column
            )
        for t in extra:
            yield pair.extra(f"link {t.dest} is not in the source", t.line, t.column)
