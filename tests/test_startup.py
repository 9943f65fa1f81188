"""What a run imports and compiles: start-up is most of a pre-commit run on one page.

Each probe runs in a fresh interpreter, as the program does.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from kbcheck.lazyre import lazy

ROOT = Path(__file__).resolve().parent.parent


def _imported(*args: str, cwd: Path = ROOT) -> set[str]:
    """The modules a ``kbcheck`` run imports (from ``python -X importtime``)."""
    command = [sys.executable, "-X", "importtime", "-m", "kbcheck", *args]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    found = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", done.stderr, re.MULTILINE)
    return set(found)


def test_an_offline_check_imports_no_package_metadata_and_no_html_entities() -> None:
    imported = _imported("check", "--offline")
    assert "kbcheck.rules.dead_link" in imported  # the probe saw the rules load
    assert "importlib.metadata" not in imported  # pydantic's plugin search
    assert "html.entities" not in imported  # the external links' extraction


def test_ascii_headings_leave_the_full_slug_tables_uncompiled(tmp_path: Path) -> None:
    (tmp_path / "content" / "en").mkdir(parents=True)
    (tmp_path / "content" / "en" / "a.md").write_text("# Title\n\n## A section\n\n[x](#title)\n")
    probe = (
        "from kbcheck import check, load_config\n"
        "from kbcheck import slugger\n"
        "result = check(load_config(), offline=True)\n"
        "page = result.context.corpus.pages[0]\n"
        "print(sorted(page.anchors), result.diagnostics,\n"
        "      [p._compiled for p in (slugger._REMOVE, slugger._IGNORABLE, slugger._CASED)])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                          text=True)  # fmt: skip
    assert done.stdout.split("\n")[0] == "['a-section', 'title'] [] [None, None, None]", done.stderr


def test_a_lazy_pattern_compiles_on_first_use_and_answers_like_re() -> None:
    built = []

    def source() -> str:
        built.append(1)
        return r"[\u4e00-\u9fff]+"

    pattern = lazy(source)
    assert built == []
    assert pattern.findall("a 中文 b 字") == ["中文", "字"]
    assert pattern.search("abc") is None
    assert built == [1]  # once, whatever the number of methods used
    assert lazy("ab", re.IGNORECASE).fullmatch("AB") is not None
