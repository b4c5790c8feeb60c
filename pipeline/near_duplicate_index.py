"""Near duplicates (FAQ304) in the corpus index, brought up to date question by
question instead of by joining the whole corpus again.

A near-duplicate finding depends on the group of questions sharing its tokens
(their first place, in corpus order) and on the groups similar to it (the
earliest first place among them). The index keeps, beside the rule's findings:

- ``nd_q``: every question (file, position, question key, tokens, a digest of its
  id and text), and whether it is *active*: the first of its question key in
  corpus order (a later exact duplicate is duplicate-question's, and near
  duplicates leave it out);
- ``nd_sets``: the token sets that have an active question, with their sizes;
- ``nd_pairs``: each similar pair of those sets, both ways, with its similarity;
- ``nd_tokens``: how many of those sets hold each token, to search from the
  rarest.

After an edit, the questions of the changed files that differ from their rows
replace them; the question keys they hold decide again which of their rows are
active; a set that gained its first active question is searched against every
set (exactly, as the whole join would); a set that lost its last one leaves with
its pairs. Then the groups whose questions changed, and the groups similar to
those, are judged again, with the same judgement as the whole join
(`judge_group`). A run that finds more new sets than `MAX_NEW_SETS`, or an index
whose whole join left a pair unsearched (`max_bucket` reached), joins the whole
corpus again instead.
"""
from __future__ import annotations

import hashlib
import sqlite3
from typing import Any, Callable

from pipeline.rules.corpus_wide import Found, Part
from pipeline.rules.near_duplicate_question import (EPSILON, Joined, NearDuplicateQuestion, judge_group,
                                                    message, needed_shared, partner_sizes, threshold_of)

MAX_NEW_SETS = 5000  # more new token sets than this: join the whole corpus again
FEW_SCANS = 4  # up to this many new sets are searched with a scan each, more in one pass over all


class Rejoin(Exception):
    """The index cannot follow this change; the whole corpus is joined again."""


def build(db: sqlite3.Connection, joined: Joined, numbers: dict[str, int], code: str) -> list[tuple[str, Found]]:
    """Keep what the whole join found (``joined``, of the parts whose files have
    ``numbers``), and return its findings keyed by the group each is in."""
    for table in ("nd_q", "nd_sets", "nd_pairs", "nd_tokens"):
        db.execute(f"DROP TABLE IF EXISTS {table}")
    if joined.full:  # a pair may be missing: only a whole join gives the same result again
        return list(joined.findings())
    db.execute("CREATE TABLE nd_q (file INTEGER NOT NULL, pos INTEGER NOT NULL, qkey TEXT NOT NULL, "
               "tokens TEXT NOT NULL, said INTEGER NOT NULL, active INTEGER NOT NULL)")
    db.execute("CREATE TABLE nd_sets (tokens TEXT PRIMARY KEY, size INTEGER NOT NULL)")
    db.execute("CREATE TABLE nd_pairs (a TEXT NOT NULL, b TEXT NOT NULL, sim REAL NOT NULL)")
    db.execute("CREATE TABLE nd_tokens (token TEXT PRIMARY KEY, sets INTEGER NOT NULL)")
    seen: set[str] = set()
    rows = []
    for part in joined.parts:
        for number, index, key, tokens, said in _rows(part, numbers[part.owner.display], code):
            rows.append((number, index, key, tokens, said, key not in seen))
            seen.add(key)
    db.executemany("INSERT INTO nd_q VALUES (?, ?, ?, ?, ?, ?)", rows)
    del rows, seen
    db.executemany("INSERT INTO nd_sets VALUES (?, ?)", ((tokens, tokens.count(" ") + 1)
                                                       for tokens in joined.groups))
    counts: dict[str, int] = {}
    for tokens in joined.groups:
        for token in tokens.split(" "):
            counts[token] = counts.get(token, 0) + 1
    db.executemany("INSERT INTO nd_tokens VALUES (?, ?)", counts.items())
    groups = joined.groups
    db.executemany("INSERT INTO nd_pairs VALUES (?, ?, ?)",
                   ((groups[group], groups[other], similarity)
                    for group, others in joined.neighbours.items() for other, similarity in others))
    for statement in ("CREATE INDEX nd_q_file ON nd_q (file)", "CREATE INDEX nd_q_qkey ON nd_q (qkey)",
                      "CREATE INDEX nd_q_tokens ON nd_q (tokens, active)", "CREATE INDEX nd_pairs_a ON nd_pairs (a)",
                      "CREATE INDEX nd_sets_size ON nd_sets (size)"):
        db.execute(statement)
    return list(joined.findings())


def _rows(part: Part, number: int, code: str) -> list[tuple[int, int, str, str, int]]:
    """The part's questions as the index keeps them: file, position, question key,
    tokens, and a digest of what a message shows of it (its id and its text). A
    question without a key (no letter or digit) is never compared."""
    return [(number, index, key, tokens, _said(entry_id, question))
            for index, (key, tokens, entry_id, question) in enumerate(zip(part.keys, part.data[code], part.ids,
                                                                          part.questions)) if key]


def _said(entry_id: str, question: str) -> int:
    digest = hashlib.blake2b(f"{entry_id}\0{question}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)  # SQLite's INTEGER is signed 64-bit


def update(db: sqlite3.Connection, rule: NearDuplicateQuestion, options: dict[str, Any],
           now: dict[str, Part], numbers: dict[str, int], changed: list[str], gone: list[int],
           delete_found: Callable[[set[str]], None]) -> tuple[list[tuple[str, Found]], int]:
    """Bring the index up to date after the ``changed`` files (display paths) and
    the ``gone`` ones (numbers) changed; return the findings of the groups judged
    again, keyed by group, and how many groups were judged. ``delete_found`` is
    given the groups whose old findings go. Raises `Rejoin`."""
    if db.execute("SELECT name FROM sqlite_master WHERE name = 'nd_q'").fetchone() is None:
        raise Rejoin("the last whole join left a pair unsearched")
    threshold = threshold_of(options)
    code = rule.code
    by_number = {number: now[display] for display, number in numbers.items()}
    files = [numbers[display] for display in changed] + list(gone)
    marks = ",".join("?" * len(files))
    old = set(db.execute(f"SELECT file, pos, qkey, tokens, said FROM nd_q WHERE file IN ({marks})", files))
    new = {row for display in changed for row in _rows(now[display], numbers[display], code)}
    # A question at the same place, with the same key, tokens, id and text, is judged
    # as before (the findings of a file whose lines moved are placed again anyway).
    old, new = old - new, new - old
    db.executemany("DELETE FROM nd_q WHERE file = ? AND pos = ?", ((file, pos) for file, pos, *_ in old))
    db.executemany("INSERT INTO nd_q VALUES (?, ?, ?, ?, ?, 0)", new)

    # Which question of each key touched is active now; the groups of the questions
    # that changed (whose places, ids and texts the findings name) are judged again.
    touched = {tokens for *_, tokens, _ in old | new}
    for key in {key for _, _, key, _, _ in old | new}:
        rows = db.execute("SELECT rowid, file, pos, tokens, active FROM nd_q WHERE qkey = ?", (key,)).fetchall()
        if not rows:
            continue
        first = min(rows, key=lambda row: (by_number[row[1]].name, row[2]))
        for row in rows:
            if row[4] != (row is first):
                db.execute("UPDATE nd_q SET active = ? WHERE rowid = ?", (int(row is first), row[0]))
                touched.add(row[3])
    touched.discard("")

    affected = set(touched)
    arrived, left = [], []
    for tokens in touched:
        active = db.execute("SELECT 1 FROM nd_q WHERE tokens = ? AND active = 1 LIMIT 1", (tokens,)).fetchone()
        known = db.execute("SELECT 1 FROM nd_sets WHERE tokens = ?", (tokens,)).fetchone()
        if active and not known:
            arrived.append(tokens)
        elif known and not active:
            left.append(tokens)
    if len(arrived) > MAX_NEW_SETS:
        raise Rejoin(f"{len(arrived)} new token sets")
    for tokens in touched:  # the groups similar to a touched one read its first place
        affected.update(b for (b,) in db.execute("SELECT b FROM nd_pairs WHERE a = ?", (tokens,)))
    for tokens in left:  # a pair is kept both ways: its other way found by its partner (a is indexed)
        partners = [b for (b,) in db.execute("SELECT b FROM nd_pairs WHERE a = ?", (tokens,))]
        db.executemany("DELETE FROM nd_pairs WHERE a = ? AND b = ?", [(b, tokens) for b in partners])
        db.execute("DELETE FROM nd_pairs WHERE a = ?", (tokens,))
        db.execute("DELETE FROM nd_sets WHERE tokens = ?", (tokens,))
        db.executemany("UPDATE nd_tokens SET sets = sets - 1 WHERE token = ?", ((t,) for t in tokens.split(" ")))
    for tokens in arrived:
        db.execute("INSERT INTO nd_sets VALUES (?, ?)", (tokens, tokens.count(" ") + 1))
        db.executemany("INSERT INTO nd_tokens VALUES (?, 1) ON CONFLICT (token) DO UPDATE SET sets = sets + 1",
                       ((t,) for t in tokens.split(" ")))
    for tokens, other, similarity in _similar_pairs(db, arrived, threshold):
        db.executemany("INSERT INTO nd_pairs VALUES (?, ?, ?)", [(tokens, other, similarity),
                                                                 (other, tokens, similarity)])
        affected.add(other)

    delete_found(affected)
    found: list[tuple[str, Found]] = []
    firsts: dict[str, tuple[str, int, int]] = {}  # a group's first place, looked up once however many neighbours
    for group in affected:
        members = _members(db, group, by_number)
        if not members:
            continue
        firsts[group] = members[0]
        pairs = db.execute("SELECT b, sim FROM nd_pairs WHERE a = ?", (group,)).fetchall()
        for other, _similarity in pairs:
            if other not in firsts:
                firsts[other] = _members(db, other, by_number)[0]
        closest = min(((firsts[other], similarity) for other, similarity in pairs), default=None)
        for place, earlier, similarity in judge_group(members[0], members[1:], closest):
            part, other = by_number[place[2]], by_number[earlier[2]]
            found.append((group, Found(part, place[1], message(part, other, earlier[1], similarity))))
    return found, len(affected)


def _members(db: sqlite3.Connection, tokens: str, by_number: dict[int, Part]) -> list[tuple[str, int, int]]:
    """The active questions with these tokens, in corpus order, as (collection
    name, position, file): places that compare as the corpus is ordered."""
    return sorted((by_number[file].name, pos, file) for file, pos in db.execute(
        "SELECT file, pos FROM nd_q WHERE tokens = ? AND active = 1", (tokens,)))


def _similar_pairs(db: sqlite3.Connection, arrived: list[str], threshold: float) -> list[tuple[str, str, float]]:
    """Each similar pair of an ``arrived`` set with a known one (arrived ones, already
    in nd_sets, included; a pair of two arrived sets once), as the whole join would
    pair them. A set x can only be similar to sets of the sizes `partner_sizes`
    gives that share at least ``a`` of its tokens, and such a set holds one of any
    |x| - a + 1 tokens of x: its rarest ones are looked for, and every candidate
    verified. A few sets are looked for with a scan each; more, in one pass over
    every known set."""
    searches = []  # each arrived set: its tokens, their set, the sizes it can match, its rarest tokens
    for tokens in arrived:
        mine = set(tokens.split(" "))
        size = len(mine)
        low, high = partner_sizes(size, threshold)
        needs = [n for other in range(low, high + 1) if (n := needed_shared(size, other, threshold)) is not None]
        if needs:
            counts = dict(db.execute(f"SELECT token, sets FROM nd_tokens WHERE token IN ({','.join('?' * size)})",
                                     sorted(mine)))
            rarest = sorted(mine, key=lambda token: (counts.get(token, 0), token))[:size - min(needs) + 1]
            searches.append((tokens, mine, low, high, rarest))
    candidates: list[set[str]] = [set() for _ in searches]
    if len(searches) <= FEW_SCANS:
        for number, (_, _, low, high, rarest) in enumerate(searches):
            holds = " OR ".join("instr(' ' || tokens || ' ', ?) > 0" for _ in rarest)
            candidates[number].update(other for (other,) in db.execute(
                f"SELECT tokens FROM nd_sets WHERE size BETWEEN ? AND ? AND ({holds})",
                (low, high, *(f" {token} " for token in rarest))))
    elif searches:
        wanted: dict[str, list[int]] = {}
        for number, (*_, rarest) in enumerate(searches):
            for token in rarest:
                wanted.setdefault(token, []).append(number)
        for other, size in db.execute("SELECT tokens, size FROM nd_sets WHERE size BETWEEN ? AND ?",
                                      (min(s[2] for s in searches), max(s[3] for s in searches))):
            for token in other.split(" "):
                for number in wanted.get(token, ()):
                    if searches[number][2] <= size <= searches[number][3]:
                        candidates[number].add(other)
    new = set(arrived)
    pairs = []
    for (tokens, mine, *_), found in zip(searches, candidates):
        for other in found:
            if other == tokens or (other in new and other < tokens):  # the other's search keeps that pair
                continue
            theirs = other.split(" ")
            shared = len(mine.intersection(theirs))
            similarity = shared / (len(mine) + len(theirs) - shared)
            if similarity >= threshold - EPSILON:  # as similar_sets verifies a candidate
                pairs.append((tokens, other, similarity))
    return pairs
