"""Recording, in a translation, the version of its source it now follows.

Only the record key of the frontmatter is edited; every other byte of the
file stays as it was, and the file is replaced atomically.
"""

from __future__ import annotations

from kbcheck.files import write_atomic
from kbcheck.page import Page
from kbcheck.translations.fmedit import set_mapping_keys
from kbcheck.translations.records import BOM, content_hash, write_record
from kbcheck.translations.state import Translations


def mark_translation(
    tracker: Translations, page: Page, source: Page, *, hash_only: bool = False
) -> tuple[bool, str | None]:
    """Record ``source``'s current version in ``page``: (whether the file changed, commit)."""
    commit = None if hash_only else _source_commit(tracker, source)
    config = tracker.config
    path = config.root / page.rel
    hash_ = content_hash(source.source)
    key = config.translations.record_key
    if key == "translation":
        return write_record(path, commit=commit, hash=hash_, source_file=source.rel), commit
    data = path.read_bytes()  # a custom record key: the same edit under another name
    bom = BOM if data.startswith(BOM) else b""
    values = {"source_commit": commit, "source_hash": hash_, "source_file": source.rel}
    new = bom + set_mapping_keys(data[len(bom) :].decode("utf-8"), key, values).encode("utf-8")
    if new == data:
        return False, commit
    write_atomic(path, new, replaces=data)
    return True, commit


def _source_commit(tracker: Translations, source: Page) -> str | None:
    """The commit that last changed the source, if the file is as committed there."""
    history = tracker.history
    if history is None:
        return None
    last = history.last_commit(tracker.repo_path(source.rel))
    if last is None:
        return None
    data = history.show(last.sha, last.path)
    if data is None or content_hash(data) != content_hash(source.source):
        return None  # changed in the work tree: only the hash names this version
    return last.sha
