"""FAQ207 unbalanced-pairs: brackets and quotation marks that open and never close."""
from __future__ import annotations

import pytest

from pipeline.rules.unbalanced_pairs import UnbalancedPairs

from rules.support import check, entry, position, write_collection

ANSWER = ("We hear these phrases every day.\n\n"
          "- “I feel like I'm talking too much.”\n"
          "- “I'm the worst.\n"
          "- “I'm sorry for my emotions.”")


def test_unclosed_quote_in_a_list_item():
    item = entry(answer=ANSWER)
    [finding] = check(UnbalancedPairs, item)
    assert finding.message == "unbalanced “” in \"“I'm the worst.\""
    assert finding.field == "answer"
    assert item.answer[finding.offset:].startswith("“I'm the worst.")
    assert finding.fix is None and UnbalancedPairs.fixable is None


@pytest.mark.parametrize("question, pair", [
    ("Can I hug my therapist (or my counsellor?", "()"),
    ("What does [citation needed mean?", "[]"),
    ('Why do therapists say "tell me more?', '""'),
    ("Can I hug my therapist?)", "()"),
])
def test_unbalanced_question(question, pair):
    [finding] = check(UnbalancedPairs, entry(question=question))
    assert finding.message == f"unbalanced {pair} in the question"
    assert finding.field == "question"


@pytest.mark.parametrize("answer", [
    "Choose one: a) first b) second",
    "1) Open the app. 2) Tap Settings. 3) Choose Account.",
    "Pick a colour: i) red ii) blue iii) green iv) black",
    "Delivery takes 3-5 days (sometimes up to 7).",
    "Returns are free (see section 4) within 30 days.",
    'The bag fits a 15" laptop.',
    'He is 5\'11" tall, and "tall" is relative.',
    "Ask them: “Is it OK to hug you?”",
    "Keep it (mostly) short [but kind] {always}.",
])
def test_balanced_text_and_enumerators(answer):
    assert check(UnbalancedPairs, entry(answer=answer)) == []


def test_an_enumerator_does_not_hide_an_unclosed_bracket():
    [finding] = check(UnbalancedPairs, entry(answer="1) Open the app 2) Tap Settings (top right"))
    assert finding.message.startswith("unbalanced () in ")


@pytest.mark.parametrize("language, text", [
    ("de", "Sagen Sie: „Darf ich Sie umarmen?“"),
    ("de", "Sagen Sie: “Darf ich Sie umarmen?”"),  # German pages quote the English way too
    ("pl", "Zapytaj: „Czy mogę cię przytulić?”"),
    ("sv", "Fråga: ”Får jag krama dig?”"),
    ("fr", "Demandez : « Puis-je vous serrer dans mes bras ? »"),
    ("da", "Spørg: »Må jeg kramme dig?«"),
    ("ru", "Спросите: «Можно вас обнять? „Да“, — скажет он»"),
    ("ja", "「話しすぎている気がします。」と言う人もいます（よくあることです）。"),
    ("zh", "请阅读《常见问题》中的【说明】。"),
    ("ja", "１）アプリを開く ２）設定を選ぶ"),  # full-width enumerators
    ("en", "Home » Help » Therapy"),  # a lone » is a separator, not a quote
])
def test_quotation_marks_and_brackets_of_other_languages(language, text):
    assert check(UnbalancedPairs, entry(answer=text), language) == []


@pytest.mark.parametrize("language, text, pair", [
    ("de", "Sagen Sie: „Darf ich Sie umarmen?", "„“"),
    ("pl", "Zapytaj: „Czy mogę” i „jeszcze", "„”"),
    ("en", "Ask them: “Is it OK to hug you?“", "“”"),
    ("fr", "Demandez : « Puis-je ?", "«»"),
    ("ja", "「私は最悪です。", "「」"),
    ("zh", "请阅读《常见问题。", "《》"),
    ("ja", "料金（税込", "（）"),
])
def test_unclosed_quotation_marks_and_brackets_of_other_languages(language, text, pair):
    [finding] = check(UnbalancedPairs, entry(answer=text), language)
    assert finding.message.startswith(f"unbalanced {pair} in ")


def test_each_unbalanced_item_is_reported():
    findings = check(UnbalancedPairs, entry(answer="- (one\n- two)\n- three"))
    assert [f.message for f in findings] == ["unbalanced () in '(one'", "unbalanced () in 'two)'"]


def test_lint_points_at_the_item(corpus, faq):
    text = """\
name: therapy
title: Therapy
language: en
entries:
  - id: what-should-you-not-ask-your-therapist
    question: What should you not ask your therapist?
    answer: |-
      We hear these phrases every day.

      - “I feel like I'm talking too much.”
      - “I'm the worst.
      - “I'm sorry for my emotions.”
"""
    write_collection(corpus, "therapy", text)
    result = faq("lint", cwd=corpus)
    line, column = position(text, "“I'm the worst.")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ207 unbalanced “” in \"“I'm the worst.\" "
            "(unbalanced-pairs)") in result.stdout.splitlines()
