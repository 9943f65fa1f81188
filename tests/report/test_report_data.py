"""``kbcheck report --format json``: the data behind every format, and ``--compare``."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run
from report_kb import HOSTILE_NAME, JA_ORPHAN, LONG_URL_PATH

from kbcheck.rules import find_rule

EN_GUIDE, JA_GUIDE = "content/en/guide.md", "content/ja/guide.md"
BROKEN = "content/zh/broken.md"


def report_json(kb, monkeypatch, *args: str) -> dict:
    result = run(kb.root, monkeypatch, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def places(data: dict, code: str) -> set[tuple[str, int, int]]:
    return {(f["path"], f["line"], f["column"]) for f in data["findings"] if f["code"] == code}


def test_json_has_the_findings_translations_and_links_of_the_knowledge_base(kb, monkeypatch):
    kb.second_state()
    data = report_json(kb, monkeypatch, "--links")
    assert (data["format"], data["version"]) == ("kbcheck-report", 1)
    assert data["commit"] == kb.git("rev-parse", "HEAD").strip()
    # findings are the linter's, with rule, position, locale and page type
    assert places(data, "KB102") == {(BROKEN, 3, 19)}
    assert places(data, "KB301") == {(BROKEN, 8, 2)}
    assert places(data, "KB503") == {("content/en/old.md", 1, 1), (JA_ORPHAN, 1, 1)}
    assert {(f["locale"], f["page_type"]) for f in data["findings"] if f["code"] == "KB102"} == {
        ("zh", "guide")
    }
    totals = data["totals"]
    severities = [f["severity"] for f in data["findings"]]
    assert (totals["errors"], totals["warnings"]) == (
        severities.count("error"),
        severities.count("warning"),
    )
    # translations: per locale, per folder, stalest with lag and changed sections
    locales = {row["locale"]: row for row in data["locales"]}
    assert locales["zh"]["source"] and locales["zh"]["pages"] == 4
    assert (locales["en"]["translated"], locales["en"]["stale"], locales["en"]["missing"]) == (
        1,
        1,
        3,
    )
    assert (locales["en"]["orphaned"], locales["en"]["coverage"]) == (1, 25.0)
    assert {row["translation"] for row in data["stale"]} == {EN_GUIDE, JA_GUIDE}
    stale = data["stale"][0]
    assert (stale["commits_behind"], stale["lines_changed"]) == (1, 4)
    assert stale["days_behind"] > 10
    assert [(s["change"], s["id"]) for s in stale["sections"]] == [("modified", "b")]
    assert sorted(data["missing"]["en"]) == sorted(
        [BROKEN, "content/zh/intro.md", f"content/zh/{HOSTILE_NAME}"]
    )
    assert data["orphans"] == ["content/en/old.md", JA_ORPHAN]
    assert {(g["locale"], g["group"], g["pages"], g["stale"]) for g in data["groups"]} == {
        ("en", "/", 4, 1),
        ("ja", "/", 4, 1),
    }
    # links: checked by this run (--links), by verdict and host, problems ranked
    links = data["links"]
    assert links["source"] == "network"
    assert links["by_verdict"] == {
        "ok": 1,
        "broken": 2,
        "redirected": 0,
        "unverifiable": 1,
        "skipped": 0,
    }
    assert (totals["links_broken"], totals["links_unverifiable"]) == (2, 1)
    assert [(h["host"], h["broken"], h["ok"]) for h in links["hosts"]] == [("localhost", 2, 1)]
    gone = next(p for p in links["problems"] if p["url"].endswith("/gone"))
    assert (gone["verdict"], gone["status"], gone["uses"]) == ("broken", 404, 2)
    assert any(p["url"].endswith(LONG_URL_PATH) for p in links["problems"])
    # rules carry the text of `kbcheck explain`
    rules = {r["code"]: r for r in data["rules"]}
    assert rules["KB102"]["explanation"] == find_rule("KB102").doc()
    assert rules["KB501"]["count"] == 6
    types = {t["page_type"]: t for t in data["page_types"]}
    assert types["guide"]["by_rule"]["KB102"] == 1


def test_without_links_the_report_reads_the_cache_and_sends_no_request(
    kb, monkeypatch, links_server
):
    kb.second_state()
    assert not (kb.root / ".kbcheck-cache").exists()
    first = report_json(kb, monkeypatch)
    assert first["links"]["by_verdict"]["broken"] == 0 and first["links"]["unchecked"] == 4
    assert not (kb.root / ".kbcheck-cache").exists()  # reading never creates a cache
    report_json(kb, monkeypatch, "--links")  # fills the cache
    asked = len(links_server.log)
    assert asked > 0
    again = report_json(kb, monkeypatch)
    assert len(links_server.log) == asked
    assert again["links"]["source"] == "cache"
    assert again["links"]["by_verdict"]["broken"] == 2
    assert again["links"]["by_verdict"]["unverifiable"] == 1  # the 429 answer is kept too
    # the KB4xx findings come from the cached verdicts, at every use
    dead = places(again, "KB401")
    assert len(dead) == 3 and {path for path, _, _ in dead} == {
        BROKEN,
        f"content/zh/{HOSTILE_NAME}",
    }


def test_compare_names_new_and_fixed_findings_and_staleness(kb, monkeypatch, tmp_path):
    old = tmp_path / "old.json"
    assert run(kb.root, monkeypatch, "--output", str(old)).exit_code == 0  # .json: JSON
    earlier = json.loads(old.read_text("utf-8"))
    assert places(earlier, "KB106") == {("content/zh/intro.md", 3, 19)}
    kb.second_state()
    now = report_json(kb, monkeypatch, "--compare", str(old))
    changes = now["changes"]
    assert changes["since_commit"] == earlier["commit"]
    fixed = {(f["path"], f["code"]) for f in changes["fixed_findings"]}
    assert fixed == {("content/zh/intro.md", "KB106")}
    new = {(f["path"], f["code"]) for f in changes["new_findings"]}
    assert {(BROKEN, "KB102"), (BROKEN, "KB301"), ("content/en/old.md", "KB503")} <= new
    kept = len(earlier["findings"]) - len(fixed)  # no ja translation of intro.md, then and now
    assert kept == 1 and len(changes["new_findings"]) == len(now["findings"]) - kept
    coverage = {r["locale"]: (r["then"], r["now"]) for r in changes["coverage"]}
    assert coverage == {"en": (100.0, 25.0), "ja": (50.0, 25.0)}
    assert changes["became_stale"] == [EN_GUIDE, JA_GUIDE]
    assert changes["brought_up_to_date"] == []
    # then the English guide is brought up to date
    middle = tmp_path / "middle.json"
    middle.write_text(json.dumps(now), "utf-8")
    monkeypatch.chdir(kb.root)
    from click.testing import CliRunner

    from kbcheck.cli import main

    assert CliRunner().invoke(main, ["translations", "mark", EN_GUIDE]).exit_code == 0
    kb.commit()
    later = report_json(kb, monkeypatch, "--compare", str(middle))["changes"]
    assert later["brought_up_to_date"] == [EN_GUIDE]
    assert later["became_stale"] == []
    assert {(f["path"], f["code"]) for f in later["fixed_findings"]} == {(EN_GUIDE, "KB514")}


def test_a_bad_earlier_report_is_one_line_naming_the_file(kb, monkeypatch, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "kbcheck-report",\n  "version": 1,,}', "utf-8")
    result = run(kb.root, monkeypatch, "--compare", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:2:" in result.output and "Traceback" not in result.output
    other = tmp_path / "other.json"
    other.write_text('{"format": "sarif"}', "utf-8")
    result = run(kb.root, monkeypatch, "--compare", str(other))
    assert result.exit_code == 2 and str(other) in result.output


def test_paths_limit_the_findings_not_the_translation_figures(kb, monkeypatch):
    kb.second_state()
    data = report_json(kb, monkeypatch, BROKEN)
    assert {f["path"] for f in data["findings"]} == {BROKEN}
    assert data["totals"]["checked"] == 1
    assert {row["translation"] for row in data["stale"]} == {EN_GUIDE, JA_GUIDE}
    assert data["orphans"] == ["content/en/old.md", JA_ORPHAN]


def test_file_links_follow_link_base(kb, monkeypatch):
    kb.second_state()
    base = "https://git.example.org/docs/blob/main/"
    html = run(kb.root, monkeypatch, "--link-base", base).output
    assert html.startswith("<!doctype html>")
    assert f'href="{base}content/en/guide.md"' in html
    assert f'"link_base":"{base}"' in html


def test_docusaurus_versions_and_folders_are_groups(monkeypatch):
    site = Path(__file__).resolve().parents[1] / "fixtures" / "docusaurus-site"
    result = run(site, monkeypatch, "--format", "json")
    data = json.loads(result.output)
    groups = {g["group"]: g for g in data["groups"]}
    # every page is in the current version: its folders are the groups
    assert {"current/guide", "current/reference"} <= set(groups)
    assert all(g.startswith("current") for g in groups)
    assert sum(g["pages"] for g in groups.values()) == data["locales"][0]["pages"] > 10
