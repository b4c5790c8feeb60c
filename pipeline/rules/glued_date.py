from __future__ import annotations

import re
from typing import Iterator

from pipeline.language import MONTHS, folded, mentions
from pipeline.model import Entry, Severity
from pipeline.rules.answer_repeats_question import capitalised
from pipeline.rules.base import Context, Finding, Fix, Rule

_MONTH = "(?:" + "|".join(MONTHS) + r")\.?"
_YEAR = r"(?:19|20)\d\d"
_DATE = "|".join([
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}",  # Mar 18, 2020
    rf"\d{{1,2}}(?:st|nd|rd|th|\.|º)?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}",  # 18 de marzo de 2020
    rf"\d{{1,2}}[./]\d{{1,2}}[./]{_YEAR}",  # 18.03.2020, 3/18/2020
    rf"{_YEAR}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?",  # 2020-03-18
])
_AGO = "|".join([
    r"\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago",
    r"vor\s+\d{1,3}\s+(?:Sekunden|Minuten|Stunden|Tag(?:en)?|Wochen?|Monat(?:en)?|Jahr(?:en)?)",
    r"il\s+y\s+a\s+\d{1,3}\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)",
    r"hace\s+\d{1,3}\s+(?:segundos?|minutos?|horas?|días?|semanas?|mes(?:es)?|años?)",
    r"\d{1,3}\s+(?:секунд[уы]?|минут[уы]?|час(?:а|ов)?|день|дня|дней|недел[юиь]|месяц(?:а|ев)?|год(?:а)?|лет)"
    r"\s+назад",
])
_SEPARATOR = r"[ \t]*[—–-][ \t]*|[ \t]+·[ \t]+"
# Russian writes "г." (year) after the year: "18 мар. 2020 г."
_DATE_RE = re.compile(rf"(?<!\d)(?:(?P<date>(?:{_DATE})\b(?:[ \u00a0]?г\.)?)|(?P<ago>{_AGO})\b)"
                      rf"(?P<sep>{_SEPARATOR})?", re.IGNORECASE)
# Text that every match of _DATE_RE holds (a year, or a relative date's marker):
# without it there is nothing to look for.
_MAYBE_DATE_RE = re.compile(r"(?:19|20)\d\d|ago|vor\s+\d|y\s+a\s+\d|hace\s+\d|назад", re.IGNORECASE)
# Cheaper still, on the text in lower case: the same markers as substrings (French
# "il y a" has spaces of any kind, so it keeps a small pattern of its own).
_DATE_HINTS = ("19", "20", "ago", "vor", "hace", "назад")
_IL_Y_A_RE = re.compile(r"il\s+y\s+a\s+\d")
# What a date is glued to: a letter, or the punctuation that ends a sentence or a
# bracket, with no space between ("...in 2018).Mar 18, 2020", "text.12 Jan 2021").
_GLUE = set(".!?…:;,)]”’\"'")
_SENTENCE_END = set(".!?…")


def glued_dates(text: str) -> list[re.Match[str]]:
    """Dates in ``text`` placed as search result snippets place them: glued to the
    text before them; or opening the text, or a sentence, and followed by a dash;
    and any "2 days ago" followed by a dash."""
    found = []
    if not (mentions(text, _DATE_HINTS) or _IL_Y_A_RE.search(folded(text))) \
            or not _MAYBE_DATE_RE.search(text):  # most answers: the full pattern is slow to try
        return found
    for match in _DATE_RE.finditer(text):
        start, date = match.start(), match.group(0)
        before = text[start - 1] if start else ""
        if before.isalpha():  # "sessionsMar 18, 2020", not "Summar 18, 2020"
            glued = date[0].isdigit() or (date[0].isupper() and before.islower())
        else:  # ").Mar 18, 2020", but not "2.12 Jan 2021"
            glued = before in _GLUE and not (before in ".,:" and text[start - 2:start - 1].isdigit())
        prefix = text[:start]
        line_before = prefix[prefix.rfind("\n") + 1:]
        opening = not prefix.strip() or (
            before in " \t" and line_before.rstrip()[-1:] in _SENTENCE_END)
        if glued or (match.group("sep") and (opening or match.group("ago"))):
            found.append(match)
    return found


def without_dates(text: str, found: list[re.Match[str]]) -> str:
    """``text`` without the dates (and the dash after them): the text on either side
    joined by one space, and a sentence the date opened capitalised."""
    pieces, last = [], 0
    for match in found:
        pieces.append(text[last:match.start()])
        last = match.end()
    result = pieces[0] if pieces else text
    for piece in [*pieces[1:], text[last:]]:
        left, right = result.rstrip(" \t"), piece.lstrip(" \t")
        if not left.strip() or left.rstrip()[-1] in _SENTENCE_END:
            right = capitalised(right)
        gap = "" if not left or not right or left.endswith("\n") or right.startswith("\n") else " "
        result = left + gap + right
    return result.strip()


class GluedDate(Rule):
    """A date glued to an answer's text, as scraped search results leave it.

    What it finds: dates that search result pages print before a snippet, left in
    the answer: glued to the text before them with no space ("...in 2018).Mar 18,
    2020 — Therapists ...", "text.12 Jan 2021"), or opening the answer or a sentence
    and followed by a dash ("Mar 18, 2020 — ..."), and relative dates followed by a
    dash ("2 days ago — ..."). Dates are month names in English, German, French,
    Spanish, Italian, Portuguese, Dutch or Russian with a day and year, numeric dates with a
    four-digit year ("18.03.2020", "3/18/2020") and ISO dates ("2020-03-18").
    A date written into a sentence ("closed on March 18, 2020, for ...") is content
    and is not reported.

    Why it matters: the date belongs to the search result, not to the answer. Glued
    on, it breaks the sentence and shows readers a date that dates nothing.

    Example:
        failing: "...a 2018 survey.Mar 18, 2020 — Therapists may hug clients who ask."
        passing: "...a 2018 survey. Therapists may hug clients who ask."

    Fix (unsafe): removes the date and the dash after it. Unsafe because a date
    that opens an answer is sometimes the date the answer is about.
    """

    code = "FAQ218"
    name = "glued-date"
    severity = Severity.WARNING
    fixable = "unsafe"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        found = glued_dates(entry.answer)
        if found:
            dates = ", ".join(repr(m.group("date") or m.group("ago")) for m in found)
            yield Finding(entry, f"date {dates} left from a search result snippet",
                          offset=found[0].start(),
                          fix=Fix({"answer": without_dates(entry.answer, found)}, safe=False))
