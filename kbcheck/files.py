"""Writing files atomically: a reader never sees half a file, a crash loses nothing,
and an edit made by someone else since the file was read is never overwritten."""

from __future__ import annotations

import os
from pathlib import Path


class ChangedMeanwhile(OSError):
    """The file is no longer what was read: it is left as it is."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} changed since it was read; left as it is (run again)")


def write_atomic(path: Path, data: bytes, *, replaces: bytes | None) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over.

    ``replaces`` is what the file held when it was read (``None``: whatever it
    holds, as for a report): the file is read again just before the rename and,
    if an editor changed it meanwhile, :class:`ChangedMeanwhile` is raised and
    the file keeps the editor's version.
    """
    import tempfile  # only when writing (it imports shutil, bz2, lzma, random)

    path = Path(path)
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if replaces is not None and _current(path) != replaces:
            raise ChangedMeanwhile(path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable, where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
