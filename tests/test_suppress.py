from kbcheck.page import read_page


def sup(text: str):
    return read_page("p.md", text.encode()).suppressions


def test_disable_next_line_only_that_line() -> None:
    s = sup("# t\n\n<!-- kbcheck-disable-next-line KB301 broken-anchor -->\n[x](y.md)\n[z](w.md)\n")
    assert not s.allows("KB301", "broken-link", 4)
    assert not s.allows("KB302", "broken-anchor", 4)
    assert s.allows("KB301", "broken-link", 5)
    assert s.allows("KB104", "field-value", 4)


def test_disable_enable_range_and_all_rules() -> None:
    s = sup("# t\n\n<!-- kbcheck-disable KB301 -->\n\na\n\n<!-- kbcheck-enable KB301 -->\n\nb\n")
    assert not s.allows("KB301", "x", 5)
    assert s.allows("KB301", "x", 9)
    s = sup("# t\n\n<!-- kbcheck-disable -->\n\na\n")
    assert not s.allows("KB999", "anything", 5)
    assert s.allows("KB999", "anything", 1)


def test_disable_file() -> None:
    s = sup("# t\n\ntext\n\n<!-- kbcheck-disable-file KB104 -->\n")
    assert not s.allows("KB104", "field-value", 1)
    assert s.allows("KB105", "field-length", 1)
