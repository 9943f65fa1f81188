from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.rules.base import CorpusRule
from kbcheck.translations.pairing import pairing


class TranslationCoverage(CorpusRule):
    """A locale has fewer of the source pages translated than `min_coverage` asks.

    Coverage is the percentage of source pages with a translation into the
    locale (stale ones count: they exist). The gate is off until
    `[translations] min_coverage` is set (in percent).

    The finding is reported once per locale, on the first source page (by
    path) that lacks a translation into it: such a page always exists when
    the coverage is short, it is a page that fixes the gap, and a full run
    always reports it, whatever files a hook passes.

    ## Why
    A site that claims a locale should not ship it half empty; the gate lets
    CI hold the line while translation catches up.

    ## Bad
    ```
    # kbcheck.toml: [translations] min_coverage = 90
    en: 12 of 20 pages translated (60%)
    ```

    ## Good
    ```
    en: 19 of 20 pages translated (95%)
    ```
    """

    code = "KB502"
    name = "translation-coverage"

    def check_corpus(self, ctx) -> Iterable[Finding]:
        wanted = ctx.config.translations.min_coverage
        if wanted <= 0:
            return
        pairs = pairing(ctx)
        for locale in pairs.locales:
            coverage = pairs.coverage(locale)
            missing = pairs.missing(locale)
            if coverage >= wanted or not missing:
                continue
            total = pairs.expected(locale)
            yield Finding(
                1,
                1,
                f"locale {locale} covers {coverage:.1f}% of the source pages "
                f"({total - len(missing)} of {total}), below min_coverage {wanted:g}%; "
                f"this page is among the {len(missing)} untranslated",
                path=missing[0].path,
            )
