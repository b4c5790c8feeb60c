"""The HTML reader, one page structure at a time, on small fixture pages; hostile
pages (huge, deeply nested, badly encoded) are generated in the tests."""
from __future__ import annotations

import json
import shutil
import time

import pytest
import yaml

from conftest import FIXTURES
from pipeline.errors import InputError
from pipeline.rules.furniture_residue import FurnitureResidue
from pipeline.sources import ReadOptions, ReadResult, read_source
from pipeline.sources.html import tree as html_tree
from pipeline.sources.html import read_html

PAGES = FIXTURES / "html"


def _read(name: str, **options) -> ReadResult:
    return read_html((PAGES / name).read_bytes(), f"raw/{name}", ReadOptions(**options))


def _page(body: str, head: str = "") -> bytes:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test page</title>'
            f"{head}</head><body>{body}</body></html>").encode("utf-8")


def _questions(result) -> list[str]:
    return [entry.question for entry in result.entries]


def _answers(result) -> dict[str, str]:
    return {entry.question: entry.answer for entry in result.entries}


def _json_ld(*questions: tuple[str, str]) -> str:
    entities = [{"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}
                for q, a in questions]
    data = {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --- one structure at a time ---------------------------------------------------------

def test_details_give_questions_in_order_and_groups_give_their_members():
    result = _read("details.html")
    assert _questions(result) == [
        "How do I reset my password?",
        "Can I change my username",  # no "?" added: the question-form rule decides
        "Which cards do you accept?",
        "When am I charged?",
        "Is my data safe?",
    ]
    assert result.title == "Account help"
    assert result.language == "en"


def test_details_answers_keep_lists_emphasis_and_absolute_links():
    answers = _answers(_read("details.html"))
    assert answers["How do I reset my password?"] == (
        "Open [the reset page](https://books.example.org/help/account/reset) and enter your e-mail "
        "address.\n\n1. Check your inbox.\n2. Click the link in the mail.\n3. Choose a new password.")
    # "Show more" is page furniture; what it hides belongs to the answer around it.
    assert answers["Can I change my username"] == (
        "Usernames are permanent, but your *display name* can change at any time.\n\n"
        "Display names may be changed once a month.")


def test_scripts_and_javascript_links_never_reach_an_answer():
    answer = _answers(_read("details.html"))["Is my data safe?"]
    assert answer == "We encrypt all data at rest.\n\nRead our privacy notes for details."
    assert "INJECTED" not in answer and "javascript" not in answer


def test_definition_list_joins_several_dd_and_reads_div_groups():
    result = _read("definition-list.html")
    assert _questions(result) == ["How many books can I borrow?", "Can I renew a loan online?",
                                  "Opening hours", "What does a lost card cost?"]
    answers = _answers(result)
    assert answers["How many books can I borrow?"] == "Up to twelve books at a time.\n\nChildren's cards allow six."
    # No page address and no <base>: links resolve against the canonical link.
    assert answers["Can I renew a loan online?"] == (
        "Yes, from [your account](https://library.example.net/account), twice per loan.")
    assert answers["Opening hours"] == "Monday to Friday, 9:00 to 18:00.\n\nSaturday, 10:00 to 14:00."
    # An unanswered question is kept with an empty answer: the missing-answer rule records it.
    assert answers["What does a lost card cost?"] == ""


def test_headings_take_their_section_up_to_the_next_heading_of_their_level():
    result = _read("headings.html")
    assert _questions(result) == ["When is the best time to plant roses?", "Do you sell seeds?",
                                  "Is there a loyalty card?", "Where can I park?", "Are dogs allowed?"]
    answers = _answers(result)
    assert answers["When is the best time to plant roses?"] == (
        "Plant bare-root roses between November and March, when they are dormant.\n\n"
        "**Tips for beginners**\n\n- Soak the roots for an hour.\n- Dig a wide hole.")
    assert answers["Is there a loyalty card?"] == ""
    assert answers["Where can I park?"] == "Free parking is available behind the shop.\nCoaches park on Mill Lane."
    assert answers["Are dogs allowed?"].endswith("except the café.\n\nWater bowls are at the entrance.")


def test_tables_become_markdown_tables():
    answer = _answers(_read("headings.html"))["Do you sell seeds?"]
    assert answer == ("Yes. We stock over **300 varieties**, including:\n\n"
                      "| Type | Varieties |\n|---|---|\n| Vegetables | 120 |\n| Flowers | 180 |")


def test_bootstrap_accordions_with_and_without_aria():
    result = _read("accordion-bootstrap.html")
    assert _questions(result) == ["How fast is the basic plan?", "Is there a contract period?",
                                  "Do I need a technician?", "Which router do you supply?"]
    answers = _answers(result)
    assert answers["Is there a contract period?"] == (
        "No. You can cancel at the end of any month.\n\nHardware must be returned within 14 days.")
    assert answers["Do I need a technician?"] == (
        "Most customers install the router themselves:\n\n1. Plug the router into the wall socket.\n"
        "2. Wait for the green light.")
    assert "[Specifications](https://skyline.example.com/hub3)" in answers["Which router do you supply?"]
    assert result.title == "Support"


def test_accordions_recognised_by_class_names():
    result = _read("accordion-classes.html")
    assert _questions(result) == ["Do I need to bring a mat?", "What should I wear",
                                  "Are classes suitable for beginners?", "How do I cancel a booking?",
                                  "Is there parking"]
    answers = _answers(result)
    assert answers["Do I need to bring a mat?"] == "No, mats and blocks are provided free of charge."
    assert answers["Are classes suitable for beginners?"] == (
        "Yes. Our *Gentle Flow* class is designed for beginners.")
    assert answers["Is there parking"] == "Yes, there are 20 spaces behind the studio."


def test_microdata_with_http_and_https_types():
    result = _read("microdata.html")
    assert _questions(result) == ["How much does a day's rental cost?", "Do I need a deposit?",
                                  "Can children ride"]
    answers = _answers(result)
    assert answers["How much does a day's rental cost?"] == (
        "A city bike costs €15 a day; an e-bike costs €35.\n\nHelmets are included.")
    assert answers["Do I need a deposit?"].startswith("Yes, we hold €100")


def test_json_ld_in_graph_in_comments_and_with_html_answers():
    result = _read("json-ld.html")
    assert _questions(result) == ["Which pets can I insure?", "Is there a waiting period?",
                                  "How do I make a claim?"]
    answers = _answers(result)
    assert answers["Is there a waiting period?"] == (
        "Illness cover starts after **14 days**.\n\n- Accidents: immediately\n- Illness: 14 days")
    # Escaped HTML is HTML; with no address known the link stays relative.
    assert answers["How do I make a claim?"] == "Send the vet's invoice through [the claims page](/claims)."
    locators = [entry.provenance.locator for entry in result.entries]
    assert locators[0] == 'script[type="application/ld+json"]:nth-of-type(1) @graph[1].mainEntity[0]'
    assert locators[2] == 'script[type="application/ld+json"]:nth-of-type(2) mainEntity[0]'
    assert result.warnings == []


def test_qa_page_gives_the_accepted_answer_or_all_answers():
    accepted = _read("qa-page.html")
    assert _questions(accepted) == ["Why does my sourdough not rise?"]
    assert accepted.entries[0].answer.startswith("Your starter is probably not ripe yet: feed it")
    assert "26 °C" not in accepted.entries[0].answer
    every = _read("qa-page.html", qa_answers="all")
    assert every.entries[0].answer.endswith("\n\nTry a warmer spot for the final proof, around 26 °C.")


def test_broken_json_ld_blocks_are_skipped_with_a_warning():
    result = _read("json-ld-broken.html")
    assert _questions(result) == ["Where do I find my invoices?", "Can I pay by invoice?"]
    assert len(result.warnings) == 2
    assert result.warnings[0].startswith("JSON-LD block 1") and "skipped" in result.warnings[0]
    assert result.warnings[1].startswith("JSON-LD block 3")
    assert all("never read" not in entry.answer for entry in result.entries)


# --- structured data and visible questions together -------------------------------------

def test_mixed_page_holds_each_visible_question_once_in_document_order():
    result = _read("mixed.html", url="https://boxly.example.com/help/moving")
    assert _questions(result) == [
        "How many boxes do I need?",
        "Do you collect used boxes?",  # only in the JSON-LD: after the question it follows there
        "can I hire a van",  # the visible wording wins over the JSON-LD's "Can I hire a van?"
        "What sizes do boxes come in?",
    ]
    answers = _answers(result)
    assert answers["How many boxes do I need?"] == (
        "About ten boxes per room, plus five for the kitchen.\n\n"
        "Our [box calculator](https://boxly.example.com/calculator) gives an exact number.")
    assert answers["can I hire a van"].startswith("Yes, vans can be hired by the day or the week")
    assert result.description == "Questions about moving boxes and van hire."


def test_abridged_structured_answers_are_named_in_warnings():
    warnings = _read("mixed.html").warnings
    assert len(warnings) == 2
    assert "'How many boxes do I need?'" in warnings[0] and "abridges" in warnings[0]
    assert "'can I hire a van'" in warnings[1]


def test_longer_structured_answer_replaces_a_shorter_visible_one():
    page = _page('<details><summary>Do you ship abroad?</summary><p>Yes.</p></details>',
                 head=_json_ld(("Do you ship abroad?", "Yes, to every country in the European Union.")))
    result = read_html(page, "raw/x.html", ReadOptions())
    assert result.entries[0].answer == "Yes, to every country in the European Union."
    assert "'Do you ship abroad?'" in result.warnings[0]


def test_structured_only_questions_go_where_they_fit():
    head = _json_ld(("Is delivery free?", "Delivery is free above 50 euros."),
                    ("Do you ship abroad?", "Only within the European Union."),
                    ("Can I pick up my order?", "Yes, from our shop in the old town."))
    body = ('<details><summary>Do you ship abroad?</summary><p>Only within the European Union.</p></details>'
            '<details><summary>How do I pay?</summary><p>By card or bank transfer.</p></details>')
    result = read_html(_page(body, head), "raw/x.html", ReadOptions())
    assert _questions(result) == ["Is delivery free?", "Do you ship abroad?", "Can I pick up my order?",
                                  "How do I pay?"]
    assert result.warnings == []  # equal answers: nothing to say


def test_a_question_shown_twice_comes_out_once():
    body = ('<h2>Can I pay later?</h2><p>Yes.</p>'
            '<details><summary>can I pay later</summary><p>Yes, within 14 days of delivery.</p></details>')
    result = read_html(_page(body), "raw/x.html", ReadOptions())
    assert _questions(result) == ["Can I pay later?"]
    assert result.entries[0].answer == "Yes, within 14 days of delivery."


def test_an_accordion_of_categories_gives_the_questions_inside_it():
    body = ('<div class="accordion">'
            '<button aria-expanded="false" aria-controls="cat1">Shipping</button><div id="cat1">'
            '<button aria-expanded="false" aria-controls="q1">How much is shipping?</button>'
            '<div id="q1"><p>Free above 50 euros.</p></div>'
            '<button aria-expanded="false" aria-controls="q2">How fast is shipping?</button>'
            '<div id="q2"><p>Two working days.</p></div></div>'
            '<button aria-expanded="false" aria-controls="cat2">Returns</button><div id="cat2">'
            '<h3>Can I return opened items?</h3><p>Yes, within 30 days.</p>'
            '<h3>Who pays return postage?</h3><p>We do.</p></div></div>')
    result = read_html(_page(body), "raw/x.html", ReadOptions())
    assert _questions(result) == ["How much is shipping?", "How fast is shipping?", "Can I return opened items?",
                                  "Who pays return postage?"]


def test_tabs_of_a_product_page_are_not_questions():
    body = ('<ul role="tablist"><li><a role="tab" aria-controls="desc" href="#desc">Description</a></li>'
            '<li><a role="tab" aria-controls="specs" href="#specs">Specifications</a></li></ul>'
            '<div id="desc" role="tabpanel"><p>A fine kettle.</p></div>'
            '<div id="specs" role="tabpanel"><p>1.7 litres.</p></div>'
            '<details><summary>Is it dishwasher safe?</summary><p>No, wipe it clean.</p></details>')
    result = read_html(_page(body), "raw/x.html", ReadOptions())
    assert _questions(result) == ["Is it dishwasher safe?"]


def test_bold_questions_are_read_when_the_page_has_no_other_structure():
    body = ('<p>Welcome to our help page.</p><p><strong>How do I log in?</strong></p>'
            '<p>Use your e-mail address.</p><p><b>I forgot my password?</b><br>Reset it from the login page.</p>')
    result = read_html(_page(body), "raw/x.html", ReadOptions())
    assert _answers(result) == {"How do I log in?": "Use your e-mail address.",
                                "I forgot my password?": "Reset it from the login page."}


def test_spanning_cells_keep_the_table_rectangular():
    body = ('<h2>What are the prices?</h2><table><tr><th>Plan</th><th colspan="2">Price</th></tr>'
            '<tr><td>Basic</td><td>5</td><td>per month</td></tr><tr><td>Pro | Team</td><td>9</td></tr></table>')
    answer = read_html(_page(body), "raw/x.html", ReadOptions()).entries[0].answer
    assert answer == ("| Plan | Price | |\n|---|---|---|\n| Basic | 5 | per month |\n| Pro \\| Team | 9 | |")


# --- furniture --------------------------------------------------------------------

FURNITURE_TEXT = [
    "cookies", "Accept all", "Skip to content", "Rent", "Home", "Advertisement", "Cheap removals", "Share",
    "Facebook", "Enable JavaScript", "Template text", "svg label", "Video about repairs", "Report a repair",
    "Previous question", "Next question", "park my car", "bins", "Page 1", "Related questions", "sublet",
    "notice", "Still have a question", "tenant team", "Contact us", "tenant tips", "newsletter",
    "new flat", "Sponsored", "CityHomes Ltd", "dataLayer", "trackPage",
]


def test_furniture_is_never_content():
    result = _read("furniture.html")
    assert _questions(result) == ["How much is the deposit?", "Who pays for repairs?", "Can I keep a pet?"]
    assert _answers(result) == {
        "How much is the deposit?": "The deposit is five weeks' rent, held in a government-approved scheme.",
        "Who pays for repairs?": "We pay for structural repairs, heating and plumbing. Tenants pay for "
                                 "damage they cause.",
        "Can I keep a pet?": "Cats and small dogs are allowed with written permission from your landlord.",
    }
    text = "\n".join(f"{e.question}\n{e.answer}" for e in result.entries)
    for furniture in FURNITURE_TEXT:
        assert furniture not in text


def test_removed_furniture_is_recorded_briefly():
    dropped = _read("furniture.html").dropped
    reasons = {item.message for item in dropped}
    assert {"skip link", "cookie banner", "page header", "breadcrumb", "table of contents", "advertisement",
            "share buttons", "form", "navigation links", "navigation", "call to action",
            "newsletter sign-up", "sidebar", "page footer"} <= reasons
    assert all(item.code == FurnitureResidue.code and item.name == FurnitureResidue.name for item in dropped)
    recorded = " ".join(item.text for item in dropped)
    assert "Related questions Can I sublet my flat?" in recorded
    # Scripts, styles and other invisible things are removed without a record.
    for invisible in ("dataLayer", "trackPage", "position: fixed", "Template text", "svg label"):
        assert invisible not in recorded
    assert len(dropped) < 20


def test_a_heading_over_the_questions_is_not_mistaken_for_navigation():
    body = ('<h2>Frequently asked questions</h2><h3>Do you deliver on Sundays?</h3><p>Yes, from 8 to 20.</p>'
            '<h3>Was this helpful?</h3><p><button>Yes</button> <button>No</button></p>')
    result = read_html(_page(body), "raw/x.html", ReadOptions())
    assert _questions(result) == ["Do you deliver on Sundays?"]
    assert result.entries[0].answer == "Yes, from 8 to 20."


def test_a_call_to_action_is_a_whole_phrase_not_a_question_that_starts_like_one():
    body = ('<h2>Need help installing the app?</h2><p>Download it and follow the set-up guide.</p>'
            '<h2>Still have questions?</h2><p>Write to us.</p>')
    result = read_html(_page(body), "raw/x.html", ReadOptions())
    assert _answers(result) == {"Need help installing the app?": "Download it and follow the set-up guide."}


def test_a_wrapper_class_that_sounds_like_furniture_does_not_hide_the_page():
    body = ('<div class="layout has-sidebar"><div class="content"><h2>Do you deliver on Sundays?</h2>'
            '<p>Yes, every Sunday.</p><h2>Is delivery free?</h2><p>Above 50 euros it is.</p></div>'
            '<div class="sidebar"><p>Our shops</p></div></div>')
    result = read_html(_page(body), "raw/x.html", ReadOptions())
    assert _questions(result) == ["Do you deliver on Sundays?", "Is delivery free?"]
    assert "Our shops" not in result.entries[1].answer


# --- languages and encodings ----------------------------------------------------------

def test_german_page_questions_without_question_marks_from_structure():
    result = _read("german.html")
    assert _questions(result) == ["Zählerstand melden", "Abschlag ändern", "Umzug melden", "Störung melden",
                                  "Wie erreiche ich den Kundenservice?"]
    assert result.language == "de"
    assert result.title == "Häufige Fragen"
    assert result.description == "Antworten rund um Strom, Gas und Wasser."
    assert _answers(result)["Umzug melden"] == "Melden Sie Ihren Umzug mindestens **zwei Wochen** vorher."


def test_latin1_page_declared_in_meta_decodes_as_browsers_do():
    result = _read("latin1.html")
    assert _questions(result) == ["Où se trouve la boulangerie ?", "Combien coûte une baguette ?"]
    # iso-8859-1 means windows-1252 on the web: byte 0x80 is the euro sign.
    assert _answers(result)["Combien coûte une baguette ?"] == (
        "Une baguette tradition coûte 1,30 € ; le pain de campagne coûte 4 €.")
    assert result.language == "fr" and result.title == "Questions fréquentes"
    assert result.warnings == []


def test_charset_from_the_http_header_wins_over_guessing():
    page = "<h2>Wie groß ist die Größe?</h2><p>Schöne Grüße aus Köln.</p>".encode("latin-1")
    result = read_html(page, "raw/x.html", ReadOptions(extra={"charset": "text/html; charset=ISO-8859-1"}))
    assert result.entries[0].answer == "Schöne Grüße aus Köln."
    assert result.warnings == []


def test_byte_order_mark_decides_the_encoding():
    page = "\ufeff<h2>Qu'est-ce qu'un été ?</h2><p>Une saison chaude.</p>".encode("utf-16")
    assert read_html(page, "raw/x.html", ReadOptions()).entries[0].question == "Qu'est-ce qu'un été ?"


def test_undeclared_latin1_is_guessed_with_a_warning():
    page = ("<h2>Où est la gare la plus proche ?</h2><p>La gare se trouve à côté de l'église, "
            "près du marché couvert où l'on vend des légumes frais.</p>").encode("latin-1")
    result = read_html(page, "raw/x.html", ReadOptions())
    # Letters all likely guesses agree on; the guess itself is named in a warning.
    assert result.entries[0].question.endswith("est la gare la plus proche ?")
    assert all(word in result.entries[0].answer for word in ("église", "marché", "légumes"))
    assert any("guess" in warning for warning in result.warnings)


def test_mostly_utf8_with_bad_bytes_is_read_with_replacements_and_a_warning():
    page = ("<h2>Was kostet ein Brötchen?</h2><p>Ein Brötchen kostet 50 Cent, für Stammkunden "
            "weniger.</p>").encode("utf-8") + b"<p>Bad byte: \xff here.</p>"
    result = read_html(page, "raw/x.html", ReadOptions())
    assert result.entries[0].question == "Was kostet ein Brötchen?"
    assert "\ufffd" in result.entries[0].answer
    assert any("not valid UTF-8" in warning for warning in result.warnings)


@pytest.mark.parametrize("data, message", [
    (b"", "file is empty"),
    (b"   \n\t ", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"),
    (b"<html>\x00\x01\x02\x00\x00binary</html>", "binary"),
])
def test_empty_and_binary_input_is_refused_naming_the_file(data, message):
    with pytest.raises(InputError) as caught:
        read_html(data, "raw/broken.html", ReadOptions())
    assert message in caught.value.message
    assert caught.value.path == "raw/broken.html"


def test_a_page_without_questions_says_so():
    with pytest.raises(InputError, match="no questions found"):
        read_html(_page("<h1>Welcome</h1><p>Nothing to ask here.</p>"), "raw/x.html", ReadOptions())


# --- Markdown ---------------------------------------------------------------------

def test_text_that_looks_like_markdown_is_escaped_and_structure_is_kept():
    body = ('<details><summary>How do I format?</summary>'
            '<p>- not a list<br>1. not numbered either<br>Use *stars* and _underscores_ and &lt;tags&gt;</p>'
            '<p>Text   with    spaces\n   across lines </p>'
            '<ol><li>First<ul><li>sub a</li><li>sub b</li></ul></li><li>Second<br>line</li></ol>'
            '<ul><li>Outer<ul><li>Inner</li></ul></li><li>Last</li></ul>'
            '<p>See <a href="/a">A</a> - <a href="b c">B (2)</a> <strong> bold </strong>end '
            '<a href="#">here</a></p>'
            '<table><tr><td>One</td></tr><tr><td>Two</td></tr></table>'
            '<p><b>Note:</b><br><br>New paragraph <em>after</em> two breaks.</p></details>')
    result = read_html(_page(body), "raw/x.html", ReadOptions(url="https://example.com/faq"))
    assert result.entries[0].answer == (
        "\\- not a list\n1\\. not numbered either\nUse \\*stars\\* and \\_underscores\\_ and \\<tags>\n\n"
        "Text with spaces across lines\n\n"
        "1. First\n\n- sub a\n- sub b\n\n2. Second line\n\n"
        "- Outer\n- Inner\n- Last\n\n"
        "See [A](https://example.com/a) - [B (2)](https://example.com/b%20c) **bold** end here\n\n"
        "- One\n- Two\n\n"
        "**Note:**\n\nNew paragraph *after* two breaks.")
    assert not any(line != line.rstrip() for line in result.entries[0].answer.split("\n"))


def test_base_href_resolves_links_when_the_address_is_unknown():
    body = '<details><summary>Where are the terms?</summary><p><a href="terms.html">Here</a>.</p></details>'
    result = read_html(_page(body, head='<base href="https://shop.example.com/legal/">'), "raw/x.html",
                       ReadOptions())
    assert result.entries[0].answer == "[Here](https://shop.example.com/legal/terms.html)."


@pytest.mark.parametrize("url", [None, "https://shop.example.com/help/"])
@pytest.mark.parametrize("base", ["https://books.example.or]/help/", "http://[::1/x/"])
def test_a_base_href_urllib_cannot_parse_leaves_links_as_written(base: str, url):
    # Found by the fuzzer: urljoin raises "Invalid IPv6 URL" for a bracket outside an
    # IPv6 host, and the whole page failed to read.
    body = '<details><summary>Where are the terms?</summary><p><a href="terms.html">Here</a>.</p></details>'
    result = read_html(_page(body, head=f'<base href="{base}">'), "raw/x.html", ReadOptions(url=url))
    expected = "https://shop.example.com/help/terms.html" if url else "terms.html"
    assert result.entries[0].answer == f"[Here]({expected})."


def test_title_loses_only_a_simple_site_suffix():
    def title(text: str) -> str | None:
        page = (f"<html><head><title>{text}</title></head><body><h2>Why?</h2><p>Because it is so.</p>"
                f"</body></html>").encode()
        return read_html(page, "raw/x.html", ReadOptions()).title

    assert title("Delivery FAQ | Acme Store") == "Delivery FAQ"
    assert title("Delivery FAQ") == "Delivery FAQ"
    assert title("Covid rules - what you need to know this winter") == (
        "Covid rules - what you need to know this winter")


# --- provenance ---------------------------------------------------------------------

def test_locators_are_short_css_paths():
    result = _read("details.html")
    assert result.entries[0].provenance.locator == "section#faq > details:nth-of-type(1)"
    assert result.entries[2].provenance.locator == (
        "section#faq > details:nth-of-type(3) > details:nth-of-type(1)")
    assert all(entry.provenance.source == "raw/details.html" for entry in result.entries)


def test_lines_come_from_the_parser_when_it_records_them(monkeypatch):
    monkeypatch.setattr(html_tree, "PARSER", "html.parser")
    result = _read("details.html")
    # From the question's line to the line where the answer's text ends.
    assert result.entries[0].provenance.lines == (12, 18)
    assert result.entries[4].provenance.lines == (37, 40)
    dropped = _read("furniture.html").dropped
    assert dropped[0].line == 10  # the skip link


def test_html_parser_fallback_reads_the_same_entries(monkeypatch):
    expected = {name: _answers(_read(name)) for name in ("mixed.html", "furniture.html", "headings.html")}
    monkeypatch.setattr(html_tree, "PARSER", "html.parser")
    for name, answers in expected.items():
        assert _answers(_read(name)) == answers


def test_reader_table_sends_htm_and_xhtml_here():
    data = (PAGES / "details.html").read_bytes()
    for suffix in (".html", ".htm", ".xhtml"):
        result = read_source(data, f"raw/page{suffix}", "en")
        assert _questions(result)[0] == "How do I reset my password?"


# --- hostile input -------------------------------------------------------------------

def test_ten_thousand_levels_of_nesting_are_read_quickly():
    depth = 10_000
    page = ("<html><body>" + "<div>" * depth + "<h2>Deep question?</h2><p>Deep " + "<span><b>" * depth
            + "answer" + "</b></span>" * depth + " text.</p>"
            + "<details><summary>Nested lists?</summary>" + "<ul><li>item" * depth + "</li></ul>" * depth
            + "</details>" + "</div>" * depth + "</body></html>").encode()
    started = time.monotonic()
    result = read_html(page, "raw/deep.html", ReadOptions())
    assert time.monotonic() - started < 15
    assert _questions(result) == ["Deep question?", "Nested lists?"]
    assert result.entries[0].answer == "Deep **answer** text."
    assert result.entries[1].answer.startswith("- item\n- item\n")


def test_malformed_markup_still_gives_the_questions():
    page = (b"<html><body><div><p>Intro<h2>Is this page broken?<p>Yes, badly: <b>unclosed <i>tags"
            b"<h2>Does it matter?</h3><p>Not to the reader</div></span></body>")
    result = read_html(page, "raw/x.html", ReadOptions())
    assert _questions(result) == ["Is this page broken?", "Does it matter?"]
    assert result.entries[1].answer == "Not to the reader"


def test_a_five_megabyte_page_reads_in_seconds(tmp_path):
    item = ('<div class="faq-item"><h3 class="faq-question">How do I return item {i}?</h3>'
            '<div class="faq-answer"><p>Send it back within <a href="/r">30 days</a>, <b>unused</b>.</p>'
            '<ul><li>Pack it</li><li>Post it</li></ul></div></div>\n'
            '<details><summary>Question number {i}?</summary><p>Answer {i} with <em>some</em> text.</p>'
            '</details>\n<h2>Heading question {i}?</h2><p>Heading answer {i}.</p>\n')
    body = "".join(item.format(i=i) for i in range(13_500))
    page = tmp_path / "big.html"
    page.write_bytes(_page(f"<nav><a href='/'>Home</a></nav><main>{body}</main>"))
    assert page.stat().st_size > 5_000_000
    started = time.monotonic()
    result = read_html(page.read_bytes(), "raw/big.html", ReadOptions())
    assert time.monotonic() - started < 60
    assert len(result.entries) == 40_500
    assert result.entries[0].answer == ("Send it back within [30 days](/r), **unused**.\n\n- Pack it\n- Post it")


# --- end to end: the CLI as a user runs it ------------------------------------------

@pytest.mark.parametrize("name", [
    "details.html", "definition-list.html", "headings.html", "accordion-bootstrap.html",
    "accordion-classes.html", "microdata.html", "json-ld.html", "qa-page.html", "json-ld-broken.html",
    "mixed.html", "furniture.html", "german.html", "latin1.html",
])
def test_ingest_then_lint_is_clean(corpus, faq, name):
    source = corpus / "incoming" / name
    source.parent.mkdir()
    shutil.copy(PAGES / name, source)
    ingested = faq("ingest", source, cwd=corpus)
    assert ingested.returncode == 0, ingested.output
    collection = corpus / "clean" / f"{source.stem}.yaml"
    assert collection.exists()
    data = yaml.safe_load(collection.read_text(encoding="utf-8"))
    assert data["entries"] and all(entry["answer"].strip() for entry in data["entries"])
    linted = faq("lint", cwd=corpus)
    assert linted.returncode == 0, linted.output
    assert " error " not in linted.output


def test_ingest_records_furniture_and_the_unanswered_question(corpus, faq):
    shutil.copy(PAGES / "headings.html", corpus / "raw" / "headings.html")
    shutil.copy(PAGES / "furniture.html", corpus / "raw" / "furniture.html")
    assert faq("ingest", cwd=corpus).returncode == 0
    removed = yaml.safe_load((corpus / "clean" / "headings.removed.yaml").read_text(encoding="utf-8"))
    assert [item["question"] for item in removed["removed"]] == ["Is there a loyalty card?"]
    assert removed["removed"][0]["reasons"][0]["name"] == "missing-answer"
    trimmed = yaml.safe_load((corpus / "clean" / "furniture.removed.yaml").read_text(encoding="utf-8"))
    assert {"cookie banner", "call to action"} <= {item["message"] for item in trimmed["trimmed"]}
    german = corpus / "raw" / "german.html"
    shutil.copy(PAGES / "german.html", german)
    assert faq("ingest", german, cwd=corpus).returncode == 0
    assert yaml.safe_load((corpus / "clean" / "german.yaml").read_text(encoding="utf-8"))["language"] == "de"


def test_thai_question_headings_without_a_question_mark():
    # Thai asks in words: a heading that ends in a question particle is a question.
    body = ("<h1>คำถามที่พบบ่อย</h1>"
            "<h3>ทำไมฉันต้องไปพบนักบำบัดทุกสัปดาห์</h3><p>การพบนักบำบัดเป็นประจำช่วยให้การรักษาต่อเนื่อง</p>"
            "<h3>ค่าบริการต่อครั้งเท่าไหร่คะ</h3><p>ค่าบริการขึ้นอยู่กับคลินิก</p>"
            "<h3>ติดต่อเรา</h3><p>โทร 02 123 4567</p>")
    result = read_html(_page(body).replace(b'lang="en"', b'lang="th"'), "raw/th.html", ReadOptions())
    assert _questions(result) == ["ทำไมฉันต้องไปพบนักบำบัดทุกสัปดาห์", "ค่าบริการต่อครั้งเท่าไหร่คะ"]
