from __future__ import annotations

import re
from typing import Iterator

from pipeline.answer import parse_blocks
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
# Words after a number that measure, not count items: "14 days", "14 Tage", "30 jours",
# "5 percent", "50 euros", "2 kg" (in the languages faq stems).
_MEASURES = "|".join([
    r"seconds?|minutes?|hours?|days?|weeks?|months?|years?|times|percent|per|of",
    r"sekunden|minuten|stunden|tagen?|wochen|monaten?|jahren?|mal|prozent",
    r"secondes?|heures?|jours?|semaines?|mois|ans|années?|fois|pour",
    r"segundos?|minutos?|horas?|días?|dias?|semanas?|meses|años|anos|veces|vezes|por",
    r"secondi|minuti|ore|giorni|settimane|mesi|anni|volte",
    r"seconden|uur|uren|dagen|weken|maanden|jaar|jaren|keer|procent",
    r"секунд\w*|минут\w*|час\w*|дн\w*|день|недел\w*|месяц\w*|год\w*|лет|раз\w*|процент\w*",
    r"euros?|dollars?|pounds?|francs?|franken|pesos|reais|рубл\w*|kg|g|km|m|cm|mm|l|ml|gb|mb|tb|kb",
])
# A count that opens a list heading ("10 Things ...", "Here are seven ways ...",
# "The top 5 signs ...", "Hier sind 5 Tipps", "Voici 3 conseils"), followed by a
# word that is not a measure: not "5%", not "2020 was", not "14 days".
_COUNT_RE = re.compile(
    r"(?:^|\b(?:top|these|the|following|are|here are|with|hier sind|voici|aquí (?:tienes|están)|ecco|"
    r"aqui estão|hier zijn|вот)\s+)(\d{1,3}|"
    + "|".join(_NUMBER_WORDS) + rf")\s+(?!%|(?:{_MEASURES})\b)[^\W\d_]",
    re.IGNORECASE)


def announced_count(heading: str) -> int | None:
    for match in _COUNT_RE.finditer(heading.strip().lstrip("–—-•*# ")):
        token = match.group(1).lower()
        count = int(token) if token.isdigit() else _NUMBER_WORDS[token]
        if count >= 2:  # "the one place where ..." announces no list
            return count
    return None


class ListCountMismatch(Rule):
    """A list whose heading announces more (or fewer) items than it holds.

    What it finds: a paragraph such as "10 Things Your Therapist May Not Tell You"
    or "Here are five ways to ..." ("Hier sind 5 Tipps", "Voici 3 conseils")
    directly before a list whose number of items differs from the number
    announced. A number that measures ("14 days", "14 Tage", "30 jours", "50
    euros") announces no list.

    Why it matters: the mismatch tells the reader that part of the list is missing;
    in scrapes it usually means the source showed only the first items.

    Example:
        failing: "10 Things Your Therapist May Not Tell You" followed by seven items
        passing: "7 Things Your Therapist May Not Tell You" followed by seven items
    """

    code = "FAQ208"
    name = "list-count-mismatch"
    severity = Severity.WARNING

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        blocks = parse_blocks(entry.answer)
        for heading, block in zip(blocks, blocks[1:]):
            if heading.kind != "paragraph" or not block.is_list:
                continue
            count = announced_count(heading.text)
            if count is not None and count != len(block.items):
                cut = " (the source cut the list off)" if entry.truncated else ""
                yield Finding(entry, f"the heading announces {count} items but the list holds "
                              f"{len(block.items)}{cut}", offset=max(0, entry.answer.find(heading.text)))
