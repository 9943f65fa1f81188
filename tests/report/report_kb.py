"""A knowledge base with known problems, in a scratch git repository.

- ``en/guide.md`` is stale: its record names the first commit, and the source's
  section ``#b`` changed in the second;
- ``zh/intro.md`` has no English translation (missing); ``en/old.md`` has no
  source (orphaned); ``ja`` translates nothing but ``guide.md``;
- ``zh/intro.md`` has ``sidebar_position: 0`` at first (KB106), fixed later;
- ``zh/broken.md`` has a schema problem (``sidebar_position: x``) and a link to
  a page that does not exist;
- the pages link to URLs under ``{server}``, so the link cache can be filled
  by a real run against a local HTTP server;
- one page's title and file name try to inject HTML; a Japanese page has no
  source (an orphan, with a Japanese path).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

CONFIG = """content = ["content"]
source_locale = "zh"
locales = ["zh", "en", "ja"]
schemas = "schemas"
default_page_type = "guide"

[links]
allow_private = true
retries = 0
timeout = 5.0
"""
SCHEMA = """description: A guide
unknown_fields: allow
fields:
  title: {type: string, required: true, non_empty: true}
  sidebar_position: {type: integer, required: true, minimum: 1}
"""
INJECTION = '<img src=x onerror="document.title=1">'
HOSTILE_NAME = "x&y<b>'q'.md"  # a file name that is also markup
LONG_CJK = "长" * 400  # one unbroken line of Han characters
LONG_URL_PATH = "/" + "segment-" * 60
JA_ORPHAN = "content/ja/使い方の手引き.md"  # no source page: a finding on a Japanese path
INTRO = "---\ntitle: 介绍\nsidebar_position: {position}\n---\n\n# 介绍\n\n正文。\n"


def zh_guide(b_text: str) -> str:
    return (
        "---\ntitle: 指南\nsidebar_position: 1\n---\n\n# 指南\n\n简介。\n\n"
        "## 甲 {#a}\n\n甲的正文。\n\n"
        f"## 乙 {{#b}}\n\n{b_text}\n"
    )


def en_guide(record: str) -> str:
    return (
        f"---\ntitle: Guide\nsidebar_position: 1\n{record}---\n\n# Guide\n\nIntro.\n\n"
        "## A {#a}\n\nText of A.\n\n## B {#b}\n\nText of B.\n"
    )


def ja_guide(record: str) -> str:
    return (
        f"---\ntitle: ガイド\nsidebar_position: 1\n{record}---\n\n# ガイド\n\n紹介。\n\n"
        "## 甲 {#a}\n\nＡの本文。日本語の文章です。\n\n## 乙 {#b}\n\nＢの本文。\n"
    )


class KB:
    """The knowledge base; ``server`` is the base URL its external links point to."""

    def __init__(self, root: Path, server: str) -> None:
        self.root = root
        self.server = server.rstrip("/")
        self.clock = 1_700_000_000
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        env = {
            **os.environ,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_DATE": f"@{self.clock} +0000",
            "GIT_COMMITTER_DATE": f"@{self.clock} +0000",
        }
        done = subprocess.run(
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
            cwd=self.root,
            env=env,
            capture_output=True,
            check=True,
        )
        return done.stdout.decode()

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, days_later: float = 1) -> str:
        self.clock += int(days_later * 86400)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "change")
        return self.git("rev-parse", "HEAD").strip()

    def first_state(self) -> str:
        """Everything translated and up to date, no broken link: the earlier state."""
        self.write("kbcheck.toml", CONFIG)
        self.write("schemas/guide.yaml", SCHEMA)
        self.write("content/zh/guide.md", zh_guide("乙的正文。"))
        self.write("content/zh/intro.md", INTRO.format(position=0))
        self.write(
            "content/en/intro.md",
            "---\ntitle: Intro\nsidebar_position: 2\n---\n\n# Intro\n\nText.\n",
        )
        first = self.commit()
        record = f"translation:\n  source_commit: {first}\n"
        self.write("content/en/guide.md", en_guide(record))
        self.write("content/ja/guide.md", ja_guide(record))
        self.commit()
        return first

    def second_state(self) -> None:
        """Stale, missing, orphaned translations; schema findings; links to check."""
        s = self.server
        self.write("content/zh/intro.md", INTRO.format(position=2))  # the one fixed finding
        self.write("content/zh/guide.md", zh_guide("乙的正文，改过了。\n\n新的一段。"))
        (self.root / "content/en/intro.md").rename(self.root / "content/en/old.md")
        self.write(
            "content/zh/broken.md",
            f"---\ntitle: 坏{LONG_CJK}\nsidebar_position: x\n---\n\n# 坏\n\n"
            f"见[不存在](./nowhere.md)。[好]({s}/ok) [坏]({s}/gone) [忙]({s}/busy)\n\n"
            f"<{s}{LONG_URL_PATH}>\n",
        )
        self.write(
            f"content/zh/{HOSTILE_NAME}",
            f"---\ntitle: '{INJECTION}'\nsidebar_position: 3\n---\n\n# 另一个标题 {INJECTION}\n\n"
            f"[又坏]({s}/gone)\n",
        )
        orphan = "---\ntitle: 使い方\nsidebar_position: 9\n---\n\n# 使い方\n\n本文。\n"
        self.write(JA_ORPHAN, orphan)
        self.commit(days_later=10)
