"""SARIF 2.1.0 for code scanning, with rule help from the rule docstrings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from kbcheck import __version__
from kbcheck.baseline import fingerprinted
from kbcheck.diagnostics import Diagnostic, Severity
from kbcheck.reporters import printable
from kbcheck.rules import RULES

if TYPE_CHECKING:
    from kbcheck.linter import Result

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 25_000
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(result: Result, color: bool = False) -> str:
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary()},
            "fullDescription": {"text": rule.doc()},
            "help": {"text": rule.doc(), "markdown": rule.doc()},
            "defaultConfiguration": {"level": _LEVEL.get(rule.severity, "warning")},
        }
        for rule in RULES
    ]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for fingerprint, d in _fingerprinted(result)[:MAX_RESULTS]:
        region = {"startLine": d.line, "startColumn": d.column}
        if d.end_line:
            region["endLine"] = d.end_line
        if d.end_column:
            region["endColumn"] = d.end_column
        entry = {
            "ruleId": d.code,
            "level": _LEVEL.get(d.severity, "warning"),
            "message": {"text": printable(d.message)},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": uri(d.path)}, "region": region}}
            ],
            "partialFingerprints": {"kbcheck/v1": fingerprint},
        }
        if d.code in index:
            entry["ruleIndex"] = index[d.code]
        if d.related:
            entry["relatedLocations"] = [
                {
                    "id": i,
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(r.path)},
                        "region": {"startLine": r.line, "startColumn": r.column},
                    },
                }
                for i, r in enumerate(d.related[:1000])
            ]
        results.append(entry)
    run = {
        "tool": {
            "driver": {
                "name": "kbcheck",
                "version": __version__,
                "informationUri": "https://pypi.org/project/kbcheck/",
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if left := notices(result):
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {"level": "warning", "message": {"text": text}} for text in left
                ],
            }
        ]
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _fingerprinted(result: Result) -> list[tuple[str, Diagnostic]]:
    """The baseline's fingerprints: stable across commits that move a finding."""
    root = result.context.config.root if result.context is not None else Path.cwd()
    return fingerprinted(result.diagnostics, root, Path.cwd())


def notices(result: Result) -> list[str]:
    """GitHub code scanning takes at most 25,000 results a run: say what is left out."""
    total = len(result.diagnostics)
    if total <= MAX_RESULTS:
        return []
    return [f"{total} findings; the SARIF report holds the first {MAX_RESULTS} (GitHub's limit)"]


def uri(path: str) -> str:
    """A relative URI reference (RFC 3986) for a path: every byte but unreserved
    characters and ``/`` percent-encoded, file names that are not UTF-8 included."""
    return quote(path.encode("utf-8", "surrogateescape"), safe="/")
