"""Settings validated once: the configuration, page types and rule options.

Settings are dataclasses to pydantic (made one only when it validates them,
see ``kbcheck.settings``). pydantic validates them (types, unknown keys,
the checks of each class's ``__post_init__``) and names every problem by file
and key, but importing pydantic and building its validators costs more than
checking a page, so a valid result is kept in the user's cache folder
(``$XDG_CACHE_HOME/kbcheck/validated/``, by default under ``~/.cache``), keyed
by the input, the class, the versions of kbcheck, pydantic and Python, and the
source files of kbcheck. A run with the same settings reads it back and never
imports pydantic; any change validates again. Invalid settings are never
kept, so their errors are reported every time, exactly as the first. The
built-in presets' YAML and the configuration's TOML are kept parsed the same
way, keyed by the file's size and times (see :func:`kept`).
"""

from __future__ import annotations

import copy
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Callable
from dataclasses import fields
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kbcheck import __version__
from kbcheck.settings import as_dataclasses

if TYPE_CHECKING:
    from pydantic import TypeAdapter, ValidationError

T = TypeVar("T")
FORMAT = 1
KEPT = 200  # entries in the cache folder; writing more removes the oldest
RECENT = 2.0  # seconds: a file changed since then is read again, not kept (see kept)
STRICT = {"extra": "forbid"}  # how pydantic takes a settings class: unknown keys are errors


class ConfigError(Exception):
    """A configuration (or schema) file that cannot be used; the CLI exits with 2."""


class Invalid(ValueError):
    """A value a setting cannot take, raised by a ``__post_init__``; ``key`` names
    the setting within its table ("" for the table as a whole)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def at_least(owner: object, key: str, bound: float, *, strict: bool = False) -> None:
    """Raise :class:`Invalid` unless ``owner.key`` is None or ``>= bound`` (``> bound``)."""
    value = getattr(owner, key)
    if value is not None and (value <= bound if strict else value < bound):
        relation = "greater than" if strict else "greater than or equal to"
        raise Invalid(key, f"Input should be {relation} {bound}")


def at_most(owner: object, key: str, bound: float) -> None:
    value = getattr(owner, key)
    if value is not None and value > bound:
        raise Invalid(key, f"Input should be less than or equal to {bound}")


def validated(cls: type[T], data: dict[str, Any], where: Path | str, prefix: str = "") -> T:
    """``data`` as a ``cls``, validated; ConfigError names ``where`` and each key
    (under ``prefix``) that is wrong."""
    key = _key(cls, data)
    found = _recall(key)
    if isinstance(found, cls):
        return found
    from pydantic import ValidationError

    try:
        value = _adapter(cls).validate_python(data)
    except ValidationError as exc:
        raise ConfigError(format_errors(where, exc, prefix)) from exc
    _keep(key, value)
    return value


def kept(path: Path, read: Callable[[Path], T]) -> T:
    """``read(path)``, kept beside the validated settings while the file and
    kbcheck's own files stay as they are: a file read on every run (a preset,
    the configuration), not a page. A file written in the last seconds is read
    and not kept, for another change within its time stamp would go unseen."""
    stat = path.stat()
    if time.time() - stat.st_mtime < RECENT:
        return read(path)
    key = _digest(("file", str(path), stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size))
    found = _recall(key)
    if found is not None:
        return found
    value = read(path)
    _keep(key, value)
    return value


def updated(value: T, **changes: Any) -> T:
    """A copy of validated settings with ``changes``, taken as valid, internal fields kept."""
    new = copy.copy(value)
    new.__dict__.update(changes)
    return new


def dump(value: Any) -> dict[str, Any]:
    """A settings dataclass as JSON-ready data, its internal fields (``_name``) left out."""
    as_dataclasses()
    internal = {item.name for item in fields(value) if item.name.startswith("_")}
    return _adapter(type(value)).dump_python(value, mode="json", exclude=internal)


def format_errors(path: Path | str, exc: ValidationError, prefix: str = "") -> str:
    """One line per problem: ``file: key.sub: what is wrong``."""
    lines = []
    for error in exc.errors():
        loc = [prefix, *error["loc"]]
        message = error["msg"]
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, Invalid):
            loc.append(cause.key)
            message = str(cause)
        elif error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            message = "unknown key"
        key = ".".join(str(part) for part in loc if part != "")
        lines.append(f"{path}: {key or '(top level)'}: {message}")
    return "\n".join(lines)


@cache
def _adapter(cls: type) -> TypeAdapter:
    from pydantic import TypeAdapter

    as_dataclasses()
    return TypeAdapter(cls)


def _key(cls: type, data: dict[str, Any]) -> str:
    return _digest((cls.__module__, cls.__qualname__, data))


def _digest(what: tuple[Any, ...]) -> str:
    text = repr((FORMAT, *what, _stamp()))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@cache
def _stamp() -> tuple[Any, ...]:
    """What validation depends on besides its input: the versions, and kbcheck's
    and pydantic's files (a source checkout changes without a new version)."""
    package = Path(__file__).parent
    newest = max(entry.stat().st_mtime_ns for entry in _python_files(package))
    spec = find_spec("pydantic")
    origin = Path(spec.origin).parent / "version.py" if spec and spec.origin else None
    pydantic = origin.stat().st_mtime_ns if origin and origin.exists() else None
    return __version__, sys.version, newest, pydantic


def _python_files(folder: Path) -> list[os.DirEntry]:
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir() and entry.name != "__pycache__":
                found += _python_files(Path(entry.path))
            elif entry.name.endswith(".py"):
                found.append(entry)
    return found


def cache_folder() -> Path | None:
    """Where validated settings are kept; None without a home folder (nothing is kept)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path(os.path.expanduser("~")) / ".cache"
    return base / "kbcheck" / "validated" if base.is_absolute() else None


def _recall(key: str) -> Any:
    folder = cache_folder()
    if folder is None:
        return None
    try:
        return pickle.loads((folder / key).read_bytes())
    except Exception:  # missing, unreadable or from another version: validate again
        return None


def _keep(key: str, value: Any) -> None:
    """Write atomically; a folder that cannot be written only costs the next run time."""
    import tempfile

    folder = cache_folder()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / key)
    except (OSError, pickle.PicklingError):
        Path(tmp).unlink(missing_ok=True)
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    """Keep the :data:`KEPT` newest entries (an older one is only validated again)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for entry in entries[KEPT:]:
            os.unlink(entry.path)
    except OSError:
        pass  # another run pruned it first
