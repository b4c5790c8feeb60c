"""`faq ingest`: copying into raw/, writing clean/, keeping editors' work, --check."""
from __future__ import annotations

import shutil

import yaml

from conftest import SEED

QA = """Do you deliver on Sundays?

Yes, we deliver every day of the week, Sundays included, between 8am and 8pm.

Can I change my delivery address?

You can change the address until the parcel leaves our warehouse, from your account page.

How do I return an item?

Send it back within 30 days with the return label that came with your delivery.
"""


def _write_raw(corpus, name="shop.txt", text=QA):
    path = corpus / "raw" / name
    path.write_text(text, encoding="utf-8")
    return path


def _collection(corpus, name="shop"):
    return yaml.safe_load((corpus / "clean" / f"{name}.yaml").read_text(encoding="utf-8"))


def _edit(corpus, name, function):
    path = corpus / "clean" / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(function(text), encoding="utf-8")


def test_ingest_writes_collection_with_schema_modeline(corpus, faq):
    _write_raw(corpus)
    result = faq("ingest", cwd=corpus)
    assert result.returncode == 0, result.output
    text = (corpus / "clean" / "shop.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/collection.schema.json\n")
    data = _collection(corpus)
    assert data["name"] == "shop" and data["language"] == "en"
    assert [e["id"] for e in data["entries"]] == [
        "do-you-deliver-on-sundays", "can-i-change-my-delivery-address", "how-do-i-return-an-item"]
    assert "shop.txt -> clean/shop.yaml: 3 kept, 0 removed" in result.stdout


def test_edited_entry_survives_reingest(corpus, faq):
    raw = _write_raw(corpus)
    assert faq("ingest", cwd=corpus).returncode == 0
    _edit(corpus, "shop", lambda t: t.replace("from your account page.", "from your account page or by phone."))
    _edit(corpus, "shop", lambda t: t.replace("title: Shop", "title: Delivery and returns"))
    assert faq("ingest", cwd=corpus).returncode == 0
    data = _collection(corpus)
    assert data["title"] == "Delivery and returns"
    assert data["entries"][1]["answer"].endswith("or by phone.")
    # The source changes under the edit: the edit is kept and the conflict reported.
    raw.write_text(QA.replace("until the parcel leaves", "until the parcel has left"), encoding="utf-8")
    result = faq("ingest", cwd=corpus)
    assert result.returncode == 0
    assert "kept your edit of 'can-i-change-my-delivery-address'" in result.stdout
    assert _collection(corpus)["entries"][1]["answer"].endswith("or by phone.")


def test_unedited_entry_follows_its_source(corpus, faq):
    raw = _write_raw(corpus)
    faq("ingest", cwd=corpus)
    raw.write_text(QA.replace("between 8am and 8pm", "between 9am and 6pm"), encoding="utf-8")
    check = faq("ingest", "--check", cwd=corpus)
    assert check.returncode == 1
    assert "out of date: clean/shop.yaml" in check.stdout
    assert faq("ingest", cwd=corpus).returncode == 0
    assert "9am and 6pm" in _collection(corpus)["entries"][0]["answer"]
    assert faq("ingest", "--check", cwd=corpus).returncode == 0


def test_entries_added_by_hand_and_tags_are_kept(corpus, faq):
    _write_raw(corpus)
    faq("ingest", cwd=corpus)
    manual = ("  - id: do-you-ship-abroad\n    question: Do you ship abroad?\n    answer: |-\n"
              "      Yes, to every country of the European Union.\n")
    _edit(corpus, "shop", lambda t: t.replace("  - id: can-i-change", manual + "  - id: can-i-change"))
    _edit(corpus, "shop", lambda t: t.replace(
        "  - id: how-do-i-return-an-item\n", "  - id: how-do-i-return-an-item\n    tags: [returns]\n", 1))
    lint = faq("lint", cwd=corpus)
    assert lint.returncode == 0, lint.output
    assert faq("ingest", cwd=corpus).returncode == 0
    entries = _collection(corpus)["entries"]
    assert [e["id"] for e in entries] == ["do-you-deliver-on-sundays", "do-you-ship-abroad",
                                          "can-i-change-my-delivery-address", "how-do-i-return-an-item"]
    assert entries[3]["tags"] == ["returns"]


def test_entry_gone_from_source_is_recorded_not_lost(corpus, faq):
    raw = _write_raw(corpus)
    faq("ingest", cwd=corpus)
    raw.write_text(QA.split("How do I return")[0], encoding="utf-8")
    result = faq("ingest", cwd=corpus)
    assert "dropped 'how-do-i-return-an-item'" in result.stdout
    removed = yaml.safe_load((corpus / "clean" / "shop.removed.yaml").read_text(encoding="utf-8"))
    assert removed["removed"][0]["question"] == "How do I return an item?"
    assert "30 days" in removed["removed"][0]["answer"]


def test_check_reports_new_raw_file_and_missing_source(corpus, faq):
    _write_raw(corpus)
    faq("ingest", cwd=corpus)
    _write_raw(corpus, "museum.txt", "Is the museum open on Mondays?\n\nNo, it is closed on Mondays.\n")
    result = faq("ingest", "--check", cwd=corpus)
    assert result.returncode == 1
    assert "clean/museum.yaml" in result.stdout
    assert not (corpus / "clean" / "museum.yaml").exists()
    (corpus / "raw" / "museum.txt").unlink()
    (corpus / "raw" / "shop.txt").unlink()
    result = faq("ingest", "--check", cwd=corpus)
    assert result.returncode != 0
    assert "raw source of collection 'shop' is missing" in result.stderr


def test_bad_source_is_reported_and_nothing_is_written(corpus, faq, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Was kostet es?\n\nZehn Euro f\xfcr alle.\n".encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text(QA, encoding="utf-8")
    result = faq("ingest", bad, good, cwd=corpus)
    assert result.returncode == 2
    assert "latin1.txt:3: not valid UTF-8" in result.stderr
    assert "Traceback" not in result.output
    assert not (corpus / "raw" / "latin1.txt").exists()
    assert not (corpus / "clean" / "latin1.yaml").exists()
    assert (corpus / "clean" / "good.yaml").exists()
    assert not [p for p in (corpus / "clean").iterdir() if p.name.startswith(".")]


def test_existing_raw_file_with_other_content_is_not_overwritten(corpus, faq, tmp_path):
    _write_raw(corpus)
    other = tmp_path / "shop.txt"
    other.write_text(QA.replace("Sundays", "Saturdays"), encoding="utf-8")
    result = faq("ingest", other, cwd=corpus)
    assert result.returncode == 2
    assert "already exists with other content" in result.stderr
    assert "Sundays" in (corpus / "raw" / "shop.txt").read_text(encoding="utf-8")


def test_unreadable_collection_file_is_never_overwritten(corpus, faq):
    _write_raw(corpus)
    faq("ingest", cwd=corpus)
    broken = "name: shop\nentries: [\n"
    (corpus / "clean" / "shop.yaml").write_text(broken, encoding="utf-8")
    result = faq("ingest", cwd=corpus)
    assert result.returncode == 2
    assert "cannot be read, so it is not overwritten" in result.stderr
    assert (corpus / "clean" / "shop.yaml").read_text(encoding="utf-8") == broken


def test_directory_source_and_duplicate_across_collections(corpus, faq, tmp_path):
    folder = tmp_path / "scrapes"
    folder.mkdir()
    (folder / "a-delivery.txt").write_text(QA, encoding="utf-8")
    (folder / "b-returns.txt").write_text(
        "How do I return an item?\n\nUse the returns portal within 30 days of delivery.\n\n"
        "Who pays for return shipping?\n\nReturns are free for customers in the EU.\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("Is this read?\n\nNo.\n", encoding="utf-8")
    result = faq("ingest", folder, cwd=corpus)
    assert result.returncode == 0, result.output
    assert sorted(p.name for p in (corpus / "raw").iterdir()) == ["a-delivery.txt", "b-returns.txt"]
    returns = _collection(corpus, "b-returns")
    assert [e["question"] for e in returns["entries"]] == ["Who pays for return shipping?"]
    removed = yaml.safe_load((corpus / "clean" / "b-returns.removed.yaml").read_text(encoding="utf-8"))
    assert removed["removed"][0]["reasons"][0]["name"] == "duplicate-question"
    assert "a-delivery" in removed["removed"][0]["reasons"][0]["message"]


def test_config_can_switch_a_cleaning_rule_off(corpus, faq):
    (corpus / "faq.toml").write_text('language = "en"\n[lint]\nignore = ["truncated-answer"]\n',
                                     encoding="utf-8")
    shutil.copy(SEED, corpus / "raw" / "seed.txt")
    assert faq("ingest", cwd=corpus).returncode == 0
    data = _collection(corpus, "seed")
    assert not any(e.get("truncated") for e in data["entries"])
    assert any(" ...\n" in e["answer"] for e in data["entries"])


def test_reader_warnings_are_shown(corpus, faq, tmp_path):
    page = tmp_path / "broken-ld.html"
    page.write_text(
        '<html lang="en"><head><title>Help</title><script type="application/ld+json">{"@type": "FAQPage", '
        '</script></head><body><details><summary>Do you ship abroad?</summary><p>Yes, to every EU '
        'country within five working days.</p></details></body></html>', encoding="utf-8")
    result = faq("ingest", page, cwd=corpus)
    assert result.returncode == 0, result.output
    assert "  warning: " in result.stdout and "JSON-LD" in result.stdout
