"""Benchmark of ``kbcheck report``: a large knowledge base to one HTML file, and that file
in headless Chromium.

Generates 5,000 pages with ``bench/gen_kb.py`` (2,500 Chinese sources and their
English translations) in a git repository, then makes the problems a report is
for: four links to pages that do not exist in every page (KB301), and a second
commit that changes 300 sources (stale translations). That gives about 20,000
findings. In fresh processes, round-robin, ``--runs`` times:

1. ``kbcheck report -o report.html`` (check, translation state, link cache, HTML);
2. the peer: ``kbcheck check --offline --format json`` on the same pages, the
   check the report is built on;

then opens the HTML file ``--runs`` times in headless Chromium (Debian's
``chromium``, driven by Playwright) and reads the first contentful paint and
the moment the findings table is drawn from the page's own performance
timeline. Medians are printed with the file size.

    python bench/report_bench.py [--pages 5000] [--runs 5] [--keep DIR]

Targets: the HTML report in at most 3 s, at most 5 MB, first screen in at most 1 s;
the script prints each figure beside its target, with the load average of the
machine before and after (it is often shared).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from gen_kb import generate  # noqa: E402

KBCHECK = [sys.executable, "-m", "kbcheck"]
BROKEN_LINKS = 4  # per page
STALE = 300  # sources changed after their translations
TARGET_SECONDS, TARGET_MB, TARGET_PAINT = 3.0, 5.0, 1.0
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(
        ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org", *args],
        cwd=root, env=env, check=True, capture_output=True,
    )  # fmt: skip


def build(root: Path, pages: int) -> None:
    generate(root, pages // 2)
    files = sorted((root / "content").rglob("*.md"))
    for i, path in enumerate(files):
        links = "".join(f"[gone](./no-such-page-{i}-{n}.md) " for n in range(BROKEN_LINKS))
        with path.open("a", encoding="utf-8") as out:
            out.write(f"\n{links}\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "pages")
    for path in sorted((root / "content" / "zh").rglob("*.md"))[:STALE]:
        with path.open("a", encoding="utf-8") as out:
            out.write("\n新增的一段，译文还没有跟上。\n")
    git(root, "commit", "-q", "-am", "sources change")


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and the child's CPU time (user + system): the machine is shared, and
    CPU time is what another process on it does not stretch."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, check=False, capture_output=True)
    if done.returncode not in (0, 1):  # 1: the check found errors
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode()}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


STAGES = """
import gc, json, os, sys, time
from kbcheck.config import load_config
from kbcheck.report import build, render_html, report_check
gc.disable()  # as the kbcheck program runs
config = load_config()
t0 = time.perf_counter()
result = report_check(config)
t1 = time.perf_counter()
data = build(result)
t2 = time.perf_counter()
html = render_html(data, "")
t3 = time.perf_counter()
print(json.dumps({"check": t1 - t0, "gather": t2 - t1, "render": t3 - t2}))
sys.stdout.flush()
os._exit(0)  # as the kbcheck program ends: nothing freed object by object
"""


def stages(cwd: Path) -> dict[str, float]:
    """The report's parts, timed from inside one run: the check (and its forked
    child), gathering the data, writing the HTML."""
    done = subprocess.run([sys.executable, "-c", STAGES], cwd=cwd, capture_output=True, check=True)
    return json.loads(done.stdout)


def browser_times(html: Path, runs: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("KBCHECK_CHROMIUM") or shutil.which("chromium")
    paints, tables = [], []
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=chromium, args=CHROMIUM_FLAGS, headless=True,
            viewport={"width": 1200, "height": 900},
        )  # fmt: skip
        for _ in range(runs):
            page = context.new_page()
            page.goto(html.as_uri(), wait_until="load")
            page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length")
            paints.append(
                page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
                / 1000
            )
            tables.append(
                page.evaluate("performance.getEntriesByName('kbcheck-table-drawn')[0].startTime")
                / 1000
            )
            page.close()
        context.close()
    return paints, tables


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the knowledge base here and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="kbcheck-report-bench-"))
    # byte-compiled first, as an installed package is (this machine may not write .pyc)
    compileall.compile_dir(BENCH.parent / "kbcheck", quiet=1)
    load_before = os.getloadavg()[0]
    try:
        if not (root / "content").exists():
            build(root, args.pages)
        html = root / "report.html"
        runs: dict[str, list[tuple[float, float]]] = {"report": [], "check": [], "status": []}
        parts: list[dict[str, float]] = []
        for _ in range(args.runs):
            runs["report"].append(timed([*KBCHECK, "report", "-o", str(html)], root))
            runs["check"].append(timed([*KBCHECK, "check", "--offline", "--format", "json"], root))
            runs["status"].append(
                timed([*KBCHECK, "translations", "status", "--format", "json"], root)
            )
            parts.append(stages(root))
        data = json.loads(
            subprocess.run(
                [*KBCHECK, "report", "--format", "json"], cwd=root, capture_output=True, check=True
            ).stdout
        )
        paints, tables = browser_times(html, args.runs)

        def med(name: str, i: int) -> float:
            return statistics.median(run[i] for run in runs[name])

        r = med("report", 0)
        load = os.getloadavg()[0]
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
              f"{platform.python_version()}, load average {load_before:.1f} at the start, "
              f"{load:.1f} at the end")  # fmt: skip
        print(f"{data['totals']['pages']} pages, {len(data['findings'])} findings, "
              f"{len(data['stale'])} stale translations; medians of {args.runs} runs")  # fmt: skip
        print(f"{'':42} {'wall':>7} {'CPU':>7}  wall ratio")
        rows = (("kbcheck report -o report.html", "report"),
                ("kbcheck check --offline --format json", "check"),
                ("kbcheck translations status --format json", "status"))  # fmt: skip
        for label, name in rows:
            ratio = "" if name == "report" else f"report = {r / med(name, 0):.2f}x"
            print(f"{label:42} {med(name, 0):6.2f}s {med(name, 1):6.2f}s  {ratio}")
        for stage in ("check", "gather", "render"):
            value = statistics.median(p[stage] for p in parts)
            print(f"  within the report: {stage:<21} {value:6.2f}s")
        size = html.stat().st_size / 1024 / 1024
        paint = statistics.median(paints)
        print(f"report.html size {size:.2f} MB")
        print(f"Chromium: first contentful paint {paint:.2f} s, findings "
              f"table drawn {statistics.median(tables):.2f} s (runs: "
              f"{', '.join(f'{t:.2f}' for t in paints)})")  # fmt: skip
        print("targets:")
        for label, value, target, unit in (
            ("HTML report, wall (median)", r, TARGET_SECONDS, "s"),
            ("report.html size", size, TARGET_MB, "MB"),
            ("first contentful paint (median)", paint, TARGET_PAINT, "s"),
        ):
            verdict = "met" if value <= target else "NOT met"
            print(f"  {label:34} {value:6.2f} {unit:2} <= {target:g} {unit}: {verdict}")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
