"""What every rule is: a code, a name, documentation, options, and a check."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from kbcheck.diagnostics import Finding, Severity
from kbcheck.settings import settings
from kbcheck.validation import STRICT

if TYPE_CHECKING:
    from kbcheck.context import Context
    from kbcheck.page import Page
    from kbcheck.translations.parity import Parity


def is_home_page(data: dict) -> bool:
    """A home page, drawn by a template or a hero rather than from its headings:
    ``layout: home`` (VitePress), ``home: true`` (VuePress), ``template: home.html``
    (an MkDocs theme override)."""
    template = data.get("template")
    return (
        data.get("layout") == "home"
        or data.get("home") is True
        or (isinstance(template, str) and template.rpartition("/")[2].startswith("home"))
    )


@settings
class NoOptions:
    """The options of a rule that has none."""

    __pydantic_config__ = STRICT


class Rule:
    """Base of all rules. The docstring of a subclass is its documentation.

    A rule never reads files, parses, prints or decides its final severity:
    it receives parsed pages and its options and yields findings.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    network: ClassVar[bool] = False  # skipped with --offline
    reads_body: ClassVar[bool] = True  # False: frontmatter and file checks only, no Markdown parse
    Options: ClassVar[type[Any]] = NoOptions

    def __init__(self, options: Any = None) -> None:
        self.options = options if options is not None else self.Options()

    def start(self, ctx: Context) -> None:
        """Start in the background what ``prepare`` will wait for (git reading
        history): the run parses pages meanwhile."""

    def prepare(self, ctx: Context) -> None:
        """Build what this rule's checks share, before the pages are split between
        processes (so that it is built once per run, not once per process)."""

    def read_ahead(self, ctx: Context, pages: list[Page]) -> None:
        """Read at once what checking ``pages`` needs, in the process that checks
        them (each process of a split run, its own share)."""

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().split("\n", 1)[0].rstrip(".")


class PageRule(Rule):
    """A rule that looks at one page at a time (it may consult the corpus)."""

    def check(self, page: Page, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError


class TranslationRule(PageRule):
    """A rule on translations: git history is read before the pages are split."""

    def start(self, ctx: Context) -> None:
        from kbcheck.translations.state import start_history  # the engine needs no git

        start_history(ctx)

    def prepare(self, ctx: Context) -> None:
        from kbcheck.translations.state import read_history

        read_history(ctx)

    def read_ahead(self, ctx: Context, pages: list[Page]) -> None:
        from kbcheck.translations.state import read_versions

        read_versions(ctx, pages)


class ParityRule(TranslationRule):
    """A rule comparing a translation with the source version it follows.

    A stale translation is compared with the source as it was translated (what
    changed since is staleness, KB514's). A difference from that version is
    reported only if the current source shows it too: one the source has
    since caught up with is no defect, and the version a page follows is a
    guess from git history when it has no record. "Shows it too": a finding
    at the same place of the translation.
    """

    def check(self, page: Page, ctx: Context) -> Iterable[Finding]:
        from kbcheck.translations.parity import parity

        pair = parity(ctx, page)
        if pair is None:
            return []
        found = list(self.compare(page, pair, ctx))
        if found and pair.old:
            now = {self.place(f) for f in self.compare(page, pair.current(ctx), ctx)}
            found = [f for f in found if self.place(f) in now]
        return self.reported(pair, found)

    def compare(self, page: Page, pair: Parity, ctx: Context) -> Iterable[Any]:
        """The differences, as findings (or as what ``place`` and ``reported`` read)."""
        raise NotImplementedError

    def place(self, difference: Any) -> tuple[int, int]:
        """Where in the translation a difference is (line, column)."""
        return difference.line, difference.column

    def reported(self, pair: Parity, differences: list[Any]) -> list[Finding]:
        """The findings of the differences left: one each, unless a rule merges those
        of one cause."""
        return differences


class CorpusRule(Rule):
    """A rule that looks across pages; its findings name their path.

    A rule that reads a little of every page (``gathers``) says what in
    ``gather``, and reads it with ``ctx.gathered(self, page)``: in a run split
    between two processes, each works it out for the pages it checks, and the
    child sends its share.
    """

    gathers: bool = False  # a class default; an instance may decide in prepare()

    def gather(self, page: Page, ctx: Context) -> Any:
        """What ``check_corpus`` reads of ``page``, as plain values (lists, tuples,
        strings, numbers: what ``marshal`` sends)."""
        raise NotImplementedError

    def check_corpus(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError


class InputRule(PageRule):
    """A problem found while reading the file; the reader records it by rule name."""

    reads_body = False

    def check(self, page: Page, ctx: Context) -> Iterable[Finding]:
        for problem in page.problems:
            if problem.rule == self.name:
                yield Finding(problem.line, problem.column, problem.message)
