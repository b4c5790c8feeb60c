"""The plain-text ("people also ask") reader, one quirk at a time, on small fixture files."""
from __future__ import annotations

import pytest

from conftest import FIXTURES
from pipeline.errors import InputError
from pipeline.sources import read_source
from pipeline.sources.plaintext import read_plaintext


def _read(name: str):
    path = FIXTURES / "text" / name
    return read_source(path.read_bytes(), f"raw/{name}", "en")


def _by_question(result):
    return {entry.question: entry for entry in result.entries}


def test_questions_stand_alone_between_blank_lines():
    result = _read("paa-quirks.txt")
    assert [e.question for e in result.entries] == [
        "How long does a passport renewal take?",
        "What documents do I need?",
        "Can I travel while my renewal is pending?",
        "What should you not do at the passport office?",
        "How do I pay the fee?",
        "What passport offices don t tell you?",
        "Where do I renew a passport?",
        "Can dogs eat chocolate?",
        "Why is the sky blue?",
    ]


def test_question_over_a_list_after_a_complete_answer_is_the_next_question():
    entries = _by_question(_read("paa-quirks.txt"))
    renewal = entries["How long does a passport renewal take?"]
    assert renewal.answer == ("Standard renewals take six to eight weeks. Expedited service takes "
                              "two to three weeks.")
    documents = entries["What documents do I need?"]
    assert documents.answer == ("- Your most recent passport. ...\n- A recent photo ...\n"
                                "- The renewal form DS-82.")


def test_list_heading_with_question_mark_stays_in_the_answer():
    text = "What are red flags?\n\nWhat should a mechanic never do?\n  • Skip the test drive. ...\n  • Charge before asking.\n"
    result = read_plaintext(text, "raw/x.txt")
    assert [e.question for e in result.entries] == ["What are red flags?"]
    assert result.entries[0].answer == ("What should a mechanic never do?\n\n- Skip the test drive. ...\n"
                                        "- Charge before asking.")


def test_bullet_styles_and_numbered_lists():
    entries = _by_question(_read("paa-quirks.txt"))
    avoid = entries["What should you not do at the passport office?"].answer
    assert avoid == ("Things to avoid at the counter:\n\n- Arriving without an appointment.\n"
                     "- Bringing a photo with glasses.\n- Paying with a personal check ...")
    pay = entries["How do I pay the fee?"].answer
    assert pay.endswith("1. By check or money order.\n2. By credit card at an acceptance facility.")


def test_heading_with_no_answer_gets_an_empty_answer():
    entries = _by_question(_read("paa-quirks.txt"))
    assert entries["Can I travel while my renewal is pending?"].answer == ""


def test_navigation_questions_are_marked_and_markers_dropped():
    result = _read("paa-quirks.txt")
    entries = _by_question(result)
    assert "navigation" in entries["Can dogs eat chocolate?"].signals
    assert "navigation" in entries["Why is the sky blue?"].signals
    assert "navigation" in entries["Where do I renew a passport?"].signals
    assert "navigation" not in entries["How do I pay the fee?"].signals
    dropped = {d.text for d in result.dropped}
    assert {"People also ask", "Read more", "Related questions"} <= dropped
    last = entries["What passport offices don t tell you?"].answer
    assert "People also ask" not in last and "Read more" not in last


def test_questions_after_a_marker_that_have_answers_are_content():
    text = ("What is a visa?\n\nA permit to enter a country.\n\nPeople also ask\n\n"
            "How long is a visa valid?\n\nMost tourist visas are valid for 90 days.\n")
    result = read_plaintext(text, "raw/x.txt")
    entries = _by_question(result)
    assert entries["How long is a visa valid?"].signals == frozenset()
    assert entries["How long is a visa valid?"].answer == "Most tourist visas are valid for 90 days."


def test_bom_crlf_and_question_followed_directly_by_text():
    result = _read("paa-damaged.txt")
    assert [e.question.replace("\u00a0", " ") for e in result.entries] == [
        "Is the  museum open on Mondays?", "Do you offer student discounts?"]
    assert "\r" not in result.entries[0].answer
    assert result.entries[1].answer == "Yes, students with a valid card pay half price at every entrance."


def test_wrapped_lines_join_into_one_paragraph():
    entries = _by_question(_read("paa-wrapped.txt"))
    answer = entries["What is the warranty period for the kettle and its base?"].answer
    assert answer == ("The kettle comes with a two year warranty that covers the heating element and "
                      "the base, provided that the kettle was used according to the instructions in "
                      "the manual.\n\nKeep your receipt.")


def test_provenance_lines():
    entries = _by_question(_read("paa-quirks.txt"))
    assert entries["How long does a passport renewal take?"].provenance.lines == (1, 3)
    assert entries["What documents do I need?"].provenance.lines == (6, 9)


def test_text_that_looks_like_markdown_is_escaped():
    text = "What happened in 1999?\n\n1999. The year of the launch.\n\n# not a heading\n"
    result = read_plaintext(text, "raw/x.txt")
    assert result.entries[0].answer == "1999\\. The year of the launch.\n\n\\# not a heading"


@pytest.mark.parametrize("data, message, line", [
    (b"", "empty", None),
    (b"   \n\n  ", "empty", None),
    (b"Is it open?\n\nYes.\n\xff\xfe bad", "not valid UTF-8", 4),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", None),
    ("Is it open?\n\nYes it is.\n".encode("utf-16-le"), "UTF-16 without a byte-order mark", None),
    (b"Just some text.\n\nNo questions here.\n", "no questions found", None),
])
def test_bad_input_is_a_clear_error(data, message, line):
    with pytest.raises(InputError) as caught:
        read_source(data, "raw/bad.txt", "en")
    assert message in caught.value.message
    assert caught.value.path == "raw/bad.txt"
    assert caught.value.line == line


def test_utf16_with_bom_is_read():
    result = read_source("Is it open?\n\nYes, every day.\n".encode("utf-16"), "raw/u.txt", "en")
    assert result.entries[0].answer == "Yes, every day."


THAI = """ทำไมฉันต้องไปพบนักบำบัดทุกสัปดาห์

การพบนักบำบัดเป็นประจำช่วยให้การรักษาต่อเนื่อง และคุณจะเห็นความก้าวหน้าได้ชัดเจนกว่า

ค่าบริการต่อครั้งเท่าไหร่คะ

ค่าบริการขึ้นอยู่กับคลินิก โดยทั่วไปอยู่ระหว่างหนึ่งพันถึงสามพันบาท

ฉันสามารถกอดนักบำบัดได้ไหม

นักบำบัดหลายคนยอมรับการกอดสั้นๆ หากคุณถามก่อน
"""


def test_thai_questions_are_asked_in_words_not_marks():
    # Thai writes no question mark: a question ends in a question particle (ไหม), a
    # question word (เท่าไหร่) before a polite particle (คะ), or opens with one (ทำไม).
    result = read_source(THAI.encode("utf-8"), "raw/th.txt", "th")
    assert [(e.question, e.answer.split()[0]) for e in result.entries] == [
        ("ทำไมฉันต้องไปพบนักบำบัดทุกสัปดาห์", "การพบนักบำบัดเป็นประจำช่วยให้การรักษาต่อเนื่อง"),
        ("ค่าบริการต่อครั้งเท่าไหร่คะ", "ค่าบริการขึ้นอยู่กับคลินิก"),
        ("ฉันสามารถกอดนักบำบัดได้ไหม", "นักบำบัดหลายคนยอมรับการกอดสั้นๆ"),
    ]


@pytest.mark.parametrize("line, asks", [
    ("ฉันสามารถกอดนักบำบัดได้ไหมครับ", True),
    ("ใครเป็นคนดูแลข้อมูลของฉัน", True),
    ("การพบนักบำบัดเป็นประจำช่วยให้การรักษาต่อเนื่อง", False),
    ("ขอบคุณครับ", False),  # a polite particle alone does not ask
    ("ทำไม" + "ก" * 130, False),  # too long for a question: a sentence of an answer
])
def test_a_thai_line_that_asks(line, asks):
    from pipeline.language import ends_like_question

    assert ends_like_question(line) is asks


@pytest.mark.parametrize("line, asks", [
    ("返品はできますか", True),
    ("料金はいくらでしょうか", True),
    ("予約しなくても大丈夫ですか？", True),
    ("送料は無料です。", False),
    ("Ինչպե՞ս փոխել գաղտնաբառը", True),  # Armenian marks the word that asks
    ("Ինչպես փոխել գաղտնաբառը", False),
])
def test_a_japanese_line_that_asks_without_its_question_mark(line, asks):
    from pipeline.language import ends_like_question

    assert ends_like_question(line) is asks


@pytest.mark.parametrize("marker, chrome", [
    ("Ähnliche Suchanfragen", "War diese Antwort hilfreich?"),
    ("Autres questions posées", "Lire la suite"),
    ("Búsquedas relacionadas", "Compartir"),
    ("Mensen vragen ook", "Lees meer"),
    ("Похожие вопросы", "Читать далее"),
    ("他の人はこちらも質問", "続きを読む"),
    ("相关问题", "阅读更多"),
])
def test_navigation_and_chrome_of_other_languages(marker, chrome):
    text = (f"Wie lange dauert die Lieferung?\n\nZwei bis drei Werktage.\n{chrome}\n\n{marker}\n\n"
            "Können Menschen Knochen durchbeißen?\n\nWarum bekommen Menschen keine Flöhe?\n")
    result = read_plaintext(text, "raw/x.txt")
    entries = _by_question(result)
    assert entries["Wie lange dauert die Lieferung?"].answer == "Zwei bis drei Werktage."
    assert "navigation" in entries["Können Menschen Knochen durchbeißen?"].signals
    assert "navigation" in entries["Warum bekommen Menschen keine Flöhe?"].signals
    assert {marker, chrome} <= {d.text for d in result.dropped}


@pytest.mark.parametrize("text, encoding", [
    ("Можно ли обнять терапевта?\n\nЕсли вы чувствуете себя в безопасности, попросить не повредит.\n", "cp1251"),
    ("セラピストにハグを求めてもいいですか？\n\n安全で快適だと感じるなら、頼んでみても害はありません。\n", "shift_jis"),
    ("Можно ли обнять терапевта?\n\nЕсли вы чувствуете себя в безопасности, попросить не повредит.\n", "koi8_r"),
    # short, and the same in cp1250: named cp1252, the web's most common
    ("Qu'est-ce qu'un thérapeute?\n\nUn thérapeute écoute.\n", "cp1252"),
])
def test_a_text_in_a_legacy_encoding_is_named_in_the_error(tmp_path, text, encoding):
    import subprocess

    with pytest.raises(InputError) as error:
        read_source(text.encode(encoding), "raw/x.txt", "en")
    label = encoding.replace("_", "-")
    assert error.value.message.startswith("not valid UTF-8")
    assert f"it may be {label}; re-save it as UTF-8, e.g. with iconv -f {label} -t utf-8" == error.value.hint
    # and the command it gives does what it says
    source = tmp_path / "x.txt"
    source.write_bytes(text.encode(encoding))
    converted = subprocess.run(["iconv", "-f", label, "-t", "utf-8", str(source)], capture_output=True, check=True)
    assert converted.stdout.decode("utf-8") == text
