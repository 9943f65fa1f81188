from collections import defaultdict
from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Location
from kbcheck.rules.base import CorpusRule


class DuplicateValue(CorpusRule):
    """A field declared `unique` has the same value on two pages.

    `unique: corpus` means unique across all pages; `unique: locale` within
    one locale (translations share `slug` and `id`); `unique: siblings`
    among the pages of one folder and locale (`sidebar_position`).

    ## Why
    Two docs with the same `slug` fight over one URL; two siblings with the
    same `sidebar_position` are ordered by accident of file name.

    ## Bad
    ```
    # intro.md                # setup.md
    sidebar_position: 1       sidebar_position: 1
    ```

    ## Good
    ```
    sidebar_position: 1       sidebar_position: 2
    ```
    """

    code = "KB111"
    name = "duplicate-value"
    reads_body = False

    def prepare(self, ctx) -> None:
        # no field is unique: no page's frontmatter need be read
        self.gathers = any(spec.unique for t in ctx.schemas.values() for spec in t.fields.values())
        self._unique: dict[int, list[tuple[str, str]]] = {}  # page type -> fields, scopes

    def gather(self, page, ctx) -> list[tuple[str, str, str]]:
        """The page's values of unique fields: (field, value, scope)."""
        page_type = ctx.page_type(page)
        if page_type is None:
            return []
        fields = self._unique.get(id(page_type))
        if fields is None:
            fields = self._unique[id(page_type)] = [
                (name, spec.unique)
                for name, spec in page_type.fields.items()
                if spec.unique is not None
            ]
        data = page.data
        return [
            (name, str(value), scope)
            for name, scope in fields
            if (value := data.get(name)) is not None and not isinstance(value, (list, dict))
        ]

    def check_corpus(self, ctx) -> Iterable[Finding]:
        if not self.gathers:
            return
        seen: dict[tuple, list] = defaultdict(list)
        for page in _candidates(ctx):
            for name, value, scope in ctx.gathered(self, page):
                seen[(name, value, *_scope(page, scope))].append(page)
        for (name, value, *_), pages in seen.items():
            if len(pages) < 2:
                continue
            places = [(page, page.frontmatter.position((name,))) for page in pages]
            for page, pos in places:
                others = [(p, o) for p, o in places if p is not page]
                listed = ", ".join(f"{p.path}:{o.line}" for p, o in others)
                yield Finding(
                    pos.value_line,
                    pos.value_column,
                    f"{name} {value!r} is also used by {listed}",
                    path=page.path,
                    related=tuple(Location(p.path, o.line, o.value_column) for p, o in others),
                )


def _scope(page, unique: str) -> tuple:
    if unique == "corpus":
        return ()
    if unique == "locale":
        return (page.locale,)
    return (page.locale, page.rel.rpartition("/")[0])  # siblings: the same folder


def _candidates(ctx) -> list:
    """The pages that can collide with the pages asked about.

    When only a few pages are checked (pre-commit), siblings-only uniqueness
    needs just their folders, so the rest of the corpus is not even read.
    """
    pages, targets = ctx.corpus.pages, ctx.targets
    if targets is None or len(targets) == len(pages):
        return pages
    scopes = {
        spec.unique
        for page in targets
        if (page_type := ctx.page_type(page)) is not None
        for spec in page_type.fields.values()
        if spec.unique is not None
    }
    if scopes - {"siblings"}:
        return pages
    folders = {_scope(page, "siblings") for page in targets}
    return [page for page in pages if _scope(page, "siblings") in folders]
