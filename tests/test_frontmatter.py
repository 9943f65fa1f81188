"""The one-pass YAML builder gives exactly what PyYAML's constructor gives."""

from __future__ import annotations

import re

import pytest

from kbcheck import frontmatter as fm

BLOCKS = [
    "title: 生成式 AI\nsidebar_position: 3\ntags: [llm, diffusion]\n",
    "keywords:\n  - one\n  - two: 2\n    three: [3, 3.5, null, ~]\n",
    "nested:\n  deeper:\n    deepest: {a: 1, b: [x, {y: z}]}\n",
    "draft: true\nhide_title: yes\nunlisted: False\ndate: 2024-13-45\nwhen: 2024-01-02\n",
    "1: int key\ntrue: bool key\n~: null key\n3.5: float key\n",
    "title: a\ntitle: b\nlist: [1, 2]\nlist: []\n",
    "text: |\n  line one\n  line two\nfolded: >\n  a\n  b\nquoted: 'it''s'\nq2: \"\\u00e9\"\n",
    "empty:\nblank: ''\nzero: 0\nhex: 0x1f\noctal: 0o17\nexp: 1e3\ninf: .inf\n",
    "? [complex, key]\n: value\n",
    "=: value key\nplain: =\n",
    "- a list\n- at the root\n",
    "just a scalar\n",
]


def parse(block: str) -> fm.Frontmatter:
    shell = fm.Frontmatter("yaml", None, start_line=1, end_line=block.count("\n") + 2)
    return fm.parse(shell, block)


@pytest.mark.parametrize("block", BLOCKS)
def test_one_pass_equals_pyyaml(block: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse(block)
    monkeypatch.setattr(fm, "_SPECIAL", re.compile(""))  # every block the generic way
    generic = parse(block)
    assert fast.data == generic.data
    assert repr(fast.data) == repr(generic.data)  # same types too (1 vs 1.0 vs True)
    assert fast.positions == generic.positions
    assert fast.problems == generic.problems


def test_duplicate_keys_point_at_the_second() -> None:
    found = parse("a: 1\nb:\n  c: 1\n  c: 2\n").problems
    assert [(p.rule, p.line, p.column) for p in found] == [("duplicate-key", 5, 3)]
