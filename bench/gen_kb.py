"""Generate a deterministic synthetic knowledge base for the benchmarks.

Two locales in the ``locale-dirs`` layout: Chinese source pages under
``content/zh/`` and English translations under ``content/en/``, in nested
folders of about 20 pages each. Every page is about 6 KB: frontmatter (title,
sidebar_position unique per folder, sidebar_label, description, keywords, tags
from a vocabulary, page_type), prose, H2/H3 headings with explicit ``{#id}``
ids, fenced code blocks, tables, lists, admonitions, internal links (relative
``.md`` links, most with an ``#anchor`` that exists), external links
(``https://example.com/...``, never fetched) and images under ``static/img``.

A translation has exactly the structure of its source: the same heading ids,
code blocks, tables, links and images; only the prose differs. The output is
a clean knowledge base: ``kbcheck check --offline`` reports nothing. Beside
``content/`` it writes ``kbcheck.toml``, ``schemas/article.yaml``,
``schemas/tags.yml`` and ``static/img/``.

    python bench/gen_kb.py OUT [--pages 1000] [--seed 1]

Same arguments, same bytes.
"""

from __future__ import annotations

import argparse
import posixpath
import random
import struct
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

PAGES_PER_FOLDER = 20
FOLDERS_PER_AREA = 5
LOCALES = ("zh", "en")

# English words, and a Chinese word for most of them (the same concept, so a
# heading or a link text reads like a translation of its source).
# fmt: off
VOCAB = [
    ("model", "模型"), ("data", "数据"), ("training", "训练"), ("inference", "推理"),
    ("vector", "向量"), ("retrieval", "检索"), ("index", "索引"), ("document", "文档"),
    ("user", "用户"), ("system", "系统"), ("parameter", "参数"), ("optimization", "优化"),
    ("evaluation", "评估"), ("deployment", "部署"), ("prompt", "提示词"), ("context", "上下文"),
    ("token", "词元"), ("embedding", "嵌入"), ("attention", "注意力"), ("layer", "网络层"),
    ("gradient", "梯度"), ("loss", "损失"), ("dataset", "数据集"), ("benchmark", "基准"),
    ("latency", "延迟"), ("throughput", "吞吐量"), ("memory", "内存"), ("cache", "缓存"),
    ("query", "查询"), ("answer", "回答"), ("knowledge", "知识"), ("graph", "图谱"),
    ("agent", "智能体"), ("tool", "工具"), ("workflow", "工作流"), ("pipeline", "流水线"),
    ("quality", "质量"), ("safety", "安全"), ("privacy", "隐私"), ("bias", "偏见"),
    ("fine-tuning", "微调"), ("quantization", "量化"), ("distillation", "蒸馏"),
    ("sampling", "采样"), ("decoding", "解码"), ("encoder", "编码器"), ("decoder", "解码器"),
    ("image", "图像"), ("audio", "音频"), ("video", "视频"), ("text", "文本"), ("search", "搜索"),
    ("ranking", "排序"), ("feedback", "反馈"), ("reward", "奖励"), ("policy", "策略"),
    ("architecture", "架构"), ("framework", "框架"), ("service", "服务"), ("interface", "接口"),
    ("request", "请求"), ("response", "响应"), ("metric", "指标"), ("experiment", "实验"),
    ("version", "版本"), ("cluster", "集群"), ("storage", "存储"), ("schedule", "调度"),
    ("monitoring", "监控"), ("log", "日志"), ("error", "错误"), ("test", "测试"),
    ("release", "发布"), ("review", "评审"), ("team", "团队"),
]
# fmt: on
EN_FILLER = [
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "for",
    "with",
    "on",
    "by",
    "from",
    "and",
    "or",
    "that",
    "which",
    "this",
    "each",
    "every",
    "more",
    "most",
    "often",
    "usually",
    "then",
    "also",
    "only",
    "both",
    "many",
    "several",
    "when",
    "while",
    "before",
    "after",
]
EN_VERBS = [
    "improves",
    "reduces",
    "measures",
    "stores",
    "returns",
    "describes",
    "controls",
    "limits",
    "explains",
    "combines",
    "compares",
    "selects",
    "updates",
    "builds",
    "loads",
    "splits",
    "ranks",
    "filters",
    "checks",
    "tracks",
    "tunes",
    "shows",
    "changes",
]
ZH_FILLER = list("的了在和与及将把对从为")
ZH_VERBS = [
    "提升",
    "降低",
    "衡量",
    "保存",
    "返回",
    "描述",
    "控制",
    "限制",
    "解释",
    "组合",
    "比较",
    "选择",
    "更新",
    "构建",
    "加载",
    "拆分",
    "排序",
    "过滤",
    "检查",
    "跟踪",
]
ZH_LINKERS = ["因此", "同时", "此外", "通常", "例如", "然而", "其中", "最后", "首先", "另外"]
EN_LINKERS = [
    "Therefore",
    "Meanwhile",
    "In addition",
    "Usually",
    "For example",
    "However",
    "Among them",
    "Finally",
    "First",
    "Also",
]
TAGS = [
    "llm",
    "rag",
    "agents",
    "embeddings",
    "vector-search",
    "fine-tuning",
    "evaluation",
    "prompting",
    "safety",
    "privacy",
    "deployment",
    "inference",
    "training",
    "datasets",
    "multimodal",
    "diffusion",
    "speech",
    "vision",
    "tokenizers",
    "transformers",
    "quantization",
    "distillation",
    "monitoring",
    "mlops",
    "benchmarks",
    "search",
    "knowledge-graphs",
    "tools",
    "workflows",
    "ethics",
]
IMAGES = ["architecture.png", "pipeline.png", "metrics.png", "cluster.png", "flow.svg"]
CODE_LANGS = ["python", "bash", "json", "yaml", "typescript", "sql"]


@dataclass
class Plan:
    """What a page is, before any locale is written: shared by all locales."""

    rel: str  # path below content/<locale>/, POSIX
    position: int
    words: list[int]  # indexes into VOCAB: the page's topic
    tags: list[str]
    sections: list[dict] = field(default_factory=list)  # id, words, subsections
    anchors: list[str] = field(default_factory=list)


def build_plans(pages: int, rng: random.Random) -> list[Plan]:
    plans = []
    folders = -(-pages // PAGES_PER_FOLDER)
    for f in range(folders):
        area, part = divmod(f, FOLDERS_PER_AREA)
        area_word = VOCAB[(area * 7) % len(VOCAB)][0]
        part_word = VOCAB[(f * 11 + 3) % len(VOCAB)][0]
        folder = f"area-{area + 1:02d}-{area_word}/part-{part + 1}-{part_word}"
        count = min(PAGES_PER_FOLDER, pages - f * PAGES_PER_FOLDER)
        for i in range(count):
            words = rng.sample(range(len(VOCAB)), 3)
            slug = "-".join(VOCAB[w][0] for w in words[:2])
            plan = Plan(
                rel=f"{folder}/page-{i + 1:02d}-{slug}.md",
                position=i + 1,
                words=words,
                tags=sorted(rng.sample(TAGS, rng.randint(1, 4))),
            )
            for s in range(rng.randint(4, 5)):
                sec = {"id": _anchor(rng, s + 1), "words": rng.sample(range(len(VOCAB)), 2)}
                sec["subs"] = [
                    {"id": _anchor(rng, s + 1, k + 1),
                     "words": rng.sample(range(len(VOCAB)), 2)}
                    for k in range(rng.randint(1, 2))
                ]  # fmt: skip
                plan.sections.append(sec)
                plan.anchors += [sec["id"], *(sub["id"] for sub in sec["subs"])]
            plans.append(plan)
    return plans


def _anchor(rng: random.Random, *numbers: int) -> str:
    """Unique within a page: the section numbers come first."""
    word = VOCAB[rng.randrange(len(VOCAB))][0]
    return "s" + "-".join(map(str, numbers)) + "-" + word


def add_blocks(plans: list[Plan], rng: random.Random) -> None:
    """Decide, once for all locales, the blocks of every (sub)section."""
    for plan in plans:
        for sec in plan.sections:
            for part in (sec, *sec["subs"]):
                part["blocks"] = _blocks(plan, plans, rng)


def _blocks(plan: Plan, plans: list[Plan], rng: random.Random) -> list[tuple]:
    blocks: list[tuple] = [("para", rng.randint(2, 3), _inline(plan, plans, rng))]
    extra = rng.random()
    if extra < 0.30:
        blocks.append(("code", _code(rng)))
    elif extra < 0.45:
        blocks.append(("table", _table(rng)))
    elif extra < 0.65:
        items = [rng.sample(range(len(VOCAB)), 2) for _ in range(rng.randint(3, 5))]
        blocks.append(("list", items))
    elif extra < 0.72:
        blocks.append(("image", rng.choice(IMAGES), rng.sample(range(len(VOCAB)), 2)))
    elif extra < 0.77:
        blocks.append(("tip", rng.randint(1, 2)))
    if rng.random() < 0.4:
        blocks.append(("para", rng.randint(1, 2), _inline(plan, plans, rng)))
    return blocks


def _inline(plan: Plan, plans: list[Plan], rng: random.Random) -> list[tuple]:
    """Links inside a paragraph: (kind, target, anchor or url, words)."""
    out = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        roll = rng.random()
        words = rng.sample(range(len(VOCAB)), 2)
        if roll < 0.55:
            target = rng.choice(plans)
            anchor = rng.choice(target.anchors) if rng.random() < 0.8 else ""
            out.append(("page", target.rel, anchor, words))
        elif roll < 0.70:
            out.append(("self", "", rng.choice(plan.anchors), words))
        else:
            path = "/".join(VOCAB[w][0] for w in words)
            out.append(("url", "", f"https://example.com/docs/{path}/{rng.randint(1, 99)}", words))
    return out


def _code(rng: random.Random) -> tuple[str, str]:
    lang = rng.choice(CODE_LANGS)
    a, b, c = (VOCAB[i][0].replace("-", "_") for i in rng.sample(range(len(VOCAB)), 3))
    n = rng.randint(2, 64)
    bodies = {
        "python": f"def {a}_{b}(items, limit={n}):\n"
                  f"    # keep the best {b} entries for each {a}\n"
                  f"    ranked = sorted(items, key=lambda x: x.{c}, reverse=True)\n"
                  f"    return [item.{b} for item in ranked[:limit]]\n",
        "bash": f"export {a.upper()}_DIR=/srv/{a}\n"
                f"kb-tool {b} --limit {n} --{c} \"${a.upper()}_DIR\"\n"
                f"echo \"done: {b}\"\n",
        "json": f'{{\n  "{a}": "{b}",\n  "limit": {n},\n  "{c}": [1, 2, 3]\n}}\n',
        "yaml": f"{a}:\n  {b}: {n}\n  {c}:\n    - enabled\n    - cached\n",
        "typescript": f"export function {a}{b.title()}(input: string[]): number {{\n"
                      f"  // {c} in {n} steps\n"
                      f"  return input.filter((x) => x.length > {n}).length;\n}}\n",
        "sql": f"SELECT {a}, COUNT(*) AS {b}_count\nFROM {c}\n"
               f"WHERE score > {n}\nGROUP BY {a}\nORDER BY {b}_count DESC;\n",
    }  # fmt: skip
    return lang, bodies[lang]


def _table(rng: random.Random) -> tuple[list[int], list[list]]:
    head = rng.sample(range(len(VOCAB)), rng.randint(3, 4))
    rows = []
    for _ in range(rng.randint(3, 5)):
        name = VOCAB[rng.randrange(len(VOCAB))][0]
        numbers = [rng.randint(1, 999) for _ in head[2:]]
        rows.append([f"`{name}`", *numbers, rng.randrange(len(VOCAB))])
    return head, rows


# --- prose -------------------------------------------------------------------------------------


def _en_sentence(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(2, 3)):
        parts += [rng.choice(EN_FILLER), VOCAB[rng.randrange(len(VOCAB))][0]]
    parts += [rng.choice(EN_VERBS), rng.choice(EN_FILLER), VOCAB[rng.randrange(len(VOCAB))][0]]
    for _ in range(rng.randint(0, 2)):
        parts += [rng.choice(EN_FILLER), VOCAB[rng.randrange(len(VOCAB))][0]]
    if rng.random() < 0.4:
        parts.insert(0, rng.choice(EN_LINKERS) + ",")
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def _zh_sentence(rng: random.Random) -> str:
    out = rng.choice(ZH_LINKERS) + "，" if rng.random() < 0.4 else ""
    for i in range(rng.randint(2, 4)):
        out += VOCAB[rng.randrange(len(VOCAB))][1] + rng.choice(ZH_FILLER)
        out += rng.choice(ZH_VERBS) + VOCAB[rng.randrange(len(VOCAB))][1]
        out += "，" if i < 1 else ""
    return out + "。"


def _prose(locale: str, sentences: int, rng: random.Random) -> str:
    make = _zh_sentence if locale == "zh" else _en_sentence
    joiner = "" if locale == "zh" else " "
    return joiner.join(make(rng) for _ in range(sentences))


def _words(locale: str, indexes: list[int]) -> str:
    if locale == "zh":
        return "".join(VOCAB[i][1] for i in indexes)
    text = " ".join(VOCAB[i][0] for i in indexes)
    return text[0].upper() + text[1:]


# --- rendering ---------------------------------------------------------------------------------


def render(plan: Plan, locale: str, rng: random.Random) -> str:
    title = _words(locale, plan.words)
    label = _words(locale, plan.words[:2])
    keywords = [VOCAB[i][1 if locale == "zh" else 0] for i in plan.words]
    lines = [
        "---",
        f"title: {title}",
        f"sidebar_position: {plan.position}",
        f"sidebar_label: {label}",
        f"description: {_prose(locale, 1, rng)}",
        "keywords:",
        *(f"  - {k}" for k in keywords),
        f"tags: [{', '.join(plan.tags)}]",
        "page_type: article",
        "---",
        "",
        f"# {title}",
        "",
        _prose(locale, 3, rng),
        "",
    ]
    for sec in plan.sections:
        lines += [f"## {_words(locale, sec['words'])} {{#{sec['id']}}}", ""]
        lines += _render_blocks(plan, sec["blocks"], locale, rng)
        for sub in sec["subs"]:
            lines += [f"### {_words(locale, sub['words'])} {{#{sub['id']}}}", ""]
            lines += _render_blocks(plan, sub["blocks"], locale, rng)
    return "\n".join(lines)


def _render_blocks(plan: Plan, blocks: list[tuple], locale: str, rng: random.Random) -> list[str]:
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "para":
            text = _prose(locale, block[1], rng)
            for link in block[2]:
                text += ("" if locale == "zh" else " ") + _link(plan, link, locale, rng)
            out += [text, ""]
        elif kind == "code":
            out += [f"```{block[1][0]}", block[1][1].rstrip("\n"), "```", ""]
        elif kind == "table":
            head, rows = block[1]
            out.append("| " + " | ".join(_words(locale, [h]) for h in head) + " |")
            out.append("|" + " --- |" * len(head))
            for row in rows:
                cells = [str(c) for c in row[:-1]] + [_words(locale, [row[-1]])]
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
        elif kind == "list":
            for item in block[1]:
                out.append(f"- **{_words(locale, item[:1])}**: {_prose(locale, 1, rng)}")
            out.append("")
        elif kind == "image":
            out += [f"![{_words(locale, block[2])}](/img/{block[1]})", ""]
        elif kind == "tip":
            out += [":::tip", _prose(locale, block[1], rng), ":::", ""]
    return out


def _link(plan: Plan, link: tuple, locale: str, rng: random.Random) -> str:
    kind, target, where, words = link
    text = _words(locale, words)
    if kind == "page":
        dest = posixpath.relpath(target, posixpath.dirname(plan.rel))
        if not dest.startswith("."):
            dest = "./" + dest
        dest += f"#{where}" if where else ""
    elif kind == "self":
        dest = f"#{where}"
    else:
        dest = where
    lead = "参见" if locale == "zh" else "See"
    end = "。" if locale == "zh" else "."
    return f"{lead}[{text}]({dest}){end}"


# --- support files -----------------------------------------------------------------------------


def _png(width: int, height: int, color: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(color) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height, 9))
        + chunk(b"IEND", b"")
    )


KBCHECK_TOML = """\
# Synthetic benchmark knowledge base (bench/gen_kb.py).
content = ["content"]
layout = "locale-dirs"
source_locale = "zh"
locales = ["zh", "en"]
schemas = "schemas"
"""

ARTICLE_YAML = """\
# An article: the common page of the benchmark knowledge base, in every locale.
description: Article page of the benchmark knowledge base
extends: docusaurus
unknown_fields: warn
fields:
  title: {type: string, required: true, non_empty: true, max_length: 60, translation: translate}
  sidebar_position: {type: integer, required: true, minimum: 1, unique: siblings, translation: same}
  sidebar_label:
    {type: string, required: true, non_empty: true, max_length: 30, translation: translate}
  keywords:
    type: list
    required: true
    min_items: 1
    max_items: 12
    items: {type: string, non_empty: true}
  tags:
    type: list
    required: true
    min_items: 1
    translation: same
    vocabulary: tags.yml
    items: {type: string, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$'}
  page_type: {type: string, required: true, enum: [article], translation: same}
"""


def _tags_yml() -> str:
    out = []
    for tag in TAGS:
        label = tag.replace("-", " ").title()
        out += [
            f"{tag}:",
            f"  label: {label}",
            f'  description: "Pages about {label.lower()}"',
            f"  permalink: /tags/{tag}",
        ]
    return "\n".join(out) + "\n"


def generate(out: Path, pages: int = 1000, seed: int = 1) -> dict[str, int]:
    """Write the knowledge base under ``out``; returns counts for the caller to print."""
    rng = random.Random(seed)
    plans = build_plans(pages, rng)
    add_blocks(plans, rng)
    out.mkdir(parents=True, exist_ok=True)
    (out / "kbcheck.toml").write_text(KBCHECK_TOML, encoding="utf-8")
    (out / "schemas").mkdir(exist_ok=True)
    (out / "schemas" / "article.yaml").write_text(ARTICLE_YAML, encoding="utf-8")
    (out / "schemas" / "tags.yml").write_text(_tags_yml(), encoding="utf-8")
    img = out / "static" / "img"
    img.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(IMAGES):
        if name.endswith(".png"):
            (img / name).write_bytes(_png(32 + 8 * i, 24, (40 * i, 120, 200 - 30 * i)))
        else:
            (img / name).write_text(
                '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32">'
                '<rect width="64" height="32" fill="#3a7"/></svg>\n',
                encoding="utf-8",
            )
    total = 0
    for locale in LOCALES:
        prose_rng = random.Random(f"{seed}-{locale}")
        for plan in plans:
            path = out / "content" / locale / plan.rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = render(plan, locale, prose_rng).encode("utf-8")
            path.write_bytes(data)
            total += len(data)
    return {"pages": pages * len(LOCALES), "bytes": total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the knowledge base into")
    parser.add_argument("--pages", type=int, default=1000, help="pages per locale (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    if (args.out / "content").exists():
        parser.error(f"{args.out / 'content'} exists; choose an empty folder")
    counts = generate(args.out, args.pages, args.seed)
    print(
        f"{counts['pages']} pages, {counts['bytes'] / 1024 / 1024:.1f} MB "
        f"({counts['bytes'] / counts['pages'] / 1024:.1f} KB per page) in {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
