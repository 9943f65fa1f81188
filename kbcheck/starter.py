"""A starting page type, learnt from the pages as they are (for ``kbcheck init``).

A frontmatter key most source pages have (four in five, in every top folder:
`docs/` and `blog/` of a Hugo site are different kinds of pages) becomes a
required field, one a few pages of some folder have (one in ten) an optional
field, each with the type its values have; the other keys are left to
``unknown_fields: warn``. Headings are learnt the same way: an H2 that most
pages of every locale have (by its ``{#id}``, else its title) becomes a
required section, in the order the pages give them; a title-only section is
kept only when every locale has as many such sections, paired by position, so
that each locale's pages match their own titles. The result is a YAML page
type to edit, not a verdict.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import TYPE_CHECKING, Any

from kbcheck.pyyaml import yaml
from kbcheck.sites import site_of

if TYPE_CHECKING:
    from kbcheck.config import Config
    from kbcheck.corpus import Corpus

_REQUIRED, _OPTIONAL = 0.8, 0.1


def starter_page_type(corpus: Corpus, config: Config) -> str:
    """Learnt from the source pages it will apply to: not from blog posts, which
    keep their generator's own contract."""
    site = site_of(config)
    typed = [p for p in corpus.pages if site.page_type(p.rel) is None] or corpus.pages
    pages = [p for p in typed if p.locale in (config.source_locale, None)] or typed
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
    sections = _sections(typed, config.source_locale)
    if sections:
        body |= {"extra_sections": "allow", "sections": sections}
    head = (
        "# A starting page type: fields most pages have are required, fields some\n"
        "# pages have are optional. Edit it: add constraints, sections, vocabularies.\n"
    )
    return head + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, default_flow_style=None)


def _sections(pages: list, source: str) -> list[dict[str, Any]]:
    """The H2 sections most pages of every locale have, in order, as page-type entries."""
    by_locale: dict[str, list[list[tuple[str, str]]]] = {}
    for page in pages:
        keys = [("id", h.explicit_id) if h.explicit_id else ("title", h.text)
                for h in page.headings if h.level == 2]  # fmt: skip
        by_locale.setdefault(page.locale or source, []).append(keys)
    common = {loc: _common(seqs) for loc, seqs in by_locale.items()}
    own = common.get(source, [])
    if len({len(keys) for keys in common.values()}) != 1 or any(
        (a[0] == "id" or b[0] == "id") and a != b
        for keys in common.values()
        for a, b in zip(own, keys, strict=True)
    ):  # locales disagree: keep the ids all of them share, in the source's order
        shared = set.intersection(*(set(keys) for keys in common.values()))
        common = {source: [k for k in own if k[0] == "id" and k in shared]}
    out = []
    for i, (kind, value) in enumerate(common.get(source, [])):
        if kind == "id":
            out.append({"id": value})
        else:
            out.append({"title": {loc: keys[i][1] for loc, keys in sorted(common.items())}})
    return out


def _common(seqs: list[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """Keys four pages in five have, ordered by where they stand; none unless that
    order is the pages' own order in four pages in five."""
    counts = Counter(k for keys in seqs for k in set(keys))
    kept = [k for k, n in counts.items() if n >= _REQUIRED * len(seqs)]
    position = {k: sorted(keys.index(k) for keys in seqs if k in keys) for k in kept}
    kept.sort(key=lambda k: position[k][len(position[k]) // 2])
    in_order = sum([k for k in keys if k in kept] == kept for keys in seqs)
    return kept if in_order >= _REQUIRED * len(seqs) else []


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
