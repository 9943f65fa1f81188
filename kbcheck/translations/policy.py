"""Per-field translation policy, and locale-neutral URLs.

A field's policy comes from its page type (``FieldSpec.translation``): ``same``
must be equal in every locale, ``translate`` must be translated, ``translation-only``
may appear only in translations, ``free`` is not checked. The record key
(``translations.record_key``) is always ``translation-only``. Rules add fields
of their own through their ``fields`` option.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from kbcheck.lazyre import lazy
from kbcheck.page import Page

if TYPE_CHECKING:
    from kbcheck.context import Context

_LANG_PARAMS = {"hl", "lang", "language", "locale", "lng", "uselang", "setlang"}
_TAG = lazy(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*")
# country codes that name a language in folder names (`docs/cn/`, `docs/en/`)
_SEPARATOR = lazy(r"([-_.])")
_HTML = lazy(r"(?:/index)?\.html?$")
_ALIASES = {"cn": "zh", "chs": "zh", "cht": "zh", "jp": "ja", "kr": "ko", "us": "en"}


def fields_with(
    ctx: Context, policy: str, pages: Iterable[Page], extra: Iterable[str] = ()
) -> list[str]:
    """The top-level fields with ``policy`` in the page types of ``pages``, plus ``extra``."""
    names = dict.fromkeys(extra)
    for page in pages:
        page_type = ctx.page_type(page)
        for name, spec in (page_type.fields if page_type else {}).items():
            if spec.translation == policy:
                names.setdefault(name)
    if policy == "translation-only":
        names.setdefault(ctx.config.translations.record_key)
    return list(names)


def comparable(value: Any) -> Any:
    """A frontmatter value as compared across locales: numbers and numeric strings
    alike (Docusaurus converts them), lists as unordered collections."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return float(text)
        except ValueError:
            return text
    if isinstance(value, list):
        return tuple(sorted(repr(comparable(item)) for item in value))
    if isinstance(value, dict):
        return tuple(sorted((str(k), repr(comparable(v))) for k, v in value.items()))
    return repr(value)


def neutral_url(url: str, locales: Iterable[str], *, names: bool = True) -> str:
    """See :func:`_neutral` (kept: a page with many links compares them pair by pair)."""
    return _neutral(url, tuple(locales), names)


@lru_cache(maxsize=1 << 16)
def _neutral(url: str, locales: tuple[str, ...], names: bool) -> str:
    """``url`` with locale parts replaced, so ``https://zh.wikipedia.org/...`` and
    ``https://en.wikipedia.org/...`` compare equal, as do ``cn.vuejs.org`` and ``vuejs.org``,
    ``/zh-cn/docs/``, ``/en-us/docs/``, ``/docs/cn/`` and ``/docs`` paths, ``?hl=zh``
    queries, and locale words in a name (``oryx-zh.tar.gz``, ``#guide-cn``; not with
    ``names=False``: an image ``chart-zh.png`` is the localised copy of ``chart-en.png``,
    another picture); ``/api/``, ``/api/index.html`` and ``/ssr``, ``/ssr.html`` are one
    page."""
    langs = {loc.lower().replace("_", "-").split("-")[0] for loc in locales}
    langs |= {_ALIASES[lang] for lang in langs if lang in _ALIASES}  # a site's `cn` is `zh`
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()

    def is_locale(word: str) -> bool:
        word = word.lower()
        if not _TAG.fullmatch(word):
            return False
        lang = re.split("[-_]", word)[0]
        return _ALIASES.get(lang, lang) in langs

    host = parts.netloc.lower()
    labels = host.split(".")
    if len(labels) > 2 and is_locale(labels[0]):
        labels = labels[1:]  # cn.vuejs.org is the localised vuejs.org
    # a locale folder is left out: /zh-cn/docs/x is the localised /docs/x; a
    # trailing slash, index.html or .html is the same page
    words = _unlocalised if names else lambda name, _: name
    path = "/".join(words(seg, is_locale) for seg in parts.path.split("/") if not is_locale(seg))
    path = _HTML.sub("", path).rstrip("/")
    query = [  # a language parameter is left out: ?hl=zh is the localised page
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _LANG_PARAMS
    ]
    return urlunsplit(
        (
            parts.scheme.lower(),
            ".".join(labels),
            path,
            urlencode(query),
            words(parts.fragment, is_locale),
        )
    )


def _unlocalised(name: str, is_locale: Callable[[str], bool]) -> str:
    """``name`` without its locale words: ``oryx-zh.tar.gz`` is ``oryx.tar.gz``,
    ``guide-cn`` is ``guide``."""
    words = _SEPARATOR.split(name)  # word, separator, word, ...
    pieces = list(zip(["", *words[1::2]], words[::2], strict=True))
    kept = [(sep, word) for sep, word in pieces if not is_locale(word)]
    if len(kept) == len(pieces) or not kept:
        return name
    return kept[0][1] + "".join(sep + word for sep, word in kept[1:])


def localised_pair(source: str, translation: str, locales: Iterable[str]) -> bool:
    """Whether two URLs are one page in two languages: equal once locale parts are
    left out, and different before (a fragment may differ: it names a heading
    in that locale's words)."""
    a, b = source.partition("#")[0], translation.partition("#")[0]
    return a != b and neutral_url(a, locales) == neutral_url(b, locales)


def points_within(translation: str, source: str) -> bool:
    """Whether the translation's link points within what the source's does: the same
    site (or a subdomain of it), and the source's path with segments left out
    (`github.com/o/r/` or `github.com/o/issues/4` for `github.com/o/r/issues/4`).
    The source lost part of that link, and has nothing to give the translation.
    A URL that cannot be taken apart (`https://[::1/x`) leads within nothing."""
    try:
        a, b = urlsplit(source), urlsplit(translation)
    except ValueError:
        return False
    hosts = ((a.hostname or "").removeprefix("www."), (b.hostname or "").removeprefix("www."))
    if not hosts[0] or not (hosts[0] == hosts[1] or hosts[1].endswith("." + hosts[0])):
        return False
    shorter, longer = ([x for x in u.path.split("/") if x] for u in (a, b))
    rest = iter(longer)
    return len(shorter) < len(longer) and all(x in rest for x in shorter)


def repository_left_out(url: str) -> bool:
    """Whether ``url`` is a page of a GitHub repository with the repository left out
    (`github.com/apache/issues/417`): a link the source broke, which a translation
    is right not to follow."""
    return _NO_REPOSITORY.match(url) is not None


_NO_REPOSITORY = lazy(
    r"https?://(?:www\.)?github\.com/[^/\s]+/(?:issues|pull|pulls|blob|tree|commit|releases)/"
)
