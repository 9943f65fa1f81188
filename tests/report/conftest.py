"""Fixtures for the report tests: the knowledge base with known problems, and a server
for its external links."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer
from report_kb import KB, LONG_URL_PATH
from werkzeug import Response

from kbcheck.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / ".artifacts" / "report"  # git-ignored: screenshots to look at


@pytest.fixture
def links_server():
    """A local server for the pages' links, stopped after each test: a thread left
    running would keep later tests of the engine from forking."""
    httpserver = HTTPServer()
    httpserver.start()
    try:
        _routes(httpserver)
        yield httpserver
    finally:
        httpserver.clear()
        httpserver.stop()


def _routes(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ok").respond_with_data("ok")
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    httpserver.expect_request("/busy").respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "0"})
    )
    httpserver.expect_request(LONG_URL_PATH).respond_with_data("no", status=404)


@pytest.fixture
def kb(tmp_path: Path, links_server) -> KB:
    """The knowledge base in its first state (tests move it on with ``second_state``)."""
    base = KB(tmp_path / "kb", links_server.url_for("/"))
    base.first_state()
    return base


def run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(root)
    return CliRunner().invoke(main, ["report", *args], catch_exceptions=False)
