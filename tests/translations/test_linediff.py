"""The line diff that the staleness figures and the parity rules share."""

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from kbcheck.translations.linediff import opcodes

LINES = st.lists(st.sampled_from(["}", "", "a", "b", "c", "{", "d", "x = 1", "y"]), max_size=40)


def _rebuilt(old: str, new: str) -> list[str]:
    a, b = old.splitlines(), new.splitlines()
    out: list[str] = []
    for tag, i1, i2, j1, j2 in opcodes(old, new):
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
            out += a[i1:i2]
        else:
            assert tag == ("replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert")
            out += b[j1:j2]
    return out


@settings(max_examples=300, derandomize=True)
@given(LINES, LINES)
def test_opcodes_turn_the_old_lines_into_the_new(a, b):
    old, new = "\n".join(a), "\n".join(b)
    assert _rebuilt(old, new) == new.splitlines()


def test_a_change_in_a_long_page_of_repeated_lines_is_found_where_it_is():
    sample = ["```json", "{", '  "id": 1,', "}", "```", ""]
    old = [
        f"## Endpoint {n}" if k == 0 else line for n in range(300) for k, line in enumerate(sample)
    ]
    new = list(old)
    new[901] = "{ changed"
    codes = [c for c in opcodes("\n".join(old), "\n".join(new)) if c[0] != "equal"]
    assert codes == [("replace", 901, 902, 901, 902)]


def test_the_same_diff_as_difflib_where_lines_are_their_own():
    old = "\n".join(f"line {n}" for n in range(50))
    new = old.replace("line 10\n", "").replace("line 30", "line thirty") + "\nline 50"
    expected = difflib.SequenceMatcher(
        None, old.splitlines(), new.splitlines(), autojunk=False
    ).get_opcodes()
    assert list(opcodes(old, new)) == expected


def test_a_page_rewritten_in_another_language_is_changed_whole():
    # no line of its own in common: blank lines and braces do not pair the two
    old = "\n".join(line for n in range(400) for line in (f"Step {n}", "", "}")) + "\nEnd"
    new = "\n".join(line for n in range(450) for line in (f"第 {n} 步", "", "}")) + "\n完"
    changed = sum(i2 - i1 for tag, i1, i2, _, _ in opcodes(old, new) if tag != "equal")
    assert changed == len(old.splitlines())
