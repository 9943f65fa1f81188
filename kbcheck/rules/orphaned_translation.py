from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Location
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.pairing import expected_sources
from kbcheck.translations.state import translations


class OrphanedTranslation(TranslationRule):
    """A translation whose source page does not exist.

    When git history shows that the source was renamed (or moved), the
    finding names the new source, and points at it; so does the translation
    of a docs version that keeps a name the current docs renamed before the
    version was made, when the version has the page under the new name
    (that page is then not reported untranslated: KB501). A draft (`draft: true`)
    is not published: an orphaned draft is left alone.

    ## Why
    An orphan is never updated again: its source was renamed or deleted, and
    readers of that locale get a page nobody maintains (or two copies once
    the renamed source is translated again).

    ## Bad
    ```
    content/zh/retrieval.md     # renamed from content/zh/rag.md
    content/en/rag.md           # still under the old name
    ```

    ## Good
    ```
    content/zh/retrieval.md
    content/en/retrieval.md
    ```
    """

    code = "KB503"
    name = "orphaned-translation"

    def check(self, page, ctx) -> Iterable[Finding]:
        tracker = translations(ctx)
        if not tracker.pairing.is_orphan(page) or page.data.get("draft") is True:
            return
        expected = expected_sources(page.rel, ctx.config)
        where = f" (expected {expected[0]})" if expected else ""
        moved = tracker.renamed_source(page)
        if moved is None:
            yield Finding(1, 1, f"translation has no source page{where}")
            return
        target = tracker.display(moved)
        yield Finding(
            1,
            1,
            f"translation has no source page{where}; the source was renamed to {moved}",
            related=(Location(target, 1, 1),),
        )
