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
  findings must be the whole run's, to the letter (but for the days behind,
  which move on with the clock between runs), with and without the history
  kept by an earlier run;
- the peer: ``git log --numstat`` over the whole repository, what reading the
  history took before it was limited to the pages.

    python bench/repo_bench.py [--runs 5] [--rebuild]
    python bench/repo_bench.py --repo /path/to/a/clone [--page PAGE]

With ``--repo``, the same scenarios on an existing repository (its own
configuration, or none); ``--page`` picks the one file (by default the first
stale translation of the whole run). Runs take turns (one of each scenario,
then again), so that a change of load on a shared machine touches them alike.

Targets: the whole check in at most 1.5 s and 150 MB, one file in at most
0.4 s (the first run: no history kept), with the whole run's findings.
"""

from __future__ import annotations

import argparse
import os
import re
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repo", type=Path, help="an existing repository to measure instead")
    parser.add_argument("--page", help="the one file (default: the first stale translation)")
    args = parser.parse_args()
    root = args.repo.resolve() if args.repo else repository(args.rebuild)
    kbcheck = [sys.executable, "-m", "kbcheck", "check", "--offline", "--format", "json"]
    commits = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True, text=True
    ).stdout.strip()
    size = subprocess.run(
        ["git", "count-objects", "-vH"], cwd=root, capture_output=True, text=True
    ).stdout
    pack = next(line for line in size.splitlines() if line.startswith("size-pack"))
    load = os.getloadavg()[0]
    print(f"{root.name}: {commits} commits, {pack}; load {load:.2f} on {os.cpu_count()} cores")

    first_run = timed(kbcheck, root, fresh=True)
    one_page = args.page or _stale_page(first_run[3])
    git_log = ["git", "log", "--numstat", "--raw", "-M", "HEAD"]
    scenarios = {
        "whole check, history read from git (first run)": (kbcheck, True),
        "whole check, history kept from the last run": (kbcheck, False),
        "whole check, no translation rules (--ignore KB5)": ([*kbcheck, "--ignore", "KB5"], False),
        f"one file, history kept ({one_page})": ([*kbcheck, one_page], False),
        "one file, history read from git (first run)": ([*kbcheck, one_page], True),
        "peer: git log --numstat over the whole repository": (git_log, False),
    }
    results: dict[str, list[tuple[float, float, float, str]]] = {name: [] for name in scenarios}
    for _ in range(args.runs):  # in turns; the first run keeps the history for the next
        for name, (command, fresh) in scenarios.items():
            results[name].append(timed(command, root, fresh))
    medians = {name: _median(runs) for name, runs in results.items()}
    names = list(scenarios)
    whole_first, _, _, _, one_first, peer = (medians[n] for n in names)
    whole_findings = [_all(r[3]) for r in results[names[0]] + results[names[1]]]
    same_whole = all(_alike(f, whole_findings[0]) for f in whole_findings)
    same_one = all(
        _alike(_all(r[3]), [d for d in whole_findings[0] if d["path"] == one_page])
        for r in results[names[3]] + results[names[4]]
    )
    print(f"{'scenario (median of ' + str(args.runs) + ')':52} {'wall':>7} {'cpu':>7} {'peak':>7}")
    for name, (seconds, cpu, mb, _) in medians.items():
        print(f"{name:52} {seconds:6.2f}s {cpu:6.2f}s {mb:5.0f}MB")
    print(f"load average after the runs: {os.getloadavg()[0]:.2f} (before: {load:.2f})")
    print(f"whole check (first run) / peer git log, wall: {whole_first[0] / peer[0]:.2f}x")
    targets = [
        ("whole check, first run, at most 1.5 s", whole_first[0] <= 1.5),
        ("whole check, first run, at most 150 MB", whole_first[2] <= 150),
        ("one file, first run, at most 0.4 s", one_first[0] <= 0.4),
        ("one file and whole runs agree on every finding", same_one),
        ("whole runs agree with each other", same_whole),
    ]
    for text, met in targets:
        print(f"target: {text}: {'met' if met else 'NOT met'}")
    return 0 if same_one and same_whole else 1


def _median(runs: list[tuple[float, float, float, str]]) -> tuple[float, float, float, str]:
    seconds = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    return seconds, cpu, max(r[2] for r in runs), runs[-1][3]


def _alike(found: list[dict], expected: list[dict]) -> bool:
    """The same findings; days behind may differ by the time between the runs."""
    if len(found) != len(expected):
        return False
    for a, b in zip(found, expected, strict=True):
        days_a, days_b = _DAYS.findall(a["message"]), _DAYS.findall(b["message"])
        if _DAYS.sub("", a["message"]) != _DAYS.sub("", b["message"]):
            return False
        if any(abs(float(x) - float(y)) > 0.11 for x, y in zip(days_a, days_b, strict=True)):
            return False
        if {**a, "message": ""} != {**b, "message": ""}:
            return False
    return True


_DAYS = re.compile(r"(\d+(?:\.\d+)?) days")


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
