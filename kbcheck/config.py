"""Configuration: ``kbcheck.toml`` or ``[tool.kbcheck]`` in ``pyproject.toml``.

Found from the working directory upward, or named with ``--config``. Every
table is a pydantic model that rejects unknown keys, so a typo is an error
that names the file and the key.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kbcheck.diagnostics import Severity
from kbcheck.links.settings import LinkSettings

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
    history_cache: bool = True  # keep the git history read in .kbcheck-cache/ for the next run
    # source pages not translated on purpose: globs for every locale, or per locale
    untranslated: list[str] | dict[str, list[str]] = []

    def untranslated_in(self, locale: str) -> list[str]:
        """The globs of source pages ``locale`` does not translate on purpose."""
        if isinstance(self.untranslated, dict):
            return self.untranslated.get(locale, [])
        return self.untranslated


class Config(Strict):
    """The whole configuration; ``root`` is the folder the config file is in."""

    root: Path = Field(default_factory=Path.cwd, exclude=True)
    file: Path | None = Field(default=None, exclude=True)
    content: list[str] = ["content"]
    layout: Literal["locale-dirs", "docusaurus", "suffix"] = "locale-dirs"
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
    """Load and validate the configuration; defaults when there is no file."""
    path = explicit or find_config((start or Path.cwd()).resolve())
    if path is None:
        return Config(root=(start or Path.cwd()).resolve())
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
    try:
        return Config(root=path.parent.resolve(), file=path, **raw)
    except ValidationError as exc:
        raise ConfigError(format_errors(path, exc)) from exc


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
