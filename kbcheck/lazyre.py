"""Regular expressions compiled on first use.

``re`` builds a character class by walking every code point of its ranges in
Python, so a class over the CJK blocks or all of Unicode takes 10-30 ms to
compile: more than checking a page. A module that holds one at import time
makes every run pay for it, even a run that never looks at such text.

    _WIDE = lazy(r"[\u2e80-\U0002ffff]")
    _WIDE.findall(text)   # compiled here, once

The pattern may also be a function that builds it, when building the text of
the pattern costs time of its own (a class made from a table).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class lazy:
    """A pattern compiled when one of its methods is first looked up."""

    def __init__(self, pattern: str | bytes | Callable[[], str], flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not a method of the pattern (copy, pickle, ...)
            raise AttributeError(name)
        if self._compiled is None:
            source = self._pattern() if callable(self._pattern) else self._pattern
            self._compiled = re.compile(source, self._flags)
        value = getattr(self._compiled, name)
        setattr(self, name, value)  # the next lookup finds it without coming here
        return value


@contextmanager
def compiled_on_first_use() -> Iterator[None]:
    """While this lasts, ``re.compile`` gives :class:`lazy` patterns: for importing a
    library that compiles, as it is imported, patterns this program may never use."""
    compile_now = re.compile
    re.compile = lazy  # type: ignore[assignment]
    try:
        yield
    finally:
        re.compile = compile_now
