from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import TranslationRule
from kbcheck.translations.parity import parity


class TableMismatch(TranslationRule):
    """A translation's tables differ from its source's in number or columns.

    Tables are compared in order by their number of columns; rows may differ
    (cells are prose, and a translation may merge or split rows).

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
        for m in pair.diff(pair.reference.tables, page.tables, lambda table: table.columns):
            s, t = m.source, m.translation
            if m.kind == "changed":
                yield pair.at(
                    t.line,
                    t.column,
                    f"table has {t.columns} columns; the source's has {s.columns}",
                    s.line,
                    s.column,
                )
            elif m.kind == "missing":
                yield pair.missing(
                    f"missing the source's table of {s.columns} columns", s.line, s.column
                )
            else:
                yield pair.extra(
                    f"table of {t.columns} columns is not in the source", t.line, t.column
                )
