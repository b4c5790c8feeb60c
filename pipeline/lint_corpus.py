"""The second stage of `faq lint`: what needs the whole corpus.

Duplicate ids, and the corpus-wide rules (duplicates and near duplicates across
collections, inconsistent terms), which combine every file's part from the first
stage, never its text. With the cache, a whole-corpus run keeps the keyed rules'
rows and findings in an index (pipeline/corpus_store.py) and judges again only
the keys an edit changed; any other corpus-wide rule whose parts are unchanged
since the last run, as their digests tell, reuses its last findings.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline import corpus as corpus_files
from pipeline.config import Config
from pipeline.errors import InputError
from pipeline.lint_files import Checked, DeferredDocument, corpus_part, corpus_wide_rules, place
from pipeline.model import Collection, Problem, Severity
from pipeline.rules.corpus_wide import CorpusRule, Found, Part, corpus_order
from pipeline.rules.duplicate_id import DUPLICATE_IDS
from pipeline.ruleset import RuleSet

if TYPE_CHECKING:
    from pipeline.cache import LintCache
    from pipeline.corpus_store import CorpusStore, Row
    from pipeline.lint import LintResult


def corpus_problems(config: Config, rules: RuleSet, checked: list[Checked], partial: bool,
                    store: LintCache | None, result: LintResult | None = None) -> list[Problem]:
    """Duplicate ids and the corpus-wide rules' problems in the ``checked`` files,
    against the whole corpus (all of clean/ when ``partial``: only some files are linted)."""
    parts = corpus_order(_whole_corpus(config, rules, checked, partial))
    index = None
    if store is not None and not partial and len({part.name for part in parts}) == len(parts):
        index = store.corpus_index()
    checks: list[tuple[CorpusRule, dict[str, Any], Severity, str, str]] = []
    severity = rules.severity(DUPLICATE_IDS.code)
    if severity is not None:
        checks.append((DUPLICATE_IDS, {}, severity, DUPLICATE_IDS.code, DUPLICATE_IDS.name))
    checks += [(active.rule, active.options, active.severity, active.rule.code, active.rule.name)
               for active in corpus_wide_rules(rules)]
    problems: list[Problem] = []
    try:
        for rule, options, severity, code, name in checks:
            problems += [Problem(display, line, column, severity, code, name, message, entry_id)
                         for display, line, column, message, entry_id in _findings(rule, options, parts, index)]
    finally:
        if index is not None:
            index.close()
            if result is not None:
                result.index = index.summary()
    return problems


def _findings(rule: CorpusRule, options: dict[str, Any], parts: list[Part], index: CorpusStore | None
              ) -> list[Row]:
    """A corpus-wide rule's findings in the linted files, placed: from the index
    when there is one, else combined in memory."""
    if index is not None:
        from pipeline.corpus_store import IndexUnavailable

        try:
            return index.findings(rule, options, parts, _place)
        except IndexUnavailable:
            pass  # combined in memory below: the same findings, only slower
    return _rows(list(rule.combine(parts, options)))


def _rows(found: list[Found]) -> list[Row]:
    """Findings in the linted files (not in the rest of clean/), placed."""
    found = [f for f in found if f.part.owner is not None]
    return [(f.part.owner.display, line, column, f.message, f.id())
            for f, (line, column) in zip(found, _place(found))]


def _place(found: list[Found]) -> list[tuple[int, int]]:
    """The line and column of each finding, one file's at a time: a file whose
    positions had to be found again lets them go once its findings are placed."""
    places: list[tuple[int, int] | None] = [None] * len(found)
    by_file: dict[int, list[int]] = {}
    for number, f in enumerate(found):
        by_file.setdefault(id(f.part.owner), []).append(number)
    for numbers in by_file.values():
        item = found[numbers[0]].part.owner
        for number in numbers:
            f = found[number]
            places[number] = place(item, f.index, f.field, f.offset)
        item.located = DeferredDocument(item.path, item.display)
    return places  # type: ignore[return-value]


def _whole_corpus(config: Config, rules: RuleSet, checked: list[Checked], partial: bool) -> list[Part]:
    """The parts corpus-wide rules compare: every linted collection's, and the rest of
    clean/'s when only some files are linted."""
    parts: dict[str, Part] = {}
    for item in checked:
        if item.part is not None:
            item.part.owner = item
            item.part.load = _loader(item)
            parts[str(item.path.resolve())] = item.part
    if partial and config.clean_dir.is_dir():
        from pipeline.files import read_file

        for path in corpus_files.corpus_files([config.clean_dir]):
            key = str(path.resolve())
            if key not in parts and not corpus_files.is_removed_file(path):
                display = config.relative(path)
                try:
                    data = read_file(path, display, corpus_files.MAX_CORPUS_FILE_BYTES)
                    collection = corpus_files.parse_collection(data, path, display)
                except InputError:
                    continue  # not a valid collection: linting it would say why
                parts[key] = corpus_part(collection, data, rules)
                parts[key].load = lambda collection=collection: collection
    return list(parts.values())


def _loader(item: Checked):
    """How a rule that must read a collection's text again gets it: the collection
    as this run parsed it, or the file read again; None if it no longer can be."""
    def load() -> Collection | None:
        if item.collection is not None:
            return item.collection
        try:
            return corpus_files.collection_from_data(item.located.data)
        except (InputError, KeyError, TypeError, ValueError):
            return None
    return load
