"""The corpus-wide rules' index, kept between runs of `faq lint` in
``.faq-cache/corpus.sqlite``, so that a re-lint of a large corpus after an edit
does work in proportion to the edit, not to the corpus.

For each corpus-wide rule it keeps the rule's findings, already placed at their
line and column, and the digest of what the rule read of each file when it
found them. A re-lint then:

- for a `KeyedRule` (duplicate questions, duplicate answers, inconsistent terms,
  duplicate ids), which judges each key from that key's rows alone: replaces the
  rows of the files whose rule inputs changed and judges again only the keys whose
  rows differ. An edit to one answer judges a handful of keys, not a million
  entries;
- for near duplicates, whose findings depend on which questions are similar:
  keeps every question's tokens and the similar pairs of token sets, searches
  only the sets an edit brought in, and judges again the groups of questions the
  edit touched and those similar to them (pipeline/near_duplicate_index.py);
- for any other rule: reuses its findings while no file's inputs changed, and
  combines the whole corpus again when one did;
- places again the findings of the files whose bytes changed though the rule's
  inputs did not (an edit elsewhere in the file moves them);
- reads every finding back in one query, without loading any part of the corpus.

Everything a rule's tables were built with (the cache salt: tool, code,
configuration and rule options; and what `KeyedRule.prepare` takes from the
corpus, such as its languages) is recorded beside them: any change rebuilds that
rule's tables from every part. So does a change to more than a tenth of the
files, where judging every key costs less than comparing rows file by file.
Each rule's update is one transaction: a run that is interrupted leaves the index
as it was. An index that cannot be opened, stays locked by another run or is
damaged is set aside (`IndexUnavailable`): `faq lint` then combines the corpus in
memory, with the same result, and a damaged file is deleted so that the next run
builds it again.

Only runs that check the whole corpus use it; with the cache, a lint of some files
of clean/ is one (pipeline/lint.py reports only the files asked for).
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline import near_duplicate_index
from pipeline.rules.corpus_wide import CorpusRule, Found, KeyedRule, Part, repeated_keys
from pipeline.rules.near_duplicate_question import NearDuplicateQuestion

INDEX_FILE = "corpus.sqlite"
FORMAT = 3
_CODE_RE = re.compile(r"[A-Z]+[0-9]+")  # a rule code, safe in a table's name
REBUILD_SHARE = 10  # more than 1/REBUILD_SHARE of the files changed: judge every key
_BATCH = 50_000  # rows inserted at a time while the index is built

# What a finding becomes once placed: the file it is in (its display path), its
# line and column, its message and its entry's id.
Row = tuple[str, int, int, str, "str | None"]
Place = Callable[[list[Found]], list[tuple[int, int]]]


class IndexUnavailable(Exception):
    """The index could not be used this time; the caller combines in memory."""


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# A row's info (a list of ints, strings and None) as text: JSON, the same for equal
# values (rows are compared as text), by one encoder made once (making one per
# call, as json.dumps does, doubles the cost of building a million-entry index).
_info_text = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
_info = json.loads


class CorpusStore:
    """The index file under ``directory``, valid for one cache ``salt``."""

    def __init__(self, directory: Path, salt: str) -> None:
        self.path = Path(directory) / INDEX_FILE
        self.salt = salt
        self._db: sqlite3.Connection | None = None
        self._files: dict[str, int] = {}  # display path -> its number in the index
        self.judged: dict[str, int | None] = {}  # by rule: keys judged again (None: all of them)
        self.unavailable: str | None = None  # why the index was set aside, if it was

    def findings(self, rule: CorpusRule, options: dict[str, Any], parts: list[Part], place: Place) -> list[Row]:
        """Every finding of ``rule`` in ``parts`` (the whole corpus, in corpus order,
        each part with a unique name and its ``owner.display``), from the index
        brought up to date. Raises `IndexUnavailable` when the index cannot be used."""
        if not _CODE_RE.fullmatch(rule.code):
            raise IndexUnavailable(f"no index for rule code {rule.code!r}")
        if self.unavailable is not None:
            raise IndexUnavailable(self.unavailable)
        try:
            db = self._connect()
            db.execute("BEGIN IMMEDIATE")
            try:
                rows = self._findings(db, rule, options, parts, place)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except (sqlite3.Error, OSError) as exc:  # OSError: no directory can hold the index
            self._discard(exc)
        except (ValueError, KeyError, TypeError, IndexError) as exc:  # rows this code would not have written
            self._discard(sqlite3.DatabaseError(f"malformed index: {exc!r}"))
        return rows

    def summary(self) -> str:
        """What this run did with the index, for `faq -v lint`."""
        if self.unavailable is not None:
            return f"not used ({self.unavailable}); the corpus was combined in memory"
        built = sorted(code for code, count in self.judged.items() if count is None)
        judged = sum(count for count in self.judged.values() if count is not None)
        if not self.judged:
            return "not needed: no corpus-wide rule is active"
        if len(built) == len(self.judged):
            return "built"
        return (f"rebuilt for {', '.join(built)}; " if built else "") + f"judged again {judged} key(s)"

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- the database --------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db = db
            db.execute("PRAGMA journal_mode=WAL")  # readers never wait; a crash leaves the last commit
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("BEGIN IMMEDIATE")
            db.execute("CREATE TABLE IF NOT EXISTS meta (code TEXT PRIMARY KEY, built TEXT NOT NULL)")
            db.execute("CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY, display TEXT NOT NULL UNIQUE)")
            db.execute("CREATE TABLE IF NOT EXISTS parts (code TEXT NOT NULL, file INTEGER NOT NULL, "
                       "digest TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (code, file))")
            db.execute("COMMIT")
            self._files = dict(db.execute("SELECT display, id FROM files"))
        return self._db

    def _file(self, db: sqlite3.Connection, display: str) -> int:
        number = self._files.get(display)
        if number is None:  # another run may have numbered it since this one connected
            db.execute("INSERT OR IGNORE INTO files (display) VALUES (?)", (display,))
            number = self._files[display] = db.execute("SELECT id FROM files WHERE display = ?",
                                                       (display,)).fetchone()[0]
        return number

    def _discard(self, exc: BaseException) -> None:
        """Give up on the index for this run; delete a file that is not a database."""
        self.close()
        self.unavailable = str(exc)
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError) \
                or "malformed" in str(exc) or "not a database" in str(exc):
            for suffix in ("", "-wal", "-shm"):
                try:
                    Path(f"{self.path}{suffix}").unlink()
                except OSError:
                    pass
        raise IndexUnavailable(str(exc)) from None

    def _tables(self, db: sqlite3.Connection, code: str, fresh: bool) -> None:
        if fresh:
            db.execute(f"DROP TABLE IF EXISTS occ_{code}")
            db.execute(f"DROP TABLE IF EXISTS found_{code}")
            db.execute("DELETE FROM parts WHERE code = ?", (code,))
        db.execute(f"CREATE TABLE IF NOT EXISTS occ_{code} (key TEXT NOT NULL, file INTEGER NOT NULL, "
                   "pos INTEGER NOT NULL, info TEXT NOT NULL)")
        db.execute(f"CREATE TABLE IF NOT EXISTS found_{code} (key TEXT NOT NULL, file INTEGER NOT NULL, "
                   "idx INTEGER NOT NULL, field TEXT, offset INTEGER NOT NULL, message TEXT NOT NULL, "
                   "entry_id TEXT, line INTEGER NOT NULL, col INTEGER NOT NULL)")

    def _indexes(self, db: sqlite3.Connection, code: str) -> None:
        """Made after a build's rows are in: faster than keeping them up to date row by row."""
        for table in (f"occ_{code}", f"found_{code}"):
            db.execute(f"CREATE INDEX IF NOT EXISTS {table}_key ON {table} (key)")
            db.execute(f"CREATE INDEX IF NOT EXISTS {table}_file ON {table} (file)")

    # -- bringing one rule up to date ----------------------------------------------

    def _findings(self, db, rule: CorpusRule, options, parts: list[Part], place: Place) -> list[Row]:
        code = rule.code
        now = {part.owner.display: part for part in parts}
        numbers = {display: self._file(db, display) for display in now}
        state = {number: (digest, source) for number, digest, source in db.execute(
            "SELECT file, digest, source FROM parts WHERE code = ?", (code,))}
        changed = [d for d in now if numbers[d] not in state or state[numbers[d]][0] != now[d].digest(rule)]
        current = set(numbers.values())
        gone = [number for number in state if number not in current]
        keyed = isinstance(rule, KeyedRule)
        incremental = keyed or isinstance(rule, NearDuplicateQuestion)
        built = _dumps([FORMAT, self.salt, sorted((k, repr(v)) for k, v in options.items()),
                        rule.prepare(parts) if keyed else None, sorted(now) if not incremental else None,
                        [now[d].digest(rule) for d in sorted(now)] if not incremental else None])
        row = db.execute("SELECT built FROM meta WHERE code = ?", (code,)).fetchone()
        rebuild = row is None or row[0] != built or (
            incremental and len(changed) + len(gone) > max(len(now) // REBUILD_SHARE, 1))
        if not rebuild and (changed or gone):
            if keyed:  # judge again what the changed files' rows touch
                self._update(db, rule, options, parts, now, numbers, changed, gone, place)
            else:
                try:
                    self._update_similar(db, rule, options, now, numbers, changed, gone, place)
                except near_duplicate_index.Rejoin:
                    rebuild = True
        elif not rebuild:
            self.judged[code] = 0
        if rebuild:
            self._rebuild(db, rule, options, parts, numbers, place)
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (code, built))
            self.judged[code] = None
            state, gone = {}, []  # the rebuild emptied the rule's rows in parts
        else:
            self._place_moved(db, code, now, numbers, state, place)
        db.executemany("INSERT OR REPLACE INTO parts VALUES (?, ?, ?, ?)",
                       [(code, numbers[d], p.digest(rule), p.source) for d, p in now.items()
                        if numbers[d] not in state or state[numbers[d]] != (p.digest(rule), p.source)])
        if gone:
            db.executemany("DELETE FROM parts WHERE code = ? AND file = ?", [(code, number) for number in gone])
        return db.execute(f"SELECT files.display, line, col, message, entry_id FROM found_{code} "
                          f"JOIN files ON files.id = found_{code}.file").fetchall()

    def _rebuild(self, db, rule: CorpusRule, options, parts: list[Part], numbers: dict[str, int],
                 place: Place) -> None:
        code = rule.code
        self._tables(db, code, fresh=True)
        found: list[tuple[str, Found]] = []
        if isinstance(rule, KeyedRule):
            rows: list[tuple[str, int, int, str]] = []

            def keep(part: Part, position: int, key: str, info: Any) -> None:
                rows.append((key, numbers[part.owner.display], position, _info_text(info)))
                if len(rows) >= _BATCH:
                    db.executemany(f"INSERT INTO occ_{code} VALUES (?, ?, ?, ?)", rows)
                    rows.clear()

            repeated = repeated_keys(rule, parts, options, keep)
            db.executemany(f"INSERT INTO occ_{code} VALUES (?, ?, ?, ?)", rows)
            found = list(rule.judge_keys(repeated, options, rule.prepare(parts)))
            del repeated
        elif isinstance(rule, NearDuplicateQuestion):
            found = near_duplicate_index.build(db, rule.join(parts, options), numbers, code)
        else:
            found = [("", f) for f in rule.combine(parts, options)]
        self._insert_found(db, code, found, numbers, place)
        self._indexes(db, code)

    def _update(self, db, rule: KeyedRule, options, parts: list[Part], now: dict[str, Part],
                numbers: dict[str, int], changed: list[str], gone: list[int], place: Place) -> None:
        code = rule.code
        affected: set[str] = set()
        for display, number in [*((d, numbers[d]) for d in changed), *((None, n) for n in gone)]:
            old: dict[str, list[str]] = {}
            for key, info in db.execute(f"SELECT key, info FROM occ_{code} WHERE file = ? ORDER BY pos",
                                        (number,)):
                old.setdefault(key, []).append(info)
            db.execute(f"DELETE FROM occ_{code} WHERE file = ?", (number,))
            new: dict[str, list[str]] = {}
            if display is not None:
                rows = []
                for pos, (key, info) in enumerate(rule.rows(now[display], options)):
                    text = _info_text(info)
                    new.setdefault(key, []).append(text)
                    rows.append((key, number, pos, text))
                db.executemany(f"INSERT INTO occ_{code} VALUES (?, ?, ?, ?)", rows)
            # A key whose rows from this file are the same, in the same order, is judged as before,
            # unless the rule reads the text again to find its findings (their offsets may have moved).
            affected.update(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
            if rule.reads_text and display is not None:
                affected.update(key for (key,) in db.execute(
                    f"SELECT DISTINCT key FROM found_{code} WHERE file = ?", (number,)))
        by_number = {number: now[display] for display, number in numbers.items()}
        groups: list[tuple[str, list]] = []
        for key in affected:
            rows = db.execute(f"SELECT file, pos, info FROM occ_{code} WHERE key = ?", (key,)).fetchall()
            db.execute(f"DELETE FROM found_{code} WHERE key = ?", (key,))
            if len(rows) > 1:  # a key with one row has no findings
                groups.append((key, [(by_number[file], _info(info)) for file, _pos, info in
                                     sorted(rows, key=lambda r: (by_number[r[0]].name, r[1]))]))  # corpus order
        found = list(rule.judge_keys(groups, options, rule.prepare(parts)))
        self._insert_found(db, code, found, numbers, place)
        self.judged[code] = len(affected)

    def _update_similar(self, db, rule: NearDuplicateQuestion, options, now: dict[str, Part],
                        numbers: dict[str, int], changed: list[str], gone: list[int], place: Place) -> None:
        code = rule.code

        def delete_found(groups: set[str]) -> None:
            db.executemany(f"DELETE FROM found_{code} WHERE key = ?", ((group,) for group in groups))

        found, judged = near_duplicate_index.update(db, rule, options, now, numbers, changed, gone, delete_found)
        self._insert_found(db, code, found, numbers, place)
        self.judged[code] = judged

    def _place_moved(self, db, code: str, now: dict[str, Part], numbers: dict[str, int],
                     state: dict[int, tuple[str, str]], place: Place) -> None:
        """Place again the findings in files whose bytes changed: the entries they are
        about may have moved, though what the rule judged did not change."""
        for display, part in now.items():
            number = numbers[display]
            if number not in state or state[number][1] == part.source:
                continue
            rows = db.execute(f"SELECT rowid, idx, field, offset FROM found_{code} WHERE file = ?",
                              (number,)).fetchall()
            if rows:
                places = place([Found(part, index, "", field, offset) for _, index, field, offset in rows])
                db.executemany(f"UPDATE found_{code} SET line = ?, col = ? WHERE rowid = ?",
                               [(line, column, rowid) for (rowid, *_), (line, column) in zip(rows, places)])

    def _insert_found(self, db, code: str, found: list[tuple[str, Found]], numbers: dict[str, int],
                      place: Place) -> None:
        found = [(key, f) for key, f in found if f.part.owner is not None]
        places = place([f for _, f in found])
        db.executemany(f"INSERT INTO found_{code} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(key, numbers[f.part.owner.display], f.index, f.field, f.offset, f.message, f.id(),
                         line, column) for (key, f), (line, column) in zip(found, places)])
