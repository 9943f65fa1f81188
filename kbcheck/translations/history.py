"""The repository's history, read once, for translation staleness.

:meth:`History.read` reads the commit graph of everything reachable from
``HEAD`` and, in the same pass, the changes to the knowledge base's pages
(rename detection and line counts included), so asking about a thousand pages
costs no more git calls. File contents at older commits come
from one long-lived ``git cat-file --batch`` process.

"After a commit" means *not reachable from it*, as in ``git log SHA..HEAD``, so
merged branches are handled: a change merged later counts even if it was
written earlier. Renames are followed by name, like ``git log --follow``; a
file's history starts at the commit that added it.

Paths are repository-relative POSIX strings. Commit ids may be abbreviated to
seven or more hexadecimal digits.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from kbcheck.translations import logcache
from kbcheck.translations.ancestry import Ancestry
from kbcheck.translations.gitlog import (
    CatFile,
    FileChange,
    Found,
    GitError,
    Pages,
    RawCommit,
    first_lines,
    read_changes,
    read_log,
    read_log_of,
    run_git,
)

MIN_ABBREV = 7
EVERY_FILE = Pages()
# A history read for a few pages reads every page's changes once asked about
# more paths than this: one pass costs less than many.
WIDEN_AT = 64


class HistoryUnavailable(Exception):
    """The history cannot be read; the message says why (git's own words if it ran)."""


class Commit(NamedTuple):
    """A commit as seen from one file: when it happened and what it did there."""

    sha: str
    time: datetime  # committer time, UTC
    renamed_from: str | None  # the file's previous name, if this commit renamed it
    path: str  # the file's name in this commit
    status: str  # A added, M modified, D deleted, T type changed, R renamed
    blob: str = ""  # the file's blob id after this commit


class History:
    """Commits reachable from ``HEAD``, indexed by file. Build it with :meth:`load`."""

    def __init__(
        self,
        root: Path,
        commits: Sequence[RawCommit],
        *,
        shallow: bool = False,
        boundary: frozenset[str] = frozenset(),
        scope: tuple[Path, Pages, str] | None = None,
    ) -> None:
        self.root = root
        self.shallow = shallow  # a shallow clone: older commits are unknown
        self.boundary = boundary  # in a shallow clone, the commits whose parents are missing
        self._shas = [c.sha for c in commits]  # newest first, children before parents
        self._times = [c.time for c in commits]
        self._index = {sha: i for i, sha in enumerate(self._shas)}
        self._sorted = sorted(self._shas)
        self._parents = [[self._index[p] for p in c.parents if p in self._index] for c in commits]
        self._changes = [c.changes for c in commits]
        self._by_path: dict[str, list[tuple[int, FileChange]]] = {}
        self._renamed_away: dict[str, list[tuple[int, FileChange]]] = {}
        self._index_changes(range(len(commits)))
        # With a scope (the folder git runs in, the pages, the folder's place in the
        # repository), changes are read path by path, as they are asked about;
        # else every change is here.
        self._scope = scope
        self._loaded: set[str] = set()  # paths whose every change is read
        self._whole: set[int] = set()  # commits whose every change is read
        self._read: set[int] = set()  # commits with changes read
        self._ancestry = Ancestry(self._parents)
        self._touching: dict[str, list[Commit]] = {}
        self._cat = CatFile(root)
        self._shown: dict[tuple[str, str], bytes | None] = {}  # read ahead, see show_ahead
        self._finalizer = weakref.finalize(self, self._cat.close)

    @classmethod
    def load(cls, repo_root: Path, pages: Pages = EVERY_FILE) -> History | None:
        """:meth:`read`, or None when the history cannot be read."""
        try:
            return cls.read(repo_root, pages)
        except HistoryUnavailable:
            return None

    @classmethod
    def read(
        cls,
        repo_root: Path,
        pages: Pages = EVERY_FILE,
        cache: bool = False,
        focus: Sequence[str] | None = None,
    ) -> History:
        """Read the history of the repository containing ``repo_root``.

        Every commit reachable from HEAD is known (for ancestry and record
        commits); changes are read for ``pages`` only (relative to
        ``repo_root``; every file by default), so that a repository's images
        cost nothing. Renames are followed between pages.

        With ``focus`` (paths relative to ``repo_root``), changes are read for
        those paths first and for other paths when asked about, unless the
        cache holds the history up to an ancestor of HEAD: a run on a few files
        reads little of a long history.

        An empty History for a repository without commits. Raises
        :class:`HistoryUnavailable` with the reason (git's own message when git
        failed) outside a work tree, without git, or when git cannot read the
        history (a partial clone without its objects, a broken repository).

        With ``cache``, the commits read are kept in the repository's git folder
        and a later call reads only the new ones (:mod:`.logcache`); answers are
        the same.
        """
        probe = run_git(
            repo_root,
            *("rev-parse", "--show-toplevel", "--is-shallow-repository", "--git-path", "shallow"),
            *("--git-path", "kbcheck", "--show-prefix", "-q", "--verify", "HEAD^{commit}"),
        )
        if probe is None:
            raise HistoryUnavailable("git cannot be run")
        lines = probe.stdout.decode("utf-8", "surrogateescape").split("\n")
        if probe.returncode != 0 and (probe.returncode != 1 or len(lines) < 5):
            raise HistoryUnavailable(first_lines(probe.stderr) or "not a git repository")
        top, shallow, shallow_file, own_folder, prefix, head = [*lines, ""][:6]
        root = Path(top)
        if probe.returncode != 0:  # all but HEAD printed: no commits yet
            return cls(root, [])
        boundary: frozenset[str] = frozenset()
        if shallow.strip() == "true":
            try:
                boundary = frozenset((repo_root / shallow_file).read_text("ascii").split())
            except OSError:
                boundary = frozenset()
        key = pages.pathspec()
        kept = logcache.path_for(repo_root / own_folder, repo_root, key) if cache else None
        if boundary:
            kept = None  # a deeper fetch changes what a shallow clone knows
        cached = logcache.load(kept, key) if kept is not None else None
        if cached is not None and cached[0] != head:
            ancestor = run_git(root, "merge-base", "--is-ancestor", cached[0], head)
            if ancestor is None or ancestor.returncode != 0:
                cached = None  # history rewritten: what was kept is of no use
        scope = None
        try:
            if focus is not None and cached is None:
                scope = (repo_root, pages, prefix)
                wanted = [prefix + path for path in focus]
                commits, whole = read_log_of(repo_root, pages, prefix, wanted)
                commits = logcache.canonical_order(commits)
            else:
                commits = _read_commits(repo_root, pages, prefix, head, kept, cached)
        except OSError as exc:
            raise HistoryUnavailable(f"git cannot be run: {exc}") from exc
        except GitError as exc:
            raise HistoryUnavailable(f"git log failed: {exc}") from exc
        history = cls(
            root, commits, shallow=shallow.strip() == "true", boundary=boundary, scope=scope
        )
        if scope is not None:
            history._read_for(wanted, {c.sha: c.changes for c in commits if c.changes}, whole)
        return history

    def prefetch(self, paths: Sequence[str]) -> None:
        """Read the changes to ``paths`` now, in one pass (when the history was read
        for a few pages; else every change is known already)."""
        if self._scope is None:
            return
        wanted = [p for p in dict.fromkeys(paths) if p not in self._loaded]
        if not wanted:
            return
        root, pages, prefix = self._scope
        try:
            if len(self._loaded) + len(wanted) > WIDEN_AT:  # cheaper read whole
                commits = read_log(root, pages, prefix)
                self._scope = None
                found = {c.sha: c.changes for c in commits}
                self._changes = [found.get(sha, ()) for sha in self._shas]
                self._by_path.clear()
                self._renamed_away.clear()
                self._index_changes(range(len(self._shas)))
                self._touching.clear()
                return
            found, whole = read_changes(root, pages, prefix, wanted)
        except (OSError, GitError) as exc:
            # git read this repository moments ago: these paths are left without
            # history rather than stopping the run
            import logging  # only when git failed: a run where it does not never loads it

            logging.getLogger(__name__).warning("git log failed for %s: %s", ", ".join(wanted), exc)
            found, whole = {}, set()
        self._read_for(wanted, found, whole)

    def _read_for(self, paths: Sequence[str], found: Found, whole: set[str]) -> None:
        """Take in the changes read for ``paths``: ``found``, complete for the
        commits in ``whole``."""
        self._loaded.update(paths)
        for sha, changes in found.items():
            i = self._index.get(sha)
            if i is None or i in self._whole:
                continue
            if sha in whole:
                self._whole.add(i)
                self._changes[i] = changes
            else:
                self._changes[i] = tuple(dict.fromkeys((*self._changes[i], *changes)))
            self._read.add(i)
        self._by_path.clear()
        self._renamed_away.clear()
        self._index_changes(sorted(self._read))
        self._touching.clear()

    def close(self) -> None:
        """Stop the background ``git cat-file`` process (also done on collection);
        a later :meth:`show` starts it again."""
        self._cat.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._shas)

    # -- commits -------------------------------------------------------------

    def resolve(self, sha: str) -> str | None:
        """The full id of a known commit from a full or abbreviated (>= 7) id."""
        if not isinstance(sha, str):
            return None
        sha = sha.strip().lower()
        if sha in self._index:
            return sha
        if len(sha) < MIN_ABBREV:
            return None
        at = bisect.bisect_left(self._sorted, sha)
        found = self._sorted[at : at + 2]
        hits = [s for s in found if s.startswith(sha)]
        return hits[0] if len(hits) == 1 else None  # unknown or ambiguous

    def exists(self, sha: str) -> bool:
        """Whether ``sha`` names a commit reachable from HEAD."""
        return self.resolve(sha) is not None

    def time(self, sha: str) -> datetime | None:
        """The committer time of a known commit."""
        full = self.resolve(sha)
        return None if full is None else _utc(self._times[self._index[full]])

    def cut_off(self, sha: str) -> bool:
        """Whether a shallow clone lacks the parents of ``sha`` (what it changed is unknown)."""
        full = self.resolve(sha)
        return full is not None and full in self.boundary

    def touches(self, sha: str, path: str) -> bool:
        """Whether commit ``sha`` changed ``path`` (under either name, for a rename)."""
        full = self.resolve(sha)
        if full is None:
            return False
        self._entries(path)  # read when the history was read for a few pages
        changes = self._changes[self._index[full]]
        return any(path in (c.path, c.old_path) for c in changes)

    # -- files ---------------------------------------------------------------

    def commits_touching(self, path: str) -> list[Commit]:
        """The commits that changed ``path``, newest first, following renames."""
        cached = self._touching.get(path)
        if cached is None:
            cached = self._touching[path] = self._follow(path)
        return list(cached)

    def last_commit(self, path: str) -> Commit | None:
        """The newest commit that changed ``path``."""
        commits = self.commits_touching(path)
        return commits[0] if commits else None

    def commits_since(self, path: str, sha: str, *, inclusive: bool = False) -> list[Commit] | None:
        """Commits changing ``path`` that ``sha`` does not contain, newest first.

        With ``inclusive``, ``sha`` itself counts as missing (for records that
        name the first change a translation lacks). None when ``sha`` is unknown.
        """
        full = self.resolve(sha)
        if full is None:
            return None
        target = self._index[full]
        return [
            c
            for c in self.commits_touching(path)
            if not self._ancestry.contains(target, self._index[c.sha])
            or (inclusive and self._index[c.sha] == target)
        ]

    def path_at(self, path: str, sha: str) -> str | None:
        """The name ``path`` had at commit ``sha`` (following renames); None if the
        file did not exist then or ``sha`` is unknown."""
        found = self._version_at(path, sha)
        return found.path if found is not None else None

    def blob_at(self, path: str, sha: str) -> str | None:
        """The blob id of ``path`` at commit ``sha`` (following renames), as the log
        gives it; None if unknown. A merge that changed the file (a conflict
        resolved) is not in the log: use this to tell that a file is unchanged,
        :meth:`show` for its content."""
        found = self._version_at(path, sha)
        return found.blob or None if found is not None else None

    def _version_at(self, path: str, sha: str) -> Commit | None:
        """The newest change to ``path`` that commit ``sha`` contains."""
        full = self.resolve(sha)
        if full is None:
            return None
        target = self._index[full]
        for commit in self.commits_touching(path):
            if self._ancestry.contains(target, self._index[commit.sha]):
                return None if commit.status == "D" else commit
        return None

    def renamed_to(self, old_path: str) -> str | None:
        """Where a file that no longer exists went, or None if it was deleted.

        Follows rename chains. A deletion in a commit that adds exactly one file
        with the same base name counts as a move (rename detection misses moves
        with heavy edits).
        """
        path, seen = old_path, {old_path}
        while not self._present(path):
            nxt = self._next_name(path)
            if nxt is None or nxt in seen:
                return None
            path = nxt
            seen.add(path)
        return None if path == old_path else path

    def show(self, sha: str, path: str) -> bytes | None:
        """The content of ``path`` at commit ``sha``; None if it did not exist."""
        rev = self.resolve(sha) or sha.strip().lower()
        if (rev, path) in self._shown:
            return self._shown.pop((rev, path))
        return self._cat.read(rev, path)

    def show_ahead(self, wanted: Iterable[tuple[str, str]]) -> None:
        """Read the content of each ``(sha, path)`` now, in one exchange with git,
        for :meth:`show` to give (once) later."""
        revs = [(self.resolve(sha) or sha.strip().lower(), path) for sha, path in wanted]
        revs = [rev for rev in dict.fromkeys(revs) if rev not in self._shown]
        self._shown.update(zip(revs, self._cat.read_many(revs), strict=True))

    # -- internals -----------------------------------------------------------

    def _index_changes(self, commits: Iterable[int]) -> None:
        """Index the changes of ``commits`` (indices, in order) by path."""
        for i in commits:
            for change in self._changes[i]:
                self._by_path.setdefault(change.path, []).append((i, change))
                if change.old_path is not None:
                    self._renamed_away.setdefault(change.old_path, []).append((i, change))

    def _entries(self, path: str) -> list[tuple[int, FileChange]]:
        """The changes to ``path`` (under that name), newest first."""
        if self._scope is not None and path not in self._loaded:
            self.prefetch([path])
        return self._by_path.get(path, [])

    def _away(self, path: str) -> list[tuple[int, FileChange]]:
        """The renames of ``path`` to other names, newest first."""
        if self._scope is not None and path not in self._loaded:
            self.prefetch([path])
        return self._renamed_away.get(path, [])

    def _follow(self, path: str) -> list[Commit]:
        out: list[Commit] = []
        name, before = path, -1  # only entries older (higher index) than `before`
        while True:
            entries = [(i, c) for i, c in self._entries(name) if i > before]
            for i, change in entries:
                out.append(
                    Commit(
                        sha=self._shas[i],
                        time=_utc(self._times[i]),
                        renamed_from=change.old_path,
                        path=change.path,
                        status=change.status,
                        blob=change.blob,
                    )
                )
                if change.status == "A":
                    return out
                if change.old_path is not None and change.old_path != name:
                    name, before = change.old_path, i
                    break
            else:
                return out

    def _present(self, path: str) -> bool:
        """Whether ``path`` exists at HEAD, judging by its newest change."""
        entries = self._entries(path)
        if not entries:
            return False
        newest, change = entries[0]
        away = self._away(path)
        if away and away[0][0] <= newest:  # renamed away at or after its last change
            return False
        return change.status != "D"

    def _next_name(self, path: str) -> str | None:
        away = self._away(path)
        if away:
            return away[0][1].path
        entries = self._entries(path)
        if not entries or entries[0][1].status != "D":
            return None
        i = entries[0][0]
        base = path.rsplit("/", 1)[-1]
        added = [c.path for c in self._changes[i] if c.status == "A"]
        same = [p for p in added if p.rsplit("/", 1)[-1] == base]
        return same[0] if len(same) == 1 else None


def _read_commits(
    root: Path,
    pages: Pages,
    prefix: str,
    head: str,
    cache: Path | None,
    cached: tuple[str, list[RawCommit]] | None,
) -> list[RawCommit]:
    """The log in the canonical order: what was kept (``cached``, read for an
    ancestor of ``head``) and the commits git adds to it."""
    if cached is not None and cached[0] == head:
        return cached[1]
    since = cached[0] if cached is not None else None
    commits = read_log(root, pages, prefix, since)
    if since is not None and cached is not None:
        commits += cached[1]
    commits = logcache.canonical_order(commits)
    if cache is not None:
        logcache.save(cache, pages.pathspec(), head, commits)
    return commits


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)
