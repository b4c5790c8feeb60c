"""Baselines: adopt `faq lint` on an existing corpus by recording today's problems
and reporting only new ones.

A problem is keyed by file, entry id, rule and message, never by line, so that
unrelated edits (an entry added above, an answer rewrapped) do not bring
baselined problems back. Problems outside any entry are keyed by their message.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pipeline.errors import InputError
from pipeline.files import write_atomic
from pipeline.model import Problem

FORMAT = "faq-baseline"
VERSION = 1


def key(problem: Problem) -> tuple[str, str, str, str]:
    return (problem.path, problem.entry_id or "", problem.code, problem.message)


def write(path: Path, problems: list[Problem]) -> None:
    rows = sorted({key(p) for p in problems} | set(), key=lambda k: k)
    counts = Counter(key(p) for p in problems)
    document = {"format": FORMAT, "version": VERSION,
                "problems": [{"path": k[0], "entry": k[1] or None, "code": k[2], "message": k[3],
                              **({"count": counts[k]} if counts[k] > 1 else {})} for k in rows]}
    write_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def read(path: Path) -> Counter:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("baseline file not found", str(path),
                         hint="create it with `faq lint --update-baseline --baseline FILE`") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read baseline: {exc}", str(path)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError("not a faq baseline file", str(path))
    counts: Counter = Counter()
    try:
        for row in document["problems"]:
            counts[(row["path"], row["entry"] or "", row["code"], row["message"])] += int(row.get("count", 1))
    except (KeyError, TypeError, ValueError):
        raise InputError("baseline file is damaged", str(path), hint="write it again with --update-baseline") from None
    return counts


def subtract(problems: list[Problem], known: Counter) -> tuple[list[Problem], int, int]:
    """The problems the baseline does not know; how many it hid; how many of its rows
    are gone (fixed since)."""
    remaining = Counter(known)
    new = []
    for problem in problems:
        k = key(problem)
        if remaining[k] > 0:
            remaining[k] -= 1
        else:
            new.append(problem)
    hidden = len(problems) - len(new)
    return new, hidden, sum(remaining.values())
