"""One shard of a knowledge base, for the machines of a CI matrix (``--shard K/N``).

Pages are dealt out by translation group (a page with its translations and
source), groups sorted by key and dealt round-robin, so every shard gets
about as many groups and the same checkout always gives the same shards.
Each shard still indexes the whole knowledge base, so cross-file rules judge
as one run would; findings are reported only for the shard's pages. The
shards' findings together are one run's, each once.
"""

from __future__ import annotations

from dataclasses import dataclass

from kbcheck.lazyre import lazy
from kbcheck.page import Page

_FORM = lazy(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``K/N`` with 1 <= K <= N; ValueError otherwise."""
        match = _FORM.match(text)
        if not match or not 1 <= int(match[1]) <= int(match[2]):
            raise ValueError(f"--shard {text!r}: expected K/N with 1 <= K <= N, such as 2/4")
        return cls(int(match[1]), int(match[2]))

    def pages(self, pages: list[Page]) -> list[Page]:
        """This shard's share of ``pages``, whole translation groups together."""
        keys = sorted({_group(page) for page in pages})
        mine = set(keys[self.index - 1 :: self.count])
        return [page for page in pages if _group(page) in mine]


def _group(page: Page) -> str:
    return page.key if page.locale is not None else page.rel
