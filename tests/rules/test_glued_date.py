"""FAQ218 glued-date: dates from search result snippets left in an answer."""
from __future__ import annotations

import pytest

from pipeline.rules.glued_date import GluedDate

from rules.support import assert_fix_is_idempotent, check, entry


def test_date_glued_after_a_closing_bracket_and_full_stop():
    item = entry(answer="Most do (a survey in 2018).Mar 18, 2020 — Therapists may hug clients who ask.")
    [finding] = check(GluedDate, item)
    assert finding.message == "date 'Mar 18, 2020' left from a search result snippet"
    assert (finding.field, finding.offset) == ("answer", item.answer.index("Mar 18"))
    assert not finding.fix.safe
    assert finding.fix.changes == {
        "answer": "Most do (a survey in 2018). Therapists may hug clients who ask."}


@pytest.mark.parametrize("answer, date, fixed", [
    ("Mar 18, 2020 — therapists may hug clients who ask.", "Mar 18, 2020",
     "Therapists may hug clients who ask."),
    ("Hugs are fine.12 Jan 2021", "12 Jan 2021", "Hugs are fine."),
    ("2 days ago — Most therapists agree.", "2 days ago", "Most therapists agree."),
    ("Good question. Sept. 5th, 2019 - Therapists agree.", "Sept. 5th, 2019",
     "Good question. Therapists agree."),
    ("Updated.2020-03-18T10:00Z The answer follows.", "2020-03-18T10:00Z", "Updated. The answer follows."),
    ("Stand:18.03.2020 Die Antwort folgt.", "18.03.2020", "Stand: Die Antwort folgt."),
    ("18 de marzo de 2020 - La respuesta.", "18 de marzo de 2020", "La respuesta."),
    ("Mis à jour il y a 3 jours — La réponse.", "il y a 3 jours", "Mis à jour La réponse."),
    ("Therapists may hug.3/18/2020\n\n- Ask first.", "3/18/2020", "Therapists may hug.\n\n- Ask first."),
    ("Ask in sessionsMar 18, 2020 — Most agree.", "Mar 18, 2020", "Ask in sessions Most agree."),
    ("Доставка занимает три дня.18 мар. 2020 г. — Курьер звонит заранее.", "18 мар. 2020 г.",
     "Доставка занимает три дня. Курьер звонит заранее."),
    ("2 дня назад — Курьер звонит заранее.", "2 дня назад", "Курьер звонит заранее."),
])
def test_dates_and_their_removal(answer, date, fixed):
    [finding] = check(GluedDate, entry(answer=answer))
    assert finding.message == f"date {date!r} left from a search result snippet"
    assert finding.fix.changes == {"answer": fixed}


@pytest.mark.parametrize("answer", [
    "The law changed on March 18, 2020, for all clinics.",
    "The clinic closed (March 18, 2020) and reopened in May.",
    "- March 18, 2020 — the museum closes\n- April 2, 2020 — the museum reopens",  # a timeline
    "Version 2.12 Jan 2021 notes are online.",
    "The seminar 18, 2020 edition is sold out.",
    "We reply within 2 days.",
    "It happened 2 days ago and was fixed.",
    "Open 9-5, Monday to Friday; call 555-0123.",
    "From 2018-2019 the rate fell.",
    "Магазин закрылся 18 марта 2020 года по решению суда.",
])
def test_near_misses(answer):
    assert check(GluedDate, entry(answer=answer)) == []


def test_fix_is_idempotent():
    item = entry(answer="Mar 18, 2020 — yes.12 Jan 2021 Ask first.")
    after = assert_fix_is_idempotent(GluedDate, item)
    assert after["answer"] == "Yes. Ask first."
