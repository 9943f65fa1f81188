"""``python -m kbcheck.links FILE...``: check the external links of Markdown files.

A stand-alone entry for benchmarks and debugging until the core's ``kbcheck links``
command wires the engine to the page model; URLs are found with a plain regex here.
Exit codes: 0 no broken link, 1 broken links, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from kbcheck.links.checker import check_urls
from kbcheck.links.result import Verdict, summarize
from kbcheck.links.settings import LinkSettings

_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+")
_TRAILING = ".,;:!?*_"


def extract_urls(text: str) -> list[str]:
    return [m.group(0).rstrip(_TRAILING) for m in _URL.finditer(text)]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kbcheck.links", description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--allow-private", action="store_true")
    parser.add_argument("--concurrency", type=int)
    parser.add_argument("--host-concurrency", type=int)
    parser.add_argument("--timeout", type=float)
    parser.add_argument("--retries", type=int)
    parser.add_argument("--budget", type=float)
    parser.add_argument("--check-fragments", action="store_true")
    parser.add_argument("--cache", type=Path, help="cache file (default .kbcheck-cache/...)")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    options: dict[str, object] = {
        "allow_private": args.allow_private,
        "check_fragments": args.check_fragments,
    }
    for name in ("concurrency", "host_concurrency", "timeout", "retries", "budget", "cache"):
        if getattr(args, name) is not None:
            options[name] = getattr(args, name)
    if args.no_cache:
        options["cache"] = False
    urls: list[str] = []
    for path in args.files:
        try:
            urls.extend(extract_urls(path.read_text(encoding="utf-8")))
        except OSError as exc:
            print(f"error: {path}: {exc.strerror}", file=sys.stderr)
            return 2
    report = check_urls(urls, LinkSettings.model_validate(options))
    summary = summarize(report)
    if args.json:
        json.dump(
            {
                "links": len(urls),
                "unique": summary.total,
                "requests": report.requests,
                "elapsed": round(report.elapsed, 3),
                "network_down": report.network_down,
                "from_cache": summary.from_cache,
                "warnings": report.warnings,
                "verdicts": {v.value: n for v, n in summary.by_verdict.items()},
            },
            sys.stdout,
        )
        print()
    else:
        for url, result in report.items():
            if result.verdict in (Verdict.BROKEN, Verdict.UNVERIFIABLE, Verdict.REDIRECTED):
                target = f" -> {result.final_url}" if result.final_url else ""
                print(f"{result.verdict.value:<12} {url}  ({result.reason}){target}")
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        counts = ", ".join(f"{n} {v.value}" for v, n in summary.by_verdict.items() if n)
        print(
            f"{summary.total} unique links of {len(urls)}: {counts or 'none'}; "
            f"{report.requests} requests in {report.elapsed:.2f} s"
        )
    return 1 if summary.by_verdict[Verdict.BROKEN] else 0


if __name__ == "__main__":
    sys.exit(main())
