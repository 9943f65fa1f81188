"""Site models: what a site generator makes of the files, one module per generator.

A site answers every question whose answer depends on the generator: which
folders hold pages, which files are partials rather than pages, each page's
locale, version and pairing key, where a translation's source would be, and
how a link inside a page resolves (its route, and where ``x.md`` is looked
up). The engine, the resolver and the translation rules ask it and hold no
generator-specific branches.

    site = site_of(config)        # built once per configuration
    site.locate("docs/intro.md")  # ("en", "current/intro")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kbcheck.sites.base import MARKDOWN_SUFFIXES, Doc, Site
from kbcheck.sites.docusaurus import DocusaurusSite
from kbcheck.sites.hugo import HugoSite
from kbcheck.sites.plain import LocaleDirsSite, SuffixSite

if TYPE_CHECKING:
    from kbcheck.config import Config

SITES: dict[str, type[Site]] = {
    "locale-dirs": LocaleDirsSite,
    "suffix": SuffixSite,
    "docusaurus": DocusaurusSite,
    "hugo": HugoSite,
}


def site_of(config: Config) -> Site:
    """The site model of a configuration, built on first use and kept with it."""
    site = config._site
    if not isinstance(site, Site) or site.config is not config:
        site = config._site = SITES[config.layout](config)
    return site


__all__ = ["MARKDOWN_SUFFIXES", "SITES", "Doc", "Site", "site_of"]
