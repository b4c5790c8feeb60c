"""The few words the exports write themselves (not the corpus's text), in the
collection's language: the heading of the table of contents and the label of the
list of questions. A language not listed gets English."""
from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "contents": {"en": "Contents", "de": "Inhalt", "fr": "Sommaire", "es": "Contenido",
                 "it": "Indice", "pt": "Índice", "nl": "Inhoud", "pl": "Spis treści",
                 "sv": "Innehåll", "da": "Indhold", "nb": "Innhold", "fi": "Sisältö"},
    "questions": {"en": "Questions and answers", "de": "Fragen und Antworten",
                  "fr": "Questions et réponses", "es": "Preguntas y respuestas",
                  "it": "Domande e risposte", "pt": "Perguntas e respostas",
                  "nl": "Vragen en antwoorden", "pl": "Pytania i odpowiedzi",
                  "sv": "Frågor och svar", "da": "Spørgsmål og svar", "nb": "Spørsmål og svar",
                  "fi": "Kysymykset ja vastaukset"},
}


def label(key: str, language: str) -> str:
    """The label in ``language`` (a BCP 47 tag; its primary subtag decides)."""
    words = LABELS[key]
    return words.get(language.split("-")[0].lower(), words["en"])
