from __future__ import annotations

import functools
import re
from typing import Iterator

from pipeline.answer import answer_items, parse_blocks, render_blocks
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Fix, Rule

# Lines that introduce links to other pages' questions. Questions that follow one of
# these and have no answer of their own are navigation, not content.
NAVIGATION_MARKERS = frozenset("""
previous question|next question|previous|next|prev|people also ask|people also search for|related
questions|related searches|related|related posts|related articles|see also|you may also like|you
might also like|more questions|other questions|popular questions|similar questions|frequently asked questions|
vorherige frage|nächste frage|ähnliche fragen|question précédente|question suivante|questions
similaires|pregunta anterior|siguiente pregunta|preguntas relacionadas|domanda precedente|
domanda successiva|pergunta anterior|próxima pergunta|
ähnliche suchanfragen|nutzer fragen auch|weitere fragen|verwandte fragen|siehe auch|häufig gestellte fragen|
autres questions posées|recherches associées|questions associées|voir aussi|questions fréquentes|
búsquedas relacionadas|otras preguntas de los usuarios|más preguntas|ver también|preguntas frecuentes|
altre domande|ricerche correlate|domande correlate|vedi anche|domande frequenti|
pesquisas relacionadas|perguntas relacionadas|as pessoas também perguntam|veja também|perguntas frequentes|
vorige vraag|volgende vraag|mensen vragen ook|gerelateerde zoekopdrachten|gerelateerde vragen|zie ook|
veelgestelde vragen|
похожие вопросы|другие вопросы|предыдущий вопрос|следующий вопрос|смотрите также|
他の人はこちらも質問|関連する質問|関連キーワード|前の質問|次の質問|
相关问题|相关搜索|上一个问题|下一个问题|其他人还问了
""".replace("\n", " ").split("|"))
NAVIGATION_MARKERS = frozenset(m.strip() for m in NAVIGATION_MARKERS)

# Lines that are page chrome wherever they appear.
FURNITURE_LINES = frozenset(m.strip() for m in """
read more|read more »|continue reading|share|share this|share on facebook|share on twitter|
tweet|email|print|advertisement|advertisements|sponsored|ad|ads|show more|show less|see more|
see less|more items|more items...|more items…|feedback|was this helpful?|was this answer
helpful?|back to top|top|table of contents|click to expand|expand|collapse|learn more|
skip to content|skip to main content|cookie settings|accept cookies|report|report an issue|
helpful|not helpful|mehr lesen|weiterlesen|lire la suite|leer más|leggi di più|
teilen|drucken|nach oben|mehr anzeigen|weniger anzeigen|war diese antwort hilfreich?|war dieser artikel
hilfreich?|werbung|anzeige|inhaltsverzeichnis|zum inhalt springen|
partager|imprimer|haut de page|retour en haut|afficher plus|voir plus|publicité|sommaire|
cette réponse vous a-t-elle été utile ?|cet article vous a-t-il été utile ?|
compartir|imprimir|volver arriba|ver más|mostrar más|publicidad|índice|¿te resultó útil?|
¿te ha resultado útil?|condividi|stampa|torna su|mostra di più|pubblicità|indice|
compartilhar|partilhar|voltar ao topo|ver mais|leia mais|publicidade|
delen|afdrukken|lees meer|naar boven|meer weergeven|advertentie|
читать далее|подробнее|поделиться|наверх|реклама|
続きを読む|もっと見る|シェア|ページの先頭へ|広告|
阅读更多|阅读全文|查看更多|分享|返回顶部|广告
""".replace("\n", " ").split("|"))

_TRAILING = " \t:»›>→…."
# Shared with scraped-furniture-inline, which finds the same chrome inside a line.
SEARCH_FOR = r"(?:search for|searches related to)\s*:"
DOMAIN = r"(?:https?://)?[\w-]+(?:\.[\w-]+)+"
# A breadcrumb trail as search results print it: an address, then path segments of
# one token each ("www.example.com › therapy › hugs"). One token a segment, so that
# a line that goes on into a sentence after the trail is not taken for chrome.
BREADCRUMB_TAIL = r"(?:[ \t]*[›»][ \t]*[^\s›»]+)+"
_SEARCH_FOR_RE = re.compile(rf"^{SEARCH_FOR}", re.I)
_BREADCRUMB_RE = re.compile(rf"^{DOMAIN}(?:[ \t]*>[ \t]*[^\s>]+|{BREADCRUMB_TAIL})+$")


def _key(line: str) -> str:
    return " ".join(line.strip().lower().split()).rstrip(_TRAILING)


def is_navigation_marker(line: str) -> bool:
    return _key(line) in NAVIGATION_MARKERS


# Two rules ask about every paragraph and list item, one after the other.
@functools.lru_cache(maxsize=1 << 14)
def is_furniture_line(line: str) -> bool:
    """True for a line that is page chrome rather than content."""
    stripped = line.strip()
    key = _key(stripped)
    return (key in FURNITURE_LINES or stripped.lower() in FURNITURE_LINES
            or key in NAVIGATION_MARKERS or bool(_SEARCH_FOR_RE.match(stripped))
            or bool(_BREADCRUMB_RE.match(stripped)))


class FurnitureResidue(Rule):
    """Page furniture left inside an answer.

    What it finds: answer paragraphs or list items that are page chrome rather than
    content: "Read more", "Share", "Advertisement", "Previous question" / "Next
    question", "Related questions", "Search for: ...", breadcrumb trails such as
    "www.example.com › a › b".

    Why it matters: scrapes carry the page's navigation along with its text. Published
    as part of an answer, it reads as noise and links to nothing.

    Example:
        failing: answer: "Therapists may hug clients who ask.\\n\\nRead more"
        passing: answer: "Therapists may hug clients who ask."

    Fix (safe): drops those lines; cleaning records what it cut.
    """

    code = "FAQ204"
    name = "furniture-residue"
    severity = Severity.WARNING
    fixable = "safe"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        if not any(map(is_furniture_line, answer_items(entry.answer))):
            return  # nothing to cut (most answers): no need for blocks of its own
        blocks = parse_blocks(entry.answer)
        cut: list[str] = []
        kept = []
        first_offset = None
        for block in blocks:
            furniture = [is_furniture_line(item) for item in block.items]
            if block.is_list and not all(furniture):
                # Among real items a single word ("- Phone", "- Email") is content.
                furniture = [f and len(_key(item).split()) > 1 for f, item in zip(furniture, block.items)]
            items = [item for item, f in zip(block.items, furniture) if not f]
            cut.extend(item for item, f in zip(block.items, furniture) if f)
            if len(items) != len(block.items) and first_offset is None:
                first_offset = _line_offset(entry.answer, block.line)
            if items:
                block.items = items
                kept.append(block)
        if cut:
            yield Finding(entry, f"page furniture in the answer: {', '.join(repr(c) for c in cut)}",
                          offset=first_offset or 0,
                          fix=Fix({"answer": render_blocks(kept)}, cut=cut))


def _line_offset(text: str, line: int) -> int:
    offset = 0
    for _ in range(line):
        offset = text.index("\n", offset) + 1
    return offset
