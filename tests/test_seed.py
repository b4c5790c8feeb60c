"""The shipped seed scrape gives exactly the curated collection the issue asks for."""
from __future__ import annotations

import shutil

import yaml

from conftest import REPO, SEED

EXPECTED = [
    "Is it OK to ask your therapist for a hug?",
    "Why do I want my therapist to hug me?",
    "What should you not ask your therapist?",
    "What should you not talk to your therapist about?",
    "Can I ask my therapist to hold me?",
    "Can I give my therapist a hug?",
    "Can my therapist cuddle me?",
    "What are red flags in a therapist?",
    "What therapists don't tell you?",
    "What is inappropriate for a therapist?",
    "Do therapists think about me between sessions?",
    "Do therapists get attached to clients?",
    "Can you hang out with your therapist?",
    "Can my therapist touch me?",
    "How do you tell if your therapist loves you?",
    "How do you hug a therapist?",
    "What kind of patients do therapists like?",
    "Why do therapists stay silent?",
    "Why does my therapist watch my hands?",
    "What are 3 signs you are seeing a good therapist?",
    "What signs do therapists look for?",
    "Do therapist text their patients?",
    "Are therapists allowed to befriend their patients?",
    "Is it okay to tell your therapist you love them?",
    "What should you not do in a therapy session?",
]


def _ingest_seed(corpus, faq):
    shutil.copy(SEED, corpus / "raw" / SEED.name)
    result = faq("ingest", cwd=corpus)
    assert result.returncode == 0, result.output
    name = SEED.stem
    collection = yaml.safe_load((corpus / "clean" / f"{name}.yaml").read_text(encoding="utf-8"))
    removed = yaml.safe_load((corpus / "clean" / f"{name}.removed.yaml").read_text(encoding="utf-8"))
    return result, collection, removed


def test_seed_gives_exactly_the_expected_entries_in_order(corpus, faq):
    _, collection, _ = _ingest_seed(corpus, faq)
    assert [e["question"] for e in collection["entries"]] == EXPECTED
    ids = [e["id"] for e in collection["entries"]]
    assert len(set(ids)) == len(ids)
    assert "what-therapists-dont-tell-you" in ids


def test_seed_removals_are_recorded_with_their_reasons(corpus, faq):
    result, _, removed = _ingest_seed(corpus, faq)
    reasons = {item["question"]: {r["name"] for r in item["reasons"]} for item in removed["removed"]}
    assert set(reasons) == {"Should I Hug My Client?", "Can humans bite through bone?",
                            "Why do humans not get fleas?"}
    assert reasons["Should I Hug My Client?"] == {"missing-answer"}
    for question in ("Can humans bite through bone?", "Why do humans not get fleas?"):
        assert {"navigation-link", "off-topic"} <= reasons[question]
    off_topic = next(r for item in removed["removed"] for r in item["reasons"] if r["name"] == "off-topic")
    assert "below" in off_topic["message"] and "median" in off_topic["message"]
    trimmed = {item["text"] for item in removed["trimmed"]}
    assert {"Previous question", "Next question"} <= trimmed
    assert "25 kept, 3 removed" in result.stdout
    assert "Should I Hug My Client?" in result.stdout


def test_list_heading_question_belongs_to_the_red_flags_answer(corpus, faq):
    _, collection, _ = _ingest_seed(corpus, faq)
    red_flags = next(e for e in collection["entries"] if e["question"] == "What are red flags in a therapist?")
    answer = red_flags["answer"]
    assert answer.startswith("What should therapists NOT do?\n\n- Behave unethically.")
    assert answer.count("\n- ") == 7
    assert "You just don't feel “right”" in answer
    assert red_flags["truncated"] is True
    assert "..." not in answer and "…" not in answer


def test_truncation_marks_are_removed_but_remembered(corpus, faq):
    _, collection, _ = _ingest_seed(corpus, faq)
    for entry in collection["entries"]:
        assert "..." not in entry["answer"] and "…" not in entry["answer"], entry["id"]
    truncated = {e["id"] for e in collection["entries"] if e.get("truncated")}
    assert truncated == {
        "what-should-you-not-ask-your-therapist", "what-are-red-flags-in-a-therapist",
        "what-therapists-dont-tell-you", "how-do-you-tell-if-your-therapist-loves-you",
        "what-are-3-signs-you-are-seeing-a-good-therapist", "what-signs-do-therapists-look-for",
    }
    signs = next(e for e in collection["entries"] if e["id"] == "what-signs-do-therapists-look-for")
    assert signs["answer"].split("\n\n")[:2] == ["6 Signs Therapists Look For.",
                                                 "Here is a list of these common symptoms."]


def test_numbered_lists_keep_their_numbers(corpus, faq):
    _, collection, _ = _ingest_seed(corpus, faq)
    keeper = next(e for e in collection["entries"] if e["id"] == "how-do-you-tell-if-your-therapist-loves-you")
    lines = keeper["answer"].split("\n")
    assert lines[0] == "7 Signs your Therapist is a Keeper"
    assert lines[2:] == [f"{n}. {text}" for n, text in enumerate([
        "THEY ARE ENGAGED WHILE YOU TALK.", "ALLOW YOU TO TAKE YOUR TIME.", "YOU FEEL VALIDATED.",
        "THEY CHALLENGE YOU.", "THERE IS TRUST.", "PAYS ATTENTION TO YOUR IDENTITY AND TRAUMA HISTORY.",
        "THEY'RE OPEN TO ALTERNATIVE DIAGNOSES."], start=1)]


def test_provenance_points_at_the_raw_lines(corpus, faq):
    _, collection, _ = _ingest_seed(corpus, faq)
    raw_lines = SEED.read_text(encoding="utf-8").split("\n")
    for entry in collection["entries"]:
        provenance = entry["provenance"]
        assert provenance["source"] == f"raw/{SEED.name}"
        first, last = provenance["lines"]
        assert raw_lines[first - 1].replace(" t ", "'t ").strip() == entry["question"]
        assert first <= last
        assert provenance["fingerprint"].startswith("sha256:")
    assert collection["source"]["path"] == f"raw/{SEED.name}"


def test_raw_copy_is_byte_for_byte(corpus, faq):
    outside = corpus.parent / "scrape.txt"
    shutil.copy(SEED, outside)
    result = faq("ingest", outside, cwd=corpus)
    assert result.returncode == 0, result.output
    assert (corpus / "raw" / "scrape.txt").read_bytes() == SEED.read_bytes()
    assert (corpus / "clean" / "scrape.yaml").is_file()


def test_ingesting_twice_changes_no_byte(corpus, faq):
    _ingest_seed(corpus, faq)
    before = {p.name: p.read_bytes() for p in (corpus / "clean").iterdir()}
    again = faq("ingest", cwd=corpus)
    assert again.returncode == 0
    assert "unchanged" in again.stdout
    assert {p.name: p.read_bytes() for p in (corpus / "clean").iterdir()} == before


def test_shipped_clean_collection_is_what_ingest_produces(tmp_path, faq):
    """The committed clean/ is exactly the output of ingesting the committed raw/."""
    for name in ("raw", "clean", "schema"):
        shutil.copytree(REPO / name, tmp_path / name)
    (tmp_path / "faq.toml").write_text('language = "en"\n', encoding="utf-8")
    check = faq("ingest", "--check", cwd=tmp_path)
    assert check.returncode == 0, check.output
    shutil.rmtree(tmp_path / "clean")
    assert faq("ingest", cwd=tmp_path).returncode == 0
    for path in (REPO / "clean").iterdir():
        assert (tmp_path / "clean" / path.name).read_bytes() == path.read_bytes(), path.name


def test_shipped_corpus_lints_without_errors_and_with_real_warnings(faq):
    result = faq("lint", "--format", "json", cwd=REPO)
    assert result.returncode == 0, result.output
    import json

    problems = json.loads(result.stdout)
    assert all(p["severity"] != "error" for p in problems)
    names = {p["name"] for p in problems}
    assert {"truncated-answer", "list-count-mismatch", "unsourced-statistic", "dangling-citation"} <= names
    by_name = {p["name"]: p for p in problems}
    assert "10 items" in by_name["list-count-mismatch"]["message"]
    assert by_name["dangling-citation"]["entry"] == "can-you-hang-out-with-your-therapist"
    assert by_name["unsourced-statistic"]["entry"] == "do-therapists-get-attached-to-clients"
