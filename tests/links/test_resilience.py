"""Retries, timeouts, limits, circuit breaker, budget and a dead network."""

from __future__ import annotations

import time

from links_httpd import Reply

from kbcheck.links import HostSettings, Verdict, check_urls


def assert_request_cap(server, retries):
    # HEAD and GET are counted apart: a HEAD refused with 4xx costs one extra GET.
    assert max(server.hits.values()) <= 1 + retries, server.hits


def test_429_once_with_retry_after_then_ok(server, fast):
    server.route("/busy", lambda req: Reply(429, {"retry-after": "1"}) if req.n == 1 else Reply())
    started = time.monotonic()
    result = check_urls([server.url("/busy")], fast())[server.url("/busy")]
    assert (result.verdict, result.requests) == (Verdict.OK, 2)
    assert time.monotonic() - started >= 0.9  # Retry-After was honoured


def test_always_429_host_ends_within_budget(server, fast):
    server.route("/", Reply(429, {"retry-after": "1"}))
    for i in range(20):
        server.route(f"/p{i}", Reply(429, {"retry-after": "1"}))
    urls = [server.url(f"/p{i}") for i in range(20)]
    settings = fast(budget=6, host_concurrency=4, breaker_threshold=3)
    started = time.monotonic()
    report = check_urls(urls, settings)
    assert time.monotonic() - started < settings.budget
    assert {r.verdict for r in report.values()} == {Verdict.UNVERIFIABLE}
    reasons = {r.reason for r in report.values()}
    assert "rate limited (429) after 3 tries" in reasons
    assert any(reason.startswith("host circuit open") for reason in reasons)
    assert_request_cap(server, settings.retries)
    assert server.total < 3 * len(urls)  # the open circuit spared the host


def test_503_once_then_ok(server, fast):
    server.route("/flaky", lambda req: Reply(503) if server.total == 1 else Reply())
    result = check_urls([server.url("/flaky")], fast())[server.url("/flaky")]
    assert (result.verdict, result.requests) == (Verdict.OK, 2)


def test_503_always_is_unverifiable_after_retries(server, fast):
    server.route("/down", Reply(503))
    result = check_urls([server.url("/down")], fast())[server.url("/down")]
    assert result.verdict is Verdict.UNVERIFIABLE
    assert result.reason == "503 service unavailable after 3 tries"
    assert_request_cap(server, 2)


def test_response_slower_than_timeout(server, fast):
    server.route("/slow", Reply(delay=1.5))
    settings = fast(timeout=0.2, retries=1)
    started = time.monotonic()
    result = check_urls([server.url("/slow")], settings)[server.url("/slow")]
    assert (result.verdict, result.reason) == (Verdict.UNVERIFIABLE, "timeout after 2 tries")
    assert server.hits == {("HEAD", "/slow"): 1, ("GET", "/slow"): 2}  # HEAD, then GET twice
    assert time.monotonic() - started < 1.5


def test_connection_reset_is_retried_then_unverifiable(server, fast):
    server.route("/rst", Reply(reset=True))
    result = check_urls([server.url("/rst")], fast())[server.url("/rst")]
    assert result.verdict is Verdict.UNVERIFIABLE
    assert result.reason.endswith("after 3 tries")
    assert server.hits[("HEAD", "/rst")] == 3


def test_huge_body_is_never_downloaded(server, fast):
    size = 1 << 30
    server.route("/iso", lambda req: Reply(405) if req.method == "HEAD" else Reply(stream=size))
    started = time.monotonic()
    result = check_urls([server.url("/iso")], fast())[server.url("/iso")]
    assert result.verdict is Verdict.OK
    assert time.monotonic() - started < 5
    deadline = time.monotonic() + 5
    while "/iso" not in server.disconnected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "/iso" in server.disconnected
    assert server.streamed.get("/iso", 0) < 64 << 20


def test_fragment_check_reads_at_most_the_cap(server, fast):
    server.route("/big", Reply(stream=1 << 30, headers={"content-type": "text/html"}))
    settings = fast(check_fragments=True, fragment_max_bytes=256 * 1024)
    result = check_urls([server.url("/big#x")], settings)[server.url("/big#x")]
    assert (result.verdict, result.fragment_missing) == (Verdict.OK, True)


def test_no_host_sees_more_requests_in_flight_than_its_limit(make_server, fast):
    one, two = make_server("127.0.0.1"), make_server("127.0.0.2")
    for srv in (one, two):
        for i in range(24):
            srv.route(f"/{i}", Reply(delay=0.05))
    urls = [srv.url(f"/{i}") for i in range(24) for srv in (one, two)]
    settings = fast(host_concurrency=3, hosts={"127.0.0.2": HostSettings(concurrency=1)})
    report = check_urls(urls, settings)
    assert all(r.verdict is Verdict.OK for r in report.values())
    assert one.max_inflight["127.0.0.1"] == 3
    assert two.max_inflight["127.0.0.2"] == 1
    assert_request_cap(one, 0)


def test_connections_are_kept_alive_and_reused(server, fast):
    for i in range(40):
        server.route(f"/{i}", Reply(delay=0.01))
    report = check_urls([server.url(f"/{i}") for i in range(40)], fast(host_concurrency=4))
    assert all(r.verdict is Verdict.OK for r in report.values())
    assert server.connections <= 4


def test_budget_ends_the_run(server, fast):
    for i in range(5):
        server.route(f"/{i}", Reply(delay=3))
    started = time.monotonic()
    report = check_urls([server.url(f"/{i}") for i in range(5)], fast(timeout=5, budget=0.5))
    assert time.monotonic() - started < 2
    assert {r.reason for r in report.values()} == {"time budget exhausted"}
    assert not report.network_down


def test_network_down_makes_everything_unverifiable(closed_port, fast, public_loopback):
    urls = [f"http://127.0.0.1:{closed_port}/a", "http://kb.invalid/", "https://docs.invalid/x"]
    report = check_urls(urls, fast())
    assert report.network_down
    assert {(r.verdict, r.reason) for r in report.values()} == {
        (Verdict.UNVERIFIABLE, "network unreachable")
    }


def test_refused_port_is_broken_when_other_hosts_answer(server, closed_port, fast):
    server.route("/ok", Reply())
    refused = f"http://127.0.0.2:{closed_port}/"
    report = check_urls([server.url("/ok"), refused, "http://gone.invalid/"], fast())
    assert not report.network_down
    assert (report[refused].verdict, report[refused].reason) == (
        Verdict.BROKEN,
        "connection refused after 3 tries",
    )
    assert report["http://gone.invalid/"].reason == "dns failure"
    assert report["http://gone.invalid/"].requests == 0


def test_dead_domains_alone_are_broken_not_network_down(fast):
    report = check_urls(["http://a.invalid/", "http://b.invalid/"], fast())
    assert not report.network_down
    assert {r.verdict for r in report.values()} == {Verdict.BROKEN}
