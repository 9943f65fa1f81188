"""Which version of its source each translation follows, and whether it is stale.

The version comes from the translation's record (:mod:`.records`), checked in
this order:

1. ``source_hash`` equal to the hash of the current source: up to date. The
   commit is not looked at, so a record stays valid in a clone whose commits
   were re-created (the commit is unknown there, the content is not).
2. ``source_commit`` (or MDN ``l10n.sourceCommit``, osu! ``outdated_since``): the
   source as it was at that commit.
3. ``source_hash`` alone: the newest commit of the source whose content has that
   hash, found by walking the source's history (a page has few commits).
4. No record: the source as it was at the translation's last commit (what
   Kubernetes' ``lsync.sh`` compares).

A translation is stale when the source at that version differs from the
current source (so a change reverted later is not a change, nor one that only
replaced URLs the translation already has), or when a record says
``outdated: true``. For a stale translation with a known version, the
status says how far behind it is: source commits it lacks, days since the
oldest of them, lines changed (a line diff of the two versions), and which
sections of the source changed.

A record may also be wrong; its problems (:class:`RecordProblem`) feed rule
KB515. A record naming a commit newer than the source's last change (a
translation "ahead" of its source) names a commit that did not change the
source: that is reported, and the translation counts as up to date.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from kbcheck.config import Config
from kbcheck.corpus import Corpus, display_path
from kbcheck.page import Page, read_page
from kbcheck.sites import MARKDOWN_SUFFIXES, site_of
from kbcheck.translations.code import writes_wide
from kbcheck.translations.followed import already_has_change, has_new_code
from kbcheck.translations.gitlog import Pages, blob_id
from kbcheck.translations.history import Commit, History, HistoryUnavailable
from kbcheck.translations.linediff import opcodes
from kbcheck.translations.pairing import Pairing, build_pairing, expected_sources, pairing
from kbcheck.translations.records import SourceRecord, content_hash, read_record
from kbcheck.translations.sections import SectionChange, changed_sections, sections_of

if TYPE_CHECKING:
    from kbcheck.context import Context

SHORT = 10  # digits of a commit id in messages
STATUSES_KEY = "translations.status"  # the run's Translations, on the context


class State(str, enum.Enum):
    UP_TO_DATE = "up-to-date"
    STALE = "stale"
    UNKNOWN = "unknown"  # no record and no history to judge by


class RecordProblem(NamedTuple):
    """Something wrong with a translation's record, for rule KB515."""

    line: int
    message: str
    related: str | None = None  # a config-relative path the message names


@dataclass
class PairStatus:
    """A translation, its source, and how the two relate."""

    source: Page
    translation: Page
    record: SourceRecord | None
    state: State = State.UNKNOWN
    version: str | None = None  # the source commit the translation follows, when known
    version_data: bytes | None = None  # the source at that version, when known
    outdated_flag: bool = False  # the record says so by hand
    commits: list[Commit] = field(default_factory=list)  # source commits it lacks
    days: float | None = None
    lines_changed: int | None = None
    sections: list[SectionChange] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)
    reason: str | None = None  # why the state is unknown
    lacks_history: bool = False  # unknown because git history is unreadable or cut off
    _reference: Page | None = field(default=None, repr=False)

    @property
    def locale(self) -> str:
        return str(self.translation.locale)

    @property
    def record_line(self) -> int:
        return (self.record.line if self.record else None) or 1

    @property
    def reference(self) -> Page:
        """The source as the translation knows it: at the recorded version when it
        differs from the current source, else the current source."""
        if self._reference is None:
            self._reference = self.source
            data = self.version_data
            if self.state is State.STALE and data is not None and data != self.source.source:
                old = read_page(self.source.path, data, slugs=self.source.slugs)
                if old.text:
                    source = self.source
                    old.rel, old.key, old.locale = source.rel, source.key, source.locale
                    self._reference = old
        return self._reference

    @property
    def short_version(self) -> str | None:
        return self.version[:SHORT] if self.version else None


class Translations:
    """Pairing plus source versions for one run; statuses are computed on demand."""

    def __init__(
        self,
        config: Config,
        corpus: Corpus,
        pairs: Pairing | None = None,
    ) -> None:
        self.config = config
        self.corpus = corpus
        self.pairing = pairs if pairs is not None else build_pairing(config, corpus)
        self._history: History | None = None
        self.history_error: str | None = None  # why the history cannot be read
        self._loaded = False  # git is asked only when a status needs it
        self.focus: list[str] | None = None  # the paths a run on a few pages asks about
        self._reader: threading.Thread | None = None  # reading the history ahead
        self._failure: BaseException | None = None  # what stopped it
        self._prefix = ""  # the config root, relative to the repository root
        self._statuses: dict[str, PairStatus] = {}
        self._shown_ahead: set[str] = set()  # translations whose source versions are read
        self._warned = False  # whether the history warning is worked out
        self._renamed: set[tuple[str, str]] | None = None
        self._warning: tuple[str, list[PairStatus]] | None = None
        self.now = datetime.now(timezone.utc)  # days behind are counted up to now

    # -- history and paths ----------------------------------------------------

    @property
    def history(self) -> History | None:
        """The repository's history, read on first use; None outside git (then
        :attr:`history_error` says why)."""
        reader = self._reader
        if reader is not None and reader is not threading.current_thread():
            reader.join()
            self._reader = None
            if self._failure is not None:
                raise self._failure
        if not self._loaded:
            self._loaded = True
            try:
                cache = self.config.translations.history_cache
                history = History.read(self.config.root, self.pages(), cache, self.focus)
            except HistoryUnavailable as exc:
                self.history_error = str(exc)
                return None
            try:
                rel = self.config.root.resolve().relative_to(history.root.resolve())
            except ValueError:
                return None
            self._prefix = "" if rel == Path() else rel.as_posix() + "/"
            self._history = history
        return self._history

    def read_ahead(self) -> None:
        """Read the history in a thread: git works while the run goes on, until a
        status needs it (for a run on a few pages, never split between processes)."""

        def read() -> None:
            try:
                self.history  # noqa: B018 (read on first use)
            except BaseException as exc:  # raised again where the history is used
                self._failure = exc

        if self._reader is None and not self._loaded:
            self._reader = threading.Thread(target=read, name="kbcheck-history")
            self._reader.start()

    def pages(self) -> Pages:
        """The knowledge base's pages, whose history is read: git reads no blob but a
        page's. The history answers the same whatever the pages asked about."""
        return Pages(tuple(site_of(self.config).content_roots()), MARKDOWN_SUFFIXES)

    def repo_path(self, rel: str) -> str:
        return self._prefix + rel

    def config_path(self, repo_path: str) -> str:
        return repo_path.removeprefix(self._prefix)

    def display(self, rel: str) -> str:
        """A config-relative path as output shows paths (relative to the working dir)."""
        page = self.corpus.by_rel.get(rel)
        if page is not None:
            return page.path
        return display_path(self.config.root / rel, Path.cwd())

    # -- statuses --------------------------------------------------------------

    def status(self, translation: Page) -> PairStatus | None:
        """The status of a paired translation; None for orphans and other pages."""
        source = self.pairing.source_of(translation)
        if source is None:
            return None
        found = self._statuses.get(translation.rel)
        if found is None:
            found = self._statuses[translation.rel] = self._compute(source, translation)
        return found

    def statuses(self, translations: list[Page] | None = None) -> list[PairStatus]:
        """The statuses of ``translations`` (or of every translation), the source
        versions they compare with read from git at once."""
        pages = self.pairing.translations if translations is None else translations
        self.show_ahead(pages)
        return [s for t in pages if (s := self.status(t)) is not None]

    def computed(self) -> list[PairStatus]:
        """The statuses worked out so far, in the order they were."""
        return list(self._statuses.values())

    def adopt(self, statuses: Iterable[PairStatus]) -> None:
        """Statuses another process worked out (:mod:`.handover`); those known here stay."""
        for status in statuses:
            self._statuses.setdefault(status.translation.rel, status)

    def renamed_sources(self) -> set[tuple[str, str]]:
        """(locale, source) of the renamed sources whose translation of that locale
        is an orphan under the old name: KB503 reports that one cause."""
        if self._renamed is None:
            self._renamed = {
                (str(orphan.locale), moved)
                for orphan in self.pairing.orphans
                if (moved := self.renamed_source(orphan)) is not None
            }
        return self._renamed

    def renamed_source(self, translation: Page) -> str | None:
        """Where git says the source of an orphan went (config-relative), if anywhere."""
        history = self.history
        if history is None:
            return None
        record = record_of(translation, self.config.translations.record_key)
        named = [record.source_file] if record and record.source_file else []
        for rel in [*named, *expected_sources(translation.rel, self.config)]:
            moved = history.renamed_to(self.repo_path(rel))
            if moved is not None and self._may_source(self.config_path(moved), translation):
                return self.config_path(moved)
        for rel in expected_sources(translation.rel, self.config):
            moved = self._renamed_since_version(rel, history)
            if moved is not None and self._may_source(moved, translation):
                return moved
        return None

    def _renamed_since_version(self, rel: str, history: History) -> str | None:
        """A page of a frozen docs version under a name the current docs have renamed
        since: its copy in the version, under the new name, if the version has it
        (a translation of the version made before the rename keeps the old name)."""
        folders = site_of(self.config).version_folders(rel)
        if folders is None or not rel.startswith(folders[1]):
            return None
        current, frozen = folders
        moved = history.renamed_to(self.repo_path(current + rel[len(frozen) :]))
        moved = self.config_path(moved) if moved is not None else ""
        copy = frozen + moved[len(current) :]
        return copy if moved.startswith(current) and (self.config.root / copy).is_file() else None

    def _may_source(self, rel: str, translation: Page) -> bool:
        """Whether ``rel`` could be the source of ``translation``: a page of the
        source locale (and, for versioned docs, of the same version)."""
        site = site_of(self.config)
        if site.locate(rel)[0] != self.config.source_locale:
            return False
        return site.part_of(rel) == site.part_of(translation.rel)

    def _compute(self, source: Page, translation: Page) -> PairStatus:
        record = record_of(translation, self.config.translations.record_key)
        if record is not None:
            record = self._copied_with_version(record, source, translation) or record
        status = PairStatus(source, translation, record)
        status.outdated_flag = bool(record and record.outdated)
        current = content_hash(source.source)
        # A record of another file says nothing of this source: git history decides.
        usable = record is not None and not self._check_source_file(status, record)
        if record is not None and usable and record.hash and record.hash == current:
            status.state, status.version_data = State.UP_TO_DATE, source.source
        elif not (record is not None and usable and (record.commit or record.hash)) or not (
            self._from_record(status, record, current)
        ):
            self._from_history(status, current)
        del status.problems[1:]  # one record, one finding: the first problem explains it
        if status.state is State.STALE and self._kept_up(status):
            status.state, status.commits = State.UP_TO_DATE, []  # its record left behind
        if status.state is State.STALE and status.version_data is not None:
            old = status.version_data.decode("utf-8", "replace")
            if (
                already_has_change(old, source.text, translation.text, _wide(status))
                or has_new_code(old, source.text, translation.text)
                or _new_outline(status)
            ):
                status.state, status.commits = State.UP_TO_DATE, []
        if status.outdated_flag and status.state is not State.STALE:
            status.state = State.STALE
        if status.state is State.STALE and status.version_data is not None:
            self._measure(status)
        if status.state is State.UNKNOWN and status.reason is None:
            status.reason = self.history_error or "no version to compare with"
            status.lacks_history = self.history_error is not None
        return status

    def history_incomplete(self) -> bool:
        """Whether git history leaves some translations unknown for sure: it cannot
        be read, or the clone is shallow (a partial clone shows it only page by page)."""
        history = self.history
        return self.history_error is not None or (history is not None and history.shallow)

    def history_warning(self) -> tuple[str, list[PairStatus]] | None:
        """Why git history could not tell, and the translations it leaves unknown
        (worked out once: it needs the status of every translation)."""
        if not self._warned:
            self._warning, self._warned = self._history_warning(), True
        return self._warning

    def _history_warning(self) -> tuple[str, list[PairStatus]] | None:
        history = self.history
        blind = [s for s in self.statuses() if s.lacks_history]
        if not blind:
            return None
        if self.history_error is not None:
            return f"git history cannot be read ({self.history_error})", blind
        if history is not None and history.shallow:
            return "the clone is shallow: its oldest commits lack their history", blind
        return f"git history cannot be read ({blind[0].reason})", blind

    def _from_record(self, status: PairStatus, record: SourceRecord, current: str) -> bool:
        """Judge by the record; False when it names no usable version (then git
        history decides)."""
        history, line = self.history, status.record_line
        path = self.repo_path(status.source.rel)
        tracked = history is not None and bool(history.commits_touching(path))
        if record.commit and history is not None:
            full = history.resolve(record.commit)
            if full is None:
                if history.shallow:
                    status.reason = f"source commit {record.commit} is older than the clone"
                    status.lacks_history = True
                else:
                    status.problems.append(
                        RecordProblem(line, f"source commit {record.commit} is not in the history")
                    )
            else:
                return self._at_commit(status, record, full, path, current)
        if not record.hash:
            return status.reason is not None  # a shallow clone: unknown, not a guess
        status.state = State.STALE  # the hash differs from the current source
        if tracked and history is not None:
            for commit in history.commits_touching(path):
                data = history.show(commit.sha, commit.path)
                if data is not None and content_hash(data) == record.hash:
                    status.version, status.version_data = commit.sha, data
                    status.commits = history.commits_since(path, commit.sha) or []
                    return True
            status.problems.append(
                RecordProblem(
                    line,
                    f"source hash {record.hash} matches no committed version of "
                    f"{status.source.rel}",
                )
            )
        return True  # stale: the hash is not the current source's

    def _at_commit(
        self, status: PairStatus, record: SourceRecord, full: str, path: str, current: str
    ) -> bool:
        history = self.history
        assert history is not None
        line, rel = status.record_line, status.source.rel
        old_name = history.path_at(path, full)
        if old_name is None:
            status.problems.append(
                RecordProblem(line, f"{rel} did not exist at source commit {full[:SHORT]}")
            )
            return False
        if not history.touches(full, old_name):
            since = {c.sha for c in history.commits_since(path, full) or []}
            held = next((c for c in history.commits_touching(path) if c.sha not in since), None)
            hint = f"; the source version it holds is {held.sha[:SHORT]}" if held else ""
            status.problems.append(
                RecordProblem(line, f"source commit {full[:SHORT]} did not change {rel}{hint}")
            )
        if record.lacks_commit:
            # osu!: the first commit the translation lacks; it follows the version before.
            chain = history.commits_touching(path)
            index = next((i for i, c in enumerate(chain) if c.sha == full), None)
            prior = chain[index + 1] if index is not None and index + 1 < len(chain) else None
            status.version = prior.sha if prior else None
            status.version_data = history.show(prior.sha, prior.path) if prior else None
            status.commits = history.commits_since(path, full, inclusive=True) or []
            status.state = State.STALE
            return True
        status.version = full
        status.version_data = self._version(status.source, path, full, old_name)
        data = status.version_data
        same = data is status.source.source or (data is not None and content_hash(data) == current)
        status.state = State.UP_TO_DATE if same else State.STALE
        if not same:
            status.commits = history.commits_since(path, full) or []
        return True

    def show_ahead(self, pages: Iterable[Page]) -> None:
        """Read from git, in one exchange, the source versions that the statuses of
        ``pages`` compare with when judged by history (see :meth:`_from_history`);
        read one at a time, each would wait for git to be scheduled. Once a page,
        and not for a status already worked out (here or by the other process)."""
        history = self.history
        if history is None:
            return
        wanted = []
        for translation in pages:
            if translation.rel in self._shown_ahead or translation.rel in self._statuses:
                continue
            self._shown_ahead.add(translation.rel)
            source = self.pairing.source_of(translation)
            last = history.last_commit(self.repo_path(translation.rel)) if source else None
            if source is None or last is None:
                continue
            path = self.repo_path(source.rel)
            old_name = history.path_at(path, last.sha)
            if old_name is not None and history.blob_at(path, last.sha) != blob_id(source.source):
                wanted.append((last.sha, old_name))
        history.show_ahead(wanted)

    def _version(self, source: Page, path: str, sha: str, old_name: str) -> bytes | None:
        """The source at commit ``sha``: the current bytes when git's blob id says
        they are the same (no need to ask git for them), else read from git."""
        history = self.history
        assert history is not None
        if history.blob_at(path, sha) == blob_id(source.source):
            return source.source
        return history.show(sha, old_name)

    def _from_history(self, status: PairStatus, current: str) -> None:
        history = self.history
        if history is None:
            return
        last = history.last_commit(self.repo_path(status.translation.rel))
        path = self.repo_path(status.source.rel)
        if last is None:
            status.reason = "the translation is not committed"
            return
        old_name = history.path_at(path, last.sha)
        if old_name is None:
            status.reason = "the source is newer than the translation's last commit"
            return
        data = self._version(status.source, path, last.sha, old_name)
        if data is None:  # a partial clone whose objects cannot be fetched
            status.reason = f"git cannot read the source at {last.sha[:SHORT]}"
            status.lacks_history = True
            return
        same = data is status.source.source or content_hash(data) == current
        if same and history.cut_off(last.sha):
            # a shallow clone shows every file as added in its oldest commit
            status.reason = "the translation's last change is older than this shallow clone"
            status.lacks_history = True
            return
        status.version, status.version_data = last.sha, data
        status.state = State.UP_TO_DATE if same else State.STALE
        if not same:
            status.commits = history.commits_since(path, last.sha) or []

    def _kept_up(self, status: PairStatus) -> bool:
        """Whether every source commit since the recorded version changed the
        translation too: it was edited along with its source, the record left
        behind. (Without a record, the commits counted come after the
        translation's last change, so none of them changed it.)"""
        history = self.history
        if history is None or not status.commits:
            return False
        path = self.repo_path(status.translation.rel)
        return all(history.touches(commit.sha, path) for commit in status.commits)

    def _named_file(self, record: SourceRecord) -> str:
        named = (record.source_file or "").strip().removeprefix("./")
        in_site = str(PurePosixPath(self.config.site_dir, named))
        if not named or in_site == named or (self.config.root / named).is_file():
            return named
        if (self.config.root / in_site).is_file() or self._was_tracked(in_site, named):
            return in_site  # written relative to the site folder, as Docusaurus sites do
        return named

    def _was_tracked(self, path: str, other: str) -> bool:
        """Whether git history knows ``path`` (a file since deleted) and not ``other``."""
        history = self.history
        if history is None:
            return False
        return bool(history.commits_touching(self.repo_path(path))) and not (
            history.commits_touching(self.repo_path(other))
        )

    def _copied_with_version(
        self, record: SourceRecord, source: Page, translation: Page
    ) -> SourceRecord | None:
        """The record of a versioned translation that names the current docs at a
        commit, read as a record of the text it names, when the versioned source
        held that text: cutting a version copies the locale's current docs, their
        records with them, so the record is right about what was translated."""
        history, named, site = self.history, self._named_file(record), site_of(self.config)
        if not (record.commit and named and history is not None):
            return None
        if not (site.changing_version(named) and site.frozen_version(translation.rel)):
            return None
        full = history.resolve(record.commit)
        data = history.show(full, self.repo_path(named)) if full else None
        if data is None:
            return None
        wanted = content_hash(data)
        versions = history.commits_touching(self.repo_path(source.rel))
        held = (history.show(c.sha, c.path) for c in versions)
        if wanted != content_hash(source.source) and wanted not in (
            content_hash(x) for x in held if x is not None
        ):
            return None
        return record._replace(commit=None, hash=wanted, source_file=None)

    def _check_source_file(self, status: PairStatus, record: SourceRecord) -> bool:
        """Report a record naming another file; True when it is another page's
        record (it tells nothing of this source)."""
        named = self._named_file(record)
        if not named or named == status.source.rel:
            return False
        line, want = status.record_line, status.source.rel
        if not (self.config.root / named).is_file():
            moved = None
            if self.history is not None:
                moved = self.history.renamed_to(self.repo_path(named))
            hint = f" (renamed to {self.config_path(moved)})" if moved else ""
            status.problems.append(
                RecordProblem(
                    line, f"source_file {named} does not exist{hint}; the source is {want}", want
                )
            )
            return False
        site = site_of(self.config)
        translation = status.translation.rel
        if site.changing_version(named) and site.frozen_version(translation):
            status.problems.append(
                RecordProblem(
                    line,
                    f"versioned translation records the current docs {named}, which keep "
                    f"changing; its source is {want}",
                    want,
                )
            )
        else:
            status.problems.append(
                RecordProblem(line, f"source_file {named} is not the paired source {want}", want)
            )
        return True

    def _measure(self, status: PairStatus) -> None:
        old_data = status.version_data or b""
        old = old_data.decode("utf-8", "replace")
        new = status.source.text or status.source.source.decode("utf-8", "replace")
        # the old version is parsed once, as the page the parity rules compare with
        status.sections = changed_sections(
            sections_of(status.reference), sections_of(status.source)
        )
        status.lines_changed = _lines_changed(old, new)
        if status.commits:
            oldest = min(c.time for c in status.commits)
            status.days = round((self.now - oldest).total_seconds() / 86400, 1)
        elif status.version is not None:
            status.days = 0.0  # changed in the work tree only


def _wide(status: PairStatus) -> bool | None:
    """Whether the translation is in Chinese, Japanese or Korean and its source not
    (True), the other way round (False), or neither (None)."""
    translation, source = writes_wide(status.translation.locale), writes_wide(status.source.locale)
    return translation if translation != source else None


def _new_outline(status: PairStatus) -> bool:
    """Whether the change gave the source another outline, and the translation
    has that one, not the one before: it was brought up to date with the change
    (sections taken out or added on both sides), its record or commit before it."""
    old = [h.level for h in status.reference.headings]
    new = [h.level for h in status.source.headings]
    return old != new and [h.level for h in status.translation.headings] == new


def _lines_changed(old: str, new: str) -> int:
    changed = 0
    for tag, i1, i2, j1, j2 in opcodes(old, new):
        if tag != "equal":
            changed += (i2 - i1) + (j2 - j1)
    return changed


def record_of(page: Page, record_key: str = "translation") -> SourceRecord | None:
    """The source record of a translation, read from its frontmatter under ``record_key``."""
    data = page.data
    if record_key != "translation":
        data = {k: v for k, v in data.items() if k != "translation"}
        if record_key in page.data:
            data["translation"] = page.data[record_key]
    own = record_key == "translation"
    # the line comes from the parsed frontmatter below; text only for all-digit commit ids
    record = read_record(data, positions={}, text=page.text if own else None)
    if record is None:
        return None
    parts = record.key.split(".")
    if parts[0] == "translation":
        parts[0] = record_key
    line = page.frontmatter.position(tuple(parts)).line if page.frontmatter else 1
    return SourceRecord(
        record.commit,
        record.hash,
        record.source_file,
        record.key,
        line,
        record.lacks_commit,
        record.outdated,
    )


def translations(ctx: Context) -> Translations:
    """The run's translation statuses, shared between rules (built once)."""
    return ctx.memo(STATUSES_KEY, lambda: Translations(ctx.config, ctx.corpus, pairing(ctx)))


def start_history(ctx: Context) -> None:
    """Start reading git history in a thread if a page checked is a translation:
    git works while the run goes on (a run on a few pages reads their history first)."""
    tracker = translations(ctx)
    pages = ctx.targets if ctx.targets is not None else ctx.corpus.pages
    if any(tracker.pairing.is_translation(page) for page in pages):
        if _focused(ctx, pages) and tracker.focus is None:
            tracker.focus = focus_of(tracker, pages)
        tracker.read_ahead()


def read_history(ctx: Context) -> None:
    """Read git history now if a page checked is a translation, so that the
    processes a run is split into share one reading."""
    start_history(ctx)
    tracker = translations(ctx)
    pages = ctx.targets if ctx.targets is not None else ctx.corpus.pages
    if not _focused(ctx, pages) and any(tracker.pairing.is_translation(p) for p in pages):
        tracker.history  # noqa: B018 (read on first use)


def read_versions(ctx: Context, pages: list[Page]) -> None:
    """For a run on many pages, read the source versions that the statuses of
    ``pages`` compare with, in one exchange with git: each process of a split run
    reads those of the pages it checks."""
    targets = ctx.targets if ctx.targets is not None else ctx.corpus.pages
    if not _focused(ctx, targets):
        translations(ctx).show_ahead(pages)


def _focused(ctx: Context, pages: list[Page]) -> bool:
    """Whether a run is on few enough pages to read their history first."""
    return len(pages) <= FOCUS_LIMIT and len(pages) < len(ctx.corpus.pages)


# A run on at most this many pages reads the history of those pages only (when
# the history kept from an earlier run is not current).
FOCUS_LIMIT = 20


def focus_of(tracker: Translations, pages: Iterable[Page]) -> list[str]:
    """The paths whose history a run on ``pages`` asks about first: the pages,
    their sources, and the sources an orphan's record or name points to."""
    out: list[str] = []
    config = tracker.config
    for page in pages:
        out.append(page.rel)
        source = tracker.pairing.source_of(page)
        if source is not None:
            out.append(source.rel)
        elif tracker.pairing.is_translation(page):
            record = record_of(page, config.translations.record_key)
            if record is not None and record.source_file:
                out.append(record.source_file)
            out += expected_sources(page.rel, config)
    return out
