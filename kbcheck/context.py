"""What rules may consult besides their page: configuration, corpus, page types."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from kbcheck.config import Config
from kbcheck.corpus import Corpus
from kbcheck.fields import Value, walk
from kbcheck.page import Page
from kbcheck.schema import PageType

if TYPE_CHECKING:
    from kbcheck.links.run import UrlChecker

T = TypeVar("T")


class Gatherer(Protocol):
    """What reads a little of every page: a cross-file rule, or the link run."""

    code: str

    def gather(self, page: Page, ctx: Context) -> Any: ...


class Context:
    """What every rule sees: the configuration, the corpus, the page types."""

    def __init__(
        self,
        config: Config,
        corpus: Corpus,
        schemas: dict[str, PageType],
        offline: bool = False,
        *,
        targets: list[Page] | None = None,
        link_checker: UrlChecker | None = None,
    ) -> None:
        self.config = config
        self.corpus = corpus
        self.schemas = schemas
        self.offline = offline
        self.cache: dict[str, Any] = {}  # shared, computed-once indexes
        self.targets = targets  # the pages findings are reported for; None: all
        self.link_checker = link_checker  # how KB4xx checks URLs; None: from [links]
        # (code, page path) -> what a Gatherer gathers of the page (see CorpusRule.gather)
        self.gathered_values: dict[tuple[str, str], Any] = {}

    def page_type(self, page: Page) -> PageType | None:
        return self.schemas.get(page.page_type) if page.page_type else None

    def field_values(self, page: Page) -> list[Value]:
        """The page's declared frontmatter values, walked once for all KB1xx rules."""
        key = f"fields:{page.path}"
        if key not in self.cache:
            page_type = self.page_type(page)
            found = walk(page.data, page_type.fields, page_type.lenient) if page_type else ()
            self.cache[key] = list(found)
        return self.cache[key]

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """Build an index once per run and share it between rules."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]

    def gathered(self, rule: Gatherer, page: Page) -> Any:
        """What ``rule`` gathers of ``page``: sent by the process that checked the
        page, or worked out here."""
        key = (rule.code, page.path)
        if key not in self.gathered_values:
            self.gathered_values[key] = rule.gather(page, self)
        return self.gathered_values[key]
