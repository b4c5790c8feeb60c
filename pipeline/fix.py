"""`faq lint --fix` and `--diff`: the rules' fixes applied to collection files and
written back through the same canonical writer as `faq ingest`."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import corpus as corpus_files
from pipeline import suppression
from pipeline.clean import Applied, apply_fixes
from pipeline.config import Config
from pipeline.errors import InputError
from pipeline.files import write_atomic
from pipeline.merge import record_dropped_comments
from pipeline.model import Reason, Removals, TrimmedText
from pipeline.restore import read_removals
from pipeline.ruleset import RuleSet
from pipeline.schema import COLLECTION, validate


@dataclass
class FixReport:
    applied: list[tuple[str, Applied]] = field(default_factory=list)  # (file, fix)
    changed: list[str] = field(default_factory=list)
    diff: str = ""
    skipped: list[str] = field(default_factory=list)  # files not fixed, and why


def fix(config: Config, paths: list[Path] | None, *, unsafe: bool = False, write: bool = True) -> FixReport:
    rules = RuleSet(config)
    files = [p for p in corpus_files.corpus_files(paths or [config.clean_dir])
             if not corpus_files.is_removed_file(p)]
    loaded = []
    for path in files:
        display = config.relative(path)
        try:
            located = corpus_files.read_document(path, display)
        except InputError:
            continue  # lint reports it; there is nothing to fix in a file that does not parse
        if validate(located.data, COLLECTION):
            continue
        loaded.append((path, display, located, corpus_files.collection_from_data(located.data)))
    corpus = [item[3] for item in loaded]
    report = FixReport()
    diffs = []
    for path, display, located, collection in loaded:
        suppressions = suppression.find(located, collection)
        for entry in collection.entries:  # comment suppressions survive the rewrite as fields
            for item in suppressions:
                if item.kind == "comment" and item.entry_id == entry.id:
                    entry.suppress = list(dict.fromkeys([*entry.suppress, *item.tokens]))

        def allowed(entry, code, name, _suppressions=suppressions) -> bool:
            return not any((s.entry_id in (None, entry.id)) and any(
                suppression.token_matches(t, code, name) for t in s.tokens) for s in _suppressions)

        others = [c for c in corpus if c is not collection]
        applied = apply_fixes(collection, others, rules, unsafe=unsafe, allowed=allowed)
        if not applied:
            continue
        before = path.read_text(encoding="utf-8")
        schema_ref = _modeline_ref(located.lines) or config.schema_ref("collection")
        after = corpus_files.render_collection(collection, schema_ref, path)
        if after == before:
            report.applied.extend((display, item) for item in applied)
            continue
        removed_file = corpus_files.removed_path(path.parent, corpus_files.collection_name(path))
        removals = None
        if write:
            removals = _removals_for(config, removed_file, collection, report)
            if removals is None:
                continue
        report.applied.extend((display, item) for item in applied)
        report.changed.append(display)
        diffs.append("".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                                  f"a/{display}", f"b/{display}")))
        if removals is not None:  # the record first: what is cut is kept before it goes
            _record(removals, applied, before, after)
            write_atomic(removed_file, corpus_files.render_removals(
                removals, schema_ref.replace("collection.schema", "removed.schema"), removed_file))
            write_atomic(path, after)
    report.diff = "".join(diffs)
    return report


def _removals_for(config: Config, path: Path, collection, report: FixReport) -> Removals | None:
    """The collection's record of removals, to which the text fixes cut is added;
    None (and the file is not fixed) when the record cannot be read, since what
    the fixes cut could then not be kept."""
    try:
        return read_removals(path, config.relative(path)) or Removals(collection.name)
    except InputError as exc:
        report.skipped.append(str(exc))
        return None


def _record(removals: Removals, applied: list[Applied], before: str, after: str) -> None:
    """Keep what the fixes cut and the comments the rewrite loses, with why."""
    for item in applied:
        for text in item.cut:
            trimmed = TrimmedText(item.entry.id, text, Reason(item.code, item.name, item.message))
            if trimmed not in removals.trimmed:
                removals.trimmed.append(trimmed)
    record_dropped_comments(removals, before, after)


def _modeline_ref(lines: list[str]) -> str | None:
    marker = "yaml-language-server: $schema="
    for line in lines[:3]:
        if marker in line:
            return line.split(marker, 1)[1].strip()
    return None
