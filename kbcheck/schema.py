"""Page types: declarative YAML in ``schemas/``, validated on load.

A page type lists its frontmatter fields (type, required, bounds, patterns,
vocabularies, uniqueness) and, further down, its section layout. A page
type may ``extend`` another one or the built-in ``docusaurus`` preset.
"""

from __future__ import annotations

from dataclasses import field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from kbcheck.outline import ExtraSections, SectionSpec, check_layout
from kbcheck.patterns import Pattern, compile_pattern
from kbcheck.pyyaml import yaml
from kbcheck.settings import settings
from kbcheck.validation import STRICT, ConfigError, Invalid, at_least, kept, validated

FieldType = Literal["string", "integer", "number", "boolean", "date", "url", "list", "mapping"]
PRESETS = ("docusaurus", "docusaurus-blog")
PRESETS_FOLDER = Path(__file__).parent / "presets"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@settings
class FieldSpec:
    """One frontmatter field: what it holds and what it must satisfy."""

    __pydantic_config__ = STRICT
    type: FieldType | list[FieldType] | None = None
    description: str = ""
    required: bool = False
    nullable: bool = False
    non_empty: bool = False
    enum: list[Any] | None = None
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    unique: Literal["corpus", "locale", "siblings"] | None = None
    vocabulary: str | None = None
    items: FieldSpec | None = None
    fields: dict[str, FieldSpec] | None = None
    required_any: list[str] | None = None
    unknown_fields: Literal["allow", "warn", "error"] = "allow"
    translation: Literal["same", "translate", "translation-only", "free"] = "free"

    def __post_init__(self) -> None:
        for key in ("min_length", "max_length", "min_items", "max_items"):
            at_least(self, key, 0)
        if self.pattern is not None:
            try:
                compile_pattern(self.pattern)
            except ValueError as exc:  # what RE2 cannot run
                raise Invalid("pattern", str(exc)) from None

    @property
    def types(self) -> tuple[str, ...]:
        if self.type is None:
            return ()
        return (self.type,) if isinstance(self.type, str) else tuple(self.type)


@settings
class PageType:
    """A page type, as written in ``schemas/<name>.yaml``."""

    __pydantic_config__ = STRICT
    name: str = ""
    description: str = ""
    extends: str | None = None
    lenient: bool = False  # Docusaurus-style coercion: numbers as strings and so on
    unknown_fields: Literal["allow", "warn", "error"] = "allow"
    fields: dict[str, FieldSpec] = field(default_factory=dict)
    exclusive: list[list[str]] = field(default_factory=list)  # fields not all true together
    ordered: list[list[str]] = field(default_factory=list)  # numeric fields that must not decrease
    sections: list[SectionSpec] = field(default_factory=list)  # the layout (kbcheck.outline)
    extra_sections: ExtraSections = "allow"
    source: str = field(default="", init=False)  # the file it came from
    vocabularies: dict[str, set[str]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        try:
            check_layout(self.sections)
        except ValueError as exc:
            raise Invalid("sections", str(exc)) from None

    @cached_property
    def compiled(self) -> dict[str, Pattern]:
        return {p: compile_pattern(p) for p in _patterns(self.fields)}


def _patterns(fields: dict[str, FieldSpec]) -> list[str]:
    found: list[str] = []
    for spec in fields.values():
        found += [spec.pattern] if spec.pattern else []
        found += _patterns(spec.fields or {})
        found += _patterns({"": spec.items}) if spec.items else []
    return found


def load_schemas(folder: Path) -> dict[str, PageType]:
    """All page types of a folder, with ``extends`` resolved and vocabularies loaded.

    The built-in presets are page types too, under their own names (``docusaurus``),
    unless a file of the folder takes the name.
    """
    raw: dict[str, tuple[Path, dict[str, Any]]] = {}
    if folder.is_dir():
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            raw[path.stem] = (path, _read_yaml(path))
    vocab_files = {
        spec_vocab for _, data in raw.values() for spec_vocab in _vocab_refs(data.get("fields"))
    }
    types: dict[str, PageType] = {}
    for stem, (path, data) in raw.items():
        if path.name in vocab_files:
            continue
        types[data.get("name") or stem] = _build(stem, path, data, raw, folder)
    for name in PRESETS:
        if name not in types:
            types[name] = _page_type({"name": name, **preset(name)}, f"(built-in {name})")
    return types


def _vocab_refs(fields: Any) -> list[str]:
    if not isinstance(fields, dict):
        return []
    refs: list[str] = []
    for spec in fields.values():
        if isinstance(spec, dict):
            refs += [spec["vocabulary"]] if isinstance(spec.get("vocabulary"), str) else []
            refs += _vocab_refs(spec.get("fields"))
            refs += _vocab_refs({"": spec.get("items")})
    return refs


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a schema must be a mapping")
    return data


@cache
def preset(name: str) -> dict[str, Any]:
    return kept(PRESETS_FOLDER / f"{name}.yaml", _read_preset)


def _read_preset(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text("utf-8"), Loader=_LOADER)


# what a field keeps from the one it refines when it changes the type
_ANY_TYPE = ("translation", "description")


def _refine(inherited: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """Fields of a page type over those it extends: a field declared again refines
    the inherited one (``sidebar_position: {type: integer}`` keeps the preset's
    ``translation: same``); with another type it keeps only what any type has."""
    fields = dict(inherited)
    for name, spec in own.items():
        parent = inherited.get(name)
        if isinstance(spec, dict) and isinstance(parent, dict):
            if spec.get("type", parent.get("type")) != parent.get("type"):
                parent = {k: v for k, v in parent.items() if k in _ANY_TYPE}
            spec = {**parent, **spec}
        fields[name] = spec
    return fields


def _build(
    stem: str,
    path: Path,
    data: dict[str, Any],
    raw: dict[str, tuple[Path, dict[str, Any]]],
    folder: Path,
    seen: tuple[str, ...] = (),
) -> PageType:
    merged = _merged(stem, path, data, raw, seen)
    page_type = _page_type({"name": stem, **merged}, str(path))
    for ref in _vocab_refs(merged.get("fields")):
        page_type.vocabularies[ref] = _vocabulary(folder / ref)
    return page_type


def _merged(
    stem: str,
    path: Path,
    data: dict[str, Any],
    raw: dict[str, tuple[Path, dict[str, Any]]],
    seen: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The page type's own data over that of the page type or preset it extends."""
    parent_name = data.get("extends")
    merged = dict(data)
    if parent_name:
        if parent_name in seen:
            raise ConfigError(f"{path}: extends: circular ({' -> '.join((*seen, parent_name))})")
        if parent_name in raw:
            parent_path, parent_data = raw[parent_name]
            parent = _merged(parent_name, parent_path, parent_data, raw, (*seen, stem))
            _page_type({"name": parent_name, **parent}, str(parent_path))  # its own errors first
            base = {k: v for k, v in parent.items() if k not in ("name", "description")}
        elif parent_name in PRESETS:
            base = preset(parent_name)
        else:
            raise ConfigError(f"{path}: extends: no page type or preset named {parent_name!r}")
        fields = _refine(base.get("fields") or {}, data.get("fields") or {})
        merged = {**base, **data, "fields": fields}
        for key in ("exclusive", "ordered"):
            merged[key] = [*base.get(key, []), *data.get(key, [])]
    merged.pop("extends", None)
    return merged


def _page_type(data: dict[str, Any], source: str) -> PageType:
    page_type = validated(PageType, data, source)
    page_type.source = source
    return page_type


def _vocabulary(path: Path) -> set[str]:
    """Tag keys of a ``tags.yml`` mapping (or the items of a plain list)."""
    data = _read_yaml(path) if path.suffix in (".yml", ".yaml") else None
    if data is None:
        raise ConfigError(f"{path}: a vocabulary must be a YAML file")
    return {str(key) for key in data}


def json_schema(page_type: PageType) -> dict[str, Any]:
    """The frontmatter of a page type as JSON Schema (draft 2020-12), for editors."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{page_type.name} frontmatter",
        "description": page_type.description,
        **_object(page_type.fields, page_type.unknown_fields, page_type),
    }


_JSON_TYPES = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "url": {"type": "string", "format": "uri-reference"},
    "list": {"type": "array"},
    "mapping": {"type": "object"},
}


def _object(fields: dict[str, FieldSpec], unknown: str, page_type: PageType) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {name: _field(spec, page_type) for name, spec in fields.items()},
    }
    required = [name for name, spec in fields.items() if spec.required]
    if required:
        out["required"] = required
    if unknown == "error":
        out["additionalProperties"] = False
    return out


def _field(spec: FieldSpec, page_type: PageType) -> dict[str, Any]:
    options = [_JSON_TYPES[t] for t in spec.types] + ([{"type": "null"}] if spec.nullable else [])
    out: dict[str, Any] = {"description": spec.description} if spec.description else {}
    if len(options) == 1:
        out.update(options[0])
    elif options:
        out["anyOf"] = options
    limits = {
        "enum": spec.enum, "pattern": spec.pattern, "minLength": spec.min_length,
        "maxLength": spec.max_length, "minItems": spec.min_items, "maxItems": spec.max_items,
        "minimum": spec.minimum, "maximum": spec.maximum,
    }  # fmt: skip
    out.update({key: value for key, value in limits.items() if value is not None})
    if spec.non_empty and "string" in spec.types:
        out.setdefault("minLength", 1)
    if spec.non_empty and "list" in spec.types:
        out.setdefault("minItems", 1)
    if spec.vocabulary and spec.vocabulary in page_type.vocabularies:
        out["enum"] = sorted(page_type.vocabularies[spec.vocabulary])
    if spec.items:
        out["items"] = _field(spec.items, page_type)
    if spec.fields is not None:
        out.update(_object(spec.fields, spec.unknown_fields, page_type))
    return out
