from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.parity import parity
from kbcheck.translations.policy import localised_pair, neutral_url
from kbcheck.validation import STRICT


@dataclass
class Options:
    __pydantic_config__ = STRICT
    ignore: list[str] = field(default_factory=list)  # URL prefixes that may differ between locales
    # groups of sites that are one vendor's in several languages (a name covers its subdomains)
    equivalent_hosts: list[list[str]] = field(default_factory=list)


class LinkMismatch(TranslationRule):
    """A translation's external links differ from its source's.

    The `http(s)` targets of both pages are compared as collections (a
    translation may reorder a sentence); a link replaced by another in the
    same section is one finding naming both. A localised link is fine: locale
    parts of a URL count as equal (`zh.wikipedia.org` and `en.wikipedia.org`,
    `/zh-cn/` and `/en-us/`, `docs/cn/` and `docs/en/`, `?hl=zh`), the fragment
    of a localised page may differ (its headings are translated), a page of
    the site in the other language may have a translated name
    (`zh.wikipedia.org/wiki/机器学习`, `en.wikipedia.org/wiki/Machine_learning`), the
    same path on another host is the vendor's site for that language
    (`open.feishu.cn/document/x` and `open.larksuite.com/document/x`), a
    document of the same name on another host is that document
    (`github.com/o/r/blob/main/CONTRIBUTING.md` and `o.org/contributing`), and so
    is any page of a site named equivalent in `equivalent_hosts`.

    ## Why
    A reference dropped or replaced in one locale is a fact the readers of
    that locale cannot check; an updated link carried to one locale only
    leaves the other pointing at the old page.

    ## Bad
    ```
    # source: [论文](https://arxiv.org/abs/1706.03762)
    # translation: [paper](https://arxiv.org/abs/1706.03761)
    ```

    ## Good
    ```
    # translation: [paper](https://arxiv.org/abs/1706.03762)
    ```

    ## Options
    `ignore`: URL prefixes left out of the comparison.
    `equivalent_hosts`: groups of sites that are one vendor's in several
    languages, whose pages replace each other freely, such as
    `[["aliyun.com", "alibabacloud.com"]]` (a name covers its subdomains).
    """

    code = "KB511"
    name = "link-mismatch"
    severity = Severity.WARNING
    Options = Options

    def check(self, page, ctx) -> Iterable[Finding]:
        pair = parity(ctx, page)
        if pair is None:
            return
        locales = [ctx.config.source_locale, str(page.locale)]
        skip = tuple(self.options.ignore)

        def external(p):
            return [
                link
                for link in p.links
                if link.kind != "image"
                and link.dest.lower().startswith(("http://", "https://"))
                and not link.dest.startswith(skip or ("\0",))
            ]

        def key(link):
            return neutral_url(link.dest, locales)

        source, target = external(pair.reference), external(page)
        if sorted(link.dest for link in source) == sorted(link.dest for link in target):
            return  # the same URLs to the letter: nothing to neutralise
        found = pair.diff(source, target, key, ordered=False)
        missing = [m.source for m in found if m.kind == "missing"]
        extra = [m.translation for m in found if m.kind == "extra"]
        for s in missing:
            near = [t for t in extra if pair.same_section(s.line, t.line)]
            t = next((t for t in near if self._localised(s.dest, t.dest, locales)), None)
            if t is not None:
                extra.remove(t)  # the source's target for the translation's readers
                continue
            if not near:
                yield pair.missing(f"missing the source's link {s.dest}", s.line, s.column)
                continue
            t = near[0]
            extra.remove(t)  # one link replaced by another: one finding
            yield pair.at(
                t.line, t.column, f"link {t.dest} where the source has {s.dest}", s.line, s.column
            )
        for t in extra:
            yield pair.extra(f"link {t.dest} is not in the source", t.line, t.column)

    def _localised(self, source: str, translation: str, locales: list[str]) -> bool:
        """Whether a link replaced in the same section is the source's target for
        the translation's readers."""
        if localised_pair(source, translation, locales):
            return True
        a, b = urlsplit(source), urlsplit(translation)
        hosts = a.hostname or "", b.hostname or ""
        if hosts[0] == hosts[1]:
            return False
        if _site(source, locales) == _site(translation, locales):
            return True  # zh.wikipedia.org for en.wikipedia.org: titles are translated too
        if len(a.path.strip("/")) > 1 and (a.path, a.query) == (b.path, b.query):
            return True  # a mirror or the vendor's site for that language
        in_repository = ("/blob/" in a.path) != ("/blob/" in b.path)
        if in_repository and _document(a.path) and _document(a.path) == _document(b.path):
            return True  # CONTRIBUTING.md in the repository, /contributing on the site
        for group in self.options.equivalent_hosts:
            names = [_named(h, group) for h in hosts]
            if None not in names and names[0] != names[1]:
                return True
        return False


_GENERIC = {"", "index", "readme", "docs", "doc", "home", "main", "master", "latest", "en", "zh"}


def _document(path: str) -> str:
    """The name of the document a path ends in, as a site and a repository spell
    it: `CODE_OF_CONDUCT.md` and `code-of-conduct/` are both `code-of-conduct`."""
    name = path.rstrip("/").rpartition("/")[2].lower()
    name = name.rpartition(".")[0] if "." in name else name
    name = name.replace("_", "-")
    return "" if name in _GENERIC or len(name) < 4 else name


def _site(url: str, locales: list[str]) -> str:
    """The scheme and host of ``url``, with a language subdomain left out."""
    return neutral_url(url, locales).partition("://")[2].partition("/")[0]


def _named(host: str, names: list[str]) -> str | None:
    """The name of ``names`` that ``host`` is, or is a subdomain of."""
    return next((n for n in names if host == n or host.endswith("." + n)), None)
