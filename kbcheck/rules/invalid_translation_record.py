from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Location
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.state import translations


class InvalidTranslationRecord(TranslationRule):
    """A translation's source version record cannot be right.

    Checked: the recorded commit exists in the history (unless the clone is
    shallow, or the recorded `source_hash` matches the current source), the
    source existed at that commit and that commit changed it, a hash-only
    record matches some committed version of the source, `source_file` names
    an existing file and the paired source, and a versioned translation
    (`version-2/...`) does not record the current docs, which keep moving
    (unless the versioned source held the very text the record names: cutting
    a version copies the locale's docs with their records, and such a record
    is read as a record of that text).

    A record naming a commit newer than the source's last change (a
    translation "ahead" of its source) names a commit that did not change
    the source: it is reported here; the translation counts as up to date.

    ## Why
    A wrong record hides staleness for good: the translation looks up to date
    against a version nobody translated.

    ## Bad
    ```
    translation:
      source_commit: 0123abcd        # not in this repository
      source_file: docs/intro.md     # but this is version-2's translation
    ```

    ## Good
    ```
    translation:
      source_commit: 5d41402abc4b2a76b9719d911017c592ae6f2a91
      source_hash: sha256:9a0364b9e99bb480
      source_file: versioned_docs/version-2/intro.md
    ```
    """

    code = "KB515"
    name = "invalid-translation-record"

    def check(self, page, ctx) -> Iterable[Finding]:
        tracker = translations(ctx)
        if not tracker.pairing.is_translation(page):
            return
        status = tracker.status(page)
        for problem in status.problems if status else ():
            related = (Location(tracker.display(problem.related), 1, 1),) if problem.related else ()
            yield Finding(problem.line, 1, problem.message, related=related)
