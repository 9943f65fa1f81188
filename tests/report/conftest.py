"""Fixtures for the report tests: the knowledge base with known problems, and a server
for its external links."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from report_kb import KB, LONG_URL_PATH
from werkzeug import Response

from kbcheck.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / ".artifacts" / "report"  # git-ignored: screenshots to look at


@pytest.fixture
def links_server(httpserver):
    httpserver.expect_request("/ok").respond_with_data("ok")
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    httpserver.expect_request("/busy").respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "0"})
    )
    httpserver.expect_request(LONG_URL_PATH).respond_with_data("no", status=404)
    return httpserver


@pytest.fixture
def kb(tmp_path: Path, links_server) -> KB:
    """The knowledge base in its first state (tests move it on with ``second_state``)."""
    base = KB(tmp_path / "kb", links_server.url_for("/"))
    base.first_state()
    return base


def run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(root)
    return CliRunner().invoke(main, ["report", *args], catch_exceptions=False)
