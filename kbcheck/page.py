"""One Markdown file, read and parsed once.

Everything a rule may ask about a page is extracted here, in a single pass
over pyromark's events: headings with their anchors, links and images, code
blocks, tables, HTML, admonitions and top-level blocks. Byte offsets are
turned into 1-based lines and character columns (CJK text is multi-byte).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import pyromark

from kbcheck import frontmatter as fm
from kbcheck.slugger import Slugger
from kbcheck.suppress import Suppressions

MAX_BYTES = 5 * 1024 * 1024

_OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_HEADING_ATTRIBUTES
)
_HTML_ATTR = re.compile(r"""\b(href|src|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_COMPONENT = re.compile(r"<([A-Z][A-Za-z0-9.]*)")
_ADMONITION = re.compile(r":::([A-Za-z]+)")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # plain text, as the slugger sees it
    explicit_id: str | None
    anchor: str  # the explicit id, or the generated slug
    line: int
    column: int
    start: int  # byte offsets of the whole heading in the source
    end: int


@dataclass(frozen=True)
class Link:
    dest: str
    kind: str  # "link", "image", "autolink", "html"
    line: int
    column: int
    end_line: int
    end_column: int
    reference: str = ""  # label of a reference-style link


@dataclass(frozen=True)
class CodeBlock:
    language: str  # "" when none (or indented)
    code: str
    line: int
    column: int


@dataclass(frozen=True)
class Table:
    columns: int
    rows: int
    line: int
    column: int


@dataclass(frozen=True)
class Marker:
    """A named thing at a position: an HTML anchor, an admonition, an MDX component."""

    name: str
    line: int
    column: int


@dataclass
class Block:
    """A top-level block: what section rules count (prose, lists, tables, code)."""

    kind: str  # paragraph, heading, list, table, code, html, quote, rule, ...
    line: int
    text: str = ""


@dataclass
class Page:
    path: str  # as reported: relative to the working directory where possible
    rel: str = ""  # relative to the configuration's root, POSIX
    key: str = ""  # the same page in every locale has the same key
    source: bytes = b""
    text: str = ""
    frontmatter: fm.Frontmatter | None = None
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    html_anchors: list[Marker] = field(default_factory=list)
    admonitions: list[Marker] = field(default_factory=list)
    components: list[Marker] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    problems: list[fm.Problem] = field(default_factory=list)
    suppressions: Suppressions = field(default_factory=Suppressions)
    body_line: int = 1  # first line after the frontmatter
    body_start: int = 0  # byte offset of the body
    locale: str | None = None
    page_type: str | None = None
    _line_starts: list[int] = field(default_factory=lambda: [0], repr=False)

    @property
    def data(self) -> dict[str, Any]:
        """The frontmatter mapping, empty when missing or unusable."""
        return (self.frontmatter.data if self.frontmatter else None) or {}

    @property
    def anchors(self) -> set[str]:
        return {h.anchor for h in self.headings} | {m.name for m in self.html_anchors}

    def locate(self, offset: int) -> tuple[int, int]:
        """Byte offset -> (line, column), both 1-based; columns count characters."""
        index = bisect_right(self._line_starts, offset) - 1
        start = self._line_starts[index]
        return index + 1, len(self.source[start:offset].decode("utf-8", "replace")) + 1


def read_page(path: str, data: bytes, max_bytes: int = MAX_BYTES) -> Page:
    """Build a Page from a file's bytes. Never raises on bad input: problems are recorded."""
    page = Page(path=path)
    if not data.strip():
        page.problems.append(fm.Problem("empty-file", 1, 1, "file is empty"))
        return page
    if len(data) > max_bytes:
        size = f"{len(data) / 1048576:.1f} MB"
        limit = f"{max_bytes / 1048576:.1f} MB"
        page.problems.append(
            fm.Problem(
                "file-too-large", 1, 1, f"file is {size}, over the {limit} limit; not checked"
            )
        )
        return page
    if b"\x00" in data[:8192]:
        page.problems.append(fm.Problem("not-text", 1, 1, "file is binary, not Markdown text"))
        return page
    if data.startswith(b"\xef\xbb\xbf"):
        page.problems.append(
            fm.Problem("byte-order-mark", 1, 1, "file starts with a byte-order mark")
        )
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        page.problems.append(
            fm.Problem("not-utf8", line, column, f"byte 0x{data[exc.start]:02x} is not valid UTF-8")
        )
        return page
    if "\r\n" in text:
        line = text.count("\n", 0, text.index("\r\n")) + 1
        page.problems.append(fm.Problem("line-endings", line, 1, "CRLF line endings; expected LF"))
    page.source, page.text = data, text
    page._line_starts = [0, *(m.end() for m in re.finditer(b"\n", data))]
    _read_frontmatter(page)
    _read_markdown(page)
    return page


def _read_frontmatter(page: Page) -> None:
    shell, block, length = fm.split(page.text)
    if shell is None:
        return
    if block is not None:
        fm.parse(shell, block)
        page.body_line = shell.end_line + 1
    page.frontmatter = shell
    page.problems.extend(shell.problems)
    page.body_start = len(page.text[:length].encode())


def _read_markdown(page: Page) -> None:
    """Walk the events once; nesting depth tells top-level blocks apart.

    This is the hot loop of a whole run: the common events (text) take the
    shortest path, and positions are computed only for what is kept.
    """
    start = page.body_start
    body = page.source[start:].decode("utf-8")
    slugger = Slugger()
    starts = page._line_starts
    depth = 0
    heading: dict[str, Any] | None = None
    code: dict[str, Any] | None = None
    table: dict[str, Any] | None = None
    parts: list[str] = []  # text of the current top-level block
    for event, span in pyromark.events_with_range(body, options=_OPTIONS):
        if event.__class__ is str:
            if event == "SoftBreak" or event == "HardBreak":
                parts.append(" ")
            continue  # a thematic break ("Rule") is not content
        ((kind, value),) = event.items()
        if kind == "Text" or kind == "Code":
            if code is not None:
                code["text"].append(value)
                continue
            if heading is not None:
                heading["text"].append(value)
            elif value.startswith(":::") and (match := _ADMONITION.match(value)):
                page.admonitions.append(Marker(match[1], *page.locate(span["start"] + start)))
            parts.append(value)
        elif kind == "Start":
            lo = span["start"] + start
            name = value if value.__class__ is str else next(iter(value))
            if depth == 0:
                parts = []
                kind_name = _BLOCK_KINDS.get(name) or name.lower()
                page.blocks.append(Block(kind_name, bisect_right(starts, lo)))
            depth += 1
            if name == "Heading":
                attrs = value["Heading"]
                heading = {"level": int(attrs["level"][1]), "id": attrs["id"], "lo": lo,
                           "hi": span["end"] + start, "text": []}  # fmt: skip
            elif name == "Link" or name == "Image":
                _add_link(page, value[name], name, lo, span["end"] + start)
            elif name == "CodeBlock":
                fence = value["CodeBlock"]
                info = fence.get("Fenced", "") if fence.__class__ is dict else ""
                code = {"lang": info.split()[0] if info.strip() else "", "lo": lo, "text": []}
            elif name == "Table":
                table = {"columns": len(value["Table"]), "rows": 0, "lo": lo}
            elif name == "TableRow" and table is not None:
                table["rows"] += 1
        elif kind == "End":
            depth -= 1
            if depth == 0:
                page.blocks[-1].text = "".join(parts)
            name = value if value.__class__ is str else next(iter(value))
            if name == "Heading" and heading is not None:
                _add_heading(page, heading, slugger)
                heading = None
            elif name == "CodeBlock" and code is not None:
                line, column = page.locate(code["lo"])
                page.code_blocks.append(
                    CodeBlock(code["lang"], "".join(code["text"]), line, column)
                )
                code = None
            elif name == "Table" and table is not None:
                line, column = page.locate(table["lo"])
                page.tables.append(Table(table["columns"], table["rows"], line, column))
                table = None
        elif kind == "Html" or kind == "InlineHtml":
            _scan_html(page, value, span["start"] + start)


_BLOCK_KINDS = {"List": "list", "BlockQuote": "quote", "CodeBlock": "code", "HtmlBlock": "html"}


def _add_heading(page: Page, h: dict[str, Any], slugger: Slugger) -> None:
    text = "".join(h["text"]).strip()
    explicit = h["id"] or None
    anchor = explicit or slugger.slug(text)
    line, column = page.locate(h["lo"])
    page.headings.append(
        Heading(h["level"], text, explicit, anchor, line, column, h["lo"], h["hi"])
    )


def _add_link(page: Page, tag: dict[str, Any], name: str, lo: int, hi: int) -> None:
    kind = "image" if name == "Image" else "autolink" if tag["link_type"] == "Autolink" else "link"
    if tag["link_type"] == "Email":
        return
    line, column = page.locate(lo)
    end_line, end_column = page.locate(hi)
    reference = tag["id"] if tag["link_type"] in ("Reference", "Collapsed", "Shortcut") else ""
    page.links.append(
        Link(tag["dest_url"], kind, line, column, end_line, end_column, reference or "")
    )


def _scan_html(page: Page, html: str, lo: int) -> None:
    """Anchors, links and components in raw HTML/MDX, plus suppression comments."""
    if "<!--" in html:
        page.suppressions.scan(html, page.locate(lo)[0])
    for match in _HTML_ATTR.finditer(html):
        attr, value = match[1].lower(), match[2] if match[2] is not None else match[3]
        offset = lo + len(html[: match.start()].encode())
        line, column = page.locate(offset)
        if attr in ("id", "name"):
            page.html_anchors.append(Marker(value, line, column))
        else:
            end_line, end_column = page.locate(offset + len(match[0].encode()))
            page.links.append(Link(value, "html", line, column, end_line, end_column))
    for match in _COMPONENT.finditer(html):
        offset = lo + len(html[: match.start()].encode())
        page.components.append(Marker(match[1], *page.locate(offset)))
