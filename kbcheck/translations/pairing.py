"""Which translation belongs to which source page: built once per run.

Pages are paired by the key the layout gives them (:meth:`kbcheck.sites.Site.locate`:
the path without locale and extension, so ``.md`` pairs with ``.mdx``), or by
the value of a frontmatter key when ``translations.pair_key`` is set, so that
pages whose paths differ can still be paired. A part of the site (a docs
version, the blog) that a locale translates not at all, while it translates
others, is left out of that locale on purpose, like ``[translations] untranslated``;
so is a page no locale translates where two locales or more translate nearly
every page that some locale translates (FastAPI's release notes and API reference).
A page of the source locale is a source; a page of any other locale is a
translation; pages outside every locale are left alone. A translation still
in its source's language (:mod:`kbcheck.translations.copies`) counts as missing.

    pairs = pairing(ctx)          # shared by every rule of the run
    pairs.source_of(page)         # the source of a translation, or None
    pairs.coverage("en")          # percent of source pages translated
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from kbcheck.config import Config
from kbcheck.corpus import Corpus
from kbcheck.globs import matches
from kbcheck.page import Page
from kbcheck.sites import MARKDOWN_SUFFIXES, site_of

if TYPE_CHECKING:
    from kbcheck.context import Context


@dataclass
class Pairing:
    """Source pages, translations, and the links between them."""

    source_locale: str
    locales: list[str]  # the translation locales, source locale excluded
    sources: list[Page] = field(default_factory=list)  # sorted by path
    translations: list[Page] = field(default_factory=list)
    orphans: list[Page] = field(default_factory=list)  # translations without a source
    _translation_rels: set[str] = field(default_factory=set)
    _source: dict[str, Page] = field(default_factory=dict)  # translation rel -> source
    _translated: dict[str, dict[str, Page]] = field(default_factory=dict)  # source rel -> ...
    _on_purpose: dict[str, set[str]] = field(default_factory=dict)  # locale -> source rels
    _missing: dict[str, list[Page]] = field(default_factory=dict)  # locale -> source pages
    parts: dict[str, str] = field(default_factory=dict)  # source rel -> part of the site
    _parts_missing: dict[tuple[str, str], tuple[list[Page], int]] = field(default_factory=dict)
    _folders: dict[tuple[str, str], dict[str, list[Page]]] = field(default_factory=dict)
    _copies: dict[str, bool] = field(default_factory=dict)  # translation rel -> a copy?

    def source_of(self, translation: Page) -> Page | None:
        return self._source.get(translation.rel)

    def translations_of(self, source: Page) -> dict[str, Page]:
        """The translations of a source page, by locale."""
        return self._translated.get(source.rel, {})

    def is_source(self, page: Page) -> bool:
        return page.locale == self.source_locale and page.rel in self._translated

    def is_translation(self, page: Page) -> bool:
        return page.rel in self._translation_rels

    def is_orphan(self, page: Page) -> bool:
        return page.rel in self._translation_rels and page.rel not in self._source

    def is_copy(self, translation: Page) -> bool:
        """Whether a translation is a copy of its source, not translated yet
        (:mod:`kbcheck.translations.copies`): it counts as missing."""
        known = self._copies.get(translation.rel)
        if known is None:
            from kbcheck.translations.copies import is_copy  # code.py reads the pairing

            source = self._source.get(translation.rel)
            known = source is not None and is_copy(source, translation)
            self._copies[translation.rel] = known
        return known

    def copies_known(self) -> dict[str, bool]:
        """Which translations were found copies or not so far, by path."""
        return dict(self._copies)

    def adopt_copies(self, known: dict[str, bool]) -> None:
        """What another process found (:mod:`.handover`); what is known here stays."""
        for rel, copy in known.items():
            self._copies.setdefault(rel, copy)

    def copy_of(self, source: Page, locale: str) -> Page | None:
        """The translation of ``source`` into ``locale``, when it is a copy of it."""
        translation = self._translated.get(source.rel, {}).get(locale)
        return translation if translation is not None and self.is_copy(translation) else None

    def missing(self, locale: str) -> list[Page]:
        """Source pages without a translation into ``locale``, or with a copy of
        them, by path (less those ``[translations] untranslated`` declares aside)."""
        missing = self._missing.get(locale)
        if missing is None:
            skip = self._on_purpose.get(locale, set())
            missing = self._missing[locale] = [
                s
                for s in self.sources
                if s.rel not in skip
                and ((t := self._translated[s.rel].get(locale)) is None or self.is_copy(t))
            ]
        return missing

    def missing_in(self, locale: str, part: str) -> tuple[list[Page], int]:
        """The source pages of a part of the site (a docs version, the blog) that
        ``locale`` lacks, and how many it is to translate there."""
        key = (locale, part)
        if key not in self._parts_missing:
            skip = self._on_purpose.get(locale, set())
            expected = sum(self.parts[s.rel] == part and s.rel not in skip for s in self.sources)
            missing = [s for s in self.missing(locale) if self.parts[s.rel] == part]
            self._parts_missing[key] = missing, expected
        return self._parts_missing[key]

    def untouched_folder(
        self, locale: str, source: Page, aside: Container[str] = ()
    ) -> tuple[str, list[Page]] | None:
        """The widest folder holding ``source`` of which ``locale`` translates none of
        the pages, at least ``FOLDER_PAGES`` of them, in a part of the site it has
        started, and the pages it lacks there; None when there is no such folder.
        Pages ``aside`` (the same for every call) count neither way."""
        key = (locale, self.parts[source.rel])
        if key not in self._folders:
            self._folders[key] = self._untouched(locale, key[1], aside)
        untouched = self._folders[key]
        for folder in reversed(_folders_of(source.rel)):  # the widest first
            if folder in untouched:
                return folder, untouched[folder]
        return None

    def _untouched(self, locale: str, part: str, aside: Container[str]) -> dict[str, list[Page]]:
        """The folders of ``part`` that ``locale`` leaves all out, with their pages."""
        missing, expected = self.missing_in(locale, part)
        missing = [s for s in missing if s.rel not in aside]
        lacking = {s.rel for s in missing}
        skip = self._on_purpose.get(locale, set())
        counts: dict[str, list[int]] = {}  # folder -> [pages to translate, pages lacking]
        for s in self.sources:
            if self.parts[s.rel] == part and s.rel not in skip and s.rel not in aside:
                for folder in _folders_of(s.rel):
                    count = counts.setdefault(folder, [0, 0])
                    count[0] += 1
                    count[1] += s.rel in lacking
        untouched: dict[str, list[Page]] = {}
        for s in missing:  # by path, as the sources are
            for folder in _folders_of(s.rel):
                total, left = counts[folder]
                if FOLDER_PAGES <= total == left < expected:
                    untouched.setdefault(folder, []).append(s)
        return untouched

    def left_out(self, source: Page, locale: str) -> bool:
        """Whether ``[translations] untranslated`` leaves ``source`` out of ``locale``."""
        return source.rel in self._on_purpose.get(locale, ())

    def untranslated(self, locale: str) -> list[Page]:
        """Source pages ``locale`` does not translate on purpose, and does not."""
        skip = self._on_purpose.get(locale, set())
        return [s for s in self.sources if s.rel in skip and locale not in self._translated[s.rel]]

    def expected(self, locale: str) -> int:
        """Source pages ``locale`` is to translate."""
        return len(self.sources) - len(self.untranslated(locale))

    def coverage(self, locale: str) -> float:
        """Percent of the pages ``locale`` is to translate that it does (100 when none)."""
        expected = self.expected(locale)
        if not expected:
            return 100.0
        return 100.0 * (expected - len(self.missing(locale))) / expected


def build_pairing(config: Config, corpus: Corpus) -> Pairing:
    """Pair every translation of the corpus with its source page."""
    source_locale = config.source_locale
    locales = [loc for loc in corpus.locales() if loc != source_locale]
    result = Pairing(source_locale, locales)
    by_key: dict[str, Page] = {}
    by_pair: dict[str, Page] = {}
    pair_key = config.translations.pair_key
    for page in sorted(corpus.pages, key=lambda p: p.rel):
        if page.locale == source_locale:
            result.sources.append(page)
            result._translated[page.rel] = {}
            by_key.setdefault(page.key, page)
            value = _pair_value(page, pair_key)
            if value is not None:
                by_pair.setdefault(value, page)
        elif page.locale in locales:
            result.translations.append(page)
            result._translation_rels.add(page.rel)
    doubles: set[str] = set()
    for page in result.translations:
        value = _pair_value(page, pair_key)
        source = (by_pair.get(value) if value is not None else None) or by_key.get(page.key)
        if source is None:
            result.orphans.append(page)
            continue
        locale = str(page.locale)
        first = result._translated[source.rel].get(locale)
        if first is not None:  # two files of one page (KB014 reports them): the pair is
            # the one written as the source is (`.mdx`), the other is compared with nothing
            keep, drop = (page, first) if _suffix(page) == _suffix(source) else (first, page)
            doubles.add(drop.rel)
            del result._source[first.rel]
            page = keep
        result._source[page.rel] = source
        result._translated[source.rel][locale] = page
    if doubles:
        result.translations = [p for p in result.translations if p.rel not in doubles]
        result._translation_rels -= doubles
    site = site_of(config)
    parts = result.parts = {s.rel: site.part_of(s.rel) for s in result.sources}
    left_alone = _left_alone(result)
    for locale in locales:
        globs = config.translations.untranslated_in(locale)
        skip = {s.rel for s in result.sources if globs and matches(s.rel, globs)} | left_alone
        # a part of the site (a docs version, the blog) that a locale which translates
        # other parts translates not at all is left out on purpose, not missing page by page
        done = {parts[s.rel] for s in result.sources if locale in result._translated[s.rel]}
        if done:
            skip |= {rel for rel, part in parts.items() if part not in done}
        if skip:
            result._on_purpose[locale] = skip
    return result


FOLDER_PAGES = 5  # pages of a folder, at least, that a locale leaving it all out lacks as one


def _folders_of(rel: str) -> list[str]:
    """The folders holding a path, the nearest first: `a/b/c.md` -> [`a/b`, `a`]."""
    parts = rel.split("/")[:-1]
    return ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]


def _left_alone(pairs: Pairing) -> set[str]:
    """Source pages no locale translates, where most pages are translated and two
    locales or more translate nine in ten of them: pages the site keeps in the
    source language on purpose, not pages its translators have yet to reach
    (translators who pick their pages leave different ones untranslated)."""
    translated = [rel for rel, done in pairs._translated.items() if done]
    if 2 * len(translated) <= len(pairs.sources):
        return set()
    thorough = [
        locale
        for locale in pairs.locales
        if 10 * sum(locale in pairs._translated[rel] for rel in translated) >= 9 * len(translated)
    ]
    if len(thorough) < 2:
        return set()
    return {rel for rel, done in pairs._translated.items() if not done}


def _suffix(page: Page) -> str:
    return page.rel.rpartition(".")[2]


def _pair_value(page: Page, key: str | None) -> str | None:
    if not key:
        return None
    value: Any = page.data.get(key)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value).strip() or None


def pairing(ctx: Context) -> Pairing:
    """The pairing of the run's corpus, built once and shared between rules."""
    return ctx.memo("translations.pairing", lambda: build_pairing(ctx.config, ctx.corpus))


def expected_sources(rel: str, config: Config) -> list[str]:
    """Where the source of the translation at ``rel`` would be (config-relative paths).

    Used to explain an orphan: the file that is missing, and where git says it went.
    """
    suffix = PurePosixPath(rel).suffix
    first = suffix if suffix in MARKDOWN_SUFFIXES else ".md"
    return [
        f"{name}{s}"
        for name in site_of(config).expected_sources(rel)
        for s in (first, *(s for s in MARKDOWN_SUFFIXES if s != first))
    ]
