"""Verdicts for single links against a real loopback server."""

from __future__ import annotations

from links_httpd import Reply

from kbcheck.links import Verdict, check_urls


def test_200_is_ok_with_one_head(server, fast):
    server.route("/ok", Reply(200))
    result = check_urls([server.url("/ok")], fast())[server.url("/ok")]
    assert (result.verdict, result.status, result.requests) == (Verdict.OK, 200, 1)
    assert server.hits == {("HEAD", "/ok"): 1}


def test_404_is_broken_after_get_confirms(server, fast):
    result = check_urls([server.url("/missing")], fast())[server.url("/missing")]
    assert (result.verdict, result.status, result.reason) == (Verdict.BROKEN, 404, "404 not found")
    assert server.hits == {("HEAD", "/missing"): 1, ("GET", "/missing"): 1}


def test_410_is_broken(server, fast):
    server.route("/gone", Reply(410))
    result = check_urls([server.url("/gone")], fast())[server.url("/gone")]
    assert (result.verdict, result.status) == (Verdict.BROKEN, 410)


def test_head_405_falls_back_to_get_and_host_then_skips_head(server, fast):
    def no_head(req):
        return Reply(405) if req.method == "HEAD" else Reply(200)

    server.route("/a", no_head)
    server.route("/b", no_head)
    report = check_urls([server.url("/a"), server.url("/b")], fast(host_concurrency=1))
    assert [r.verdict for r in report.values()] == [Verdict.OK, Verdict.OK]
    assert report[server.url("/a")].requests == 2
    assert report[server.url("/b")].requests == 1  # the host's HEAD is known to be useless
    assert server.hits[("HEAD", "/b")] == 0


def test_head_404_then_get_200_is_ok(server, fast):
    server.route("/spa", lambda req: Reply(404) if req.method == "HEAD" else Reply(200))
    result = check_urls([server.url("/spa")], fast())[server.url("/spa")]
    assert (result.verdict, result.requests) == (Verdict.OK, 2)


def test_permanent_redirect_is_redirected_with_final_url(server, fast):
    server.route("/old", Reply(301, {"location": "/new"}))
    server.route("/new", Reply(200))
    result = check_urls([server.url("/old")], fast())[server.url("/old")]
    assert (result.verdict, result.status) == (Verdict.REDIRECTED, 301)
    assert result.final_url == server.url("/new")


def test_temporary_redirect_is_ok(server, fast):
    server.route("/tmp", Reply(302, {"location": server.url("/new")}))
    server.route("/new", Reply(200))
    result = check_urls([server.url("/tmp")], fast())[server.url("/tmp")]
    assert (result.verdict, result.final_url) == (Verdict.OK, server.url("/new"))


def test_redirect_to_404_is_broken(server, fast):
    server.route("/moved", Reply(308, {"location": "/nowhere"}))
    result = check_urls([server.url("/moved")], fast())[server.url("/moved")]
    assert (result.verdict, result.status) == (Verdict.BROKEN, 404)


def test_redirect_loop_is_broken(server, fast):
    server.route("/a", Reply(302, {"location": "/b"}))
    server.route("/b", Reply(302, {"location": "/a"}))
    result = check_urls([server.url("/a")], fast())[server.url("/a")]
    assert (result.verdict, result.reason) == (Verdict.BROKEN, "redirect loop")
    assert server.total == 2


def test_too_many_redirects_is_broken(server, fast):
    for i in range(6):
        server.route(f"/r{i}", Reply(301, {"location": f"/r{i + 1}"}))
    result = check_urls([server.url("/r0")], fast(max_redirects=3))[server.url("/r0")]
    assert result.verdict is Verdict.BROKEN
    assert result.reason.startswith("too many redirects")
    assert server.total == 4


def test_cloudflare_challenge_is_unverifiable_without_get(server, fast):
    server.route("/cf", Reply(403, {"cf-mitigated": "challenge", "server": "cloudflare"}))
    result = check_urls([server.url("/cf")], fast())[server.url("/cf")]
    assert result.verdict is Verdict.UNVERIFIABLE
    assert result.reason == "bot wall (cf-mitigated: challenge)"
    assert server.total == 1


def test_999_is_unverifiable(server, fast):
    server.route("/in", Reply(999))
    result = check_urls([server.url("/in")], fast())[server.url("/in")]
    assert (result.verdict, result.status) == (Verdict.UNVERIFIABLE, 999)


def test_rate_limit_with_exhausted_quota_header_is_unverifiable(server, fast):
    server.route("/api", Reply(403, {"x-ratelimit-remaining": "0", "retry-after": "3600"}))
    result = check_urls([server.url("/api")], fast())[server.url("/api")]
    assert result.verdict is Verdict.UNVERIFIABLE
    assert result.reason.startswith("rate limited (403)")
    assert server.total == 1  # retry-after beyond the cap: no point waiting


def test_accept_setting_turns_status_into_ok(server, fast):
    server.route("/teapot", Reply(418))
    result = check_urls([server.url("/teapot")], fast(accept=["200..299", 418]))
    assert result[server.url("/teapot")].verdict is Verdict.OK


def test_fragments_are_checked_with_one_get(server, fast):
    page = b'<html><h2 id="intro">x</h2><a name=legacy></a><h3 id="user-content-gh">'
    server.route("/doc", Reply(200, {"content-type": "text/html; charset=utf-8"}, page))
    urls = [server.url(f"/doc#{f}") for f in ("intro", "nope", "legacy", "gh")]
    report = check_urls(urls, fast(check_fragments=True))
    assert [report[u].fragment_missing for u in urls] == [False, True, False, False]
    assert all(report[u].verdict is Verdict.OK for u in urls)
    assert server.hits == {("GET", "/doc"): 1}


def test_fragments_unchecked_by_default(server, fast):
    server.route("/doc", Reply(200, {"content-type": "text/html"}, b"<p>"))
    report = check_urls([server.url("/doc#nope")], fast())
    assert report[server.url("/doc#nope")].fragment_missing is None
    assert server.hits == {("HEAD", "/doc"): 1}


def test_duplicates_are_checked_once_and_progress_reaches_total(server, fast):
    server.route("/p", Reply(200))
    calls = []
    urls = [server.url("/p")] * 3 + [server.url("/p#a"), server.url("/p#b"), "mailto:x@y.z"]
    report = check_urls(urls, fast(), progress=lambda done, total: calls.append((done, total)))
    assert len(report) == 4
    assert server.total == 1
    assert calls[-1] == (4, 4)
    assert report["mailto:x@y.z"].verdict is Verdict.SKIPPED
