from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterator

from pipeline.language import STOPWORDS, base_language
from pipeline.model import Collection, Entry, Severity
from pipeline.rules.base import Finding
from pipeline.rules.corpus_wide import CorpusRule

# A word: letters first, then letters or digits, parts joined by hyphens.
_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:[-‐‑][^\W_]+)*")
_HYPHENS_RE = re.compile(r"[-‐‑]")
# Two words of three letters or more separated by one space (the second is only
# looked at, so that every pair of neighbours is found).
_PAIR_RE = re.compile(r"(?<![\w‐‑-])([^\W\d_]{3,}) (?=([^\W\d_]{3,})(?![\w‐‑-]))")
_RUNS_RE = re.compile(r"[\w-]+")  # in ASCII text, what a word of a pair is part of
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


def _texts(collections: list[Collection]) -> Iterator[tuple[Collection, Entry, str, str]]:
    """Every question and answer of the corpus in corpus order, as prose."""
    for collection in collections:
        for entry in collection.entries:
            yield collection, entry, "question", _prose(entry.question)
            yield collection, entry, "answer", _prose(entry.answer)


def spellings_in_use(collections: list[Collection]) -> dict[str, Counter[str]]:
    """For each term (a word without hyphens, lower-cased), how often the corpus
    writes it each way. Words are counted by a regular expression and Counter, and
    only distinct words are handled one by one."""
    words: Counter[str] = Counter()
    for _collection, _entry, _field, text in _texts(collections):
        words.update(_WORD_RE.findall(text))
    terms: dict[str, Counter[str]] = {}
    for word, count in words.items():  # in order of first use
        written = spelling(word)
        terms.setdefault(_term_key(written), Counter())[written] += count
    # Two-word spellings of the joined words: "health care" for "healthcare", each
    # part a content word of three letters or more.
    function_words = frozenset().union(
        *(STOPWORDS.get(base_language(c.language), frozenset()) for c in collections))
    joined = {key for key, used in terms.items() if any(_is_joined(w) for w in used)}
    for _collection, _entry, _field, text in _texts(collections):
        for offset, written, key in _pairs(text, joined):
            if not function_words.intersection(written.lower().split(" ")):
                terms[key][written] += 1
    return terms


def _pairs(text: str, joined: set[str]) -> Iterator[tuple[int, str, str]]:
    """Each two words of ``text`` that, written together, are a word in ``joined``:
    position, spelling, key."""
    if text.isascii():
        # Each pair is two neighbouring runs of word characters and hyphens: when no
        # two neighbours joined are in ``joined`` (most text), the slow pattern
        # (a look behind at every character) need not be tried.
        runs = _RUNS_RE.findall(text.lower())
        if joined.isdisjoint(map(str.__add__, runs, runs[1:])):
            return
    for match in _PAIR_RE.finditer(text):
        key = (match.group(1) + match.group(2)).lower()
        if key in joined:
            yield match.start(), f"{spelling(match.group(1))} {spelling(match.group(2))}", key


def _is_joined(written: str) -> bool:
    return " " not in written and not _HYPHENS_RE.search(written)


class InconsistentTerm(CorpusRule):
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

    def check_corpus(self, collections: list[Collection], options: dict[str, Any]
                     ) -> Iterator[tuple[Collection, Finding]]:
        terms = spellings_in_use(collections)
        majority: dict[str, str] = {}
        for key, used in terms.items():
            if len(used) > 1 and any(_is_joined(w) for w in used):
                majority[key] = max(used, key=used.__getitem__)  # the first used, on a tie
        minority = {w: key for key, common in majority.items() for w in terms[key] if w != common}
        if not minority:
            return
        varied = set(majority)
        # Only texts that use a minority spelling's words, in any capitals, are read word by word.
        wanted = {part for w in minority for part in w.lower().split(" ")}
        reported: set[tuple[int, str]] = set()
        for collection, entry, field, text in _texts(collections):
            if wanted.isdisjoint(_WORD_RE.findall(text.lower())):
                continue
            used = [(m.start(), m.group(0), spelling(m.group(0))) for m in _WORD_RE.finditer(text)]
            used += [(offset, text[offset:offset + len(written)], written)
                     for offset, written, _key in _pairs(text, varied)]
            for offset, shown, written in sorted(used):
                key = minority.get(written)
                if key is None or (id(entry), written) in reported:
                    continue  # not a minority spelling, or reported for this entry already
                reported.add((id(entry), written))
                common = majority[key]
                yield collection, Finding(
                    entry, f"{shown!r} is written {common!r} elsewhere in the corpus "
                    f"({terms[key][written]}× against {terms[key][common]}×)", field=field,
                    offset=offset)
