"""``kbcheck check`` on a repository the size of a real documentation site.

Generates (once, cached under the system's temporary folder) a git repository
of 700 page pairs (content/zh and content/en), 2,000 commits with renames
and merged branches, and 1 GB of incompressible screenshots committed along
the way, as documentation repositories have. Then times, each in a fresh
process, repeated, the median reported with its peak memory:

- ``kbcheck check --offline``: the whole knowledge base, translation rules included,
  reading the history from git (the first run) and with the history kept in
  the git folder by the previous run;
- the same without the translation rules (``--ignore KB5``), the floor;
- ``kbcheck check --offline PAGE``: one translation, the pre-commit case, whose
  staleness finding must be the whole run's, to the letter;
- the peer: ``git log --numstat`` over the whole repository, what reading the
  history took before it was limited to the pages.

    python bench/repo_bench.py [--runs 5] [--rebuild]

Targets: the whole check in at most 1.5 s and 150 MB, one file in at most 0.4 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from history_bench import build  # noqa: E402

CONFIG = 'content = ["content"]\nsource_locale = "zh"\nlocales = ["zh", "en"]\n'
CACHE = Path(tempfile.gettempdir()) / "kbcheck-repo-bench"
PAIRS, COMMITS, IMAGES_MB = 700, 2000, 1000


def repository(rebuild: bool) -> Path:
    root = CACHE / "repo"
    if rebuild and CACHE.exists():
        shutil.rmtree(CACHE)
    if not (root / ".git").is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        build(root, PAIRS, COMMITS, images_mb=IMAGES_MB, extra={"kbcheck.toml": CONFIG})
        subprocess.run(["git", "gc", "-q"], cwd=root, check=True)  # packed, as a clone is
        print(f"built in {time.perf_counter() - started:.0f} s: {root}")
    return root


def timed(command: list[str], cwd: Path, fresh: bool) -> tuple[float, float, float, str]:
    """Seconds, CPU seconds (user and system, children included), peak memory (MB)
    and output of one run in a fresh process; ``fresh``: without the history cache."""
    if fresh:
        shutil.rmtree(cwd / ".git" / "kbcheck", ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", *command], cwd=cwd, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    peak_kb, user, system = result.stderr.strip().splitlines()[-1].split()
    return seconds, float(user) + float(system), int(peak_kb) / 1024, result.stdout


def median_of(
    runs: int, command: list[str], cwd: Path, fresh: bool = False
) -> tuple[float, float, float, str]:
    results = [timed(command, cwd, fresh) for _ in range(runs)]
    seconds = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    return seconds, cpu, max(r[2] for r in results), results[-1][3]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    root = repository(args.rebuild)
    kbcheck = [sys.executable, "-m", "kbcheck", "check", "--offline", "--format", "json"]
    commits = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True, text=True
    ).stdout.strip()
    size = subprocess.run(
        ["git", "count-objects", "-vH"], cwd=root, capture_output=True, text=True
    ).stdout
    pack = next(line for line in size.splitlines() if line.startswith("size-pack"))
    print(f"{PAIRS} pairs, {commits} commits, {pack}")

    first = median_of(args.runs, kbcheck, root, fresh=True)
    whole = median_of(args.runs, kbcheck, root)
    floor = median_of(args.runs, [*kbcheck, "--ignore", "KB5"], root)
    one_page = _stale_page(whole[3])
    one = median_of(args.runs, [*kbcheck, one_page], root)
    one_fresh = median_of(args.runs, [*kbcheck, one_page], root, fresh=True)
    same = all(
        _findings(run[3], one_page) == _findings(first[3], one_page)
        for run in (whole, one, one_fresh)
    ) and _all(whole[3]) == _all(first[3])
    git_log = ["git", "log", "--numstat", "--raw", "-M", "HEAD"]
    peer = median_of(max(1, args.runs // 2), git_log, root)
    rows = [
        ("whole check, history read from git (first run)", first),
        ("whole check, history kept from the last run", whole),
        ("whole check, no translation rules (--ignore KB5)", floor),
        (f"one file, history kept ({one_page})", one),
        ("one file, history read from git", one_fresh),
        ("peer: git log --numstat over the whole repository", peer),
    ]
    print(f"{'scenario (median of ' + str(args.runs) + ')':52} {'wall':>7} {'cpu':>7} {'peak':>7}")
    for name, (seconds, cpu, mb, _) in rows:
        print(f"{name:52} {seconds:6.2f}s {cpu:6.2f}s {mb:5.0f}MB")
    print(f"whole check (first run) / peer git log, wall: {first[0] / peer[0]:.2f}x")
    print(f"one file, whole run and first run agree on every finding: {same}")
    return 0 if same else 1


def _all(output: str) -> list[dict]:
    import json

    return json.loads(output)["diagnostics"]


def _stale_page(output: str) -> str:
    import json

    for finding in json.loads(output)["diagnostics"]:
        if finding["rule"] == "KB514":
            return finding["path"]
    raise SystemExit("no stale translation in the generated repository")


def _findings(output: str, path: str) -> list[dict]:
    import json

    return [d for d in json.loads(output)["diagnostics"] if d["path"] == path]


if __name__ == "__main__":
    raise SystemExit(main())
