"""The second stage of `faq lint`: what needs the whole corpus.

Duplicate ids, and the corpus-wide rules (duplicates and near duplicates across
collections, inconsistent terms), which combine every file's part from the first
stage, never its text; a rule whose parts are unchanged since the last run, as
their digests tell, reuses its last findings from the cache.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline import corpus as corpus_files
from pipeline.config import Config
from pipeline.errors import InputError
from pipeline.lint_files import Checked, DeferredDocument, corpus_part, corpus_wide_rules, file_problem, place
from pipeline.model import Collection, Problem
from pipeline.rules import DuplicateId
from pipeline.rules.corpus_wide import Found, Part, corpus_order
from pipeline.ruleset import ActiveRule, RuleSet

if TYPE_CHECKING:
    from pipeline.cache import LintCache


def corpus_problems(config: Config, rules: RuleSet, checked: list[Checked], partial: bool,
                    store: LintCache | None) -> list[Problem]:
    """Duplicate ids and the corpus-wide rules' problems in the ``checked`` files,
    against the whole corpus (all of clean/ when ``partial``: only some files are linted)."""
    problems: list[Problem] = []
    parts = corpus_order(_whole_corpus(config, rules, checked, partial))
    _check_ids(rules, parts, problems)
    by_file: dict[int, tuple[Checked, list]] = {}
    for active in corpus_wide_rules(rules):
        for found in _combined(active, parts, store):
            item = found.part.owner
            if item is not None:  # a file being linted, not one of the rest of clean/
                by_file.setdefault(id(item), (item, []))[1].append((active, found))
    for item, found_here in by_file.values():  # one file's positions at a time, then let them go
        for active, found in found_here:
            problems.append(Problem(item.display, *place(item, found.index, found.field, found.offset),
                                    active.severity, active.rule.code, active.rule.name,
                                    found.message, found.part.ids[found.index]))
        item.located = DeferredDocument(item.path, item.display)
    return problems


def _combined(active: ActiveRule, parts: list[Part], store: LintCache | None) -> list[Found]:
    """The findings of a corpus-wide rule: what it found last time, when every part
    gives it the same inputs (by their digests, in the same order, with the same
    options and the same linted files); else combined now, and kept for next time."""
    rule = active.rule
    if store is None:
        return list(rule.combine(parts, active.options))
    import hashlib
    import json

    material = [rule.code, sorted((name, repr(value)) for name, value in active.options.items()),
                [[part.name, part.owner.display if part.owner else "", part.digest(rule)] for part in parts]]
    key = hashlib.sha256(json.dumps(material, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()
    stored = store.get_corpus(rule.code, key)
    if stored is not None:
        linted = {part.owner.display: part for part in parts if part.owner is not None}
        try:
            return [_stored_found(linted, *row) for row in stored]
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # not what this run would have stored: combine again
    found = list(rule.combine(parts, active.options))
    store.put_corpus(rule.code, key, [[f.part.owner.display, f.index, f.field, f.offset, f.message]
                                      for f in found if f.part.owner is not None])
    return found


def _stored_found(linted: dict[str, Part], display: str, index: int, field: str | None, offset: int,
                  message: str) -> Found:
    part = linted[display]
    if not (isinstance(index, int) and 0 <= index < len(part.ids) and isinstance(offset, int)
            and isinstance(message, str) and field in (None, "id", "question", "answer")):
        raise ValueError("a stored finding that does not fit its file")
    return Found(part, index, message, field, offset)


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


def _check_ids(rules: RuleSet, parts: list[Part], problems: list[Problem]) -> None:
    first: dict[str, str] = {}
    for part in parts:  # in corpus order
        for index, entry_id in enumerate(part.ids):
            if entry_id not in first:
                first[entry_id] = part.name
                continue
            item = part.owner
            if item is None:
                continue
            where = "" if first[entry_id] == part.name else f" in collection '{first[entry_id]}'"
            problems.append(file_problem(rules, DuplicateId, item.display, place(item, index, "id"),
                                         f"id '{entry_id}' is already used{where}", entry_id))
