"""The sites translations link to instead of their sources' (`aliyun.com` where
the English pages have `alibabacloud.com`): a localisation, read from the pages
by KB511 (links) and KB509 (URLs in code)."""

from __future__ import annotations

import itertools

from kbcheck.lazyre import lazy
from kbcheck.translations.pairing import pairing


def swapped_hosts(ctx) -> set[tuple[str, str]]:
    """The sites translations link to where their sources link to another, on
    pages of two names or more (`alibabacloud.com` in English, `aliyun.com` in
    Chinese): a localisation, not a defect. Read from the pages' text, once a run."""

    def build() -> set[tuple[str, str]]:
        pairs = pairing(ctx)
        names: dict[tuple[str, str], set[str]] = {}
        for page in ctx.corpus.pages:
            source = pairs.source_of(page) if pairs.is_translation(page) else None
            if source is None:
                continue
            ours, theirs = domains(source.text), domains(page.text)
            for swap in itertools.product(ours - theirs, theirs - ours):
                names.setdefault(swap, set()).add(page.rel.rpartition("/")[2])
        return {swap for swap, seen in names.items() if len(seen) > 1}

    return ctx.memo("translations.swapped-hosts", build)


HOST = lazy(r"https?://([\w.-]+)")


def domains(text: str) -> set[str]:
    return {domain(host) for host in HOST.findall(text)}


def domain(host: str) -> str:
    """The registered name of ``host``: ``help.aliyun.com`` is ``aliyun.com``,
    ``www.example.com.cn`` is ``example.com.cn``."""
    labels = host.lower().rstrip(".").split(".")
    short = len(labels) > 2 and labels[-2] in ("com", "org", "net", "edu", "gov", "co", "ac")
    return ".".join(labels[-3:] if short else labels[-2:])
