"""The persistent cache: re-runs cost nothing, broken files never crash a run."""

from __future__ import annotations

import sqlite3

import pytest
from links_httpd import Reply

from kbcheck.links import Verdict, check_urls
from kbcheck.links import cache as cache_module


@pytest.fixture
def site(server):
    server.route("/ok", Reply())
    server.route("/old", Reply(301, {"location": "/ok"}))
    server.route("/wall", Reply(999))
    return server


def urls_of(server):
    return [server.url(p) for p in ("/ok", "/old", "/missing", "/wall")]


def test_second_run_sends_no_request(site, fast, tmp_path):
    settings = fast(cache=tmp_path / "links.sqlite")
    first = check_urls(urls_of(site), settings)
    sent = site.total
    second = check_urls(urls_of(site), settings)
    assert site.total == sent
    assert second.requests == 0
    assert all(r.from_cache for r in second.values())
    assert [r.verdict for r in second.values()] == [r.verdict for r in first.values()]
    assert second[site.url("/old")].final_url == site.url("/ok")


def test_expired_and_unanswered_results_are_checked_again(server, fast, tmp_path, closed_port):
    server.route("/ok", Reply())
    refused = f"http://127.0.0.1:{closed_port}/"
    settings = fast(cache=tmp_path / "c.sqlite", cache_ttl={"ok": 0})
    check_urls([server.url("/ok"), refused], settings)
    again = check_urls([server.url("/ok"), refused], settings)
    assert server.total == 2
    assert not any(r.from_cache for r in again.values())  # no answer is never cached


def test_verdict_changing_settings_bypass_the_cache(site, fast, tmp_path):
    path = tmp_path / "c.sqlite"
    check_urls([site.url("/missing")], fast(cache=path))
    sent = site.total
    report = check_urls([site.url("/missing")], fast(cache=path, accept=["200..299", 404]))
    assert site.total > sent
    assert report[site.url("/missing")].verdict is Verdict.OK


def test_corrupt_cache_file_is_rebuilt(site, fast, tmp_path):
    path = tmp_path / "links.sqlite"
    path.write_bytes(b"\x00garbage, not a database\xff" * 100)
    settings = fast(cache=path)
    report = check_urls(urls_of(site), settings)
    assert any("corrupt" in w for w in report.warnings)
    assert report[site.url("/ok")].verdict is Verdict.OK
    sent = site.total
    again = check_urls(urls_of(site), settings)
    assert site.total == sent and not again.warnings


def test_locked_cache_is_bypassed_with_a_warning(site, fast, tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.1)
    path = tmp_path / "links.sqlite"
    check_urls([site.url("/ok")], fast(cache=path))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        report = check_urls(urls_of(site), fast(cache=path))
    finally:
        holder.close()
    assert any("locked" in w for w in report.warnings)
    assert report[site.url("/ok")].verdict is Verdict.OK


def test_cache_can_be_disabled(site, fast, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    check_urls(urls_of(site), fast(cache=False))
    check_urls(urls_of(site), fast(cache=None))
    assert not list(tmp_path.iterdir())
