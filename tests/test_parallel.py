"""Work shared with a forked child gives exactly what one process gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kbcheck import check, parallel, split
from kbcheck.config import Config
from kbcheck.corpus import load_corpus
from kbcheck.diagnostics import Diagnostic
from kbcheck.page import Page
from kbcheck.translations.state import PairStatus, Translations

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
MUTED = "<!-- kbcheck-disable-file KB014 -->\n\n# p0\n"


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
    }  # pages checked by the child and here
    assert [vars(d) for d in together.diagnostics] == [vars(d) for d in alone.diagnostics]
    assert not any(d.code == "KB302" and d.line == 10 for d in together.diagnostics)


def test_bad_pages_on_either_side_are_reported_as_by_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_corpus(tmp_path)
    folder = tmp_path / "content" / "zh"
    theirs, ours = split._shares(load_corpus(config, tmp_path).pages, split.CHILD_SHARE)
    two_each = [page.rel.rpartition("/")[2] for page in (*theirs[1:3], *ours[1:3])]
    contents = [
        b"---\ntitle: \xff\xfe\n---\n\n# x\n",
        b"\x00\x01\x02\x03binary",
        b"---\ntitle: [unclosed\n---\n\n# x\n",
        b"",
    ]
    hostile = dict(zip(two_each, contents, strict=True))  # two in the child's share, two here
    for name, data in hostile.items():
        (folder / name).write_bytes(data)
    together = check(config, cwd=tmp_path, offline=True)
    assert together.context is not None
    theirs, _ = split._shares(together.context.corpus.pages, split.CHILD_SHARE)
    sides = [f"content/zh/{name}" in {p.rel for p in theirs} for name in hostile]
    assert sides == [True, True, False, False]
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    alone = check(config, cwd=tmp_path, offline=True)
    assert [vars(d) for d in together.diagnostics] == [vars(d) for d in alone.diagnostics]
    input_errors = {d.path for d in together.diagnostics if d.code.startswith("KB0")}
    assert input_errors == {f"content/zh/{name}" for name in hostile}
    assert together.internal_errors == 0


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


def test_the_child_share_is_left_unparsed_here(tmp_path: Path) -> None:
    config = write_corpus(tmp_path)
    (tmp_path / "content/zh/p0.mdx").write_text(MUTED, encoding="utf-8")  # KB014 with p0.md
    result = check(config, cwd=tmp_path, offline=True)
    assert result.context is not None
    pages = {page.rel: page for page in result.context.corpus.pages}
    theirs, ours = split._shares(list(pages.values()), split.CHILD_SHARE)
    assert abs(len(theirs) - len(pages) * split.CHILD_SHARE) < 2
    # Parsed here: this side's pages, and those of the child's that a page here
    # links to a missing anchor of (the message reads their headings).
    linked = {f"content/zh/p{int(p.rel[12:-3]) + 1}.md" for p in ours if p.rel.endswith(".md")}
    unparsed = [rel for rel, page in pages.items() if "markdown" not in page.__dict__]
    assert sorted(unparsed) == sorted(p.rel for p in theirs if p.rel not in linked)
    # a group stays on one side, and the first one is the child's
    assert {"content/zh/p0.md", "content/zh/p0.mdx"} <= {p.rel for p in theirs}
    assert all("anchors" in pages[rel].__dict__ for rel in unparsed)  # sent by the child
    # A cross-file finding on a page of the child's share honours its suppressions.
    kb014 = [d.path for d in result.diagnostics if d.code == "KB014"]
    assert kb014 == ["content/zh/p0.md"]


def test_what_cross_file_rules_gather_of_the_child_share_is_read_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """KB111 reads a field of every page: the child reads it of its share, and sends
    it. A value on both sides is found as by one process."""
    write_corpus(tmp_path)
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "doc.yaml").write_text(
        "fields:\n  title: {type: string, unique: corpus}\n"
    )
    config = Config(root=tmp_path, source_locale="zh", locales=["zh"], default_page_type="doc")
    theirs, ours = split._shares(load_corpus(config, tmp_path).pages, split.CHILD_SHARE)
    twin = tmp_path / theirs[5].rel  # the child's, with the title of a page here
    twin.write_text(PAGE.format(n=ours[7].rel[12:-3], m=0), encoding="utf-8")
    together = check(config, cwd=tmp_path, offline=True)
    found = [(d.path, d.line, d.column) for d in together.diagnostics if d.code == "KB111"]
    assert found == sorted([(theirs[5].rel, 2, 8), (ours[7].rel, 2, 8)])
    assert together.context is not None
    read = {p.rel for p in together.context.corpus.pages if "frontmatter" in p.__dict__}
    assert read == {p.rel for p in ours} | {theirs[5].rel}  # the child's twin: for its line
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    alone = check(config, cwd=tmp_path, offline=True)
    assert [vars(d) for d in together.diagnostics] == [vars(d) for d in alone.diagnostics]


def test_each_side_takes_its_share_of_any_run_of_pages(tmp_path: Path) -> None:
    """Costly pages sit together (the sources one commit changed, a folder of long
    pages): the child takes its share of every run of pages, not one end of the list."""
    config = write_corpus(tmp_path)
    pages = load_corpus(config, tmp_path).pages
    theirs, ours = split._shares(pages, split.CHILD_SHARE)
    assert sorted(p.rel for p in theirs + ours) == sorted(p.rel for p in pages)
    child = {p.rel for p in theirs}
    for start in range(0, len(pages) - 40, 40):
        run = pages[start : start + 40]
        assert abs(sum(p.rel in child for p in run) - 40 * split.CHILD_SHARE) <= 2


def test_a_child_that_fails_before_the_exchange(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_corpus(tmp_path)
    expected = check(config, cwd=tmp_path, offline=True)
    here, summary = os.getpid(), split._summary

    def fail_in_child(pages: list[Page], *how: object) -> list[tuple] | None:
        if os.getpid() != here:
            os._exit(3)
        return summary(pages, *how)

    monkeypatch.setattr(split, "_summary", fail_in_child)
    again = check(config, cwd=tmp_path, offline=True)
    assert [vars(d) for d in again.diagnostics] == [vars(d) for d in expected.diagnostics]


def test_translation_statuses_are_worked_out_once_on_two_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside git, the run says once that history cannot be read, and counts every
    translation for it: each status is worked out once, not once per process."""
    pairs = COUNT // 2
    for locale in ("zh", "en"):
        folder = tmp_path / "content" / locale
        folder.mkdir(parents=True)
        for n in range(pairs):
            (folder / f"p{n}.md").write_text(f"# p{n}\n\ntext\n", encoding="utf-8")
    config = Config(root=tmp_path, source_locale="zh", locales=["zh", "en"])
    log = tmp_path / "computed.log"
    compute = Translations._compute

    def logged(self: Translations, source: Page, translation: Page) -> PairStatus:
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)  # both processes append
        os.write(fd, f"{translation.rel}\n".encode())
        os.close(fd)
        return compute(self, source, translation)

    monkeypatch.setattr(Translations, "_compute", logged)
    result = check(config, cwd=tmp_path, offline=True, select=["KB514"])
    warnings = [(d.path, d.line, d.column) for d in result.diagnostics]
    assert warnings == [("content/en/p0.md", 1, 1)]
    assert f"{pairs} translations" in result.diagnostics[0].message
    computed = log.read_text().split()
    assert sorted(computed) == sorted(f"content/en/p{n}.md" for n in range(pairs))


def test_forked_work_talks_in_plain_values() -> None:
    def work(parent: parallel.Channel) -> list:
        parent.send(("ready", {1, 2}))
        return [parent.receive(), None]

    child = parallel.Forked(work)
    assert child.receive() == ("ready", {1, 2})
    child.send("x" * 300_000)  # more than a pipe holds by default
    assert child.result() == ["x" * 300_000, None]
    assert parallel.Forked(lambda parent: 1 / 0).result() is None
    failed = parallel.Forked(lambda parent: 1 / 0)
    assert failed.receive() is None
    failed.send("nobody listens")  # no error
    assert failed.result() is None


def test_no_fork_while_other_threads_run(tmp_path: Path) -> None:
    import threading

    config = write_corpus(tmp_path)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        result = check(config, cwd=tmp_path, offline=True)
    finally:
        stop.set()
        worker.join()
    assert result.context is not None
    assert all("markdown" in page.__dict__ for page in result.context.corpus.pages)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_no_fork_on_a_single_allowed_core() -> None:
    allowed = os.sched_getaffinity(0)
    if len(allowed) < 2:
        pytest.skip("a single core already")
    assert parallel.worth_forking(parallel.MIN_ITEMS)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        assert not parallel.worth_forking(parallel.MIN_ITEMS)
    finally:
        os.sched_setaffinity(0, allowed)
