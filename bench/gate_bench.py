"""Time the two front doors on 2,000 pages and 5,000 commits: start-up, the
per-file pre-commit hook, ``--changed-since`` and the whole-knowledge-base hook.

Builds the repository of ``history_bench.py`` (1,000 source pages in
content/zh with their translations in content/en, 5,000 commits with renames
and merged branches, by ``git fast-import``), then, each in a fresh process,
round-robin, ``--runs`` times, reporting the median:

- ``python -c pass``: the interpreter's own start-up (the peer every figure is
  compared with: the machine is shared, so ratios say more than seconds);
- ``kbcheck --version``: kbcheck's start-up;
- the ``kbcheck`` hook on one staged page (``check --offline --staged PAGE``),
  and on one page of ``core_bench.py``'s 2,000 richer pages (no git history);
- ``check --offline --changed-since main`` with 10 pages changed on a branch;
- ``check --offline``: the whole knowledge base, which is what the
  ``kbcheck-all`` hook runs, once per commit whatever the number of files;
- ``kbcheck links`` re-run on its cache: 500 unique URLs in 20 pages, served
  by ``links_bench.py``'s loopback server (127.0.0.1 only), which counts the
  requests the re-runs make (none).

    python bench/gate_bench.py [--runs 5] [--keep DIR] [--compare OTHER_KBCHECK]

Each scenario runs once untimed first, as a user's second commit finds things:
the settings validated (see ``kbcheck/validation.py``) and the links cached.
``--compare`` times another ``kbcheck`` executable (say, main's, installed in
a venv of its own) on every scenario too, round-robin with this one, so that
old and new are measured under the same load.

The ``kbcheck`` timed is the one beside the Python that runs this script. Run
it from a venv where kbcheck is installed as pre-commit installs it
(``pip install .``) to measure what hook users get; an editable install
(``pip install -e .``) adds the import of its path finder to every start.

The CPU column is the process's user and system time, which a shared machine
stretches less than the wall time.

Targets: ``--version`` <= 0.1 s, the per-file hook <= 0.2 s, ``--changed-since``
<= 0.6 s, the cached ``links`` re-run <= 0.2 s; ``kbcheck-all`` = one full run.
The load average is printed before and after: on a shared machine, the ratios
to ``python -c pass`` say more than the seconds.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_kb import generate  # noqa: E402
from history_bench import build  # noqa: E402
from links_bench import DelayServer, write_pages  # noqa: E402

CONFIG = 'content = ["content"]\nsource_locale = "zh"\nlocales = ["zh", "en"]\n'
ENV = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.com",
       "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.com"}  # fmt: skip
KBCHECK = [str(Path(sys.executable).parent / "kbcheck")]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env=ENV, check=True,
                          capture_output=True, text=True).stdout  # fmt: skip


def prepare(root: Path) -> str:
    """The repository, a branch with 10 changed pages, and one staged page; returns it."""
    build(root, 1000, 5000)
    git(root, "checkout", "-q", "-f", "main")
    (root / "kbcheck.toml").write_text(CONFIG)
    git(root, "add", "kbcheck.toml")
    git(root, "commit", "-qm", "configuration")
    git(root, "checkout", "-qb", "topic")
    pages = sorted(p for p in (root / "content" / "zh").glob("*.md"))
    for page in pages[100:110]:
        with page.open("a", encoding="utf-8") as handle:
            handle.write("\nOne more paragraph.\n")
    git(root, "commit", "-qam", "ten pages")
    staged = pages[500]
    with staged.open("a", encoding="utf-8") as handle:
        handle.write("\nA staged paragraph.\n")
    git(root, "add", str(staged))
    return staged.relative_to(root).as_posix()


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds, and the CPU seconds of the process (and of its own children)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, now.ru_utime - used.ru_utime + now.ru_stime - used.ru_stime


URLS = 500
COMPARED = "(compared)"
PEER = "python -c pass (peer: interpreter start-up)"
TARGETS = {  # scenario -> seconds
    "kbcheck --version": 0.1,
    "hook: one staged page": 0.2,
    "--changed-since main (10 pages)": 0.6,
    f"kbcheck links, cached re-run ({URLS} URLs)": 0.2,
}


def links_folder(folder: Path, server: DelayServer) -> list[str]:
    """Pages with ``URLS`` unique loopback URLs, their results cached; the command."""
    urls = [f"http://127.0.0.1:{server.port}/doc/{i}" for i in range(URLS)]
    pages = [page.name for page in write_pages(folder, urls)]
    command = [*KBCHECK, "links", *pages, "--allow-private"]
    fill = [*command, "--host-concurrency", "128", "--concurrency", "128"]
    subprocess.run(fill, cwd=folder, check=True, capture_output=True)
    if sum(server.requests.values()) < URLS:
        raise SystemExit("kbcheck links did not check every URL")
    server.reset()
    return command


def compile_kbcheck(python: str) -> None:
    """Byte-compile the kbcheck that ``python`` imports, so that no run pays for it
    (``PYTHONDONTWRITEBYTECODE`` would otherwise make every run compile it again)."""
    code = "import compileall, kbcheck; compileall.compile_dir(kbcheck.__path__[0])"
    subprocess.run([python, "-c", code], check=True, capture_output=True)


def interpreter_of(script: Path) -> str:
    """The Python of a console script (``#!/venv/bin/python``)."""
    with script.open("rb") as handle:
        return handle.readline()[2:].decode().strip()


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    parser.add_argument("--compare", type=Path, metavar="KBCHECK",
                        help="another kbcheck executable, timed on every scenario too")  # fmt: skip
    args = parser.parse_args(argv)
    compile_kbcheck(sys.executable)
    if args.compare:
        compile_kbcheck(interpreter_of(args.compare))
    with tempfile.TemporaryDirectory() as tmp:
        # a cache folder of its own: other runs on the machine prune the shared one
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        root = args.keep or Path(tmp) / "repo"
        staged = prepare(root)
        rich = Path(tmp) / "rich"  # core_bench's pages: links, anchors, tables; no git
        generate(rich, 1000)
        one = sorted((rich / "content" / "zh").rglob("*.md"))[0].relative_to(rich).as_posix()
        server = DelayServer(["127.0.0.1"])
        links = Path(tmp) / "links"
        links_run = links_folder(links, server)
        links_name = f"kbcheck links, cached re-run ({URLS} URLs)"
        scenarios = {
            PEER: [sys.executable, "-c", "pass"],
            "kbcheck --version": [*KBCHECK, "--version"],
            "hook: one staged page": [*KBCHECK, "check", "--offline", "--staged", staged],
            "hook: one page of core_bench's knowledge base": [*KBCHECK, "check", "--offline",
                                                              one],
            "--changed-since main (10 pages)": [*KBCHECK, "check", "--offline",
                                                "--changed-since", "main"],
            "kbcheck-all: the whole knowledge base": [*KBCHECK, "check", "--offline"],
            links_name: links_run,
        }  # fmt: skip
        folders = {links_name: links, "hook: one page of core_bench's knowledge base": rich}
        if args.compare:
            for name, command in list(scenarios.items()):
                if command[: len(KBCHECK)] == KBCHECK:
                    scenarios[f"{name} {COMPARED}"] = [str(args.compare), *command[len(KBCHECK) :]]
                    folders[f"{name} {COMPARED}"] = folders.get(name, root)
        for name, command in scenarios.items():
            timed(command, folders.get(name, root))
        server.reset()
        before = load()
        times: dict[str, list[float]] = {name: [] for name in scenarios}
        cpu: dict[str, list[float]] = {name: [] for name in scenarios}
        for _ in range(args.runs):
            for name, command in scenarios.items():
                wall, used = timed(command, folders.get(name, root))
                times[name].append(wall)
                cpu[name].append(used)
        after = load()
        requests = sum(server.requests.values())
    floor = statistics.median(times[PEER])
    print(f"load average (1, 5, 15 min): {before} before, {after} after; {os.cpu_count()} cores")
    print(f"requests the cached links re-runs made: {requests}")
    header = f"| scenario | median of {args.runs} | min | x interpreter start-up | CPU | target |"
    if args.compare:
        header += f" {args.compare}: median | CPU |"
    print(header)
    print("|---|--:|--:|--:|--:|--:|" + ("--:|--:|" if args.compare else ""))
    for name, found in times.items():
        if name.endswith(COMPARED):
            continue
        median = statistics.median(found)
        target = TARGETS.get(name)
        goal = f"<= {target} s: {'met' if median <= target else 'not met'}" if target else ""
        row = (f"| {name} | {median:.3f} s | {min(found):.3f} s | {median / floor:.1f} "
               f"| {statistics.median(cpu[name]):.3f} s | {goal} |")  # fmt: skip
        other = f"{name} {COMPARED}"
        if other in times:
            wall, used = statistics.median(times[other]), statistics.median(cpu[other])
            row += f" {wall:.3f} s | {used:.3f} s |"
        elif args.compare:
            row += " | |"
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
