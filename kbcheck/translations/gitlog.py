"""Running git: the ``git log`` passes and a long-lived ``git cat-file --batch``.

Two logs are read, side by side: the commit graph (every commit reachable
from ``HEAD``, with its time and parents, no diffs: cheap whatever the size of
the repository), and the changes to the knowledge base's pages (the log limited
to a pathspec, so that git never reads an image blob). Ancestry comes from the
whole graph, so a path-limited log answers exactly what an unlimited one would.

This module only talks to git and turns its output into plain records; the
questions about that history (what changed since a commit, where a file went)
are answered in :mod:`kbcheck.translations.history`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# Marks the start of each commit in the log output. Paths never begin with it in
# practice, and the parser only looks for it where an entry may start.
_SENTINEL = "\x01"

LOG_ARGS = (
    "log",
    f"--format={_SENTINEL}%H%x00%ct%x00%P",
    "-z",
    "--raw",  # status letter per file: A/M/D/T and R<score> with both names
    "--numstat",  # lines added/deleted per file, in the same pass
    "-M",
    "--no-abbrev",  # full blob ids are cheaper for git than unique prefixes
    "--root",
    "--date-order",  # children before parents, otherwise newest first
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-show-signature",
    "--full-history",  # every commit touching the paths, on every branch
    "HEAD",
    "--",
)

GRAPH_ARGS = ("log", "--format=%H %ct %P", "--no-color", "--no-show-signature", "HEAD", "--")

_HEX = re.compile(r"[0-9a-f]{4,64}")


def blob_id(data: bytes) -> str:
    """The id git gives ``data`` as a file (SHA-1 repositories), so that a file
    can be compared with a committed version without reading it from git."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


@dataclass(frozen=True)
class FileChange:
    """One file in one commit: status letter, names and line counts."""

    status: str  # A, M, D, T or R (copies are not looked for)
    path: str  # the name after the commit
    old_path: str | None  # the name before, for renames
    added: int  # 0 for binary files
    deleted: int
    blob: str = ""  # the file's blob id after the commit (zeros when deleted)


@dataclass(frozen=True)
class RawCommit:
    """A commit as the log prints it."""

    sha: str
    time: int  # committer time, seconds since the epoch
    parents: tuple[str, ...]
    changes: tuple[FileChange, ...]


def run_git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    """Run git in ``root``; None when git cannot be started."""
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root,
            capture_output=True,
            env=_env(),
            check=False,
        )
    except OSError as exc:
        log.debug("cannot run git: %s", exc)
        return None


class GitError(Exception):
    """git ran and failed; the message is git's own."""


def read_log(root: Path, pathspec: Sequence[str] = (), since: str | None = None) -> list[RawCommit]:
    """Every commit reachable from HEAD (and not from ``since``), newest first, with
    its changes to ``pathspec`` (every path when empty). Raises :class:`GitError`
    when git fails, OSError when git cannot be started."""
    env = _env()
    command = ["git", "-c", "core.quotepath=off"]
    not_since = [f"^{since}"] if since else []
    graph_args = [*GRAPH_ARGS[:-1], *not_since, "--"]
    log_args = [*LOG_ARGS[:-1], *not_since, "--", *pathspec]
    graph = subprocess.Popen(
        [*command, *graph_args], cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    with graph:
        changes = subprocess.run(
            [*command, *log_args], cwd=root, env=env, capture_output=True, check=False
        )
        graph_out, graph_err = graph.communicate()
    for code, err in ((graph.returncode, graph_err), (changes.returncode, changes.stderr)):
        if code != 0:
            raise GitError(first_lines(err) or f"git log exited with {code}")
    found = {c.sha: c.changes for c in parse_log(changes.stdout)}
    commits = []
    for line in graph_out.decode("ascii", "replace").splitlines():
        sha, time, *parents = line.split()
        commits.append(RawCommit(sha, int(time), tuple(parents), found.get(sha, ())))
    return commits


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


def _count(text: str) -> int:
    return int(text) if text.isdigit() else 0  # "-" for binary files


def parse_log(output: bytes) -> list[RawCommit]:
    """Parse the output of ``git`` with :data:`LOG_ARGS` (newest first)."""
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
        # Raw lines come first (":mode mode blob blob STATUS", then one or two
        # names), then numstat lines in the same order ("added\tdeleted\tname", or
        # "added\tdeleted\t" followed by the old and the new name for a rename).
        statuses: list[tuple[str, str, str | None, str]] = []
        counts: list[tuple[int, int]] = []
        while i < n:
            tok = tokens[i].lstrip("\n")
            if tok.startswith(_SENTINEL):
                break
            if tok.startswith(":"):
                fields = tok.split(" ")
                letter, blob = fields[-1][:1], fields[3] if len(fields) > 4 else ""
                if letter in ("R", "C"):
                    old, new = _decode(tokens[i + 1]), _decode(tokens[i + 2])
                    statuses.append((letter, new, old, blob))
                    i += 3
                else:
                    statuses.append((letter, _decode(tokens[i + 1]), None, blob))
                    i += 2
            elif "\t" in tok:
                added, deleted, name = tok.split("\t", 2)
                counts.append((_count(added), _count(deleted)))
                i += 1 if name else 3
            else:
                i += 1
        if len(counts) != len(statuses):  # never expected; keep the names anyway
            counts = [(0, 0)] * len(statuses)
        changes = tuple(
            FileChange(s, path, old, a, d, blob)
            for (s, path, old, blob), (a, d) in zip(statuses, counts, strict=True)
        )
        commits.append(RawCommit(sha, time, tuple(parents), changes))
    return commits


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
                log.debug("cannot start git cat-file: %s", exc)
                self._broken = True
        return self._proc

    def read(self, rev: str, path: str = "") -> bytes | None:
        """The blob at ``rev:path`` (or the blob ``rev`` without a path); None if
        missing, not a file, or on any failure."""
        if not _HEX.fullmatch(rev) or "\n" in path:
            return None
        with self._lock:
            proc = self._start()
            if proc is None or proc.stdin is None or proc.stdout is None:
                return None
            try:
                name = f"{rev}:{path}" if path else rev
                proc.stdin.write(f"{name}\n".encode("utf-8", "surrogateescape"))
                proc.stdin.flush()
                header = proc.stdout.readline().split()
                if not header:
                    raise OSError("git cat-file stopped")
                if len(header) != 3:  # "<name> missing" or "<name> ambiguous"
                    return None
                size = int(header[2])
                data = proc.stdout.read(size + 1)[:size]  # content, then a newline
            except (OSError, ValueError) as exc:
                log.debug("git cat-file failed: %s", exc)
                self._broken = True
                self._stop()
                return None
            return data if header[1] == b"blob" else None

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
