from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Location, Severity
from kbcheck.page import Page
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.state import State, Translations, translations
from kbcheck.translations.status import describe_lag, describe_sections


class StaleTranslation(TranslationRule):
    """The source changed since the version the translation follows.

    The version comes from the translation's record (`translation:
    {source_commit, source_hash, source_file}`, MDN `l10n.sourceCommit`,
    osu! `outdated_since`) or, without one, from git: the source as it was
    at the translation's last commit. The finding says how far behind the
    translation is (source commits, days, lines changed) and which sections
    of the source changed, and points at each of them in the source.
    `kbcheck translations mark PAGE` records the current version once the
    translation is updated.

    A record whose `source_hash` equals the current source's hash is in
    sync whatever its commit says (a clone may have re-created commits).
    A record saying `outdated: true` is stale by hand. A translation that
    every source commit since its record changed too was edited along with
    its source: it is in sync, its record left behind. A source edit that
    asks nothing of a translator (a URL or a line of code the translation
    already has, a misprint corrected, a badge it never had, a link cut short
    whose full form it has, a GitHub link broken by leaving its repository
    out) leaves it in
    sync too, and so does one whose new code and URLs the translation has,
    or whose new outline (sections added or taken out): it was updated
    first.

    ## Why
    A stale translation tells its readers what the source said months ago;
    naming the changed sections turns "re-read the page" into a short task.

    ## Bad
    ```
    # content/en/rag.md records source_hash sha256:1111..., but
    # content/zh/rag.md now hashes to sha256:2222... (## 检索 {#retrieval} changed)
    ```

    ## Good
    ```
    # after updating the translation:
    kbcheck translations mark content/en/rag.md
    ```
    """

    code = "KB514"
    name = "stale-translation"
    severity = Severity.WARNING

    # Once per run, on the first translation checked that git could not judge.
    _warning: tuple[Page, Finding] | None = None
    _warned = False

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        # The warning counts every translation git could not judge. When git history
        # is missing or cut off, it is worked out here, before the pages are split
        # between processes (not once per process).
        tracker = translations(ctx)
        pages = ctx.targets if ctx.targets is not None else ctx.corpus.pages
        if any(tracker.pairing.is_translation(p) for p in pages) and tracker.history_incomplete():
            self._warn(tracker, ctx)

    def check(self, page, ctx) -> Iterable[Finding]:
        tracker = translations(ctx)
        if not tracker.pairing.is_translation(page) or tracker.pairing.is_copy(page):
            return  # a copy of the source, not translated, is KB501's
        status = tracker.status(page)
        if status is None:
            return
        if status.lacks_history and not self._warned:  # objects a partial clone lacks
            self._warn(tracker, ctx)
        if self._warning is not None and self._warning[0] is page:
            yield self._warning[1]
        if status.state is not State.STALE:
            return
        message = f"{status.source.path} changed since the translated version"
        lag = describe_lag(status)
        sections = describe_sections(status.sections)
        message += (f" ({lag})" if lag else "") + (f"; sections: {sections}" if sections else "")
        if status.outdated_flag and not status.sections:
            message = "translation is marked outdated" + (f" ({lag})" if lag else "")
        related = tuple(
            Location(status.source.path, change.line, 1)
            for change in status.sections
            if change.kind != "removed"
        )
        yield Finding(status.record_line, 1, message, related=related)

    def _warn(self, tracker: Translations, ctx) -> None:
        self._warning, self._warned = _history_warning(tracker, ctx), True


def _history_warning(tracker: Translations, ctx) -> tuple[Page, Finding] | None:
    """Why git could not judge some translations, and the page that says so: the
    first translation checked that git could not judge."""
    pages = [p for p in ctx.targets or ctx.corpus.pages if tracker.pairing.is_translation(p)]
    first = next((p for p in pages if (s := tracker.status(p)) and s.lacks_history), None)
    found = tracker.history_warning() if first is not None else None
    if first is None or found is None:
        return None
    why, blind = found
    locales = ", ".join(sorted({s.locale for s in blind}))
    count = f"{len(blind)} translation{'s' if len(blind) != 1 else ''}"
    message = (
        f"{why}: the staleness of {count} ({locales}) is unknown; "
        "`kbcheck translations status` counts them as unknown (a full clone judges them)"
    )
    return first, Finding(1, 1, message)
