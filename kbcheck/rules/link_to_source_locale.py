from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.resolve import LinkOptions, resolver
from kbcheck.rules.base import PageRule
from kbcheck.translations.pairing import pairing


class LinkToSourceLocale(PageRule):
    """A translated page's link works only because the source page stands in.

    The link names a page that has no translation in the page's locale, so it
    resolves through `translations.fallback_to_source` to the source-locale
    page (Docusaurus builds such a page from the untranslated source). Pages
    that `[translations] untranslated` leaves untranslated on purpose are not
    reported.

    ## Why
    The reader switches language in the middle of a translated page. Listing
    these links shows which missing translations readers actually reach.

    ## Bad
    ```
    # i18n/fr/docusaurus-plugin-content-docs/current/intro.md
    [Guide](./guide/setup.md)    # no French guide/setup.md
    ```

    ## Good
    ```
    [Guide](./guide/setup.md)    # translated as i18n/fr/.../current/guide/setup.md
    ```

    ## Options
    `route_base_path` (default `docs`), as for KB301.
    """

    code = "KB304"
    name = "link-to-source-locale"
    severity = Severity.INFO
    Options = LinkOptions

    def check(self, page, ctx) -> Iterable[Finding]:
        for found in resolver(ctx, self.options).problems(page):
            target = found.target
            if not found.fallback or target is None:
                continue
            if not pairing(ctx).left_out(target, str(page.locale)):  # untranslated on purpose
                link = found.link
                message = f"{page.locale} has no translation of {target.rel}; the link"
                message += " resolves to the source-locale page"
                yield Finding(link.line, link.column, message,
                              end_line=link.end_line, end_column=link.end_column)  # fmt: skip
