"""`faq lint`: every corpus file checked against its schema and every content rule,
each problem placed at its file, line and column, then filtered by the editors'
suppressions, the configuration's per-path ignores, and (when asked) a baseline
and the entries changed since a git revision."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline import corpus as corpus_files
from pipeline import suppression
from pipeline.config import Config
from pipeline.errors import InputError
from pipeline.model import Collection, Problem, Severity
from pipeline.rules import Context, DuplicateId, SchemaViolation, UnreadableFile, UnusedSuppression
from pipeline.ruleset import RuleSet
from pipeline.schema import COLLECTION, REMOVED, validate
from pipeline.yamlfile import Located


@dataclass
class LintResult:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    suppressed: int = 0
    baselined: int = 0
    unchanged_skipped: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        floor = Severity.WARNING if strict else Severity.ERROR
        return any(p.severity >= floor for p in self.problems)


@dataclass
class Checked:
    """One linted file: where it is, what it holds, what its editors silenced."""

    path: Path
    display: str
    located: Located | None = None
    collection: Collection | None = None
    suppressions: list[suppression.Suppression] = field(default_factory=list)


def lint(config: Config, paths: list[Path] | None = None, *,
         changed: dict[str, set[str] | None] | None = None) -> LintResult:
    """Lint ``paths`` (default: the clean directory).

    ``changed`` limits the report to some entries: display path -> the ids of
    entries changed (None: the whole file). Corpus-wide rules still compare every
    entry against the whole corpus.
    """
    rules = RuleSet(config)
    targets = [Path(p) for p in paths] if paths else [config.clean_dir]
    for target in targets:
        if not target.exists():
            raise InputError("no such file or directory", str(target))
    files = corpus_files.corpus_files(targets)
    result = LintResult(files=len(files))
    problems: list[Problem] = []
    checked = [_check_file(config, rules, path, problems) for path in files]

    corpus = _whole_corpus(config, checked, bool(paths))
    _check_ids(rules, checked, corpus, problems)
    for item in checked:
        if item.collection is not None:
            others = [c for c in corpus if c is not item.collection]
            _check_content(rules, item, others, problems)

    problems = _filter(config, rules, checked, problems, result)
    if changed is not None:
        kept = [p for p in problems if p.path in changed and (
            changed[p.path] is None or p.entry_id is None or p.entry_id in changed[p.path])]
        result.unchanged_skipped = len(problems) - len(kept)
        problems = kept
    result.problems = sorted(problems, key=Problem.sort_key)
    return result


def _whole_corpus(config: Config, checked: list[Checked], partial: bool) -> list[Collection]:
    """The collections corpus-wide rules compare against: all of clean/, even when only
    some files are linted."""
    corpus = {str(c.path.resolve()): c.collection for c in checked if c.collection}
    if partial and config.clean_dir.is_dir():
        for path in corpus_files.corpus_files([config.clean_dir]):
            key = str(path.resolve())
            if key not in corpus and not corpus_files.is_removed_file(path):
                try:
                    corpus[key] = corpus_files.load_collection_file(path, config.relative(path))
                except InputError:
                    pass
    return list(corpus.values())


def _file_problem(rules: RuleSet, rule, display: str, position: tuple[int, int], message: str,
                  entry_id: str | None = None) -> Problem | None:
    severity = rules.severity(rule.code)
    if severity is None:
        return None
    return Problem(display, position[0], position[1], severity, rule.code, rule.name, message, entry_id)


def _check_file(config: Config, rules: RuleSet, path: Path, problems: list[Problem]) -> Checked:
    display = config.relative(path)
    item = Checked(path, display)
    try:
        item.located = corpus_files.read_document(path, display)
    except InputError as exc:
        problems.append(Problem(display, exc.line or 1, 1, Severity.ERROR, UnreadableFile.code,
                                UnreadableFile.name, exc.message + (f" ({exc.hint})" if exc.hint else "")))
        return item
    located = item.located
    removals = corpus_files.is_removed_file(path)
    errors = validate(located.data, REMOVED if removals else COLLECTION)
    for error in errors:
        problems.append(_file_problem(rules, SchemaViolation, display,
                                      located.position(error.path, error.at_key), error.message))
    if errors or removals:
        return item
    collection = corpus_files.collection_from_data(located.data)
    expected = path.name[: -len(corpus_files.COLLECTION_SUFFIX)]
    if collection.name != expected:
        problems.append(_file_problem(rules, SchemaViolation, display, located.position(("name",)),
                                      f"name '{collection.name}' does not match the file name '{expected}'"))
    item.collection = collection
    item.suppressions = suppression.find(located, collection)
    return item


def _check_ids(rules: RuleSet, checked: list[Checked], corpus: list[Collection],
               problems: list[Problem]) -> None:
    first: dict[str, str] = {}
    linted = {id(c.collection): c for c in checked if c.collection}
    for collection in sorted(corpus, key=lambda c: c.name):
        for index, entry in enumerate(collection.entries):
            if entry.id not in first:
                first[entry.id] = collection.name
                continue
            item = linted.get(id(collection))
            if item is None:
                continue
            where = "" if first[entry.id] == collection.name else f" in collection '{first[entry.id]}'"
            problems.append(_file_problem(rules, DuplicateId, item.display,
                                          item.located.position(("entries", index, "id")),
                                          f"id '{entry.id}' is already used{where}", entry.id))


def _check_content(rules: RuleSet, item: Checked, others: list[Collection], problems: list[Problem]) -> None:
    collection = item.collection
    located = item.located
    index = {id(entry): i for i, entry in enumerate(collection.entries)}
    for active in rules.content_rules():
        rule = active.rule
        context = Context(collection, others, active.options)
        for finding in rule.check_collection(collection, context):
            position_index = index[id(finding.entry)]
            if finding.field is None:
                position = located.position(("entries", position_index), key=False)
            elif finding.offset and finding.field in ("question", "answer"):
                position = located.text_position(("entries", position_index, finding.field), finding.offset)
            else:
                position = located.position(("entries", position_index, finding.field))
            fixable = finding.fix is not None and finding.fix.safe
            problems.append(Problem(item.display, position[0], position[1], active.severity, rule.code,
                                    rule.name, finding.message, finding.entry.id, fixable))


def _filter(config: Config, rules: RuleSet, checked: list[Checked], problems: list[Problem],
            result: LintResult) -> list[Problem]:
    problems = [p for p in problems if p is not None]
    by_path = {item.display: item for item in checked}
    kept: list[Problem] = []
    for display in sorted({p.path for p in problems} | set(by_path)):
        mine = [p for p in problems if p.path == display]
        item = by_path.get(display)
        if item is not None and item.suppressions:
            visible = suppression.apply(mine, item.suppressions)
            result.suppressed += len(mine) - len(visible)
            mine = visible + _unused(rules, item)
        kept.extend(p for p in mine if not rules.ignored_at(p.path, p.code, p.name))
    return kept


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
