from __future__ import annotations

import unicodedata
from typing import Iterator

from pipeline.model import Collection, Severity
from pipeline.rules.base import Context, Finding, Rule


def question_key(question: str) -> str:
    """A question reduced to its letters and digits, case-folded: "Can I hug you?" and
    "can i HUG you" have the same key."""
    text = unicodedata.normalize("NFKC", question).casefold().replace("’", "'")
    kept = "".join(ch if ch.isalnum() else " " for ch in text.replace("'", ""))
    return " ".join(kept.split())


class DuplicateQuestion(Rule):
    """The same question asked twice in the corpus.

    What it finds: questions equal to an earlier one once case, punctuation and
    spacing are ignored, in the same collection or in another collection of the
    corpus. "Earlier" means earlier in the collection, or in a collection whose
    name sorts first, so that the result does not depend on the order of runs.

    Why it matters: duplicates split the answers to one question in two places,
    confuse search and are invalid in FAQ markup, which wants each question once.

    Example:
        failing: "Can I hug my therapist?" and later "can I hug my therapist"
        passing: each question once, its answers merged into one entry

    Cleaning removes the later copy and records it beside the collection.
    """

    code = "FAQ301"
    name = "duplicate-question"
    severity = Severity.ERROR
    removes = True

    def check_collection(self, collection: Collection, ctx: Context) -> Iterator[Finding]:
        first: dict[str, tuple[str, str]] = {}
        for other in sorted(ctx.corpus, key=lambda c: c.name):
            if other.name >= collection.name:
                break
            for entry in other.entries:
                first.setdefault(question_key(entry.question), (other.name, entry.id))
        for index, entry in enumerate(collection.entries):
            key = question_key(entry.question)
            if not key or id(entry) in ctx.removed:
                continue
            if key in first:
                where, earlier = first[key]
                at = f"'{earlier}'" if where == collection.name else f"'{earlier}' in collection '{where}'"
                yield Finding(entry, f"duplicate of the earlier question {at}", field="question",
                              remove=True)
            else:
                first[key] = (collection.name, entry.id or f"#{index + 1}")
