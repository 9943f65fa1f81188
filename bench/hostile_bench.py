"""Benchmark of ``kbcheck check --offline`` on hostile pages at 1, 2 and 4 times their size.

Each case is one page (about 1 MB at 1x) built to make a parser or a regular
expression go super-linear: time that doubles with the size is linear, time
that quadruples is quadratic. Every run is a fresh process on a knowledge base
of that page and a small one; wall time is the median of ``--runs``, peak
memory the child's maximum resident set size (``wait4``). The ratios are of
the time above the floor: the same run with the small page alone (start-up).

    python bench/hostile_bench.py [--runs 3] [--size 1000000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

KBCHECK = [sys.executable, "-m", "kbcheck", "check", "--offline", "--format", "json"]
SCHEMA = "fields:\n  title: {type: string, pattern: '^(a+)+$'}\n"

CASES: dict[str, Callable[[int], bytes]] = {
    "HTML line, one open tag": lambda n: b"<div>\n<" + b"a" * n + b"\n",
    "suppression comment, spaces": lambda n: b"<!-- kbcheck-disable" + b" " * n + b"x -->\n",
    "anchors on one HTML line": lambda n: b"<p>" + b'<a id="x"></a>' * (n // 14) + b"\n",
    "links on one line": lambda n: b"# a\n\n" + b"[x](a.md) " * (n // 10) + b"\n",
    "broken anchors on one line": lambda n: b"# a\n\n" + b"[x](#no) " * (n // 9) + b"\n",
    "schema pattern (^(a+)+$)": lambda n: b"---\ntitle: " + b"a" * n + b"b\n---\n# a\n",
    "lone CR line endings": lambda n: b"# h\r\rtext [x](no.md)\r\r" * (n // 24),
    "block scalar indented 120": lambda n: (
        b"---\nd: |\n" + (b" " * 120 + b"x\n") * (n // 122) + b"---\n# a\n"
    ),
}


def run_once(folder: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one check in a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(KBCHECK, cwd=folder, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode in (0, 1), f"exit {process.returncode} in {folder}"
    return wall, usage.ru_maxrss / 1024


def knowledge_base(folder: Path, page: bytes) -> Path:
    (folder / "content" / "zh").mkdir(parents=True)
    (folder / "schemas").mkdir()
    (folder / "schemas" / "doc.yaml").write_text(SCHEMA)
    (folder / "kbcheck.toml").write_text(
        'source_locale = "zh"\nlocales = ["zh"]\ndefault_page_type = "doc"\n'
    )
    (folder / "content" / "zh" / "a.md").write_bytes(page)
    (folder / "content" / "zh" / "b.md").write_text("# b\n\ntext\n")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of a page at 1x")
    args = parser.parse_args()
    print("| case | 1x s | 2x s | 4x s | 2x/1x | 4x/1x | peak MB at 4x |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        floor_kb = knowledge_base(Path(tmp) / "floor", b"# a\n\ntext\n")
        floor = statistics.median(run_once(floor_kb)[0] for _ in range(args.runs))
        print(f"| floor (start-up, two small pages) | {floor:.2f} | | | | | |", flush=True)
        for number, (name, make) in enumerate(CASES.items()):
            walls, peak = [], 0.0
            for scale in (1, 2, 4):
                folder = knowledge_base(Path(tmp) / f"{number}-{scale}", make(args.size * scale))
                runs = [run_once(folder) for _ in range(args.runs)]
                walls.append(statistics.median(wall for wall, _ in runs))
                peak = max(rss for _, rss in runs)
            one, two, four = (max(wall - floor, 1e-3) for wall in walls)
            print(
                f"| {name} | {walls[0]:.2f} | {walls[1]:.2f} | {walls[2]:.2f} | {two / one:.2f} "
                f"| {four / one:.2f} | {peak:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
