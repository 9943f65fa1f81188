"""Pages, file names, patterns and file systems made to hang, crash or fool kbcheck.

Each case runs under a time bound far below what the super-linear code took
(seconds to hours); memory is bounded with ``resource`` where it was the problem.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from kbcheck.files import ChangedMeanwhile, write_atomic
from kbcheck.page import read_page

pytestmark = pytest.mark.timeout(60)
KBCHECK = [sys.executable, "-m", "kbcheck"]


def make_kb(root: Path, pages: dict[str, bytes], schema: str | None = None) -> Path:
    (root / "content" / "zh").mkdir(parents=True, exist_ok=True)
    config = 'source_locale = "zh"\nlocales = ["zh"]\n'
    if schema is not None:
        (root / "schemas").mkdir(exist_ok=True)
        (root / "schemas" / "doc.yaml").write_text(schema, encoding="utf-8")
        config += 'default_page_type = "doc"\n'
    (root / "kbcheck.toml").write_text(config, encoding="utf-8")
    for name, data in pages.items():
        (root / "content" / "zh" / os.fsdecode(name)).write_bytes(data)
    return root


def run(root: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*KBCHECK, *args], cwd=root, capture_output=True, timeout=50, **kwargs)


def findings(root: Path, *args: str) -> tuple[int, list[tuple[str, int, int]]]:
    done = run(root, "check", "--offline", "--format", "json", *args)
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    rows = json.loads(done.stdout)["diagnostics"]
    return done.returncode, [(d["rule"], d["line"], d["column"]) for d in rows]


# 1. super-linear time ---------------------------------------------------------------


def test_html_line_of_one_open_tag_is_linear() -> None:
    page = read_page("x.md", b"<div>\n<" + b"a" * 400_000)
    assert page.html_anchors == [] and page.links == []


def test_mkdocs_theme_block_and_padded_empty_heading_are_linear(tmp_path: Path) -> None:
    # a theme: block with no name (each indented line could be split many ways), and an
    # empty section whose heading is padded with spaces before its last word
    theme = "theme:\n" + "      custom_dir: overrides\n" * 40 + "site_name: x\n"
    (tmp_path / "mkdocs.yml").write_text(theme, "utf-8")
    heading = "## A" + " " * 20_000 + "b\n\n## C\n\nText.\n"
    for name in ("index.md", "index.fr.md"):
        (tmp_path / "docs" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "docs" / name).write_text("Intro.\n\n" + heading, "utf-8")
    code, rows = findings(tmp_path, "--select", "KB205,KB208")
    assert code == 0 and sorted(rows) == [("KB205", 1, 1)] * 2 + [("KB208", 3, 1)] * 2


def test_suppression_comment_padded_with_spaces_is_linear() -> None:
    page = read_page("x.md", b"<!-- kbcheck-disable" + b" " * 400_000 + b"broken-link -->\n\nx\n")
    assert not page.suppressions.allows("KB301", "broken-link", 3)
    assert page.suppressions.allows("KB302", "broken-anchor", 3)


def test_anchors_on_one_long_html_line_have_exact_columns() -> None:
    data = "<p>中" + '<a id="x"></a>' * 40_000 + "</p>\n"
    page = read_page("x.md", data.encode())
    assert len(page.html_anchors) == 40_000
    last = page.html_anchors[-1]
    assert (last.line, last.column) == (1, 4 + 1 + 14 * 39_999 + 3)


@pytest.mark.timeout(25)  # each position measured from the line start took 50 s
def test_links_on_one_long_line_have_exact_columns() -> None:
    page = read_page("x.md", "é ".encode() + b"[x](y.md) " * 160_000 + b"\n")
    assert len(page.links) == 160_000
    last = page.links[-1]
    start = 3 + 10 * 159_999
    assert (last.line, last.column, last.end_line, last.end_column) == (1, start, 1, start + 9)


# 2. user patterns -------------------------------------------------------------------


def test_catastrophic_schema_pattern_and_title_run_in_linear_time(tmp_path: Path) -> None:
    schema = (
        "fields:\n  title: {type: string, pattern: '^(a+)+$'}\n"
        "sections:\n  - title: {zh: 're:^(a+)+$'}\n    required: false\n"
    )
    title = "a" * 40 + "b"
    page = f"---\ntitle: {title}\n---\n# {title}\n\n## {title}\n\ntext\n".encode()
    code, found = findings(make_kb(tmp_path, {"a.md": page}, schema))
    assert code == 1
    assert ("KB104", 2, 8) in found


def test_pattern_re2_cannot_run_is_a_schema_error(tmp_path: Path) -> None:
    schema = "fields:\n  title: {type: string, pattern: '(a)\\1'}\n"
    done = run(make_kb(tmp_path, {"a.md": b"# a\n"}, schema), "check", "--offline")
    assert done.returncode == 2
    assert b"doc.yaml" in done.stderr and b"Traceback" not in done.stderr


# 3. OS errors on link targets, 10. links leaving the site ----------------------------


def test_link_with_a_name_too_long_is_a_broken_link(tmp_path: Path) -> None:
    page = b"# a\n\n[x](" + b"a" * 300 + b")\n\n![i](" + b"b" * 300 + b".png)\n"
    code, found = findings(make_kb(tmp_path, {"a.md": page}))
    assert code == 1
    assert ("KB301", 3, 1) in found and ("KB303", 5, 1) in found
    assert not [f for f in found if f[0] == "KB000"]


def test_link_leaving_the_site_root_is_broken_whatever_exists(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("# o\n")
    kb = tmp_path / "kb"
    depth = len(kb.parts)
    up = "../" * (depth + 3)
    page = f"# a\n\n[x](../../../outside.md)\n\n[y]({up}etc/hostname)\n".encode()
    code, found = findings(make_kb(kb, {"a.md": page}))
    assert code == 1
    assert ("KB301", 3, 1) in found and ("KB301", 5, 1) in found


def test_urls_with_a_bracket_never_closed_crash_no_translation_rule(tmp_path: Path) -> None:
    zh = b"# z\n\n## s\n\n![i](https://[::1/a.png) [a](https://[::1/x) [b](https://e.org/a/b)\n"
    en = b"# e\n\n## s\n\n![i](https://[fe80::1/a.png) [a](https://[fe80::1/a/b/c)\n"
    kb = make_kb(tmp_path, {"a.md": zh})
    (kb / "content" / "en").mkdir()
    (kb / "content" / "en" / "a.md").write_bytes(en)
    (kb / "kbcheck.toml").write_text('source_locale = "zh"\nlocales = ["zh", "en"]\n')
    code, found = findings(kb, "--select", "KB5")
    assert code == 0 and not [f for f in found if f[0] == "KB000"]
    assert ("KB511", 3, 1) in found  # the source's well-formed link, missing from section s


# 4. file names, SARIF -----------------------------------------------------------------


NAME = os.fsencode("a\udcff b%中.md")


def test_file_name_not_utf8_in_json_and_sarif(tmp_path: Path, sarif_schema: dict) -> None:
    kb = make_kb(tmp_path, {NAME: b"# a\n\n[x](nope.md)\n"})
    done = run(kb, "check", "--offline", "--format", "json")
    (row,) = json.loads(done.stdout)["diagnostics"]
    assert row["path"] == "content/zh/a\\xff b%中.md"
    assert run(kb, "check", "--offline", "--format", "sarif", "-o", "out.sarif").returncode == 1
    document = json.loads((kb / "out.sarif").read_text("utf-8"))
    jsonschema.validate(document, sarif_schema, format_checker=jsonschema.FormatChecker())
    (result,) = document["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "content/zh/a%FF%20b%25%E4%B8%AD.md"
    for fmt in ("text", "github"):
        shown = run(kb, "check", "--offline", "--format", fmt)
        assert shown.returncode == 1 and b"a\\xff b%" in shown.stdout


def test_sarif_over_the_result_limit_says_so(tmp_path: Path, sarif_schema: dict) -> None:
    page = b"# a\n\n" + b"[x](#no)\n" * 1000
    kb = make_kb(tmp_path, {f"p{i}.md".encode(): page for i in range(26)})
    done = run(kb, "check", "--offline", "--format", "sarif", "--select", "KB302")
    document = json.loads(done.stdout)
    (sarif_run,) = document["runs"]
    assert len(sarif_run["results"]) == 25_000
    sarif_run["results"] = sarif_run["results"][:10]  # the schema check of the rest is slow
    jsonschema.validate(document, sarif_schema, format_checker=jsonschema.FormatChecker())
    (notice,) = sarif_run["invocations"][0]["toolExecutionNotifications"]
    assert "26000" in notice["message"]["text"]
    assert b"26000" in done.stderr


# 5. exit codes --------------------------------------------------------------------------


def test_configuration_not_utf8_exits_2(tmp_path: Path) -> None:
    (tmp_path / "kbcheck.toml").write_bytes(b'source_locale = "\xff"\n')
    done = run(tmp_path, "check", "--offline")
    assert done.returncode == 2
    assert b"kbcheck.toml" in done.stderr and b"Traceback" not in done.stderr


def test_uncaught_exception_is_one_line_and_exit_2(tmp_path: Path) -> None:
    kb = make_kb(tmp_path, {"a.md": b"# a\n"})
    done = run(kb, "check", "--offline", "-o", str(tmp_path / "no" / "such" / "dir.txt"))
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 2 and "internal error" in lines[0] and "report" in lines[1]


# 6. unbounded reads -----------------------------------------------------------------


def test_fifo_and_device_are_findings_without_being_read(tmp_path: Path) -> None:
    kb = make_kb(tmp_path, {"ok.md": b"# ok\n\ntext\n"})
    os.mkfifo(kb / "content" / "zh" / "fifo.md")
    (kb / "content" / "zh" / "zero.md").symlink_to("/dev/zero")
    code, found = findings(kb)
    assert code == 1
    assert sorted(f for f in found if f[0] == "KB002") == [("KB002", 1, 1)] * 2


def max_rss_of(command: list[str], cwd: Path) -> tuple[int, bytes]:
    """Peak resident memory in bytes of a command and its children, and its stdout."""
    measure = (
        "import resource, subprocess, sys\n"
        "out = subprocess.run(sys.argv[1:], capture_output=True).stdout\n"
        "sys.stdout.buffer.write(out)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", measure, *command], cwd=cwd, capture_output=True, timeout=55
    )
    body, _, rss = done.stdout.rstrip().rpartition(b"\n")
    return int(rss) * 1024, body


def test_huge_page_is_not_read_whole(tmp_path: Path) -> None:
    kb = make_kb(tmp_path, {"a.md": b"# a\n"})
    with open(kb / "content" / "zh" / "huge.md", "wb") as sparse:
        sparse.truncate(2 * 1024**3)  # 2 GB, without the disk space
    rss, out = max_rss_of([*KBCHECK, "check", "--offline", "--format", "json"], kb)
    rows = json.loads(out)["diagnostics"]
    assert ("KB004", 1, 1) in [(d["rule"], d["line"], d["column"]) for d in rows]
    assert rss < 300 * 1024**2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 2 * 1024**2  # KB: this process


# 7. memory per finding ------------------------------------------------------------------


def test_findings_are_capped_per_rule_and_page_and_cost_little(tmp_path: Path) -> None:
    count = 100_000
    broken = make_kb(tmp_path / "broken", {"a.md": b"# T\n\n" + b"[x](#no) " * count + b"\n"})
    fine = make_kb(tmp_path / "fine", {"a.md": b"# T\n\n" + b"[x](#t)  " * count + b"\n"})
    command = [*KBCHECK, "check", "--offline", "--format", "json", "--select", "KB302"]
    broken_rss, out = max_rss_of(command, broken)
    fine_rss, _ = max_rss_of(command, fine)
    rows = json.loads(out)["diagnostics"]
    assert len(rows) == 1001
    assert (rows[-1]["rule"], rows[-1]["line"], rows[-1]["column"]) == ("KB302", 3, 1 + 9 * 1000)
    assert broken_rss - fine_rss < 400 * count


# 8. CR line endings -----------------------------------------------------------------------


def test_lone_cr_ends_lines_everywhere(tmp_path: Path) -> None:
    page = b"---\rtitle: a\rn: x\r---\r# a\r\rtext\r\r[x](nope.md)\r"
    schema = "fields:\n  n: {type: integer}\n"
    code, found = findings(make_kb(tmp_path, {"cr.md": page}, schema))
    assert code == 1
    assert ("KB006", 1, 1) in found  # line endings
    assert ("KB102", 3, 4) in found  # the frontmatter is read, n is on line 3
    assert ("KB301", 9, 1) in found  # the link after the heading is its own block


def test_mixed_line_endings_are_named() -> None:
    (problem,) = read_page("x.md", b"# a\n\nb\r\nc\rd\n").problems
    assert (problem.rule, problem.line) == ("line-endings", 3)
    assert "LF, CRLF, CR" in problem.message


# 9. KB013 measures nesting -------------------------------------------------------------


def test_deeply_indented_block_scalar_is_not_deep_nesting() -> None:
    indent = b" " * 120
    page = read_page("x.md", b"---\ntitle: a\nbody: |\n" + indent + b"x\n" + indent + b"y\n---\n")
    assert page.problems == []
    assert page.data == {"title": "a", "body": "x\ny\n"}


def test_nesting_with_one_space_indents_is_still_counted() -> None:
    block = b"".join(b" " * i + b"k:\n" for i in range(60))
    (problem,) = read_page("x.md", b"---\n" + block + b"v\n---\n").problems
    assert (problem.rule, problem.line) == ("frontmatter-too-complex", 2)


# 10. unreadable folder --------------------------------------------------------------------


def test_unreadable_folder_is_a_finding(tmp_path: Path) -> None:
    kb = make_kb(tmp_path, {"ok.md": b"# ok\n\ntext\n"})
    secret = kb / "content" / "zh" / "secret"
    secret.mkdir()
    (secret / "a.md").write_bytes(b"# a\n\n[x](nope.md)\n")
    secret.chmod(0)
    command = [*KBCHECK, "check", "--offline", "--format", "json"]
    if os.geteuid() == 0:  # root reads any folder: run without the capabilities for it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("setpriv (util-linux) is needed to check as root")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    try:
        done = subprocess.run(command, cwd=kb, capture_output=True, timeout=50)
    finally:
        secret.chmod(0o755)
    rows = json.loads(done.stdout)["diagnostics"]
    found = [(d["path"], d["rule"], d["line"]) for d in rows]
    assert ("content/zh/secret", "KB002", 1) in found
    assert done.returncode == 1


# 11. lost update ---------------------------------------------------------------------------


def test_writer_leaves_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_bytes(b"---\ntitle: a\n---\n")
    read = page.read_bytes()
    with page.open("ab") as editor:
        editor.write(b"\nan editor's line\n")
    with pytest.raises(ChangedMeanwhile):
        write_atomic(page, b"---\ntitle: b\n---\n", replaces=read)
    assert page.read_bytes().endswith(b"an editor's line\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left
    write_atomic(page, b"new\n", replaces=page.read_bytes())
    assert page.read_bytes() == b"new\n"
