"""Benchmark of ``kbcheck check --offline`` on a generated knowledge base.

Generates a knowledge base with ``bench/gen_kb.py`` (2,000 pages by default:
1,000 Chinese sources and their English translations, about 6 KB each) into a
temporary folder, then runs every scenario in a fresh process, ``--runs`` times,
round-robin (no warm-up run, no cache dropping):

1. kbcheck, all rules, whole knowledge base;
2. kbcheck, core rules only (``--select KB0,KB1``), whole knowledge base;
   and all rules but KB2xx/KB3xx (``--ignore KB2,KB3``): what layout and internal links add
   (pages are parsed lazily, so core rules alone never parse the Markdown at all);
3. markdownlint-cli2 with its default rules on the same files;
4. kbcheck on a single file (the pre-commit case), interpreter start-up included;
5. ``kbcheck --version``: the start-up floor.

Wall time is the median of the runs (the first run is shown too); peak memory
is the child's own maximum resident set size, from ``wait4``; the load average
before and after the runs is written too (the machine may be shared). The table is
printed and written, with the machine and the versions, to ``bench/results.md``.

markdownlint-cli2 comes from npm, outside kbcheck's dependencies::

    npm install --prefix bench          # versions pinned in bench/package.json
    python bench/core_bench.py [--pages 2000] [--runs 3] [--keep DIR] [--output FILE]

Without ``bench/node_modules`` the markdownlint row is skipped.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
MARKDOWNLINT = BENCH / "node_modules" / "markdownlint-cli2" / "markdownlint-cli2-bin.mjs"
KBCHECK = [sys.executable, "-m", "kbcheck"]

sys.path.insert(0, str(BENCH))

from gen_kb import generate  # noqa: E402

TARGETS = {
    "wall": 1.5,  # s, whole knowledge base of 2,000 pages, cold
    "rss": 150.0,  # MB
    "single": 0.3,  # s, one file including start-up
    "markdownlint": 10.0,  # times faster than markdownlint-cli2
    "extra_rules": 0.20,  # layout and link rules over the core ones
}


@dataclass
class Scenario:
    tool: str
    name: str
    command: list[str]
    walls: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)
    output: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.walls)


def measure(command: list[str], cwd: Path, log: Path) -> tuple[float, int, float]:
    """Wall seconds, exit code and peak RSS (MB) of one child process, via wait4."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, child.returncode, usage.ru_maxrss / 1024  # KiB on Linux


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1]
        memory = f", {int(total) / 1024 / 1024:.1f} GiB RAM"
    except (OSError, IndexError, ValueError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} CPUs (nproc), {cpu}{memory}, {platform.system()} {platform.release()}"


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for name in ("kbcheck", "pyromark", "pydantic", "PyYAML"):
        with contextlib.suppress(PackageNotFoundError):
            parts.append(f"{name} {version(name)}")
    parts.append(f"Python {platform.python_version()}")
    node = shutil.which("node")
    if node:
        parts.append("Node " + subprocess.run([node, "--version"], capture_output=True,
                                               text=True).stdout.strip())  # fmt: skip
    package = BENCH / "node_modules" / "markdownlint-cli2" / "package.json"
    if package.exists():
        parts.append("markdownlint-cli2 " + json.loads(package.read_text())["version"])
        core = BENCH / "node_modules" / "markdownlint" / "package.json"
        if core.exists():
            parts.append("markdownlint " + json.loads(core.read_text())["version"])
    return ", ".join(parts)


def rule_codes() -> list[str]:
    out = subprocess.run([*KBCHECK, "rules", "--format", "json"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return [rule["code"] for rule in json.loads(out)]


def summary(scenario: Scenario) -> str:
    """What the tool reported on its last run, in a few words."""
    text = scenario.output
    if scenario.tool == "kbcheck":
        match = re.search(r"(\d+) files? checked: (\d+) errors?, (\d+) warnings?", text)
        if match:
            return f"{match[1]} files, {match[2]} errors, {match[3]} warnings"
        return "kbcheck " + " ".join(text.split())[:60]
    if scenario.tool == "markdownlint-cli2":
        files = re.search(r"Linting: (\d+) file", text)
        found = re.search(r"Summary: (\d+) error", text)
        rules = sorted(set(re.findall(r" (MD\d+)/", text)))
        if files and found:
            return f"{files[1]} files, {found[1]} findings ({', '.join(rules) or 'none'})"
    return ""


def run(args: argparse.Namespace) -> int:
    per_locale = max(1, args.pages // 2)
    # Byte-compiled first, as an installed package is: not every run's compile time.
    compileall.compile_dir(ROOT / "kbcheck", quiet=1)
    with tempfile.TemporaryDirectory(prefix="kbcheck-bench-") as tmp:
        kb = args.keep.resolve() if args.keep else Path(tmp) / "kb"
        if kb.exists() and any(kb.iterdir()):
            print(f"{kb} is not empty", file=sys.stderr)
            return 2
        args.load = _load()
        start = time.perf_counter()
        counts = generate(kb, per_locale, args.seed)
        print(f"generated {counts['pages']} pages ({counts['bytes'] / 2**20:.1f} MB) in {kb} "
              f"in {time.perf_counter() - start:.1f} s", file=sys.stderr)  # fmt: skip
        one = sorted((kb / "content" / "zh").rglob("*.md"))[0].relative_to(kb).as_posix()
        scenarios = [
            Scenario("kbcheck", f"{counts['pages']} pages, all rules",
                     [*KBCHECK, "check", "--offline"]),
            Scenario("kbcheck", f"{counts['pages']} pages, core rules (--select KB0,KB1)",
                     [*KBCHECK, "check", "--offline", "--select", "KB0,KB1"]),
            Scenario("kbcheck", f"{counts['pages']} pages, all rules but layout and internal "
                     "links (--ignore KB2,KB3)",
                     [*KBCHECK, "check", "--offline", "--ignore", "KB2,KB3"]),
            Scenario("kbcheck", "1 file, all rules (pre-commit)",
                     [*KBCHECK, "check", "--offline", one]),
            Scenario("kbcheck", "start-up only (--version)", [*KBCHECK, "--version"]),
        ]  # fmt: skip
        node = shutil.which("node")
        if node and MARKDOWNLINT.exists():
            scenarios.insert(3, Scenario("markdownlint-cli2", f"{counts['pages']} pages, "
                                         "default rules", [node, str(MARKDOWNLINT),
                                                           "content/**/*.md"]))  # fmt: skip
            scenarios.insert(5, Scenario("markdownlint-cli2", "1 file, default rules",
                                         [node, str(MARKDOWNLINT), one]))  # fmt: skip
        else:
            print("markdownlint-cli2 not found: run `npm install --prefix bench`", file=sys.stderr)
        log = Path(tmp) / "output.log"
        for i in range(args.runs):
            for scenario in scenarios:
                wall, code, rss = measure(scenario.command, kb, log)
                scenario.walls.append(wall)
                scenario.rss.append(rss)
                scenario.codes.append(code)
                scenario.output = log.read_text("utf-8", "replace")
                print(f"run {i + 1}: {scenario.tool:<17} {scenario.name:<44} {wall:6.2f} s "
                      f"{rss:6.1f} MB exit {code}", file=sys.stderr)  # fmt: skip
        args.load = (args.load, _load())  # the machine may be shared: say how busy it was
        report = render(scenarios, counts, args, rule_codes())
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
        print(f"written to {args.output}", file=sys.stderr)
    return 0


def render(scenarios: list[Scenario], counts: dict, args: argparse.Namespace,
           codes: list[str]) -> str:  # fmt: skip
    base = scenarios[0]
    rows = [
        "| tool | scenario | wall s (median) | first run s | peak MB | ratio |",
        "|---|---|--:|--:|--:|--:|",
    ]
    for s in scenarios:
        ratio = s.median / base.median
        rows.append(f"| {s.tool} | {s.name} | {s.median:.3f} | {s.walls[0]:.3f} | "
                    f"{max(s.rss):.1f} | {ratio:.2f} |")  # fmt: skip
    without = scenarios[2]
    single = next(s for s in scenarios if s.tool == "kbcheck" and s.name.startswith("1 file"))
    mdl = next((s for s in scenarios if s.tool == "markdownlint-cli2"
                and not s.name.startswith("1 file")), None)  # fmt: skip
    extra = base.median / without.median - 1
    prefixes = sorted({c[:3] for c in codes})
    layout_link = [c for c in codes if c.startswith(("KB2", "KB3"))]
    checks = [
        (f"{counts['pages']} pages in <= {TARGETS['wall']} s (median, all rules)",
         f"{base.median:.2f} s", base.median <= TARGETS["wall"]),
        (f"peak memory <= {TARGETS['rss']:.0f} MB", f"{max(base.rss):.0f} MB",
         max(base.rss) <= TARGETS["rss"]),
        (f"one file <= {TARGETS['single']} s including start-up", f"{single.median:.2f} s",
         single.median <= TARGETS["single"]),
        (f"layout and internal link rules (KB2xx, KB3xx) add <= {TARGETS['extra_rules']:.0%}",
         f"{extra:+.0%} ({len(layout_link)} KB2xx/KB3xx rules registered)",
         extra <= TARGETS["extra_rules"]),
    ]  # fmt: skip
    if mdl:
        speed = mdl.median / base.median
        checks.append((f">= {TARGETS['markdownlint']:.0f}x faster than markdownlint-cli2",
                       f"{speed:.1f}x", speed >= TARGETS["markdownlint"]))  # fmt: skip
    target_rows = ["| target | measured | met |", "|---|---|---|"]
    target_rows += [f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in checks]
    outputs = [f"- {s.tool}, {s.name}: exit {s.codes[-1]}; {summary(s)}".rstrip("; ")
               for s in scenarios if s.tool != "kbcheck" or "--version" not in s.name]  # fmt: skip
    command = "python bench/core_bench.py"
    if args.pages != 2000 or args.runs != 3 or args.seed != 1:
        command += f" --pages {args.pages} --runs {args.runs} --seed {args.seed}"
    return "\n".join([
        "# kbcheck core benchmark",
        "",
        f"- date: {datetime.date.today().isoformat()}",
        f"- machine: {machine()}",
        f"- load average (1, 5, 15 min) before the runs: {args.load[0]}, after: {args.load[1]}",
        f"- versions: {versions()}",
        f"- knowledge base: `bench/gen_kb.py --pages {args.pages // 2} --seed {args.seed}`: "
        f"{counts['pages']} pages (zh source + en translation), "
        f"{counts['bytes'] / 2**20:.1f} MB, {counts['bytes'] / counts['pages'] / 1024:.1f} KB "
        f"per page",
        f"- rules registered: {len(codes)} ({', '.join(p + 'xx' for p in prefixes)})",
        f"- runs: {args.runs} per scenario, round-robin, each in a fresh process, no warm-up; "
        "wall = median, peak = highest maximum RSS of the child (wait4)",
        f"- reproduce: `npm install --prefix bench && {command}`",
        "",
        *rows,
        "",
        "ratio: median wall time over that of kbcheck, all rules, whole knowledge base.",
        "",
        *target_rows,
        "",
        "What the tools reported (last run):",
        "",
        *outputs,
        "",
    ])  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pages", type=int, default=2000, help="pages in all, half per locale (default 2000)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="generate into DIR and leave it there (DIR must be empty)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=BENCH / "results.md",
        metavar="FILE",
        help="where to write the report (default bench/results.md)",
    )
    args = parser.parse_args(argv)  # fmt: skip
    if args.pages < 2 or args.runs < 1:
        parser.error("--pages must be at least 2 and --runs at least 1")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
