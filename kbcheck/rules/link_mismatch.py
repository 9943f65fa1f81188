import difflib
import ipaddress
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from kbcheck.diagnostics import Finding, Severity
from kbcheck.lazyre import lazy
from kbcheck.page import linked_images
from kbcheck.rules.base import ParityRule
from kbcheck.translations.hosts import Habits, domain, domains, habits, swapped_hosts
from kbcheck.translations.pairing import pairing
from kbcheck.translations.policy import (
    localised_pair,
    neutral_url,
    points_within,
    repository_left_out,
)
from kbcheck.validation import STRICT


@dataclass
class Options:
    """The options of link-mismatch."""

    __pydantic_config__ = STRICT
    ignore: list[str] = field(default_factory=list)  # URL prefixes that may differ between locales
    # groups of sites that are one vendor's in several languages (a name covers its subdomains)
    equivalent_hosts: list[list[str]] = field(default_factory=list)


class LinkMismatch(ParityRule):
    """A translation's external links differ from its source's.

    The `http(s)` targets of both pages are compared as collections (a
    translation may reorder a sentence, and link once what its source links
    twice), less addresses of the reader's own
    machine or network (`http://localhost:8080/`, `http://192.168.1.10/`):
    what a command serves, not a reference, and badges (a link around an
    `img.shields.io` picture), which decorate; a link replaced by another in the
    same section is one finding naming both, links changed the same way
    (`/o/issues/1` to `/p/issues/1`) are one finding for the page, and the
    links missing from a section, or not in the source, one finding per
    section (a link missing or added in several sections, with the first);
    links not in the source are info (see KB507).
    A URL the other page writes out (in code) is not a link lost,
    nor is the site's own page linked from the root on the other side
    (`/docs/installation`). A localised link is fine: locale
    parts of a URL count as equal (`zh.wikipedia.org` and `en.wikipedia.org`,
    `/zh-cn/` and `/en-us/`, `docs/cn/` and `docs/en/`, `?hl=zh`), the fragment
    of a localised page may differ (its headings are translated), a page of
    the site in the other language may have a translated name
    (`zh.wikipedia.org/wiki/机器学习`, `en.wikipedia.org/wiki/Machine_learning`;
    `apple.com/zh-cn/guide/mchlp1066` and `apple.com/guide/allow-access-mchlp1066`;
    a page of the same site in the translation's language, where the source
    links one in none: `koordinator.sh/zh-Hans/docs/x` for `koordinator.sh`,
    or the site's translation on a host named for the language and the site:
    `pinia-ru.netlify.app` for `pinia.vuejs.org`;
    a file named for the source's language and another of its folder:
    `console/en_index.html` and `console/ng_index.html`), the
    same path on another host is the vendor's site for that language
    (`open.feishu.cn/document/x` and `open.larksuite.com/document/x`), a
    document of the same name on another host is that document
    (`github.com/o/r/blob/main/CONTRIBUTING.md` and `o.org/contributing`), and so
    is any page of a site the translations link to instead of the source's
    site on pages of two names or more (`aliyun.com` for `alibabacloud.com`),
    or of a site named equivalent in `equivalent_hosts`. A site the locale's
    translations habitually leave out, or link where their sources do not
    (on pages of three names or more, four times as many as on the other
    side: `discord.gg`, `bilibili.com`), is a localisation too, also where a
    section names that site in its text in place of the source's link; so is
    a link the translation adds, or puts in place of the source's, to a site
    of its readers' country (`restfulapi.cn` in a `zh-CN` page, `example.de`
    in a `de` one, and the platforms of one country: `bilibili.com`,
    `qiita.com`), or one it leaves out to a site of the source readers'
    country, and so is
    a link it adds into the project's own code: a repository of the GitHub
    organization the source pages link most (`github.com/apache/...`). A
    trailing slash or `www.` does not count, nor does the branch a link to a
    repository's file names, when its name has no version in it
    (`blob/master/lua/x.lua` and `blob/rolling/lua/x.lua`). A link that points
    within the source's, on the same site, the source's path with segments
    left out (`github.com/o/r/issues/4` where the source has `github.com/o/r/`,
    or the broken `github.com/o/issues/4`), is the source's loss, not the
    translation's; a GitHub link with the repository left out
    (`github.com/o/issues/4`) leads to no page and is compared on neither side.
    The links of a section, or a
    page, that the translation made three times as long as the source's are
    its own text (the source is a stub, or says less), not links added.

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

    def compare(self, page, pair, ctx) -> Iterable[Finding]:
        locales = [ctx.config.source_locale, str(page.locale)]
        skip = tuple(self.options.ignore)

        def external(p):
            badges = _badges(p)
            return [
                link
                for link in p.links
                if link.kind != "image"
                and link.dest.lower().startswith(("http://", "https://"))
                and not link.dest.startswith(skip or ("\0",))
                and not _local(link.dest)
                and id(link) not in badges
                and _well_formed(link.dest)
                and not repository_left_out(link.dest)
            ]

        def key(link):
            return _any_branch(neutral_url(link.dest, locales))

        source, target = external(pair.reference), external(page)
        if sorted(link.dest for link in source) == sorted(link.dest for link in target):
            return  # the same URLs to the letter: nothing to neutralise
        found = pair.diff(source, target, key, ordered=False)
        missing = [m.source for m in found if m.kind == "missing"]
        extra = [m.translation for m in found if m.kind == "extra"]
        habit = habits(ctx, str(page.locale))
        for s in list(missing):  # the source's target for the translation's readers
            near = [t for t in extra if pair.same_section(s.line, t.line)]
            t = next((t for t in near if self._localised(s.dest, t.dest, locales, ctx)), None)
            t = t or next((t for t in near if _habitual(s.dest, t.dest, habit)), None)
            within = [t for t in near if points_within(t.dest, s.dest)]
            t = t or max(within, key=lambda t: _alike(s.dest, t.dest), default=None)
            if t is not None:
                missing.remove(s)
                extra.remove(t)
        # a URL the other page writes out (in code, as text), or a page of the site
        # itself that it links from the root; nor a link of a section the translation
        # made three times as long as the source's: its own text, not the source's
        missing = [s for s in missing if not _written(s.dest, page, locales)]
        extra = [t for t in extra if not _written(t.dest, pair.reference, locales)]
        extra = [t for t in extra if not pair.wrote_anew(t.line)]
        replaced: dict[tuple[str, str], list] = {}  # by the change made, wherever made
        lost = []
        for s in missing:
            near = [t for t in extra if pair.same_section(s.line, t.line)]
            if near:  # one link replaced by another: one finding
                t = max(near, key=lambda t: _alike(s.dest, t.dest))
                extra.remove(t)
                replaced.setdefault(_change(s.dest, t.dest), []).append((s, t))
            elif not _habitual(s.dest, _section(page, pair.where(s.line)[0]), habit):
                lost.append(s)
        # a site the locale's translations habitually link, where the sources do not
        extra = [t for t in extra if _domain(t.dest) not in habit.added]
        # a link added for the translation's readers, to a site of their country, or
        # left out, to a site of the source's readers' country
        extra = [t for t in extra if not _readers_site(t.dest, str(page.locale))]
        lost = [s for s in lost if not _readers_site(s.dest, locales[0], but=locales[1])]
        # a pointer into the project's own code, added for the translation's readers
        extra = [t for t in extra if not _own_project(t.dest, ctx)]
        # a link the other page has elsewhere is on that page for its readers: one more
        # or one fewer of a link is no reference lost or added
        theirs, ours = {key(link) for link in source}, {key(link) for link in target}
        lost = [s for s in lost if key(s) not in ours]
        extra = [t for t in extra if key(t) not in theirs]
        alone: dict[int, list] = {}  # changes made once, by the translation's section
        for links in replaced.values():
            s, t = links[0]
            if len(links) == 1:
                alone.setdefault(pair.source_line(t.line), []).append((s, t))
                continue
            message = f"link {t.dest} where the source has {s.dest}, and {len(links) - 1} "
            yield pair.at(t.line, t.column, message + "more changed the same way", s.line)
        for links in alone.values():
            s, t = links[0]
            message = f"link {t.dest} where the source has {s.dest}"
            if len(links) > 1:
                message += f", and {len(links) - 1} more links of this section replaced"
            yield pair.at(t.line, t.column, message, s.line, s.column)
        for links in _by_section(lost, lambda s: pair.where(s.line)).values():
            s = links[0]
            yield pair.missing(f"missing the source's {_listed(links)}", s.line, s.column)
        for links in _by_section(extra, lambda t: pair.source_line(t.line)).values():
            t = links[0]
            verb = "is" if len({link.dest for link in links}) == 1 else "are"
            yield pair.extra(f"{_listed(links)} {verb} not in the source", t.line, t.column)

    def _localised(self, source: str, translation: str, locales: list[str], ctx) -> bool:
        """Whether a link replaced in the same section is the source's target for
        the translation's readers."""
        if localised_pair(source, translation, locales):
            return True
        if _readers_site(translation, locales[1]) and not _readers_site(source, locales[1]):
            return True  # a site of the translation's readers' country, in its place
        if _translated_site(source, translation, locales[1]):
            return True  # the site in the reader's language, on a host of its own
        a, b = urlsplit(source), urlsplit(translation)
        hosts = a.hostname or "", b.hostname or ""
        if hosts[0] == hosts[1]:
            if _names_locale(translation, locales[1:]) and not _names_locale(source, locales):
                return True  # a page of the site in the reader's language, in its place
            return _renamed(source, translation, locales) or _sibling(source, translation, locales)
        if _site(source, locales) == _site(translation, locales):
            return True  # zh.wikipedia.org for en.wikipedia.org: titles are translated too
        a_neutral, b_neutral = (urlsplit(neutral_url(u, ())) for u in (source, translation))
        if len(a_neutral.path) > 1 and (a_neutral.path, a_neutral.query) == (
            b_neutral.path,
            b_neutral.query,
        ):
            return True  # a mirror or the vendor's site for that language
        in_repository = ("/blob/" in a.path) != ("/blob/" in b.path)
        if in_repository and _document(a.path) and _document(a.path) == _document(b.path):
            return True  # CONTRIBUTING.md in the repository, /contributing on the site
        if (domain(hosts[0]), domain(hosts[1])) in swapped_hosts(ctx):
            return True  # the translations' habit: the vendor's site for their readers
        for group in self.options.equivalent_hosts:
            names = [_named(h, group) for h in hosts]
            if None not in names and names[0] != names[1]:
                return True
        return False


def _any_branch(url: str) -> str:
    """``url`` with the branch of a repository file left out, when the branch names no
    version: the file is the same on `master` and `rolling`, not on `v1.3` and `v1.5`."""
    return _ON_BRANCH.sub(r"\1/*", url)


_ON_BRANCH = lazy(
    r"^(https?://(?:github\.com|gitlab\.com|gitee\.com|codeberg\.org)/[^/]+/[^/]+(?:/-)?"
    r"/(?:blob|tree|raw|edit))/[A-Za-z_-]+(?=[/#?]|$)"
)


def _renamed(source: str, translation: str, locales: list[str]) -> bool:
    """Whether a link of one site is the localised page with its name in the
    other language: one URL names a locale, and the two differ in one path
    segment only, one with a translated name or both with a word in common
    (`apple.com/zh-cn/guide/mchlp1066/mac`, `apple.com/guide/allow-remote-mchlp1066/mac`)."""
    urls = [u.partition("#")[0] for u in (source, translation)]
    if all(neutral_url(u, locales) == neutral_url(u, ()) for u in urls):
        return False  # neither names a locale
    a, b = (urlsplit(neutral_url(u, locales)) for u in urls)
    if (a.netloc, a.query) != (b.netloc, b.query):
        return False
    changed = [(x, y) for x, y in zip(a.path.split("/"), b.path.split("/"), strict=False) if x != y]
    if len(a.path.split("/")) != len(b.path.split("/")) or len(changed) != 1:
        return False
    (x, y), words = changed[0], (set(_WORD.findall(part)) for part in changed[0])
    return not (x.isascii() and y.isascii()) or bool(next(words) & next(words))


def _names_locale(url: str, locales: list[str]) -> bool:
    """Whether ``url`` names one of ``locales`` (`/zh-Hans/docs/`, `zh.site.org`)."""
    return neutral_url(url, locales) != neutral_url(url, ())


def _sibling(source: str, translation: str, locales: list[str]) -> bool:
    """Whether the source links a file named for its language (`console/en_index.html`)
    and the translation another file of that folder (`console/ng_index.html`)."""
    a, b = (urlsplit(u).path.split("/") for u in (source, translation))
    if len(a) != len(b) or a[:-1] != b[:-1] or a[-1] == b[-1]:
        return False
    name = "http://site/" + a[-1]
    return neutral_url(name, locales[:1]) != neutral_url(name, ())


_WORD = lazy(r"[a-z0-9]{4,}", re.IGNORECASE)


def _by_section(links: list, section) -> dict:
    """``links`` by their section; a URL found in several sections goes with its
    first: the same link added or dropped throughout the page is one finding."""
    first: dict[str, object] = {}
    grouped: dict = {}
    for link in links:
        where = first.setdefault(link.dest, section(link))
        grouped.setdefault(where, []).append(link)
    return grouped


def _habitual(source: str, translation: str, habit: Habits) -> bool:
    """Whether a link left out, and a link or text put in its place, follow the
    locale's habit: a site its translations leave out (`discord.gg`), or one they
    link instead (`www.bilibili.com/video/BV1M54y1z7jo` where the source has
    `youtu.be/WChYr6z7EpY`)."""
    return _domain(source) in habit.dropped or not habit.added.isdisjoint(domains(translation))


def _domain(url: str) -> str:
    return domain(urlsplit(url).hostname or "")


def _badges(page) -> set[int]:
    """The links whose content is a badge (`[![license](https://img.shields.io/...)](...)`):
    decoration, not a reference."""
    return {id(link) for link, image in linked_images(page) if _BADGE.search(image.dest)}


_BADGE = lazy(r"^https?://(?:img\.shields\.io|badgen\.net|badge\.fury\.io)/|badge\.svg(?:\?|$)")


def _well_formed(url: str) -> bool:
    """Whether ``url`` can be taken apart (`https://[::1/x`, its bracket never
    closed, cannot: the link rules report it, and it is no reference to compare)."""
    if "[" not in url and "]" not in url:
        return True
    try:
        urlsplit(url)
    except ValueError:
        return False
    return True


def _local(url: str) -> bool:
    """Whether ``url`` is an address on the reader's own machine or network
    (`http://localhost:8080/`, `http://192.168.1.10/`): what a command serves
    there, not a reference. (It runs for every link: names are told apart by
    their first character, and only an address is parsed.)"""
    host = url.split("/", 3)[2].rpartition("@")[2].lower() if url.count("/") >= 2 else ""
    if host[:1].isalpha():
        name = host.partition(":")[0].rstrip(".")
        return name == "localhost" or name.endswith((".localhost", ".local"))
    try:
        return not ipaddress.ip_address(urlsplit(url).hostname or "").is_global
    except ValueError:
        return False


# the country a language's readers most often are in, where its locale names none
_COUNTRY = {"zh": "cn", "ja": "jp", "ko": "kr", "uk": "ua", "vi": "vn", "fa": "ir",
            "he": "il", "cs": "cz", "sv": "se", "da": "dk", "el": "gr"}  # fmt: skip


# sites under a generic domain whose readers are, almost all, in one country
_PLATFORMS = {
    "cn": ("bilibili.com", "b23.tv", "zhihu.com", "qq.com", "cloud.tencent.com", "aliyun.com",
           "dnspod.com", "bagevent.com", "csdn.net", "oschina.net", "gitee.com", "baidu.com",
           "weibo.com", "douyin.com", "jianshu.com", "cnblogs.com", "segmentfault.com",
           "huaweicloud.com", "toutiao.com", "xiaohongshu.com", "163.com"),
    "jp": ("qiita.com", "zenn.dev", "note.com", "connpass.com", "hatenablog.com"),
    "kr": ("naver.com", "tistory.com", "velog.io", "kakao.com"),
    "ru": ("habr.com", "vk.com", "yandex.com"),
}  # fmt: skip


def _readers_site(url: str, locale: str, but: str = "") -> bool:
    """Whether ``url`` is a site of the country of ``locale``'s readers, by its
    country domain (`restfulapi.cn` for `zh-CN`, `example.de` for `de`) or as a
    platform of that country (`bilibili.com`, `qiita.com`), and not of the
    readers of locale ``but``."""
    country = _country(locale)
    if len(country) != 2 or country == _country(but):
        return False
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    names = ("." + country, *(f".{name}" for name in _PLATFORMS.get(country, ())))
    return ("." + host).endswith(names)


def _translated_site(source: str, translation: str, locale: str) -> bool:
    """Whether the translation links, in place of the source's site, that site's
    translation on a host of its own: a host named for the locale's language and
    for the site (`pinia-ru.netlify.app` for `pinia.vuejs.org` in a `ru` page)."""
    names = [_host_names(url) for url in (source, translation)]
    language = locale.lower().replace("_", "-").partition("-")[0]
    return (
        language in names[1]
        and language not in names[0]
        and any(len(name) >= 4 for name in names[0] & names[1] - _HOSTING)
    )


def _host_names(url: str) -> set[str]:
    """The words of a URL's host name, its top-level domain aside."""
    host = (urlsplit(url).hostname or "").lower()
    return set(re.split(r"[.-]", host.rpartition(".")[0])) if "." in host else set()


# hosting services: a name two sites share there says nothing of them
_HOSTING = frozenset(
    {"www", "docs", "github", "gitlab", "netlify", "vercel", "pages", "readthedocs"}
)


def _country(locale: str) -> str:
    language, _, region = locale.lower().replace("_", "-").partition("-")
    return region if len(region) == 2 else _COUNTRY.get(language, language)


def _own_project(url: str, ctx) -> bool:
    """Whether ``url`` is a repository of the project's own organization on GitHub
    (the one its source pages link most, from three pages or more)."""
    found = _ORG.match(url)
    return found is not None and found[1].casefold() == _project_org(ctx)


def _project_org(ctx) -> str:
    def build() -> str:
        pages: Counter[str] = Counter()
        for page in pairing(ctx).sources:
            pages.update({org.casefold() for org in _ORG.findall(page.text)})
        best = pages.most_common(1)
        return best[0][0] if best and best[0][1] >= 3 else ""

    return ctx.memo("link-mismatch.project-org", build)


_ORG = lazy(r"https?://github\.com/([\w.-]+)/[\w.-]+", re.IGNORECASE)


def _section(page, line: int) -> str:
    """The text of the section of ``page`` that starts at or holds ``line``."""
    end = next((h.line for h in page.headings if h.line > line), None)
    return "\n".join(page.lines(line, end))


def _alike(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _change(old: str, new: str) -> tuple[str, str]:
    """What differs between two URLs, their common start and end left out:
    ``apache/issues/417`` to ``apache/eventmesh/issues/417`` is ``('', 'eventmesh/')``."""
    start = _common(old, new)
    end = _common(old[start:][::-1], new[start:][::-1])
    return old[start : len(old) - end], new[start : len(new) - end]


def _common(a: str, b: str) -> int:
    """The length of the start ``a`` and ``b`` share."""
    pairs = enumerate(zip(a, b, strict=False))
    return next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))


def _times(count: int) -> str:
    return f" ({count} times)" if count > 1 else ""


def _listed(links: list) -> str:
    """``link A``, ``links A and B``, ``links A, B and 3 more`` (one section's)."""
    urls = list(dict.fromkeys(link.dest for link in links))
    if len(urls) == 1:
        return f"link {urls[0]}{_times(len(links))}"
    if len(urls) == 2:
        return f"links {urls[0]} and {urls[1]}"
    return f"links {urls[0]}, {urls[1]} and {len(urls) - 2} more"


def _written(url: str, other, locales: list[str]) -> bool:
    """Whether the other page has ``url`` in its text (a repository also in the form
    `git clone` takes over SSH), or links to its page from the site's root
    (``/docs/installation`` for ``https://kb.example.org/docs/installation``)."""
    if re.search(re.escape(url.rstrip("/")) + r"/?(?![\w%/.~?#=&+-])", other.text):
        return True
    clone = _SSH_FORM.match(url)  # `https://github.com/o/r` is `git@github.com:o/r.git` too
    if clone:
        ssh = rf"git@{re.escape(clone[1])}:{re.escape(clone[2])}(?:\.git)?(?![\w-])"
        if re.search(ssh, other.text):
            return True
    path = _path(url, locales)
    return bool(path) and any(
        link.dest.startswith("/")
        and not link.dest.startswith("//")
        and _path("http://site" + link.dest, locales) == path
        for link in other.links
    )


_SSH_FORM = lazy(
    r"https?://((?:github|gitlab|gitee|codeberg)\.(?:com|org))/([\w.-]+/[\w.-]+?)(?:\.git)?/?$"
)


def _path(url: str, locales: list[str]) -> str:
    return neutral_url(url.partition("#")[0], locales).partition("://")[2].partition("/")[2]


_GENERIC = {"", "index", "readme", "docs", "doc", "home", "main", "master", "latest", "en", "zh"}


def _document(path: str) -> str:
    """The name of the document a path ends in, as a site and a repository spell
    it: `CODE_OF_CONDUCT.md` and `code-of-conduct/` are both `code-of-conduct`."""
    name = path.rstrip("/").rpartition("/")[2].lower()
    name = name.rpartition(".")[0] if "." in name else name
    name = name.replace("_", "-")
    return "" if name in _GENERIC or len(name) < 4 else name


def _site(url: str, locales: list[str]) -> str:
    """The host of ``url``, with a language subdomain and ``www.`` left out."""
    return neutral_url(url, locales).partition("://")[2].partition("/")[0].removeprefix("www.")


def _named(host: str, names: list[str]) -> str | None:
    """The name of ``names`` that ``host`` is, or is a subdomain of."""
    return next((n for n in names if host == n or host.endswith("." + n)), None)
