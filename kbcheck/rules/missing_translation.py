from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import PageRule
from kbcheck.translations.pairing import pairing
from kbcheck.translations.state import translations


class MissingTranslation(PageRule):
    """A source page has no translation into one of the locales.

    Reported on the source page, once per missing locale; a locale that
    translates under a tenth of the pages of a part of the site (a docs
    version, the blog; the whole site elsewhere) is yet to start there, and
    is one finding, on the first page it lacks; so is a folder of five
    pages or more of which it translates none (a part of the docs it has yet
    to reach, or has written otherwise). Pages are paired
    by the layout (`content/<locale>/...`, Docusaurus `i18n/<locale>/...`,
    `page.<locale>.md`) or by `translations.pair_key`; `.md` pairs with
    `.mdx`. Pages a locale leaves untranslated on purpose are declared with
    `[translations] untranslated = ["docs/style-guide.md"]` (globs, or a
    table of globs per locale) and counted apart in the coverage; a rule's
    findings can be left out of some paths with `[rules.<rule>] exclude`.
    A source whose translation is an orphan under the name the source had
    before a rename is KB503's finding, not this one.
    `kbcheck translations status` shows the coverage per locale and KB502
    turns `translations.min_coverage` into a gate.

    ## Why
    Readers of that locale fall back to the source language, or to a 404
    when the site has no fallback.

    ## Bad
    ```
    content/zh/rag.md      # and no content/en/rag.md
    ```

    ## Good
    ```
    content/zh/rag.md
    content/en/rag.md
    ```
    """

    code = "KB501"
    name = "missing-translation"
    severity = Severity.WARNING

    def check(self, page, ctx) -> Iterable[Finding]:
        pairs = pairing(ctx)
        if not pairs.is_source(page):
            return
        done = pairs.translations_of(page)
        renamed = translations(ctx).renamed_sources() if pairs.orphans else set()
        for locale in pairs.locales:
            if locale in done or pairs.left_out(page, locale):
                continue
            if (locale, page.rel) in renamed:
                continue  # its translation has the old name: KB503 says so
            part = pairs.parts[page.rel]
            missing, expected = pairs.missing_in(locale, part)
            if len(missing) == 1 or 100 * (expected - len(missing)) >= STARTED * expected:
                moved = {rel for where, rel in renamed if where == locale}
                folder = pairs.untouched_folder(locale, page, moved)
                if folder is None:
                    yield Finding(1, 1, f"no {locale} translation of this page")
                elif folder[1][0] is page:  # a folder it leaves out: one finding for it
                    yield Finding(
                        1,
                        1,
                        f"no {locale} translation of this page, nor of the {len(folder[1]) - 1}"
                        f" more in {folder[0]}/: {locale} translates none of that folder",
                    )
            elif missing[0] is page:  # a locale yet to start here: one finding for it
                there = f" in {part}" if part else ""
                yield Finding(
                    1,
                    1,
                    f"no {locale} translation of this page, nor of {len(missing) - 1} more"
                    f"{there}: {locale} translates {expected - len(missing)} of its {expected}",
                )


STARTED = 10.0  # percent of its pages a locale translates, below which it is yet to start
