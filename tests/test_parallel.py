"""Work shared with a forked child gives exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbcheck import check, parallel, prefetch
from kbcheck.config import Config
from kbcheck.diagnostics import Diagnostic
from kbcheck.page import Page, read_page

PAGE = """---
title: 第{n}页
---

# 第{n}页 {{#top}}

正文 [链接](p{m}.md#top) [坏](p{m}.md#nowhere) ![图](img/{n}.png) <a name="a{n}"></a>

<!-- kbcheck-disable-next-line KB302 -->
[静音](p{m}.md#muted)

- 一 two

| a | b |
|---|---|
| {n} | 2 |

```python
print({n})
```

:::tip
提示
:::
"""
COUNT = parallel.MIN_ITEMS + 20


def pages() -> list[Page]:
    return [read_page(f"p{n}.md", PAGE.format(n=n, m=n + 1).encode()) for n in range(COUNT)]


def test_prefetched_pages_equal_pages_parsed_here() -> None:
    fetched, here = pages(), pages()
    job = prefetch.Prefetch(fetched)
    assert job.child is not None  # a child is parsing some of them
    job.finish()
    assert all("markdown" in page.__dict__ for page in fetched)
    assert [p.markdown for p in fetched] == [p.markdown for p in here]


def test_small_runs_are_left_to_parse_lazily() -> None:
    few = pages()[:10]
    job = prefetch.Prefetch(few)
    assert job.child is None
    job.finish()  # parses them here


def write_corpus(root: Path) -> Config:
    folder = root / "content" / "zh"
    folder.mkdir(parents=True)
    for n in range(COUNT):
        (folder / f"p{n}.md").write_text(PAGE.format(n=n, m=n + 1), encoding="utf-8")
    return Config(root=root, source_locale="zh", locales=["zh"])


def test_a_corpus_checked_on_two_cores_equals_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_corpus(tmp_path)
    together = check(config, cwd=tmp_path, offline=True)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    alone = check(config, cwd=tmp_path, offline=True)
    assert {"KB301", "KB302", "KB303"} <= {d.code for d in together.diagnostics}
    assert {d.path for d in together.diagnostics} == {
        f"content/zh/p{n}.md" for n in range(COUNT)
    }  # pages checked by the child (even) and here (odd)
    assert [vars(d) for d in together.diagnostics] == [vars(d) for d in alone.diagnostics]
    assert not any(d.code == "KB302" and d.line == 10 for d in together.diagnostics)


def test_a_failing_child_leaves_its_half_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_corpus(tmp_path)
    expected = check(config, cwd=tmp_path, offline=True)

    def fail(self: Diagnostic) -> tuple:
        raise RuntimeError("cannot send")

    monkeypatch.setattr(Diagnostic, "as_row", fail)  # only a child sends diagnostics
    again = check(config, cwd=tmp_path, offline=True)
    assert [vars(d) for d in again.diagnostics] == [vars(d) for d in expected.diagnostics]


def test_forked_work_sends_back_plain_values() -> None:
    assert parallel.Forked(lambda: [1, ("a", None)]).result() == [1, ("a", None)]
    assert parallel.Forked(lambda: 1 / 0).result() is None


def test_no_fork_while_other_threads_run() -> None:
    import threading

    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        job = prefetch.Prefetch(pages())
        assert job.child is None
        job.finish()
    finally:
        stop.set()
        worker.join()
