"""Value objects returned by the link checker: verdicts, per-link results, the report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import urlsplit

NETWORK_DOWN = "network unreachable"  # the reason of every link when no host could be reached


class Verdict(str, Enum):
    """What a link check concluded.

    ``unverifiable`` is kept apart from ``broken`` on purpose: rate limits, bot walls,
    timeouts and an exhausted budget say nothing about the link, and a CI gate that
    failed on them would be flaky.
    """

    OK = "ok"
    BROKEN = "broken"
    REDIRECTED = "redirected"
    UNVERIFIABLE = "unverifiable"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class LinkResult:
    """The outcome for one URL (fragment included, exactly as given).

    ``requests`` counts the HTTP requests sent to check the URL without its fragment;
    links that differ only by fragment share one check and report the same count.
    ``fragment_missing`` is None when fragments were not checked or could not be
    (no fragment, not HTML, text directive).
    """

    url: str
    verdict: Verdict
    status: int | None = None
    reason: str = ""
    final_url: str | None = None
    requests: int = 0
    from_cache: bool = False
    fragment_missing: bool | None = None


@dataclass(eq=False)
class LinkReport(Mapping[str, LinkResult]):
    """All results of a run, keyed by URL; also behaves as a read-only dict of them.

    ``network_down`` is True when no host at all could be reached (every lookup or
    connection failed before any response): the links are then reported unverifiable
    with the reason ``network unreachable`` rather than broken. ``warnings`` holds
    problems that did not stop the run (an unusable cache, a missing token variable).
    """

    results: dict[str, LinkResult]
    network_down: bool = False
    warnings: list[str] = field(default_factory=list)
    requests: int = 0
    elapsed: float = 0.0

    def __getitem__(self, url: str) -> LinkResult:
        return self.results[url]

    def __iter__(self) -> Iterator[str]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)


def hostname(url: str) -> str:
    """Lower-case host name of a URL, '' when it has none or cannot be parsed.

    Plain ``scheme://host[:port]/...`` URLs, nearly all of them, take a string fast
    path: ``urlsplit`` costs as much as the rest of a fully cached run.
    """
    scheme, sep, rest = url.partition("://")
    if sep and scheme.isalpha():
        netloc = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        if netloc and not any(c in netloc for c in "@[]%\\ "):
            host, _, port = netloc.partition(":")
            if not port or port.isdigit():
                return host.lower()
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


@dataclass(frozen=True)
class Summary:
    """Counts by verdict, overall and per host, for reporters to render."""

    total: int
    by_verdict: dict[Verdict, int]
    by_host: dict[str, dict[Verdict, int]]
    from_cache: int


def summarize(results: Mapping[str, LinkResult] | Iterable[LinkResult]) -> Summary:
    """Tally results; hosts are lower-case names without port ('' for unparsable URLs)."""
    items = results.values() if isinstance(results, Mapping) else results
    by_verdict: dict[Verdict, int] = {v: 0 for v in Verdict}
    by_host: dict[str, dict[Verdict, int]] = {}
    total = cached = 0
    for result in items:
        total += 1
        cached += result.from_cache
        by_verdict[result.verdict] += 1
        host = hostname(result.url)
        counts = by_host.setdefault(host, {})
        counts[result.verdict] = counts.get(result.verdict, 0) + 1
    return Summary(total=total, by_verdict=by_verdict, by_host=by_host, from_cache=cached)
