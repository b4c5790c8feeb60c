"""FAQ301 duplicate-question: the same question twice in the corpus; the later copy goes."""
from __future__ import annotations

import pytest

from pipeline.clean import clean_collection
from pipeline.rules.duplicate_question import DuplicateQuestion

from rules.support import (check_collection, collection, context, entry, inside_word, position, rule_set,
                           write_collection)

ANSWER = "Many therapists are comfortable with a brief hug if you ask first."


def _entry(question: str, id: str = "", answer: str = ANSWER):
    item = entry(question=question, answer=answer)
    item.id = id
    return item


def test_later_copy_in_the_same_collection():
    first = _entry("Can I hug my therapist?", "can-i-hug-my-therapist")
    other = _entry("Is it normal to cry in therapy?", "is-it-normal-to-cry-in-therapy")
    copy = _entry("can i HUG my  therapist", "can-i-hug-my-therapist-2")
    [finding] = check_collection(DuplicateQuestion, collection(first, other, copy))
    assert finding.entry is copy
    assert finding.message == "duplicate of the earlier question 'can-i-hug-my-therapist'"
    assert finding.field == "question"
    assert finding.remove is True and finding.fix is None


def test_entries_without_ids_are_named_by_position():
    [finding] = check_collection(DuplicateQuestion, collection(
        _entry("Is it normal to cry?"), _entry("Can I hug you?"), _entry("Can I hug you?")))
    assert finding.message == "duplicate of the earlier question '#2'"


@pytest.mark.parametrize("first, second", [
    ("What therapists don't tell you?", "What therapists don’t tell you?"),
    ("What's a therapy session like?", "Whats a therapy session like?"),
    ("Can I hug my therapist?", "Can I hug my therapist?!"),
    ("Can I hug my therapist?", "CAN I HUG MY THERAPIST"),
    ("Ｃａｎ I hug my therapist?", "Can I hug my therapist?"),  # full-width letters
])
def test_case_punctuation_and_spacing_are_ignored(first, second):
    findings = check_collection(DuplicateQuestion, collection(_entry(first, "a"), _entry(second, "b")))
    assert [f.entry.id for f in findings] == ["b"]


@pytest.mark.parametrize("first, second", [
    ("Can I hug my therapist?", "Can I hug my client?"),
    ("Can I hug my therapist?", "Can I hug my therapist at the end of a session?"),
    ("Is therapy worth it?", "Is therapy worth it in 2024?"),
    ("Is a café open?", "Is a cafe open?"),
])
def test_similar_questions_are_not_duplicates(first, second):
    assert check_collection(DuplicateQuestion, collection(_entry(first, "a"), _entry(second, "b"))) == []


def test_across_collections_the_collection_named_first_keeps_the_question():
    alpha = collection(_entry("Can I hug my therapist?", "can-i-hug-my-therapist"), name="alpha")
    beta = collection(_entry("Is it normal to cry?", "is-it-normal-to-cry"),
                      _entry("Can I hug my therapist?", "can-i-hug-my-therapist-2"), name="beta")
    # The corpus order does not matter, only the names.
    for corpus in ([alpha], [beta, alpha], [alpha, beta]):
        others = [c for c in corpus if c is not beta]
        [finding] = check_collection(DuplicateQuestion, beta, others)
        assert finding.entry.id == "can-i-hug-my-therapist-2"
        assert finding.message == ("duplicate of the earlier question 'can-i-hug-my-therapist' in "
                                   "collection 'alpha'")
        assert check_collection(DuplicateQuestion, alpha, [c for c in corpus if c is not alpha]) == []


def test_an_entry_already_removed_is_not_the_original():
    empty = _entry("Can I hug my therapist?", "a", answer="")
    answered = _entry("Can I hug my therapist?", "b")
    target = collection(empty, answered)
    assert check_collection(DuplicateQuestion, target, removed={id(empty)}) == []
    [finding] = check_collection(DuplicateQuestion, target)
    assert finding.entry is answered


def test_cleaning_removes_the_later_copy_and_keeps_the_answered_one(tmp_path):
    empty = _entry("Can I hug my therapist?", answer="")
    first = _entry("Is it normal to cry in therapy?")
    answered = _entry("can I hug my therapist")
    copy = _entry("Is it normal to cry in therapy?", answer="Yes, it is common.")
    target = collection(empty, first, answered, copy)
    result = clean_collection(target, [], rule_set(tmp_path))
    assert target.entries == [first, answered]
    reasons = {(item.question, item.answer): [(r.code, r.message) for r in item.reasons]
               for item in result.removals.entries}
    assert reasons == {
        ("Can I hug my therapist?", ""): [("FAQ201", "no answer follows this question")],
        ("Is it normal to cry in therapy?", "Yes, it is common."): [
            ("FAQ301", "duplicate of the earlier question '#2'")],
    }


def test_cleaning_removes_a_question_another_collection_already_has(tmp_path):
    alpha = collection(_entry("Can I hug my therapist?", "can-i-hug-my-therapist"), name="alpha")
    zulu = collection(_entry("Can I hug my therapist?"), _entry("Is it normal to cry?"), name="zulu")
    result = clean_collection(zulu, [alpha], rule_set(tmp_path))
    assert [e.question for e in zulu.entries] == ["Is it normal to cry?"]
    [removed] = result.removals.entries
    assert [(r.name, r.message) for r in removed.reasons] == [
        ("duplicate-question", "duplicate of the earlier question 'can-i-hug-my-therapist' in collection "
                               "'alpha'")]
    # ...but a collection named earlier keeps its copy, whatever was ingested first.
    aardvark = collection(_entry("Can I hug my therapist?"), name="aardvark")
    assert clean_collection(aardvark, [alpha], rule_set(tmp_path)).removals.entries == []


def test_lint_reports_the_later_file_only(corpus, faq):
    first = """\
name: alpha
title: Alpha
language: en
entries:
  - id: can-i-hug-my-therapist
    question: Can I hug my therapist?
    answer: |-
      Many therapists are comfortable with a brief hug if you ask first.
"""
    second = """\
name: beta
title: Beta
language: en
entries:
  - id: is-it-normal-to-cry-in-therapy
    question: Is it normal to cry in therapy?
    answer: |-
      Yes. Crying in therapy is common, and your therapist sees it often.
  - id: may-i-hug-my-therapist
    question: can I hug my therapist
    answer: |-
      Ask first; many therapists are comfortable with a brief hug.
"""
    write_collection(corpus, "alpha", first)
    write_collection(corpus, "beta", second)
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    line, column = position(second, "question: can I hug")
    assert (f"clean/beta.yaml:{line}:{column}: error FAQ301 duplicate of the earlier question "
            "'can-i-hug-my-therapist' in collection 'alpha' (duplicate-question)") in result.stdout.splitlines()
    assert not [l for l in result.stdout.splitlines() if "FAQ301" in l and "alpha.yaml" in l]


# -- scale: one index per run, the same findings as comparing every pair ----------

import random  # noqa: E402
import unicodedata  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import pipeline.rules.corpus_wide as corpus_wide  # noqa: E402
from pipeline.rules.duplicate_question import question_key  # noqa: E402


def _reference_key(question: str) -> str:
    """The definition: NFKC, case-folded, apostrophes dropped, letters and digits kept,
    and the marks written inside words (those of the Basic Multilingual Plane, and the
    zero-width joiner and non-joiner)."""
    text = unicodedata.normalize("NFKC", question).casefold().replace("’", "'")
    kept = "".join(ch if ch.isalnum() or inside_word(ch) else " " for ch in text.replace("'", ""))
    return " ".join(kept.split())


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=127))))
def test_question_key_matches_its_definition(question):
    assert question_key(question) == _reference_key(question)


@pytest.mark.parametrize("question", ["Can I hug_my therapist?", "Ｃａｎ I ﬁle it?", "Straße ß?",
                                      "What's\tup…", "İstanbul?", "½ cup", "a\u0301b",
                                      "पासवर्ड कैसे बदलें?", "می‌خواهم؟", "ทำไม?", "x\U00011001y"])
def test_question_key_on_awkward_text(question):
    assert question_key(question) == _reference_key(question)


def _lint_like(collections, removed=None):
    """Findings as `faq lint` gets them: one rule instance, called per collection
    with the others as its corpus."""
    rule = DuplicateQuestion()
    found = {}
    for target in collections:
        others = [c for c in collections if c is not target]
        ctx = context(DuplicateQuestion, target, others, removed=removed or set())
        found[target.name] = [(f.entry.id, f.message) for f in rule.check_collection(target, ctx)]
    return found


def _pairwise(collections, removed=set()):
    """Every entry compared with every earlier one: the rule's meaning, slowly."""
    ordered = sorted(collections, key=lambda c: c.name)
    found = {}
    for target in ordered:
        found[target.name] = []
        for index, item in enumerate(target.entries):
            key = _reference_key(item.question)
            if not key or id(item) in removed:
                continue
            earlier = [(c.name, e.id or f"#{i + 1}") for c in ordered if c.name < target.name
                       for i, e in enumerate(c.entries) if _reference_key(e.question) == key]
            earlier += [(target.name, e.id or f"#{i + 1}") for i, e in enumerate(target.entries[:index])
                        if _reference_key(e.question) == key and id(e) not in removed]
            if earlier:
                where, first = earlier[0]
                at = f"'{first}'" if where == target.name else f"'{first}' in collection '{where}'"
                found[target.name].append((item.id, f"duplicate of the earlier question {at}"))
    return found


@pytest.mark.parametrize("cleaning", [False, True])
@pytest.mark.parametrize("seed", range(8))
def test_many_collections_give_what_comparing_every_pair_gives(seed, cleaning):
    rng = random.Random(seed)
    pool = ["Can I hug my therapist?", "can i hug my THERAPIST", "Is it normal to cry?",
            "How long does therapy take?", "How long does therapy take", "What's a session like?",
            "Whats a session like?", "Ｃａｎ I hug my therapist?", "?", "Why do cats purr?"]
    names = rng.sample(["alpha", "beta", "gamma", "delta", "epsilon", "zeta"], rng.randint(1, 6))
    collections = [collection(*[_entry(rng.choice(pool), rng.choice([f"{name}-{i}", ""]))
                                for i in range(rng.randint(0, 8))], name=name) for name in names]
    # Cleaning passes the entries other rules removed; linting passes none.
    removed = {id(e) for c in collections for e in c.entries if rng.random() < 0.2} if cleaning else set()
    if cleaning and not removed and collections[0].entries:
        removed = {id(collections[0].entries[0])}
    assert _lint_like(collections, removed) == _pairwise(collections, removed)


def test_the_corpus_is_keyed_once_per_run_not_once_per_collection(monkeypatch):
    calls = []

    def counting(question):
        calls.append(question)
        return _reference_key(question)

    # Linting keys each collection's questions once, as its part for the corpus-wide rules.
    monkeypatch.setattr(corpus_wide, "question_key", counting)
    collections = [collection(*[_entry(f"Question {c} {i}?", f"q-{c}-{i}") for i in range(20)],
                              name=f"c{c:02d}") for c in range(30)]
    _lint_like(collections)
    # Once per question in one run; comparing each collection with all the ones
    # before it again would take about 15 times as many.
    assert len(calls) == 30 * 20


def test_same_named_collections_are_not_earlier_than_each_other():
    first = collection(_entry("Can I hug my therapist?", "a"), name="same")
    second = collection(_entry("Can I hug my therapist?", "b"), name="same")
    later = collection(_entry("can i hug my therapist", "c"), name="zulu")
    found = _lint_like([first, second, later])
    assert found == _pairwise([first, second, later])
    assert found["zulu"] == [("c", "duplicate of the earlier question 'a' in collection 'same'")]


def test_a_changed_corpus_is_indexed_again():
    alpha = collection(_entry("Can I hug my therapist?", "hug"), name="alpha")
    beta = collection(_entry("Can I hug my therapist?", "hug-2"), name="beta")
    rule = DuplicateQuestion()
    assert len(list(rule.check_collection(beta, context(DuplicateQuestion, beta, [alpha])))) == 1
    renamed = collection(_entry("Is it normal to cry?", "cry"), name="alpha")
    assert list(rule.check_collection(beta, context(DuplicateQuestion, beta, [renamed]))) == []
