"""The few words the exports write themselves (not the corpus's text), in the
collection's language: the heading of the table of contents and the label of the
list of questions. A language not listed gets English, and says so (`language_of`)."""
from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "contents": {"en": "Contents", "de": "Inhalt", "fr": "Sommaire", "es": "Contenido",
                 "it": "Indice", "pt": "Índice", "nl": "Inhoud", "pl": "Spis treści",
                 "sv": "Innehåll", "da": "Indhold", "nb": "Innhold", "fi": "Sisältö",
                 "ar": "المحتويات", "he": "תוכן העניינים", "fa": "فهرست مطالب", "ru": "Содержание",
                 "uk": "Зміст", "ja": "目次", "zh": "目录", "ko": "목차", "hi": "विषय-सूची",
                 "tr": "İçindekiler", "el": "Περιεχόμενα", "cs": "Obsah", "hu": "Tartalom", "ro": "Cuprins",
                 "th": "สารบัญ", "id": "Daftar isi", "vi": "Mục lục"},
    "questions": {"en": "Questions and answers", "de": "Fragen und Antworten",
                  "fr": "Questions et réponses", "es": "Preguntas y respuestas",
                  "it": "Domande e risposte", "pt": "Perguntas e respostas",
                  "nl": "Vragen en antwoorden", "pl": "Pytania i odpowiedzi",
                  "sv": "Frågor och svar", "da": "Spørgsmål og svar", "nb": "Spørsmål og svar",
                  "fi": "Kysymykset ja vastaukset", "ar": "أسئلة وأجوبة", "he": "שאלות ותשובות",
                  "fa": "پرسش و پاسخ", "ru": "Вопросы и ответы", "uk": "Питання та відповіді",
                  "ja": "質問と回答", "zh": "问题与解答", "ko": "질문과 답변", "hi": "प्रश्न और उत्तर",
                  "tr": "Sorular ve cevaplar", "el": "Ερωτήσεις και απαντήσεις", "cs": "Otázky a odpovědi",
                  "hu": "Kérdések és válaszok", "ro": "Întrebări și răspunsuri", "th": "คำถามและคำตอบ",
                  "id": "Tanya jawab", "vi": "Hỏi và đáp"},
}


def language_of(key: str, language: str) -> str:
    """The language the label is written in: ``language``'s primary subtag, or "en"."""
    primary = language.split("-")[0].lower()
    return primary if primary in LABELS[key] else "en"


def label(key: str, language: str) -> str:
    """The label in ``language`` (a BCP 47 tag; its primary subtag decides)."""
    return LABELS[key][language_of(key, language)]
