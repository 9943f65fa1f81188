"""Pure functions: status classification, Retry-After, address guard, fragments."""

from __future__ import annotations

import asyncio
import ipaddress
from email.utils import formatdate

import pytest

from kbcheck.links.classify import bot_wall, classify_status, retry_after
from kbcheck.links.fragments import fragment_missing, html_anchors
from kbcheck.links.hostguard import HostGuard, HostKind, is_private_address
from kbcheck.links.result import Verdict

OK = [(200, 299)]


@pytest.mark.parametrize(
    ("status", "headers", "verdict", "retry"),
    [
        (204, {}, Verdict.OK, False),
        (404, {}, Verdict.BROKEN, False),
        (451, {}, Verdict.BROKEN, False),
        (500, {}, Verdict.BROKEN, True),
        (502, {}, Verdict.UNVERIFIABLE, True),
        (429, {}, Verdict.UNVERIFIABLE, True),
        (403, {"x-ratelimit-remaining": "0"}, Verdict.UNVERIFIABLE, True),
        (403, {"server": "cloudflare", "cf-chl-bypass": "1"}, Verdict.UNVERIFIABLE, False),
        (405, {"x-amzn-waf-action": "captcha"}, Verdict.UNVERIFIABLE, False),
        (999, {}, Verdict.UNVERIFIABLE, False),
    ],
)
def test_classify_status(status, headers, verdict, retry):
    outcome = classify_status(status, headers, OK)
    assert (outcome.verdict, outcome.retry) == (verdict, retry)


def test_bot_wall_reason_names_the_signal():
    assert bot_wall(403, {"cf-mitigated": "challenge"}) == "bot wall (cf-mitigated: challenge)"
    assert bot_wall(403, {}) is None


def test_retry_after_seconds_date_and_rate_limit_reset():
    now = 1_700_000_000.0
    assert retry_after({"retry-after": "7"}, now) == 7
    assert retry_after({"retry-after": formatdate(now + 30, usegmt=True)}, now) == pytest.approx(30)
    reset = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(now) + 60)}
    assert retry_after(reset, now) == 60
    assert retry_after({"retry-after": "soon"}, now) is None


@pytest.mark.parametrize(
    ("address", "private"),
    [
        ("8.8.8.8", False),
        ("2606:4700::1111", False),
        ("10.0.0.1", True),
        ("127.0.0.1", True),
        ("169.254.169.254", True),
        ("100.64.0.1", True),
        ("::1", True),
        ("fe80::1", True),
        ("fd00::1", True),
        ("::ffff:10.0.0.1", True),
        ("224.0.0.1", True),
        ("0.0.0.0", True),
    ],
)
def test_private_addresses(address, private):
    assert is_private_address(ipaddress.ip_address(address)) is private


def test_guard_answers_reserved_names_without_dns():
    async def kinds():
        guard = HostGuard()
        return [
            (await guard.check(h)).kind
            for h in ("LOCALHOST", "a.localhost", "x.invalid", "[::1]", "93.184.215.14")
        ]

    assert asyncio.run(kinds()) == [
        HostKind.PRIVATE,
        HostKind.PRIVATE,
        HostKind.NXDOMAIN,
        HostKind.PRIVATE,
        HostKind.PUBLIC,
    ]


def test_fragments():
    anchors = html_anchors(b"<h1 ID='Top-Level'>x</h1><a name=plain></a><div id=\"caf%C3%A9\">")
    assert anchors == {"Top-Level", "plain", "caf%C3%A9"}
    assert fragment_missing("plain", anchors) is False
    assert fragment_missing("missing", anchors) is True
    assert fragment_missing("top", anchors) is False
    assert fragment_missing(":~:text=hello", anchors) is None
    assert fragment_missing("x", None) is None
