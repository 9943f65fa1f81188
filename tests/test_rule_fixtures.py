"""One fixture folder per rule: good pages yield nothing, bad pages yield exactly
the findings listed in the folder's ``expected.txt`` as ``path:line:column CODE``.

A folder is ``tests/fixtures/rules/<CODE>-<name>/``; it holds a ``kbcheck.toml``
(or gets a default one: ``content`` root, locales zh/en) and optionally a
``schemas/`` folder. Only the folder's own rule is selected. Pages with findings
are named ``bad*.md``; every other page must come out clean. Paths in
``expected.txt`` are relative to the fixture folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kbcheck import check, load_config
from kbcheck.config import Config
from kbcheck.rules import find_rule

DEFAULT = {"content": ["content"], "source_locale": "zh", "locales": ["zh", "en"]}
FOLDERS = sorted((Path(__file__).parent / "fixtures" / "rules").iterdir())


def _expected(folder: Path) -> set[tuple[str, int, int, str]]:
    out = set()
    expected = folder / "expected.txt"
    for raw in expected.read_text("utf-8").splitlines() if expected.exists() else []:
        line = raw.split("#", 1)[0].strip()
        if line:
            where, code = line.split()
            path, lineno, column = where.rsplit(":", 2)
            out.add((path, int(lineno), int(column), code))
    return out


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_rule_fixture(folder: Path) -> None:
    code = folder.name.split("-", 1)[0]
    rule = find_rule(code)
    assert rule is not None and folder.name == f"{rule.code}-{rule.name}"
    own = folder / "kbcheck.toml"
    config = load_config(own) if own.exists() else Config(root=folder, **DEFAULT)
    result = check(config, select=[code], offline=True, cwd=folder)
    found = {(d.path, d.line, d.column, d.code) for d in result.diagnostics}
    assert found == _expected(folder)
    bad = {path for path, *_ in found}
    assert bad, "every fixture has at least one bad page"
    assert all("bad" in Path(p).name for p in bad), "findings only in pages named bad*"
