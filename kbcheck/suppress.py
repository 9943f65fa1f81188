"""Suppression comments written in the page itself.

    <!-- kbcheck-disable-next-line RULE [RULE...] -->
    <!-- kbcheck-disable RULE -->  ...  <!-- kbcheck-enable RULE -->
    <!-- kbcheck-disable-file RULE -->

RULE is a code (KB301) or a name (broken-link); none means every rule.
A ``disable`` with no matching ``enable`` lasts to the end of the file.
"""

from __future__ import annotations

from kbcheck.lazyre import lazy

# Linear time over any page: the rules run up to the first ``<``, ``>`` or ``-->``
# (no second ``\s*`` before ``-->`` to try at every split), so no two tries
# scan the same text.
_DIRECTIVE = lazy(r"<!--\s*kbcheck-(disable-next-line|disable-file|disable|enable)\b([^<>]*?)-->")
_ALL = "*"
_END = 1 << 62


class Suppressions:
    """The ``kbcheck-disable`` comments of a page: for the whole file, by line, by range."""

    __slots__ = ("_open", "file", "lines", "ranges")

    def __init__(self) -> None:
        self.file: set[str] = set()
        self.lines: dict[int, set[str]] = {}
        self.ranges: list[tuple[str, int, int]] = []
        self._open: dict[str, int] = {}

    def scan(self, html: str, first_line: int) -> None:
        """Record the directives found in an HTML chunk that starts at ``first_line``."""
        line, counted = first_line, 0
        for match in _DIRECTIVE.finditer(html):
            line += html.count("\n", counted, match.start())  # counted once, however many
            counted = match.start()
            rules = match[2].replace(",", " ").split() or [_ALL]
            kind = match[1]
            for rule in rules:
                if kind == "disable-file":
                    self.file.add(rule)
                elif kind == "disable-next-line":
                    # the line after the one where the comment ends
                    target = line + html.count("\n", match.start(), match.end()) + 1
                    self.lines.setdefault(target, set()).add(rule)
                elif kind == "disable":
                    self._open.setdefault(rule, line)
                elif rule in self._open:
                    self.ranges.append((rule, self._open.pop(rule), line))

    def as_row(self) -> tuple | None:
        """Plain values only, to cross from a child process; None when empty."""
        if not (self.file or self.lines or self.ranges or self._open):
            return None
        lines = [(line, list(rules)) for line, rules in self.lines.items()]
        return list(self.file), lines, self.ranges, list(self._open.items())

    @classmethod
    def from_row(cls, row: tuple | None) -> Suppressions:
        found = cls()
        if row is not None:
            file, lines, ranges, opened = row
            found.file = set(file)
            found.lines = {line: set(rules) for line, rules in lines}
            found.ranges = [tuple(r) for r in ranges]
            found._open = dict(opened)
        return found

    def allows(self, code: str, name: str, line: int) -> bool:
        """Whether a finding of rule (code, name) at ``line`` may be reported."""
        keys = {code, name, _ALL}
        if keys & self.file or keys & self.lines.get(line, set()):
            return False
        spans = [*self.ranges, *((rule, start, _END) for rule, start in self._open.items())]
        return not any(rule in keys and start <= line <= end for rule, start, end in spans)
