from __future__ import annotations

import bisect
import functools
import itertools
import math
from typing import Any, Iterable, Iterator, TypeVar

from pipeline.language import base_language, content_stem, words
from pipeline.model import Collection, Severity
from pipeline.rules.corpus_wide import CorpusRule, Found, Part

# Question words decide what a question asks ("Why do therapists stay silent?" and
# "When do therapists stay silent?" share every content word), but they are function
# words, so content stems drop them. They count here as one token each.
INTERROGATIVES: dict[str, frozenset[str]] = {
    "en": frozenset("what why how when where who whom whose which".split()),
    "de": frozenset("was warum wieso weshalb wie wann wo wer wen wem welche welcher welches "
                    "welchen welchem woher wohin".split()),
    "fr": frozenset("quoi pourquoi comment quand où qui quel quelle quels quelles combien".split()),
    "es": frozenset("qué cómo cuándo dónde quién quiénes cuál cuáles cuánto cuánta cuántos "
                    "cuántas".split()),
    "it": frozenset("cosa perché come quando dove chi quale quali quanto quanta quanti quante".split()),
    "pt": frozenset("quê como quando onde quem qual quais quanto quanta quantos quantas".split()),
    "nl": frozenset("wat waarom hoe wanneer waar wie welke welk hoeveel".split()),
    "ru": frozenset("что почему зачем как когда где кто какой какая какое какие сколько куда откуда чей".split()),
}
# Negation turns a question around ("What should you ask ..." / "What should you
# not ask ..."); it, too, is a function word that counts here as one token.
NEGATIONS: dict[str, frozenset[str]] = {
    "en": frozenset("not no never nor cannot".split()),
    "de": frozenset("nicht kein keine keinen keinem keiner nie niemals".split()),
    "fr": frozenset("ne pas jamais aucun aucune".split()),
    "es": frozenset("no nunca jamás ningún ninguna".split()),
    "it": frozenset("non mai nessun nessuna".split()),
    "pt": frozenset("não nunca nenhum nenhuma".split()),
    "nl": frozenset("niet geen nooit".split()),
    "ru": frozenset("не нет никогда ни".split()),
}
EPSILON = 1e-9  # 0.7 * 10 is 7.000000000000001 in floating point


def _word_tokens(word: str, language: str) -> tuple[str, ...]:
    """What one word contributes to a question's tokens: its content stem, or a
    marker for a question word or a negation."""
    base = base_language(language)
    head = word.split("'")[0]
    if head in INTERROGATIVES.get(base, ()):
        return ("?" + head,)  # "what's" asks what "what" asks
    if head in NEGATIONS.get(base, ()) or (base == "en" and word.endswith("n't")):
        return ("!not",)
    stem = content_stem(word, language)
    return (stem,) if stem is not None else ()


def question_tokens(question: str, language: str,
                    memo: dict[str, tuple[str, ...]] | None = None) -> frozenset[str]:
    """What a question is compared on: its content stems, plus one token for each
    question word and one for negation. Empty when it has no content word.

    ``memo`` (one per language) keeps each word's tokens: a corpus repeats a small
    vocabulary, and looking a word up costs far less than stemming it again.
    """
    if memo is None:
        tokens = [token for word in words(question) for token in _word_tokens(word, language)]
    else:
        tokens = []
        for word in words(question):
            found = memo.get(word)
            if found is None:
                found = memo[word] = _word_tokens(word, language)
            tokens.extend(found)
    if all(token[0] in "?!" for token in tokens):  # markers only, or nothing
        return frozenset()
    return frozenset(tokens)


def threshold_of(options: dict[str, Any]) -> float:
    """The `threshold` option as the join reads it: above 0, at most 1."""
    return min(1.0, max(float(options["threshold"]), EPSILON))


def partner_sizes(size: int, threshold: float) -> tuple[int, int]:
    """The smallest and largest sizes of a set that a set of ``size`` tokens can
    reach ``threshold`` with (the length filter)."""
    return math.ceil(threshold * size - EPSILON), math.floor(size / threshold + EPSILON)


def needed_shared(size: int, other_size: int, threshold: float) -> int | None:
    """The tokens two distinct sets of these sizes must share to reach ``threshold``
    (J >= t needs ceil(t·(|x| + |y|) / (1 + t)) shared tokens); None if they cannot."""
    needed = math.ceil(threshold * (size + other_size) / (1 + threshold) - EPSILON)
    # Distinct sets of one size share at most all tokens but one.
    most = min(size, other_size) - (size == other_size)
    return needed if needed <= most else None


SUBSET_LOOKUPS = 64  # a larger set's subsets looked up one by one, at most


def _by_subsets(size: int, other_size: int, needed: int) -> bool:
    """True when a set's partners of ``other_size`` must be subsets of it, few enough
    to look up one by one instead of searching the index."""
    return needed == other_size < size and math.comb(size, other_size) <= SUBSET_LOOKUPS


@functools.lru_cache(maxsize=1024)
def _plan(size: int, threshold: float) -> tuple[tuple[tuple[int, int, bool], ...], int]:
    """How a set of ``size`` tokens is joined: for each smaller or equal size it could
    match, the tokens a pair must share and whether its partners are found by their
    subsets; and how many of its own tokens it is indexed under (for larger sets that
    search the index for it)."""
    probes = []
    low, high = partner_sizes(size, threshold)
    for other_size in range(low, size + 1):
        needed = needed_shared(size, other_size, threshold)
        if needed is not None:
            probes.append((other_size, needed, _by_subsets(size, other_size, needed)))
    # The prefix a larger set needs shrinks as it grows, so the first larger size
    # that searches the index decides; past size / t nothing larger can match.
    indexed = 0
    for larger in range(size, high + 1):
        needed = needed_shared(larger, size, threshold)
        if needed is not None and not _by_subsets(larger, size, needed):
            indexed = size - needed + 1
            break
    return tuple(probes), indexed


def similar_sets(sets: list[frozenset[str]], threshold: float, max_bucket: int,
                 full: list[tuple[int, int]] | None = None) -> dict[int, list[tuple[int, float]]]:
    """For each of the distinct ``sets`` (by position) that has any, the others whose
    Jaccard similarity with it is at least ``threshold``, with that similarity: an
    exact set-similarity self-join.

    Sets are taken from small to large, and each is compared only with smaller or
    equal ones of at least t·|x| tokens (the length filter). Two sets x and y reach
    t when they share a = ceil(t·(|x| + |y|) / (1 + t)) tokens; distinct sets of one
    size share at most all tokens but one. When a is all of the smaller set y, y is
    a subset of x, and x's few subsets of that size are looked up directly: for
    t = 0.8, that covers every set of fewer than 9 tokens, that is most questions.
    Otherwise prefix filtering finds the candidates (Bayardo et al., "Scaling up all
    pairs similarity search", 2007): with tokens ordered from rarest to most common,
    sets sharing a tokens share one among the first |x| - a + 1 tokens of x and the
    first |y| - a + 1 of y. Each set is indexed under the tokens of its prefix and its
    size and probes only the lists of the sizes it could match; common tokens sort
    last and rarely fall in a prefix. Every candidate is verified exactly.

    Each index list holds at most ``max_bucket`` sets; a set arriving at a full list
    is still compared with the sets in it but not added to it. ``full``, if given,
    receives the (token rank, size) of a full list each time a set is left out of
    it: a pair only such a list would have found may be missing.
    """
    by_size: dict[int, list[int]] = {}
    for number, tokens in enumerate(sets):
        by_size.setdefault(len(tokens), []).append(number)
    plans = {size: _plan(size, threshold) for size in by_size}
    indexed_sizes = {size for size, (probes, indexed) in plans.items()
                     if indexed or any(not by_subsets for _, _, by_subsets in probes)}
    # Any order common to all sets keeps the join exact; rarest first keeps it fast.
    frequency: dict[str, int] = {}
    for size in indexed_sizes:
        for number in by_size[size]:
            for token in sets[number]:
                frequency[token] = frequency.get(token, 0) + 1
    rank = {token: i for i, token in enumerate(sorted(frequency, key=lambda t: (frequency[t], t)))}
    del frequency
    position = {tokens: number for number, tokens in enumerate(sets)}

    index: dict[tuple[int, int], list[int]] = {}
    neighbours: dict[int, list[tuple[int, float]]] = {}
    for size in sorted(by_size):
        probes, indexed = plans[size]
        for current in by_size[size]:
            mine = sets[current]
            ordered = sorted(rank[token] for token in mine) if size in indexed_sizes else []
            candidates: set[int] = set()
            for other_size, needed, by_subsets in probes:
                if by_subsets:
                    for removed in itertools.combinations(mine, size - other_size):
                        found = position.get(mine.difference(removed))
                        if found is not None:
                            candidates.add(found)
                    continue
                for token in ordered[: size - needed + 1]:
                    listed = index.get((token, other_size))
                    if listed:
                        candidates.update(listed)
            candidates.discard(current)
            for other in candidates:
                shared = len(mine & sets[other])
                similarity = shared / (size + len(sets[other]) - shared)
                if similarity >= threshold - EPSILON:
                    neighbours.setdefault(current, []).append((other, similarity))
                    neighbours.setdefault(other, []).append((current, similarity))
            for token in ordered[:indexed]:
                listed = index.setdefault((token, size), [])
                if len(listed) < max_bucket:
                    listed.append(current)
                elif full is not None:
                    full.append((token, size))
    return neighbours


class NearDuplicateQuestion(CorpusRule):
    """A question that asks what an earlier question asks, in other words.

    What it finds: questions of the corpus (across all collections) whose content
    words, reduced to their stems, mostly match those of an earlier question: "How
    do I reset my password?" and "How can I reset my password?". Similarity is the
    Jaccard index of the two sets of stems (shared stems / all stems); the question
    word ("how", "why", ...) and a negation ("not", "don't") count as one more token
    each, so that "Why do therapists stay silent?" and "When do therapists stay
    silent?" stay apart. Pairs at or above `threshold` are reported once, on the
    later question, naming the earlier one; "earlier" means in a collection whose
    name sorts first, then earlier in the collection. Questions that are exact
    duplicates are left to duplicate-question, and questions without a content
    word are not compared.

    Why it matters: two entries that ask the same thing split its answers in two
    places, may contradict each other, and compete with each other in search; FAQ
    markup wants each question once.

    Example:
        failing: "How do I reset my password?" and later "How can I reset my password?"
        passing: one of them, its answers merged; or "How do I change my password?"

    Scale: the comparison is exact and made once per lint for the whole corpus
    (`python bench/rules.py --rule FAQ304 --entries 1M`: 100,000 questions in
    about 2 seconds, a million in about 20); each file's token sets are computed
    in lint's per-file stage and cached with it. Short questions (below 9 tokens
    at the default threshold) are matched by looking up their subsets; longer ones
    through an index of their rarest words (prefix filtering). `max_bucket` (default 1000) caps each list of
    that index: when more distinct questions of one length than that share a rarest
    word, later ones are not added to its list, and a pair only that list would
    find goes unreported. It bounds the cost of a pathological corpus; the
    benchmark's lists stay far below it.

    Options: `threshold` (default 0.8, between 0 and 1), `max_bucket` (default 1000).
    """

    code = "FAQ304"
    name = "near-duplicate-question"
    severity = Severity.WARNING
    options = {"threshold": 0.8, "max_bucket": 1000}

    def contribution(self, collection: Collection) -> list[str]:
        """Each question's tokens, sorted and joined by spaces (which no token holds):
        one string, cheap to store and to group by; empty when it has no content word."""
        memo: dict[str, tuple[str, ...]] = {}
        return [" ".join(sorted(question_tokens(entry.question, collection.language, memo)))
                for entry in collection.entries]

    def combine(self, parts: list[Part], options: dict[str, Any]) -> Iterator[Found]:
        for _group, found in self.join(parts, options).findings():
            yield found

    def join(self, parts: list[Part], options: dict[str, Any]) -> Joined:
        """The corpus's questions grouped by their tokens, and the similar groups of
        each: what `combine` reports from, and what the corpus index keeps."""
        threshold = threshold_of(options)
        joined = Joined(parts)
        # Each question in corpus order, once (later exact duplicates are
        # duplicate-question's), as its place: its number among the corpus's entries.
        # Questions of the same tokens form a group; most groups have one question,
        # so a group keeps its first place, and only its later ones in a list.
        group_of: dict[str, int] = {}
        firsts, laters, starts = joined.firsts, joined.laters, joined.starts
        seen: set[str] = set()
        start = 0
        for part in parts:
            starts.append(start)
            for index, (key, tokens) in enumerate(zip(part.keys, part.data[self.code])):
                if not key or key in seen:
                    continue
                seen.add(key)
                if tokens:
                    group = group_of.setdefault(tokens, len(firsts))
                    if group == len(firsts):
                        firsts.append(start + index)
                    else:
                        laters.setdefault(group, []).append(start + index)
            start += len(part.keys)
        del seen
        joined.groups = list(group_of)
        del group_of
        sets = [frozenset(tokens.split(" ")) for tokens in joined.groups]
        joined.neighbours = similar_sets(sets, threshold, int(options["max_bucket"]), joined.full)
        return joined


class Joined:
    """The corpus's questions in groups of the same tokens (``groups``, by number),
    each group's first place and later places, and the similar groups of each
    (``neighbours``). A place is an entry's number in the corpus (``starts``: the
    number of each part's first entry). ``full``: the similarity index overflowed
    (`max_bucket`), and a pair may be missing."""

    def __init__(self, parts: list[Part]) -> None:
        self.parts = parts
        self.starts: list[int] = []
        self.groups: list[str] = []
        self.firsts: list[int] = []
        self.laters: dict[int, list[int]] = {}
        self.neighbours: dict[int, list[tuple[int, float]]] = {}
        self.full: list[tuple[int, int]] = []

    def reported(self) -> Iterator[tuple[int, int, float, int]]:
        """Each finding as (place, earlier place, similarity, group), group by group."""
        firsts = self.firsts
        for group, others in self.neighbours.items():
            closest = min((firsts[other], similarity) for other, similarity in others)
            for found in judge_group(firsts[group], self.laters.get(group, ()), closest):
                yield *found, group
        for group, places in self.laters.items():
            if group not in self.neighbours:
                for found in judge_group(firsts[group], places, None):
                    yield *found, group

    def findings(self) -> Iterator[tuple[str, Found]]:
        """Every finding in corpus order, with the tokens of its question's group."""
        for place, earlier, similarity, group in sorted(self.reported()):
            part, index = self.entry(place)
            other, other_index = self.entry(earlier)
            yield self.groups[group], Found(part, index, message(part, other, other_index, similarity))

    def entry(self, place: int) -> tuple[Part, int]:
        """The part and index of the entry at ``place`` in the corpus."""
        number = bisect.bisect_right(self.starts, place) - 1
        return self.parts[number], place - self.starts[number]


P = TypeVar("P")


def judge_group(first: P, laters: Iterable[P], closest: tuple[P, float] | None) -> Iterator[tuple[P, P, float]]:
    """The findings of one group of questions with the same tokens, as (place,
    earlier place, similarity): each question after the group's ``first`` is a
    duplicate of it, unless a similar group's first question (``closest``: the
    earliest among them, with its similarity) came before both; the first is
    reported only against that. Places are anything ordered as the corpus is."""
    if closest is not None and closest[0] < first:
        yield first, *closest
    for place in laters:
        earlier = min((first, 1.0), closest) if closest is not None and closest[0] < place else (first, 1.0)
        yield (place, *earlier)


def message(part: Part, other: Part, other_index: int, similarity: float) -> str:
    """The finding of a question of ``part`` that asks what entry ``other_index`` of
    ``other`` asks."""
    return (f"asks what the earlier question {other.earlier_label(other_index, part)} asks: "
            f"{other.questions[other_index]!r} (similarity {similarity:.2f})")
