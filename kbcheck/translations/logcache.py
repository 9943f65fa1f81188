"""The history as last read, kept between runs, so that a run reads only new commits.

Reading the history costs a walk of every commit's trees; a pre-commit run on
one file cannot afford it on a long history. The commits read are kept in
the repository's git folder (``.git/kbcheck/history-<key>.json``: never in the
work tree, never committed), with the ``HEAD`` and the pathspec they were read
for. The next run reads only
``cached..HEAD`` when the cached ``HEAD`` is an ancestor of the current one
(new commits, a merge), and everything again otherwise (a rebase, a reset, a
new pathspec). The commits are then put in one canonical order
(:func:`canonical_order`), so a run answers the same with and without the file.

The file is JSON (never code), replaced atomically; a file that cannot be read or
written is ignored.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
from collections.abc import Sequence
from pathlib import Path

from kbcheck.translations.gitlog import FileChange, RawCommit


def _debug(message: str, *args: object) -> None:
    import logging  # only when something failed: a run where nothing does never loads it

    logging.getLogger(__name__).debug(message, *args)


FORMAT = 2


def path_for(folder: Path, root: Path, pathspec: Sequence[str]) -> Path:
    """The cache file in ``folder`` for a knowledge base at ``root`` read with ``pathspec``."""
    key = json.dumps([str(root.resolve()), list(pathspec)]).encode("utf-8")
    return folder / f"history-{hashlib.sha1(key, usedforsecurity=False).hexdigest()[:16]}.json"


def load(path: Path, pathspec: Sequence[str]) -> tuple[str, list[RawCommit]] | None:
    """The cached HEAD and commits, if the file is there and was read for ``pathspec``."""
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != FORMAT or data.get("pathspec") != list(pathspec):
            return None
        commits = [
            RawCommit(sha, time, tuple(parents), tuple(FileChange(*c) for c in changes))
            for sha, time, parents, changes in data["commits"]
        ]
        return str(data["head"]), commits
    except (OSError, ValueError, TypeError, KeyError) as exc:
        _debug("history cache not used: %s", exc)
        return None


def save(path: Path, pathspec: Sequence[str], head: str, commits: Sequence[RawCommit]) -> None:
    """Keep the commits read for ``head``; a failure only costs the next run time."""
    data = {
        "format": FORMAT,
        "pathspec": list(pathspec),
        "head": head,
        "commits": [
            [c.sha, c.time, list(c.parents), [list(_fields(f)) for f in c.changes]] for c in commits
        ],
    }
    import tempfile  # only when writing (it imports shutil, bz2, lzma, random)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # atomic, but not flushed to disk: a cache lost in a crash costs one full read
        fd, tmp = tempfile.mkstemp(prefix=".history.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(json.dumps(data, separators=(",", ":")).encode("utf-8"))
        os.replace(tmp, path)
    except OSError as exc:
        _debug("history cache not written: %s", exc)


def _fields(change: FileChange) -> tuple:
    return (change.status, change.path, change.old_path, change.blob)


def canonical_order(commits: Sequence[RawCommit]) -> list[RawCommit]:
    """Children before parents, otherwise newest first (ties by id): one order
    whether the commits were read at once or in parts."""
    known = {c.sha: c for c in commits}
    waiting = dict.fromkeys(known, 0)  # children not yet placed
    for c in commits:
        for p in c.parents:
            if p in waiting:
                waiting[p] += 1
    ready = [(-c.time, c.sha) for c in commits if waiting[c.sha] == 0]
    heapq.heapify(ready)
    out: list[RawCommit] = []
    while ready:
        _, sha = heapq.heappop(ready)
        commit = known[sha]
        out.append(commit)
        for p in commit.parents:
            if p in waiting:
                waiting[p] -= 1
                if waiting[p] == 0:
                    heapq.heappush(ready, (-known[p].time, p))
    return out
