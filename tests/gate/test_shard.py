"""``--shard K/N``: the shards' findings together are one run's, each once, and a
translation group never straddles two shards."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from gate_kb import kbcheck, make_repo, page

PAGES = {}
for n in range(12):
    position = "x" if n % 3 == 0 else str(n + 1)
    PAGES[f"content/zh/p{n}.md"] = page(f"页{n}", f"[下](p{n + 1}.md)\n", position)
    if n % 4:
        PAGES[f"content/en/p{n}.md"] = page(f"Page {n}", f"[next](p{n + 1}.md#x)\n")
PAGES["content/en/orphan.md"] = page("Orphan")


def run(root: Path, *args: str) -> tuple[list[tuple], int]:
    done = kbcheck(root, "check", "--offline", "--format", "json", *args)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    found = [(d["path"], d["line"], d["column"], d["rule"]) for d in report["diagnostics"]]
    return found, report["summary"]["files"]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("shard") / "kb", PAGES)


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_shards_together_equal_one_run(kb: Path, count: int) -> None:
    whole, files = run(kb)
    assert len(whole) > 10
    parts = [run(kb, "--shard", f"{k}/{count}") for k in range(1, count + 1)]
    assert Counter(d for found, _ in parts for d in found) == Counter(whole)
    assert sum(n for _, n in parts) == files
    groups = [{Path(d[0]).stem for d in found} for found, _ in parts]
    for i, mine in enumerate(groups):  # a page and its translation: always the same shard
        others = set().union(*(g for j, g in enumerate(groups) if j != i))
        assert not mine & others


def test_a_bad_shard_is_a_usage_error(kb: Path) -> None:
    done = kbcheck(kb, "check", "--offline", "--shard", "5/4")
    assert done.returncode == 2 and "K/N" in done.stderr
