"""Code without its comments, so a translation may translate them.

Each language family has its comment markers: ``#`` (Python, shell, YAML...),
``//`` and ``/* */`` (C, JavaScript, Go...), ``<!-- -->`` (HTML, XML,
Markdown), ``--`` (SQL, Lua, Haskell), ``;`` (Lisp, INI), ``%`` (TeX,
Erlang). Markers inside string literals are not comments; strings end at the
end of their line, except triple-quoted and backtick strings, so one odd
quote cannot swallow a whole block. Docstrings are strings and stay.

Languages not listed here keep their comments (JSON has none);
:mod:`kbcheck.translations.code` guesses the syntax of untagged blocks from
what starts their lines.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple


class Style(NamedTuple):
    """How a language writes comments and strings."""

    line: tuple[str, ...] = ()  # markers of comments that run to the end of the line
    block: tuple[tuple[str, str], ...] = ()  # (open, close) of block comments
    quotes: str = "\"'"  # string delimiters
    word_start: bool = False  # a line marker counts only at the start of a word (shell)
    triple: bool = False  # Python's ''' and """ strings
    spaced: bool = False  # a line marker (`#`, `##`) counts only before a space (guessed)


_HASH = Style(line=("#",))
# a shell session's `//` lines are notes on it (termynal), as no command starts with `//`
_SHELL = Style(line=("#", "//"), word_start=True)
_PYTHON = Style(line=("#",), triple=True)
_C = Style(line=("//",), block=(("/*", "*/"),))
_JS = Style(line=("//",), block=(("/*", "*/"),), quotes="\"'`")
_VUE = Style(line=("//",), block=(("<!--", "-->"), ("/*", "*/")), quotes="\"'`")
_CSS = Style(block=(("/*", "*/"),))
_MARKUP = Style(block=(("<!--", "-->"),), quotes="")
_MDX = Style(block=(("<!--", "-->"), ("{/*", "*/}")), quotes="")
_SQL = Style(line=("--",), block=(("/*", "*/"),), quotes="'\"")
_LUA = Style(line=("--",), block=(("--[[", "]]"),))
_HASKELL = Style(line=("--",), block=(("{-", "-}"),), quotes='"')
_LISP = Style(line=(";",), quotes='"')
_TEX = Style(line=("%",), quotes="")
_PHP = Style(line=("//", "#"), block=(("/*", "*/"),))

_FAMILIES = (
    (_PYTHON, "python py python3 py3 pycon ipython"),
    (_SHELL, "bash sh shell zsh fish console shell-session dockerfile docker makefile make"),
    (_HASH, "yaml yml toml ruby rb r perl pl powershell ps1 ps elixir ex julia jl coffeescript"),
    (_HASH, "coffee tcl graphql gql cmake nginx conf properties nix hcl terraform tf"),
    (_C, "c h cpp c++ cc hpp cxx java go golang rust rs swift kotlin kt kts scala csharp cs"),
    (_C, "c# fsharp dart groovy gradle solidity sol proto protobuf zig jsonc json5"),
    (_C, "objectivec objc scss less glsl hlsl verilog v"),
    (_JS, "javascript js jsx typescript ts tsx mjs cjs"),
    (_VUE, "vue svelte astro"),
    (_CSS, "css"),
    (_MARKUP, "html xml svg xhtml markdown md handlebars vue-html htm xaml plist"),
    (_MDX, "mdx"),
    (_SQL, "sql mysql postgresql postgres psql plsql plpgsql sqlite tsql ada vhdl"),
    (_LUA, "lua"),
    (_HASKELL, "haskell hs elm purescript"),
    (_LISP, "lisp clojure clj scheme racket elisp ini asm nasm"),
    (_TEX, "tex latex matlab erlang erl prolog"),
    (_PHP, "php"),
)
STYLES: dict[str, Style] = {name: style for style, names in _FAMILIES for name in names.split()}


def strip_comments_with(code: str, style: Style) -> str:
    """``code`` with the comments of ``style`` removed; every line stays in place
    (a block comment leaves its line breaks)."""
    return _strip(code, style)


def _strip(code: str, style: Style) -> str:
    def keep_lines(match: re.Match) -> str:
        if match.lastgroup == "string":
            return match[0]
        return "\n" * match[0].count("\n")  # a comment: its line breaks stay

    return _scanner(style).sub(keep_lines, code)


@functools.cache
def _scanner(style: Style) -> re.Pattern:
    """One pattern for the comments and strings of ``style``, earliest first: at
    one place, a block comment, then a line comment, then a string."""
    comments = [re.escape(opener) + r"[\s\S]*?(?:" + re.escape(closer) + r"|\Z)"
                for opener, closer in style.block]  # fmt: skip
    start = r"(?<!\S)" if style.word_start else ""
    after = r"(?=[ \t\n]|\Z)" if style.spaced else ""
    repeated = "+" if style.spaced else ""  # `## note` as well as `# note`
    comments += [
        start + f"(?:{re.escape(marker)}){repeated}" + after + r"[^\n]*" for marker in style.line
    ]
    strings = []
    for quote in style.quotes:
        q = re.escape(quote)
        if style.triple:  # runs to its closing quotes, or to the end
            strings.append(q * 3 + r"(?:\\[\s\S]|(?!" + q * 3 + r")[\s\S])*(?:" + q * 3 + r"|\Z)")
        if quote == "`":  # may span lines
            strings.append(q + r"(?:\\[\s\S]|[^" + q + r"\\])*" + q + "?")
        else:  # ends with its line when not closed
            strings.append(q + r"(?:\\[\s\S]|[^" + q + r"\\\n])*" + q + "?")
    alternatives = [f"(?:{c})" for c in comments]
    if strings:
        alternatives.append("(?P<string>" + "|".join(strings) + ")")
    return re.compile("|".join(alternatives) or r"(?!)")
