"""SARIF output validated against the official SARIF 2.1.0 JSON schema.

The schema is not copied into this repository: it is taken from the npm
package that ships it (set KBCHECK_SARIF_SCHEMA to use a local copy).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from kbcheck import check
from kbcheck.config import Config
from kbcheck.reporters.sarif import render_sarif


def test_sarif_validates_and_carries_rule_help(tmp_path: Path, sarif_schema: dict) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "doc.yaml").write_text("fields:\n  n: {type: integer}\n")
    pages = tmp_path / "content" / "zh"
    pages.mkdir(parents=True)
    (pages / "a.md").write_text("---\nn: x\nsidebar_position: 1\n---\n\n# a\n", encoding="utf-8")
    (pages / "b.md").write_bytes(b"---\r\nn: 1\r\n---\r\n")
    config = Config(root=tmp_path, source_locale="zh", locales=["zh"], default_page_type="doc")
    result = check(config, select=["KB0", "KB1"], cwd=tmp_path)
    document = json.loads(render_sarif(result))
    jsonschema.validate(document, sarif_schema)
    run = document["runs"][0]
    codes = [r["ruleId"] for r in run["results"]]
    assert sorted(codes) == ["KB006", "KB102"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "## Bad" in rules["KB102"]["help"]["markdown"]
    first = next(r for r in run["results"] if r["ruleId"] == "KB102")
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 4)
    assert first["partialFingerprints"]["kbcheck/v1"]
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "KB102"
