"""kbcheck.slugger against anchors recorded from the real github-slugger 1.5.0.

The fixture is produced by scripts/slugger/generate-fixture.js, so no node is needed here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from kbcheck.slugger import Slugger, slug

FIXTURE = Path(__file__).parent / "fixtures" / "slugger" / "cases.json"


@pytest.fixture(scope="module")
def fixture() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_fixture_documents_match_github_slugger(fixture: dict[str, Any]) -> None:
    documents = fixture["documents"]
    assert sum(len(doc["headings"]) for doc in documents) >= 1500
    slugger = Slugger()
    mismatches = []
    for doc in documents:
        slugger.reset()
        got = [slugger.slug(text) for text in doc["headings"]]
        for text, want, have in zip(doc["headings"], doc["slugs"], got, strict=True):
            if want != have:
                mismatches.append(f"{doc['name']}: {text!r}: expected {want!r}, got {have!r}")
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches[:50])


def _sweep_chunks(chunk: int) -> list[list[str]]:
    """Every code point except surrogates, chunked like generate-fixture.js does."""
    return [
        [chr(cp) for cp in range(start, start + chunk) if not 0xD800 <= cp <= 0xDFFF]
        for start in range(0, 0x110000, chunk)
    ]


def _digest(text: str) -> str:
    return hashlib.sha256(slug(text).encode("utf-8")).hexdigest()[:16]


@pytest.mark.parametrize("kind", ["single", "sigma"])
def test_every_code_point_matches_github_slugger(fixture: dict[str, Any], kind: str) -> None:
    """Removal and lowercasing of each code point, alone or around a capital sigma."""
    sweeps = fixture["sweeps"]
    expected = sweeps[kind]
    bad = []
    for i, chars in enumerate(_sweep_chunks(sweeps["chunk"])):
        words = chars if kind == "single" else [f"A{c}\u03a3 {c}\u03a3 A\u03a3{c}" for c in chars]
        text = " ".join(words)
        if _digest(text) != expected[i]:
            bad.append(f"U+{i * sweeps['chunk']:04X}")
    assert not bad, f"chunks differing from github-slugger: {bad}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("📚 什么是生成式AI？", "-什么是生成式ai"),
        ("v1.2.3", "v123"),
        ("C++", "c"),
        ("foo()", "foo"),
        ("a_b", "a_b"),
        ("  two  spaces ", "--two--spaces-"),
        ("tab\tnbsp\u00a0ideographic\u3000space", "tabnbspideographicspace"),
        ("Temperature ℃ Brand™ Chapter Ⅻ", "temperature--brand-chapter-ⅻ"),
        ("İ", "i\u0307"),
        ("ΟΔΥΣΣΕΑΣ ΣΑ", "οδυσσεας-σα"),
        ("Kelvin \u212a", "kelvin-k"),
        ("Toto \U0001e290", "toto-"),
        ("CJK \U00020000", "cjk-\U00020000"),
    ],
)
def test_documented_behaviour(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_duplicates_count_on_the_original_slug() -> None:
    slugger = Slugger()
    assert [slugger.slug(t) for t in ["a", "a", "a-1", "a"]] == ["a", "a-1", "a-1-1", "a-2"]
    assert [slugger.slug(t) for t in ["Setup", "setup", "SETUP!"]] == [
        "setup",
        "setup-1",
        "setup-2",
    ]
    slugger.reset()
    assert slugger.slug("a") == "a"
