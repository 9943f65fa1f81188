"""Gather the report's data from one check: findings, translation state, link health.

Nothing is parsed or computed twice: the findings are the linter's, the
translation figures come from the translation state the KB5xx rules used, the
link verdicts from the run the KB4xx rules used. Without ``network`` that run
reads the link cache only and sends no request.

The result is the JSON document described in :mod:`kbcheck.report` (plain
dicts and lists), which every renderer reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from kbcheck import __version__
from kbcheck.config import Config
from kbcheck.context import Context
from kbcheck.diagnostics import Severity
from kbcheck.links.result import LinkReport, Verdict, hostname
from kbcheck.links.run import UrlChecker, link_run, link_settings
from kbcheck.links.settings import LinkSettings
from kbcheck.linter import Result, check
from kbcheck.report.model import FORMAT, ROOT_GROUP, VERSION
from kbcheck.rules import find_rule
from kbcheck.translations.gitlog import run_git
from kbcheck.translations.state import State, translations
from kbcheck.translations.status import Report, summarize

PROBLEM_VERDICTS = (Verdict.BROKEN, Verdict.UNVERIFIABLE, Verdict.REDIRECTED)


def cached_checker(settings: LinkSettings) -> UrlChecker:
    """A URL checker that only reads the link cache: the verdicts kept, of any age."""

    def lookup(urls: list[str]) -> LinkReport:
        from kbcheck.links.cache import LinkCache

        path = settings.cache_path()
        if path is None or not path.is_file():  # never create a cache just to read it
            return LinkReport({})
        cache = LinkCache(path, settings.cache_ttl, settings.profile())
        try:
            found = cache.stored(urls)
        finally:
            cache.close()
        return LinkReport(found, warnings=list(cache.warnings))

    return lookup


def collect(
    config: Config,
    paths: Sequence[Path] = (),
    *,
    network: bool = False,
    cwd: Path | None = None,
) -> dict[str, Any]:
    """Check the knowledge base (or PATHS of it) and return the report's data."""
    return build(report_check(config, paths, network=network, cwd=cwd), network=network)


def report_check(
    config: Config,
    paths: Sequence[Path] = (),
    *,
    network: bool = False,
    cwd: Path | None = None,
) -> Result:
    """The check a report describes: every rule; link verdicts from the link cache
    unless ``network``."""
    checker = None if network else cached_checker(link_settings(config))
    return check(config, paths, cwd=cwd, link_checker=checker)


def build(result: Result, *, network: bool = False) -> dict[str, Any]:
    ctx = result.context
    assert ctx is not None
    pages = {page.path: (page.locale, page.page_type) for page in ctx.corpus.pages}
    status = summarize(translations(ctx))
    findings = []
    for d in result.diagnostics:
        locale, page_type = pages.get(d.path, (None, None))
        findings.append(
            {
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "code": d.code,
                "name": d.name,
                "severity": d.severity.value,
                "message": d.message,
                "locale": locale,
                "page_type": page_type,
            }
        )
    severities = Counter(d.severity for d in result.diagnostics)
    links = _links(ctx, network)
    locales = _locales(ctx, status)
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "commit": _head(ctx.config.root),
        "kbcheck": __version__,
        "source_locale": status.source_locale,
        "totals": {
            "pages": len(ctx.corpus.pages),
            "checked": result.files,
            "errors": severities[Severity.ERROR],
            "warnings": severities[Severity.WARNING],
            "infos": severities[Severity.INFO],
            "stale": sum(s.stale for s in status.locales),
            "missing": sum(s.missing for s in status.locales),
            "orphaned": sum(s.orphaned for s in status.locales),
            "links_broken": links["by_verdict"][Verdict.BROKEN.value],
            "links_unverifiable": links["by_verdict"][Verdict.UNVERIFIABLE.value],
        },
        "locales": locales,
        "groups": _groups(ctx, status),
        "stale": _stale(status),
        "missing": {loc: [p.path for p in missing] for loc, missing in status.missing.items()},
        "orphans": [p.path for p in status.orphans],
        "links": links,
        "rules": _rules(findings),
        "page_types": _page_types(findings, ctx),
        "findings": findings,
    }


def _head(root: Path) -> str | None:
    probe = run_git(root, "rev-parse", "-q", "--verify", "HEAD^{commit}")
    if probe is None or probe.returncode != 0:
        return None
    return probe.stdout.decode().strip() or None


def _locales(ctx: Context, status: Report) -> list[dict[str, Any]]:
    counts = Counter(page.locale for page in ctx.corpus.pages)
    rows: list[dict[str, Any]] = []
    source = status.source_locale
    rows.append({"locale": source, "source": True, "pages": counts.get(source, 0)})
    for s in status.locales:
        rows.append(
            {
                "locale": s.locale,
                "source": False,
                "pages": counts.get(s.locale, 0),
                "translated": s.translated,
                "up_to_date": s.up_to_date,
                "stale": s.stale,
                "unknown": s.unknown,
                "missing": s.missing,
                "copies": s.copies,
                "orphaned": s.orphaned,
                "coverage": round(s.coverage, 1),
            }
        )
    return rows


def group_of(key: str, depth: int = 1) -> str:
    """The version or folder of a page key: its first ``depth`` folders (``current``,
    ``version-2``, ``guides``; ``current/guides``), ``/`` for a page above them."""
    parts = key.split("/")[:-1][:depth]
    return "/".join(parts) if parts else ROOT_GROUP


def _groups(ctx: Context, status: Report) -> list[dict[str, Any]]:
    """Coverage and freshness per locale and per version or top folder (one level
    deeper when every page is in the same one, as in Docusaurus' ``current``)."""
    sources = translations(ctx).pairing.sources
    depth = 1 if len({group_of(page.key) for page in sources}) > 1 else 2
    pages = Counter(group_of(page.key, depth) for page in sources)
    states: Counter[tuple[str, str, State]] = Counter(
        (p.locale, group_of(p.source.key, depth), p.state) for p in status.pairs
    )
    missing = Counter(
        (locale, group_of(page.key, depth))
        for locale, found in status.missing.items()
        for page in found
    )
    rows = []
    for s in status.locales:
        for group in sorted(pages):
            rows.append(
                {
                    "locale": s.locale,
                    "group": group,
                    "pages": pages[group],
                    "up_to_date": states[(s.locale, group, State.UP_TO_DATE)],
                    "stale": states[(s.locale, group, State.STALE)],
                    "unknown": states[(s.locale, group, State.UNKNOWN)],
                    "missing": missing[(s.locale, group)],
                }
            )
    return rows


def _stale(status: Report) -> list[dict[str, Any]]:
    rows = []
    for p in status.pairs:  # stalest first
        if p.state is not State.STALE:
            continue
        rows.append(
            {
                "translation": p.translation.path,
                "source": p.source.path,
                "locale": p.locale,
                "version": p.version,
                "commits_behind": len(p.commits),
                "days_behind": p.days,
                "lines_changed": p.lines_changed,
                "marked_outdated": p.outdated_flag,  # the record says so by hand
                "sections": [
                    {"change": c.kind, "title": c.title, "id": c.key or None, "line": c.line}
                    for c in p.sections
                ],
            }
        )
    return rows


def _links(ctx: Context, network: bool) -> dict[str, Any]:
    run = link_run(ctx)
    report = run.report
    by_verdict = {v.value: 0 for v in Verdict}
    hosts: dict[str, Counter[str]] = {}
    problems = []
    for url, result in report.items():
        by_verdict[result.verdict.value] += 1
        hosts.setdefault(hostname(url), Counter())[result.verdict.value] += 1
        if result.verdict in PROBLEM_VERDICTS:
            uses = run.sites.get(url, [])
            problems.append(
                {
                    "url": url,
                    "verdict": result.verdict.value,
                    "status": result.status,
                    "reason": result.reason,
                    "final_url": result.final_url,
                    "uses": len(uses),
                    "first_use": f"{uses[0].path}:{uses[0].line}" if uses else None,
                }
            )
    order = {v.value: i for i, v in enumerate(PROBLEM_VERDICTS)}
    problems.sort(key=lambda p: (order[p["verdict"]], -p["uses"], p["url"]))

    def trouble(counts: Counter[str]) -> int:
        return counts[Verdict.BROKEN.value] + counts[Verdict.UNVERIFIABLE.value]

    host_rows = [
        {"host": host or "?", **{v.value: counts[v.value] for v in Verdict}}
        for host, counts in sorted(
            hosts.items(), key=lambda i: (-trouble(i[1]), -i[1].total(), i[0])
        )
    ]
    return {
        "source": "network" if network else "cache",
        "urls": len(run.sites),
        "unchecked": len(run.sites) - len(report),
        "by_verdict": by_verdict,
        "hosts": host_rows,
        "problems": problems,
        "warnings": list(report.warnings),
    }


def _rules(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter((f["code"], f["name"]) for f in findings)
    severities: dict[str, dict[str, int]] = {}
    for (code, severity), count in Counter((f["code"], f["severity"]) for f in findings).items():
        severities.setdefault(code, {})[severity] = count
    rows = []
    for (code, name), count in sorted(counts.items(), key=lambda i: (-i[1], i[0][0])):
        rule = find_rule(code)
        rows.append(
            {
                "code": code,
                "name": name,
                "count": count,
                "severities": severities[code],
                "summary": rule.summary() if rule else "",
                "explanation": rule.doc() if rule else "",
            }
        )
    return rows


def _page_types(findings: list[dict[str, Any]], ctx: Context) -> list[dict[str, Any]]:
    pages = Counter(page.page_type for page in ctx.corpus.pages)
    found: dict[str | None, Counter[str]] = {}
    for (page_type, code), count in Counter((f["page_type"], f["code"]) for f in findings).items():
        found.setdefault(page_type, Counter())[code] = count
    rows = []
    for page_type in sorted(set(pages) | set(found), key=lambda t: (t is None, t or "")):
        by_rule = found.get(page_type, Counter())
        rows.append(
            {
                "page_type": page_type,
                "pages": pages.get(page_type, 0),
                "findings": by_rule.total(),
                "by_rule": dict(by_rule.most_common()),
            }
        )
    return rows
