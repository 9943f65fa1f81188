"""One external link check per linter run, shared by the KB4xx rules.

The first KB4xx rule to run collects the URLs of the pages asked about (every
use, across pages and locales), checks each unique URL once and memoizes the
report on the context; the others read the same report. Each page's URLs are
gathered (:data:`URLS`) where the page is parsed: in a split run, the child
sends those of its pages. A command that wants a
progress bar or the report itself passes its own checker (``Context.link_checker``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kbcheck.config import Config, ConfigError
from kbcheck.diagnostics import Finding
from kbcheck.links.result import LinkReport
from kbcheck.links.settings import LinkSettings
from kbcheck.page import Page
from kbcheck.validation import updated

if TYPE_CHECKING:
    from kbcheck.context import Context
    from kbcheck.links.extract import Site

UrlChecker = Callable[[list[str]], LinkReport]
log = logging.getLogger("kbcheck.links")


class _Urls:
    """What the link run gathers of each page: its external URLs and where they are."""

    code = "links:urls"

    def gather(self, page: Page, ctx: Context) -> list[tuple]:
        from kbcheck.links.extract import site_rows  # html.entities: not for offline runs

        return site_rows(page, ctx.field_values)


URLS = _Urls()


@dataclass(frozen=True)
class LinkRun:
    """The link report of a run, and where each URL is used."""

    report: LinkReport
    sites: dict[str, list[Site]]  # url -> every place it is used, in the pages asked about


def link_settings(config: Config, **overrides: Any) -> LinkSettings:
    """``[links]`` with command-line overrides; a relative cache path is taken from
    the configuration's folder, so every run of a project shares one cache."""
    settings = config.links
    if overrides:  # typed and bounded by the command line
        settings = updated(settings, **overrides)
    problems = [
        f"{config.file or 'configuration'}: links.hosts.{name}: {problem}"
        for name, host in settings.hosts.items()
        for problem in host.env_problems()
    ]
    if problems:
        raise ConfigError("\n".join(problems))
    cache = settings.cache_path()
    if cache is not None and not cache.is_absolute():
        settings = updated(settings, cache=config.root / cache)
    return settings


def default_checker(settings: LinkSettings) -> UrlChecker:
    """Check URLs silently; problems that did not stop the run go to the log."""

    def check(urls: list[str]) -> LinkReport:
        from kbcheck.links.checker import check_urls  # httpx and asyncio only when needed

        report = check_urls(urls, settings)
        for warning in report.warnings:
            log.warning("%s", warning)
        return report

    return check


def link_run(ctx: Context) -> LinkRun:
    """The memoized check of every external URL of the target pages.

    It runs once per run, whatever the number of KB4xx rules: if it fails, the
    first rule reports the failure and the others find an empty run rather than
    checking every URL again.
    """
    key = "links:run"
    if key not in ctx.cache:
        ctx.cache[key] = LinkRun(LinkReport({}), {})
        pages = ctx.targets if ctx.targets is not None else ctx.corpus.pages
        from kbcheck.links.extract import sites_of

        sites = sites_of(pages, lambda page: ctx.gathered(URLS, page))
        if sites:  # no engine, no cache file, for a knowledge base without URLs
            checker = ctx.link_checker or default_checker(link_settings(ctx.config))
            ctx.cache[key] = LinkRun(checker(list(sites)), sites)
    return ctx.cache[key]


def at(site: Site, message: str) -> Finding:
    """A finding at one use of a URL."""
    return Finding(
        site.line,
        site.column,
        message,
        end_line=site.end_line,
        end_column=site.end_column,
        path=site.path,
    )
