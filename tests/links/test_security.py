"""What the checker must never do: follow a name to a second address, reach a
private host through or around a proxy, or hand a token to another origin."""

from __future__ import annotations

import ipaddress
import json
import ssl
import subprocess
import sys

import pytest
import trustme
from links_httpd import Reply

from kbcheck.config import ConfigError, load_config
from kbcheck.links import HostSettings, LinkSettings, Verdict, check_urls
from kbcheck.links.hostguard import is_private_address, literal_address
from kbcheck.validation import validated


def test_a_name_is_resolved_once_and_a_rebinding_cannot_move_the_request(
    make_server, fast, dns, public_loopback
):
    # The first answer is public (127.0.0.1 plays the internet), every later one private.
    public = make_server("127.0.0.1")
    internal = make_server("127.0.0.2", port=public.port)  # the port the link names
    public.route("/admin", Reply(404))
    internal.route("/admin", Reply())
    dns.table["rebind.test"] = [["127.0.0.1"], ["127.0.0.2"]]
    url = f"http://rebind.test:{public.port}/admin"
    result = check_urls([url], fast(allow_private=False, retries=0))[url]
    assert (result.verdict, result.status) == (Verdict.BROKEN, 404)
    assert internal.total == 0
    assert dns.lookups["rebind.test"] == 1


def test_the_request_goes_to_the_approved_address_with_the_name_as_host(make_server, fast, dns):
    first, second = make_server("127.0.0.1"), make_server("127.0.0.2")
    for srv in (first, second):
        srv.route("/p", Reply())
    dns.table["pinned.test"] = [["127.0.0.1"], ["127.0.0.2"]]
    url = f"http://pinned.test:{first.port}/p"
    second_url = f"http://pinned.test:{second.port}/p"  # the same name, the other server's port
    report = check_urls([url, second_url], fast())
    assert report[url].verdict is Verdict.OK
    assert report[second_url].reason.startswith("connection refused")  # 127.0.0.1, not .2
    assert first.seen_headers[0]["host"] == f"pinned.test:{first.port}"
    assert second.total == 0 and dns.lookups["pinned.test"] == 1


def test_tls_to_a_pinned_address_verifies_the_name(make_server, fast, dns, tmp_path):
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("secure.test").configure_cert(context)
    srv = make_server("127.0.0.1", context)
    srv.route("/s", Reply())
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    dns.table["secure.test"] = [["127.0.0.1"]]
    dns.table["other.test"] = [["127.0.0.1"]]
    good, wrong = (f"https://{n}:{srv.port}/s" for n in ("secure.test", "other.test"))
    report = check_urls([good, wrong], fast(verify=bundle))
    assert (report[good].verdict, report[good].status) == (Verdict.OK, 200)
    assert report[wrong].reason.startswith("tls error")


PRIVATE = [
    "::1",
    "::",
    "::7f00:1",  # IPv4-compatible 127.0.0.1
    "::ffff:127.0.0.1",
    "::ffff:0:7f00:1",  # IPv4-translated
    "::ffff:a9fe:a9fe",  # mapped cloud metadata
    "::a9fe:a9fe",
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2002:c0a8:1::1",  # 6to4 of 192.168.0.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "fe80::1",
    "fec0::1",  # site-local
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "100::1",  # discard-only
    "2001:db8::1",
    "127.1",
    "0x7f.1",
    "2130706433",
    "0177.0.0.1",
    "169.254.169.254",
    "100.64.0.1",
]


@pytest.mark.parametrize("host", PRIVATE)
def test_every_spelling_of_a_private_address_is_private(host):
    address = literal_address(f"[{host}]" if ":" in host else host)
    assert address is not None and is_private_address(address)


@pytest.mark.parametrize("host", ["2606:4700:4700::1111", "64:ff9b::808:808", "93.184.216.34"])
def test_public_addresses_stay_public(host):
    assert not is_private_address(ipaddress.ip_address(host))


def test_private_hosts_are_refused_with_or_around_a_proxy(make_server, fast, dns, monkeypatch):
    target, proxy = make_server("127.0.0.1"), make_server("127.0.0.2")
    target.route("/x", Reply())
    monkeypatch.setenv("HTTPS_PROXY", proxy.url(""))  # http:// links have no proxy
    monkeypatch.setenv("NO_PROXY", "internal.test")
    dns.table["internal.test"] = [["127.0.0.1"]]
    urls = [
        f"http://internal.test:{target.port}/x",  # NO_PROXY: a direct connection
        f"http://localhost:{target.port}/x",  # no proxy for http://
        f"http://2130706433:{target.port}/x",
        "https://169.254.169.254/latest/meta-data/",  # through the proxy
        "https://[::7f00:1]/",
        "https://localhost/",
    ]
    report = check_urls(urls, fast(allow_private=False))
    assert {(r.verdict, r.reason) for r in report.values()} == {
        (Verdict.SKIPPED, "private address excluded")
    }
    assert target.total == proxy.total == 0


def test_a_token_goes_to_its_origin_only(make_server, fast, monkeypatch):
    home, other_port = make_server("127.0.0.1"), make_server("127.0.0.1")
    home.route("/start", Reply(302, {"location": other_port.url("/landing")}))
    home.route("/api", Reply())
    other_port.route("/landing", Reply())
    other_port.route("/direct", Reply())
    monkeypatch.setenv("KB_TOKEN", "Bearer t0ken")
    hosts = {
        home.url(""): HostSettings(headers={"Authorization": "env:KB_TOKEN"}),
        "127.0.0.1": HostSettings(headers={"X-Only-Https": "yes"}),  # https://127.0.0.1:443
    }
    urls = [home.url("/api"), home.url("/start"), other_port.url("/direct")]
    report = check_urls(urls, fast(hosts=hosts))
    assert {r.verdict for r in report.values()} == {Verdict.OK}
    assert [h.get("authorization") for h in home.seen_headers] == ["Bearer t0ken"] * 2
    assert not any("authorization" in h for h in other_port.seen_headers)
    assert not any("x-only-https" in h for h in home.seen_headers + other_port.seen_headers)


def test_a_token_is_dropped_when_https_redirects_to_http(make_server, fast, tmp_path):
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    secure, plain = make_server("127.0.0.1", context), make_server("127.0.0.1")
    secure.route("/start", Reply(301, {"location": plain.url("/landing")}))
    plain.route("/landing", Reply())
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    hosts = {secure.url(""): HostSettings(headers={"Authorization": "Bearer t0ken"})}
    report = check_urls([secure.url("/start")], fast(hosts=hosts, verify=bundle))
    assert report[secure.url("/start")].verdict is Verdict.REDIRECTED
    assert secure.seen_headers[0]["authorization"] == "Bearer t0ken"
    assert "authorization" not in plain.seen_headers[0]


def test_a_latin_1_token_is_sent_as_latin_1(server, fast):
    server.route("/api", Reply())
    hosts = {server.url(""): HostSettings(headers={"Authorization": "Bearer café"})}
    assert check_urls([server.url("/api")], fast(hosts=hosts))[server.url("/api")].status == 200
    assert server.seen_headers[0]["authorization"] == "Bearer café"  # decoded as Latin-1


@pytest.mark.parametrize("value", ["Bearer a\r\nX-Evil: 1", "Bearer a\nb", "Bearer ключ", "a\x00b"])
def test_a_header_value_that_cannot_be_sent_is_a_config_error(tmp_path, value):
    text = json.dumps(value)  # its escapes are TOML's too
    (tmp_path / "kbcheck.toml").write_text(
        f'[links.hosts."api.example.org"]\nheaders = {{Authorization = {text}}}\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_config(start=tmp_path)
    message = str(caught.value)
    assert "links.hosts.api.example.org.headers" in message and "Authorization" in message
    assert value not in message and "Bearer" not in message
    with pytest.raises(ConfigError) as direct:
        data = {"hosts": {"x.org": {"headers": {"Authorization": value}}}}
        validated(LinkSettings, data, "test settings")
    assert "Bearer" not in str(direct.value) and value not in str(direct.value)


@pytest.mark.parametrize("command", ["links", "check"])
def test_a_token_from_the_environment_that_cannot_be_sent_exits_2(tmp_path, command):
    (tmp_path / "kbcheck.toml").write_text(
        'content = ["docs"]\n[links.hosts."api.example.org"]\n'
        'headers = {Authorization = "env:KB_BAD_TOKEN"}\n'
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\n<https://api.example.org/x>\n")
    done = subprocess.run(
        [sys.executable, "-m", "kbcheck", command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={"KB_BAD_TOKEN": "Bearer s3cret\r\nX: y", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "KB_BAD_TOKEN" in done.stderr and "Authorization" in done.stderr
    assert "KB000" not in done.stdout
    assert "s3cret" not in done.stdout + done.stderr
