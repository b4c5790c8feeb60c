"""`faq lint`: every corpus file checked against its schema and every content rule,
each problem placed at its file, line and column, then filtered by the editors'
suppressions, the configuration's per-path ignores, and (when asked) a baseline
and the entries changed since a git revision.

Work happens in two stages. The first (pipeline/lint_files.py) takes one file at
a time: parse, schema, every rule that looks at one collection only, and the
file's share of what the corpus-wide rules compare; it is cached and spread over
processes. The second (pipeline/lint_corpus.py) sees the whole corpus: duplicate
ids and the corpus-wide rules (duplicates across collections, near duplicates,
inconsistent terms)."""
from __future__ import annotations

import operator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import corpus as corpus_files
from pipeline import suppression
from pipeline.collector import paused as _collector_paused
from pipeline.config import Config
from pipeline.errors import InputError
from pipeline.lint_corpus import corpus_problems
from pipeline.lint_files import Checked, check_files
from pipeline.model import Problem, Severity
from pipeline.rules import UnusedSuppression
from pipeline.ruleset import RuleSet


@dataclass
class LintResult:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    suppressed: int = 0
    baselined: int = 0
    unchanged_skipped: int = 0
    checked: int = 0  # files whose first stage ran or came from the cache (all of clean/ for some files)
    cached: int = 0  # files whose first stage came from the cache
    workers: int = 1  # processes that ran the first stage of the others
    index: str | None = None  # what the corpus index did (pipeline/corpus_store.py), if one was used
    paths: list[str] = field(default_factory=list)  # the files reported on, as reports name them
    root: Path | None = None  # the corpus root, which those names are relative to

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        floor = Severity.WARNING if strict else Severity.ERROR
        return any(p.severity >= floor for p in self.problems)


def lint(config: Config, paths: list[Path] | None = None, *,
         changed: dict[str, set[str] | None] | None = None, jobs: int | None = None,
         cache_dir: Path | None = None, freeze: bool = False) -> LintResult:
    """Lint ``paths`` (default: the clean directory).

    ``changed`` limits the report to some entries: display path -> the ids of
    entries changed (None: the whole file). Corpus-wide rules still compare every
    entry against the whole corpus. ``jobs`` processes run the first stage (None:
    one per CPU when there is enough work for it to pay, see
    `jobs.AUTO_JOBS_BYTES`; 0: one per CPU); ``cache_dir`` keeps its results
    between runs (None: no cache). The result is the same either way.
    ``freeze``: the process ends soon after (the CLI), so what the run keeps is
    frozen out of the cyclic collector's sight (`collector.paused`) rather than
    walked by it once more; a library caller that lives on leaves it False.
    """
    rules = RuleSet(config)
    targets = [Path(p) for p in paths] if paths else [config.clean_dir]
    for target in targets:
        if not target.exists():
            raise InputError("no such file or directory", str(target))
    files = corpus_files.corpus_files(targets)
    result = LintResult(files=len(files))
    from pipeline import cache as caching

    store = caching.LintCache(cache_dir, caching.salt(config, rules)) if cache_dir is not None else None
    partial, shown = bool(paths), None
    if store is not None and partial:
        whole = _all_of_clean(config, files)
        if whole is not None:  # check all of clean/ (mostly from the cache), report what was asked
            shown = {config.relative(path) for path in files}
            files, partial = whole, False
    checked = check_files(config, rules, files, jobs=jobs, store=store, result=result)
    result.checked = len(files)
    with _collector_paused(keep=freeze):
        problems: list[Problem] = [p for item in checked for p in item.problems]
        problems += corpus_problems(config, rules, checked, partial, store, result)
        if shown is not None:
            checked = [item for item in checked if item.display in shown]
            problems = [p for p in problems if p.path in shown]
        problems = _filter(config, rules, checked, problems, result)
        if changed is not None:
            kept = [p for p in problems if p.path in changed and (
                changed[p.path] is None or p.entry_id is None or p.entry_id in changed[p.path])]
            result.unchanged_skipped = len(problems) - len(kept)
            problems = kept
        result.problems = problems  # in `Problem.sort_key` order (see _filter)
    result.paths = sorted(item.display for item in checked)
    result.root = config.root.resolve()
    return result


def _all_of_clean(config: Config, files: list[Path]) -> list[Path] | None:
    """Every file of clean/, when the files to lint are all in it; else None.

    A lint of some files compares them with the whole corpus. With the cache, that is
    cheapest done as a lint of the whole corpus whose report keeps only those files:
    the other files' first stage comes from the cache and the comparison from the
    corpus index, where reading the rest of clean/ again would parse every file."""
    if not config.clean_dir.is_dir():
        return None
    everything = corpus_files.corpus_files([config.clean_dir])
    known = {path.resolve() for path in everything}
    if not all(path.resolve() in known for path in files):
        return None
    return everything


def _filter(config: Config, rules: RuleSet, checked: list[Checked], problems: list[Problem],
            result: LintResult) -> list[Problem]:
    """The problems that neither a suppression nor a per-path ignore hides, in
    `Problem.sort_key` order: file by file, each file's sorted on its own (a file's
    problems share their path, which need not be compared)."""
    by_path = {item.display: item for item in checked}
    grouped: dict[str, list[Problem]] = {display: [] for display in by_path}
    for problem in problems:
        if problem is not None:
            grouped.setdefault(problem.path, []).append(problem)
    kept: list[Problem] = []
    for display in sorted(grouped):
        mine = grouped[display]
        item = by_path.get(display)
        if item is not None and item.suppressions:
            visible = suppression.apply(mine, item.suppressions)
            result.suppressed += len(mine) - len(visible)
            mine = visible + _unused(rules, item)
        ignored: dict[tuple[str, str], bool] = {}  # by rule: a file's problems share a few rules
        for problem in mine:
            rule = (problem.code, problem.name)
            if rule not in ignored:
                ignored[rule] = rules.ignored_at(display, *rule)
        if any(ignored.values()):
            mine = [p for p in mine if not ignored[p.code, p.name]]
        kept += sorted(mine, key=_IN_FILE_ORDER)
    return kept


_IN_FILE_ORDER = operator.attrgetter(*Problem.sort_key_fields[1:])


def _unused(rules: RuleSet, item: Checked) -> list[Problem]:
    severity = rules.severity(UnusedSuppression.code)
    if severity is None:
        return []
    found = []
    for entry_suppression in item.suppressions:
        for token in entry_suppression.tokens:
            if token not in entry_suppression.used:
                where = f"entry '{entry_suppression.entry_id}'" if entry_suppression.entry_id else "this file"
                found.append(Problem(item.display, entry_suppression.line, entry_suppression.column, severity,
                                     UnusedSuppression.code, UnusedSuppression.name,
                                     f"'{token}' suppresses nothing in {where}; remove it",
                                     entry_suppression.entry_id))
    return found
