"""The page model: one parse, positions in lines and characters."""

from __future__ import annotations

from kbcheck.page import read_page


def page(text: str):
    return read_page("p.md", text.encode("utf-8"))


def test_cjk_columns_count_characters_not_bytes() -> None:
    p = page("# 标题\n\n生成式人工智能 [链接](a.md) 和 ![图](i.png)\n")
    link, image = p.links
    assert (link.dest, link.line, link.column) == ("a.md", 3, 9)
    assert (image.kind, image.column) == ("image", 22)
    assert (link.end_line, link.end_column) == (3, 19)  # exclusive


def test_headings_with_explicit_ids_and_slugs() -> None:
    p = page("# 生成式AI\n\n## 📚 什么是生成式AI？ {#what-is}\n\n## Intro\n\n## Intro\n")
    assert [(h.level, h.anchor, h.explicit_id) for h in p.headings] == [
        (1, "生成式ai", None),
        (2, "what-is", "what-is"),
        (2, "intro", None),
        (2, "intro-1", None),
    ]
    assert p.headings[1].text == "📚 什么是生成式AI？"


def test_heading_text_drops_html_keeps_code() -> None:
    p = page("## Use `pip` <span>now</span>\n")
    assert p.headings[0].text == "Use pip now"


def test_not_headings_in_code_comments_or_frontmatter() -> None:
    p = page("---\ntitle: x\n# not: heading\n---\n\n```md\n# fenced\n```\n\n<!--\n# comment\n-->\n")
    assert p.headings == []


def test_frontmatter_positions_point_at_keys_and_values() -> None:
    p = page("---\ntitle: 标题\ntags:\n  - a\n  - b\n---\n")
    fm = p.frontmatter
    assert fm.positions[("title",)].value_column == 8
    assert (fm.positions[("tags", 1)].line, fm.positions[("tags", 1)].column) == (5, 5)
    assert p.body_line == 7


def test_code_blocks_tables_admonitions_components() -> None:
    p = page(
        "```python title=x\nprint(1)\n```\n\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n\n"
        ':::tip\nhi\n:::\n\n<Tabs>\n<TabItem value="a">x</TabItem>\n</Tabs>\n'
    )
    assert [(c.language, c.code, c.line) for c in p.code_blocks] == [("python", "print(1)\n", 1)]
    assert [(t.columns, t.rows, t.line) for t in p.tables] == [(3, 1, 5)]
    assert [(a.name, a.line) for a in p.admonitions] == [("tip", 9)]
    assert [c.name for c in p.components] == ["Tabs", "TabItem"]


def test_html_anchors_and_links() -> None:
    p = page(
        '<a name="top"></a>\n\n<div id="box"><img src="x.png"/></div>\n\n'
        'Text <a href="y.md">y</a>\n'
    )
    assert [(m.name, m.line, m.column) for m in p.html_anchors] == [("top", 1, 4), ("box", 3, 6)]
    assert [(ln.dest, ln.kind, ln.line, ln.column) for ln in p.links] == [
        ("x.png", "html", 3, 20),
        ("y.md", "html", 5, 9),
    ]


def test_reference_links_reported_where_used() -> None:
    p = page("See [the docs][d].\n\n[d]: https://example.com/docs\n")
    (link,) = p.links
    assert (link.dest, link.reference, link.line, link.column) == (
        "https://example.com/docs", "d", 1, 5,
    )  # fmt: skip


def test_crlf_and_bom_are_read() -> None:
    p = read_page("p.md", b"\xef\xbb\xbf---\r\ntitle: t\r\n---\r\n\r\n# T\r\n")
    assert p.data == {"title": "t"}
    assert [h.line for h in p.headings] == [5]
    assert {pr.rule for pr in p.problems} == {"byte-order-mark", "line-endings"}


def test_toml_frontmatter() -> None:
    p = page('+++\ntitle = "标题"\nweight = 3\n+++\n\n# 标题\n')
    assert p.data == {"title": "标题", "weight": 3}
    assert p.frontmatter.positions[("weight",)].line == 3


def test_yaml_12_booleans_and_dates_stay_text() -> None:
    p = page("---\na: yes\nb: TRUE\nc: 2024-01-02\n---\n")
    assert p.data == {"a": "yes", "b": True, "c": "2024-01-02"}


def test_commented_out_html_is_not_live() -> None:
    p = page(
        '<!-- <a href="gone.md">x</a> -->\n\n<!--\n<span id="old"></span>\n-->\n\n'
        '<a id="live" href="here.md">y</a>\n'
    )
    assert [m.name for m in p.html_anchors] == ["live"]
    assert [(ln.dest, ln.line) for ln in p.links] == [("here.md", 7)]


def test_name_is_an_anchor_only_on_a_tags() -> None:
    p = page('<a name="top"></a> <input name="q"> <meta name="x"/> <div id="box"></div>\n')
    assert [m.name for m in p.html_anchors] == ["top", "box"]


def test_list_items_and_cells_are_words_apart() -> None:
    p = page("- one two\n- three four\n\n| a | b |\n|---|---|\n| c | d |\n")
    assert p.blocks[0].text.split() == ["one", "two", "three", "four"]
    assert p.blocks[1].text.split() == ["a", "b", "c", "d"]


def test_positions_any_order_any_line_end() -> None:
    text = "中文 [一](a.md) [二](b.md)\r第二行\r\n## 三 [四](c.md)\n" + "字" * 2000 + " [五](d.md)"
    p = page(text)
    source = text.encode()
    for offset in (source.index(b"[") + 1, 0, len(source), source.index("三".encode())):
        line, column = p.locate(offset)
        before = source[:offset].decode().replace("\r\n", "\n").replace("\r", "\n")
        assert (line, column) == (before.count("\n") + 1, len(before.rpartition("\n")[2]) + 1)
    assert [(x.line, x.column, x.end_column) for x in p.links] == [
        (1, 4, 13), (1, 14, 23), (3, 6, 15), (4, 2002, 2011),
    ]  # fmt: skip


def test_a_refused_page_is_located_at_its_start() -> None:
    p = read_page("p.md", b"# \xe6\xa0\x87\n\x00" * 3000)  # binary: not read as text
    assert p.locate(16_422) == (1, 16_423)
