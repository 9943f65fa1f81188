from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import ParityRule
from kbcheck.translations.boxes import differences as box_differences
from kbcheck.translations.code import (
    Difference,
    Line,
    change,
    first_difference,
    language_of,
    outline,
    same_language,
)
from kbcheck.translations.parity import Mismatch
from kbcheck.validation import STRICT

FREE = ["text", "txt", "plain", "plaintext", "prompt", "markdown", "md", "mdx"]


@dataclass
class Options:
    """The options of code-mismatch."""

    __pydantic_config__ = STRICT
    # blocks whose content may be translated
    free_languages: list[str] = field(default_factory=lambda: list(FREE))


class CodeMismatch(ParityRule):
    """A translation's code blocks differ from its source's.

    Blocks are paired in order within the matched sections (never a block in a
    language whose text is free, `md`, with one in another language whose code it
    does not hold: an `md` link is no `ts` example retagged; a block kept in a
    section KB507 reports is not one more finding, nor is a block in a box,
    a `:::tip` or a `<Tabs>`, that the translation lacks whole (or only it
    has): KB513 reports the box with its code; a block split in two, a
    command and its output, is the same code; a section's code cut into
    another number of blocks is compared joined, one finding at most; blocks
    missing one after the other are one finding, and so is the same change
    made in several blocks, a path renamed in every example, at the first
    block, naming the lines of the others; a block of prose alone is no
    code to miss, nor is a block whose code, twelve characters or more, the
    other page has in other markup: a quote, inline code, a longer block).
    The
    code is compared line by line, leaving out what translators translate:
    comments (in the syntax of the block's language, `#`, `//`, `/* */`,
    `<!-- -->`, `--`, ...; in a block without a language tag, the markers
    that start its lines or follow its code), diagram labels (`mermaid`,
    `plantuml`, `dot`), the text of templates (`html`, `vue`, `vue-html`),
    string literals and plain YAML values whose text is prose in the source
    language, the locale an example names (`zh:` as the reader's `ru:`), the
    site of a path (a mirror: `gitee.com/ossrs/srs` for `github.com/ossrs/srs`,
    `registry.cn-hangzhou.aliyuncs.com/ossrs/srs:5` for `ossrs/srs:5`), and,
    between Chinese, Japanese or Korean and another language, lines written
    in those scripts on either side (sample output, labels). In a terminal
    session on both pages (shell or untagged blocks of `$ ` commands), what
    the commands printed is sample output too: only the commands, and the
    input of their here-documents, are compared. What
    remains (identifiers, keys, commands, paths, versions, numbers) must
    match; a systemd unit is the same with or without `.service`, a command
    with or without `sudo` (whether the reader is root is theirs to know),
    and neither the moment a sample was made (`2025-10-12T11:23:45Z`) nor an
    address of the reader's own machine or network (`127.0.0.1`,
    `192.168.1.170`, `localhost`: an example) is code. The
    message names the first line that differs, on both pages (for a command
    continued over lines, the lines that hold its first word that differs).
    Spaces, trailing commas, blank lines, where a command continued with
    `\\` is wrapped, code wrapped and formatted otherwise (a `;` after a
    statement, `(entry) =>` for `entry =>`) and the quotes of a string that
    expands nothing do not count; an elision (`...`,
    `/* ... */`) stands for the lines the other side shows in its place.
    Blocks in the languages of `free_languages` (prose, prompts) may differ
    in content, as may an untagged block that holds a fenced block (Markdown
    source). A tag naming the same language (`sh` and `bash`, `yml`
    and `yaml`) is fine; another tag on the same code changes only its
    highlighting: one info finding for the page. Code blocks only the
    translation has are info too (see KB507).

    ## Why
    Code is not translated: a difference means one locale got a fix the other
    did not (or a machine translation renamed a key), and readers copy the
    broken one.

    ## Bad
    ```
    # source: apiVersion: v1     # 版本
    # translation: apiversion: v1  # version
    ```

    ## Good
    ```
    # source: top_k=5  # 取前五条
    # translation: top_k=5  # take the first five
    ```

    ## Options
    `free_languages`: languages whose block content may be translated
    (default: text, txt, plain, plaintext, prompt, markdown, md, mdx).
    """

    code = "KB509"
    name = "code-mismatch"
    Options = Options

    def compare(self, page, pair, ctx) -> Iterable[tuple]:
        """(section, finding, the change it shows), block by block."""
        source, target = pair.reference.code_blocks, page.code_blocks
        if [(b.language, b.code) for b in source] == [(b.language, b.code) for b in target]:
            return  # identical to the letter
        free = {lang.lower() for lang in self.options.free_languages}
        locale = ctx.config.source_locale

        def key(block):
            return outline(block.code, _language(block))

        def differs(s_code: str, t_code: str, s, t):
            s_lang, t_lang = _language(s), _language(t)
            language = s_lang or t_lang  # a tag added is harmless
            if language in free or t_lang in free:
                return None
            return first_difference(s_code, t_code, language, locale, str(page.locale), t_lang)

        def other_code(s, t) -> bool:
            """Whether a block in a language whose text is free (`md`) and one in
            another are two blocks, not one retagged: the code of the other
            language is not in the first (an `md` link for a `ts` example)."""
            languages = {_language(s), _language(t)}
            if len(languages) < 2 or len(languages & free) != 1:
                return False
            (language,) = languages - free
            found = first_difference(s.code, t.code, language, locale, str(page.locale), language)
            return found is not None

        def code(block) -> bool:  # not prose alone (a table written as a block)
            language = _language(block)
            return first_difference(block.code, "", language, locale, str(page.locale)) is not None

        @cache
        def boxes():  # the admonitions and components that differ (KB513's findings)
            return box_differences(page, pair, ctx.config.layout == "docusaurus")

        # blocks are the same in the same section: a section that kept another
        # section's old code has changed code, not a block moved away
        sections = {id(b): _section(pair, b.line) for b in source}
        sections |= {id(b): pair.source_line(b.line) for b in target}

        def placed(block):
            return sections[id(block)], key(block)

        # a section whose code is cut into another number of blocks: none when
        # the code joined is the same; when blocks paired end at other lines,
        # one finding where the code joined differs
        cut = {}
        for key_, (blocks_s, blocks_t) in _cut(source, target, sections.__getitem__).items():
            joined = ["\n".join(b.code for b in blocks) for blocks in (blocks_s, blocks_t)]
            cut[key_] = blocks_s, blocks_t, differs(*joined, blocks_s[0], blocks_t[0])
        kept = {key_ for key_, (_, _, difference) in cut.items() if difference is None}
        source = [b for b in source if sections[id(b)] not in kept]
        target = [b for b in target if sections[id(b)] not in kept]
        found = pair.diff(
            source, target, placed, equal=True, alike=lambda s, t: not other_code(s, t)
        )
        found = _unmoved(found, pair, key)
        findings = []  # (section, finding, the change it shows)
        ragged = set()  # sections with a pair of blocks that end at other lines
        retagged = []
        while found:
            m = found.pop(0)
            s, t = m.source, m.translation
            if m.kind in ("changed", "same"):
                difference = differs(s.code, t.code, s, t)
                if difference is not None and _split(found, s, t, differs):
                    difference = None
                if difference is not None:
                    one = _differs(pair, page, s, t, difference)
                    findings.append((sections[id(s)], one, change(difference)))
                    if difference.source is None or difference.translation is None:
                        ragged.add(sections[id(s)])
                elif s.language and t.language and not same_language(s.language, t.language):
                    retagged.append((s, t))
                continue
            # blocks missing (or added) one after the other: one section left out,
            # or kept untranslated, is one finding
            run = [m, *_following(found, m.kind)]
            blocks = [x.source if m.kind == "missing" else x.translation for x in run]
            other = page if m.kind == "missing" else pair.reference
            blocks = [block for block in blocks if code(block) and not _written(block, other)]
            # the code of a box missing (or added) whole is that box's finding
            unpaired = boxes().missing if m.kind == "missing" else boxes().extra
            blocks = [block for block in blocks if not any(block in b.code for b in unpaired)]
            if blocks:
                findings.append((sections[id(blocks[0])], _absent(pair, m.kind, blocks), None))
        for key_, (blocks_s, blocks_t, difference) in cut.items():
            at = [n for n, (section, _, _) in enumerate(findings) if section == key_]
            if key_ in ragged:  # the blocks cut otherwise, not each block changed
                s, s_line = _in_blocks(blocks_s, difference.source)
                t, t_line = _in_blocks(blocks_t, difference.translation)
                one = _differs(pair, page, s, t, Difference(s_line, t_line))
                findings[at[0]] = (key_, one, None)
                findings = [x for n, x in enumerate(findings) if n not in at[1:]]
        yield from findings
        if retagged:
            yield (None, _retagged(pair, retagged), None)

    def place(self, difference: tuple) -> tuple[int, int]:
        return difference[1].line, difference[1].column

    def reported(self, pair, differences: list[tuple]) -> list[Finding]:
        """The same change made in several blocks as one finding, once the
        differences the current source shows are known."""
        return _grouped(pair, differences)


def _grouped(pair, findings: list) -> list[Finding]:
    """The findings, a change made in several blocks of the page (a path renamed
    in every example) as one, at the first block, naming the lines of the others."""
    blocks: dict = {}
    for n, (_, _, made) in enumerate(findings):
        blocks.setdefault(made or n, []).append(n)
    out = []
    for n, (_, finding, made) in enumerate(findings):
        same = blocks[made or n]
        if same[0] != n:
            continue
        if len(same) > 1:
            lines = ", ".join(str(findings[k][1].line) for k in same[1:])
            message = finding.message.removesuffix(pair.note)
            message += f"; the same change on line{'s' if len(same) > 2 else ''} {lines}"
            finding = finding._replace(message=message + pair.note)
        out.append(finding)
    return out


def _section(pair, ref_line: int) -> int:
    """The line of the reference's heading over ``ref_line``."""
    lines = [h.line for h in pair.reference.headings if h.line <= ref_line]
    return lines[-1] if lines else pair.reference.body_line


def _language(block) -> str:
    """The language of a block; an untagged block that holds a fenced block shows
    Markdown source."""
    if not block.language and block.code.lstrip().startswith(("```", "~~~")):
        return "markdown"
    return language_of(block.language)


def _cut(source: list, target: list, section) -> dict:
    """The blocks of the sections whose code is cut into another number of blocks
    on each side, in one language (a tag added aside): commands in one block
    each on one side and shown as one block on the other."""
    by_s: dict = {}
    by_t: dict = {}
    for block in source:
        by_s.setdefault(section(id(block)), []).append(block)
    for block in target:
        by_t.setdefault(section(id(block)), []).append(block)
    cut = {}
    for key, blocks in by_s.items():
        others = by_t.get(key)
        if not others or len(others) == len(blocks):
            continue  # the same number of blocks: compared one by one
        languages = {_language(b) for b in blocks + others} - {""}  # a tag added is harmless
        if len(languages) <= 1:
            cut[key] = blocks, others
    return cut


def _in_blocks(blocks: list, line: Line | None) -> tuple:
    """The block and its line for ``line`` of the blocks' code joined."""
    if line is None:
        return blocks[-1], None
    number = line.number
    for block in blocks[:-1]:
        count = len(block.code.split("\n"))
        if number < count:
            break
        number -= count
    else:
        block = blocks[-1]
    return block, line._replace(number=number)


def _unmoved(found: list[Mismatch], pair, key) -> list[Mismatch]:
    """The differences, less a block missing in one section and found unchanged in
    another (a paragraph moved with its code), also in a section KB507 reports.
    A block paired with another of its section but found unchanged elsewhere has
    moved too: the block it was paired with is then one alone."""
    lost, added = pair.unmatched(pair.reference.code_blocks, pair.translation.code_blocks)
    extra: dict = {}
    for m in [Mismatch("extra", None, t) for t in added] + found:
        if m.kind in ("extra", "changed"):
            extra.setdefault(key(m.translation), []).append(m)
    missing: dict = {}
    for m in [Mismatch("missing", s) for s in lost] + found:
        if m.kind in ("missing", "changed"):
            missing.setdefault(key(m.source), []).append(m)
    moved_source, moved_translation = set(), set()  # ids of the mismatches
    for k in missing.keys() & extra.keys():
        for old, new in zip(missing[k], extra[k], strict=False):
            moved_source.add(id(old))
            moved_translation.add(id(new))
    out = []
    for m in found:
        source_moved, translation_moved = id(m) in moved_source, id(m) in moved_translation
        if m.kind != "changed" or source_moved == translation_moved:
            if not (source_moved or translation_moved):
                out.append(m)
        elif source_moved:
            out.append(Mismatch("extra", None, m.translation))
        else:
            out.append(Mismatch("missing", m.source))
    return out


def _split(found: list[Mismatch], s, t, differs) -> bool:
    """Whether the differing blocks ``s`` and ``t`` are one block on one side and
    it and the next block on the other (a command and its output, split or joined);
    the next block is then taken from ``found``."""
    if not found or found[0].kind not in ("missing", "extra"):
        return False
    nxt = found[0]
    if nxt.kind == "extra":
        joined = differs(s.code, t.code + "\n" + nxt.translation.code, s, t)
    else:
        joined = differs(s.code + "\n" + nxt.source.code, t.code, s, t)
    if joined is not None:
        return False
    found.pop(0)
    return True


def _following(found: list[Mismatch], kind: str) -> list[Mismatch]:
    """The mismatches of ``kind`` at the head of ``found``, taken from it."""
    n = next((n for n, m in enumerate(found) if m.kind != kind), len(found))
    run, found[:n] = found[:n], []
    return run


def _written(block, page) -> bool:
    """Whether the code of ``block`` is on ``page`` in other markup: a quote, inline
    code, a longer block (`>{"status": 200}` for a json block); a command is the
    same with or without its `$ ` prompt."""
    code = " ".join(" ".join(line.removeprefix("$ ").split()) for line in block.code.splitlines())
    if len(code) < WRITTEN:
        return False
    flat, at = _flat(page), -1
    while (at := flat.find(code, at + 1)) >= 0:  # whole, not `npm i foo` in `npm i foobar`
        end = at + len(code)
        if not (flat[at - 1 : at].isalnum() or flat[end : end + 1].isalnum()):
            return True
    return False


WRITTEN = 12  # characters of code, at least, to be found as it is in other markup


@lru_cache(maxsize=4)  # the two pages of a pair
def _flat(page) -> str:
    """The text of ``page`` without quote marks, prompts, backticks and line breaks."""
    lines = (x.lstrip().lstrip(">").lstrip().removeprefix("$ ") for x in page.text.splitlines())
    return " ".join(" ".join(lines).replace("`", " ").split())


def _absent(pair, kind: str, blocks: list) -> Finding:
    """One finding for code blocks one side has and the other lacks, at the first."""
    first, n = blocks[0], len(blocks)
    languages = ", ".join(block.language or "plain" for block in blocks)
    if kind == "missing":
        message = f"missing the source's {languages} code block"
        if n > 1:
            message = f"missing the source's {n} code blocks from here ({languages})"
        return pair.missing(message, first.line, first.column)
    message = f"{languages} code block is not in the source"
    if n > 1:
        message = f"{n} code blocks from here are not in the source ({languages})"
    return pair.extra(message, first.line, first.column)


def _retagged(pair, blocks: list) -> Finding:
    """One info finding for the page: a tag changes only how the same code is
    highlighted."""
    (s, t), more = blocks[0], len(blocks) - 1
    message = f"code block in {t.language!r}; the source's is {s.language!r}"
    if more:
        message = f"{len(blocks)} code blocks tagged apart from the source's, the first "
        message += f"in {t.language!r} where the source's is {s.language!r}"
    finding = pair.at(t.line, t.column, message + " (the same code)", s.line, s.column)
    return finding._replace(severity=Severity.INFO)


def _differs(pair, page, s, t, found: Difference) -> Finding:
    """``line 12: 'apiversion: v1' where the source has 'apiVersion: v1' (line 14)``"""
    s_first, t_first = _first_line(pair.reference, s), _first_line(page, t)
    ref_line = s_first + found.source.number if found.source else s.line
    line = t_first + found.translation.number if found.translation else t.line
    source_line = pair.related(ref_line)[0].line
    if found.translation is None:
        message = f"the code block ends where the source has {found.source.text!r} (line "
        message += f"{source_line})"
    elif found.source is None:
        message = f"line {line}: {found.translation.text!r} is not in the source's code block"
    else:
        message = f"line {line}: {found.translation.text!r} where the source has "
        message += f"{found.source.text!r} (line {source_line})"
    return pair.at(line, t.column, message, ref_line)


def _first_line(page, block) -> int:
    """The line of a block's first line of code (after its opening fence)."""
    lines = page.text.splitlines()
    fence = lines[block.line - 1].lstrip() if 0 < block.line <= len(lines) else ""
    return block.line + 1 if fence.startswith(("```", "~~~")) else block.line
