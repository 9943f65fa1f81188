"""Charts drawn as inline SVG: horizontal stacked bars, one row per label.

Colours come from CSS classes (one per part), so the page's light and dark
themes apply to the charts too; every part carries a ``<title>`` with its
count for pointer and screen-reader users.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH = 640
ROW = 26
LABEL = 220  # room for the row labels
VALUE = 90  # room for the figure at the right end


def stacked_bars(
    title: str,
    rows: Sequence[tuple[str, Sequence[tuple[str, int]], str]],
    total: int | None = None,
) -> str:
    """Rows of (label, [(part, count)...], figure); bars scale to ``total`` or the largest row."""
    if not rows:
        return ""
    scale = total or max((sum(n for _, n in parts) for _, parts, _ in rows), default=0) or 1
    span = WIDTH - LABEL - VALUE
    height = ROW * len(rows) + 4
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, parts, figure) in enumerate(rows):
        y = 2 + i * ROW
        short = label if len(label) <= 26 else label[:25] + "…"
        out.append(
            f'<text x="{LABEL - 8}" y="{y + 17}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(short)}</text>"
        )
        out.append(
            f'<rect class="track" x="{LABEL}" y="{y + 3}" width="{span}" height="{ROW - 8}"/>'
        )
        x = float(LABEL)
        for part, count in parts:
            if count <= 0:
                continue
            width = span * count / scale
            out.append(
                f'<rect class="{escape(part)}" x="{x:.1f}" y="{y + 3}" width="{width:.1f}" '
                f'height="{ROW - 8}"><title>{escape(label)}: {count} {escape(part)}</title></rect>'
            )
            x += width
        out.append(
            f'<text class="dim" x="{WIDTH - VALUE + 6}" y="{y + 17}">{escape(figure)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def legend(parts: Sequence[str]) -> str:
    items = "".join(f'<li><i class="{escape(p)}"></i>{escape(p)}</li>' for p in parts)
    return f'<ul class="legend">{items}</ul>'
