from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any, Iterable, Iterator

from pipeline.language import STOPWORDS, base_language, has_marks
from pipeline.marks import INSIDE_WORD
from pipeline.model import Collection, Severity
from pipeline.rules.corpus_wide import Found, KeyedRule, Occurrence, Part

# A word: letters first, then letters or digits, parts joined by hyphens (with marks
# inside: `_marked_patterns`).
_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:[-‐‑][^\W_]+)*")
_HYPHENS_RE = re.compile(r"[-‐‑]")
# Two words of three letters or more separated by one space (the second is only
# looked at, so that every pair of neighbours is found).
_PAIR_RE = re.compile(r"(?<![\w‐‑-])([^\W\d_]{3,}) (?=([^\W\d_]{3,})(?![\w‐‑-]))")
# Text that is not prose: addresses, e-mail addresses, code and link targets.
_TLD = r"(?:com|org|net|edu|gov|io|co|uk|de|fr|es|it|nl|eu|info|app|dev)\b"
_NOT_PROSE_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|`[^`\n]*`"
                           rf"|\]\([^)\s]*\)|\b[\w-]+\.(?:[\w-]+\.)*{_TLD}(?:/\S*)?")
# A quick test for any of them: most text has none, and the full pattern is slow.
_MAYBE_NOT_PROSE_RE = re.compile(rf"://|www\.|@|`|\]\(|\.{_TLD}")


def spelling(word: str) -> str:
    """A word as spelled, not as capitalised: each part that is all lower case, all
    capitals or capitalised ("Email", "EMAIL", "Wi-Fi") is lower-cased, so that a
    sentence start, a heading in title case or shouting is not a variant; a part
    with inner capitals ("WiFi", "iPhone") keeps them."""
    parts = _HYPHENS_RE.split(word)
    plain = [p.lower() if p.islower() or p.isupper() or (p[0].isupper() and p[1:].islower()) else p
             for p in parts]
    return "-".join(plain)


def _term_key(written: str) -> str:
    return _HYPHENS_RE.sub("", written.replace(" ", "")).lower()


def _prose(text: str) -> str:
    """``text`` with what is not prose blanked out, positions kept."""
    if not _MAYBE_NOT_PROSE_RE.search(text):
        return text
    return _NOT_PROSE_RE.sub(lambda m: " " * len(m.group(0)), text)


# `_WORD_RE` and `_PAIR_RE` for ASCII text, where they find the same 30-40% faster.
_ASCII_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
_ASCII_PAIR_RE = re.compile(r"(?<![\w-])([A-Za-z]{3,}) (?=([A-Za-z]{3,})(?![\w-]))")


@functools.cache  # compiled at first use: a class of every mark takes milliseconds
def _marked_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`_WORD_RE` and `_PAIR_RE` for text with the marks that scripts such as
    Devanagari write inside words (pipeline/marks.py); on text without them, they
    find what those two find."""
    piece = rf"[^\W_]*(?:[{INSIDE_WORD}]+[^\W_]*)*"
    letters = rf"[^\W\d_](?:[^\W\d_]|[{INSIDE_WORD}]){{2,}}"
    return (re.compile(rf"[^\W\d_]{piece}(?:[-‐‑][^\W_]{piece})*"),
            re.compile(rf"(?<![\w{INSIDE_WORD}‐‑-])({letters}) (?=({letters})(?![\w{INSIDE_WORD}‐‑-]))"))


def _patterns(text: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The word and two-word patterns for ``text``: the fastest that reads it right."""
    if text.isascii():
        return _ASCII_WORD_RE, _ASCII_PAIR_RE
    if has_marks(text):
        return _marked_patterns()
    return _WORD_RE, _PAIR_RE


_CHUNK = 2000  # entries whose texts are scanned as one string


def _pairs(text: str, varied: set[str]) -> Iterator[tuple[int, str, str]]:
    """Each two words of ``text`` that, written together, are a term in ``varied``:
    position, spelling, key."""
    for match in _patterns(text)[1].finditer(text):
        key = (match.group(1) + match.group(2)).lower()
        if key in varied:
            yield match.start(), f"{spelling(match.group(1))} {spelling(match.group(2))}", key


def _is_joined(written: str) -> bool:
    return " " not in written and not _HYPHENS_RE.search(written)


class InconsistentTerm(KeyedRule):
    """One term spelled in different ways across the corpus ("e-mail" and "email").

    What it finds: words and two-word terms that the corpus writes joined, with a
    hyphen, with a space or with different inner capitals: "email" / "e-mail",
    "healthcare" / "health care", "WiFi" / "Wi-Fi" / "wifi". Only sets of
    spellings that include a joined one are compared: "long-term" before a noun
    and "long term" after one are both right. Two-word spellings count only when
    both words carry content, so "log in" (the verb) and "login" (the noun), or
    "every day" and "everyday", are not variants. Capitals at the start of a
    sentence, in title-case headings and in shouting do not make a variant. Each
    entry using a less common spelling is reported once per spelling, naming the
    most common one and how often each is used.

    Why it matters: readers and search engines take different spellings for
    different things, and a corpus that cannot decide looks careless. Which
    spelling is right is the team's decision, so this is information, with no fix;
    record the decision in [terms] of faq.toml, whose rule replaces the variants.
    Words whose hyphen changes their meaning ("re-sign" / "resign") are also
    reported, and are the editor's to dismiss.

    Example:
        failing: "Send us an e-mail." in one entry and "Our email address is ..." in three others
        passing: "email" everywhere
    """

    code = "FAQ306"
    name = "inconsistent-term"
    severity = Severity.INFO
    reads_text = True  # to place each minority spelling, it reads the texts that hold one

    def inputs(self, part: Part) -> Any:
        return [part.name, part.language, part.data.get(self.code)]

    def contribution(self, collection: Collection) -> dict[str, dict[str, int]]:
        """How often the collection writes each word (as written, in order of first
        use), and each two-word spelling whose words are both three letters or more
        and neither a function word of the collection's language."""
        words: Counter[str] = Counter()
        neighbours: Counter[tuple[str, str]] = Counter()
        entries = collection.entries
        # The texts of many entries joined by line breaks, which neither a word, a
        # pair nor what `_prose` blanks can cross: one scan each instead of one per text.
        for start in range(0, len(entries), _CHUNK):
            text = _prose("\n".join(f"{e.question}\n{e.answer}" for e in entries[start:start + _CHUNK]))
            word_re, pair_re = _patterns(text)
            words.update(word_re.findall(text))
            neighbours.update(pair_re.findall(text))
        function_words = STOPWORDS.get(base_language(collection.language), frozenset())
        pairs: Counter[str] = Counter()
        for (first, second), count in neighbours.items():  # each distinct pair once
            if first.lower() not in function_words and second.lower() not in function_words:
                pairs[f"{spelling(first)} {spelling(second)}"] += count
        return {"words": dict(words), "pairs": dict(pairs)}

    def prepare(self, parts: list[Part]) -> list[str]:
        """The corpus's languages: a two-word spelling counts only when each word is a
        content word in every one of them."""
        return sorted({base_language(part.language) for part in parts})

    def rows(self, part: Part, options: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        """Each spelling the part uses, keyed by its term, with how often: words (in
        order of first use), then two-word spellings."""
        spellings: dict[str, int] = {}
        for word, count in part.data[self.code]["words"].items():
            written = spelling(word)
            spellings[written] = spellings.get(written, 0) + count
        for written, count in spellings.items():
            yield _term_key(written), ["w", written, count]
        for written, count in part.data[self.code]["pairs"].items():
            yield _term_key(written), ["p", written, count]

    def judge(self, key: str, occurrences: list[Occurrence], options: dict[str, Any], shared: Any
              ) -> Iterator[Found]:
        for _key, found in self.judge_keys([(key, occurrences)], options, shared):
            yield found

    def judge_keys(self, groups: Iterable[tuple[str, list[Occurrence]]], options: dict[str, Any],
                   shared: Any) -> Iterator[tuple[str, Found]]:
        """Each term's verdict from its counts; then each collection that uses a
        minority spelling of any of them is read once, for all of them."""
        function_words = frozenset().union(*(STOPWORDS.get(language, frozenset()) for language in shared))
        verdicts: dict[str, tuple[str, dict[str, int]]] = {}  # term -> most common spelling, counts
        minority: dict[str, str] = {}  # a less common spelling -> its term
        readers: dict[int, Part] = {}
        for key, occurrences in groups:
            used = _counts(occurrences, function_words)
            if used is None:
                continue
            common = max(used, key=used.__getitem__)  # the first used, on a tie
            verdicts[key] = (common, used)
            minority.update((w, key) for w in used if w != common)
            for part, (_kind, written, _count) in occurrences:
                if written in used and written != common:
                    readers.setdefault(id(part), part)
        if not minority:
            return
        # In the collections read again, only the texts that hold a minority
        # spelling's words, in any capitals, are looked at closely.
        wanted = {piece for w in minority for piece in w.lower().split(" ")}
        varied = set(verdicts)
        for part in readers.values():
            collection = part.load() if part.load is not None else None
            if collection is None:
                continue
            reported: set[tuple[int, str]] = set()
            for index, entry in enumerate(collection.entries):
                for field, text in (("question", _prose(entry.question)), ("answer", _prose(entry.answer))):
                    word_re = _patterns(text)[0]
                    if wanted.isdisjoint(word_re.findall(text.lower())):
                        continue
                    found = [(m.start(), m.group(0), spelling(m.group(0))) for m in word_re.finditer(text)]
                    found += [(offset, text[offset:offset + len(written)], written)
                              for offset, written, _key in _pairs(text, varied)]
                    for offset, shown, written in sorted(found):
                        key = minority.get(written)
                        if key is None or (index, written) in reported:
                            continue  # not a minority spelling, or reported for this entry already
                        reported.add((index, written))
                        common, used = verdicts[key]
                        yield key, Found(part, index, f"{shown!r} is written {common!r} elsewhere in the corpus "
                                         f"({used[written]}× against {used[common]}×)",
                                         field=field, offset=offset, entry_id=entry.id)


def _counts(occurrences: list[Occurrence], function_words: frozenset[str]) -> dict[str, int] | None:
    """How often the corpus writes a term each way, when it writes it in more than one
    way with one of them joined: words first, in order of first use, then two-word
    spellings, which count only for a term also written joined."""
    used: dict[str, int] = {}
    for _part, (kind, written, count) in occurrences:
        if kind == "w":
            used[written] = used.get(written, 0) + count
    if not any(_is_joined(w) for w in used):
        return None
    for _part, (kind, written, count) in occurrences:
        if kind == "p" and function_words.isdisjoint(written.lower().split(" ")):
            used[written] = used.get(written, 0) + count
    return used if len(used) > 1 else None
