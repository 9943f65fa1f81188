"""``kbcheck translations``: the status of every translation, and recording versions.

    kbcheck translations status [--format text|json] [--limit N] [--by version|folder] [PATHS]
    kbcheck translations mark PATH... [--hash-only]

``status`` prints a table per locale, or per locale and version or folder
(pages, translated, up to date, stale, unknown, missing, untranslated on
purpose, orphaned, coverage), then why pages are unknown and the stalest pages
first; on a terminal the table is drawn with rich. ``mark`` records the
current version of the source in each given translation (``translation:
{source_commit, source_hash, source_file}``), editing only that key, atomically.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kbcheck.commands.common import Fatal, config_option, load
from kbcheck.config import Config
from kbcheck.corpus import load_corpus
from kbcheck.page import Page
from kbcheck.translations.fmedit import FrontmatterError
from kbcheck.translations.mark import mark_translation
from kbcheck.translations.state import State, Translations
from kbcheck.translations.status import (
    GROUPINGS,
    Report,
    describe_lag,
    describe_sections,
    summarize,
)

COLUMNS = (
    "locale",
    "pages",
    "translated",
    "up to date",
    "stale",
    "unknown",
    "missing",
    "untranslated",
    "orphaned",
    "coverage",
)


def _load(config_path: Path | None) -> tuple[Config, Translations]:
    config = load(config_path)
    corpus = load_corpus(config, Path.cwd())
    return config, Translations(config, corpus)


@click.group()
def translations() -> None:
    """Translation status and source version records."""


@translations.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--limit", default=20, show_default=True, help="Stale pages listed (text).")
@click.option(
    "--by", type=click.Choice(GROUPINGS), default=None, help="A row per version or folder too."
)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@config_option
def status(
    fmt: str, limit: int, by: str | None, paths: tuple[Path, ...], config_path: Path | None
) -> None:
    """Coverage and staleness per locale, stalest pages first; only the pages
    under PATHS (files or folders) when given."""
    _, tracker = _load(config_path)
    report = summarize(tracker, by, paths)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    elif sys.stdout.isatty():
        _rich(report, limit)
    else:
        click.echo(_plain(report, limit), nl=False)


def _columns(report: Report) -> tuple[str, ...]:
    return (COLUMNS[0], report.by, *COLUMNS[1:]) if report.by else COLUMNS


def _rows(report: Report) -> list[tuple[str, ...]]:
    return [
        (
            s.locale,
            *((s.group or "",) if report.by else ()),
            str(s.pages),
            str(s.translated),
            str(s.up_to_date),
            str(s.stale),
            str(s.unknown),
            str(s.missing),
            str(s.untranslated),
            str(s.orphaned),
            f"{s.coverage:.1f}%",
        )
        for s in report.locales
    ]


def _unknown_lines(report: Report) -> list[str]:
    """Why translations are unknown: each reason once, with how many."""
    reasons: dict[tuple[str, str], int] = {}
    for s in report.locales:
        for reason, count in s.reasons.items():
            reasons[s.locale, reason] = reasons.get((s.locale, reason), 0) + count
    return [f"{locale}: {count} {reason}" for (locale, reason), count in reasons.items()]


def _copies_lines(report: Report) -> list[str]:
    """How many of the pages each locale lacks it has as copies, not translated."""
    copies: dict[str, int] = {}
    for s in report.locales:
        copies[s.locale] = copies.get(s.locale, 0) + s.copies
    return [f"{locale}: {n} of the missing pages" for locale, n in copies.items() if n]


def _stale_lines(report: Report, limit: int) -> list[str]:
    stale = [p for p in report.pairs if p.state is State.STALE][:limit]
    lines = []
    for p in stale:
        lag = describe_lag(p)
        sections = describe_sections(p.sections)
        lines.append(
            f"{p.translation.path}: {lag or 'source changed'}"
            + (f"; {sections}" if sections else "")
        )
    return lines


def _plain(report: Report, limit: int) -> str:
    columns = _columns(report)
    rows = [columns, *_rows(report)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
    out = [
        "  ".join(
            cell.ljust(w) if i < len(columns) - len(COLUMNS) + 1 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    unknown = _unknown_lines(report)
    if unknown:
        out += ["", "Unknown, and why:", *(f"  {line}" for line in unknown)]
    copies = _copies_lines(report)
    if copies:
        out += ["", "Copies of their source, not translated:", *(f"  {line}" for line in copies)]
    stale = _stale_lines(report, limit)
    if stale:
        out += ["", "Stalest translations:", *(f"  {line}" for line in stale)]
    if report.orphans:
        out += ["", "Orphaned translations:", *(f"  {p.path}" for p in report.orphans)]
    return "\n".join(out) + "\n"


def _rich(report: Report, limit: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"Translations of {report.source_locale} pages")
    columns = _columns(report)
    for i, name in enumerate(columns):
        table.add_column(name, justify="left" if i < len(columns) - len(COLUMNS) + 1 else "right")
    for row in _rows(report):
        table.add_row(*row)
    console.print(table)
    unknown = _unknown_lines(report)
    if unknown:
        console.print("[bold]Unknown, and why[/bold]")
        for line in unknown:
            console.print(f"  {line}", markup=False, highlight=False)
    copies = _copies_lines(report)
    if copies:
        console.print("[bold]Copies of their source, not translated[/bold]")
        for line in copies:
            console.print(f"  {line}", markup=False, highlight=False)
    stale = _stale_lines(report, limit)
    if stale:
        console.print("[bold]Stalest translations[/bold]")
        for line in stale:
            console.print(f"  {line}", markup=False, highlight=False)
    if report.orphans:
        console.print("[bold]Orphaned translations[/bold]")
        for page in report.orphans:
            console.print(f"  {page.path}", markup=False, highlight=False)


@translations.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--hash-only", is_flag=True, help="Record the source hash, not the commit.")
@config_option
def mark(paths: tuple[Path, ...], hash_only: bool, config_path: Path | None) -> None:
    """Record the current source version in the translations PATHS (files or folders)."""
    config, tracker = _load(config_path)
    failed = 0
    for page in _pages(config, tracker, paths):
        source = tracker.pairing.source_of(page)
        if source is None:
            click.echo(f"kbcheck: {page.path}: not a translation with a source page", err=True)
            failed += 1
            continue
        try:
            changed, commit = mark_translation(tracker, page, source, hash_only=hash_only)
        except (OSError, FrontmatterError) as exc:
            click.echo(f"kbcheck: {page.path}: {exc}", err=True)
            failed += 1
            continue
        version = f" at {commit[:10]}" if commit else ""
        state = "marked" if changed else "already marked"
        click.echo(f"{state} {page.path} (source {source.path}{version})")
    if failed:
        sys.exit(2)


def _pages(config: Config, tracker: Translations, paths: tuple[Path, ...]) -> list[Page]:
    chosen: dict[str, Page] = {}
    pages = tracker.pairing.translations + tracker.pairing.sources
    for given in paths:
        target = given.resolve()
        matched = [p for p in pages if _inside(config.root / p.rel, target)]
        if not matched:
            raise Fatal(f"{given}: not a page of the knowledge base")
        for page in matched:
            if target.is_dir() and not tracker.pairing.is_translation(page):
                continue  # a folder: its translations only
            chosen.setdefault(page.rel, page)
    return list(chosen.values())


def _inside(path: Path, target: Path) -> bool:
    path = path.resolve()
    return path == target or target in path.parents
