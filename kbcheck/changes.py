"""What a commit or a branch changes, as git tells it.

Two sources: the staged changes of the commit being made (``git diff --cached``,
for the pre-commit hooks) and the changes since a ref (``--changed-since``, for
pull requests: since the merge base of the ref and ``HEAD``, up to the working
tree). Paths are relative to the configuration's root, and only what lies
under it counts. Renames are told apart from a deletion and an addition, so
that a renamed page's old path counts as gone.

    changes = staged(config.root)
    changes.changed   # added, modified, renamed (new path)
    changes.gone      # deleted, renamed (old path): old path -> content at the base
    changes.lines     # changed lines (new side) of each changed file
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from kbcheck.lazyre import lazy
from kbcheck.sites import MARKDOWN_SUFFIXES


class GitError(Exception):
    """git could not answer; the message says what to do."""


class Changes:
    """What a commit or a branch changes: the files, the deleted ones' last content,
    and the new or changed lines of each file."""

    __slots__ = ("changed", "gone", "lines")

    def __init__(self, changed: frozenset[str] = frozenset(), gone: dict[str, bytes] | None = None,
                 lines: dict[str, frozenset[int]] | None = None) -> None:  # fmt: skip
        self.changed = changed
        self.gone = gone if gone is not None else {}
        self.lines = lines if lines is not None else {}

    def touches(self, rel: str, line: int) -> bool:
        """Whether ``line`` of the file at ``rel`` is new or changed."""
        return line in self.lines.get(rel, ())


def staged(root: Path, *, lines: bool = True) -> Changes:
    """The changes of the commit being made: the index against ``HEAD``, or on the
    first commit every staged file, added (without ``lines``, the changed lines
    are not asked of git)."""
    return _diff(root, CACHED, lines=lines)


def for_hook(root: Path, given: list[str]) -> Changes:
    """What the per-file hook checks besides the files it is given: the staged
    deletions and renames, whose pre-commit passes no file.

    pre-commit may split a long file list over several runs of the hook; only
    the run given the first staged page (by path), or the one run when no page
    is staged, takes them on, so that each of their findings is reported once.
    """
    changes = staged(root, lines=False)
    pages = sorted(rel for rel in changes.changed if rel.endswith(MARKDOWN_SUFFIXES))
    if not changes.gone or (pages and pages[0] not in given):
        return Changes()
    return Changes(gone=changes.gone)


def since(root: Path, ref: str) -> Changes:
    """The changes from the merge base of ``ref`` and ``HEAD`` to the working tree."""
    if _git(root, "rev-parse", "--git-dir", check=False) is None:
        raise GitError(f"--changed-since {ref}: {root} is not in a git repository")
    if _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False) is None:
        raise GitError(
            f"--changed-since: {ref} is not in this clone; fetch it first "
            f"(git fetch --no-tags origin {_branch(ref)}, or actions/checkout with fetch-depth: 0)"
        )
    base = _git(root, "merge-base", ref, "HEAD", check=False)
    if base is None:
        shallow = _git(root, "rev-parse", "--is-shallow-repository", check=False)
        if shallow is not None and shallow.strip() == b"true":
            raise GitError(
                f"--changed-since: this shallow clone has no common ancestor of {ref} and HEAD; "
                "fetch more history (git fetch --deepen=100 origin, or git fetch --unshallow; "
                "actions/checkout with fetch-depth: 0)"
            )
        raise GitError(f"--changed-since: {ref} and HEAD have no common ancestor")
    changes = _diff(root, base.decode().strip())
    untracked = _git(root, "ls-files", "-z", "--others", "--exclude-standard")
    added = [name for name in _names(untracked) if name not in changes.changed]
    lines = {**changes.lines, **{rel: _all_lines(root / rel) for rel in added}}
    return Changes(changes.changed | frozenset(added), changes.gone, lines)


CACHED = "--cached"  # what _diff compares with HEAD instead of a commit: the index


def _diff(root: Path, base: str, lines: bool = True) -> Changes:
    status = _git(root, "diff", "--name-status", "-z", "-M", "--relative", base)
    changed: set[str] = set()
    gone: list[str] = []
    fields = _names(status)
    i = 0
    while i < len(fields):
        kind = fields[i][:1]
        if kind in ("R", "C"):
            old, new = fields[i + 1], fields[i + 2]
            if kind == "R":
                gone.append(old)
            changed.add(new)
            i += 3
            continue
        path = fields[i + 1]
        (gone.append if kind == "D" else changed.add)(path)
        i += 2
    old_side = "HEAD" if base == CACHED else base
    return Changes(
        frozenset(changed),
        {rel: _git(root, "show", f"{old_side}:./{rel}", check=False) or b"" for rel in gone},
        _changed_lines(root, base) if lines else {},
    )


_HUNK = lazy(r"@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def files_containing(root: Path, needles: set[bytes], *, ignored: bool) -> set[str] | None:
    """The files under ``root`` (tracked, untracked and, with ``ignored``, ignored ones)
    whose bytes contain one of ``needles``, as ``git grep`` finds them in the working
    tree; None when git cannot tell (not a repository)."""
    if not needles:
        return set()
    patterns = [arg for needle in sorted(needles) for arg in (b"-e", needle)]
    command = [b"git", b"grep", b"-z", b"-l", b"-F", b"--untracked", *patterns]
    if ignored:
        command.insert(-len(patterns), b"--no-exclude-standard")
    try:
        done = subprocess.run([*command, b"--", b"."], cwd=root, capture_output=True)
    except OSError:
        return None
    if done.returncode not in (0, 1):  # 1: no file matches
        return None
    return set(_names(done.stdout))


def _changed_lines(root: Path, base: str) -> dict[str, frozenset[int]]:
    """The new-side line numbers of each changed file's hunks."""
    patch = _git(root, "-c", "core.quotepath=off", "diff", "-U0", "--no-color",
                 "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/", "-M", "--relative",
                 base)  # fmt: skip
    return _hunk_lines(patch.decode("utf-8", "surrogateescape"))


def _hunk_lines(patch: str) -> dict[str, frozenset[int]]:
    """The new-side line numbers of each file's hunks in a ``-U0`` patch."""
    found: dict[str, set[int]] = {}
    current: set[int] | None = None
    header = False  # between ``diff --git`` and the first hunk: "+++ b/..." names the file
    for line in patch.splitlines():
        if line.startswith("diff --git "):
            header, current = True, None
        elif header and line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else found.setdefault(_unquote(name)[2:], set())
        elif line.startswith("@@ ") and (match := _HUNK.match(line)):
            header = False
            if current is not None:
                start, count = int(match[1]), int(match[2] or 1)
                current.update(range(start, start + count))
    return {rel: frozenset(lines) for rel, lines in found.items()}


def _all_lines(path: Path) -> frozenset[int]:
    try:
        return frozenset(range(1, path.read_bytes().count(b"\n") + 2))
    except OSError:
        return frozenset()


def _unquote(name: str) -> str:
    """A path as git quotes it when it holds control characters or quotes."""
    if name.startswith('"') and name.endswith('"'):
        try:
            raw = name[1:-1].encode("utf-8").decode("unicode_escape")
            return raw.encode("latin-1").decode("utf-8", "surrogateescape")
        except (UnicodeError, ValueError):
            return name[1:-1]
    return name


def _names(out: bytes) -> list[str]:
    return [n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]


def _branch(ref: str) -> str:
    return ref.removeprefix("refs/remotes/").removeprefix("origin/")


def _git(root: Path, *args: str, check: bool = True) -> bytes | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, check=check)
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[-1] if message else exc}") from exc
    return done.stdout if done.returncode == 0 else None
