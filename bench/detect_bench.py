"""What zero configuration costs a run: detection and the effective configuration.

Times ``load_config`` on a Docusaurus site with no kbcheck.toml (the config file
found and read statically, ``versions.json``, the i18n folders, the script of the
docs sampled) against ``load_config`` on the same site with a kbcheck.toml that
names a plain layout (no detection at all), in the same process, round-robin.
The site is ``tests/fixtures/docusaurus-zero`` with ``--pages`` more docs pages
and locales added, so the folders scanned are those of a real site. Prints the
median of ``--runs`` rounds of ``--calls`` calls each, and the difference.

    python bench/detect_bench.py [--runs 7] [--calls 50] [--pages 700]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from kbcheck.config import load_config
from kbcheck.effective import to_toml

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "docusaurus-zero"


def build(root: Path, pages: int) -> tuple[Path, Path]:
    site = root / "site"
    shutil.copytree(FIXTURE, site)
    for i in range(pages):
        page = site / "docs" / f"section-{i % 20}" / f"page-{i}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\ntitle: Page {i}\n---\n\n# Page {i}\n\nSome text.\n", "utf-8")
    for locale in ("de", "es", "ja", "zh-Hans"):
        (site / "i18n" / locale / "docusaurus-plugin-content-docs" / "current").mkdir(parents=True)
    plain = root / "plain"
    shutil.copytree(site, plain)
    (plain / "kbcheck.toml").write_text('layout = "locale-dirs"\ncontent = ["docs"]\n', "utf-8")
    return site, plain


def timed(start: Path, calls: int, show: bool) -> float:
    began = time.perf_counter()
    for _ in range(calls):
        config = load_config(start=start)
        if show:
            to_toml(config)  # what `kbcheck config` adds
    return (time.perf_counter() - began) / calls * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--pages", type=int, default=700)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site, plain = build(Path(tmp), args.pages)
        rows: dict[str, list[float]] = {"detected": [], "detected + effective": [], "plain": []}
        for _ in range(args.runs):
            rows["detected"].append(timed(site, args.calls, False))
            rows["detected + effective"].append(timed(site, args.calls, True))
            rows["plain"].append(timed(plain, args.calls, False))
    medians = {name: statistics.median(times) for name, times in rows.items()}
    print(f"load_config, median of {args.runs} rounds of {args.calls} calls, {args.pages} pages")
    for name, value in medians.items():
        print(f"  {name:<22} {value:7.2f} ms")
    added = medians["detected + effective"] - medians["plain"]
    print(f"  added by detection and the effective configuration: {added:.2f} ms")


if __name__ == "__main__":
    main()
