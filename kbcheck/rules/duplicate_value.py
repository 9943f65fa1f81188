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

    _seen: dict[tuple, list]

    def prepare(self, ctx) -> None:
        # Every page's frontmatter is read before the pages are split between
        # processes: each then has it, and none parses it a second time.
        self._seen = _values(ctx)

    def check_corpus(self, ctx) -> Iterable[Finding]:
        for (name, value, *_), pages in self._seen.items():
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


def _values(ctx) -> dict[tuple, list]:
    """The pages by the value of each unique field, and the scope it is unique in."""
    seen: dict[tuple, list] = defaultdict(list)
    if not any(spec.unique for t in ctx.schemas.values() for spec in t.fields.values()):
        return seen  # no field is unique: no page's frontmatter need be read
    unique: dict[int, list[tuple[str, str]]] = {}  # page type -> its unique fields, scopes
    for page in _candidates(ctx):
        page_type = ctx.page_type(page)
        if page_type is None:
            continue
        fields = unique.get(id(page_type))
        if fields is None:
            fields = unique[id(page_type)] = [
                (name, spec.unique)
                for name, spec in page_type.fields.items()
                if spec.unique is not None
            ]
        data = page.data
        for name, scope in fields:
            value = data.get(name)
            if value is None or isinstance(value, (list, dict)):
                continue
            seen[(name, str(value), *_scope(page, scope))].append(page)
    return seen


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
