"""Parsing on two cores gives exactly what parsing in one process gives."""

from __future__ import annotations

from kbcheck.page import Page, read_page
from kbcheck.prefetch import MIN_PAGES, prefetch

PAGE = """---
title: 第{n}页
---

# 第{n}页 {{#top}}

正文 [链接](other-{n}.md#x) 和 ![图](img/{n}.png) <a name="a{n}"></a>

<!-- kbcheck-disable-next-line KB301 -->
- 一 two
- three

| a | b |
|---|---|
| {n} | 2 |

```python
print({n})
```

:::tip
提示
:::

<!-- kbcheck-disable KB302 -->
"""


def pages() -> list[Page]:
    count = MIN_PAGES + 20
    return [read_page(f"p{n}.md", PAGE.format(n=n).encode()) for n in range(count)]


def test_prefetched_pages_equal_pages_parsed_here() -> None:
    fetched, here = pages(), pages()
    prefetch(fetched)
    assert all("markdown" in page.__dict__ for page in fetched)  # parsed ahead
    for a, b in zip(fetched, here, strict=True):
        assert a.markdown == b.markdown
        assert a.suppressions.allows("KB301", "broken-link", 10) is False
        assert a.suppressions.allows("KB302", "broken-anchor", 30) is False


def test_small_runs_are_left_to_parse_lazily() -> None:
    few = pages()[:10]
    prefetch(few)
    assert not any("markdown" in page.__dict__ for page in few)
