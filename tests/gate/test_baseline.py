"""``kbcheck baseline`` and ``kbcheck check --baseline``: a round trip on a real page."""

from __future__ import annotations

import json
from pathlib import Path

from gate_kb import findings, kbcheck, make_repo, page, write

RULES = ("--select", "KB0,KB1")  # the frontmatter rules: the translation of c.md stays out of it


def test_baseline_round_trip(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "kb")
    recorded = kbcheck(root, "baseline", "--offline", *RULES)
    assert recorded.returncode == 0, recorded.stderr
    baseline = root / "kbcheck-baseline.json"
    entries = json.loads(baseline.read_text())["findings"]
    assert [(e["path"], e["line"], e["code"]) for e in entries] == [("content/zh/c.md", 3, "KB102")]

    done = kbcheck(root, "check", "--offline", *RULES, "--baseline", str(baseline))
    assert done.returncode == 0, done.stdout
    assert findings(done.stdout) == set()
    assert "(1 baselined)" in done.stdout

    # a new problem above the old one: the old one moves down a line and stays baselined
    write(
        root, "content/zh/c.md", page("丙", "正文。\n", "x").replace("title", "title: 丙\ntitle", 1)
    )
    done = kbcheck(root, "check", "--offline", *RULES, "--baseline", str(baseline))
    assert findings(done.stdout) == {("content/zh/c.md", 3, 1, "KB012")}, done.stdout
    assert done.returncode == 1
    assert "(1 baselined)" in done.stdout

    # fix the old one: the baseline shrinks when it is next written
    write(root, "content/zh/c.md", page("丙", "正文。\n"))
    done = kbcheck(root, "check", "--offline", *RULES, "--baseline", str(baseline))
    assert done.returncode == 0 and "baselined" not in done.stdout
    assert kbcheck(root, "baseline", "--offline", *RULES, "--output", str(baseline)).returncode == 0
    assert json.loads(baseline.read_text())["findings"] == []


def test_the_same_problem_twice_is_one_baselined_and_one_new(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "kb")
    write(root, "content/zh/d.md", page("丁", "[无](nowhere.md)\n"))
    assert kbcheck(root, "baseline", "--offline").returncode == 0
    write(root, "content/zh/d.md", page("丁", "[无](nowhere.md)\n\n[无](nowhere.md)\n"))
    done = kbcheck(root, "check", "--offline", "--baseline", "kbcheck-baseline.json")
    assert [f[3] for f in findings(done.stdout)] == ["KB301"]
    assert done.returncode == 1


def test_a_broken_baseline_file_is_named_without_a_traceback(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "kb")
    (root / "old.json").write_text("{not json")
    done = kbcheck(root, "check", "--offline", "--baseline", "old.json")
    assert done.returncode == 2
    assert "old.json" in done.stderr and "Traceback" not in done.stderr


def test_sarif_carries_the_baseline_fingerprint_across_edits(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "kb")

    def sarif() -> dict[str, str]:
        done = kbcheck(root, "check", "--offline", *RULES, "--format", "sarif")
        (run,) = json.loads(done.stdout)["runs"]
        return {r["ruleId"]: r["partialFingerprints"]["kbcheck/v1"] for r in run["results"]}

    before = sarif()
    recorded = kbcheck(root, "baseline", "--offline", *RULES)
    assert recorded.returncode == 0
    entries = json.loads((root / "kbcheck-baseline.json").read_text())["findings"]
    assert before == {e["code"]: e["fingerprint"] for e in entries}
    write(root, "content/zh/c.md", page("丙", "正文。\n", "x").replace("title", "slug: /c\ntitle"))
    assert sarif() == before  # the finding moved down a line; its fingerprint did not change
