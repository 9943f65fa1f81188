"""KB401-KB404 through the linter, against a real loopback server."""

from __future__ import annotations

import socket
from collections import Counter

import pytest
from link_kb import TOKEN, TOKEN_ENV, en_page, expected, serve, write_kb, zh_page

from kbcheck.config import ConfigError, load_config
from kbcheck.links import Verdict, check_urls
from kbcheck.links.extract import site_rows, sites_of
from kbcheck.links.hostguard import CANARY, HostGuard
from kbcheck.linter import check
from kbcheck.page import read_page


@pytest.fixture
def kb(server, tmp_path, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    monkeypatch.chdir(tmp_path)
    urls = serve(server)
    write_kb(tmp_path, urls)
    return tmp_path, urls


def kb4(result) -> set[tuple[str, str, int, int]]:
    return {
        (d.code, d.path, d.line, d.column) for d in result.diagnostics if d.code.startswith("KB4")
    }


def test_every_use_of_every_url_is_reported_and_each_url_checked_once(kb, server):
    root, urls = kb
    result = check(load_config(start=root), cwd=root)
    assert kb4(result) == expected(urls)
    # One HEAD per unique URL (without fragment), however many pages use it;
    # a 4xx HEAD is confirmed by one GET, and the fragment page is fetched once.
    heads = Counter(path for (method, path) in server.hits if method == "HEAD")
    assert set(heads.values()) <= {1}
    assert all(n == 1 for n in server.hits.values())
    assert server.hits[("GET", "/page")] == 1
    assert server.hits[("HEAD", "/new")] == 1


def test_severities_follow_the_verdicts_and_a_move_names_the_new_url(kb):
    root, urls = kb
    result = check(load_config(start=root), cwd=root)
    severities = {d.code: d.severity.value for d in result.diagnostics if d.code.startswith("KB4")}
    assert severities == {"KB401": "error", "KB402": "warning", "KB403": "info", "KB404": "warning"}
    moved = next(d for d in result.diagnostics if d.code == "KB403")
    assert urls["ok"].replace("/ok", "/new") in moved.message


def test_only_the_urls_of_the_pages_asked_about_are_checked(kb, server):
    root, urls = kb
    result = check(load_config(start=root), [root / "content/en/a.md"], cwd=root)
    assert kb4(result) == {f for f in expected(urls) if f[1] == "content/en/a.md"}
    assert {path for _, path in server.hits} == {"/gone", "/old", "/new", "/linkedin"}


def test_offline_skips_the_network_rules(kb, server):
    root, _ = kb
    result = check(load_config(start=root), offline=True, cwd=root)
    assert kb4(result) == set()
    assert server.total == 0


def test_a_bad_links_key_names_the_file_and_the_key(tmp_path):
    (tmp_path / "kbcheck.toml").write_text("[links]\nconcurency = 4\n")
    with pytest.raises(ConfigError, match=r"kbcheck\.toml: links\.concurency: unknown key"):
        load_config(start=tmp_path)


def test_extraction_takes_every_kind_of_link_with_its_position(kb):
    root, urls = kb
    config = load_config(start=root)
    zh = read_page("zh.md", zh_page(urls).encode())
    en = read_page("en.md", en_page(urls).encode())
    sites = sites_of([zh, en], site_rows)  # no page types: frontmatter is not read
    assert [s.kind for s in sites[urls["gone"]]] == ["link", "link", "link"]
    assert [s.path for s in sites[urls["gone"]]] == ["zh.md", "en.md", "en.md"]
    assert {s.kind for v in sites.values() for s in v} == {"link", "image", "autolink", "html"}
    assert f"{urls['page']}#intro" in sites and f"{urls['page']}#nope" in sites
    assert config.links.allow_private


def test_html_entities_in_raw_html_are_decoded():
    page = read_page("x.md", b'# x\n\n<a href="https://example.org/?a=1&amp;b=2">x</a>\n')
    assert list(sites_of([page], site_rows)) == ["https://example.org/?a=1&b=2"]


def _deny_every_name(known: set[str]):
    async def lookup(self, host):
        if host in known:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 0))]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    return lookup


def test_a_resolver_that_denies_every_name_means_the_network_is_down(monkeypatch, fast):
    monkeypatch.setattr(HostGuard, "_lookup", _deny_every_name(set()))
    report = check_urls(["https://docs.example.net/a", "https://kb.example.org/"], fast())
    assert report.network_down
    assert {r.reason for r in report.values()} == {"network unreachable"}


def test_dead_domains_stay_dead_when_the_resolver_knows_other_names(monkeypatch, fast):
    monkeypatch.setattr(HostGuard, "_lookup", _deny_every_name({CANARY}))
    report = check_urls(["https://docs.example.net/a"], fast())
    assert not report.network_down
    assert report["https://docs.example.net/a"].verdict is Verdict.BROKEN
