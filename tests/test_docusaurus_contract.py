"""The ``docusaurus`` layout against Docusaurus 3's own front matter reading and validation.

``tests/fixtures/docusaurus-frontmatter/cases.json`` holds frontmatter blocks with the
verdict the real ``@docusaurus/plugin-content-docs`` 3.10.2 gave each (its front matter
parser, then ``validateDocFrontMatter``), recorded by
``scripts/docusaurus/record-frontmatter.js``. kbcheck, with no page type configured, must
accept and reject the same blocks. When Node and the recorder's packages are installed,
the recorder re-runs and must still give the recorded verdicts.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from kbcheck import check
from kbcheck.config import Config
from kbcheck.diagnostics import Severity

FIXTURE = Path(__file__).parent / "fixtures" / "docusaurus-frontmatter" / "cases.json"
RECORDER = Path(__file__).parents[1] / "scripts" / "docusaurus"


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def verdicts(cases: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> list[bool]:
    """kbcheck's accept (True) or reject of every case, from one run over one site."""
    root = tmp_path_factory.mktemp("site")
    docs = root / "docs"
    docs.mkdir()
    for i, case in enumerate(cases):
        text = f"---\n{case['frontmatter']}\n---\n\n# Page\n"
        (docs / f"case-{i:04}.md").write_text(text, encoding="utf-8")
    config = Config(root=root, content=["docs"], layout="docusaurus", locales=["en"])
    result = check(config, select=["KB0", "KB1"], offline=True, cwd=root)
    rejected = {
        d.path.rpartition("/")[2] for d in result.diagnostics if d.severity is Severity.ERROR
    }
    return [f"case-{i:04}.md" not in rejected for i in range(len(cases))]


def test_agrees_with_validate_doc_front_matter(
    cases: list[dict[str, Any]], verdicts: list[bool]
) -> None:
    assert len(cases) >= 300
    differ = [
        ("accepts" if ours else "rejects") + f" {case['frontmatter']!r}"
        for case, ours in zip(cases, verdicts, strict=True)
        if ours != case["accepted"]
    ]
    agreement = 1 - len(differ) / len(cases)
    print(f"\n{agreement:.2%} of {len(cases)} verdicts agree; kbcheck differs on:")
    print("\n".join(differ))
    assert agreement >= 0.98, "\n".join(differ)


def test_every_field_of_the_contract_is_exercised(cases: list[dict[str, Any]]) -> None:
    """Each field of the contract has cases Docusaurus accepts and cases it rejects."""
    seen: dict[str, set[bool]] = defaultdict(set)
    for case in cases:
        seen[case["frontmatter"].partition(":")[0]].add(case["accepted"])
    for field in ("id", "title", "tags", "keywords", "image", "last_update", "sidebar_key"):
        assert seen[field] == {True, False}, field


@pytest.mark.skipif(
    shutil.which("node") is None or not (RECORDER / "node_modules").is_dir(),
    reason="needs node and `npm install` in scripts/docusaurus",
)
def test_recorded_verdicts_are_docusaurus_verdicts() -> None:
    run = subprocess.run(
        ["node", "record-frontmatter.js", "--check"],
        cwd=RECORDER,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
