"""Generated pages from Markdown, MDX, HTML, YAML and CJK fragments: no internal
error, valid JSON, schema-valid SARIF (format checks on), time linear in size.

A fixed seed and 200 examples by default (the ``ci`` profile); for a
longer local run: ``HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
import time
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbcheck import check
from kbcheck.config import Config
from kbcheck.page import read_page
from kbcheck.reporters.json import render_json
from kbcheck.reporters.sarif import render_sarif

settings.register_profile(
    "ci", max_examples=200, derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)  # fmt: skip
settings.register_profile("long", parent=settings.get_profile("ci"), max_examples=20_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FRAGMENTS = [
    "# 标题\n",
    "## Section {#sec}\n",
    "### 小节\n",
    "#\n",
    "######## x\n",
    "\n",
    "\r\n",
    "\r",
    "[link](other.md)",
    "[a](#sec)",
    "[b](../../../../x.md)",
    "![i](pic.png)",
    "<https://x.y>",
    "[ref][r]\n\n[r]: ref.md\n",
    '<a id="x" href="y.md">',
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "<!-- kbcheck-disable broken-link -->",
    "<!-- kbcheck-enable -->",
    "<",
    ">",
    "<a",
    '"',
    "<Tabs>",
    "</Tabs>",
    "import X from '@site/x';\n",
    "{props.x}",
    ":::note\n",
    ":::\n",
    "```js\n",
    "```\n",
    "    code\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "- item\n",
    "> q\n",
    "生成式人工智能",
    "ひらがな",
    "한국어",
    "e\u0301",
    "\u200b",
    "\ufeff",
    "\x00",
    "\udcff",
    "---\n",
    "title: x\n",
    "  - a\n",
    "k: &a [*a]\n",
    "!!python/object:os.system\n",
    "{[",
    "*" * 30,
    "_" * 30,
    "[" * 40,
    "]" * 40,
    "(" * 30,
    "\\",
    "&amp;",
    "&#x0;",
    "%",
    "%zz",
]
TEXT = st.text(alphabet=st.sampled_from("ab 中文<>[]()#*-:!{}\"'`|\\\n\r\t/.%&;=_~"), max_size=40)
BODY = st.lists(st.one_of(st.sampled_from(FRAGMENTS), TEXT), max_size=60).map("".join)
FIELDS = [
    "title: 标题\n",
    "n: x\n",
    "tags: [a, b]\n",
    "d: |\n    x\n",
    "k: {a: [1, {b: c}]}\n",
    "x: 'unterminated\n",
    "- list\n",
    "t: 2024-13-45\n",
    "slug: /a b\n",
    "y: yes\n",
    "'q': 1\n",
    "k:\n" + " " * 120 + "deep\n",
]
FRONTMATTER = st.one_of(
    st.just(""),
    st.lists(st.sampled_from(FIELDS), max_size=8).map(lambda f: "---\n" + "".join(f) + "---\n"),
)
PAGE = st.tuples(FRONTMATTER, BODY).map(lambda parts: "".join(parts))
SCHEMA = (
    "fields:\n  title: {type: string, pattern: '^(\\w+ ?)+$'}\n  n: {type: integer}\n"
    "sections:\n  - id: sec\n    required: false\n    title: {zh: 're:^(a+)+$'}\n"
)


@pytest.fixture(scope="module")
def kb() -> Path:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content" / "zh").mkdir(parents=True)
        (root / "schemas").mkdir()
        (root / "schemas" / "doc.yaml").write_text(SCHEMA, encoding="utf-8")
        (root / "content" / "zh" / "other.md").write_text("# 其他\n\n## Sec {#sec}\n\ntext\n")
        yield root


@functools.cache
def _validator(schema: str) -> jsonschema.protocols.Validator:
    document = json.loads(schema)
    validator = jsonschema.validators.validator_for(document)
    return validator(document, format_checker=jsonschema.FormatChecker())


def sarif_validator(schema: dict) -> jsonschema.protocols.Validator:
    """One validator for the whole run: building one checks the schema itself (slow)."""
    return _validator(json.dumps(schema))


@pytest.mark.timeout(600)
@given(page=PAGE)
def test_any_page_gives_findings_never_an_internal_error(
    page: str, kb: Path, sarif_schema: dict
) -> None:
    (kb / "content" / "zh" / "page.md").write_bytes(page.encode("utf-8", "surrogateescape"))
    config = Config(root=kb, source_locale="zh", locales=["zh"], default_page_type="doc")
    result = check(config, offline=True, cwd=kb)
    assert result.internal_errors == 0
    assert not [d for d in result.diagnostics if d.code == "KB000"]
    json.loads(render_json(result))
    sarif_validator(sarif_schema).validate(json.loads(render_sarif(result)))


def parse_time(data: bytes) -> float:
    best = float("inf")
    for _ in range(3):  # the best of three: the machine is shared
        start = time.perf_counter()
        page = read_page("x.md", data, max_bytes=1 << 30)
        page.markdown, page.frontmatter, page.locate(len(data))
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.timeout(600)
@settings(max_examples=25)
@given(body=BODY.filter(lambda body: len(body.strip()) > 10))
def test_parse_time_is_linear_in_page_size(body: str) -> None:
    unit = body.encode("utf-8", "surrogateescape")
    small = unit * (16_384 // len(unit) + 1)  # a page of 16 KB or more, and one 4 times as large
    one, four = parse_time(small), parse_time(small * 4)
    assert four < 4 * one * 3 + 0.05  # quadratic would be 16 times
