from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Validated settings are cached per user: the tests keep theirs apart (and so
    validate each configuration once, as a first run does)."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def kbcheck_cmd() -> list[str]:
    """The CLI as a subprocess, for exit codes and output exactly as users see them."""
    return [sys.executable, "-m", "kbcheck"]


PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"
MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"


@pytest.fixture(scope="session")
def sarif_schema(tmp_path_factory: pytest.TempPathFactory) -> dict:
    local = os.environ.get("KBCHECK_SARIF_SCHEMA")
    if local:
        return json.loads(Path(local).read_text("utf-8"))
    cache = Path.home() / ".cache" / "kbcheck-tests" / "sarif-2.1.0.json"
    if not cache.exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed to fetch the SARIF 2.1.0 schema (or set KBCHECK_SARIF_SCHEMA)"
        work = tmp_path_factory.mktemp("sarif")
        subprocess.run(
            [npm, "pack", PACKAGE, "--silent"], cwd=work, check=True, capture_output=True
        )
        (tgz,) = work.glob("*.tgz")
        with tarfile.open(tgz) as archive:
            data = archive.extractfile(MEMBER).read()
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(data)
    return json.loads(cache.read_text("utf-8"))


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A snapshot of this source tree as a git repository pre-commit can install
    from: its path and commit."""
    root = Path(__file__).resolve().parent.parent
    snapshot = tmp_path_factory.mktemp("hook-src")
    for name in ("kbcheck", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        source = root / name
        if source.is_dir():
            shutil.copytree(source, snapshot / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, snapshot / name)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "snapshot"]):
        subprocess.run(["git", *args], cwd=snapshot, env=env, check=True, capture_output=True)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=snapshot, check=True, capture_output=True, text=True
    )
    return snapshot, head.stdout.strip()
