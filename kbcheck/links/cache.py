"""Persistent cache of link verdicts in SQLite.

Why SQLite: atomic commits and WAL journaling mean a run killed half-way never
leaves a torn file, and parallel runs (pre-commit splits the file list across
processes) can share one cache. A cache is an optimisation, so every failure
here, a corrupt file or a database locked by another process, turns into a
warning and a run without (or with a rebuilt) cache, never an exception.

Only results backed by an answer (an HTTP status, or a name that does not exist)
are stored; timeouts, refused connections, an open circuit or an exhausted budget
say nothing durable about the link.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from kbcheck.links.result import LinkResult, Verdict
from kbcheck.links.settings import CacheTTL

SCHEMA_VERSION = 1
BUSY_TIMEOUT = 2.0  # seconds to wait for another process's write lock
_CHUNK = 500  # below SQLite's limit on query parameters
_SCHEMA = """
CREATE TABLE IF NOT EXISTS links (
    url TEXT PRIMARY KEY,
    profile TEXT NOT NULL,
    verdict TEXT NOT NULL,
    status INTEGER,
    reason TEXT NOT NULL,
    final_url TEXT,
    fragment_missing INTEGER,
    checked_at REAL NOT NULL
)
"""


def cacheable(result: LinkResult) -> bool:
    if result.from_cache or result.verdict is Verdict.SKIPPED:
        return False
    return result.status is not None or result.reason == "dns failure"


class LinkCache:
    """One run's view of the cache file; ``warnings`` collects what went wrong."""

    def __init__(
        self, path: Path, ttl: CacheTTL, profile: str, busy_timeout: float | None = None
    ) -> None:
        self.path = path
        self.ttl = ttl
        self.profile = profile
        self.busy_timeout = BUSY_TIMEOUT if busy_timeout is None else busy_timeout
        self.warnings: list[str] = []
        self._conn: sqlite3.Connection | None = None
        self._open()

    @property
    def enabled(self) -> bool:
        return self._conn is not None

    def lookup(self, urls: Iterable[str], now: float) -> dict[str, LinkResult]:
        """Fresh results for these URLs, made under the same verdict-changing settings."""
        if self._conn is None:
            return {}
        wanted = list(urls)
        found: dict[str, LinkResult] = {}
        # per verdict, not per row: a report reads every URL of the knowledge base
        ttls = {verdict.value: (verdict, self._ttl(verdict)) for verdict in Verdict}
        try:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    "SELECT url, verdict, status, reason, final_url, fragment_missing, checked_at"
                    f" FROM links WHERE profile = ? AND url IN ({marks})",
                    [self.profile, *chunk],
                )
                for url, verdict, status, reason, final_url, missing, checked_at in rows:
                    known = ttls.get(verdict)  # None: a verdict this version does not know
                    if known is not None and checked_at + known[1] > now:
                        found[url] = _result(url, known[0], status, reason, final_url, missing)
        except sqlite3.Error as exc:
            self._failed(exc, "read")
            return {}
        return found

    def stored(self, urls: Iterable[str]) -> dict[str, LinkResult]:
        """Every result kept for these URLs, however old (for a report that sends no request)."""
        return self.lookup(urls, float("-inf"))

    def store(self, results: Iterable[LinkResult], now: float) -> None:
        """Write new results and drop expired rows, all in one transaction."""
        if self._conn is None:
            return
        rows = [
            (
                r.url,
                self.profile,
                r.verdict.value,
                r.status,
                r.reason,
                r.final_url,
                None if r.fragment_missing is None else int(r.fragment_missing),
                now,
            )
            for r in results
            if cacheable(r)
        ]
        oldest = now - max(self.ttl.ok, self.ttl.redirected, self.ttl.broken, self.ttl.unverifiable)
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.executemany(
                    "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows
                )
                self._conn.execute("DELETE FROM links WHERE checked_at < ?", (oldest,))
        except sqlite3.Error as exc:
            self._failed(exc, "write")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _open(self) -> None:
        try:
            self._connect()
        except (OSError, sqlite3.Error) as exc:
            if _is_corrupt(exc):
                self._rebuild(exc)
            elif _is_lock(exc):
                self._disable(
                    f"link cache {self.path} is locked by another process; running without it"
                )
            else:
                self._disable(f"link cache {self.path} unusable ({exc}); running without it")

    def _connect(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: transactions are opened explicitly in store().
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                conn.execute("DROP TABLE IF EXISTS links")
                conn.execute(_SCHEMA)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("SELECT 1 FROM links LIMIT 1").fetchall()
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    def _rebuild(self, exc: BaseException) -> None:
        self.close()
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._connect()
        except (OSError, sqlite3.Error) as again:
            self._disable(
                f"link cache {self.path} is corrupt and could not be rebuilt "
                f"({again}); running without it"
            )
            return
        self.warnings.append(f"link cache {self.path} was corrupt ({exc}) and has been rebuilt")

    def _failed(self, exc: sqlite3.Error, action: str) -> None:
        if _is_corrupt(exc):
            self._rebuild(exc)
        elif _is_lock(exc):
            self._disable(f"link cache {self.path} is locked by another process; {action} skipped")
        else:
            self._disable(f"link cache {self.path} {action} failed ({exc}); running without it")

    def _disable(self, message: str) -> None:
        self.close()
        self.warnings.append(message)

    def _ttl(self, verdict: Verdict) -> float:
        return float(getattr(self.ttl, verdict.value, 0.0))


def _result(
    url: str,
    verdict: Verdict,
    status: int | None,
    reason: str,
    final_url: str | None,
    missing: int | None,
) -> LinkResult:
    return LinkResult(
        url=url,
        verdict=verdict,
        status=status,
        reason=reason,
        final_url=final_url,
        requests=0,
        from_cache=True,
        fragment_missing=None if missing is None else bool(missing),
    )


def _is_lock(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _is_corrupt(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in text
        or "malformed" in text
        or "corrupt" in text
        or not isinstance(exc, sqlite3.OperationalError)
    )
