"""The engine: configuration -> corpus -> rules -> diagnostics.

Cross-file rules always see the whole knowledge base, whatever paths were
given (pre-commit splits and shuffles the file list); only the findings
are limited to the files asked for.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from kbcheck.config import Config, ConfigError, format_errors
from kbcheck.context import Context
from kbcheck.corpus import Corpus, load_corpus
from kbcheck.diagnostics import Diagnostic, Finding, Severity
from kbcheck.page import Page
from kbcheck.rules import RULES, CorpusRule, PageRule, Rule, find_rule
from kbcheck.schema import load_schemas
from kbcheck.split import Split

if TYPE_CHECKING:
    from kbcheck.links.run import UrlChecker


@dataclass
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    internal_errors: int = 0
    # What the rules saw: the pages, parsed, and the indexes built from them. Kept
    # for callers that go on with them, and so that freeing a whole parsed corpus
    # object by object (50 ms for 2,000 pages) is left to the caller, who may
    # have no need to (a command that exits right after).
    context: Context | None = field(default=None, repr=False, compare=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def summary(self) -> str:
        errors, warnings = self.count(Severity.ERROR), self.count(Severity.WARNING)
        return f"{self.files} files checked: {errors} errors, {warnings} warnings"


@dataclass(frozen=True)
class Active:
    """A rule instance with the severity it reports at."""

    rule: Rule
    severity: Severity | None  # None: the rule's default, unless a finding says otherwise


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
            raise ConfigError(f"{where}: rules.{key}: no rule with this code or name")
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
        try:
            options = rule_class.Options(**(settings.options if settings else {}))
        except ValidationError as exc:
            raise ConfigError(format_errors(where, exc, f"rules.{rule_class.code}")) from exc
        active.append(Active(rule_class(options), severity))
    return active


def _matches(rule: type[Rule], keys: Sequence[str]) -> bool:
    return any(rule.name == k or rule.code.startswith(k.upper()) for k in keys)


def check(
    config: Config,
    paths: Sequence[Path] = (),
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    offline: bool = False,
    cwd: Path | None = None,
    link_checker: UrlChecker | None = None,
) -> Result:
    """Check the knowledge base (or the given paths of it) and return the findings.

    ``link_checker`` replaces how the KB4xx rules check URLs (a command's progress
    bar, or a caller that wants the whole link report); by default ``[links]``.
    """
    # Pages are long-lived and acyclic: the cyclic collector would only rescan
    # them again and again (a fifth of a whole run), so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check(config, paths, select, ignore, offline, cwd, link_checker)
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
) -> Result:
    cwd = (cwd or Path.cwd()).resolve()
    rules = configure_rules(config, select, ignore, offline)
    schemas = load_schemas(config.path(config.schemas))
    corpus = load_corpus(config, cwd)
    targets = _targets(corpus, paths, cwd) if paths else corpus.pages
    ctx = Context(config, corpus, schemas, offline, targets=targets, link_checker=link_checker)
    result = Result(files=len(targets), context=ctx)
    page_rules = [active for active in rules if isinstance(active.rule, PageRule)]
    check_pages = partial(_run_page_rules, page_rules, ctx)
    reads_body = any(active.rule.reads_body for active in rules)
    for active in rules:
        active.rule.prepare(ctx)
    # A child takes a share of the pages (with no page rules, there is none to take).
    split = Split(targets if page_rules else [], check_pages, parse=reads_body)
    split.send_ours()
    wanted = {page.path: page for page in targets}
    found: list[tuple[Page, Active, Finding]] = []
    for active in rules:
        if isinstance(active.rule, CorpusRule):
            findings = _guard(active.rule, partial(active.rule.check_corpus, ctx), result)
            found += [(wanted[f.path], active, f) for f in findings if f.path in wanted]
    diagnostics, errors = split.check()
    for page, active, finding in found:  # now that every page's suppressions are known
        _emit(result, page, active, finding)
    result.diagnostics += diagnostics
    result.internal_errors += errors
    result.diagnostics.sort()
    return result


def _run_page_rules(
    page_rules: list[Active], ctx: Context, pages: list[Page]
) -> tuple[list[Diagnostic], int]:
    part = Result()
    for page in pages:
        try:  # the fast path: one guard per page, not one per rule and page
            found = [(a, list(a.rule.check(page, ctx))) for a in page_rules]
        except Exception:  # find the rule at fault, and let the others report
            run = [(a, partial(a.rule.check, page, ctx)) for a in page_rules]
            found = [(a, _guard(a.rule, call, part, page)) for a, call in run]
        for active, findings in found:
            for finding in findings:
                _emit(part, page, active, finding)
    return part.diagnostics, part.internal_errors


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
    if not page.suppressions.allows(rule.code, rule.name, finding.line):
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
    by_file = {os.path.join(root, page.rel): page for page in corpus.pages}
    chosen: dict[str, Page] = {}
    for given in paths:
        path = (cwd / given).resolve()
        if not path.exists():
            raise FileNotFoundError(given)
        if not path.is_dir():
            found = [by_file[str(path)]] if str(path) in by_file else []
        else:
            inside = os.path.join(path, "")
            found = [page for file, page in by_file.items() if file.startswith(inside)]
        for page in found:
            chosen.setdefault(page.path, page)
    return list(chosen.values())
