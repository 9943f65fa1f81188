"""A scratch git repository with deterministic authors and dates, for tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

T0 = 1_700_000_000  # 2023-11-14 22:13:20 UTC


class Repo:
    """A scratch repository with deterministic authors and dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.clock = T0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, when: int | None = None) -> str:
        env = {**os.environ}
        if when is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
        result = subprocess.run(
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
            cwd=self.root,
            env=env,
            capture_output=True,
            check=True,
        )
        return result.stdout.decode()

    def write(self, path: str, text: str | bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode() if isinstance(text, str) else text)

    def commit(self, message: str = "change", *, when: int | None = None) -> str:
        """Commit everything in the work tree; one hour after the previous commit."""
        self.clock = when if when is not None else self.clock + 3600
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, when=self.clock)
        return self.git("rev-parse", "HEAD").strip()
