"""What changed between an earlier report and this one.

Findings are matched by path, rule and message, not by line: an edit above a
finding moves it without making it new. Each side is a multiset, so a second
identical finding in a page counts as new.
"""

from __future__ import annotations

from collections import Counter
from typing import Any


def _key(finding: dict[str, Any]) -> tuple[str, str, str]:
    return (finding["path"], finding["code"], finding["message"])


def _only_in(ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    left = Counter(_key(f) for f in theirs)
    out = []
    for finding in ours:
        key = _key(finding)
        if left[key]:
            left[key] -= 1
        else:
            out.append(finding)
    return out


def compare(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The ``changes`` section of a report made with ``--compare``."""
    then = {row["locale"]: row for row in old.get("locales", []) if not row.get("source")}
    now = {row["locale"]: row for row in new["locales"] if not row.get("source")}
    coverage = [
        {
            "locale": locale,
            "then": then[locale]["coverage"] if locale in then else None,
            "now": now[locale]["coverage"] if locale in now else None,
            "stale_then": then[locale]["stale"] if locale in then else None,
            "stale_now": now[locale]["stale"] if locale in now else None,
        }
        for locale in [*now, *(loc for loc in then if loc not in now)]
    ]
    stale_then = {row["translation"]: row for row in old.get("stale", [])}
    stale_now = {row["translation"]: row for row in new["stale"]}
    gone = set(new["orphans"]) | {
        row["translation"]
        for row in stale_then.values()
        if row["source"] in new["missing"].get(row["locale"], ())
    }
    return {
        "since": old.get("generated"),
        "since_commit": old.get("commit"),
        "new_findings": _only_in(new["findings"], old.get("findings", [])),
        "fixed_findings": _only_in(old.get("findings", []), new["findings"]),
        "coverage": coverage,
        "became_stale": sorted(path for path in stale_now if path not in stale_then),
        "brought_up_to_date": sorted(
            path for path in stale_then if path not in stale_now and path not in gone
        ),
    }
