"""Configuration: ``kbcheck.toml`` or ``[tool.kbcheck]`` in ``pyproject.toml``.

Found from the working directory upward, or named with ``--config``. Every
table is a pydantic model that rejects unknown keys, so a typo is an error
that names the file and the key.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from kbcheck.diagnostics import Severity
from kbcheck.links.settings import LinkSettings

if TYPE_CHECKING:
    from kbcheck.sites.detect import Detected

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("kbcheck.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration (or schema) file that cannot be used; the CLI exits with 2."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RuleSettings(BaseModel):
    """``[rules.CODE]`` or ``[rules.name]``: a severity, and the rule's own options."""

    model_config = ConfigDict(extra="allow")
    severity: Severity | None = None
    exclude: list[str] = []  # path globs (like ``ignore``) where the rule reports nothing

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class TranslationSettings(Strict):
    """How translations relate to their sources (see ``kbcheck translations``)."""

    fallback_to_source: bool = True  # links in a translation may reach source pages
    min_coverage: float = Field(0.0, ge=0, le=100)  # percent, per locale
    pair_key: str | None = None  # a frontmatter key that pairs pages whose paths differ
    record_key: str = "translation"
    history_cache: bool = True  # keep the git history read (in .git/kbcheck/) for the next run
    # source pages not translated on purpose: globs for every locale, or per locale
    untranslated: list[str] | dict[str, list[str]] = []

    def untranslated_in(self, locale: str) -> list[str]:
        """The globs of source pages ``locale`` does not translate on purpose."""
        if isinstance(self.untranslated, dict):
            return self.untranslated.get(locale, [])
        return self.untranslated


class DocusaurusSettings(Strict):
    """``[docusaurus]``: what ``docusaurus.config.*`` says; detected, or set here.

    Folders are relative to ``site_dir``; versions are named as in ``versions.json``,
    with ``current`` for the docs folder.
    """

    docs_path: str = "docs"  # the docs plugin's `path`
    blog_path: str = "blog"  # the blog plugin's `path`
    i18n_path: str = "i18n"  # i18n.path
    # the locale the docs folder is written in; default: source_locale (i18n.defaultLocale).
    # Detected when i18n/<defaultLocale>/ replaces the docs folder's pages with its own.
    docs_locale: str | None = None
    route_base_path: str = "docs"  # the docs plugin's `routeBasePath`
    last_version: str | None = None  # `lastVersion`; default: the newest in versions.json
    version_paths: dict[str, str] = {}  # `versions.<name>.path`
    only_include_versions: list[str] | None = None  # `onlyIncludeVersions`
    include_current_version: bool = True  # `includeCurrentVersion`
    trailing_slash: bool | None = None  # `trailingSlash`


class Config(Strict):
    """The whole configuration; ``root`` is the folder the config file is in."""

    root: Path = Field(default_factory=Path.cwd, exclude=True)
    file: Path | None = Field(default=None, exclude=True)
    content: list[str] = ["content"]
    layout: Literal["locale-dirs", "docusaurus", "suffix"] = "locale-dirs"
    # how headings get their anchors; "custom": VitePress's, changed by a slugify of the site's
    heading_ids: Literal["github", "vitepress", "custom"] = "github"
    heading_attrs: tuple[str, str] = ("{", "}")  # around `#id` after a heading
    source_locale: str = "en"
    locales: list[str] = []
    schemas: str = "schemas"
    page_type_key: str = "page_type"
    page_types: dict[str, list[str]] = {}  # page type -> path globs
    default_page_type: str | None = None
    ignore: list[str] = []
    respect_gitignore: bool = True
    max_file_size: int = Field(5 * 1024 * 1024, gt=0)
    site_dir: str = "."  # the Docusaurus site folder, for @site/ and static/ links
    static_dirs: list[str] = ["static"]
    rules: dict[str, RuleSettings] = {}
    links: LinkSettings = Field(default_factory=LinkSettings)  # [links]: KB4xx, kbcheck links
    translations: TranslationSettings = TranslationSettings()
    docusaurus: DocusaurusSettings = DocusaurusSettings()
    _site: Any = PrivateAttr(default=None)  # the site model (kbcheck.sites.site_of)
    _origins: dict[str, str] = PrivateAttr(default_factory=dict)  # key -> file or detection
    _notes: list[str] = PrivateAttr(default_factory=list)  # what detection wants said

    def origin(self, key: str) -> str:
        """Where the value of ``key`` (dotted for tables) came from."""
        return self._origins.get(key, "default")

    @property
    def notes(self) -> list[str]:
        return self._notes

    @model_validator(mode="after")
    def _source_in_locales(self) -> Config:
        if self.locales and self.source_locale not in self.locales:
            raise ValueError(f"source_locale {self.source_locale!r} is not in locales")
        return self

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
        return "kbcheck" in tomllib.loads(path.read_text("utf-8")).get("tool", {})
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
    try:
        config = Config(root=root, file=path, **values)
    except ValidationError as exc:
        raise ConfigError(format_errors(path or "detected configuration", exc)) from exc
    config._origins = _origins(raw, path, detected)
    config._notes = list(detected.notes) if detected else []
    return config


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: byte {exc.start} is not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
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


def _detect(raw: dict[str, Any], root: Path, start: Path, has_file: bool) -> Detected | None:
    """What the site's files say, unless the configuration names a layout of its own."""
    from kbcheck.sites.detect import detect_docusaurus, detect_plain, find_docusaurus

    layout = raw.get("layout")
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


def format_errors(path: Path | str, exc: ValidationError, prefix: str = "") -> str:
    """One line per problem: ``file: key.sub: what is wrong``."""
    lines = []
    for error in exc.errors():
        key = ".".join(str(part) for part in (prefix, *error["loc"]) if part != "")
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown key"
        lines.append(f"{path}: {key or '(top level)'}: {message}")
    return "\n".join(lines)
