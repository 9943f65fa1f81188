"""Baselines: today's findings recorded, so that only new ones fail.

A finding is known by its fingerprint: the rule, the page (relative to the
configuration's root) and the text of the offending line, stripped, not its
line number, so it survives edits elsewhere in the page. Equal findings on
equal lines are told apart by their order in the page (``<hash>:<n>``). The
SARIF report carries the same fingerprint as ``partialFingerprints``, so code
scanning tracks a finding across commits as the baseline does.

    write_baseline(path, fingerprinted(result.diagnostics, root, cwd))
    new, known = apply_baseline(result.diagnostics, read_baseline(path), root, cwd)
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

from kbcheck.diagnostics import Diagnostic
from kbcheck.files import write_atomic
from kbcheck.reporters import printable

FORMAT = 1
DEFAULT_NAME = "kbcheck-baseline.json"


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names it."""


def fingerprinted(
    diagnostics: Sequence[Diagnostic], root: Path, cwd: Path
) -> list[tuple[str, Diagnostic]]:
    """Each diagnostic with its fingerprint, in the given order."""
    lines: dict[str, list[bytes]] = {}
    seen: dict[str, int] = {}
    out = []
    for d in diagnostics:
        file = os.path.join(cwd, d.path)
        rel = Path(os.path.relpath(file, root)).as_posix()
        if file not in lines:
            lines[file] = _lines(file)
        page = lines[file]
        text = page[d.line - 1].strip() if 0 < d.line <= len(page) else b""
        parts = [d.code.encode(), rel.encode("utf-8", "surrogateescape"), text]
        digest = hashlib.sha256(b"\0".join(parts)).hexdigest()
        key = digest[:32]
        seen[key] = seen.get(key, 0) + 1
        out.append((f"{key}:{seen[key]}", d))
    return out


def _lines(file: str) -> list[bytes]:
    try:
        with open(file, "rb") as handle:
            return handle.read().splitlines()
    except OSError:
        return []


def write_baseline(path: Path, found: list[tuple[str, Diagnostic]], root: Path, cwd: Path) -> None:
    """Record these findings (atomically), sorted so that the file diffs well."""
    entries = sorted(
        (
            {
                "fingerprint": fingerprint,
                "code": d.code,
                "path": printable(
                    Path(os.path.relpath(os.path.join(cwd, d.path), root)).as_posix()
                ),
                "line": d.line,
                "message": printable(d.message),
            }
            for fingerprint, d in found
        ),
        key=lambda e: (e["path"], e["line"], e["code"], e["fingerprint"]),
    )
    document = {"kbcheck_baseline": FORMAT, "findings": entries}
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    write_atomic(path, text.encode("utf-8"), replaces=None)  # ours to replace


def read_baseline(path: Path) -> set[str]:
    """The fingerprints recorded in a baseline file."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BaselineError(f"{path}: no such baseline; write one with `kbcheck baseline`") from exc
    except (OSError, ValueError) as exc:
        raise BaselineError(f"{path}: not a kbcheck baseline: {exc}") from exc
    if not isinstance(document, dict) or document.get("kbcheck_baseline") != FORMAT:
        raise BaselineError(f"{path}: not a kbcheck baseline (format {FORMAT} expected)")
    findings = document.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in findings
    ):
        raise BaselineError(f"{path}: findings: expected a list of entries with a fingerprint")
    return {entry["fingerprint"] for entry in findings}


def apply_baseline(
    diagnostics: Sequence[Diagnostic], known: set[str], root: Path, cwd: Path
) -> tuple[list[Diagnostic], int]:
    """The diagnostics not in the baseline, and how many were."""
    new = [d for fp, d in fingerprinted(diagnostics, root, cwd) if fp not in known]
    return new, len(diagnostics) - len(new)
