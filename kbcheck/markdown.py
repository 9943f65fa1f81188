"""Markdown of one page, walked once: headings, links, code, tables, HTML.

A single pass over pyromark's events. This is the hot loop of a whole run:
the common events (text) take the shortest path, and positions are
computed only for what is kept.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pyromark

from kbcheck.lazyre import lazy
from kbcheck.mdxtext import heading_text
from kbcheck.slugger import Slugger
from kbcheck.suppress import Suppressions

if TYPE_CHECKING:
    from kbcheck.page import Positions

_OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_HEADING_ATTRIBUTES
)
# Every pattern here runs over page text and must take linear time: a name that
# could give back characters to the attributes after it (``<`` and 200,000
# letters) would be retried at every split; the lookahead makes the name whole.
_HTML_TAG = lazy(r"<([A-Za-z][\w.:-]*)(?![\w.:-])([^<>]*)>")
_HTML_ATTR = lazy(r"""\b(href|src|id|name|to)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_COMPONENT = lazy(r"<([A-Z][A-Za-z0-9.]*)")
_ADMONITION = lazy(r":::[ \t]*([A-Za-z][\w-]*)")  # `::: tip` too (VitePress)

Locate = Callable[[int], tuple[int, int]]

# What a page holds is made by the thousand in the hot loop below and is never
# changed afterwards. Plain classes with slots: as fast to build as a dataclass
# (a frozen one takes six times as long, a NamedTuple twice), and defined in
# microseconds, where a dataclass compiles its methods as the module is imported.


class Heading:
    """A heading of the page: ``text`` is its plain text, as the slugger sees it;
    ``anchor`` the explicit id, or the generated slug; ``start`` and ``end`` the
    byte offsets of the whole heading in the source."""

    __slots__ = ("anchor", "column", "end", "explicit_id", "level", "line", "start", "text")

    def __init__(self, level: int, text: str, explicit_id: str | None, anchor: str, line: int,
                 column: int, start: int, end: int) -> None:  # fmt: skip
        self.level = level
        self.text = text
        self.explicit_id = explicit_id
        self.anchor = anchor
        self.line = line
        self.column = column
        self.start = start
        self.end = end


class Link:
    """A link or an image of the page: ``kind`` is "link", "image", "autolink" or
    "html"; ``reference`` the label of a reference-style link."""

    __slots__ = ("column", "dest", "end_column", "end_line", "kind", "line", "reference")

    def __init__(self, dest: str, kind: str, line: int, column: int, end_line: int,
                 end_column: int, reference: str = "") -> None:  # fmt: skip
        self.dest = dest
        self.kind = kind
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.reference = reference


class CodeBlock:
    """A fenced or indented code block; ``language`` is "" when none (or indented)."""

    __slots__ = ("code", "column", "language", "line")

    def __init__(self, language: str, code: str, line: int, column: int) -> None:
        self.language = language
        self.code = code
        self.line = line
        self.column = column


class Table:
    """A table: its size and where it starts."""

    __slots__ = ("column", "columns", "line", "rows")

    def __init__(self, columns: int, rows: int, line: int, column: int) -> None:
        self.columns = columns
        self.rows = rows
        self.line = line
        self.column = column


class Marker:
    """A named thing at a position: an HTML anchor, an admonition, an MDX component."""

    __slots__ = ("column", "line", "name")

    def __init__(self, name: str, line: int, column: int) -> None:
        self.name = name
        self.line = line
        self.column = column


class Block:
    """A top-level block: what section rules count (prose, lists, tables, code).
    ``kind``: paragraph, heading, list, table, code, html, comment, quote, ..."""

    __slots__ = ("kind", "line", "text")

    def __init__(self, kind: str, line: int, text: str = "") -> None:
        self.kind = kind
        self.line = line
        self.text = text


class Markdown:
    """What the body of a page holds, as rules see it."""

    def __init__(self) -> None:
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.code_blocks: list[CodeBlock] = []
        self.tables: list[Table] = []
        self.html_anchors: list[Marker] = []
        self.admonitions: list[Marker] = []
        self.components: list[Marker] = []
        self.blocks: list[Block] = []
        self.suppressions = Suppressions()
        self.in_comment = False  # an HTML comment may span several HTML events


def parse_markdown(
    body: str, start: int, positions: Positions, slugs: type[Slugger] = Slugger
) -> Markdown:
    """Walk the events of ``body`` (from byte ``start`` of the page); depth tells top-level
    blocks apart.

    Most events are the start or end of a paragraph, list item, table cell or
    inline markup, or text: those take the shortest paths (one test each for a
    start or an end; the bare-string events fail every ``in`` test, as substring
    tests). Positions are computed only for what is kept.
    """
    md = Markdown()
    locate, starts = positions.locate, positions.starts
    slugger = slugs()
    depth = 0
    heading: dict[str, Any] | None = None
    code: dict[str, Any] | None = None
    table: dict[str, Any] | None = None
    kind, line = "", 0  # the current top-level block
    parts: list[str] = []  # its text
    live_html = False  # whether it has HTML outside comments
    raw = b""  # the body's bytes, once a heading needs them
    braces = "}" in body  # a heading may end with an expression the parser took apart
    colons = ":::" in body  # an admonition may start
    for event, span in pyromark.events_with_range(body, options=_OPTIONS):
        if "Start" in event:
            value = event["Start"]
            name = value if value.__class__ is str else next(iter(value))
            if depth == 0:
                parts, live_html = [], False
                kind = _BLOCK_KINDS.get(name) or name.lower()
                line = bisect_right(starts, span["start"] + start)
            depth += 1
            if name not in _WATCHED:
                continue
            lo = span["start"] + start
            if name == "Heading":
                attrs = value["Heading"]
                heading = {"level": int(attrs["level"][1]), "id": attrs["id"], "lo": lo,
                           "hi": span["end"] + start, "text": [], "pieces": [],
                           "mdx": False}  # fmt: skip
            elif name == "Link" or name == "Image":
                _add_link(md, value[name], name, lo, span["end"] + start, locate)
            elif name == "CodeBlock":
                fence = value["CodeBlock"]
                info = fence.get("Fenced", "") if fence.__class__ is dict else ""
                code = {"lang": info.split()[0] if info.strip() else "", "lo": lo, "text": []}
            elif name == "Table":
                table = {"columns": len(value["Table"]), "rows": 0, "lo": lo}
            elif table is not None:  # TableRow
                table["rows"] += 1
        elif "End" in event:
            depth -= 1
            value = event["End"]
            name = value if value.__class__ is str else next(iter(value))
            if name in _SEPARATED:  # list items and cells are words apart
                parts.append(" ")
            if depth == 0:
                if name == "HtmlBlock" and not live_html:
                    kind = "comment"  # nothing but HTML comments: not content
                md.blocks.append(Block(kind, line, "".join(parts).strip()))
            if name not in _WATCHED:
                continue
            if name == "Heading" and heading is not None:
                if slugger.attrs and not heading["id"]:  # `## Title %{#id}%`
                    text, given = slugger.split_id("".join(heading["text"]).strip())
                    if given:
                        heading.update(id=given, text=[text], mdx=False)
                if heading["mdx"] or (braces and not heading["id"]):
                    raw = raw or body.encode()
                    lo, hi = span["start"], span["end"]
                    if heading["mdx"] or raw[lo:hi].rstrip(b" \t\r\n#").endswith(b"}"):
                        _mdx_heading(heading, raw, lo, hi)
                _add_heading(md, heading, slugger, locate)
                heading = None
            elif name == "CodeBlock" and code is not None:
                where = locate(code["lo"])
                md.code_blocks.append(CodeBlock(code["lang"], "".join(code["text"]), *where))
                code = None
            elif name == "Table" and table is not None:
                md.tables.append(Table(table["columns"], table["rows"], *locate(table["lo"])))
                table = None
        elif "Text" in event or "Code" in event:
            value = event["Text"] if "Text" in event else event["Code"]
            if code is not None:
                code["text"].append(value)
                continue
            if heading is not None:
                heading["text"].append(value)
                heading["pieces"].append((value, span["start"], span["end"], "Code" in event))
                if "<" in value or "{" in value:
                    heading["mdx"] = True
            elif colons and value.startswith(":::") and (match := _ADMONITION.match(value)):
                md.admonitions.append(Marker(match[1], *locate(span["start"] + start)))
            parts.append(value)
        elif event.__class__ is str:
            if event != "Rule":  # SoftBreak, HardBreak; a thematic break is not content
                parts.append(" ")
        else:
            value = event.get("Html") or event.get("InlineHtml")
            if heading is not None and value:
                heading["pieces"].append((value, span["start"], span["end"], False))
                heading["mdx"] = True
            if value and _scan_html(md, value, span["start"] + start, locate).strip():
                live_html = True
    return md


_WATCHED = frozenset({"Heading", "Link", "Image", "CodeBlock", "Table", "TableRow"})
_SEPARATED = frozenset({"Item", "TableCell", "Paragraph"})
_BLOCK_KINDS = {"List": "list", "BlockQuote": "quote", "CodeBlock": "code", "HtmlBlock": "html"}


def _mdx_heading(h: dict[str, Any], raw: bytes, lo: int, hi: int) -> None:
    """Heading text as MDX computes it, for headings with tags or braces (see mdxtext).

    A piece is literal when the parser changed it (entities, inline code) or it
    follows a backslash (an escape); a trailing ``{...}`` the parser took for
    attributes is, to MDX, an expression.
    """
    pieces = [
        (value, code or raw[a:b] != value.encode() or raw[a - 1 : a] == b"\\")
        for value, a, b, code in h["pieces"]
    ]
    if not h["id"]:
        end = h["pieces"][-1][2] if h["pieces"] else lo
        tail = raw[end:hi].decode("utf-8", "replace").rstrip()
        if "{" in tail:
            pieces.append((tail.rstrip("#").rstrip() if tail.endswith("#") else tail, False))
    text, comment_id = heading_text(pieces)
    h["text"] = [text]
    h["mdx_text"] = True
    if comment_id:
        h["id"] = comment_id


def _add_heading(md: Markdown, h: dict[str, Any], slugger: Slugger, locate: Locate) -> None:
    text = "".join(h["text"])
    if not h.get("mdx_text"):
        text = text.strip()  # MDX keeps the spaces next to a removed element
    explicit = h["id"] or None
    anchor = slugger.explicit(explicit) if explicit else slugger.slug(text)
    line, column = locate(h["lo"])
    md.headings.append(Heading(h["level"], text, explicit, anchor, line, column, h["lo"], h["hi"]))


def _add_link(
    md: Markdown, tag: dict[str, Any], name: str, lo: int, hi: int, locate: Locate
) -> None:
    kind = "image" if name == "Image" else "autolink" if tag["link_type"] == "Autolink" else "link"
    if tag["link_type"] == "Email":
        return
    line, column = locate(lo)
    end_line, end_column = locate(hi)
    reference = tag["id"] if tag["link_type"] in ("Reference", "Collapsed", "Shortcut") else ""
    md.links.append(
        Link(tag["dest_url"], kind, line, column, end_line, end_column, reference or "")
    )


def _scan_html(md: Markdown, html: str, lo: int, locate: Locate) -> str:
    """Anchors, links and components in raw HTML/MDX, plus suppression comments.

    What is inside an HTML comment is not live: a commented-out link or id
    is neither checked nor an anchor. Returns the HTML with comments blanked.
    """
    if "<!--" in html or md.in_comment:
        if "<!--" in html:
            md.suppressions.scan(html, locate(lo)[0])
        html = _blank_comments(md, html)
    at = _ByteOffsets(html, lo)
    for tag in _HTML_TAG.finditer(html):
        is_anchor_tag = tag[1].lower() == "a"
        for match in _HTML_ATTR.finditer(html, tag.start(2), tag.end(2)):
            attr, value = match[1].lower(), match[2] if match[2] is not None else match[3]
            if attr == "name" and not is_anchor_tag:
                continue  # <input name>, <meta name>: not anchors
            if attr == "to" and tag[1] != "Link":
                continue  # only Docusaurus's <Link to="..."> is a link
            line, column = locate(at(match.start()))
            if attr in ("id", "name"):
                md.html_anchors.append(Marker(value, line, column))
            else:
                end_line, end_column = locate(at(match.end()))
                md.links.append(Link(value, "html", line, column, end_line, end_column))
    at = _ByteOffsets(html, lo)
    for match in _COMPONENT.finditer(html):
        md.components.append(Marker(match[1], *locate(at(match.start()))))
    return html


class _ByteOffsets:
    """Character index in ``html`` -> byte offset in the page, for indexes that only
    grow: each call encodes only the text since the previous one (linear in all)."""

    def __init__(self, html: str, lo: int) -> None:
        self.html, self.ascii, self.lo = html, html.isascii(), lo
        self.char, self.byte = 0, lo

    def __call__(self, index: int) -> int:
        if self.ascii:
            return self.lo + index
        if index < self.char:  # not expected; correct all the same
            self.char, self.byte = 0, self.lo
        self.byte += len(self.html[self.char : index].encode())
        self.char = index
        return self.byte


def _blank_comments(md: Markdown, html: str) -> str:
    """Replace commented text by spaces, keeping offsets; remember an open comment."""
    out, pos = [], 0
    while pos < len(html):
        if md.in_comment:
            end = html.find("-->", pos)
            stop = len(html) if end < 0 else end + 3
            out.append(" " * (stop - pos))
            md.in_comment, pos = end < 0, stop
        else:
            begin = html.find("<!--", pos)
            stop = len(html) if begin < 0 else begin
            out.append(html[pos:stop])
            md.in_comment, pos = begin >= 0, stop
    return "".join(out)
