"""A starting page type, learnt from the pages as they are (for ``kbcheck init``).

A frontmatter key most source pages have (four in five, in every top folder:
`docs/` and `blog/` of a Hugo site are different kinds of pages) becomes a
required field, one a few pages of some folder have (one in ten) an optional
field, each with the type its values have; the other keys are left to
``unknown_fields: warn``. The result
is a YAML page type to edit, not a verdict.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import TYPE_CHECKING, Any

import yaml

from kbcheck.sites import site_of

if TYPE_CHECKING:
    from kbcheck.config import Config
    from kbcheck.corpus import Corpus

_REQUIRED, _OPTIONAL = 0.8, 0.1


def starter_page_type(corpus: Corpus, config: Config) -> str:
    """Learnt from the source pages it will apply to: not from blog posts, which
    keep their generator's own contract."""
    site = site_of(config)
    pages = [p for p in corpus.pages if site.page_type(p.rel) is None] or corpus.pages
    pages = [p for p in pages if p.locale in (config.source_locale, None)] or pages
    keys: Counter[str] = Counter()
    types: dict[str, Counter[str]] = {}
    parts: dict[str, list[dict[str, Any]]] = {}  # the pages of each top folder
    for page in pages:
        data = page.data if isinstance(page.data, dict) else {}
        parts.setdefault(page.key.partition("/")[0] if "/" in page.key else "", []).append(data)
        for key, value in data.items():
            keys[key] += 1
            types.setdefault(key, Counter())[_type(value)] += 1
    fields: dict[str, Any] = {}
    for key, count in sorted(keys.items(), key=lambda kv: (-kv[1], kv[0])):
        shares = [sum(key in d for d in part) / len(part) for part in parts.values()]
        if max(shares) < _OPTIONAL or key == config.translations.record_key:
            continue
        spec: dict[str, Any] = {}
        kind = types[key].most_common(1)[0][0]
        if kind != "null" and types[key][kind] == count:
            spec["type"] = kind
        if min(shares) >= _REQUIRED:
            spec["required"] = True
        fields[key] = spec
    body: dict[str, Any] = {"description": f"learnt from {len(pages)} pages by kbcheck init"}
    if site.preset is not None:
        body["extends"] = site.preset
    body |= {"unknown_fields": "warn", "fields": fields}
    head = (
        "# A starting page type: fields most pages have are required, fields some\n"
        "# pages have are optional. Edit it: add constraints, sections, vocabularies.\n"
    )
    return head + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, default_flow_style=None)


def _type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "string"
