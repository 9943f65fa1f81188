"""What a knowledge base's own files say about it, so that it needs no configuration.

- A Docusaurus site: ``docusaurus.config.{js,mjs,cjs,ts,mts}`` in the folder,
  one of its parents, or a folder up to two levels below it (``website/``,
  ``apps/docs-site/``). Its literal values are read without Node
  (:mod:`kbcheck.sites.jsliteral`), with ``versions.json`` and the
  ``i18n/<locale>/`` folders on disk; a value that is not a literal falls back
  to Docusaurus's default, with a note saying so.
- A Hugo site: ``hugo.toml``, ``config.toml`` (or YAML) or ``config/_default/`` with
  Hugo's keys, in the folder or one right below it (:mod:`kbcheck.sites.hugo`):
  the languages' ``contentDir`` folders and ``defaultContentLanguage``.
- Otherwise ``<locale>/`` folders, or ``page.<locale>.md`` files beside
  ``page.md``, in the content folder: ``content/`` unless the configuration
  names one, else MkDocs's ``docs_dir`` (``mkdocs.yml``), a VitePress source
  folder (the one holding ``.vitepress/``) or ``docs/``.

The result is configuration values (keys of :class:`kbcheck.config.Config`) and
notes for the user; the configuration file overrides any of them.
"""

from __future__ import annotations

import locale
import os
import re
from pathlib import Path
from typing import Any

from kbcheck.lazyre import lazy
from kbcheck.sites.jsliteral import NOT_LITERAL, literal_after, tokens

CONFIG_FILES = tuple(f"docusaurus.config.{ext}" for ext in ("ts", "mts", "js", "mjs", "cjs"))
_DOCS_PLUGINS = ("@docusaurus/plugin-content-docs", "content-docs")
_PRESETS = ("classic", "@docusaurus/preset-classic")
_LOCALE = lazy(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_SKIP = {"node_modules", "build", "dist", "static", "src", "public"}
# (setting in [docusaurus], option in the docs plugin, Docusaurus's default)
_DOCS_OPTIONS = (
    ("docs_path", "path", "docs"),
    ("route_base_path", "routeBasePath", "docs"),
    ("last_version", "lastVersion", None),
    ("only_include_versions", "onlyIncludeVersions", None),
    ("include_current_version", "includeCurrentVersion", True),
)


class Detected:
    """Configuration values found on disk, where each came from, and notes for the user."""

    __slots__ = ("notes", "origins", "root", "values")

    def __init__(self, root: Path) -> None:
        self.root = root
        self.values: dict[str, Any] = {}
        self.origins: dict[str, str] = {}  # dotted key -> where
        self.notes: list[str] = []

    def set(self, key: str, value: Any, origin: str) -> None:
        table, _, name = key.rpartition(".")
        (self.values.setdefault(table, {}) if table else self.values)[name] = value
        self.origins[key] = origin


def find_docusaurus(start: Path, stop: Path | None = None) -> Path | None:
    """The Docusaurus config file for ``start``: in it or a parent (up to ``stop``),
    else in a folder up to two levels below it."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            if (folder / name).is_file():
                return folder / name
        if folder == stop or (folder / ".git").exists():
            break
    below = _folders_below(start)
    for level in (below, [deeper for sub in below for deeper in _folders_below(sub)]):
        for folder in level:
            for name in CONFIG_FILES:
                if (folder / name).is_file():
                    return folder / name
    return None  # a site two folders down is found too (a monorepo's apps/docs)


def _folders_below(folder: Path) -> list[Path]:
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.is_dir())
    except OSError:
        return []
    return [folder / n for n in names if not n.startswith(".") and n not in _SKIP]


def detect_docusaurus(config_file: Path, root: Path) -> Detected:
    """The values of a Docusaurus site whose configuration is ``config_file``."""
    site = config_file.parent
    found = Detected(root)
    shown = _relative(config_file, root)
    origin = f"detected from {shown}"
    try:
        toks = tokens(config_file.read_text("utf-8", "replace"))
    except OSError as exc:
        found.notes.append(f"cannot read {shown}: {exc.strerror}; using Docusaurus's defaults")
        toks = []
    found.set("layout", "docusaurus", origin)
    found.set("site_dir", _relative(site, root), origin)

    def literal(value: Any, name: str, default: Any) -> Any:
        if value is NOT_LITERAL:
            found.notes.append(
                f"{shown}: {name} is not a literal value; using Docusaurus's default"
                f" {_js(default)} (set it in kbcheck.toml if that is wrong)"
            )
            return default
        return value

    i18n, _ = literal_after(toks, "i18n")
    i18n = literal(i18n, "i18n", {}) if i18n is not None else {}
    i18n = i18n if isinstance(i18n, dict) else {}
    default_locale = i18n.get("defaultLocale", "en")
    i18n_path = str(literal(i18n.get("path", "i18n"), "i18n.path", "i18n"))
    on_disk = _locale_folders(site / i18n_path)
    locales = i18n.get("locales")
    if locales is NOT_LITERAL or (
        isinstance(locales, list) and any(v is NOT_LITERAL for v in locales)
    ):
        locales = None
    elif not isinstance(locales, list):
        locales = []
    if i18n_path != "i18n":
        found.set("docusaurus.i18n_path", i18n_path, origin)
    trailing, at = literal_after(toks, "trailingSlash")
    if at >= 0:
        found.set("docusaurus.trailing_slash", literal(trailing, "trailingSlash", None), origin)

    docs, blog = _plugin_options(toks, found, shown)
    for setting, option, default in _DOCS_OPTIONS:
        if docs is not None and option in docs:
            value = literal(docs[option], f"the docs plugin's {option}", default)
            if value is not None:  # undefined (or null): Docusaurus's default
                found.set(f"docusaurus.{setting}", value, origin)
    versions = docs.get("versions") if docs is not None else None
    if versions is NOT_LITERAL:
        literal(versions, "the docs plugin's versions", {})
    elif isinstance(versions, dict):
        paths = {
            str(name): str(v["path"])
            for name, v in versions.items()
            if isinstance(v, dict) and isinstance(v.get("path"), str)
        }
        if paths:
            found.set("docusaurus.version_paths", paths, origin)
    if isinstance(blog, dict) and isinstance(blog.get("path"), str):
        found.set("docusaurus.blog_path", blog["path"], origin)
    docs_path = str(found.values.get("docusaurus", {}).get("docs_path", "docs"))
    if default_locale is NOT_LITERAL:
        default_locale = _default_locale(docs_path, i18n_path, locales or on_disk)
        found.notes.append(
            f"{shown}: i18n.defaultLocale is not a literal value; using {default_locale!r}"
            " (set source_locale in kbcheck.toml if that is wrong)"
        )
    default_locale = str(default_locale)
    if locales is None:
        locales = sorted({default_locale, *on_disk})
        found.notes.append(
            f"{shown}: i18n.locales is not a literal value; using the default locale and"
            f" the folders in {i18n_path}/: {', '.join(locales)}"
        )
    locales = [str(loc) for loc in locales] or [default_locale]
    if default_locale not in locales:
        locales.insert(0, default_locale)
    found.set("source_locale", default_locale, origin)
    found.set("locales", locales, origin)
    if not _docs_locale(found, site, docs_path, i18n_path):
        _script_hint(found, site / docs_path)
    return found


def _default_locale(docs_path: str, i18n_path: str, locales: list[str]) -> str:
    """A guess at a defaultLocale that is not a literal: the locale whose i18n folder
    holds the docs plugin's path, else Docusaurus's default ``en`` if the site has
    it, else the first locale."""
    inside = docs_path.strip("./").split("/")
    prefix = i18n_path.strip("./").split("/")
    size = len(prefix)
    named = inside[size] if len(inside) > size and inside[:size] == prefix else None
    if named is not None and (named in locales or not locales):
        return named
    return "en" if "en" in locales or not locales else locales[0]


def _docs_locale(found: Detected, site: Path, docs_path: str, i18n_path: str) -> bool:
    """When ``i18n/<defaultLocale>/`` replaces most pages of the docs folder (Docusaurus
    serves those in the default locale), the docs folder is another locale's text:
    the one whose own i18n folder replaces the fewest of its pages (then the one
    written in the docs folder's script). Whether it found so."""
    source = found.values["source_locale"]
    docs = site / docs_path
    pages = _markdown_files(docs, limit=5000)
    if not pages:
        return False

    def replaced(locale: str) -> int:
        folder = site / i18n_path / locale / "docusaurus-plugin-content-docs" / "current"
        if folder == docs or not folder.is_dir():
            return 0
        return sum(os.path.isfile(f"{folder}/{page}") for page in pages)

    count = replaced(source)
    others = [loc for loc in found.values["locales"] if loc != source]
    if count * 2 < len(pages) or not others:
        return False
    counts = {loc: replaced(loc) for loc in others}
    fewest = [loc for loc in others if counts[loc] == min(counts.values())]
    chosen = fewest[0]
    if len(fewest) > 1:  # the script of the docs decides (sampled only when needed)
        text = "".join(_read_start(docs / p) for p in sorted(pages)[:_SAMPLE_FILES])
        script = script_of(_strip_code(text))
        chosen = next((loc for loc in fewest if expected_script(loc) == script), chosen)
    where = _relative(site, found.root)
    shown = f"{i18n_path}/{source}/" if where == "." else f"{where}/{i18n_path}/{source}/"
    why = f"detected: {shown} replaces {count} of the {len(pages)} pages of {docs_path}/"
    found.set(
        "docusaurus.docs_locale", chosen, f"{why}, so {docs_path}/ is the text of another locale"
    )
    # The docs folder is what Docusaurus falls back to and what translations start
    # from (`write-translations`): the source, whatever locale is served unprefixed.
    found.set("docusaurus.default_locale", source, found.origins["source_locale"])
    found.set("source_locale", chosen, f"{why}: the text translations start from")
    return True


def _plugin_options(
    toks: list[tuple[str, Any]], found: Detected, shown: str
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The options of the default docs plugin and of the blog, from presets or plugins."""
    docs = blog = None
    presets, _ = literal_after(toks, "presets")
    for entry in presets if isinstance(presets, list) else []:
        if isinstance(entry, list) and len(entry) > 1 and entry[0] in _PRESETS:
            options = entry[1]
            if isinstance(options, dict):
                docs, blog = options.get("docs"), options.get("blog")
            elif options is NOT_LITERAL:
                found.notes.append(f"{shown}: the classic preset's options are not literal")
    plugins, _ = literal_after(toks, "plugins")
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, list) and len(entry) > 1 and entry[0] in _DOCS_PLUGINS:
            options = entry[1]
            if isinstance(options, dict) and options.get("id", "default") == "default":
                docs = options
    if docs is NOT_LITERAL:
        found.notes.append(
            f"{shown}: the docs plugin's options are not literal; using Docusaurus's defaults"
        )
    return (docs if isinstance(docs, dict) else None), (blog if isinstance(blog, dict) else None)


def _locale_folders(folder: Path, languages_only: bool = False) -> list[str]:
    """The subfolders named like a locale; with ``languages_only``, only those whose
    language is a known one (``zh-hant``, ``pt-BR``: not ``api`` or ``ssr``)."""
    try:
        names = [e.name for e in os.scandir(folder) if e.is_dir() and _LOCALE.match(e.name)]
    except OSError:
        return []
    if languages_only:
        names = [n for n in names if re.split("[-_]", n)[0].lower() in locale.locale_alias]
    return sorted(names)


def detect_hugo(root: Path) -> Detected | None:
    """The values of the Hugo site in ``root`` or a folder right below it, if there is one."""
    from kbcheck.sites.hugo import find_hugo

    found = find_hugo(root)
    if found is None:
        return None
    site, hugo = found
    where = _relative(site, root)
    shown = hugo.file if where == "." else f"{where}/{hugo.file}"
    origin = f"detected from {shown}"
    detected = Detected(root)
    detected.set("layout", "hugo", origin)
    if where != ".":
        detected.set("site_dir", where, origin)
    folders = [f"{where}/{d}" if where != "." else d for d in hugo.content_dirs.values()]
    detected.set("content", list(dict.fromkeys(folders)), origin)
    detected.set("source_locale", hugo.default_language, origin)
    if hugo.heading_ids != "github":  # blackfriday's or ASCII-only ids: matched loosely
        detected.set("heading_ids", "custom", f"{origin} (autoHeadingIDType)")
    if len(hugo.content_dirs) > 1:
        detected.set("locales", list(hugo.content_dirs), origin)
        detected.set(
            "translations.fallback_to_source",
            False,
            f"{origin}: Hugo serves no page of another language in place of a missing one",
        )
    return detected


def detect_plain(
    root: Path, content: list[str] | None, source_locale: str | None = None
) -> Detected:
    """``<locale>/`` folders, or ``page.<locale>.md`` beside ``page.md``, in the
    content folders (None: the first of :func:`content_candidates` with either).

    A ``source_locale`` the configuration sets spares counting the pages of each
    locale folder (the locale with the most pages is the source otherwise).
    """
    if content is not None:
        return _vitepress(_detect_in(root, content, source_locale), content)
    for folder, why in content_candidates(root):
        found = _detect_in(root, [folder], source_locale)
        if "layout" in found.values:
            if folder != "content":
                found.set("content", [folder], why)
            return _vitepress(found, [folder])
    return Detected(root)


def _vitepress(found: Detected, content: list[str]) -> Detected:
    """A VitePress source folder (it holds ``.vitepress/``) gives headings VitePress's ids,
    or ids of its own when its configuration passes ``markdown.anchor`` a ``slugify``;
    it serves the files of its ``public/`` folder at ``/``."""
    for folder in content:
        if (found.root / folder / ".vitepress").is_dir():
            marker = (Path(folder) / ".vitepress").as_posix()
            texts = _vitepress_config(found.root / folder / ".vitepress")
            custom = next((p for p, text in texts if _ANCHOR_SLUGIFY.search(text)), None)
            if custom is not None:
                where = _relative(custom, found.root)
                found.set("heading_ids", "custom", f"detected from {where} (anchor: {{slugify}})")
            else:
                found.set("heading_ids", "vitepress", f"detected from {marker}/")
            for path, text in texts:
                left, right = (_DELIMITER[side].search(text) for side in ("left", "right"))
                if left and right:
                    attrs = [left.group(1), right.group(1)]
                    found.set(
                        "heading_attrs", attrs, f"detected from {_relative(path, found.root)}"
                    )
            found.set(
                "static_dirs",
                [(Path(folder) / "public").as_posix()],
                f"VitePress's public folder beside {marker}/",
            )
            break
    return found


# markdown.anchor given a slugify of the site's own; markdown.attrs' literal delimiters
_ANCHOR_SLUGIFY = lazy(r"\banchor\s*:\s*\{[^{}]*\bslugify\b")
_DELIMITER = {
    side: lazy(side + r"Delimiter\s*:\s*['\"]([^'\"\s]+)['\"]") for side in ("left", "right")
}


def _vitepress_config(vitepress: Path) -> list[tuple[Path, str]]:
    """The files of a VitePress configuration (``config.*``, ``config/*``) and their text."""
    files = [p for p in vitepress.glob("config*") if p.is_file()]
    files += sorted(p for p in vitepress.glob("config/*") if p.is_file())
    return [(path, _read_start(path, 65536)) for path in files]


def content_candidates(root: Path) -> list[tuple[str, str]]:
    """Folders that hold the pages of a site with no configuration, most likely first,
    each with why it was chosen."""
    out = [("content", "the default")]
    mkdocs = next((root / n for n in ("mkdocs.yml", "mkdocs.yaml") if (root / n).is_file()), None)
    if mkdocs is not None:
        match = re.search(r"^docs_dir:\s*['\"]?([^'\"#\s]+)", _read_start(mkdocs), re.M)
        out.append((match.group(1).strip("/") if match else "docs", f"docs_dir of {mkdocs.name}"))
    below = _folders_below(root)
    for folder in (root, *below, *[deeper for sub in below for deeper in _folders_below(sub)]):
        if (folder / ".vitepress").is_dir():
            marker = (folder / ".vitepress").relative_to(root).as_posix()
            out.append((folder.relative_to(root).as_posix(), f"the folder holding {marker}/"))
    out.append(("docs", "a docs/ folder"))
    return out


def _detect_in(root: Path, content: list[str], source_locale: str | None) -> Detected:
    found = Detected(root)
    for folder in content:
        if _has_markdown(root / folder):  # the source pages at the top, translations in
            languages = _locale_folders(root / folder, languages_only=True)  # <locale>/
            mirrors = [loc for loc in languages if _mirrors(root / folder / loc, root / folder)]
            if mirrors:
                _source_at_top(found, root / folder, folder, mirrors, source_locale)
                return found
        subs = _locale_folders(root / folder)
        if len(subs) >= 2 or (subs and not _has_markdown(root / folder)):
            origin = f"detected from the folders in {folder}/"
            if source_locale is not None:
                found.set("layout", "locale-dirs", origin)
                found.set("locales", subs, origin)
                return found
            counts = {loc: _count_markdown(root / folder / loc) for loc in subs}
            source = max(subs, key=lambda loc: (counts[loc], loc == "en"))
            found.set("layout", "locale-dirs", origin)
            found.set("locales", subs, origin)
            found.set("source_locale", source, origin + " (the locale with the most pages)")
            return found
    suffixes: dict[str, int] = {}
    sources: list[Path] = []
    for folder in content:
        for page in _markdown_files(root / folder, limit=2000):
            path = root / folder / page
            base, dot, tail = path.stem.rpartition(".")
            if dot and _LOCALE.match(tail) and (path.parent / f"{base}{path.suffix}").is_file():
                suffixes[tail] = suffixes.get(tail, 0) + 1
                sources.append(path.parent / f"{base}{path.suffix}")
    if suffixes:
        origin = "detected from page.<locale>.md files"
        text = "".join(_read_start(path) for path in sources[:_SAMPLE_FILES])
        source = _SCRIPT_LOCALE.get(script_of(_strip_code(text)) or "Latin", "en")
        found.set("layout", "suffix", origin)
        found.set("source_locale", source, f"{origin} (the script of the files without one)")
        found.set("locales", [source, *sorted(set(suffixes) - {source})], origin)
    return found


def _mirrors(translated: Path, source: Path) -> bool:
    """Whether ``translated`` holds translations of the pages of ``source``: pages at the
    same paths, for a quarter of its pages at least (a translation may keep pages its
    source has since moved or dropped)."""
    pages = _markdown_files(translated, limit=200)
    twins = sum(os.path.isfile(f"{source}/{page}") for page in pages)
    return twins >= 2 and twins * 4 >= len(pages)


def _source_at_top(
    found: Detected, top: Path, folder: str, subs: list[str], source: str | None
) -> None:
    """Locales of a folder whose own pages are the source and whose ``<locale>/``
    folders hold the translations; the source locale from the script of its pages."""
    origin = f"detected from the pages and the translation folders in {folder}/"
    found.set("layout", "locale-dirs", origin)
    if source is None:
        pages = [p for p in sorted(top.glob("*.md*"))[:_SAMPLE_FILES] if p.is_file()]
        text = "".join(_read_start(path) for path in pages)
        source = _SCRIPT_LOCALE.get(script_of(_strip_code(text)) or "Latin", "en")
        source = source if source not in subs else "en"
        found.set("source_locale", source, f"{origin} (the script of the pages in {folder}/)")
    found.set("locales", [source, *[loc for loc in subs if loc != source]], origin)


def _has_markdown(folder: Path) -> bool:
    try:
        return any(e.name.endswith((".md", ".mdx")) for e in os.scandir(folder) if e.is_file())
    except OSError:
        return False


def _markdown_files(folder: Path, limit: int) -> list[str]:
    """The Markdown files under ``folder`` (about ``limit`` of them at most), as
    paths relative to it (``guide/intro.md``): plain strings, as hundreds are made."""
    out: list[str] = []
    start = len(str(folder)) + 1
    for top, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "node_modules"]
        prefix = top[start:].replace(os.sep, "/") + "/" if len(top) >= start else ""
        out += [prefix + n for n in names if n.endswith((".md", ".mdx"))]
        if len(out) >= limit:
            break
    return out


def _count_markdown(folder: Path, limit: int = 10_000) -> int:
    count = 0
    for _top, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "node_modules"]
        count += sum(1 for n in names if n.endswith((".md", ".mdx")))
        if count >= limit:
            break
    return count


# -- which script the source pages are written in -------------------------------------------

_SCRIPTS = (  # (name, ranges) checked in order
    ("kana", ((0x3040, 0x30FF),)),
    ("Hangul", ((0xAC00, 0xD7AF), (0x1100, 0x11FF))),
    ("Han", ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))),
    ("Cyrillic", ((0x0400, 0x04FF),)),
    ("Latin", ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F))),
)
_LOCALE_SCRIPT = {"zh": "Han", "ja": "kana", "ko": "Hangul", "ru": "Cyrillic", "uk": "Cyrillic"}
_LOCALE_SCRIPT |= {"bg": "Cyrillic", "sr": "Cyrillic", "be": "Cyrillic", "mk": "Cyrillic"}
_SCRIPT_LOCALE = {"Han": "zh", "kana": "ja", "Hangul": "ko", "Cyrillic": "ru", "Latin": "en"}
_SCRIPT_LETTERS = tuple(
    (name, lazy("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in ranges) + "]"))
    for name, ranges in _SCRIPTS
)
_SAMPLE_FILES, _SAMPLE_BYTES = 20, 4000


def script_of(text: str) -> str | None:
    """The script most letters of ``text`` are in (kana wins over Han: Japanese uses both)."""
    counts = {name: len(letters.findall(text)) for name, letters in _SCRIPT_LETTERS}
    letters = sum(counts.values())
    if not letters:
        return None
    if counts["kana"] * 10 > letters:
        return "kana"
    # Latin letters of code, URLs and product names fill CJK pages: a fifth is plenty
    for name in ("Hangul", "Han", "Cyrillic"):
        if counts[name] * 5 > letters:
            return name
    return "Latin"


def expected_script(locale: str) -> str:
    return _LOCALE_SCRIPT.get(locale.split("-")[0].split("_")[0].lower(), "Latin")


def _script_hint(found: Detected, docs: Path) -> None:
    source = found.values.get("source_locale", "en")
    text = "".join(
        _read_start(docs / page)
        for page in sorted(_markdown_files(docs, _SAMPLE_FILES))[:_SAMPLE_FILES]
    )
    script = script_of(_strip_code(text))
    if script is None or script == expected_script(source):
        return
    matching = [loc for loc in found.values.get("locales", []) if expected_script(loc) == script]
    hint = (
        f"; set source_locale = {matching[0]!r} in kbcheck.toml"
        if matching
        else "; set source_locale in kbcheck.toml to their locale"
    )
    found.notes.append(
        f"the pages in {_relative(docs, found.root)}/ are written in {script} script, but"
        f" i18n.defaultLocale is {source!r}{hint}"
    )


def _read_start(path: Path, size: int = _SAMPLE_BYTES) -> str:
    try:
        with open(path, "rb") as handle:
            return handle.read(size).decode("utf-8", "ignore")
    except OSError:
        return ""


def _strip_code(text: str) -> str:
    text = re.sub(r"```.*?(```|$)", "", text, flags=re.DOTALL)
    return re.sub(r"`[^`\n]*`|\]\([^)]*\)|<[^>\n]*>|^---.*?^---", "", text, flags=re.M | re.S)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return path.as_posix()


def _js(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)
