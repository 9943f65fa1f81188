"""Private addresses, TLS, secrets in headers, patterns, the API surface and the CLI."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
import sys

import pytest
import trustme
from links_httpd import Reply

from kbcheck.links import HostSettings, LinkSettings, Verdict, acheck_urls, check_urls, summarize
from kbcheck.validation import ConfigError, validated


def test_private_addresses_are_skipped_without_any_request(server, fast):
    server.route("/ok", Reply())
    urls = [
        server.url("/ok"),
        "http://localhost:9/x",
        "http://10.1.2.3/",
        "http://[::1]:9/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:192.168.0.1]/",
    ]
    report = check_urls(urls, fast(allow_private=False))
    assert {(r.verdict, r.reason) for r in report.values()} == {
        (Verdict.SKIPPED, "private address excluded")
    }
    assert server.total == 0 and report.requests == 0


def test_redirect_to_a_private_address_is_not_followed(make_server, fast, public_loopback):
    # Both servers are on loopback; only 127.0.0.2 is private.
    public, private = make_server("127.0.0.1"), make_server("127.0.0.2")
    public.route("/hop", Reply(302, {"location": private.url("/admin")}))
    result = check_urls([public.url("/hop")], fast(allow_private=False))[public.url("/hop")]
    assert (result.verdict, result.reason) == (Verdict.SKIPPED, "redirect to private address")
    assert public.total == 1 and private.total == 0


@pytest.fixture
def tls_server(make_server, tmp_path):
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    srv = make_server("127.0.0.1", context)
    srv.route("/secure", Reply())
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    return srv, bundle


def test_https_with_a_trusted_ca(tls_server, fast):
    srv, bundle = tls_server
    result = check_urls([srv.url("/secure")], fast(verify=bundle))[srv.url("/secure")]
    assert (result.verdict, result.status) == (Verdict.OK, 200)


def test_https_with_an_unknown_ca_is_broken(tls_server, fast):
    srv, _ = tls_server
    result = check_urls([srv.url("/secure")], fast())[srv.url("/secure")]
    assert result.verdict is Verdict.BROKEN
    assert result.reason.startswith("tls error")


def test_host_header_token_is_sent_but_never_shown(server, fast, tmp_path, monkeypatch):
    monkeypatch.setenv("KB_TEST_TOKEN", "Bearer s3cr3t-value")
    server.route("/api", Reply())
    hosts = {server.url(""): HostSettings(headers={"Authorization": "env:KB_TEST_TOKEN"})}
    settings = fast(hosts=hosts, cache=tmp_path / "c.sqlite")
    report = check_urls([server.url("/api")], settings)
    assert server.seen_headers[0]["authorization"] == "Bearer s3cr3t-value"
    assert "s3cr3t" not in repr(settings) + repr(report) + str(report.warnings)
    assert b"s3cr3t" not in b"".join(p.read_bytes() for p in tmp_path.iterdir())


def test_missing_token_variable_is_a_warning(server, fast, monkeypatch):
    monkeypatch.delenv("KB_ABSENT_TOKEN", raising=False)
    server.route("/api", Reply())
    hosts = {server.url(""): HostSettings(headers={"Authorization": "env:KB_ABSENT_TOKEN"})}
    report = check_urls([server.url("/api")], fast(hosts=hosts))
    assert any("KB_ABSENT_TOKEN" in w for w in report.warnings)
    assert "authorization" not in server.seen_headers[0]


def test_proxy_from_the_environment_is_used(server, fast, monkeypatch):
    # The loopback server answers as a proxy would: the request names the full URL.
    monkeypatch.setenv("HTTP_PROXY", server.url(""))
    server.route("http://example.test/page", Reply())
    result = check_urls(["http://example.test/page"], fast())["http://example.test/page"]
    assert (result.verdict, result.status) == (Verdict.OK, 200)
    assert server.hits == {("HEAD", "http://example.test/page"): 1}


def test_cookies_set_by_a_host_are_sent_back(server, fast):
    server.route("/a", Reply(headers={"set-cookie": "session=1; Path=/"}))
    server.route(
        "/b", lambda req: Reply(200 if "session=1" in req.headers.get("cookie", "") else 403)
    )
    settings = fast(concurrency=1)  # /a is answered before /b is sent
    report = check_urls([server.url("/a"), server.url("/b")], settings)
    assert {r.verdict for r in report.values()} == {Verdict.OK}


def test_credentials_in_the_url_are_sent_as_basic_auth(server, fast):
    server.route("/private", Reply())
    url = server.url("/private").replace("://", "://user:pw@")
    assert check_urls([url], fast())[url].verdict is Verdict.OK
    assert server.seen_headers[0]["authorization"] == "Basic dXNlcjpwdw=="


def test_exclude_and_include_patterns(server, fast):
    server.route("/keep", Reply())
    urls = [server.url("/keep"), server.url("/drop"), server.url("/drop/but-keep")]
    report = check_urls(urls, fast(exclude=["/drop"], include=["but-keep"]))
    assert [r.verdict for r in report.values()] == [Verdict.OK, Verdict.SKIPPED, Verdict.BROKEN]
    only = check_urls(urls, fast(include=["/keep$"]))
    assert [r.verdict for r in only.values()] == [Verdict.OK, Verdict.SKIPPED, Verdict.SKIPPED]


@pytest.mark.timeout(10)
def test_patterns_run_in_linear_time_and_refuse_what_re2_cannot_run(server, fast):
    # With a backtracking engine, ^(a+)+$ against 40 "a" and a "b" never ends.
    url = server.url("/" + "a" * 40 + "b")
    report = check_urls([url], fast(exclude=["^http://[^/]+/(a+)+$"]))
    assert report[url].verdict is Verdict.BROKEN  # not excluded: the pattern does not match
    with pytest.raises(ValueError, match="lookahead"):
        LinkSettings(exclude=["^(?=http)"])


def test_async_api_and_sync_api_inside_a_running_loop(server, fast):
    server.route("/ok", Reply())

    async def main():
        direct = await acheck_urls([server.url("/ok")], fast())
        nested = check_urls([server.url("/ok")], fast())  # runs in a worker thread
        return direct, nested

    direct, nested = asyncio.run(main())
    assert direct[server.url("/ok")].verdict is nested[server.url("/ok")].verdict is Verdict.OK


def test_summary_by_verdict_and_host(server, fast):
    server.route("/ok", Reply())
    report = check_urls([server.url("/ok"), server.url("/nope"), "ftp://x.org/"], fast())
    summary = summarize(report)
    assert summary.total == 3
    assert summary.by_verdict[Verdict.OK] == summary.by_verdict[Verdict.BROKEN] == 1
    assert summary.by_host["127.0.0.1"] == {Verdict.OK: 1, Verdict.BROKEN: 1}


def test_settings_reject_unknown_keys_and_bad_values():
    with pytest.raises(ConfigError):
        validated(LinkSettings, {"concurency": 3}, "test settings")
    with pytest.raises(ValueError):
        LinkSettings(accept=["2xx"])
    with pytest.raises(ValueError):
        LinkSettings(exclude=["("])
    assert LinkSettings(accept=[200, "300..=302"]).accepted_ranges() == [(200, 200), (300, 302)]
    assert LinkSettings(cache="x.sqlite").cache_path().name == "x.sqlite"
    assert LinkSettings(cache=False).cache_path() is None


def test_command_line_checks_markdown_files(server, tmp_path):
    server.route("/ok", Reply())
    page = tmp_path / "page.md"
    page.write_text(f"See [ok]({server.url('/ok')}) and <{server.url('/gone')}>.\n")
    command = [
        sys.executable,
        "-m",
        "kbcheck",
        "links",
        str(page),
        "--allow-private",
        "--no-cache",
        "--retries",
        "0",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=30, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "404 not found" in done.stdout
    assert server.hits[("HEAD", "/ok")] == 1
