"""A run that would check nothing, or the wrong thing, says so and exits 2.

Each case is a real ``kbcheck`` process in a temporary knowledge base; the
assertions are on the exit code and on the name the message must carry
(the closest rule, the two folder names), not on its wording.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest


def kbcheck(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "kbcheck", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """Two locales; ``zh/a.md`` has a broken link (KB301) and ``en`` lacks a page (KB501)."""
    write(tmp_path / "kbcheck.toml", 'source_locale = "zh"\nlocales = ["zh", "en"]\n')
    write(tmp_path / "content/zh/a.md", "# A\n\n[gone](missing.md)\n")
    write(tmp_path / "content/zh/b.md", "# B\n")
    write(tmp_path / "content/en/a.md", "# A\n")
    return tmp_path


def codes(done: subprocess.CompletedProcess[str]) -> set[str]:
    return {line.split()[2] for line in done.stdout.splitlines() if ": " in line and "KB" in line}


@pytest.mark.parametrize(
    ("args", "closest"),
    [
        (("--select", "broken-lnk"), "broken-link"),
        (("--ignore", "missing-translaton"), "missing-translation"),
        (("--select", "KB9"), "KB9"),
        (("--select", "KB301,brokn-anchor"), "broken-anchor"),
    ],
)
def test_unknown_rules_on_the_command_line_are_usage_errors(kb, args, closest) -> None:
    done = kbcheck(kb, "check", "--offline", *args)
    assert done.returncode == 2 and closest in done.stderr and done.stdout == ""


def test_unknown_rule_in_the_configuration_names_the_closest(kb: Path) -> None:
    write(kb / "kbcheck.toml", 'source_locale = "zh"\n[rules.broken-lnk]\nseverity = "off"\n')
    done = kbcheck(kb, "check", "--offline")
    assert done.returncode == 2 and "broken-link" in done.stderr


def test_ignore_of_one_rule_leaves_the_others_reporting(kb: Path) -> None:
    every = kbcheck(kb, "check", "--offline")
    assert {"KB301", "KB501"} <= codes(every)
    ignored = kbcheck(kb, "check", "--offline", "--ignore", "KB301")
    assert codes(ignored) == codes(every) - {"KB301"}
    by_name = kbcheck(kb, "check", "--offline", "--ignore", "missing-translation")
    assert codes(by_name) == codes(every) - {"KB501"}
    selected = kbcheck(kb, "check", "--offline", "--select", "KB5")
    assert codes(selected) == {c for c in codes(every) if c.startswith("KB5")}


def test_missing_schemas_folder_is_one_configuration_error(kb: Path) -> None:
    write(kb / "kbcheck.toml", 'source_locale = "zh"\nschemas = "page-types"\n')
    done = kbcheck(kb, "check", "--offline")
    assert done.returncode == 2 and "page-types" in done.stderr
    assert len(done.stderr.splitlines()) == 1 and done.stdout == ""


def test_locale_without_pages_beside_a_close_folder_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "kbcheck.toml", 'layout = "docusaurus"\nlocales = ["en", "zh"]\n')
    write(tmp_path / "docs/a.md", "# A\n")
    write(tmp_path / "i18n/zh-cn/docusaurus-plugin-content-docs/current/a.md", "# A\n")
    done = kbcheck(tmp_path, "check", "--offline")
    assert done.returncode == 2
    assert "'zh'" in done.stderr and "i18n/zh-cn/" in done.stderr


def test_zero_pages_says_where_it_looked(tmp_path: Path) -> None:
    write(tmp_path / "notes/a.md", "# A\n")
    done = kbcheck(tmp_path, "check", "--offline")
    assert done.returncode == 2 and "content/" in done.stderr and str(tmp_path) in done.stderr


@pytest.mark.parametrize("key", ["site_dir", "schemas", "content"])
def test_absolute_paths_in_the_configuration_are_rejected(kb: Path, key: str) -> None:
    value = f'["{kb / "content"}"]' if key == "content" else f'"{kb}"'
    write(kb / "kbcheck.toml", f'source_locale = "zh"\n{key} = {value}\n')
    done = kbcheck(kb, "check", "--offline")
    assert done.returncode == 2 and f"{key}:" in done.stderr and "Traceback" not in done.stderr


def test_text_output_ends_with_a_count_per_rule(kb: Path) -> None:
    write(kb / "content/zh/c.md", "# C\n\n[a](a.md#nowhere)\n")  # KB302
    args = ("check", "--offline", "--ignore", "KB514")  # no git history here
    done = kbcheck(kb, *args)
    lines = done.stdout.splitlines()
    block = lines[len(lines) - 1 - lines[::-1].index("") + 1 : -1]  # after the last blank line
    counts = {row.split()[1]: int(row.split()[0]) for row in block}
    assert counts == Counter(line.split()[2] for line in lines if ": " in line and "KB" in line)
    assert (counts["KB501"], counts["KB301"], counts["KB302"]) == (2, 1, 1)
    assert [int(row.split()[0]) for row in block] == sorted(counts.values(), reverse=True)
    statistics = kbcheck(kb, *args, "--statistics")
    assert statistics.returncode == done.returncode == 1
    assert statistics.stdout.splitlines() == block
