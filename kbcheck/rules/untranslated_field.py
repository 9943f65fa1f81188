from collections.abc import Iterable
from dataclasses import dataclass, field

from kbcheck.diagnostics import Finding, Location, Severity
from kbcheck.lazyre import lazy
from kbcheck.rules.base import PageRule
from kbcheck.sites.detect import expected_script, script_of
from kbcheck.translations.pairing import pairing
from kbcheck.translations.policy import fields_with
from kbcheck.validation import STRICT


@dataclass
class Options:
    """The options of untranslated-field."""

    __pydantic_config__ = STRICT
    fields: list[str] = field(
        default_factory=list
    )  # more fields to translate, besides the schema's
    allow: list[str] = field(
        default_factory=list
    )  # values that may stay as they are (names, acronyms)


class UntranslatedField(PageRule):
    """A field that should be translated is identical to the source.

    The fields are those the page type marks `translation: translate` (the
    Docusaurus preset: `title`, `description`, `sidebar_label`,
    `pagination_label`), plus the rule's `fields` option. Values without any
    letter (`2024`, `v1.2`) and values listed in `allow` are not reported;
    nor is a page whose text is not translated either (the same text as the
    source, or in the source's script where the locale has another): a blog
    post copied as it is into the locale's folder; nor a value the translated
    text itself uses as it is, outside headings (a name: `API`, `Nerd Fonts`),
    nor a value made of names only: acronyms and words with a capital inside
    (`RTMP ATC`, `RaspBerryPi`), nor a value of a page whose h1 is that value
    or the source's h1 as it is (case and spaces aside): a page that keeps its
    name in the source's words on purpose.
    A value that several fields keep (`title` and `sidebar_label`) is one
    finding.

    ## Why
    A title left in the source language shows up in the sidebar, the browser
    tab and search results of the translated site.

    ## Bad
    ```
    # content/zh/rag.md        # content/en/rag.md
    title: 检索增强生成          title: 检索增强生成
    ```

    ## Good
    ```
    title: 检索增强生成          title: Retrieval-augmented generation
    ```

    ## Options
    `fields`: more fields to check. `allow`: values that are the same in every
    language (product names: `allow = ["LangChain"]`).
    """

    code = "KB505"
    name = "untranslated-field"
    severity = Severity.WARNING
    Options = Options

    def check(self, page, ctx) -> Iterable[Finding]:
        pairs = pairing(ctx)
        source = pairs.source_of(page)
        if source is None or page.frontmatter is None or source.frontmatter is None:
            return
        if pairs.is_copy(page):
            return  # a copy of the source, not translated, is KB501's
        allowed = {value.strip() for value in self.options.allow}
        same: dict[str, list[str]] = {}  # value -> the fields that keep it
        for name in fields_with(ctx, "translate", (page, source), self.options.fields):
            mine, theirs = page.data.get(name), source.data.get(name)
            if not isinstance(mine, str) or not isinstance(theirs, str):
                continue
            value = mine.strip()
            if value != theirs.strip() or value in allowed or not any(c.isalpha() for c in value):
                continue
            if _in_script_of(value, str(page.locale), ctx.config.source_locale):
                continue  # the source already says it in this locale's script
            if _used_in_text(value, page) or _a_name(value):
                continue  # a name the translated text keeps as it is (`API`, `Nerd Fonts`)
            if _kept_name(value, page, source):
                continue  # the page keeps its name, h1 too, in the source's words
            same.setdefault(value, []).append(name)
        if not same or _untranslated(page, source, ctx.config.source_locale):
            return  # the whole page is; a title that says so too is no separate finding
        for value, names in same.items():  # a title and a sidebar_label alike: one finding
            pos = page.frontmatter.position((names[0],))
            other = source.frontmatter.position((names[0],))
            fields = " and ".join(names)
            verb, pronoun = ("are", "them") if len(names) > 1 else ("is", "it")
            yield Finding(
                pos.value_line,
                pos.value_column,
                f"{fields} {value!r} {verb} the same as in the source; translate {pronoun}",
                related=(Location(source.path, other.value_line, other.value_column),),
            )


def _kept_name(value: str, page, source) -> bool:
    """Whether the page's h1 is ``value``, or the source's h1 as it is (case and
    spaces aside: `GIT`, `OriginCluster`): the page keeps its name on purpose."""
    mine = _h1(page)
    return mine is not None and mine in (_squeezed(value), _h1(source))


def _h1(page) -> str | None:
    return next((_squeezed(h.text) for h in page.headings if h.level == 1), None)


def _squeezed(text: str) -> str:
    return "".join(text.lower().split())


def _untranslated(page, source, source_locale: str) -> bool:
    """Whether the page's text is still its source's: the same, or (between locales
    written in different scripts) in the source's script."""
    mine = page.source[page.body_start :].decode("utf-8", "replace")
    theirs = source.source[source.body_start :].decode("utf-8", "replace")
    if mine.split() == theirs.split():
        return True
    script = expected_script(source_locale)
    return expected_script(str(page.locale)) != script and script_of(mine) == script


def _a_name(value: str) -> bool:
    """Whether ``value`` is made of names only: acronyms (`RTMP ATC`, `SRT URL`) and
    words with a capital inside (`RaspBerryPi`, `VitePress`); no language translates them."""
    return all(_NAME.fullmatch(word) for word in _WORDS.split(value) if word)


_WORDS = lazy(r"[\s/-]+")
_NAME = lazy(r"[A-Z0-9.+]*[A-Z][A-Z0-9.+]*|[A-Z]?[a-z0-9]+(?:[A-Z][a-z0-9]*)+")


def _used_in_text(value: str, page) -> bool:
    """Whether the page's text, headings aside, has ``value`` as it is."""
    body = page.source[page.body_start :].decode("utf-8", "replace")
    return any(value in line for line in body.splitlines() if not line.lstrip().startswith("#"))


def _in_script_of(value: str, locale: str, source_locale: str) -> bool:
    """Whether ``value`` is written in the script of ``locale`` (and not of the source's)."""
    mine = expected_script(locale)
    return mine != expected_script(source_locale) and script_of(value) == mine
