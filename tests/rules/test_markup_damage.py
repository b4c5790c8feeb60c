"""FAQ215 markup-damage: HTML entities and tags left in the text, broken Markdown."""
from __future__ import annotations

import pytest

from pipeline.clean import clean_collection
from pipeline.rules.markup_damage import MarkupDamage, code_spans

from rules.support import assert_fix_is_idempotent, check, collection, entry, rule_set


def test_entities_and_a_line_break_tag():
    item = entry("What&#39;s a hug?", "Don&#39;t worry.<br>We&nbsp;can help &amp; advise.")
    question, answer = check(MarkupDamage, item)
    assert question.message == "HTML entity '&#39;' in the question"
    assert (question.field, question.offset) == ("question", 4)
    assert question.fix.changes == {"question": "What's a hug?"}
    assert answer.message == "HTML entities '&#39;', '&nbsp;', '&amp;' and HTML tag '<br>' in the answer"
    assert (answer.field, answer.offset) == ("answer", 3)
    assert answer.fix.safe and answer.fix.changes == {"answer": "Don't worry.\nWe can help & advise."}


@pytest.mark.parametrize("answer, fixed", [
    ("<p>First paragraph.</p><p>Second paragraph.</p>", "First paragraph.\n\nSecond paragraph."),
    ('<div class="answer">Ask <span style="x">first</span>.</div>', "Ask first."),
    ("- Ask first.<br>Then wait.\n- Accept a no.", "- Ask first. Then wait.\n- Accept a no."),
    ("Ask first. <br /> Then wait.", "Ask first.\nThen wait."),
    # Entities that would become Markdown are escaped; a bare "<3" is harmless.
    ("5 &gt; 3, &lt;3, &#42;starred&#42; and &lt;b&gt;", "5 > 3, <3, \\*starred\\* and \\<b>"),
    ("A soft&shy;hyphen and a non&#8209;breaking one", "A softhyphen and a non\u2011breaking one"),
])
def test_safe_repairs(answer, fixed):
    [finding] = [f for f in check(MarkupDamage, entry(answer=answer)) if f.fix]
    assert finding.fix.changes == {"answer": fixed}


def test_other_tags_are_reported_without_a_fix():
    item = entry(answer='Read <a href="https://example.com">our guide</a> or <b>ask</b>.')
    [finding] = check(MarkupDamage, item)
    assert finding.message == "HTML tags '<a href=\"https://example.com\">', '</a>', '<b>', ... in the answer"
    assert (finding.offset, finding.fix) == (5, None)


def test_tags_a_reader_escaped_into_text():
    [finding] = check(MarkupDamage, entry(answer="Ask first.\\<br>Then wait."))
    assert finding.message == "HTML tag '<br>' shown as text in the answer"
    assert (finding.offset, finding.fix) == (10, None)


def test_unclosed_emphasis_and_backticks():
    item = entry(answer="Hugs are fine.\n\nThis is **important and never closed. Run `faq lint")
    backtick, emphasis = check(MarkupDamage, item)
    assert backtick.message.startswith("a backtick opens code that never closes in 'This is **")
    assert item.answer[backtick.offset:] == "`faq lint"
    assert emphasis.message.startswith("'**' emphasis is never closed in 'This is **")
    assert item.answer[emphasis.offset:].startswith("**important")
    assert backtick.fix is None and emphasis.fix is None


@pytest.mark.parametrize("answer", [
    "Use `<br>` for a line break and `&amp;` for an ampersand.",  # code is shown on purpose
    "This is **bold** and ***very bold***, and ``a ` inside`` code.",
    "Visit <https://example.com/a_b> or write to <help@example.com>.",
    "AT&T, R&D and Q&A; the &madeup; entity is text.",
    "Fill in the <placeholder> yourself.",  # not an HTML element: placeholder-text's
    "See https://example.com/a**b for the file.",
    "Use the \\* key and 2 * 3.",
])
def test_near_misses(answer):
    assert check(MarkupDamage, entry(answer=answer)) == []


def test_fix_is_idempotent():
    item = entry(answer="Don&amp;#39;t worry.<br><br>&lt;br&gt; We&nbsp;&nbsp;help.")
    after = assert_fix_is_idempotent(MarkupDamage, item)
    assert after["answer"] == "Don't worry.\n\n\\<br> We  help."


def test_code_spans():
    assert code_spans("a `b` c ``d ` e`` f `g") == ([(2, 5), (8, 17)], [20])
    assert code_spans("`a\n\nb`") == ([], [0, 5])  # a code span does not cross paragraphs


def test_cleaning_decodes_entities(tmp_path):
    item = entry(answer="Yes&nbsp;&ndash; ask first.")
    clean_collection(collection(item), [], rule_set(tmp_path))
    assert item.answer == "Yes – ask first."
