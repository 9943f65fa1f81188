"""Hostile and malformed input: bad URLs, decompression bombs, slow servers, a
failing host, and a run that must not take an intranet answer for the internet."""

from __future__ import annotations

import gzip
import json
import socket
import struct
import subprocess
import sys
import time
import zlib

import pytest
from links_httpd import Reply

from kbcheck.config import load_config
from kbcheck.links import LinkReport, Verdict, check_urls
from kbcheck.linter import check

MB = 1 << 20


def gzip_of_zeros(size: int) -> bytes:
    """A valid gzip member of ``size`` zero bytes, built without compressing them all:
    fully flushed deflate blocks are independent, so one block is repeated."""
    chunk = bytes(MB)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // MB):
        crc = zlib.crc32(chunk, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    final = b"\x03\x00"  # an empty last block
    return header + block * (size // MB) + final + struct.pack("<II", crc, size & 0xFFFFFFFF)


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    one = gzip_of_zeros(1024 * MB)
    return {"one": one, "three": gzip.compress(gzip.compress(one, 9), 9)}


_CHILD = """
import json, resource, sys
from kbcheck.links import LinkSettings, check_urls
from kbcheck.validation import validated
urls = json.loads(sys.argv[1])
settings = validated(LinkSettings, json.loads(sys.argv[2]), "test settings")
report = check_urls(urls, settings)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
verdicts = {u: [r.verdict.value, r.fragment_missing] for u, r in report.items()}
print(json.dumps({"peak_mb": peak, "verdicts": verdicts}))
"""


def check_in_child(urls: list[str], **settings: object) -> dict:
    """Check in a fresh process, so its peak memory is the check's own."""
    base = {"cache": False, "allow_private": True, "timeout": 20, "retries": 0}
    args = [json.dumps(urls), json.dumps({**base, **settings})]
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_stacked_encodings_are_refused_and_memory_stays_small(server, bombs):
    # HEAD refused, so the GET's small body is read: three gzip layers of 1 GiB.
    bomb = {"content-encoding": "gzip, gzip, gzip", "content-type": "text/html"}
    server.route(
        "/bomb", lambda r: Reply(405) if r.method == "HEAD" else Reply(200, bomb, bombs["three"])
    )
    out = check_in_child([server.url("/bomb"), server.url("/bomb#x")], check_fragments=False)
    assert out["verdicts"][server.url("/bomb")] == ["ok", None]
    assert out["peak_mb"] < 200
    assert server.hits == {("HEAD", "/bomb"): 1, ("GET", "/bomb"): 1}


def test_one_gzip_layer_is_decoded_up_to_the_fragment_cap(server, bombs):
    html = {"content-encoding": "gzip", "content-type": "text/html"}
    server.route("/big", Reply(200, html, bombs["one"]))
    server.route("/stacked", Reply(200, {**html, "content-encoding": "gzip, gzip, gzip"}, b"x"))
    urls = [server.url("/big#x"), server.url("/stacked#x")]
    out = check_in_child(urls, check_fragments=True, fragment_max_bytes=4 * MB)
    # The zeros hold no id: the fragment is missing; a refused body cannot tell.
    assert out["verdicts"] == {urls[0]: ["ok", True], urls[1]: ["ok", None]}
    assert out["peak_mb"] < 200


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("https://example.com:PORT/api", "invalid port"),
        ("http://127.0.0.034/", "invalid ipv4 address"),
        ("http://ex\u200bample.com/", "invalid idna hostname"),
        ("http://127.0.0.1:99999/", "port out of range"),
    ],
)
def test_a_url_httpx_refuses_is_broken_and_the_run_goes_on(server, fast, url, detail):
    server.route("/ok", Reply())
    report = check_urls([url, server.url("/ok")], fast())
    assert report[url].verdict is Verdict.BROKEN
    assert report[url].reason.lower().startswith(f"invalid url ({detail}")
    assert (report[url].requests, report[server.url("/ok")].verdict) == (0, Verdict.OK)
    assert server.hits == {("HEAD", "/ok"): 1}


def test_a_redirect_to_an_invalid_url_is_broken(server, fast):
    server.route("/hop", Reply(302, {"location": "http://example.com:PORT/"}))
    result = check_urls([server.url("/hop")], fast())[server.url("/hop")]
    assert result.verdict is Verdict.BROKEN
    assert result.reason.startswith("redirect to invalid url")


def write_kb(root, urls: list[str]) -> None:
    (root / "kbcheck.toml").write_text(
        'content = ["docs"]\n[links]\nallow_private = true\ncache = false\nretries = 0\n'
    )
    (root / "docs").mkdir()
    (root / "docs" / "a.md").write_text("".join(f"- <{u}>\n" for u in urls))


def test_an_invalid_url_is_one_dead_link_finding_at_its_place(tmp_path, server):
    server.route("/ok", Reply())
    write_kb(tmp_path, [server.url("/ok"), "http://127.0.0.034/", server.url("/gone")])
    result = check(load_config(start=tmp_path), cwd=tmp_path, select=["KB4"])
    found = {(d.code, d.line, d.column) for d in result.diagnostics}
    assert found == {("KB401", 2, 3), ("KB401", 3, 3)}
    assert server.hits == {("HEAD", "/ok"): 1, ("HEAD", "/gone"): 1, ("GET", "/gone"): 1}


def test_the_link_check_runs_once_per_run_even_when_it_fails(tmp_path):
    write_kb(tmp_path, ["https://example.org/a"])
    calls = []

    def failing(urls: list[str]) -> LinkReport:
        calls.append(urls)
        raise RuntimeError("boom")

    config = load_config(start=tmp_path)
    result = check(config, cwd=tmp_path, select=["KB4"], link_checker=failing)
    assert len(calls) == 1
    assert [d.code for d in result.diagnostics] == ["KB000"]


def test_a_server_sending_a_byte_a_second_is_cut_at_the_timeout(server, fast):
    server.route("/drip", Reply(200, body=b"x" * 50, trickle=1.0))
    started = time.monotonic()
    result = check_urls([server.url("/drip")], fast(timeout=1.5, retries=0))[server.url("/drip")]
    elapsed = time.monotonic() - started
    assert (result.verdict, result.reason) == (Verdict.UNVERIFIABLE, "timeout")
    assert server.hits == {("HEAD", "/drip"): 1, ("GET", "/drip"): 1}  # HEAD, then GET once
    assert elapsed < 2 * 1.5 + 1.0


def test_a_body_sent_a_byte_a_second_is_cut_at_the_timeout(server, fast):
    html = {"content-type": "text/html"}
    server.route("/drip", Reply(200, html, b"<p id=x>" * 20, trickle=1.0, trickle_body=True))
    settings = fast(timeout=1.5, retries=0, check_fragments=True)
    started = time.monotonic()
    result = check_urls([server.url("/drip#x")], settings)[server.url("/drip#x")]
    assert (result.verdict, result.reason) == (Verdict.UNVERIFIABLE, "timeout")
    assert server.hits == {("GET", "/drip"): 1}
    assert time.monotonic() - started < 1.5 + 1.0


def test_a_head_that_hangs_falls_back_to_get_once(server, fast):
    server.route("/page", lambda r: Reply(delay=30) if r.method == "HEAD" else Reply())
    started = time.monotonic()
    result = check_urls([server.url("/page")], fast(timeout=1.0))[server.url("/page")]
    assert (result.verdict, result.status, result.requests) == (Verdict.OK, 200, 2)
    assert server.hits == {("HEAD", "/page"): 1, ("GET", "/page"): 1}
    assert time.monotonic() - started < 1.0 + 1.0


def test_an_always_503_host_trips_the_breaker(server, fast):
    for i in range(50):
        server.route(f"/{i}", Reply(503))
    settings = fast(host_concurrency=4, breaker_threshold=5)
    report = check_urls([server.url(f"/{i}") for i in range(50)], settings)
    assert {r.verdict for r in report.values()} == {Verdict.UNVERIFIABLE}
    assert any(r.reason.startswith("host circuit open (503") for r in report.values())
    # At most the links in flight when the fifth failed finish their three tries.
    assert server.total <= (5 + 4) * 3


def test_an_intranet_answer_does_not_prove_the_internet_is_up(server, fast, dns, tmp_path):
    # No public name resolves (the resolver refuses them all); the loopback server answers.
    server.route("/intranet", Reply())
    public = [f"https://site{i}.example.org/page" for i in range(16)]
    cache = tmp_path / "cache.sqlite"
    report = check_urls([server.url("/intranet"), *public], fast(cache=cache))
    assert report.network_down
    assert report[server.url("/intranet")].verdict is Verdict.OK
    assert {(report[u].verdict, report[u].reason) for u in public} == {
        (Verdict.UNVERIFIABLE, "network unreachable")
    }
    again = check_urls(public, fast(cache=cache))
    assert again.network_down and not any(r.from_cache for r in again.values())


def test_no_dns_and_one_loopback_link_is_one_notice_not_sixteen_errors(tmp_path, server, dns):
    server.route("/intranet", Reply())
    write_kb(
        tmp_path, [server.url("/intranet")] + [f"https://s{i}.example.org/" for i in range(16)]
    )
    result = check(load_config(start=tmp_path), cwd=tmp_path, select=["KB4"])
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("KB402", 2, 3)]


def test_a_connection_that_never_opens_is_a_connect_timeout(fast, public_loopback):
    # A listener that never accepts: once its queue is full, new connections hang.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = [socket.socket() for _ in range(4)]
        for filler in fillers:
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
        try:
            url = f"http://127.0.0.1:{port}/"
            started = time.monotonic()
            report = check_urls([url], fast(timeout=1.0, retries=0))
            assert time.monotonic() - started < 1.0 + 1.0
        finally:
            for filler in fillers:
                filler.close()
    # The only public link never reached a server: the network is down, not the link.
    assert report.network_down
    assert report[url].reason == "network unreachable"
