"""The Q:/A: and numbered-question text reader, on small fixture files."""
from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import FIXTURES, SEED
from pipeline.errors import InputError
from pipeline.sources import ReadOptions, read_source
from pipeline.sources.plaintext import read_plaintext
from pipeline.sources.qa_text import looks_like_qa, read_qa_text

GERMAN = ReadOptions(language="de", markers={"question": ["F:", "Frage:"], "answer": ["Antwort:"]})


def _read(name: str, options: ReadOptions | None = None):
    path = FIXTURES / "text" / name
    return read_source(path.read_bytes(), f"raw/{name}", options or ReadOptions())


def _questions(result) -> list[str]:
    return [entry.question for entry in result.entries]


def test_people_also_ask_seed_is_not_qa_text():
    text = SEED.read_text(encoding="utf-8")
    assert not looks_like_qa(text, ReadOptions())
    assert not looks_like_qa(text, GERMAN)
    via_table = read_source(SEED.read_bytes(), "raw/seed.txt", ReadOptions())
    assert _questions(via_table) == _questions(read_plaintext(text, "raw/seed.txt"))


def test_marked_file_is_recognised_and_read_in_order():
    result = _read("qa-router.txt")
    assert _questions(result) == [
        "How do I reset the router to factory settings?",
        "What do the lights on the front of the router mean?",
        "Can I use the router with a cable modem?",
        "How do I update the router's firmware?",
        "Where is the serial number of the router printed",  # no "?" in the source, none added
        "Why does the router's Wi-Fi drop out when the microwave is running?",
    ]


def test_wrapped_paragraphs_are_joined_and_lists_kept():
    entries = {e.question: e for e in _read("qa-router.txt").entries}
    reset = entries["How do I reset the router to factory settings?"]
    assert reset.answer == ("Press and hold the reset button on the back for ten seconds, until the power "
                            "light blinks amber. The router then restarts with the settings it shipped with.")
    assert reset.provenance.lines == (4, 7)
    lights = entries["What do the lights on the front of the router mean?"].answer
    assert lights == ("Each light shows one part of the router's connection:\n\n"
                      "- Power: the router is switched on.\n- Internet: the router has reached your provider.\n"
                      "- Wi-Fi: the router's wireless network is up.")
    firmware = entries["How do I update the router's firmware?"].answer
    assert firmware.split("\n") == [
        "1. Open the router's admin page at 192.168.1.1.", "2. Choose Settings, then Firmware.",
        "3. Click Check for updates and wait until the router restarts."]
    assert entries["Can I use the router with a cable modem?"].answer.startswith("Yes. Connect the cable modem")


def test_furniture_and_preamble_are_dropped_with_reasons():
    result = _read("qa-router.txt")
    dropped = {(d.text, d.line): d for d in result.dropped}
    assert dropped[("Back to top", 15)].name == "furniture-residue"
    assert dropped[("Read more", 36)].name == "furniture-residue"
    assert dropped[("Acme Router X2: questions and answers", 1)].message == "text before the first question"
    assert all("Back to top" not in e.answer and "Read more" not in e.answer for e in result.entries)


@pytest.mark.parametrize("question, answer", [
    ("Q: Do you ship to Norway?", "A: Yes, we ship to Norway twice a week."),
    ("Question: Do you ship to Norway?", "Answer: Yes, we ship to Norway twice a week."),
    ("QUESTION: Do you ship to Norway?", "ANSWER: Yes, we ship to Norway twice a week."),
    ("Q. Do you ship to Norway?", "A. Yes, we ship to Norway twice a week."),
    ("Q1: Do you ship to Norway?", "A1: Yes, we ship to Norway twice a week."),
    ("Question 1. Do you ship to Norway?", "Yes, we ship to Norway twice a week."),
])
def test_marker_styles(question, answer):
    second = question.replace("1", "2").replace("Do you ship to Norway?", "Do you ship to Iceland?")
    text = f"{question}\n{answer}\n\n{second}\n{answer.replace('Norway', 'Iceland')}\n"
    assert looks_like_qa(text, ReadOptions())
    result = read_qa_text(text, "raw/x.txt", ReadOptions())
    assert _questions(result) == ["Do you ship to Norway?", "Do you ship to Iceland?"]
    assert result.entries[0].answer == "Yes, we ship to Norway twice a week."


def test_one_letter_markers_keep_their_case_so_lettered_lists_stay_in_the_answer():
    text = ("Q: Which plans are there?\nA: There are two plans:\na. Basic, for one person.\n"
            "b. Family, for up to five people.\n")
    result = read_qa_text(text, "raw/x.txt", ReadOptions())
    assert result.entries[0].answer == ("There are two plans: a. Basic, for one person. "
                                        "b. Family, for up to five people.")


def test_numbered_questions_with_a_table_of_contents():
    result = _read("qa-toc.txt")
    assert _questions(result) == [
        "How do I join the garden club?",
        "How much does garden club membership cost?",
        "Can I rent a garden plot without joining the club?",
        "What happens if I stop tending my garden plot?",
    ]
    assert all(entry.answer for entry in result.entries)
    toc = [d for d in result.dropped if d.message.startswith("table of contents")]
    assert [d.line for d in toc] == [4, 5, 6, 7]
    assert toc[0].text == "1. How do I join the garden club?"
    assert {d.text for d in result.dropped} >= {"Back to top", "Contents",
                                                "Below you find the answers to our members' most frequent questions."}


def test_numbered_questions_inside_an_answer_stay_in_it():
    entries = {e.question: e for e in _read("qa-toc.txt").entries}
    answer = entries["What happens if I stop tending my garden plot?"].answer
    assert "1. Do I have two hours a week for the garden?\n2. Can someone water the garden plot" in answer
    assert answer.endswith("goes to the next person on the club's waiting list.")
    cost = entries["How much does garden club membership cost?"].answer
    assert cost.endswith("- water for your garden plot,\n- the shared tools of the club,\n"
                         "- the spring and autumn seed swap.")


def test_table_of_contents_of_marked_questions():
    result = _read("qa-toc-marked.txt")
    assert _questions(result) == [
        "When is the tenants' association meeting?",
        "Who can join the tenants' association?",
        "How much is the tenants' association fee?",
    ]
    assert [e.provenance.lines for e in result.entries] == [(7, 9), (11, 13), (15, 16)]
    assert [(d.line, d.message) for d in result.dropped if d.line in (3, 4, 5)] == [
        (line, "table of contents: the question is asked again below") for line in (3, 4, 5)]


def test_table_of_contents_of_bullets_before_marked_questions():
    text = ("Contents:\n- Can I bring my dog?\n- Is there parking?\n\n"
            "Q: Can I bring my dog?\nA: Dogs on a lead are welcome in the garden.\n\n"
            "Q: Is there parking?\nA: There are twenty spaces behind the hall.\n")
    result = read_qa_text(text, "raw/x.txt", ReadOptions())
    assert _questions(result) == ["Can I bring my dog?", "Is there parking?"]
    assert [d.line for d in result.dropped if d.message.startswith("table of contents")] == [2, 3]


def test_a_question_asked_twice_with_answers_is_no_table_of_contents():
    text = ("Q: Is there parking?\nA: Yes, behind the hall.\n\n"
            "Q: Is there parking?\nA: Yes, twenty spaces.\n")
    result = read_qa_text(text, "raw/x.txt", ReadOptions())
    assert [e.answer for e in result.entries] == ["Yes, behind the hall.", "Yes, twenty spaces."]


def test_markers_of_the_source_language_and_of_the_configuration():
    text = (FIXTURES / "text" / "fragen-versand.txt").read_text(encoding="utf-8")
    assert not looks_like_qa(text, ReadOptions(language="en"))  # "F:" asks only in German
    assert looks_like_qa(text, ReadOptions(language="de"))  # German's own markers
    assert _questions(_read("fragen-versand.txt", ReadOptions(language="de"))) == \
        _questions(_read("fragen-versand.txt", GERMAN))
    assert looks_like_qa(text, ReadOptions(language="en", markers={"question": ["F:"]}))  # configured
    result = _read("fragen-versand.txt", GERMAN)
    assert _questions(result) == [
        "Wie lange dauert der Versand einer Bestellung?",
        "Was kostet der Versand einer Bestellung?",
        "Kann ich die Lieferadresse meiner Bestellung nachträglich ändern",
        "Wohin liefern Sie Bestellungen?",
    ]
    assert result.entries[2].answer.startswith("Ja, solange die Bestellung noch nicht verschickt wurde.")
    assert result.entries[0].provenance.lines == (3, 5)


@pytest.mark.parametrize("language, text", [
    ("es", "P: ¿Cuánto tarda el envío?\nR: Entre dos y tres días.\n\nP: ¿Puedo cambiar la dirección?\n"
           "R: Sí, mientras el pedido no haya salido.\n"),
    ("it", "Domanda: Quanto costa la spedizione?\nRisposta: È gratuita sopra i 50 euro.\n\n"
           "Domanda: Posso cambiare indirizzo?\nRisposta: Sì, prima della spedizione.\n"),
    ("nl", "V: Hoe lang duurt de levering?\nA: Twee tot drie werkdagen.\n\nV: Kan ik mijn adres wijzigen?\n"
           "A: Ja, zolang de bestelling niet is verzonden.\n"),
])
def test_markers_of_other_languages_are_built_in(language, text):
    result = read_qa_text(text, "raw/x.txt", ReadOptions(language=language))
    assert len(result.entries) == 2
    assert all(entry.answer and not entry.answer.startswith(("R:", "A:", "Risposta")) for entry in result.entries)


def test_no_questions_is_an_error():
    with pytest.raises(InputError, match="no questions found"):
        read_qa_text("A: an answer to nothing\n", "raw/x.txt", ReadOptions())


def _ingest_and_lint(corpus, faq, fixture, config=""):
    if config:
        (corpus / "faq.toml").write_text(config, encoding="utf-8")
    shutil.copy(fixture, corpus / "raw" / fixture.name)
    ingested = faq("ingest", f"raw/{fixture.name}", cwd=corpus)
    assert ingested.returncode == 0, ingested.output
    linted = faq("lint", cwd=corpus)
    assert linted.returncode == 0, linted.output
    return yaml.safe_load((corpus / "clean" / f"{fixture.stem}.yaml").read_text(encoding="utf-8"))


def test_end_to_end_german_file_with_markers_from_faq_toml(corpus, faq):
    config = ('language = "de"\n\n[ingest.markers]\nquestion = ["F:", "Frage:"]\n'
              'answer = ["Antwort:"]\n')
    collection = _ingest_and_lint(corpus, faq, FIXTURES / "text" / "fragen-versand.txt", config)
    assert collection["language"] == "de"
    assert [e["question"] for e in collection["entries"]] == _questions(_read("fragen-versand.txt", GERMAN))
    assert len(collection["entries"]) == 4


@pytest.mark.parametrize("name, toc_line", [
    ("qa-toc.txt", "1. How do I join the garden club?"),
    ("qa-toc-marked.txt", "Q1: When is the tenants' association meeting?"),
])
def test_end_to_end_table_of_contents_makes_no_empty_or_duplicate_entries(corpus, faq, name, toc_line):
    collection = _ingest_and_lint(corpus, faq, FIXTURES / "text" / name)
    questions = [e["question"] for e in collection["entries"]]
    assert questions == _questions(_read(name))
    assert all(e["answer"].strip() for e in collection["entries"])
    removed = yaml.safe_load((corpus / "clean" / f"{name[:-4]}.removed.yaml").read_text(encoding="utf-8"))
    assert removed["removed"] == []  # nothing empty or duplicated for cleaning to take out
    assert toc_line in {item["text"] for item in removed["trimmed"]}
