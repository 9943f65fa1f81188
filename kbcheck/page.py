"""One Markdown file, read and parsed at most once, and only as far as asked.

A page is cheap to create: nothing is read until a rule asks. The bytes are
decoded on first use, the frontmatter parsed when a rule needs a key, the
Markdown walked when a rule needs headings or links. A whole-corpus run
parses every page once; a pre-commit run on one file parses that file and
only the few others it links to or is paired with.
"""

from __future__ import annotations

import os
import stat
from bisect import bisect_right
from collections.abc import Callable
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import Any

from kbcheck import frontmatter as fm
from kbcheck.lazyre import lazy
from kbcheck.markdown import (
    Block,
    CodeBlock,
    Heading,
    Link,
    Markdown,
    Marker,
    Table,
    parse_markdown,
)
from kbcheck.slugger import Slugger
from kbcheck.suppress import Suppressions

__all__ = [
    "Block", "CodeBlock", "Heading", "Link", "Marker", "Page", "Table",
    "linked_images", "read_page",
]  # fmt: skip

MAX_BYTES = 5 * 1024 * 1024
_LONE_CR_TEXT = lazy("\r(?!\n)")
_CONTINUATION = bytes(range(0x80, 0xC0))  # UTF-8 bytes that do not start a character
_STRIDE = 1024  # bytes between two marks of the character index
_EMPTY = Markdown()


class Page:
    """A page of the knowledge base. ``path`` is as reported (relative to the
    working directory where possible), ``rel`` relative to the configuration's
    root, and ``key`` is shared by the same page in every locale."""

    def __init__(
        self,
        path: str,
        data: bytes | None = None,
        *,
        file: str | Path | None = None,
        rel: str = "",
        key: str = "",
        locale: str | None = None,
        max_bytes: int = MAX_BYTES,
        typer: Callable[[Page], str | None] | None = None,
        slugs: type[Slugger] = Slugger,
    ) -> None:
        self.path, self.rel, self.key, self.locale = path, rel, key, locale
        self._data, self._file, self._max_bytes, self._typer = data, file, max_bytes, typer
        self.slugs = slugs  # how the site's generator makes heading ids

    def __repr__(self) -> str:
        return f"Page({self.path!r})"

    # --- reading -----------------------------------------------------------

    @cached_property
    def _read(self) -> tuple[bytes, str, list[fm.Problem]]:
        """(source bytes, text, problems): the checks every file gets before parsing."""
        data = self._data
        if data is None and self._file is not None:
            data = _read_file(self._file, self._max_bytes)
            if isinstance(data, fm.Problem):
                return b"", "", [data]
        self._data = None  # keep one copy: ``source`` from now on
        return _decode(data or b"", self._max_bytes)

    @property
    def source(self) -> bytes:
        return self._read[0]

    @property
    def text(self) -> str:
        return self._read[1]

    @cached_property
    def _positions(self) -> Positions:
        return Positions(self.source)

    def locate(self, offset: int) -> tuple[int, int]:
        """Byte offset -> (line, column), both 1-based; columns count characters."""
        return self._positions.locate(offset)

    def lines(self, first: int, stop: int | None = None) -> list[str]:
        """Lines ``first`` up to ``stop`` (1-based, ``stop`` excluded; to the end without
        it), without splitting the whole page."""
        starts, size = self._positions.starts, len(self.source)
        lo = starts[first - 1] if 0 < first <= len(starts) else size
        hi = starts[stop - 1] if stop is not None and 0 < stop <= len(starts) else size
        return self.source[lo:hi].decode("utf-8", "replace").splitlines()

    def section_lines(self, line: int) -> list[str]:
        """The lines of the section that holds ``line``: from its heading (or the
        top of the page) up to the next heading."""
        starts = [h.line for h in self.headings]
        first = max((x for x in starts if x <= line), default=1)
        return self.lines(first, next((x for x in starts if x > first), None))

    # --- frontmatter -------------------------------------------------------

    @cached_property
    def _split(self) -> tuple[fm.Frontmatter | None, str | None, int, int]:
        """Where the frontmatter block is, not yet parsed: (shell, block text, where
        the body starts in bytes, in characters). The Markdown needs no more."""
        text = self.text
        shell, block, length = fm.split(text) if text else (None, None, 0)
        return shell, block, len(text[:length].encode()) if length else 0, length

    @cached_property
    def frontmatter(self) -> fm.Frontmatter | None:
        shell, block, _, _ = self._split
        return fm.parse(shell, block) if shell is not None and block is not None else shell

    @property
    def body(self) -> str:
        """The text after the frontmatter."""
        return self.text[self._split[3] :]

    @property
    def body_start(self) -> int:
        return self._split[2]

    @property
    def body_line(self) -> int:
        """The first line after the frontmatter."""
        shell = self.frontmatter
        return shell.end_line + 1 if shell is not None and shell.data is not None else 1

    @property
    def data(self) -> dict[str, Any]:
        """The frontmatter mapping, empty when missing or unusable."""
        shell = self.frontmatter
        return (shell.data if shell else None) or {}

    @cached_property
    def page_type(self) -> str | None:
        return self._typer(self) if self._typer else None

    @property
    def problems(self) -> list[fm.Problem]:
        """Problems found while reading: encoding, size, frontmatter syntax."""
        shell = self.frontmatter
        return self._read[2] + (shell.problems if shell else [])

    # --- Markdown ----------------------------------------------------------

    @cached_property
    def markdown(self) -> Markdown:
        if not self.text:
            return _EMPTY
        return parse_markdown(self.body, self.body_start, self._positions, self.slugs)

    @property
    def headings(self) -> list[Heading]:
        return self.markdown.headings

    @cached_property
    def links(self) -> list[Link]:  # cached: a forked child may send them (kbcheck.split)
        return self.markdown.links

    @property
    def code_blocks(self) -> list[CodeBlock]:
        return self.markdown.code_blocks

    @property
    def tables(self) -> list[Table]:
        return self.markdown.tables

    @property
    def html_anchors(self) -> list[Marker]:
        return self.markdown.html_anchors

    @property
    def admonitions(self) -> list[Marker]:
        return self.markdown.admonitions

    @property
    def components(self) -> list[Marker]:
        return self.markdown.components

    @property
    def blocks(self) -> list[Block]:
        return self.markdown.blocks

    @cached_property
    def suppressions(self) -> Suppressions:
        return self.markdown.suppressions

    @cached_property
    def anchors(self) -> set[str]:
        return {h.anchor for h in self.headings} | {m.name for m in self.html_anchors}


class Positions:
    """Byte offsets in a page's source -> (line, column), both 1-based; columns count
    characters.

    Both come from indexes (line starts, characters every kilobyte), so the cost
    does not grow with the length of the line. Lines end at CR, CRLF and LF alike,
    as CommonMark reads them. The last answer is kept: an offset further on the
    same line (a link's end, after its start) counts only the characters between.
    """

    __slots__ = ("_at", "_column", "_marks", "source", "starts")

    def __init__(self, source: bytes) -> None:
        self.source = source
        self.starts = [0, *accumulate(map(len, source.splitlines(keepends=True)))]
        if source and not source.endswith((b"\n", b"\r")):
            self.starts.pop()  # the end of the last line is no line start
        self._marks: list[int] | None = None  # see _marks(), made when a long line needs it
        self._at, self._column = 0, 1

    def locate(self, offset: int) -> tuple[int, int]:
        starts = self.starts
        index = bisect_right(starts, offset) - 1
        start, at = starts[index], self._at
        if start <= at <= offset and offset - at <= _STRIDE:  # further on the same line
            column = self._column + len(self.source[at:offset].translate(None, _CONTINUATION))
        elif offset - start <= _STRIDE:  # most lines are short: count their characters
            column = len(self.source[start:offset].translate(None, _CONTINUATION)) + 1
        else:
            column = self._chars_before(offset) - self._chars_before(start) + 1
        self._at, self._column = offset, column
        return index + 1, column

    def _chars_before(self, offset: int) -> int:
        source, marks = self.source, self._marks
        if marks is None:
            marks = self._marks = _marks(source)
        if not marks:  # every byte is a character
            return offset
        mark = offset // _STRIDE
        return marks[mark] + len(source[mark * _STRIDE : offset].translate(None, _CONTINUATION))


def _marks(source: bytes) -> list[int]:
    """Characters before every ``_STRIDE``-th byte; none when every byte is one."""
    if source.isascii():
        return []
    marks, total = [0], 0
    for at in range(0, len(source), _STRIDE):
        total += len(source[at : at + _STRIDE].translate(None, _CONTINUATION))
        marks.append(total)
    return marks


def linked_images(page: Page) -> list[tuple[Link, Link]]:
    """The images that are the content of a link (`[![badge](b.svg)](url)`), each
    with that link."""
    if "[![" not in page.text:  # the common case
        return []
    found, link = [], None
    for item in page.links:  # a link comes before the images inside it
        if item.kind == "link":
            link = item
        elif item.kind == "image" and link is not None and _inside(item, link):
            found.append((link, item))
    return found


def _inside(image: Link, link: Link) -> bool:
    return (image.end_line, image.end_column) <= (link.end_line, link.end_column)


def read_page(
    path: str, data: bytes, max_bytes: int = MAX_BYTES, slugs: type[Slugger] = Slugger
) -> Page:
    """A page over bytes already in memory (for tests and sources read from git)."""
    return Page(path, data, max_bytes=max_bytes, slugs=slugs)


def _read_file(file: Path, max_bytes: int) -> bytes | fm.Problem:
    """The bytes of a regular file, never more than ``max_bytes`` + 1 of them.

    A FIFO, a device or a socket is not a page: it is reported without being
    opened for reading (a FIFO would block, ``/dev/zero`` never ends).
    """
    try:
        if not stat.S_ISREG(os.stat(file).st_mode):
            return fm.Problem("not-text", 1, 1, "not a regular file")
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)  # swapped for a FIFO since: no wait
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return fm.Problem("not-text", 1, 1, "not a regular file")
            if info.st_size > max_bytes:
                return _too_large(info.st_size, max_bytes)
            return _read_all(fd, info.st_size + 1)  # more only if it grew; then too large
        finally:
            os.close(fd)
    except OSError as exc:
        return fm.Problem("not-text", 1, 1, f"cannot read file: {exc.strerror or exc}")


def _read_all(fd: int, limit: int) -> bytes:
    """Up to ``limit`` bytes, to the end of the file (no buffered file object: one
    read is the common case)."""
    chunks, size = [], 0
    while size < limit and (chunk := os.read(fd, limit - size)):
        chunks.append(chunk)
        size += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(size: int, max_bytes: int) -> fm.Problem:
    size_mb, limit = f"{size / 1048576:.1f} MB", f"{max_bytes / 1048576:.1f} MB"
    message = f"file is {size_mb}, over the {limit} limit; not checked"
    return fm.Problem("file-too-large", 1, 1, message)


def _decode(data: bytes, max_bytes: int) -> tuple[bytes, str, list[fm.Problem]]:
    """Refuse what is not Markdown text, with a problem that says why and where."""
    problems: list[fm.Problem] = []
    if not data.strip():
        return b"", "", [fm.Problem("empty-file", 1, 1, "file is empty")]
    if len(data) > max_bytes:
        return b"", "", [_too_large(len(data), max_bytes)]
    if b"\x00" in data[:8192]:
        return b"", "", [fm.Problem("not-text", 1, 1, "file is binary, not Markdown text")]
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(fm.Problem("byte-order-mark", 1, 1, "file starts with a byte-order mark"))
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"byte 0x{data[exc.start]:02x} is not valid UTF-8"
        return b"", "", [*problems, fm.Problem("not-utf8", line, column, message)]
    if "\r" in text:
        problems.append(_line_endings(text))
        text = _LONE_CR_TEXT.sub("\n", text)  # as long as before: offsets hold
    return data, text, problems


def _line_endings(text: str) -> fm.Problem:
    """Which endings other than LF a text uses, and where the first one is."""
    crlf = text.count("\r\n")
    kinds = [
        kind for kind, count in
        (("LF", text.count("\n") - crlf), ("CRLF", crlf), ("CR", text.count("\r") - crlf))
        if count
    ]  # fmt: skip
    line = text.count("\n", 0, text.index("\r")) + 1  # only LF before the first CR
    if len(kinds) == 1:
        return fm.Problem("line-endings", line, 1, f"{kinds[0]} line endings; expected LF")
    mixed = ", ".join(kinds)
    return fm.Problem("line-endings", line, 1, f"mixed line endings ({mixed}); expected LF")
