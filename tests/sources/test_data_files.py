"""The CSV, JSON and YAML readers: FAQ data files and "people also ask" scraper exports."""
from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import FIXTURES
from pipeline.errors import InputError
from pipeline.sources import ReadOptions, read_source
from pipeline.sources.data_files import read_csv, read_json, read_yaml

GERMAN_FIELDS = ReadOptions(language="de", fields={"question": ["frage"], "answer": ["antwort"],
                                                    "category": ["rubrik"]})


def _read(name: str, options: ReadOptions | None = None):
    path = FIXTURES / "data" / name
    return read_source(path.read_bytes(), f"raw/{name}", options or ReadOptions())


def _questions(result) -> list[str]:
    return [entry.question for entry in result.entries]


def _dropped(result) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in result.dropped:
        found.setdefault(item.text, []).append(item.message)
    return found


# -- FAQ data files ----------------------------------------------------------

def test_hugo_data_file_with_categories():
    result = _read("hugo-faq.yaml")
    assert result.title == "Climbing gym FAQ"
    assert result.description == "Memberships and safety at the Boulder Barn climbing gym."
    assert [(e.question, e.tags) for e in result.entries] == [
        ("How much does a climbing gym membership cost?", ["Memberships"]),
        ("Can I pause my climbing gym membership", ["Memberships"]),  # no "?" added
        ("Do I need a belay check before climbing at the gym?", ["Safety"]),  # under "Q"/"A"
        ("Can children climb at the climbing gym?", ["Safety"]),
    ]


def test_yaml_provenance_has_lines_and_a_pointer():
    entries = _read("hugo-faq.yaml").entries
    assert [e.provenance.lines for e in entries] == [(7, 12), (14, 15), (19, 22), (23, 24)]
    assert entries[3].provenance.locator == "/categories/1/questions/1"
    assert all(e.provenance.source == "raw/hugo-faq.yaml" for e in entries)


def test_markdown_answers_are_normalised_and_html_answers_converted():
    entries = _read("hugo-faq.yaml").entries
    assert entries[0].answer == ("A monthly climbing gym membership costs 55 euros; students pay 40 euros.\n\n"
                                 "- A day pass for the climbing gym costs 14 euros.\n"
                                 "- A ten-visit card for the climbing gym costs 120 euros.")
    assert entries[2].answer == ("Yes. Every new climber passes a short belay check with the climbing gym "
                                 "staff before climbing with a rope.")
    assert entries[3].answer == ("Children from six years climb at the climbing gym with a parent.\n\n"
                                 "- Under-14s need a form signed by a parent.\n"
                                 "- Kids' climbing courses run on Saturdays.")


def test_json_array_with_field_names_in_any_case_and_lists_of_paragraphs():
    result = _read("faq.json")
    assert _questions(result) == ["How do I reset my photo app password?", "Can I use the photo app offline?",
                                  "Which phones does the photo app support?"]
    entries = result.entries
    assert entries[0].answer.startswith("Tap **Forgot password** on the sign-in screen")
    assert entries[1].answer == ("Yes. The photo app keeps your last 500 photos on the phone.\n\n"
                                 "Edits you make offline are uploaded when the photo app is online again.")
    assert entries[2].answer == "The photo app runs on:\n\n- Android 10 or later,\n- iOS 15 or later."
    assert [e.provenance.locator for e in entries] == ["/0", "/1", "/2"]
    assert result.title is None


def test_json_object_keyed_by_category():
    data = (b'{"Billing": [{"q": "When am I charged?", "a": "On the first of each month."}],'
            b' "Shipping": [{"q": "Do you ship abroad?", "a": "Yes, to the whole EU."},'
            b' {"q": "How fast is shipping?", "a": "Two days."}]}')
    result = read_json(data, "raw/x.json", ReadOptions())
    assert [(e.question, e.tags) for e in result.entries] == [
        ("When am I charged?", ["Billing"]), ("Do you ship abroad?", ["Shipping"]),
        ("How fast is shipping?", ["Shipping"])]
    assert result.entries[2].provenance.locator == "/Shipping/1"


def test_schema_org_faq_page_saved_as_json():
    data = (b'{"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": ['
            b'{"@type": "Question", "name": "Is the pool heated?", "acceptedAnswer": '
            b'{"@type": "Answer", "text": "<p>Yes, to <b>28 degrees</b>.</p>"}}]}')
    result = read_json(data, "raw/x.json", ReadOptions())
    assert [(e.question, e.answer, e.tags) for e in result.entries] == [
        ("Is the pool heated?", "Yes, to **28 degrees**.", [])]


def test_csv_with_a_category_column_sniffed_delimiter_and_row_lines():
    result = _read("bike-parts.csv")
    assert [(e.question, e.tags) for e in result.entries] == [
        ("How long do I have to return a bike part?", ["Returns"]),
        ("Who pays for shipping when I return a bike part?", ["Returns"]),
        ("When will my bike part arrive?", ["Delivery"]),
        ("Do you deliver bike parts abroad?", ["Delivery"]),
    ]
    assert [e.provenance.lines for e in result.entries] == [(2, 2), (3, 5), (6, 6), (7, 7)]
    assert result.entries[1].answer == ("We pay the return shipping for faulty bike parts.\n\n"
                                        "For other returns, the return shipping of the bike part is yours to pay.")


def test_csv_numbered_answer_columns_are_fragments_of_one_answer():
    data = b"question,answer 1,answer 2\nIs it open?,Yes.,From nine to five every day.\n"
    result = read_csv(data, "raw/x.csv", ReadOptions())
    assert result.entries[0].answer == "Yes.\n\nFrom nine to five every day."


def test_custom_field_names_from_the_configuration():
    result = _read("fragen.json", GERMAN_FIELDS)
    assert result.title == "Häufige Fragen zur Fahrradwerkstatt" and result.language == "de"
    assert [(e.question, e.tags) for e in result.entries] == [
        ("Brauche ich einen Termin für die Fahrradwerkstatt?", ["Termine"]),
        ("Wie lange dauert eine Inspektion in der Fahrradwerkstatt", ["Termine"]),
        ("Was kostet ein Schlauchwechsel in der Fahrradwerkstatt?", ["Preise"]),
    ]


def test_field_names_of_other_languages_are_known():
    result = _read("fragen.json")  # "frage", "antwort", "rubrik": no configuration needed
    assert [(e.question, e.tags) for e in result.entries] == [
        (e.question, e.tags) for e in _read("fragen.json", GERMAN_FIELDS).entries]
    data = "Вопрос;Ответ\nСколько стоит доставка?;Доставка бесплатна от 50 евро.\n".encode("utf-8")
    assert [(e.question, e.answer) for e in read_csv(data, "raw/x.csv", ReadOptions(language="ru")).entries] == [
        ("Сколько стоит доставка?", "Доставка бесплатна от 50 евро.")]


def test_unknown_field_names_are_an_error_naming_keys_and_the_config():
    data = '[{"swali": "Naweza kulipa kwa simu?", "jibu": "Ndiyo, kwa M-Pesa."}]'.encode("utf-8")
    with pytest.raises(InputError) as error:
        read_source(data, "raw/maswali.json", ReadOptions(language="sw"))
    message = str(error.value)
    assert "raw/maswali.json" in message and "no questions and answers found" in message
    assert "swali" in message and "jibu" in message  # the keys it saw
    assert "question, q, title, name" in message and "[ingest.fields]" in message


def test_absurdly_nested_html_answer_keeps_its_text():
    answer = "<div>" * 3000 + "Deep text survives." + "</div>" * 3000
    data = ('[{"question": "Deep?", "answer": "' + answer + '"}]').encode("utf-8")
    assert read_json(data, "raw/x.json", ReadOptions()).entries[0].answer == "Deep text survives."


# -- "people also ask" scraper exports -----------------------------------------

def test_paa_csv_keeps_the_answers_in_order_without_repeats():
    result = _read("paa-passport.csv")
    assert _questions(result) == [
        "How long does it take to renew a passport?",
        "What documents do I need to renew my passport?",
        "Can I renew my passport online?",
        "How much does it cost to renew a passport?",
    ]
    renew, documents, online, cost = (e.answer for e in result.entries)
    assert renew == ("Routine passport renewal takes 6 to 8 weeks from the day the passport agency receives "
                     "the application (it took 4 to 6 weeks in 2018).")
    assert documents == ("To renew a passport by mail you need:\n\n- Your most recent passport.\n"
                         "- A passport photo taken in the last six months.\n- The passport renewal form DS-82.")
    assert online.startswith("Yes, most adults can renew a passport online")
    assert cost == ("A passport book renewal costs 130 dollars; a passport card renewal costs 30 dollars.\n\n"
                    "Expedited passport service costs 60 dollars more per passport.")


def test_paa_csv_furniture_is_dropped_with_reasons():
    result = _read("paa-passport.csv")
    answers = "\n".join(e.answer for e in result.entries)
    for furniture in ("2020", "Travel.gov", "›", "Search for", "More items", "People also ask", "Feedback",
                      "2023", "2024", "03/18/2021", "https://"):
        assert furniture not in answers, furniture
    dropped = _dropped(result)
    assert dropped["Mar 18, 2020"] == ["date glued to the text"]
    assert dropped["12 Jan 2023"] == ["date glued to the text"]
    assert dropped["03/18/2021"] == ["date glued to the text"]
    assert dropped["Passport renewal processing times - Travel.gov"] == ["title of the source"]
    assert dropped["Renew a passport by mail | Travel.gov"] == ["title of the source"]
    assert dropped["travel.example.gov › passports › renew"] == ["address of the source"]
    assert dropped["https://travel.example.gov/passports/renew-by-mail"] == ["address of the source"]
    assert dropped["Search for: How long does it take to renew a passport?"] == ["page furniture"]
    assert dropped["More items..."] == ["page furniture"]
    repeat = next(d for d in result.dropped if d.text == "How long does it take to renew a passport?")
    assert repeat.line == 8 and repeat.name == "duplicate-question" and "first at line 2" in repeat.message


def test_paa_json_tree_is_flattened_and_repeated_nodes_dropped():
    result = _read("paa-sourdough.json")
    assert _questions(result) == [
        "How long does a sourdough starter take to make?",
        "How often should I feed my sourdough starter?",
        "Can I use tap water for a sourdough starter?",
        "Why does my sourdough starter smell like acetone?",
    ]
    assert [e.provenance.locator for e in result.entries] == [
        "/related_questions/0", "/related_questions/0/related/0", "/related_questions/0/related/0/related/1",
        "/related_questions/2"]
    repeats = [d for d in result.dropped if d.name == "duplicate-question"]
    assert [d.message for d in repeats] == [
        "repeats an earlier question with the same answer (first at /related_questions/0) "
        "(at /related_questions/0/related/0/related/0)",
        "repeats an earlier question with the same answer (first at /related_questions/0/related/0) "
        "(at /related_questions/1)",
    ]
    water = result.entries[2].answer
    assert water == ("Tap water is fine for a sourdough starter if it is not heavily chlorinated.\n\n"
                     "Let chlorinated tap water stand overnight before you feed the sourdough starter with it.")
    assert result.entries[3].answer.startswith("A sourdough starter that smells like acetone is hungry")
    assert "Jun 2, 2021" not in result.entries[0].answer
    assert "search_parameters" not in {e.provenance.locator for e in result.entries}


def test_a_repeated_question_with_another_answer_is_left_to_the_duplicate_rule():
    data = (b'[{"question": "Is it open?", "answer": "Yes."},'
            b' {"question": "is it open", "answer": "From nine to five."}]')
    result = read_json(data, "raw/x.json", ReadOptions())
    assert [e.answer for e in result.entries] == ["Yes.", "From nine to five."]


@pytest.mark.parametrize("fragment, kept, date", [
    ("It took 4 weeks in 2018).Mar 18, 2020", "It took 4 weeks in 2018).", "Mar 18, 2020"),
    ("It takes six weeks. March 18th, 2020", "It takes six weeks.", "March 18th, 2020"),
    ("It takes six weeks.18 March 2020", "It takes six weeks.", "18 March 2020"),
    ("Es dauert sechs Wochen.18. März 2020", "Es dauert sechs Wochen.", "18. März 2020"),
    ("Tarda seis semanas.18 de marzo de 2020", "Tarda seis semanas.", "18 de marzo de 2020"),
    ("Cela prend six semaines.1er janvier 2021", "Cela prend six semaines.", "1er janvier 2021"),
    ("It takes six weeks.2020-03-18", "It takes six weeks.", "2020-03-18"),
    ("Es dauert sechs Wochen.18.03.2020", "Es dauert sechs Wochen.", "18.03.2020"),
    ("Mar 18, 2020 — It takes six weeks.", "It takes six weeks.", "Mar 18, 2020"),
    ("Jan 2023 · It takes six weeks.", "It takes six weeks.", "Jan 2023"),
])
def test_glued_dates_are_split_off(fragment, kept, date):
    data = ('[{"question": "How long?", "answer": ' + f'"{fragment}"' + "}]").encode("utf-8")
    result = read_json(data, "raw/x.json", ReadOptions())
    assert result.entries[0].answer == kept
    assert [d.text for d in result.dropped] == [date]


@pytest.mark.parametrize("text", [
    "The new rules apply from Mar 18, 2020",
    "Registration opens: May 2024",
    "We opened in 2018.",
    "Version 1.2.3 fixed it.",
])
def test_dates_that_are_content_are_kept(text):
    data = ('[{"question": "When?", "answer": ' + f'"{text}"' + "}]").encode("utf-8")
    result = read_json(data, "raw/x.json", ReadOptions())
    assert result.entries[0].answer == text
    assert result.dropped == []


# -- bad files -----------------------------------------------------------------

def test_malformed_json_names_the_line():
    with pytest.raises(InputError) as error:
        read_json(b'[\n  {"question": "Is it open?",\n   "answer": "Yes."\n  \n', "raw/x.json", ReadOptions())
    assert error.value.line == 5 and "invalid JSON" in error.value.message


def test_nan_in_json_is_refused_with_its_position():
    with pytest.raises(InputError) as error:
        read_json(b'[{"question": "NaN?",\n  "answer": "no", "score": NaN}]', "raw/x.json", ReadOptions())
    assert error.value.line == 2 and "NaN and Infinity" in error.value.message
    assert "column 28" in error.value.message


def test_duplicate_keys_in_json_are_refused():
    with pytest.raises(InputError, match="duplicate key 'answer'"):
        read_json(b'[{"question": "Q?", "answer": "one", "answer": "two"}]', "raw/x.json", ReadOptions())


def test_yaml_with_python_tags_is_refused():
    data = b"- question: Is it safe?\n  answer: !!python/object/apply:os.system ['echo unsafe']\n"
    with pytest.raises(InputError) as error:
        read_yaml(data, "raw/x.yaml", ReadOptions())
    assert error.value.path == "raw/x.yaml" and error.value.line == 2
    assert "plain YAML" in error.value.hint


def test_yaml_with_duplicate_keys_is_refused():
    data = b"- question: Is it open?\n  answer: Yes.\n  answer: No.\n"
    with pytest.raises(InputError) as error:
        read_yaml(data, "raw/x.yaml", ReadOptions())
    assert error.value.line == 3 and "duplicate key 'answer'" in error.value.message


def test_csv_without_usable_columns_names_the_header():
    with pytest.raises(InputError) as error:
        read_csv(b"id,body,url\n1,Some text,https://example.com\n", "raw/x.csv", ReadOptions())
    message = str(error.value)
    assert "raw/x.csv:1: no question column" in message
    assert "'id', 'body', 'url'" in message and "[ingest.fields]" in message


def test_csv_with_broken_quoting_names_the_line():
    with pytest.raises(InputError) as error:
        read_csv(b'question,answer\nIs it open?,Yes.\nIs it closed?,"No" at all\n', "raw/x.csv", ReadOptions())
    assert error.value.line == 3 and "invalid CSV" in error.value.message


def test_csv_that_is_not_utf8_reads_like_any_other_source():
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_csv("question,answer\nÇa va?,Oui.\n".encode("latin-1"), "raw/x.csv", ReadOptions())


# -- end to end ----------------------------------------------------------------

def _ingest_and_lint(corpus, faq, name, config=""):
    if config:
        (corpus / "faq.toml").write_text(config, encoding="utf-8")
    shutil.copy(FIXTURES / "data" / name, corpus / "raw" / name)
    ingested = faq("ingest", f"raw/{name}", cwd=corpus)
    assert ingested.returncode == 0, ingested.output
    linted = faq("lint", cwd=corpus)
    assert linted.returncode == 0, linted.output
    stem = name.rsplit(".", 1)[0]
    return (yaml.safe_load((corpus / "clean" / f"{stem}.yaml").read_text(encoding="utf-8")),
            yaml.safe_load((corpus / "clean" / f"{stem}.removed.yaml").read_text(encoding="utf-8")))


def test_end_to_end_hugo_yaml(corpus, faq):
    collection, _ = _ingest_and_lint(corpus, faq, "hugo-faq.yaml")
    assert collection["title"] == "Climbing gym FAQ"
    assert [(e["question"], e["tags"]) for e in collection["entries"]] == [
        (e.question, e.tags) for e in _read("hugo-faq.yaml").entries]
    assert collection["entries"][0]["provenance"]["lines"] == [7, 12]


def test_end_to_end_paa_csv_records_the_furniture(corpus, faq):
    collection, removed = _ingest_and_lint(corpus, faq, "paa-passport.csv")
    assert [e["question"] for e in collection["entries"]] == _questions(_read("paa-passport.csv"))
    trimmed = {item["text"] for item in removed["trimmed"]}
    assert {"Mar 18, 2020", "More items...", "travel.example.gov › passports › renew"} <= trimmed


def test_end_to_end_custom_fields_from_faq_toml(corpus, faq):
    config = ('language = "en"\n\n[ingest.fields]\nquestion = ["frage"]\nanswer = ["antwort"]\n'
              'category = ["rubrik"]\n')
    collection, _ = _ingest_and_lint(corpus, faq, "fragen.json", config)
    assert collection["language"] == "de"  # from the file, over the configured default
    assert [e["question"] for e in collection["entries"]] == _questions(_read("fragen.json", GERMAN_FIELDS))
    assert collection["entries"][2]["tags"] == ["Preise"]
