"""The translation status of a knowledge base: per-locale figures and the stalest pages.

    report = summarize(Translations(config, corpus))
    report.as_dict()   # what ``kbcheck translations status --format json`` prints

The library computes; ``kbcheck.commands.translations`` formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kbcheck.page import Page
from kbcheck.translations.sections import SectionChange
from kbcheck.translations.state import PairStatus, State, Translations

MAX_SECTIONS = 5  # sections named in one message


@dataclass
class LocaleStatus:
    locale: str
    pages: int  # source pages
    translated: int
    up_to_date: int
    stale: int
    unknown: int  # neither record nor history to judge by
    missing: int
    orphaned: int

    @property
    def coverage(self) -> float:
        return 100.0 * self.translated / self.pages if self.pages else 100.0


@dataclass
class Report:
    source_locale: str
    locales: list[LocaleStatus] = field(default_factory=list)
    pairs: list[PairStatus] = field(default_factory=list)  # stalest first
    orphans: list[Page] = field(default_factory=list)
    missing: dict[str, list[Page]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source_locale": self.source_locale,
            "locales": [
                {
                    "locale": s.locale,
                    "pages": s.pages,
                    "translated": s.translated,
                    "up_to_date": s.up_to_date,
                    "stale": s.stale,
                    "unknown": s.unknown,
                    "missing": s.missing,
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


def summarize(tracker: Translations) -> Report:
    pairs = tracker.pairing
    statuses = tracker.statuses()
    report = Report(tracker.config.source_locale, pairs=sorted(statuses, key=stalest_first))
    report.orphans = list(pairs.orphans)
    for locale in pairs.locales:
        mine = [s for s in statuses if s.locale == locale]
        missing = pairs.missing(locale)
        report.missing[locale] = missing
        report.locales.append(
            LocaleStatus(
                locale=locale,
                pages=len(pairs.sources),
                translated=len(pairs.sources) - len(missing),
                up_to_date=sum(1 for s in mine if s.state is State.UP_TO_DATE),
                stale=sum(1 for s in mine if s.state is State.STALE),
                unknown=sum(1 for s in mine if s.state is State.UNKNOWN),
                missing=len(missing),
                orphaned=sum(1 for p in pairs.orphans if p.locale == locale),
            )
        )
    return report


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
