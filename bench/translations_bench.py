"""Time ``kbcheck translations status --format json`` end to end on 1,000 page pairs.

Builds the repository of ``history_bench.py`` (source/translation pairs in
content/zh and content/en, a few thousand commits with renames and merged
branches), adds a kbcheck.toml and source version records to two thirds of
the translations (a third with commit and hash, a third hash-only, the rest
rely on git history), then runs the command in a fresh process, as a user
would, several times. Also times ``kbcheck check --offline --select KB5``.

    python bench/translations_bench.py [--pairs 1000] [--commits 5000] [--runs 3]

Target: the status command in at most 3 s for 1,000 pairs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from history_bench import build  # noqa: E402

from kbcheck.translations import History, content_hash, write_record  # noqa: E402

CONFIG = 'content = ["content"]\nsource_locale = "zh"\nlocales = ["zh", "en"]\n'


def add_records(root: Path, names: dict[str, str]) -> None:
    """Record the version each translation was made from, as ``mark`` would have."""
    history = History.load(root)
    assert history is not None
    for i, (source, translation) in enumerate(sorted(names.items())):
        if i % 3 == 2:
            continue  # no record: git history decides
        last = history.last_commit(translation)
        assert last is not None
        name = history.path_at(source, last.sha)
        data = history.show(last.sha, name) if name else None
        if data is None:
            continue
        since = {c.sha for c in history.commits_since(source, last.sha) or []}
        held = next((c for c in history.commits_touching(source) if c.sha not in since), None)
        commit = held.sha if held is not None and i % 3 == 0 else None
        write_record(root / translation, commit=commit, hash=content_hash(data), source_file=source)
    history.close()


def timed(root: Path, *args: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "kbcheck", *args], cwd=root, capture_output=True, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    return elapsed, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "repo"
        started = time.perf_counter()
        names = build(root, args.pairs, args.commits)
        (root / "kbcheck.toml").write_text(CONFIG)
        add_records(root, names)
        print(
            f"built {args.pairs} pairs, {args.commits} commits in "
            f"{time.perf_counter() - started:.2f} s"
        )

        status = []
        for _ in range(args.runs):
            elapsed, out = timed(root, "translations", "status", "--format", "json")
            status.append(elapsed)
        report = json.loads(out)
        (figures,) = report["locales"]
        print(
            f"pairs: {figures['translated']}, up to date: {figures['up_to_date']}, "
            f"stale: {figures['stale']}, unknown: {figures['unknown']}"
        )
        checks = [timed(root, "check", "--offline", "--select", "KB5")[0] for _ in range(args.runs)]
        median = statistics.median(status)
        print(
            f"translations status --format json: {median:.2f} s median of {args.runs} "
            f"(best {min(status):.2f} s; target: at most 3 s)"
        )
        print(f"check --offline --select KB5:      {statistics.median(checks):.2f} s median")
    return 0 if median <= 3.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
