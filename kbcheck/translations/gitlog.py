"""Running git: the ``git log`` passes and a long-lived ``git cat-file --batch``.

The history is read in passes that git can run cheaply on a repository full of
images:

1. the commit graph: every commit reachable from ``HEAD``, with its time and
   parents, no diffs;
2. the changes, in the knowledge base's folders only, without rename detection
   and with no line counts, so that git compares trees and never reads a blob
   (a folder pathspec, not a glob: git matches a glob against every entry of
   every tree it compares); files that are not pages are dropped here;
3. rename detection, only for the few commits that both delete and add a page,
   limited to the pages, as ``git log -M`` over the pages would do it.

Ancestry comes from the whole graph, so a path-limited log answers exactly what
an unlimited one would. For a run on a few files, :func:`read_changes` reads
passes 2 and 3 for given paths only (:class:`~.history.History` asks for more
as it follows renames).

This module only talks to git and turns its output into plain records; the
questions about that history (what changed since a commit, where a file went)
are answered in :mod:`kbcheck.translations.history`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, NamedTuple

from kbcheck.lazyre import lazy


def _debug(message: str, *args: object) -> None:
    import logging  # only when something failed: a run where nothing does never loads it

    logging.getLogger(__name__).debug(message, *args)


# Marks the start of each commit in the log output. Paths never begin with it in
# practice, and the parser only looks for it where an entry may start.
_SENTINEL = "\x01"

COMMON_ARGS = (
    f"--format={_SENTINEL}%H%x00%ct%x00%P",
    "-z",
    "--raw",  # status letter per file: A/M/D/T and R<score> with both names
    "--no-abbrev",  # full blob ids are cheaper for git than unique prefixes
    "--root",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-show-signature",
)

# every commit touching the paths, on every branch; no rename detection
CHANGES_ARGS = ("log", *COMMON_ARGS, "--no-renames", "--full-history")

# the commits given on standard input, with renames between the paths
RENAMES_ARGS = ("log", *COMMON_ARGS, "-M", "--no-walk=unsorted", "--stdin")

GRAPH_ARGS = ("log", "--format=%H %ct %P", "--no-color", "--no-show-signature", "HEAD", "--")

_GIT = ("git", "-c", "core.quotepath=off")

_HEX = lazy(r"[0-9a-f]{4,64}")
_PIPE_HOLDS = 4096  # bytes: the least a pipe holds (one page)


def blob_id(data: bytes) -> str:
    """The id git gives ``data`` as a file (SHA-1 repositories), so that a file
    can be compared with a committed version without reading it from git."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


class Pages(NamedTuple):
    """The files whose history is read: those under ``folders`` (relative to the
    folder git runs in; every file when empty) whose names end with one of
    ``suffixes`` (any name when empty)."""

    folders: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()

    def _bases(self) -> list[str]:
        bases = [f.strip("/") for f in self.folders] or [""]
        return ["" if b in ("", ".") else b + "/" for b in bases]

    def pathspec(self) -> list[str]:
        """Exactly these files, as git pathspecs."""
        if not self.suffixes:
            return self.folder_pathspec()
        return [f":(glob){b}**/*{s}" for b in self._bases() for s in self.suffixes]

    def folder_pathspec(self) -> list[str]:
        """The folders, as git pathspecs (cheap for git; :meth:`matches` then filters)."""
        bases = self._bases()
        return [] if "" in bases else [f":(literal){b}" for b in bases]

    def matches(self, path: str, prefix: str = "") -> bool:
        """Whether a repository path is one of these files; ``prefix`` is the folder
        git runs in, relative to the top of the repository."""
        if not path.startswith(prefix):
            return False
        rel = path[len(prefix) :]
        return any(rel.startswith(b) for b in self._bases()) and (
            not self.suffixes or path.endswith(tuple(self.suffixes))
        )


class FileChange(NamedTuple):
    """One file in one commit: status letter, names and blob."""

    status: str  # A, M, D, T or R (copies are not looked for)
    path: str  # the name after the commit
    old_path: str | None  # the name before, for renames
    blob: str = ""  # the file's blob id after the commit (zeros when deleted)


class RawCommit(NamedTuple):
    """A commit as the log prints it."""

    sha: str
    time: int  # committer time, seconds since the epoch
    parents: tuple[str, ...]
    changes: tuple[FileChange, ...]


Found = dict[str, tuple[FileChange, ...]]  # changes by commit id


def run_git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    """Run git in ``root``; None when git cannot be started."""
    try:
        return subprocess.run(
            [*_GIT, *args],
            cwd=root,
            capture_output=True,
            env=_env(),
            check=False,
        )
    except OSError as exc:
        _debug("cannot run git: %s", exc)
        return None


class GitError(Exception):
    """git ran and failed; the message is git's own."""


def read_log(
    root: Path, pages: Pages, prefix: str = "", since: str | None = None
) -> list[RawCommit]:
    """Every commit reachable from HEAD (and not from ``since``), newest first, with
    its changes to ``pages`` (``prefix``: the folder of ``root`` in the repository).
    Raises :class:`GitError` when git fails, OSError when git cannot be started."""
    not_since = [f"^{since}"] if since else []
    with _graph(root, not_since) as graph:  # read while git compares trees
        found = _changes(root, ["HEAD", *not_since], pages.folder_pathspec())
        for sha, changes in found.items():
            found[sha] = tuple(c for c in changes if pages.matches(c.path, prefix))
        found.update(detect_renames(root, pages, found))
        return graph(found)


def read_log_of(
    root: Path, pages: Pages, prefix: str, paths: Iterable[str]
) -> tuple[list[RawCommit], set[str]]:
    """Every commit reachable from HEAD, newest first, with the changes of
    :func:`read_changes`, and the commits whose changes are all there."""
    with _graph(root, []) as graph:
        found, whole = read_changes(root, pages, prefix, paths)
        return graph(found), whole


def read_changes(
    root: Path, pages: Pages, prefix: str, paths: Iterable[str]
) -> tuple[Found, set[str]]:
    """The changes to ``paths`` (repository paths) in every commit reachable from
    HEAD that touched them, as :func:`read_log` reads them, and the commits whose
    changes are all there: where a commit deleted or added one of the paths, its
    changes to every page are read, renames included."""
    spec = [f":(top,literal){p}" for p in paths if pages.matches(p, prefix)]
    found = _changes(root, ["HEAD"], spec) if spec else {}
    renames = detect_renames(root, pages, found, any_deletion=True)
    found.update(renames)
    return found, set(renames)


@contextmanager
def _graph(root: Path, revisions: Sequence[str]) -> Iterator[Callable[[Found], list[RawCommit]]]:
    """The commit graph, read by git while this process does something else: gives
    a function that waits for it and returns the commits with their changes."""
    import tempfile  # only when git is asked (it imports shutil, bz2, lzma, random)

    # into files, not pipes: git never waits for this process to read
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [*_GIT, *GRAPH_ARGS[:-1], *revisions, "--"],
            cwd=root,
            env=_env(),
            stdout=out,
            stderr=err,
        )

        def commits(found: Found) -> list[RawCommit]:
            code = proc.wait()
            out.seek(0)
            err.seek(0)
            if code != 0:
                raise GitError(first_lines(err.read()) or f"git log exited with {code}")
            commits = []
            for line in out.read().decode("ascii", "replace").splitlines():
                sha, time, *parents = line.split()
                commits.append(RawCommit(sha, int(time), tuple(parents), found.get(sha, ())))
            return commits

        try:
            yield commits
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()


def detect_renames(root: Path, pages: Pages, found: Found, any_deletion: bool = False) -> Found:
    """The changes of the commits in ``found`` that delete and add files (where
    renames may be), read again with rename detection, limited to ``pages``.
    With ``any_deletion``, ``found`` holds only some paths of each commit: every
    commit that deletes or adds one is read again."""

    def wanted(changes: tuple[FileChange, ...]) -> bool:
        statuses = {c.status for c in changes}
        if any_deletion:
            return bool(statuses & {"A", "D"})
        return {"A", "D"} <= statuses

    shas = [sha for sha, changes in found.items() if wanted(changes)]
    if not shas:
        return {}
    result = subprocess.run(
        [*_GIT, *RENAMES_ARGS, "--", *pages.pathspec()],
        cwd=root,
        env=_env(),
        input="".join(f"{sha}\n" for sha in shas).encode("ascii"),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise GitError(first_lines(result.stderr) or f"git log exited with {result.returncode}")
    return {c.sha: c.changes for c in parse_log(result.stdout)}


def _changes(root: Path, revisions: Sequence[str], pathspec: Sequence[str]) -> Found:
    result = subprocess.run(
        [*_GIT, *CHANGES_ARGS, *revisions, "--", *pathspec],
        cwd=root,
        env=_env(),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise GitError(first_lines(result.stderr) or f"git log exited with {result.returncode}")
    return {c.sha: c.changes for c in parse_log(result.stdout) if c.changes}


def first_lines(err: bytes, limit: int = 3) -> str:
    """git's error output on one line."""
    lines = [line.strip() for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
    return "; ".join(lines[:limit])


def _env() -> dict[str, str]:
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


def _decode(raw: str) -> str:
    # Tokens are decoded as latin-1 so that splitting never fails; paths are then
    # re-read as UTF-8, keeping undecodable bytes as surrogates (like os.fsdecode).
    return raw.encode("latin-1").decode("utf-8", "surrogateescape")


def parse_log(output: bytes) -> list[RawCommit]:
    """Parse the output of ``git`` with :data:`COMMON_ARGS` (in git's order)."""
    tokens = output.decode("latin-1").split("\0")
    commits: list[RawCommit] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i].lstrip("\n")
        if not tok.startswith(_SENTINEL):
            i += 1
            continue
        sha, time, parents = tok[1:], int(tokens[i + 1]), tokens[i + 2].split()
        i += 3
        # one raw line per file: ":mode mode blob blob STATUS", then one name, or
        # the old and the new name for a rename
        changes: list[FileChange] = []
        while i < n:
            tok = tokens[i].lstrip("\n")
            if tok.startswith(_SENTINEL):
                break
            if tok.startswith(":"):
                fields = tok.split(" ")
                letter, blob = fields[-1][:1], fields[3] if len(fields) > 4 else ""
                if letter in ("R", "C"):
                    old, new = _decode(tokens[i + 1]), _decode(tokens[i + 2])
                    changes.append(FileChange(letter, new, old, blob))
                    i += 3
                else:
                    changes.append(FileChange(letter, _decode(tokens[i + 1]), None, blob))
                    i += 2
            else:
                i += 1
        commits.append(RawCommit(sha, time, tuple(parents), tuple(changes)))
    return commits


def _write(stream: IO[bytes], data: bytes) -> None:
    """Write and flush, quietly: a git that stopped is seen by the reader."""
    try:
        stream.write(data)
        stream.flush()
    except OSError:
        pass


def _answer(stream: IO[bytes]) -> bytes | None:
    """One answer of ``git cat-file --batch``: a blob's content, or None."""
    header = stream.readline().split()
    if not header:
        raise OSError("git cat-file stopped")
    if len(header) != 3:  # "<name> missing" or "<name> ambiguous"
        return None
    size = int(header[2])
    data = stream.read(size + 1)[:size]  # content, then a newline
    return data if header[1] == b"blob" else None


class CatFile:
    """File contents at given commits through one ``git cat-file --batch`` process."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._broken = False
        self._pid = os.getpid()

    def _start(self) -> subprocess.Popen[bytes] | None:
        if self._proc is not None and self._pid != os.getpid():
            self._proc = None  # a forked child: the pipes belong to the parent
        if self._proc is None and not self._broken:
            self._pid = os.getpid()
            try:
                self._proc = subprocess.Popen(
                    ["git", "cat-file", "--batch"],
                    cwd=self._root,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError as exc:
                _debug("cannot start git cat-file: %s", exc)
                self._broken = True
        return self._proc

    def read(self, rev: str, path: str = "") -> bytes | None:
        """The blob at ``rev:path`` (or the blob ``rev`` without a path); None if
        missing, not a file, or on any failure."""
        return self.read_many([(rev, path)])[0]

    def read_many(self, wanted: Sequence[tuple[str, str]]) -> list[bytes | None]:
        """:meth:`read` of every ``(rev, path)``, in order. The requests are written
        while the answers are read: one request at a time, each waits for git to be
        scheduled twice (a few milliseconds on a busy machine), for a blob that
        takes it a fraction of one to find."""
        names = [f"{rev}:{path}" if path else rev for rev, path in wanted]
        asked = [
            i for i, (rev, path) in enumerate(wanted) if _HEX.fullmatch(rev) and "\n" not in path
        ]
        found: list[bytes | None] = [None] * len(wanted)
        if not asked:
            return found
        with self._lock:
            proc = self._start()
            if proc is None or proc.stdin is None or proc.stdout is None:
                return found
            requests = "".join(f"{names[i]}\n" for i in asked).encode("utf-8", "surrogateescape")
            # git answers as it reads: more requests than a pipe surely holds are
            # written by a thread, or both pipes could fill
            writer = None
            if len(requests) <= _PIPE_HOLDS:
                _write(proc.stdin, requests)
            else:
                writer = threading.Thread(target=_write, args=(proc.stdin, requests))
                writer.start()
            try:
                for i in asked:
                    found[i] = _answer(proc.stdout)
            except (OSError, ValueError) as exc:
                _debug("git cat-file failed: %s", exc)
                self._broken = True
                self._stop()
            finally:
                if writer is not None:
                    writer.join()
            return found

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    stream.close()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def close(self) -> None:
        """Stop the git process (started again on the next :meth:`read`)."""
        with self._lock:
            self._stop()
