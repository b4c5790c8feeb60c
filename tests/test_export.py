"""`faq export`: every format, deterministic, checked by real consumers (jsonschema,
json, csv, an HTML parser); options, --check and output paths."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup, Comment

from conftest import FIXTURES, REPO, SEED

EXPORT_SCHEMA = json.loads((REPO / "schema" / "export.schema.json").read_text(encoding="utf-8"))
ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "br", "ol", "ul", "li", "a", "p", "div", "b", "strong",
                "i", "em"}
HOSTILE = FIXTURES / "export" / "clean"


def _built(corpus, faq):
    shutil.copy(SEED, corpus / "raw" / "seed.txt")
    assert faq("ingest", cwd=corpus).returncode == 0


def _hostile(corpus):
    for path in HOSTILE.glob("*.yaml"):
        shutil.copy(path, corpus / "clean" / path.name)


def _entry_validator():
    return jsonschema.Draft202012Validator({"$defs": EXPORT_SCHEMA["$defs"], "$ref": "#/$defs/entry"})


def _tags_of(html: str) -> set[str]:
    return {tag.name for tag in BeautifulSoup(html, "html.parser").find_all(True)}


# -- JSON and JSON Lines -----------------------------------------------------

def test_json_export_holds_every_entry_with_provenance(corpus, faq):
    _built(corpus, faq)
    result = faq("export", cwd=corpus)
    assert result.returncode == 0, result.output
    document = json.loads((corpus / "dist" / "faq.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(EXPORT_SCHEMA)
    jsonschema.Draft202012Validator(EXPORT_SCHEMA).validate(document)
    assert document["generator"]["name"] == "faq"
    assert len(document["entries"]) == 25
    first = document["entries"][0]
    assert first["collection"] == "seed"
    assert first["provenance"] == {"source": "raw/seed.txt", "lines": [1, 3]}
    assert first["answer_html"].startswith("<p>") and first["answer"] in first["answer_html"]
    assert document["collections"][0]["entries"] == 25
    red_flags = next(e for e in document["entries"] if e["answer"].count("\n- ") >= 2)
    assert "<ul><li>" in red_flags["answer_html"]


def test_json_of_a_hostile_corpus_validates_and_its_html_is_sanitized(corpus, faq):
    _hostile(corpus)
    assert faq("export", "--format", "json", "--format", "jsonl", cwd=corpus).returncode == 0
    document = json.loads((corpus / "dist" / "faq.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(EXPORT_SCHEMA).validate(document)
    assert [c["name"] for c in document["collections"]] == ["fragen", "hostile"]
    for entry in document["entries"]:
        soup = BeautifulSoup(entry["answer_html"], "html.parser")
        assert {tag.name for tag in soup.find_all(True)} <= ALLOWED_TAGS, entry["id"]
        assert not soup.find_all(string=lambda s: isinstance(s, Comment))
        for tag in soup.find_all(True):
            assert set(tag.attrs) <= {"href", "start"}
        for link in soup.find_all("a"):
            assert link["href"].split(":")[0] in {"http", "https", "mailto"}
    script = next(e for e in document["entries"] if e["id"] == "can-an-answer-run-a-script")
    text = BeautifulSoup(script["answer_html"], "html.parser").get_text()
    assert "<script>window.__pwned=1</script>" in text and 'onerror="window.__pwned=1"' in text
    links = BeautifulSoup(next(e for e in document["entries"] if e["id"] == "which-links-are-kept")["answer_html"],
                          "html.parser").find_all("a")
    assert [a["href"] for a in links] == ["https://example.com/help?a=1&b=2", "mailto:help@example.com",
                                          "https://example.org/x"]
    lines = (corpus / "dist" / "faq.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(document["entries"])
    validator = _entry_validator()
    parsed = [json.loads(line) for line in lines]
    for record in parsed:
        validator.validate(record)
    assert parsed == document["entries"]  # the same records, in the same order


def test_export_twice_gives_identical_bytes(corpus, faq, tmp_path):
    _built(corpus, faq)
    _hostile(corpus)
    assert faq("export", cwd=corpus).returncode == 0
    first = {p.name: p.read_bytes() for p in (corpus / "dist").iterdir()}
    assert {Path(name).suffix for name in first} == {".json", ".jsonl", ".md", ".jsonld", ".html", ".csv"}
    result = faq("export", "-v", cwd=corpus)
    assert "unchanged dist/faq.json" in result.stdout and "0 written" in result.stdout
    assert {p.name: p.read_bytes() for p in (corpus / "dist").iterdir()} == first
    other = tmp_path / "elsewhere"
    assert faq("export", "-o", other, cwd=corpus).returncode == 0
    assert {p.name: p.read_bytes() for p in other.iterdir()} == first


def test_check_lists_missing_changed_and_stale_files_and_writes_nothing(corpus, faq):
    _hostile(corpus)
    assert faq("export", cwd=corpus).returncode == 0
    check = faq("export", "--check", cwd=corpus)
    assert check.returncode == 0 and "up to date" in check.stdout
    dist = corpus / "dist"
    (dist / "faq.json").write_text("{}", encoding="utf-8")
    (dist / "faq.csv").unlink()
    shutil.copy(dist / "fragen.html", dist / "gone.html")  # an earlier export of a deleted collection
    (dist / "notes.html").write_text("<p>mine</p>", encoding="utf-8")  # not ours: never stale
    before = {p.name: p.read_bytes() for p in dist.iterdir()}
    check = faq("export", "--check", cwd=corpus)
    assert check.returncode == 1
    assert "changed: dist/faq.json" in check.stdout
    assert "missing: dist/faq.csv" in check.stdout
    assert "stale: dist/gone.html" in check.stdout
    assert "notes.html" not in check.stdout
    assert "1 missing, 1 changed, 1 stale" in check.stdout
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == before
    quiet = faq("export", "--check", "-q", cwd=corpus)  # -q keeps the problems, drops the summary
    assert quiet.returncode == 1 and quiet.stdout.splitlines() == check.stdout.splitlines()[:-1]
    result = faq("export", cwd=corpus)
    assert "removed dist/gone.html" in result.stdout
    assert (dist / "notes.html").read_text(encoding="utf-8") == "<p>mine</p>"
    assert faq("export", "--check", cwd=corpus).returncode == 0


def test_check_of_one_format_ignores_the_others(corpus, faq):
    _hostile(corpus)
    assert faq("export", "--format", "csv", cwd=corpus).returncode == 0
    assert faq("export", "--check", "--format", "csv", cwd=corpus).returncode == 0
    check = faq("export", "--check", cwd=corpus)
    assert check.returncode == 1 and "missing: dist/faq.json" in check.stdout


# -- Markdown layout -----------------------------------------------------------

def test_markdown_split_writes_one_page_per_collection(corpus, faq):
    _built(corpus, faq)
    faq("export", "--format", "markdown", "--split", "-o", "site", cwd=corpus)
    assert sorted(p.name for p in (corpus / "site").iterdir()) == ["seed.md"]
    page = (corpus / "site" / "seed.md").read_text(encoding="utf-8")
    assert "\n# Seed\n\n## Contents\n\n- [Is it OK to ask your therapist for a hug?](#" in page
    assert "## What are red flags in a therapist?\n\nWhat should therapists NOT do?\n\n- Behave unethically." in page
    assert page.count("\n## ") == 26  # the contents, and 25 questions


def test_markdown_default_is_one_page_and_switching_to_split_makes_it_stale(corpus, faq):
    _hostile(corpus)
    assert faq("export", "--format", "markdown", cwd=corpus).returncode == 0
    assert sorted(p.name for p in (corpus / "dist").iterdir()) == ["faq.md"]
    check = faq("export", "--format", "markdown", "--split", "--check", cwd=corpus)
    assert check.returncode == 1
    assert "stale: dist/faq.md" in check.stdout and "missing: dist/hostile.md" in check.stdout
    faq("export", "--format", "markdown", "--split", cwd=corpus)
    assert sorted(p.name for p in (corpus / "dist").iterdir()) == ["fragen.md", "hostile.md"]


# -- CSV -----------------------------------------------------------------------

def test_csv_is_rfc_4180_and_reads_back(corpus, faq):
    _hostile(corpus)
    assert faq("export", "--format", "csv", cwd=corpus).returncode == 0
    data = (corpus / "dist" / "faq.csv").read_bytes()
    assert data.startswith(b"id,collection,question,answer,tags\r\n")
    assert data.endswith(b"\r\n") and not data.startswith(b"\xef\xbb\xbf")
    with open(corpus / "dist" / "faq.csv", newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    document = {}
    for path in HOSTILE.glob("*.yaml"):
        import yaml
        collection = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in collection["entries"]:
            document[entry["id"]] = (collection["name"], entry)
    assert len(rows) == len(document)
    for row in rows:
        name, entry = document[row["id"]]
        assert row["collection"] == name
        assert row["question"] == entry["question"]
        assert row["answer"] == entry["answer"]  # line breaks, quotes and commas intact
        assert row["tags"].split("; ") == (entry.get("tags") or [""])
    listed = next(row for row in rows if row["id"] == "how-do-i-export-a-list")
    assert '"quotes"' in listed["question"] and "\n\n1. Open" in listed["answer"]
    assert listed["tags"] == "howto; csv, files"


# -- JSON-LD and the HTML page (parsed; the browser test runs them) -----------

def test_jsonld_is_an_faq_page_that_cannot_break_out_of_its_script(corpus, faq):
    _hostile(corpus)
    assert faq("export", "--format", "jsonld", "--format", "html", cwd=corpus).returncode == 0
    raw = (corpus / "dist" / "hostile.jsonld").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw and "&" not in raw
    markup = json.loads(raw)
    assert markup["@context"] == "https://schema.org" and markup["@type"] == "FAQPage"
    assert len(markup["mainEntity"]) == 5
    for question in markup["mainEntity"]:
        assert question["@type"] == "Question" and question["name"]
        assert question["acceptedAnswer"]["@type"] == "Answer"
        assert _tags_of(question["acceptedAnswer"]["text"]) <= ALLOWED_TAGS
    page = BeautifulSoup((corpus / "dist" / "hostile.html").read_text(encoding="utf-8"), "html.parser")
    scripts = page.find_all("script")
    assert len(scripts) == 1 and scripts[0]["type"] == "application/ld+json"  # nothing broke out
    assert json.loads(scripts[0].string) == markup
    assert not page.find_all(string=lambda s: isinstance(s, Comment))
    assert not page.find_all("img")


def test_html_page_is_static_accessible_and_complete(corpus, faq):
    _hostile(corpus)
    assert faq("export", "--format", "html", cwd=corpus).returncode == 0
    for name, language, entries in (("hostile", "en", 5), ("fragen", "de", 2)):
        text = (corpus / "dist" / f"{name}.html").read_text(encoding="utf-8")
        page = BeautifulSoup(text, "html.parser")
        assert text.startswith("<!DOCTYPE html>")
        assert page.html["lang"] == language
        assert page.find("meta", attrs={"name": "viewport"})["content"].startswith("width=device-width")
        assert page.find("meta", charset="utf-8")
        assert page.find("style") and not page.find("link")
        assert not [tag for tag in page.find_all(True) if tag.has_attr("src")]
        assert len(page.find_all("h1")) == 1 and page.title.string == page.h1.string
        assert page.find("header") and page.find("nav") and page.find("main")
        details = page.find("main").find_all("details")
        assert len(details) == entries
        assert all(d.summary and d.summary.h2 for d in details)
        targets = [a["href"][1:] for a in page.find("nav").find_all("a")]
        assert targets == [d["id"] for d in details]
        assert len(set(targets)) == entries
    german = BeautifulSoup((corpus / "dist" / "fragen.html").read_text(encoding="utf-8"), "html.parser")
    assert german.find("nav").h2.string == "Inhalt"
    hostile = BeautifulSoup((corpus / "dist" / "hostile.html").read_text(encoding="utf-8"), "html.parser")
    assert hostile.h1.string == 'Tricky <questions> & "answers"'


def test_html_page_of_a_right_to_left_language(corpus, faq):
    (corpus / "clean" / "arabic.yaml").write_text(
        "name: arabic\ntitle: الأسئلة الشائعة\nlanguage: ar\nentries:\n"
        "  - id: q1\n    question: هل يمكنني أن أعانق معالجي؟\n    answer: نعم، إذا سألت أولاً.\n", encoding="utf-8")
    (corpus / "clean" / "swahili.yaml").write_text(
        "name: swahili\ntitle: Maswali\nlanguage: sw\nentries:\n"
        "  - id: q1\n    question: Naweza kumkumbatia mtaalamu wangu?\n    answer: Ndiyo, ukiuliza kwanza.\n",
        encoding="utf-8")
    assert faq("export", "--format", "html", cwd=corpus).returncode == 0
    arabic = BeautifulSoup((corpus / "dist" / "arabic.html").read_text(encoding="utf-8"), "html.parser")
    assert (arabic.html["lang"], arabic.html["dir"]) == ("ar", "rtl")
    assert arabic.find("nav").h2.string == "المحتويات" and not arabic.find("nav").h2.has_attr("lang")
    assert "padding-left" not in arabic.style.string  # indents follow the direction
    swahili = BeautifulSoup((corpus / "dist" / "swahili.html").read_text(encoding="utf-8"), "html.parser")
    assert not swahili.html.has_attr("dir")
    heading = swahili.find("nav").h2  # faq has no Swahili words: the heading is English, and says so
    assert (heading.string, heading["lang"]) == ("Contents", "en")


# -- options -------------------------------------------------------------------

def test_single_format_to_stdout(corpus, faq):
    _built(corpus, faq)
    result = faq("export", "--format", "json", "-o", "-", cwd=corpus)
    assert json.loads(result.stdout)["entries"][0]["id"] == "is-it-ok-to-ask-your-therapist-for-a-hug"
    assert not (corpus / "dist").exists()
    several = faq("export", "-o", "-", cwd=corpus)
    assert several.returncode == 2 and "prints one file" in several.stderr and not several.stdout


def test_collection_option_picks_collections_and_names_the_known_ones(corpus, faq):
    _hostile(corpus)
    result = faq("export", "--collection", "fragen", cwd=corpus)
    assert result.returncode == 0, result.output
    names = sorted(p.name for p in (corpus / "dist").iterdir())
    assert "fragen.html" in names and "hostile.html" not in names
    document = json.loads((corpus / "dist" / "faq.json").read_text(encoding="utf-8"))
    assert {e["collection"] for e in document["entries"]} == {"fragen"}
    unknown = faq("export", "--collection", "nope", "--collection", "fragen", cwd=corpus)
    assert unknown.returncode == 2
    assert "no collection named 'nope'" in unknown.stderr and "fragen, hostile" in unknown.stderr
    assert "Traceback" not in unknown.output


def test_export_refuses_an_invalid_corpus(corpus, faq):
    (corpus / "clean" / "bad.yaml").write_text("name: bad\n", encoding="utf-8")
    result = faq("export", cwd=corpus)
    assert result.returncode == 2
    assert "clean/bad.yaml" in result.stderr and "faq lint" in result.stderr


@pytest.mark.parametrize("name", ["../evil", "/tmp/evil", "sub/evil"])
def test_a_collection_name_cannot_write_outside_the_output_directory(corpus, faq, name):
    (corpus / "clean" / "evil.yaml").write_text(
        f"name: {json.dumps(name)}\ntitle: Evil\nlanguage: en\nentries:\n"
        "  - id: q\n    question: Where?\n    answer: Outside.\n", encoding="utf-8")
    result = faq("export", "-o", "out", cwd=corpus)
    assert result.returncode == 2 and "faq: error: clean/evil.yaml" in result.stderr
    assert "Traceback" not in result.output
    assert not (corpus / "evil.html").exists() and not Path("/tmp/evil.html").exists()
    assert not (corpus / "out").exists()


@pytest.mark.parametrize("name", ["../evil.html", "/tmp/evil.html", "sub/evil.html", ".hidden.html", ""])
def test_the_writer_refuses_names_that_leave_the_directory(tmp_path, name):
    from pipeline.errors import InputError
    from pipeline.export import write

    with pytest.raises(InputError, match="outside the output directory"):
        write({name: "x"}, tmp_path / "out")
    assert not (tmp_path / "evil.html").exists() and not (tmp_path / "out").exists()


def test_an_output_path_that_cannot_be_written_is_a_clear_error(corpus, faq):
    _hostile(corpus)
    (corpus / "taken").write_text("a file", encoding="utf-8")
    result = faq("export", "-o", "taken", cwd=corpus)
    assert result.returncode == 2 and "taken: the output directory is a file" in result.stderr
    (corpus / "dist" / "faq.json").mkdir(parents=True)
    for args in ((), ("--check",)):
        result = faq("export", *args, cwd=corpus)
        assert result.returncode == 2 and "Traceback" not in result.output
        assert "faq: error: " in result.stderr and "faq.json" in result.stderr


def test_quiet_prints_nothing_and_help_has_examples(corpus, faq):
    _hostile(corpus)
    quiet = faq("export", "-q", cwd=corpus)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    help_text = faq("export", "--help", cwd=corpus).stdout
    for option in ("--format", "--out", "--collection", "--split", "--check", "Examples:"):
        assert option in help_text


def test_build_still_runs_the_whole_pipeline(corpus, faq):
    shutil.copy(SEED, corpus / "raw" / "seed.txt")
    result = faq("build", cwd=corpus)
    assert result.returncode == 0, result.output
    assert "== faq export" in result.stdout
    assert (corpus / "dist" / "seed.html").is_file() and (corpus / "dist" / "faq.json").is_file()
    assert faq("export", "--check", cwd=corpus).returncode == 0


def test_the_shipped_corpus_exports_and_checks_clean(corpus, faq):
    """The repository's own corpus (clean/, copied) exports in every format, valid,
    and --check then finds it up to date (dist/ itself is not committed)."""
    for path in (REPO / "clean").glob("*.yaml"):
        shutil.copy(path, corpus / "clean" / path.name)
    result = faq("export", cwd=corpus)
    assert result.returncode == 0, result.output
    jsonschema.Draft202012Validator(EXPORT_SCHEMA).validate(
        json.loads((corpus / "dist" / "faq.json").read_text(encoding="utf-8")))
    check = faq("export", "--check", cwd=corpus)
    assert check.returncode == 0, check.output


def test_the_command_offers_every_exporter():
    from pipeline.cli import EXPORT_FORMATS
    from pipeline.export import DEFAULT_FORMATS
    from pipeline.exporters import exporters

    assert EXPORT_FORMATS == list(exporters()) == list(DEFAULT_FORMATS)
