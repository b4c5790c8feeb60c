"""`faq lint`: every corpus file checked against its schema and every content rule,
each problem placed at its file, line and column."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline import corpus as corpus_files
from pipeline.config import Config
from pipeline.errors import InputError
from pipeline.model import Collection, Problem, Severity
from pipeline.rules import Context, DuplicateId, SchemaViolation, UnreadableFile
from pipeline.ruleset import RuleSet
from pipeline.schema import COLLECTION, REMOVED, validate
from pipeline.yamlfile import Located


@dataclass
class LintResult:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        floor = Severity.WARNING if strict else Severity.ERROR
        return any(p.severity >= floor for p in self.problems)


@dataclass
class _Checked:
    file: corpus_files.LoadedFile
    collection: Collection | None = None


def lint(config: Config, paths: list[Path] | None = None) -> LintResult:
    rules = RuleSet(config)
    targets = [Path(p) for p in paths] if paths else [config.clean_dir]
    for target in targets:
        if not target.exists():
            raise InputError("no such file or directory", str(target))
    files = corpus_files.corpus_files(targets)
    result = LintResult(files=len(files))
    checked = [_check_file(config, rules, path, result) for path in files]

    # Corpus-wide rules compare against the whole corpus, even when only some files
    # are linted.
    corpus = {str(c.file.path.resolve()): c.collection for c in checked if c.collection}
    if config.clean_dir.is_dir() and paths:
        for path in corpus_files.corpus_files([config.clean_dir]):
            key = str(path.resolve())
            if key not in corpus and not corpus_files.is_removed_file(path):
                try:
                    corpus[key] = corpus_files.load_collection_file(path, config.relative(path))
                except InputError:
                    pass
    everything = list(corpus.values())
    _check_ids(rules, checked, everything, result)
    for item in checked:
        if item.collection is not None:
            _check_content(rules, item, [c for c in everything if c is not item.collection], result)
    result.problems.sort(key=Problem.sort_key)
    return result


def _problem(rules: RuleSet, rule, display: str, position: tuple[int, int], message: str,
             entry_id: str | None = None, fixable: bool = False) -> Problem | None:
    severity = rules.severity(rule.code)
    if severity is None:
        return None
    line, column = position
    return Problem(display, line, column, severity, rule.code, rule.name, message, entry_id, fixable)


def _add(result: LintResult, problem: Problem | None) -> None:
    if problem is not None:
        result.problems.append(problem)


def _check_file(config: Config, rules: RuleSet, path: Path, result: LintResult) -> _Checked:
    display = config.relative(path)
    loaded = corpus_files.LoadedFile(path, display)
    checked = _Checked(loaded)
    try:
        loaded.located = corpus_files.read_document(path, display)
    except InputError as exc:
        result.problems.append(Problem(display, exc.line or 1, 1, Severity.ERROR, UnreadableFile.code,
                                       UnreadableFile.name, exc.message + (f" ({exc.hint})" if exc.hint else "")))
        return checked
    located = loaded.located
    kind = REMOVED if loaded.is_removals else COLLECTION
    errors = validate(located.data, kind)
    for error in errors:
        _add(result, _problem(rules, SchemaViolation, display, located.position(error.path, error.at_key),
                              error.message))
    if errors or loaded.is_removals:
        return checked
    collection = corpus_files.collection_from_data(located.data)
    expected = path.name[: -len(corpus_files.COLLECTION_SUFFIX)]
    if collection.name != expected:
        _add(result, _problem(rules, SchemaViolation, display, located.position(("name",)),
                              f"name '{collection.name}' does not match the file name '{expected}'"))
    checked.collection = collection
    loaded.collection = collection
    return checked


def _check_ids(rules: RuleSet, checked: list[_Checked], corpus: list[Collection], result: LintResult) -> None:
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
            _add(result, _problem(rules, DuplicateId, item.file.display,
                                  item.file.located.position(("entries", index, "id")),
                                  f"id '{entry.id}' is already used{where}", entry.id))


def _check_content(rules: RuleSet, item: _Checked, others: list[Collection], result: LintResult) -> None:
    collection = item.collection
    located: Located = item.file.located
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
            result.problems.append(Problem(item.file.display, position[0], position[1], active.severity,
                                           rule.code, rule.name, finding.message, finding.entry.id, fixable))
