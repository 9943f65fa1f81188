"""A two-locale knowledge base whose external links point at a loopback server.

Every kind of answer is there once: good, dead (404, 410), moved (301), bot walls
(999, 403 with ``cf-mitigated``), an existing and a missing ``#fragment``, and a
page behind a token. The same URLs are used on both pages (and in frontmatter
fields typed ``url``); ``expected`` lists every finding as (code, path, line, column),
computed from the page text so each use of a URL is asserted on its own.
"""

from __future__ import annotations

from pathlib import Path

from links_httpd import Reply, Server

TOKEN = "Bearer kb-s3cret-9f1c"
TOKEN_ENV = "KBCHECK_TEST_TOKEN"
HTML = b'<html><h2 id="intro">Intro</h2></html>'

SCHEMA = """\
fields:
  title: {type: string, required: true}
  homepage: {type: url}
  see_also: {type: list, items: {type: url}}
"""

CONFIG = """\
content = ["content"]
source_locale = "zh"
locales = ["zh", "en"]
default_page_type = "doc"

[links]
allow_private = true
cache = {cache}
timeout = 5
retries = 1
backoff_base = 0.01
backoff_cap = 0.02
check_fragments = true

[links.hosts."{origin}"]
headers = {{Authorization = "env:{env}"}}
"""


def serve(server: Server) -> dict[str, str]:
    """Script the server; the URLs by name."""

    def private(request):
        return Reply(200) if request.headers.get("authorization") == TOKEN else Reply(401)

    server.route("/ok", Reply(200))
    server.route("/removed", Reply(410))
    server.route("/old", Reply(301, {"location": "/new"}))
    server.route("/new", Reply(200))
    server.route("/linkedin", Reply(999))
    server.route("/cf", Reply(403, {"cf-mitigated": "challenge"}))
    server.route("/page", Reply(200, {"content-type": "text/html"}, HTML))
    server.route("/private", private)
    names = ["ok", "gone", "removed", "old", "linkedin", "cf", "page", "private"]
    return {name: server.url(f"/{name}") for name in names}


def zh_page(u: dict[str, str]) -> str:
    return f"""---
title: 甲
homepage: {u["ok"]}
see_also:
  - {u["gone"]}
---

# 甲

好的 [ok]({u["ok"]})，坏的 [gone]({u["gone"]})。

![removed]({u["removed"]})

[moved][m] 与 <{u["linkedin"]}>

<a href="{u["cf"]}">cf</a>

[intro]({u["page"]}#intro) [nope]({u["page"]}#nope) [token]({u["private"]})

[m]: {u["old"]}
"""


def en_page(u: dict[str, str]) -> str:
    return f"""---
title: A
---

# A

Intro line, so that positions differ from the source page.

A dead one: [gone]({u["gone"]}), twice: [again]({u["gone"]}).

[moved]({u["old"]}) and <{u["linkedin"]}>
"""


def position(text: str, needle: str, shift: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the first ``needle``, plus ``shift`` columns."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1 + shift


def expected(u: dict[str, str], zh: str = "content/zh/a.md", en: str = "content/en/a.md"):
    """Every KB4xx finding of the two pages, as (code, path, line, column)."""
    z, e = zh_page(u), en_page(u)
    return {
        ("KB401", zh, *position(z, f"  - {u['gone']}", 4)),
        ("KB401", zh, *position(z, "[gone](")),
        ("KB401", zh, *position(z, "![removed](")),
        ("KB403", zh, *position(z, "[moved][m]")),
        ("KB402", zh, *position(z, f"<{u['linkedin']}>")),
        ("KB402", zh, *position(z, "href=")),
        ("KB404", zh, *position(z, "[nope](")),
        ("KB401", en, *position(e, "[gone](")),
        ("KB401", en, *position(e, "[again](")),
        ("KB403", en, *position(e, "[moved](")),
        ("KB402", en, *position(e, f"<{u['linkedin']}>")),
    }


def write_kb(root: Path, u: dict[str, str], cache: str = "false") -> Path:
    origin = u["ok"].rsplit("/", 1)[0]  # headers go to this origin only
    (root / "kbcheck.toml").write_text(CONFIG.format(cache=cache, env=TOKEN_ENV, origin=origin))
    (root / "schemas").mkdir()
    (root / "schemas" / "doc.yaml").write_text(SCHEMA)
    for locale, text in (("zh", zh_page(u)), ("en", en_page(u))):
        (root / "content" / locale).mkdir(parents=True)
        (root / "content" / locale / "a.md").write_text(text, encoding="utf-8")
    return root
