"""The sites translations link to instead of their sources' (`aliyun.com` where
the English pages have `alibabacloud.com`): a localisation, read from the pages
by KB511 (links) and KB509 (URLs in code)."""

from __future__ import annotations

import itertools
from typing import NamedTuple

from kbcheck.lazyre import lazy
from kbcheck.translations.pairing import pairing


def swapped_hosts(ctx) -> set[tuple[str, str]]:
    """The sites translations link to where their sources link to another, on
    pages of two names or more (`alibabacloud.com` in English, `aliyun.com` in
    Chinese): a localisation, not a defect."""

    def build() -> set[tuple[str, str]]:
        names: dict[tuple[str, str], set[str]] = {}
        for _, name, ours, theirs in _pair_sites(ctx):
            for swap in itertools.product(ours - theirs, theirs - ours):
                names.setdefault(swap, set()).add(name)
        return {swap for swap, seen in names.items() if len(seen) > 1}

    return ctx.memo("translations.swapped-hosts", build)


def _pair_sites(ctx) -> list[tuple[str, str, set[str], set[str]]]:
    """(locale, file name, the source's sites, the translation's sites) of every
    translation: read from the pages' text, once a run."""

    def build() -> list[tuple[str, str, set[str], set[str]]]:
        pairs = pairing(ctx)
        out = []
        for page in ctx.corpus.pages:
            source = pairs.source_of(page) if pairs.is_translation(page) else None
            if source is not None:
                name = page.rel.rpartition("/")[2]
                out.append((str(page.locale), name, domains(source.text), domains(page.text)))
        return out

    return ctx.memo("translations.pair-sites", build)


class Habits(NamedTuple):
    """The sites one locale's translations treat apart from their sources'."""

    dropped: frozenset[str]  # the sources link them, the translations hardly ever
    added: frozenset[str]  # the translations link them, the sources hardly ever


def habits(ctx, locale: str) -> Habits:
    """The sites the translations of ``locale`` habitually leave out (`discord.gg`
    where the Chinese readers have a WeChat group) or link instead (`bilibili.com`
    for `youtube.com`): on pages of three names or more on one side, and on four
    times fewer names or none on the other. Sites, not pages: a page linked on
    one side only is as often a link changed in the sources and not yet in the
    translations."""

    def build() -> dict[str, Habits]:
        names: dict[str, tuple[dict[str, set[str]], dict[str, set[str]]]] = {}
        for loc, name, source_sites, own_sites in _pair_sites(ctx):
            ours, theirs = names.setdefault(loc, ({}, {}))
            for seen, sites in ((ours, source_sites), (theirs, own_sites)):
                for site in sites:
                    seen.setdefault(site, set()).add(name)
        return {
            loc: Habits(frozenset(_fewer(theirs, ours)), frozenset(_fewer(ours, theirs)))
            for loc, (ours, theirs) in names.items()
        }

    return ctx.memo("translations.host-habits", build).get(locale, Habits(frozenset(), frozenset()))


def _fewer(few: dict[str, set[str]], many: dict[str, set[str]]) -> set[str]:
    """The sites ``many`` has on pages of three names or more and ``few`` on four
    times fewer."""
    return {
        site
        for site, seen in many.items()
        if len(seen) >= 3 and 4 * len(few.get(site, ())) <= len(seen)
    }


HOST = lazy(r"https?://([\w.-]+)")


def domains(text: str) -> set[str]:
    return {domain(host) for host in HOST.findall(text)}


def domain(host: str) -> str:
    """The registered name of ``host``: ``help.aliyun.com`` is ``aliyun.com``,
    ``www.example.com.cn`` is ``example.com.cn``."""
    labels = host.lower().rstrip(".").split(".")
    short = len(labels) > 2 and labels[-2] in ("com", "org", "net", "edu", "gov", "co", "ac")
    return ".".join(labels[-3:] if short else labels[-2:])
