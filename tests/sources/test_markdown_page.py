"""The Markdown FAQ page reader, on small fixture pages."""
from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import FIXTURES
from pipeline.errors import InputError
from pipeline.sources import ReadOptions, read_source
from pipeline.sources.markdown_page import normalise_markdown, read_markdown


def _read(name: str):
    path = FIXTURES / "markdown" / name
    return read_source(path.read_bytes(), f"raw/{name}", ReadOptions())


def _page(text: str):
    return read_markdown(text.encode("utf-8"), "raw/page.md", ReadOptions())


def _by_question(result):
    return {entry.question: entry for entry in result.entries}


def test_front_matter_gives_title_description_and_language():
    result = _read("help-centre.md")
    assert result.title == "Bookshop help centre"
    assert result.description == "Answers about orders and payments at the Corner Bookshop."
    assert result.language == "en-GB"  # "en_GB" in the page, as a BCP 47 tag
    assert result.warnings == []


def test_question_headings_under_section_headings_become_tagged_entries():
    result = _read("help-centre.md")
    assert [(e.question, e.tags) for e in result.entries] == [
        ("How do I track my book order?", ["Orders"]),
        ("Can I change a book order after placing it?", ["Orders"]),
        ("Which payment methods does the bookshop accept?", ["Payments"]),
        ("How do I redeem a bookshop gift card?", ["Payments"]),
    ]
    assert result.entries[0].provenance.lines == (17, 23)


def test_answers_stay_markdown_normalised_to_the_subset():
    entries = _by_question(_read("help-centre.md"))
    track = entries["How do I track my book order?"].answer
    assert track == ("Open the link in your *order confirmation* email. The tracking page shows:\n\n"
                     "- when the bookshop packed the order,\n- which carrier has the books,\n"
                     "- the expected delivery day.")
    change = entries["Can I change a book order after placing it?"].answer
    assert "with the **order number** and the change." in change
    assert "\n\n**Orders that are already packed**\n\n" in change  # a '####' heading inside the answer
    assert "[returns](https://bookshop.example/returns)" in change
    payment = entries["Which payment methods does the bookshop accept?"].answer
    assert payment == ("The bookshop accepts:\n\n1. debit and credit cards,\n2. PayPal,\n"
                       "3. bookshop gift cards.")
    gift = entries["How do I redeem a bookshop gift card?"].answer
    assert "```sh\n## not a heading: this is a comment in a code block\ncurl" in gift


def test_page_furniture_table_of_contents_and_section_intros_are_dropped():
    result = _read("help-centre.md")
    dropped = {d.text: d for d in result.dropped}
    assert dropped["[Back to top](#top)"].name == "furniture-residue"
    assert dropped["↑ Back to top"].line == 60
    assert dropped["- [How do I track my book order?](#track)"].message == "text before the first question"
    assert dropped["Payment questions are answered by our accounts team."].message == "text outside any question"
    for entry in result.entries:
        assert "Back to top" not in entry.answer and "---" not in entry.answer
        assert "accounts team" not in entry.answer


def test_bold_line_questions_with_sections_as_tags():
    result = _read("bold-questions.md")
    assert result.title == "Bike repair workshop"
    assert [(e.question, e.tags) for e in result.entries] == [
        ("How do I book a bike repair?", ["Booking a bike repair"]),
        ("Can I wait while the bike repair is done?", ["Booking a bike repair"]),
        ("Do I pay for the bike repair in advance?", ["Paying for a bike repair"]),
    ]
    assert result.entries[0].answer == ("Use the booking form on our website, or call the workshop during "
                                        "opening hours.")


def test_bold_line_questions_under_a_single_title_heading():
    result = _page("# Choir FAQ\n\n**When does the choir rehearse?**\n\nOn Thursdays at eight.\n\n"
                   "**Do I need to read music?**\nNo, we learn the songs by ear.\n")
    assert result.title == "Choir FAQ"
    assert [(e.question, e.tags, e.answer) for e in result.entries] == [
        ("When does the choir rehearse?", [], "On Thursdays at eight."),
        ("Do I need to read music?", [], "No, we learn the songs by ear.")]


def test_headings_without_question_marks_are_questions_by_structure():
    result = _read("plain-headings.md")
    assert result.title == "Library card"
    assert [e.question for e in result.entries] == [
        "Getting a library card", "Renewing a library card", "Lost library card"]
    assert result.entries[2].answer.startswith("Report a lost library card at once")


def test_a_page_of_only_top_level_headings_and_toml_front_matter():
    result = _read("only-h1.md")
    assert result.title == "Parking FAQ" and result.language == "de"
    assert [e.question for e in result.entries] == ["Wo kann ich parken?", "Was kostet das Parken?"]


def test_broken_front_matter_is_a_warning_and_the_page_is_still_read():
    result = _read("broken-front-matter.md")
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("raw/broken-front-matter.md:3: front matter ignored: invalid YAML")
    assert result.title is None
    assert [e.question for e in result.entries] == [
        "When does the swimming pool open?", "Is the swimming pool open on public holidays?"]


def test_front_matter_is_read_safely():
    result = _page("---\ntitle: !!python/object/apply:os.system ['true']\n---\n\n"
                   "## Is it safe?\n\nYes, tags are refused.\n")
    assert result.title is None
    assert "front matter ignored" in result.warnings[0]
    assert [e.question for e in result.entries] == ["Is it safe?"]


def test_a_bad_language_in_front_matter_is_ignored_with_a_warning():
    result = _page("---\nlang: English\n---\n\n## Is it read?\n\nYes, without a language.\n")
    assert result.language is None
    assert "not a language tag" in result.warnings[0]


def test_question_headings_are_stored_as_plain_text():
    result = _page("# FAQ\n\n## How do I run `faq lint` on **one** file? {#one-file}\n\nPass its path.\n\n"
                   "## <a id='x'></a>Where is the [schema](schema.md)?\n\nIn schema/.\n")
    assert [e.question for e in result.entries] == [
        "How do I run faq lint on one file?", "Where is the schema?"]


def test_deeper_question_level_is_found_by_question_marks():
    result = _page("## Account\n\n### How do I sign up?\n\nUse the form.\n\n"
                   "## Billing\n\n### When am I charged?\n\nOn the first of the month.\n")
    assert [(e.question, e.tags) for e in result.entries] == [
        ("How do I sign up?", ["Account"]), ("When am I charged?", ["Billing"])]


def test_setext_headings():
    result = _page("Garden FAQ\n==========\n\nCan I bring my dog?\n-------------------\n\n"
                   "Dogs on a lead are welcome.\n\nIs there parking?\n-----------------\n\nYes, behind the hall.\n")
    assert result.title == "Garden FAQ"
    assert [e.answer for e in result.entries] == ["Dogs on a lead are welcome.", "Yes, behind the hall."]


def test_no_questions_is_an_error():
    with pytest.raises(InputError, match="no questions found"):
        _page("Just a paragraph, no headings and no bold questions.\n")


def test_normalise_markdown():
    source = ("Intro text:\n* one\n+ two\n    * nested\n\n\n\n1) first\n2) second\n\n***\n\n### Sub\n\n"
              "```\n* kept as is\n```\ntrailing   \n")
    assert normalise_markdown(source) == ("Intro text:\n\n- one\n- two\n    - nested\n\n1. first\n2. second\n\n"
                                          "**Sub**\n\n```\n* kept as is\n```\ntrailing")


def test_end_to_end_ingest_and_lint(corpus, faq):
    fixture = FIXTURES / "markdown" / "help-centre.md"
    shutil.copy(fixture, corpus / "raw" / fixture.name)
    ingested = faq("ingest", f"raw/{fixture.name}", cwd=corpus)
    assert ingested.returncode == 0, ingested.output
    linted = faq("lint", cwd=corpus)
    assert linted.returncode == 0, linted.output
    collection = yaml.safe_load((corpus / "clean" / "help-centre.yaml").read_text(encoding="utf-8"))
    assert collection["title"] == "Bookshop help centre" and collection["language"] == "en-GB"
    assert [e["question"] for e in collection["entries"]] == [e.question for e in _read("help-centre.md").entries]
    assert collection["entries"][0]["tags"] == ["Orders"]
