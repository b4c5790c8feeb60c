"""FAQ303 navigation-link: questions that were links in the page's navigation."""
from __future__ import annotations

import yaml

from pipeline.clean import clean_collection
from pipeline.rules.navigation_link import NavigationLink

from rules.support import check, collection, entry, rule_set

HUG = ("Can I hug my therapist?", "Many therapists are comfortable with a brief hug if you ask first.")


def test_question_the_reader_found_in_the_navigation():
    link = entry(question="Can humans bite through bone?", answer="", signals=frozenset({"navigation"}))
    [finding] = check(NavigationLink, link)
    assert finding.message == "a link in the page's navigation, not a question this page answers"
    assert finding.field == "question"
    assert finding.remove is True and finding.fix is None


def test_questions_without_the_signal_are_content():
    assert check(NavigationLink, entry(*HUG)) == []
    assert check(NavigationLink, entry(question="Can humans bite through bone?", answer="")) == []
    assert check(NavigationLink, entry(*HUG, signals=frozenset({"something-else"}))) == []


def test_cleaning_removes_the_link_with_all_its_reasons(tmp_path):
    kept = entry(*HUG)
    link = entry(question="Can humans bite through bone?", answer="", signals=frozenset({"navigation"}))
    target = collection(kept, link)
    result = clean_collection(target, [], rule_set(tmp_path))
    assert target.entries == [kept]
    [removed] = result.removals.entries
    assert removed.question == "Can humans bite through bone?"
    assert [(r.code, r.name) for r in removed.reasons] == [("FAQ201", "missing-answer"),
                                                          ("FAQ303", "navigation-link")]


def test_a_link_with_an_answer_is_removed_for_being_a_link(tmp_path):
    link = entry(question="Why do cats purr?", answer="Cats purr when they are content.",
                 signals=frozenset({"navigation"}))
    target = collection(entry(*HUG), link)
    result = clean_collection(target, [], rule_set(tmp_path))
    [removed] = result.removals.entries
    assert [r.name for r in removed.reasons] == ["navigation-link"]
    assert removed.answer == "Cats purr when they are content."


def test_ingest_removes_links_after_a_navigation_marker(corpus, faq):
    (corpus / "raw" / "hugs.txt").write_text(
        "Can I hug my therapist?\n"
        "Many therapists are comfortable with a brief hug if you ask first.\n"
        "\n"
        "Is it normal to cry in therapy?\n"
        "Yes. Crying in therapy is common, and your therapist sees it often.\n"
        "\n"
        "Related questions\n"
        "Can humans bite through bone?\n"
        "Why do cats purr?\n", encoding="utf-8")
    result = faq("ingest", cwd=corpus)
    assert result.returncode == 0, result.output
    assert "2 kept, 2 removed" in result.stdout
    kept = yaml.safe_load((corpus / "clean" / "hugs.yaml").read_text(encoding="utf-8"))
    assert [e["question"] for e in kept["entries"]] == ["Can I hug my therapist?",
                                                       "Is it normal to cry in therapy?"]
    removed = yaml.safe_load((corpus / "clean" / "hugs.removed.yaml").read_text(encoding="utf-8"))
    reasons = {item["question"]: [r["name"] for r in item["reasons"]] for item in removed["removed"]}
    assert reasons == {"Can humans bite through bone?": ["missing-answer", "navigation-link"],
                       "Why do cats purr?": ["missing-answer", "navigation-link"]}
    # A stored collection cannot show the signal: linting it finds nothing to remove.
    lint = faq("lint", cwd=corpus)
    assert "FAQ303" not in lint.stdout
