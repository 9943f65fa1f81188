"""The engine: configuration -> corpus -> rules -> diagnostics.

Cross-file rules always see the whole knowledge base, whatever paths were
given (pre-commit splits and shuffles the file list); only the findings
are limited to the files asked for.
"""

from __future__ import annotations

import difflib
import gc
import os
import threading
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kbcheck.config import Config, ConfigError
from kbcheck.context import Context, Gatherer
from kbcheck.corpus import Corpus, display_path, load_corpus
from kbcheck.diagnostics import Diagnostic, Finding, Severity
from kbcheck.globs import matches
from kbcheck.page import Page
from kbcheck.rules import RULES, CorpusRule, PageRule, Rule, find_rule
from kbcheck.rules.not_text import NotText
from kbcheck.schema import PRESETS, load_schemas
from kbcheck.sites import site_of
from kbcheck.split import Split, this_side
from kbcheck.translations.handover import status_handover
from kbcheck.validation import validated

if TYPE_CHECKING:
    from kbcheck.changes import Changes
    from kbcheck.links.run import UrlChecker
    from kbcheck.shard import Shard


MAX_FINDINGS = 1000  # of one rule on one page


class Result:
    """What a run found, and how many files it checked."""

    def __init__(
        self, files: int = 0, context: Context | None = None, changes: Changes | None = None
    ) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.files = files
        self.internal_errors = 0
        self.baselined = 0  # findings left out because a baseline has them
        self.changes = changes  # --changed-since
        # What the rules saw: the pages, parsed, and the indexes built from them. Kept
        # for callers that go on with them, and so that freeing a whole parsed corpus
        # object by object (50 ms for 2,000 pages) is left to the caller, who may
        # have no need to (a command that exits right after).
        self.context = context

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def summary(self) -> str:
        errors, warnings = self.count(Severity.ERROR), self.count(Severity.WARNING)
        line = f"{self.files} files checked: {errors} errors, {warnings} warnings"
        return line + (f" ({self.baselined} baselined)" if self.baselined else "")


class Active(NamedTuple):
    """A rule instance with the severity it reports at."""

    rule: Rule
    severity: Severity | None  # None: the rule's default, unless a finding says otherwise
    exclude: tuple[str, ...] = ()  # path globs where the rule reports nothing


def configure_rules(
    config: Config,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    offline: bool = False,
) -> list[Active]:
    """Instantiate the enabled rules with their options; bad settings raise ConfigError."""
    where = config.file or "configuration"
    for key in config.rules:
        if find_rule(key) is None:
            raise ConfigError(
                f"{where}: rules.{key}: no rule with this code or name{_closest(key)}"
            )
    for option, keys in (("--select", select), ("--ignore", ignore)):
        for key in keys:
            if not any(_matches(rule, [key]) for rule in RULES):
                raise ConfigError(
                    f"{option} {key}: no rule with this code, prefix or name{_closest(key)}"
                )
    active = []
    for rule_class in RULES:
        settings = config.rules.get(rule_class.code) or config.rules.get(rule_class.name)
        severity = settings.severity if settings else None
        if severity is Severity.OFF or (offline and rule_class.network):
            continue
        if select and not _matches(rule_class, select):
            continue
        if ignore and _matches(rule_class, ignore):
            continue
        options = rule_class.Options()
        if settings and settings.options:
            prefix = f"rules.{rule_class.code}"
            options = validated(rule_class.Options, settings.options, where, prefix)
        exclude = tuple(settings.exclude) if settings else ()
        active.append(Active(rule_class(options), severity, exclude))
    return active


def _matches(rule: type[Rule], keys: Sequence[str]) -> bool:
    return any(rule.name == k or rule.code.startswith(k.upper()) for k in keys)


def _closest(key: str) -> str:
    names = [rule.name for rule in RULES] + [rule.code for rule in RULES]
    close = difflib.get_close_matches(key if key[:2].upper() != "KB" else key.upper(), names, n=1)
    return f"; did you mean {close[0]}?" if close else "; `kbcheck rules` lists them"


def check(
    config: Config,
    paths: Sequence[Path] = (),
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    offline: bool = False,
    cwd: Path | None = None,
    link_checker: UrlChecker | None = None,
    changes: Changes | None = None,
    shard: Shard | None = None,
) -> Result:
    """Check the knowledge base (or the given paths of it) and return the findings.

    ``link_checker`` replaces how the KB4xx rules check URLs (a command's progress
    bar, or a caller that wants the whole link report); by default ``[links]``.
    ``changes`` adds the pages they affect to ``paths`` (and without ``paths``,
    only those are checked); ``shard`` keeps one shard of what is left.
    """
    # Pages are long-lived and acyclic: the cyclic collector would only rescan
    # them again and again (a fifth of a whole run), so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check(config, paths, select, ignore, offline, cwd, link_checker, changes, shard)
    finally:
        if collecting:
            gc.enable()


def _check(
    config: Config,
    paths: Sequence[Path],
    select: Sequence[str],
    ignore: Sequence[str],
    offline: bool,
    cwd: Path | None,
    link_checker: UrlChecker | None = None,
    changes: Changes | None = None,
    shard: Shard | None = None,
) -> Result:
    cwd = (cwd or Path.cwd()).resolve()
    rules = configure_rules(config, select, ignore, offline)
    schemas = load_schemas(_schemas_folder(config))
    corpus = load_corpus(config, cwd)
    if not corpus.pages:
        raise ConfigError(nothing_found(config))
    _check_locales(config, corpus)
    targets = _targets(corpus, paths, cwd) if paths or changes else corpus.pages
    if changes is not None:
        from kbcheck.affected import affected

        named = {page.rel for page in targets}
        targets += [page for page in affected(corpus, changes) if page.rel not in named]
    if shard is not None:
        targets = shard.pages(targets)
    ctx = Context(config, corpus, schemas, offline, targets=targets, link_checker=link_checker)
    result = Result(files=len(targets), context=ctx, changes=changes)
    whole = not paths and changes is None and (shard is None or shard.index == 1)
    if whole:  # a folder the run could not enter: its pages go unchecked (in one shard)
        result.diagnostics += _unreadable(corpus, rules, cwd)
    page_rules = [active for active in rules if isinstance(active.rule, PageRule)]
    check_pages = partial(_run_page_rules, page_rules, ctx)
    reads_body = any(active.rule.reads_body for active in rules)
    shared = targets if page_rules else []  # with no page rules, no page to share
    for active in rules:
        active.rule.start(ctx)
    if reads_body:
        _parse_meanwhile(this_side(shared))
    for active in rules:
        active.rule.prepare(ctx)
    # The link rules read every page's links, and some rules gather a little of
    # every page: the child sends those of its share, and these rules run last,
    # once it has (the other cross-file rules run meanwhile).
    corpus_rules = [active for active in rules if isinstance(active.rule, CorpusRule)]
    corpus_rules.sort(key=lambda active: _reads_theirs(active.rule))
    gathering = _Gathering(ctx, [a.rule for a in corpus_rules if a.rule.gathers])
    if any(active.rule.network for active in corpus_rules):
        from kbcheck.links.run import URLS  # the link rules' module: not for offline runs

        gathering.rules.append(URLS)
    # A child takes a share of the pages (with no page rules, there is none to take),
    # and hands back the translation statuses it works out, for callers of the run.
    split = Split(shared, check_pages, parse=reads_body, handover=status_handover(ctx),
                  gathering=gathering if gathering.rules else None)  # fmt: skip
    split.send_ours()
    wanted = {page.path: page for page in targets}
    found: list[tuple[Active, dict[str, list[Finding]]]] = []
    for active in corpus_rules:
        if _reads_theirs(active.rule):
            split.receive_theirs()
        findings = _guard(active.rule, partial(active.rule.check_corpus, ctx), result)
        by_page: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.path in wanted:
                by_page.setdefault(finding.path, []).append(finding)
        found.append((active, by_page))
    diagnostics, errors = split.check()
    for active, by_page in found:  # now that every page's suppressions are known
        for path, findings in by_page.items():
            page = wanted[path]
            for finding in _kept(findings, page, active.rule):
                _emit(result, page, active, finding)
    result.diagnostics += diagnostics
    result.internal_errors += errors
    result.diagnostics.sort()
    return result


def _parse_meanwhile(pages: list[Page]) -> None:
    """Parse this side's pages while another thread works (git reading history),
    until it is done: work the run does anyway, done while it waits."""
    for page in pages:
        if threading.active_count() == 1:
            return
        page.markdown  # noqa: B018 (parsed on first use)


def _reads_theirs(rule: CorpusRule) -> bool:
    """Whether a cross-file rule reads what the child sends of its pages."""
    return rule.network or rule.gathers


class _Gathering(NamedTuple):
    """What cross-file rules gather of each page, kept in the context (kbcheck.split)."""

    ctx: Context
    rules: list[Gatherer]

    def of(self, page: Page) -> list:
        return [self.ctx.gathered(rule, page) for rule in self.rules]

    def given(self, page: Page, gathered: list) -> None:
        for rule, value in zip(self.rules, gathered, strict=True):
            self.ctx.gathered_values[(rule.code, page.path)] = value


def _unreadable(corpus: Corpus, rules: list[Active], cwd: Path) -> list[Diagnostic]:
    """A finding of the not-text rule for every folder that could not be read."""
    found = []
    for active in rules:
        if isinstance(active.rule, NotText):
            rule, severity = active.rule, active.severity or active.rule.severity
            for folder, why in corpus.unreadable:
                where = display_path(corpus.config.root / folder, cwd)
                message = f"cannot read folder: {why}; its pages are not checked"
                found.append(Diagnostic(where, 1, 1, rule.code, rule.name, severity, message))
    return found


def _schemas_folder(config: Config) -> Path:
    """The page-type folder; an error when it is missing but something relies on it."""
    folder = config.path(config.schemas)
    wanted = (
        config.origin("schemas") != "default"
        or config.page_types
        or (config.default_page_type and config.default_page_type not in PRESETS)
    )
    if wanted and not folder.is_dir():
        where = config.file or "configuration"
        raise ConfigError(f"{where}: schemas: the page-type folder {folder} does not exist")
    return folder


def nothing_found(config: Config) -> str:
    """Where kbcheck looked for pages, for a run that found none."""
    site = site_of(config)
    looked = ", ".join(f"{r.strip('/') or '.'}/" for r in site.content_roots())
    where = f"configured in {config.file}" if config.file else "no kbcheck.toml found"
    return (
        f"no Markdown pages found in {looked} under {config.root} ({config.layout} layout,"
        f" {where}); run kbcheck from the knowledge base, or set `content` (and `layout`)"
        " in kbcheck.toml"
    )


def _check_locales(config: Config, corpus: Corpus) -> None:
    """A configured locale without pages, beside a folder of a close name, is a typo."""
    have = {page.locale for page in corpus.pages}
    folders = site_of(config).locale_folders()
    for locale in config.locales:
        if locale in have or locale == config.source_locale:
            continue
        close = [f for f in folders if f.lower().startswith(locale.lower())]
        close += difflib.get_close_matches(locale, folders, n=1, cutoff=0.6)
        if close:
            where = config.file or "configuration"
            raise ConfigError(
                f"{where}: locales: {locale!r} has no pages, but there is a folder"
                f" {folders[close[0]]}; did you mean {close[0]!r}?"
            )


def _run_page_rules(
    page_rules: list[Active], ctx: Context, pages: list[Page]
) -> tuple[list[Diagnostic], int]:
    part = Result()
    for active in page_rules:
        _guard(active.rule, partial(_read_ahead, active.rule, ctx, pages), part)
    for page in pages:
        try:  # the fast path: one guard per page, not one per rule and page
            found = [(a, _kept(a.rule.check(page, ctx), page, a.rule)) for a in page_rules]
        except Exception:  # find the rule at fault, and let the others report
            run = [(a, partial(_checked, a.rule, page, ctx)) for a in page_rules]
            found = [(a, _guard(a.rule, call, part, page)) for a, call in run]
        for active, findings in found:
            for finding in findings:
                _emit(part, page, active, finding)
    return part.diagnostics, part.internal_errors


def _read_ahead(rule: PageRule, ctx: Context, pages: list[Page]) -> list[Finding]:
    rule.read_ahead(ctx, pages)
    return []


def _checked(rule: PageRule, page: Page, ctx: Context) -> list[Finding]:
    return _kept(rule.check(page, ctx), page, rule)


def _kept(findings: Iterable[Finding], page: Page, rule: Rule) -> list[Finding]:
    """The findings to report: those not suppressed, the first ``MAX_FINDINGS`` of
    them, and one more that counts the rest. A page can hold half a million broken
    links; its report stays readable and its memory small (the rest are only counted)."""
    kept: list[Finding] = []
    more, first = 0, None
    for finding in findings:  # suppressions are read only for a page with findings
        if not page.suppressions.allows(rule.code, rule.name, finding.line):
            continue
        if len(kept) < MAX_FINDINGS:
            kept.append(finding)
        else:
            more += 1
            first = first or finding
    if first is not None:
        message = f"{more} more {rule.code} findings on this page are not reported"
        kept.append(Finding(first.line, first.column, f"{message} (the first {MAX_FINDINGS} are)"))
    return kept


def _guard(rule: Rule, run, result: Result, page: Page | None = None) -> Iterable[Finding]:
    """Run a rule; a crash becomes a KB000 diagnostic instead of a traceback."""
    try:
        return list(run())
    except ConfigError:
        raise  # a configuration a rule cannot use (a bad token variable): exit 2, not a bug
    except Exception as exc:  # a bug in a rule must not stop the other files
        result.internal_errors += 1
        result.diagnostics.append(
            Diagnostic(
                page.path if page else ".", 1, 1, "KB000", "internal-error", Severity.ERROR,
                f"rule {rule.code} failed: {type(exc).__name__}: {exc}",
            )
        )  # fmt: skip
        return []


def _emit(result: Result, page: Page, active: Active, finding: Finding) -> None:
    rule = active.rule
    if active.exclude and matches(page.rel, active.exclude):
        return
    severity = active.severity or finding.severity or rule.severity
    result.diagnostics.append(
        Diagnostic(
            path=finding.path or page.path,
            line=finding.line,
            column=finding.column,
            code=rule.code,
            name=rule.name,
            severity=severity,
            message=finding.message,
            end_line=finding.end_line,
            end_column=finding.end_column,
            related=finding.related,
        )
    )


def _targets(corpus: Corpus, paths: Sequence[Path], cwd: Path) -> list[Page]:
    """The pages of the knowledge base named on the command line (files or folders).

    A file outside the content folders, or one that ``ignore`` or
    ``.gitignore`` leaves out, is not a page: pre-commit hands over every
    staged Markdown file (READMEs, changelogs), and those are skipped.
    """
    root = corpus.config.root.resolve()
    site = site_of(corpus.config)
    chosen: dict[str, Page] = {}
    for given in paths:
        path = (cwd / given).resolve()
        if not path.exists():
            raise FileNotFoundError(given)
        if not path.is_dir():
            rel = Path(os.path.relpath(path, root)).as_posix()
            page = corpus.by_rel.get(rel)
            found = [page] if page is not None and site.is_page(rel) else []
        else:
            inside = os.path.join(path, "")
            found = [
                page for page in corpus.pages if os.path.join(root, page.rel).startswith(inside)
            ]
        for page in found:
            chosen.setdefault(page.path, page)
    return list(chosen.values())
