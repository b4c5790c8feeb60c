"""FAQ304 near-duplicate-question: questions that ask the same thing in other words,
found with an exact similarity join over the whole corpus."""
from __future__ import annotations

import itertools
import random

import pytest

from pipeline.rules.near_duplicate_question import (NearDuplicateQuestion, question_tokens,
                                                    similar_sets)

from rules.support import (check_collection, collection, context, entry, position,
                           write_collection, yaml_collection)


def _entries(*questions: str, name: str) -> list:
    return [entry(q, "An answer.", id=f"{name}-{n}") for n, q in enumerate(questions, start=1)]


def _run(*collections, **options):
    """Every finding, as lint asks for them: once per collection, with the others as corpus."""
    rule = NearDuplicateQuestion()
    found = []
    for target in collections:
        others = [c for c in collections if c is not target]
        found += [(target.name, f) for f in rule.check_collection(
            target, context(NearDuplicateQuestion, target, others, options))]
    return found


def test_same_question_in_other_words_across_collections():
    first = collection(*_entries("How do I reset my password?", name="a"), name="accounts")
    second = collection(*_entries("Can I pay by card?", "How can I reset my password?", name="b"),
                        name="billing")
    [(where, finding)] = _run(second, first)  # "earlier" is by collection name, not list order
    assert where == "billing" and finding.entry.id == "b-2"
    assert finding.message == ("asks what the earlier question 'a-1' in collection 'accounts' asks: "
                               "'How do I reset my password?' (similarity 1.00)")
    assert (finding.field, finding.offset, finding.fix) == ("question", 0, None)


def test_within_one_collection_and_reported_once_naming_the_first():
    target = collection(*_entries("How do I reset my password?", "How can I reset my password?",
                                  "How should I reset my password?", name="q"))
    findings = check_collection(NearDuplicateQuestion, target)
    assert [(f.entry.id, f.message.split(" asks:")[0]) for f in findings] == [
        ("q-2", "asks what the earlier question 'q-1'"), ("q-3", "asks what the earlier question 'q-1'")]


def test_one_more_word_is_still_the_same_question():
    target = collection(*_entries("Can I ask my therapist for a hug after a session?",
                                  "Can I ask my therapist for a quick hug after a session?", name="q"))
    [finding] = check_collection(NearDuplicateQuestion, target)
    assert finding.message.endswith("(similarity 0.80)")  # 4 content words shared of 5


@pytest.mark.parametrize("questions", [
    ("How do I reset my password?", "How do I reset my password"),  # exact: duplicate-question's
    ("Why do therapists stay silent?", "When do therapists stay silent?"),
    ("What should you ask your therapist?", "What should you not ask your therapist?"),
    ("What should you ask your therapist?", "What shouldn't you ask your therapist?"),
    ("How do I reset my password?", "How do I change my password?"),
    ("How do I reset my password?", "How do I reset my account password?"),  # 0.75
    ("What is it?", "What's it?"),  # no content word
])
def test_near_misses(questions):
    assert check_collection(NearDuplicateQuestion, collection(*_entries(*questions, name="q"))) == []


def test_a_later_exact_duplicate_is_left_to_duplicate_question():
    target = collection(*_entries("How do I reset my password?", "Can I pay by card?",
                                  "How can I reset my password?", "How can I reset my password?",
                                  name="q"))
    assert [f.entry.id for f in check_collection(NearDuplicateQuestion, target)] == ["q-3"]


def test_threshold_option(tmp_path):
    target = collection(*_entries("How do I reset my password?", "How do I reset my account password?",
                                  name="q"))
    [finding] = check_collection(NearDuplicateQuestion, target, options={"threshold": 0.7})
    assert finding.message.endswith("(similarity 0.75)")


def test_question_tokens():
    assert question_tokens("How can I reset my passwords?", "en") == {"?how", "reset", "password"}
    assert question_tokens("What's wrong? Don't you know?", "en") == {"?what", "wrong", "!not", "know"}
    assert question_tokens("What is it?", "en") == frozenset()


def _brute_force(sets, threshold):
    pairs = set()
    for a, b in itertools.combinations(range(len(sets)), 2):
        if len(sets[a] & sets[b]) / len(sets[a] | sets[b]) >= threshold - 1e-9:
            pairs.add((a, b))
    return pairs


def _pairs(neighbours):
    return {(min(a, b), max(a, b)) for a, near in neighbours.items() for b, _ in near}


@pytest.mark.parametrize("threshold", [0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0])
def test_join_is_exact(threshold):
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(40)]
    sets = list({frozenset(rng.sample(vocabulary[: rng.randint(14, 40)], rng.randint(1, 14)))
                 for _ in range(400)})
    base = list(sets)
    for tokens in base[:120]:  # plant neighbours: one token more, one less, one swapped
        extra = frozenset(rng.sample(vocabulary, 1))
        sets += [tokens | extra, tokens - {next(iter(tokens))} | extra]
    sets = list(dict.fromkeys(sets))
    assert _pairs(similar_sets(sets, threshold, max_bucket=10_000)) == _brute_force(sets, threshold)


def test_bucket_cap_bounds_the_index_and_can_miss_pairs():
    sets = [frozenset(c) for c in itertools.combinations([f"t{n}" for n in range(12)], 10)]
    expected = _brute_force(sets, 0.8)
    assert _pairs(similar_sets(sets, 0.8, max_bucket=1000)) == expected
    capped = _pairs(similar_sets(sets, 0.8, max_bucket=2))
    assert capped < expected  # a pathological corpus: every set made of the same 12 words


def test_index_is_built_once_per_corpus(monkeypatch):
    calls = []
    original = NearDuplicateQuestion.combine

    def counting(self, parts, options):
        calls.append(len(parts))
        return original(self, parts, options)

    monkeypatch.setattr(NearDuplicateQuestion, "combine", counting)
    collections = [collection(*_entries(f"How do I reset password {n}?", name=f"c{n}"), name=f"c{n}")
                   for n in range(5)]
    _run(*collections)
    assert calls == [5]
    _run(*collections, threshold=0.5)  # other options: a new index
    fresh = [collection(*c.entries, name=c.name) for c in collections]
    _run(*fresh)  # other collection objects: a new index
    assert len(calls) == 3


def test_lint_reports_the_later_question(corpus, faq):
    write_collection(corpus, "accounts", yaml_collection("accounts", [
        ("How do I reset my password?", "Use the reset link on the sign-in page to choose a new password.")]))
    text = yaml_collection("billing", [
        ("Can I pay by card?", "Yes, we take all major cards and bank transfers."),
        ("How can I reset my password?", "Use the reset link on the sign-in page to choose a password.")])
    write_collection(corpus, "billing", text)
    result = faq("lint", cwd=corpus)
    line, column = position(text, "question: How can I")
    assert (f"clean/billing.yaml:{line}:{column}: warning FAQ304 asks what the earlier question "
            "'entry-1' in collection 'accounts' asks: 'How do I reset my password?' (similarity 1.00) "
            "(near-duplicate-question)") in result.stdout.splitlines()
    assert "FAQ304" not in "".join(l for l in result.stdout.splitlines() if "accounts.yaml" in l)


@pytest.mark.parametrize("language, questions", [
    ("en", ["How do I reset my password?", "Why don't therapists hug?", "What's a session like?",
            "How can I reset my PASSWORD?", "Is it not OK?", "Café or cafe?", "What?"]),
    ("de", ["Wie setze ich mein Passwort zurück?", "Warum umarmen Therapeuten nicht?", "Was kostet es?"]),
    ("fr", ["Pourquoi les chats ronronnent-ils ?", "Comment réinitialiser mon mot de passe ?"]),
])
def test_tokens_with_a_word_memo_are_the_tokens_without(language, questions):
    memo = {}
    for _ in range(2):  # the second time every word comes from the memo
        for question in questions:
            assert question_tokens(question, language, memo) == question_tokens(question, language)
    assert memo  # the memo was used


def test_russian_question_words_keep_questions_apart():
    assert question_tokens("Почему терапевты молчат?", "ru") != question_tokens("Когда терапевты молчат?", "ru")
    assert question_tokens("Почему терапевты не молчат?", "ru") == {"?почему", "!not", "терапевт", "молчат"}
