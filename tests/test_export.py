"""`faq export`: JSON and Markdown, deterministic."""
from __future__ import annotations

import json
import shutil

from conftest import SEED


def _built(corpus, faq):
    shutil.copy(SEED, corpus / "raw" / "seed.txt")
    assert faq("ingest", cwd=corpus).returncode == 0


def test_json_export_holds_every_entry_with_provenance(corpus, faq):
    _built(corpus, faq)
    result = faq("export", cwd=corpus)
    assert result.returncode == 0, result.output
    document = json.loads((corpus / "dist" / "faq.json").read_text(encoding="utf-8"))
    assert len(document["entries"]) == 25
    first = document["entries"][0]
    assert set(first) >= {"id", "collection", "question", "answer", "provenance"}
    assert first["collection"] == "seed"
    assert first["provenance"] == {"source": "raw/seed.txt", "lines": [1, 3]}
    assert document["collections"][0]["entries"] == 25


def test_export_twice_gives_identical_bytes(corpus, faq):
    _built(corpus, faq)
    faq("export", cwd=corpus)
    first = {p.name: p.read_bytes() for p in (corpus / "dist").iterdir()}
    result = faq("export", cwd=corpus)
    assert "unchanged dist/faq.json" in result.stdout
    assert {p.name: p.read_bytes() for p in (corpus / "dist").iterdir()} == first
    assert faq("export", "--check", cwd=corpus).returncode == 0
    (corpus / "dist" / "faq.json").write_text("{}", encoding="utf-8")
    check = faq("export", "--check", cwd=corpus)
    assert check.returncode == 1 and "out of date: dist/faq.json" in check.stdout


def test_markdown_export(corpus, faq):
    _built(corpus, faq)
    faq("export", "--format", "markdown", "-o", "site", cwd=corpus)
    page = (corpus / "site" / "seed.md").read_text(encoding="utf-8")
    assert page.startswith("# Seed\n\n## Is it OK to ask your therapist for a hug?\n\nWhen is it OK")
    assert "## What are red flags in a therapist?\n\nWhat should therapists NOT do?\n\n- Behave unethically." in page
    assert page.count("\n## ") == 25


def test_single_format_to_stdout(corpus, faq):
    _built(corpus, faq)
    result = faq("export", "--format", "json", "-o", "-", cwd=corpus)
    assert json.loads(result.stdout)["entries"][0]["id"] == "is-it-ok-to-ask-your-therapist-for-a-hug"
    assert not (corpus / "dist").exists()


def test_export_refuses_an_invalid_corpus(corpus, faq):
    (corpus / "clean" / "bad.yaml").write_text("name: bad\n", encoding="utf-8")
    result = faq("export", cwd=corpus)
    assert result.returncode == 2
    assert "clean/bad.yaml" in result.stderr and "faq lint" in result.stderr
