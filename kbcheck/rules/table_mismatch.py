import itertools
from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.lazyre import lazy
from kbcheck.rules.base import ParityRule


class TableMismatch(ParityRule):
    """A translation's tables differ from its source's in number or columns.

    Tables are compared by their number of columns, section by section
    (KB507 reports a section missing with its tables, also when the
    translation kept them under another heading); a table whose columns
    differ from the source's in the same section is one finding (unless the
    columns one side lacks are empty in every row), and a table of the same
    columns in another section is the same table, moved. Rows may
    differ (cells are prose, and a translation may merge or split rows), and
    so may the order of the tables. A list turned into a table of one row
    per item, or a table into such a list, is a rendering choice; so is a
    table the translation gives in other markup (a field list, a sentence)
    with every value of it that is never translated (inline code, numbers,
    names of code), and a table the source pastes twice is one. The
    tables of a section the translation wrote anew (three times as long as
    the source's, ten lines or more: the source is a stub there) are its own.
    A table only the translation has is info (see KB507).

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

    def compare(self, page, pair, ctx) -> Iterable[Finding]:
        # a table of a section KB507 reports (missing, or not in the source) is that section's
        lost, added = pair.unmatched(pair.reference.tables, page.tables)
        missing = [t for t in pair.reference.tables if not any(t is x for x in lost)]
        extra = [t for t in page.tables if not any(t is x for x in added)]

        def take(s, tables, alike) -> bool:
            t = next((t for t in tables if alike(s, t)), None)
            if t is not None:
                tables.remove(t)
            return t is not None

        def here(s, t) -> bool:
            return s.columns == t.columns and pair.same_section(s.line, t.line)

        missing = [s for s in missing if not take(s, extra, here)]
        changed = []
        for s in list(missing):  # the same table, with columns added or removed
            t = next((t for t in extra if pair.same_section(s.line, t.line)), None)
            if t is not None:
                missing.remove(s)
                extra.remove(t)
                changed.append((s, t))
        # a table moved to another section, or kept in a section KB507 reports
        kept = extra + added
        missing = [s for s in missing if not take(s, kept, _alike)]
        extra = [t for t in extra if any(t is x for x in kept)]
        left = list(lost)
        extra = [t for t in extra if not take(t, left, _alike)]
        # a list turned into a table of one row per item (or back) is a rendering choice
        if missing:
            theirs = _lists(page)
            missing = [
                s
                for s in missing
                if not any(pair.same_section(s.line, x) and n == s.rows for x, n in theirs)
            ]
        if extra:
            ours = _lists(pair.reference)
            extra = [
                t
                for t in extra
                if not any(pair.same_section(x, t.line) and n == t.rows for x, n in ours)
            ]
        # a table the source repeats word for word is one table; one the translation
        # writes in other markup (a field list, a sentence) with all its values is there
        missing = [
            s for s in missing if not _repeated(pair.reference, s) and not _written(s, pair, page)
        ]
        for s, t in changed:
            if _filled(pair.reference, s) == _filled(page, t):
                continue  # a column empty in every row: nothing one locale lacks
            message = f"table has {t.columns} columns; the source's has {s.columns}"
            yield pair.at(t.line, t.column, message, s.line, s.column)
        for s in missing:
            message = f"missing the source's table of {s.columns} columns"
            yield pair.missing(message, s.line, s.column)
        for t in extra:
            if not pair.wrote_anew(t.line):
                message = f"table of {t.columns} columns is not in the source"
                yield pair.extra(message, t.line, t.column)


_ITEM = lazy(r"([ \t]*)(?:[-*+]|\d+[.)])[ \t]")


def _lists(page) -> list[tuple[int, int]]:
    """The line of each list of ``page`` and its number of top-level items."""
    blocks = page.blocks
    out = []
    for k, block in enumerate(blocks):
        if block.kind != "list":
            continue
        lines = page.lines(block.line, blocks[k + 1].line if k + 1 < len(blocks) else None)
        first = _ITEM.match(lines[0]) if lines else None
        indent = first.group(1) if first else ""
        items = [m for x in lines if (m := _ITEM.match(x))]
        out.append((block.line, sum(m.group(1) == indent for m in items)))
    return out


def _rows(page, table) -> list[str]:
    """The lines of ``table``: its header, the delimiter row and its rows."""
    return page.lines(table.line, table.line + 2 + table.rows)


def _repeated(page, table) -> bool:
    """Whether an earlier table of its section has the same lines (pasted twice)."""
    rows = _rows(page, table)
    start = max((h.line for h in page.headings if h.line < table.line), default=0)
    return any(start < t.line < table.line and _rows(page, t) == rows for t in page.tables)


def _written(table, pair, page) -> bool:
    """Whether the section of ``page`` where ``table`` of the source belongs has
    every value of it that is never translated (inline code, numbers, names of
    code), two or more: the translation gives the table in other markup."""
    text = "\n".join(_rows(pair.reference, table))
    values = {*_CODE.findall(text), *_VALUE.findall(_CODE.sub(" ", text))}
    if len(values) < 2:
        return False
    section = "\n".join(page.section_lines(pair.where(table.line)[0]))
    return all(value in section for value in values)


_CODE = lazy(r"`([^`\n]+)`")
# a number of two digits or more, or a name of code: snake_case, dotted.name, camelCase
_VALUE = lazy(r"\b(?:\d[\d.]+|[A-Za-z]\w*(?:_|\.(?=\w))[\w.]*|[a-z]+[A-Z]\w*)\b")


def _alike(a, b) -> bool:
    return a.columns == b.columns


_PIPE = lazy(r"(?<!\\)\|")  # cells end at a pipe not escaped (also in code)


def _filled(page, table) -> int:
    """The number of columns of ``table`` with a value in some row (a column with
    a header over empty cells says nothing)."""
    lines = page.lines(table.line + 2)  # the rows under the delimiter
    filled: set[int] = set()
    for row in itertools.takewhile(lambda line: "|" in line, lines[: table.rows]):
        cells = _PIPE.split(row.strip().removeprefix("|").removesuffix("|"))
        filled.update(i for i, cell in enumerate(cells[: table.columns]) if cell.strip())
    return len(filled) if table.rows else table.columns
