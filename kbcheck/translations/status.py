"""The translation status of a knowledge base: per-locale figures and the stalest pages.

    report = summarize(Translations(config, corpus))
    report.as_dict()   # what ``kbcheck translations status --format json`` prints

The library computes; ``kbcheck.commands.translations`` formats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from kbcheck.page import Page
from kbcheck.sites import Site, site_of
from kbcheck.translations.sections import SectionChange
from kbcheck.translations.state import PairStatus, State, Translations

MAX_SECTIONS = 5  # sections named in one message


@dataclass
class LocaleStatus:
    """How far one locale is translated."""

    locale: str
    pages: int  # source pages
    translated: int
    up_to_date: int
    stale: int
    unknown: int  # neither record nor history to judge by
    missing: int
    orphaned: int
    untranslated: int = 0  # not translated on purpose ([translations] untranslated)
    copies: int = 0  # of the missing, copies of their source (kbcheck.translations.copies)
    group: str | None = None  # the version or folder, with --by
    reasons: dict[str, int] = field(default_factory=dict)  # why unknown, and how often

    @property
    def coverage(self) -> float:
        expected = self.pages - self.untranslated
        return 100.0 * (expected - self.missing) / expected if expected else 100.0


@dataclass
class Report:
    """The translation status of the knowledge base."""

    source_locale: str
    locales: list[LocaleStatus] = field(default_factory=list)
    pairs: list[PairStatus] = field(default_factory=list)  # stalest first
    orphans: list[Page] = field(default_factory=list)
    missing: dict[str, list[Page]] = field(default_factory=dict)
    by: str | None = None  # "version" or "folder"

    def as_dict(self) -> dict[str, Any]:
        return {
            "source_locale": self.source_locale,
            "by": self.by,
            "locales": [
                {
                    "locale": s.locale,
                    **({self.by: s.group} if self.by else {}),
                    "pages": s.pages,
                    "translated": s.translated,
                    "up_to_date": s.up_to_date,
                    "stale": s.stale,
                    "unknown": s.unknown,
                    "unknown_reasons": s.reasons,
                    "missing": s.missing,
                    "copies": s.copies,
                    "untranslated": s.untranslated,
                    "orphaned": s.orphaned,
                    "coverage": round(s.coverage, 1),
                }
                for s in self.locales
            ],
            "pages": [_pair_dict(p) for p in self.pairs],
            "missing": {loc: [p.path for p in pages] for loc, pages in self.missing.items()},
            "orphans": [p.path for p in self.orphans],
        }


def _pair_dict(p: PairStatus) -> dict[str, Any]:
    return {
        "translation": p.translation.path,
        "source": p.source.path,
        "locale": p.locale,
        "state": p.state.value,
        "record": p.record.key if p.record else None,
        "version": p.version,
        "commits_behind": len(p.commits) if p.state is State.STALE else 0,
        "days_behind": p.days,
        "lines_changed": p.lines_changed,
        "sections": [
            {
                "change": c.kind,
                "title": c.title,
                "id": c.key or None,
                "level": c.level,
                "line": c.line,
            }
            for c in p.sections
        ],
        "record_problems": [problem.message for problem in p.problems],
        "reason": p.reason,
    }


def stalest_first(p: PairStatus) -> tuple:
    return (
        p.state is not State.STALE,
        -(p.days or 0),
        -len(p.commits),
        -(p.lines_changed or 0),
        p.translation.path,
    )


GROUPINGS = ("version", "folder")


def summarize(tracker: Translations, by: str | None = None, paths: Sequence[Path] = ()) -> Report:
    """Figures per locale (and per version or folder, with ``by``), for the pages
    under ``paths`` (a source counts with its translations) or all."""
    pairs = tracker.pairing
    root = tracker.config.root.resolve()
    wanted = [p.resolve() for p in paths]

    def inside(page: Page) -> bool:
        full = root / page.rel
        return not wanted or any(full == w or w in full.parents for w in wanted)

    def chosen(source: Page) -> bool:
        return inside(source) or any(inside(t) for t in pairs.translations_of(source).values())

    def group(page: Page) -> str:
        return _group(page, by, site_of(tracker.config)) if by else ""

    sources = [s for s in pairs.sources if chosen(s)]
    picked = {s.rel for s in sources}
    of_picked = [t for t in pairs.translations if (s := pairs.source_of(t)) and s.rel in picked]
    # a copy of its source, not translated, is a translation missing, not one to follow
    statuses = tracker.statuses([t for t in of_picked if not pairs.is_copy(t)])
    orphans = [p for p in pairs.orphans if inside(p)]
    report = Report(tracker.config.source_locale, pairs=sorted(statuses, key=stalest_first), by=by)
    report.orphans = orphans
    groups = sorted({group(s) for s in sources} | {group(p) for p in orphans})
    for locale in pairs.locales:
        missing = [p for p in pairs.missing(locale) if p.rel in picked]
        aside = {p.rel for p in pairs.untranslated(locale)}
        report.missing[locale] = missing
        for name in groups:
            mine = [s for s in statuses if s.locale == locale and group(s.source) == name]
            here = [s for s in sources if group(s) == name]
            lacking = [p for p in missing if group(p) == name]
            reasons: dict[str, int] = {}
            for s in mine:
                if s.state is State.UNKNOWN:
                    reasons[s.reason or "unknown"] = reasons.get(s.reason or "unknown", 0) + 1
            report.locales.append(
                LocaleStatus(
                    locale=locale,
                    pages=len(here),
                    translated=len(mine),
                    up_to_date=sum(1 for s in mine if s.state is State.UP_TO_DATE),
                    stale=sum(1 for s in mine if s.state is State.STALE),
                    unknown=sum(1 for s in mine if s.state is State.UNKNOWN),
                    missing=len(lacking),
                    copies=sum(1 for p in lacking if pairs.copy_of(p, locale) is not None),
                    orphaned=sum(1 for p in orphans if p.locale == locale and group(p) == name),
                    untranslated=sum(1 for p in here if p.rel in aside),
                    group=name if by else None,
                    reasons=reasons,
                )
            )
    return report


def _group(page: Page, by: str | None, site: Site) -> str:
    """The part of the site (``current``, ``version-1.0``, ``blog``; ``-`` where the
    site has no parts) or the folder of a page."""
    if by == "folder":
        return str(PurePosixPath(page.rel).parent)
    return site.part_of(page.rel) or "-"


def describe_lag(status: PairStatus) -> str:
    """``3 commits, 12.5 days, 40 lines behind`` (what is known of it)."""
    parts = []
    if status.commits:
        n = len(status.commits)
        parts.append(f"{n} commit{'s' if n != 1 else ''}")
    if status.days:
        parts.append(f"{status.days:g} days")
    if status.lines_changed:
        n = status.lines_changed
        parts.append(f"{n} line{'s' if n != 1 else ''}")
    if status.version:
        parts.append(f"since {status.version[:10]}")
    return ", ".join(parts)


def describe_sections(changes: list[SectionChange]) -> str:
    """``modified '核心特征' (#key-traits), added 'Usage'`` for a message."""
    named = []
    for change in changes[:MAX_SECTIONS]:
        title = change.title or "(introduction)"
        named.append(f"{change.kind} {title!r}" + (f" (#{change.key})" if change.key else ""))
    if len(changes) > MAX_SECTIONS:
        named.append(f"and {len(changes) - MAX_SECTIONS} more")
    return ", ".join(named)
