"""Where an internal link lands, decided the way the site generator decides it.

One ``Resolver`` is built per run (``resolver(ctx, options)`` memoises it) and
indexes the corpus once: pages by path and by (locale, key). What depends on
the site generator (which pages have routes and what they are, where ``x.md``
is looked up, aliases such as ``@site/``) is the site model's answer
(:mod:`kbcheck.sites`); the resolver holds no generator-specific branch. Each link then
costs a few dictionary look-ups; results are cached per page so the KB3xx
rules share them.

A link is one of:

- an anchor on the same page (``#id``);
- a Markdown file (``x.md``, ``x.mdx``, ``@site/docs/x.md``), looked up the way
  Docusaurus does: ``./`` and ``../`` from the file's folder only, ``/x.md``
  from the content folders then the site folder, ``x.md`` from all three;
- an image or another file with an extension: relative to the page, absolute
  in the static folders, ``@site/`` from the site folder;
- anything else: in Docusaurus a route, resolved like a browser against the
  page's own route (so ``intro`` from the index doc ``/docs/guide/`` is
  ``/docs/guide/intro``); in other layouts a file path without extension or a
  folder with an index page.

A translated page resolves within its own locale first; when only the source
locale has the page, the link works through the fallback (reported by KB304)
or, with ``translations.fallback_to_source = false``, is broken.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kbcheck.resolve.resolver import LinkOptions, Resolved, Resolver
from kbcheck.validation import validated

if TYPE_CHECKING:
    from kbcheck.config import Config
    from kbcheck.context import Context

__all__ = ["LinkOptions", "Resolved", "Resolver", "resolver", "route_base"]


def resolver(ctx: Context, options: LinkOptions) -> Resolver:
    """The run's resolver for this route base, built once and shared by the rules."""
    base = options.route_base_path
    return ctx.memo(f"kbcheck.resolve:{base}", lambda: Resolver(ctx.corpus, base))


def route_base(config: Config) -> str | None:
    """The route base the link rules use, from their options (``[rules.KB301]``)."""
    settings = config.rules.get("KB301") or config.rules.get("broken-link")
    if not settings or not settings.options:
        return None
    where = config.file or "configuration"
    return validated(LinkOptions, settings.options, where, "rules.KB301").route_base_path
