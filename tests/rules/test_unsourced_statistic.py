"""FAQ210 unsourced-statistic: percentages and ratios that name no source."""
from __future__ import annotations

import pytest

from pipeline.rules.unsourced_statistic import UnsourcedStatistic

from rules.support import check, entry, position, write_collection


@pytest.mark.parametrize("answer, statistic", [
    ("According to new research, 72 percent of therapists felt friendship toward clients.",
     "72 percent"),
    ("About 1 in 5 adults sees a therapist at some point.", "1 in 5"),
    ("Roughly 3 out of every 10 clients end therapy early.", "3 out of every 10"),
    ("Therapy helps: 75% of clients report some benefit.", "75%"),
    ("Attendance rose by 4.5 percentage points last year.", "4.5 percentage points"),
    ("Some 40 per cent of clients never tell their therapist.", "40 per cent"),
])
def test_statistic_without_a_source(answer, statistic):
    item = entry(answer=answer)
    [finding] = check(UnsourcedStatistic, item)
    assert finding.message == f"statistic '{statistic}' is stated without a source"
    assert finding.field == "answer"
    assert item.answer[finding.offset:].startswith(statistic)
    assert finding.fix is None and UnsourcedStatistic.fixable is None


def test_the_first_statistic_is_named():
    [finding] = check(UnsourcedStatistic, entry(
        answer="Get 10% off your first session. 72 percent of clients come back, and 25% refer a friend."))
    assert finding.message == "statistic '72 percent' is stated without a source"


@pytest.mark.parametrize("answer", [
    "72 percent of therapists felt friendship toward their clients (Smith, 2019).",
    "72 percent of therapists felt friendship (Pope et al. 1986a).",
    "72 percent of therapists felt friendship [1].",
    "72 percent of therapists felt friendship; see https://example.org/survey.",
    "72 percent of therapists felt friendship ([survey](https://example.org/survey)).",
    "According to the American Psychological Association, 1 in 5 adults has a mental illness.",
    "according to the APA, 1 in 5 adults has a mental illness.",
    "Source: National Survey on Drug Use and Health. 1 in 5 adults has a mental illness.",
    "A survey by the NHS found that 40% of clients never tell their therapist.",
    "Get 10% off your first session.",
    "Members get a 15 % discount on every course.",
    "Therapy helps most clients, and 2020 was a hard year for many of them.",
    "We see 10 to 12 clients in 1 day.",
])
def test_sourced_statistics_and_numbers_that_are_not_statistics(answer):
    assert check(UnsourcedStatistic, entry(answer=answer)) == []


@pytest.mark.parametrize("language, answer, statistic", [
    ("es", "Según nuevos estudios, el 60 % de los pacientes lo siente.", "60 %"),
    ("de", "Rund 40 Prozent der Klienten sagen es ihrem Therapeuten nie.", "40 Prozent"),
    ("fr", "Environ 40 pour cent des clients ne le disent jamais.", "40 pour cent"),
    ("ru", "По данным исследования, 60% клиентов испытывают это.", "60%"),
])
def test_statistics_without_a_source_in_other_languages(language, answer, statistic):
    [finding] = check(UnsourcedStatistic, entry(answer=answer), language)
    assert finding.message == f"statistic '{statistic}' is stated without a source"


@pytest.mark.parametrize("language, answer", [
    ("es", "Según la Asociación Americana de Psicología, el 60 % de los pacientes lo siente."),
    ("es", "De acuerdo con la OMS, el 25 % de las personas lo vive."),
    ("de", "Laut dem Robert Koch-Institut sagen 40 Prozent der Klienten es nie."),
    ("fr", "Selon l'OMS, 25 % des personnes le vivent."),
    ("fr", "Source : INSEE. 25 % des personnes le vivent."),
    ("it", "Secondo l'ISTAT, il 25% delle persone lo vive."),
    ("pt", "Segundo a OMS, 25% das pessoas vivem isso."),
    ("nl", "Volgens het CBS ervaart 25% van de mensen dit."),
    ("ru", "По данным ВОЗ, 25% людей испытывают это."),
])
def test_sources_named_in_other_languages(language, answer):
    assert check(UnsourcedStatistic, entry(answer=answer), language) == []


def test_the_question_is_not_checked():
    assert check(UnsourcedStatistic, entry(question="Do 72 percent of therapists feel friendship?",
                                           answer="Many therapists do, and they keep it professional.")) == []


def test_lint_points_at_the_statistic_inside_the_answer(corpus, faq):
    text = """\
name: therapy
title: Therapy
language: en
entries:
  - id: do-therapists-get-attached-to-clients
    question: Do therapists get attached to clients?
    answer: |-
      Many therapists care about their clients.

      According to new research, 72 percent of therapists surveyed felt friendship toward their clients.
"""
    write_collection(corpus, "therapy", text)
    result = faq("lint", cwd=corpus)
    assert result.returncode == 0, result.output
    line, column = position(text, "72 percent")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ210 statistic '72 percent' is stated "
            "without a source (unsourced-statistic)") in result.stdout.splitlines()


def test_severity_and_selection_from_the_configuration(corpus, faq):
    text = """\
name: therapy
title: Therapy
language: en
entries:
  - id: how-many-adults-see-a-therapist
    question: How many adults see a therapist?
    answer: |-
      About 1 in 5 adults sees a therapist at some point in their life.
"""
    write_collection(corpus, "therapy", text)
    line, column = position(text, "1 in 5")
    expected = "statistic '1 in 5' is stated without a source (unsourced-statistic)"
    (corpus / "faq.toml").write_text('language = "en"\n\n[rules.unsourced-statistic]\nseverity = "error"\n',
                                     encoding="utf-8")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    assert f"clean/therapy.yaml:{line}:{column}: error FAQ210 {expected}" in result.stdout.splitlines()
    (corpus / "faq.toml").write_text('language = "en"\n\n[lint]\nignore = ["FAQ210"]\n', encoding="utf-8")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 0 and "FAQ210" not in result.stdout
