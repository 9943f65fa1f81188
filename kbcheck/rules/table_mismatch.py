from collections import Counter
from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.parity import parity


class TableMismatch(TranslationRule):
    """A translation's tables differ from its source's in number or columns.

    Tables are compared by their number of columns, in the sections matched
    with the source's (KB507 reports a section missing with its tables, also
    when the translation kept them under another heading); a
    table whose columns differ from the source's in the same section is one
    finding. Rows may differ (cells are prose, and a translation may merge or
    split rows), and so may the order of the tables.

    ## Why
    A column added to the source and not to the translation is a comparison
    one locale cannot make; a table left out is usually a skipped section.

    ## Bad
    ```
    # source                       # translation
    | 模型 | 参数 | 许可 |          | Model | Parameters |
    ```

    ## Good
    ```
    | 模型 | 参数 | 许可 |          | Model | Parameters | License |
    ```
    """

    code = "KB512"
    name = "table-mismatch"
    severity = Severity.WARNING

    def check(self, page, ctx) -> Iterable[Finding]:
        pair = parity(ctx, page)
        if pair is None:
            return
        found = pair.diff(
            pair.reference.tables, page.tables, lambda table: table.columns, ordered=False
        )
        # a table of a section that moved under another heading is that section's
        lost, added = pair.unmatched(pair.reference.tables, page.tables)
        moved = Counter(t.columns for t in lost)
        extra = [m.translation for m in found if m.kind == "extra"]
        extra = [t for t in extra if not _take(moved, t.columns)]
        moved = Counter(t.columns for t in added)
        for s in (m.source for m in found if m.kind == "missing"):
            if _take(moved, s.columns):
                continue
            t = next((t for t in extra if pair.same_section(s.line, t.line)), None)
            if t is None:
                yield pair.missing(
                    f"missing the source's table of {s.columns} columns", s.line, s.column
                )
                continue
            extra.remove(t)  # the same table, with columns added or removed
            yield pair.at(
                t.line,
                t.column,
                f"table has {t.columns} columns; the source's has {s.columns}",
                s.line,
                s.column,
            )
        for t in extra:
            yield pair.extra(f"table of {t.columns} columns is not in the source", t.line, t.column)


def _take(counts: Counter, key: int) -> bool:
    """Take one ``key`` from ``counts``, if there is one left."""
    if counts[key] > 0:
        counts[key] -= 1
        return True
    return False
