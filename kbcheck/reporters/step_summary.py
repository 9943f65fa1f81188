"""The Markdown summary of a run for ``$GITHUB_STEP_SUMMARY``.

Counts per rule and locale, the findings on the lines the change touched,
and the translation status per locale. GitHub takes up to 1 MiB per step;
the list of findings is cut well before that.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kbcheck.reporters.github import on_changed_lines

if TYPE_CHECKING:
    from kbcheck.linter import Result

MAX_ROWS = 200  # findings listed; the counts cover them all


def render_step_summary(result: Result) -> str:
    out = ["## kbcheck", "", result.summary(), ""]
    locale_of = {}
    if result.context is not None:
        locale_of = {page.path: page.locale or "-" for page in result.context.corpus.pages}
    counts = Counter((d.code, d.name, locale_of.get(d.path, "-")) for d in result.diagnostics)
    locales = sorted({locale for _, _, locale in counts})
    if counts:
        out += ["| rule | " + " | ".join(locales) + " | total |",
                "|---|" + "---:|" * (len(locales) + 1)]  # fmt: skip
        for code, name in sorted({(code, name) for code, name, _ in counts}):
            cells = [str(counts.get((code, name, loc), 0)) for loc in locales]
            total = sum(counts.get((code, name, loc), 0) for loc in locales)
            out.append(f"| {code} {name} | " + " | ".join(cells) + f" | {total} |")
        out.append("")
    changed = on_changed_lines(result) if result.changes is not None else []
    if changed:
        out += ["### On changed lines", "", "| where | rule | message |", "|---|---|---|"]
        for d in changed[:MAX_ROWS]:
            out.append(f"| `{d.path}:{d.line}` | {d.code} | {_cell(d.message)} |")
        if len(changed) > MAX_ROWS:
            out.append(f"\n{len(changed) - MAX_ROWS} more in the log.")
        out.append("")
    out += _translations(result)
    return "\n".join(out) + "\n"


def _translations(result: Result) -> list[str]:
    if result.context is None or not result.context.config.locales:
        return []
    from kbcheck.translations.state import Translations
    from kbcheck.translations.status import summarize

    ctx = result.context
    report = summarize(Translations(ctx.config, ctx.corpus))
    if not report.locales:
        return []
    out = ["### Translations", "",
           "| locale | pages | translated | up to date | stale | missing | orphaned | coverage |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for s in report.locales:
        out.append(f"| {s.locale} | {s.pages} | {s.translated} | {s.up_to_date} | {s.stale} "
                   f"| {s.missing} | {s.orphaned} | {s.coverage:.1f}% |")  # fmt: skip
    return [*out, ""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
