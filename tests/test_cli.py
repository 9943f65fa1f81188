"""The command line as users run it: formats, exit codes, configuration errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "---\ntitle: 标题\nsidebar_position: 1\n---\n\n# 标题\n\n正文。\n"
SCHEMA = "fields:\n  title: {type: string, required: true}\n  sidebar_position: {type: integer}\n"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kbcheck", *args], cwd=cwd, capture_output=True, text=True
    )


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    (tmp_path / "kbcheck.toml").write_text(
        'source_locale = "zh"\nlocales = ["zh"]\ndefault_page_type = "doc"\n'
    )
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "doc.yaml").write_text(SCHEMA)
    for folder in ("guide", "intro"):
        (tmp_path / "content" / "zh" / folder).mkdir(parents=True)
        (tmp_path / "content" / "zh" / folder / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def add_error(kb: Path) -> None:
    # sidebar_position of the wrong type, at line 3 column 19
    bad = "---\ntitle: 坏\nsidebar_position: x\n---\n\n# 坏\n\n正文。\n"
    (kb / "content/zh/bad.md").write_text(bad, encoding="utf-8")


def add_warning(kb: Path) -> None:
    (kb / "content/zh/crlf.md").write_bytes(b"---\r\ntitle: t\r\n---\r\n\r\n# t\r\n")


def test_clean_exits_0(kb: Path) -> None:
    done = run(kb, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 files checked" in done.stdout


def test_error_exits_1_with_text_position(kb: Path) -> None:
    add_error(kb)
    done = run(kb, "check")
    assert done.returncode == 1
    assert "content/zh/bad.md:3:19: error KB102 field-type:" in done.stdout


def test_warning_exits_0_unless_strict(kb: Path) -> None:
    add_warning(kb)
    assert run(kb, "check").returncode == 0
    assert run(kb, "check", "--strict").returncode == 1


def test_unknown_config_key_exits_2_naming_file_and_key(kb: Path) -> None:
    (kb / "kbcheck.toml").write_text('source_locale = "zh"\nlocales = ["zh"]\ncontnet = ["x"]\n')
    done = run(kb, "check")
    assert done.returncode == 2
    assert "kbcheck.toml" in done.stderr and "contnet" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_rule_severity_exits_2(kb: Path) -> None:
    with (kb / "kbcheck.toml").open("a") as handle:
        handle.write('[rules.KB102]\nseverity = "fatal"\n')
    done = run(kb, "check")
    assert done.returncode == 2 and "rules.KB102.severity" in done.stderr


def test_unknown_rule_in_config_exits_2(kb: Path) -> None:
    with (kb / "kbcheck.toml").open("a") as handle:
        handle.write("[rules.KB999]\n")
    assert run(kb, "check").returncode == 2


def test_schema_typo_exits_2(kb: Path) -> None:
    (kb / "schemas" / "doc.yaml").write_text("fields:\n  title: {type: string, requird: true}\n")
    done = run(kb, "check")
    assert done.returncode == 2
    assert "doc.yaml" in done.stderr and "fields.title.requird" in done.stderr


def test_usage_error_exits_2(kb: Path) -> None:
    assert run(kb, "check", "--format", "xml").returncode == 2
    assert run(kb, "check", "missing-folder").returncode == 2


def test_severity_off_and_ignore(kb: Path) -> None:
    add_error(kb)
    assert run(kb, "check", "--ignore", "KB102").returncode == 0
    assert run(kb, "check", "--ignore", "field-type").returncode == 0
    assert run(kb, "check", "--select", "KB0").returncode == 0
    with (kb / "kbcheck.toml").open("a") as handle:
        handle.write('[rules.field-type]\nseverity = "off"\n')
    assert run(kb, "check").returncode == 0


def test_config_severity_downgrades_error(kb: Path) -> None:
    add_error(kb)
    with (kb / "kbcheck.toml").open("a") as handle:
        handle.write('[rules.KB102]\nseverity = "warning"\n')
    done = run(kb, "check", "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["diagnostics"][0]["severity"] == "warning"


def test_json_format(kb: Path) -> None:
    add_error(kb)
    done = run(kb, "check", "--format", "json")
    data = json.loads(done.stdout)
    assert data["version"] == 1
    assert data["summary"] == {"files": 3, "errors": 1, "warnings": 0, "infos": 0}
    (diag,) = data["diagnostics"]
    assert (diag["rule"], diag["name"], diag["path"], diag["line"], diag["column"]) == (
        "KB102", "field-type", "content/zh/bad.md", 3, 19,
    )  # fmt: skip
    assert set(diag) >= {"severity", "end_line", "end_column", "message"}


def test_json_layout(kb: Path) -> None:
    """The document is laid out as json.dumps(indent=2) lays it out, findings with
    related places and text that looks like the layout included."""
    (kb / "schemas" / "doc.yaml").write_text(SCHEMA + "  slug: {type: string, unique: corpus}\n")
    tricky = '---\ntitle: "},\\n      {\\"a\\" 中文 \\t"\nslug: /same\n---\n\n# 标题\n\n正文。\n'
    for name in ("one", "two"):
        (kb / "content/zh" / f"{name}.md").write_text(tricky, encoding="utf-8")
    add_error(kb)
    done = run(kb, "check", "--format", "json")
    data = json.loads(done.stdout)
    assert done.stdout == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    rows = [
        (d["rule"], d["path"], d["line"], d["column"], len(d.get("related", ())))
        for d in data["diagnostics"]
    ]
    assert rows == [
        ("KB102", "content/zh/bad.md", 3, 19, 0),
        ("KB111", "content/zh/one.md", 3, 7, 1),
        ("KB111", "content/zh/two.md", 3, 7, 1),
    ]


def test_github_format(kb: Path) -> None:
    add_error(kb)
    done = run(kb, "check", "--format", "github")
    first = done.stdout.splitlines()[0]
    assert first.startswith("::error file=content/zh/bad.md,line=3,col=19,")
    assert "title=KB102 field-type::" in first


def test_output_file_written(kb: Path) -> None:
    add_error(kb)
    target = kb / "report.json"
    done = run(kb, "check", "--format", "json", "--output", str(target))
    assert done.returncode == 1 and done.stdout == ""
    assert json.loads(target.read_text())["summary"]["errors"] == 1


def test_paths_limit_findings_but_not_the_corpus(kb: Path) -> None:
    add_error(kb)
    assert run(kb, "check", "content/zh/intro").returncode == 0
    assert run(kb, "check", "content/zh/bad.md").returncode == 1


def test_config_found_from_subfolder_and_pyproject(kb: Path) -> None:
    add_error(kb)
    assert run(kb / "content" / "zh", "check").returncode == 1
    toml = (kb / "kbcheck.toml").read_text()
    (kb / "kbcheck.toml").unlink()
    (kb / "pyproject.toml").write_text("[tool.kbcheck]\n" + toml)
    assert run(kb, "check", "--format", "json").returncode == 1


def test_rules_and_explain(kb: Path) -> None:
    listed = run(kb, "rules", "--format", "json")
    codes = [r["code"] for r in json.loads(listed.stdout)]
    assert codes == sorted(codes) and "KB102" in codes
    by_code, by_name = run(kb, "explain", "KB102"), run(kb, "explain", "field-type")
    assert by_code.returncode == 0 and by_code.stdout == by_name.stdout
    assert "## Bad" in by_code.stdout and "## Good" in by_code.stdout
    assert run(kb, "explain", "KB999").returncode == 2


def test_schema_export(kb: Path) -> None:
    done = run(kb, "schema", "export", "doc")
    schema = json.loads(done.stdout)
    assert schema["required"] == ["title"]
    assert schema["properties"]["sidebar_position"]["type"] == "integer"
    assert run(kb, "schema", "export", "nope").returncode == 2


def test_suppression_comments(kb: Path) -> None:
    page = kb / "content/zh/links.md"
    page.write_text(
        "---\ntitle: t\n---\n\n# t\n\n<!-- kbcheck-disable KB102 -->\n\ntext\n", encoding="utf-8"
    )
    bad = "---\ntitle: 坏\nsidebar_position: x\n---\n\n<!-- kbcheck-disable-file field-type -->\n"
    (kb / "content/zh/bad.md").write_text(bad, encoding="utf-8")
    assert run(kb, "check").returncode == 0


def test_files_outside_the_content_are_not_pages(kb: Path) -> None:
    # pre-commit hands over every staged Markdown file: a README is not a page
    (kb / "README.md").write_text("# Readme\n\n[gone](nowhere.md)\n", encoding="utf-8")
    add_error(kb)
    done = run(kb, "check", "README.md", "content/zh/intro/good.md", "--format", "json")
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["summary"]["files"] == 1
    with (kb / "kbcheck.toml").open("a") as handle:
        handle.write('ignore = ["**/bad.md"]\n')
    assert run(kb, "check", "content/zh/bad.md").returncode == 0


def test_the_program_does_without_what_libraries_import_unasked(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from kbcheck import cli\n"
        "def main():\n"
        "    import httpcore, httpx  # still import, without their extras\n"
        "    print([sys.modules.get(name, 'absent') for name in ('httpx._main', 'trio')])\n"
        "cli.main = main\n"
        "cli.run()\n"
    )
    command = [sys.executable, "-c", probe]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "[None, None]")
