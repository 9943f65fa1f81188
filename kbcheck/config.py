"""Configuration: ``kbcheck.toml`` or ``[tool.kbcheck]`` in ``pyproject.toml``.

Found from the working directory upward, or named with ``--config``. Every
table is a dataclass that rejects unknown keys, so a typo is an error that
names the file and the key (see :mod:`kbcheck.validation`).
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kbcheck import toml
from kbcheck.diagnostics import Severity
from kbcheck.links.settings import LinkSettings
from kbcheck.settings import settings
from kbcheck.validation import (
    STRICT,
    ConfigError,
    Invalid,
    at_least,
    at_most,
    kept,
    validated,
)

if TYPE_CHECKING:
    from kbcheck.sites.detect import Detected

CONFIG_NAMES = ("kbcheck.toml", "pyproject.toml")


@settings
class RuleSettings:
    """``[rules.CODE]`` or ``[rules.name]``: a severity, and the rule's own options
    (every other key of the table, validated by the rule's ``Options``)."""

    __pydantic_config__ = STRICT
    severity: Severity | None = None
    exclude: list[str] = field(default_factory=list)  # path globs where the rule reports nothing
    options: dict[str, Any] = field(default_factory=dict)


@settings
class TranslationSettings:
    """How translations relate to their sources (see ``kbcheck translations``)."""

    __pydantic_config__ = STRICT
    fallback_to_source: bool = True  # links in a translation may reach source pages
    min_coverage: float = 0.0  # percent, per locale
    pair_key: str | None = None  # a frontmatter key that pairs pages whose paths differ
    record_key: str = "translation"
    history_cache: bool = True  # keep the git history read (in .git/kbcheck/) for the next run
    # source pages not translated on purpose: globs for every locale, or per locale
    untranslated: list[str] | dict[str, list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        at_least(self, "min_coverage", 0)
        at_most(self, "min_coverage", 100)

    def untranslated_in(self, locale: str) -> list[str]:
        """The globs of source pages ``locale`` does not translate on purpose."""
        if isinstance(self.untranslated, dict):
            return self.untranslated.get(locale, [])
        return self.untranslated


@settings
class DocusaurusSettings:
    """``[docusaurus]``: what ``docusaurus.config.*`` says; detected, or set here.

    Folders are relative to ``site_dir``; versions are named as in ``versions.json``,
    with ``current`` for the docs folder.
    """

    __pydantic_config__ = STRICT
    docs_path: str = "docs"  # the docs plugin's `path`
    blog_path: str = "blog"  # the blog plugin's `path`
    i18n_path: str = "i18n"  # i18n.path
    # the locale the docs folder is written in; default: source_locale (i18n.defaultLocale).
    # Detected when i18n/<defaultLocale>/ replaces the docs folder's pages with its own.
    docs_locale: str | None = None
    # the locale served without a route prefix (i18n.defaultLocale); default: source_locale.
    # Set apart when the docs folder, where translations start from, is another locale.
    default_locale: str | None = None
    route_base_path: str = "docs"  # the docs plugin's `routeBasePath`
    last_version: str | None = None  # `lastVersion`; default: the newest in versions.json
    version_paths: dict[str, str] = field(default_factory=dict)  # `versions.<name>.path`
    only_include_versions: list[str] | None = None  # `onlyIncludeVersions`
    include_current_version: bool = True  # `includeCurrentVersion`
    trailing_slash: bool | None = None  # `trailingSlash`


@settings
class Config:
    """The whole configuration; ``root`` is the folder the config file is in."""

    __pydantic_config__ = STRICT
    root: Path = field(default_factory=Path.cwd)
    file: Path | None = None
    content: list[str] = field(default_factory=lambda: ["content"])
    layout: Literal["locale-dirs", "docusaurus", "suffix", "hugo"] = "locale-dirs"
    # how headings get their anchors; "custom": VitePress's, changed by a slugify of the site's
    heading_ids: Literal["github", "vitepress", "custom"] = "github"
    heading_attrs: tuple[str, str] = ("{", "}")  # around `#id` after a heading
    source_locale: str = "en"
    locales: list[str] = field(default_factory=list)
    schemas: str = "schemas"
    page_type_key: str = "page_type"
    page_types: dict[str, list[str]] = field(default_factory=dict)  # page type -> path globs
    default_page_type: str | None = None
    ignore: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    max_file_size: int = 5 * 1024 * 1024
    site_dir: str = "."  # the Docusaurus site folder, for @site/ and static/ links
    static_dirs: list[str] = field(default_factory=lambda: ["static"])
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    links: LinkSettings = field(default_factory=LinkSettings)  # [links]: KB4xx, kbcheck links
    translations: TranslationSettings = field(default_factory=TranslationSettings)
    docusaurus: DocusaurusSettings = field(default_factory=DocusaurusSettings)
    # set after validation: the site model (kbcheck.sites.site_of), where each value
    # came from (key -> file or detection), what detection wants said
    _site: Any = field(default=None, init=False, repr=False, compare=False)
    _origins: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _notes: list[str] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        at_least(self, "max_file_size", 0, strict=True)
        if self.locales and self.source_locale not in self.locales:
            raise Invalid("", f"source_locale {self.source_locale!r} is not in locales")

    @classmethod
    def validate(cls, values: dict[str, Any]) -> Config:
        """The configuration these values (as in the file) give; ConfigError if they are wrong."""
        rules = values.get("rules")
        if isinstance(rules, dict):
            values = {**values, "rules": {key: _rule_table(table) for key, table in rules.items()}}
        return validated(cls, values, values.get("file") or "detected configuration")

    def origin(self, key: str) -> str:
        """Where the value of ``key`` (dotted for tables) came from."""
        return self._origins.get(key, "default")

    @property
    def notes(self) -> list[str]:
        return self._notes

    def path(self, relative: str) -> Path:
        return (self.root / relative).resolve()


def find_config(start: Path) -> Path | None:
    """The nearest kbcheck.toml, or pyproject.toml with a [tool.kbcheck] table."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "kbcheck" in kept(path, _read_toml).get("tool", {})
    except (OSError, ValueError):
        return False


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """Load and validate the configuration: the file's values, over what the knowledge
    base's own files say (:mod:`kbcheck.sites.detect`), over the defaults."""
    start = (start or Path.cwd()).resolve()
    path = explicit or find_config(start)
    raw: dict[str, Any] = {}
    if path is not None:
        raw = _read(path)
    root = path.parent.resolve() if path is not None else start
    detected = _detect(raw, root, start, path is not None)
    values = dict(detected.values) if detected else {}
    for key, value in raw.items():
        if isinstance(value, dict) and isinstance(values.get(key), dict):
            values[key] = {**values[key], **value}
        else:
            values[key] = value
    if detected and "source_locale" in raw and "locales" not in raw:
        locales = values.get("locales") or []
        if locales and raw["source_locale"] not in locales:
            values["locales"] = [raw["source_locale"], *locales]
    if detected is not None:
        root = detected.root
    for key in ("root", "file"):  # the file's folder and name, never set in it
        if key in raw:
            raise ConfigError(f"{path}: {key}: unknown key")
    config = Config.validate({**values, "root": root, "file": path})
    config._origins = _origins(raw, path, detected)
    config._notes = list(detected.notes) if detected else []
    return config


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = kept(path, _read_toml)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: byte {exc.start} is not UTF-8 text") from exc
    except ValueError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        raw = raw.get("tool", {}).get("kbcheck", {})
    for key in ("site_dir", "schemas", "content", "static_dirs"):
        value = raw.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and Path(item).is_absolute():
                where = path.parent
                raise ConfigError(f"{path}: {key}: {item} is absolute; give it relative to {where}")
    return raw


def _read_toml(path: Path) -> dict[str, Any]:
    return toml.loads(path.read_text("utf-8"))


def _detect(raw: dict[str, Any], root: Path, start: Path, has_file: bool) -> Detected | None:
    """What the site's files say, unless the configuration names a layout of its own."""
    from kbcheck.sites.detect import detect_docusaurus, detect_hugo, detect_plain, find_docusaurus

    layout = raw.get("layout")
    if layout == "hugo":
        return detect_hugo(root)
    if layout not in (None, "docusaurus"):
        return None
    if isinstance(raw.get("site_dir"), str):
        found = find_docusaurus(root / raw["site_dir"], stop=root / raw["site_dir"])
    else:
        found = find_docusaurus(start if not has_file else root, stop=root if has_file else None)
    if found is not None:
        site = found.parent
        inside = site == start or site in start.parents
        base = root if has_file or not inside else site
        return detect_docusaurus(found, base)
    if layout is None:
        hugo = detect_hugo(root)
        if hugo is not None:
            return hugo
        source = raw.get("source_locale")
        content = list(raw["content"]) if raw.get("content") else None
        return detect_plain(root, content, source if isinstance(source, str) else None)
    return None


def _origins(raw: dict[str, Any], path: Path | None, detected: Detected | None) -> dict[str, str]:
    """Where each set value came from: the file or detection (the rest are defaults)."""
    out = dict(detected.origins) if detected else {}
    for key, value in raw.items():
        if isinstance(value, dict) and key in ("docusaurus", "translations", "links"):
            out |= {f"{key}.{sub}": str(path) for sub in value}
        else:
            out[key] = str(path)
    return out


def _rule_table(table: Any) -> Any:
    """A ``[rules.X]`` table as RuleSettings takes it: the rule's own options apart."""
    if not isinstance(table, dict):
        return table
    own = ("severity", "exclude")
    options = {key: value for key, value in table.items() if key not in own}
    return {**{key: table[key] for key in own if key in table}, "options": options}
