from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.parity import parity
from kbcheck.translations.policy import neutral_url


class ImageMismatch(TranslationRule):
    """A translation's images differ from its source's.

    Markdown images are compared in order. Locale parts of the path count as
    equal (`img/zh/chart.png` and `img/en/chart.png`, `zh.example.org`), so
    localized screenshots are fine.

    ## Why
    An image missing from a translation usually went with a paragraph the
    translator skipped or an update that was never carried over.

    ## Bad
    ```
    # source: ![架构](img/arch-v2.png)
    # translation: ![Architecture](img/arch-v1.png)
    ```

    ## Good
    ```
    # translation: ![Architecture](img/arch-v2.png)
    ```
    """

    code = "KB510"
    name = "image-mismatch"
    severity = Severity.WARNING

    def check(self, page, ctx) -> Iterable[Finding]:
        pair = parity(ctx, page)
        if pair is None:
            return
        locales = [ctx.config.source_locale, str(page.locale)]

        def images(p):
            return [link for link in p.links if link.kind == "image"]

        def key(link):
            return neutral_url(link.dest, locales)

        for m in pair.diff(images(pair.reference), images(page), key):
            s, t = m.source, m.translation
            if m.kind == "changed":
                yield pair.at(
                    t.line,
                    t.column,
                    f"image {t.dest!r}; the source has {s.dest!r}",
                    s.line,
                    s.column,
                )
            elif m.kind == "missing":
                yield pair.missing(f"missing the source's image {s.dest!r}", s.line, s.column)
            else:
                yield pair.extra(f"image {t.dest!r} is not in the source", t.line, t.column)
