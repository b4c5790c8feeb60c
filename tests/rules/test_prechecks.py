"""The cheap pre-checks and caches that make the content rules fast must never change
what they find.

Each rule that skips a slow pattern when a few words are absent is checked here
against the pattern itself, on a large body of real hard cases: every string
literal of the rule tests (written to exercise each rule's edges), the seed corpus,
and those texts in capitals and with the letters that case-insensitive matching
folds onto ASCII ones. The fast paths of `is_shouting`, `normalise_spaces`, `words`
and the answer parse are compared with straightforward reference versions.
"""
from __future__ import annotations

import ast
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import answer as answer_module
from pipeline import corpus as corpus_files
from pipeline.language import Hints, content_stem, content_stems, folded, mentions, words
from pipeline.rules import advertising, glued_date, inconsistent_term, placeholder_text
from pipeline.rules import scraped_furniture_inline, unsourced_statistic, vague_reference
from pipeline.rules import irregular_whitespace
from pipeline.rules.irregular_whitespace import normalise_spaces
from pipeline.rules.question_form import is_shouting
from pipeline.rules.shouting import KNOWN_ACRONYMS, learned_acronyms

from rules.support import collection, entry, inside_word, position, write_collection, yaml_collection

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
# Letters that re.IGNORECASE matches to ASCII ones, and what they stand for.
FOLDING = {"i": "\u0130", "s": "\u017f", "k": "\u212a"}


def _literals() -> list[str]:
    found: list[str] = []
    for path in sorted(HERE.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [node.value for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip()]
    return found


def _seed() -> list[str]:
    path = REPO / "clean" / "therapist-people-also-ask.yaml"
    if not path.exists():
        return []
    loaded = corpus_files.load_collection_file(path, path.name)
    return [text for item in loaded.entries for text in (item.question, item.answer)]


BASE = sorted(set(_literals() + _seed()))
# The same texts in capitals, in title case, and with the folding letters in place
# of ASCII ones: what a pre-check in lower case must still let through.
TEXTS = sorted(set(BASE + [t.upper() for t in BASE] + [t.title() for t in BASE]
                   + [t.replace("i", FOLDING["i"]).replace("s", FOLDING["s"]).replace("k", FOLDING["k"])
                      for t in BASE]
                   + [t.replace("I", "\u0131") for t in BASE]))


def test_the_body_of_texts_is_large_and_varied():
    assert len(BASE) > 1000
    assert any(not t.isascii() for t in BASE)
    assert any(advertising._PROMOTION_RE.search(t) for t in BASE)


def test_folded_keeps_every_ascii_letter_that_ignorecase_matches():
    """Over all of Unicode: a character that re.IGNORECASE matches to an ASCII letter
    becomes that letter in `folded`."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        if re.fullmatch("[a-z]", char, re.IGNORECASE):
            letter = next(x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, char, re.IGNORECASE))
            assert letter in folded(char), f"U+{code:04X}"


def test_mentions_finds_hints_in_any_case():
    assert mentions("Click HERE now", ("here",))
    assert mentions("\u017fign up", ("sign",))  # long s
    assert mentions("\u212aeep", ("keep",))  # Kelvin sign
    assert not mentions("Nothing to see", ("here",))


def _assert_gate(pattern: re.Pattern[str], gate, texts=TEXTS) -> int:
    """Every text where ``pattern`` finds something passes ``gate``; returns how many
    texts the pattern matched, so that a test cannot pass on an empty body."""
    matched = 0
    for text in texts:
        if pattern.search(text):
            matched += 1
            assert gate(text), f"{pattern.pattern[:40]!r} matches {text!r} but the pre-check skips it"
    return matched


def test_advertising_hints_cover_the_promotion_pattern():
    assert _assert_gate(advertising._PROMOTION_RE,
                        lambda t: mentions(t, advertising._PROMOTION_HINTS)) > 20
    assert _assert_gate(advertising._PROMOTION_RE, advertising._PROMOTION_GATE.found_in) > 20


def test_grouped_hints_find_what_the_flat_list_finds():
    hints = Hints(advertising._PROMOTION_HINTS + ("unbeatable ", "#ad", "x"))
    for text in TEXTS + ["UNBEATABLE deals", "#AD", "buy today", "order now"]:
        assert hints.found_in(text) == mentions(text, hints.hints), text


def test_advertising_hints_cover_the_offer_pattern():
    assert _assert_gate(advertising._OFFER_RE, lambda t: mentions(t, advertising._OFFER_HINTS)) > 20


@pytest.mark.parametrize("answer", [
    "Subscribe today!", "REGISTER NOW.", "Book today and relax.", "It is a limited-time deal.",
    "While stocks last.", "Don't miss this offer.", "An exclusive discount for you.",
    "Lowest prices online.", "Unbeatable deals.", "Act fast.", "Click here to order.",
    "Add to basket.", "Grab your discount.", "Free trial now.", "Use the voucher code SPRING.",
    "Use code: WIN5 today", "#sponsored", "Sponsored content.", "We receive a small commission.",
    "As an Amazon Associate I earn.", "See https://x.test/?aff_id=3.", "Use the code ABC1.",
    "Shop now", "\u017fign up now", "Call today", "Order today!", "Best price guaranteed.",
])
def test_every_kind_of_promotion_passes_the_hints(answer):
    assert advertising._PROMOTION_RE.search(answer), "the example must be promotional"
    assert mentions(answer, advertising._PROMOTION_HINTS)
    assert advertising._PROMOTION_GATE.found_in(answer)
    assert advertising.promotions(answer)


def test_vague_reference_hints_cover_each_language():
    for language, pattern in vague_reference._PHRASE_RE.items():
        hints = vague_reference.PHRASE_HINTS[language]
        _assert_gate(pattern, lambda t, hints=hints: mentions(t, hints))
    examples = {"en": ["Click on this button.", "As discussed earlier, yes.", "Tap below.",
                       "Visit the following link.", "The chart above shows it.", "Find out more here."],
                "de": ["Wie oben erwähnt.", "Diesen Link öffnen."], "fr": ["Voir ci-dessous."],
                "es": ["Haga clic aquí.", "Más abajo se muestra.", "Este enlace."]}
    for language, texts in examples.items():
        assert _assert_gate(vague_reference._PHRASE_RE[language],
                            lambda t, language=language: mentions(t, vague_reference.PHRASE_HINTS[language]),
                            texts) == len(texts)


def test_placeholder_hints_cover_the_pattern():
    assert _assert_gate(placeholder_text._PLACEHOLDER_RE, placeholder_text._maybe_placeholder) > 10


def test_glued_date_hints_cover_the_pattern():
    def gate(text):
        return (mentions(text, glued_date._DATE_HINTS) or glued_date._IL_Y_A_RE.search(folded(text))) \
            and glued_date._MAYBE_DATE_RE.search(text)
    extra = ["Il y a 3 jours — voilà", "IL\tY A 2 ans", "vor 3 Tagen", "hace 2 días", "2 days ago",
             "18.03.2020", "2020-03-18", "Mar 18, 2020"]
    assert _assert_gate(glued_date._DATE_RE, gate, TEXTS + extra) > 10


def test_unsourced_statistic_hints_cover_the_pattern():
    def gate(text):
        return (mentions(text, unsourced_statistic._STATISTIC_HINTS)
                or unsourced_statistic._RATIO_RE.search(folded(text)))
    extra = ["1 in 5 adults", "3 OUT OF\n10 people", "45 PERCENT", "2 per cent", "7 percentage points"]
    assert _assert_gate(unsourced_statistic._STATISTIC_RE, gate, TEXTS + extra) > 5


def test_introducer_hints_cover_every_marker():
    markers = [*scraped_furniture_inline._INTRODUCERS, "search for", "searches related to"]
    for marker in markers:
        assert mentions(marker, scraped_furniture_inline._INTRODUCER_HINTS), marker
        assert mentions(marker.upper(), scraped_furniture_inline._INTRODUCER_HINTS), marker
    _assert_gate(scraped_furniture_inline._INTRODUCER_RE,
                 lambda t: mentions(t, scraped_furniture_inline._INTRODUCER_HINTS))


# Reference versions: what the fast paths replaced, written the plain way.

def _is_shouting_reference(text, acronyms=frozenset()):
    if acronyms:
        text = re.sub(r"[^\W\d_]+", lambda m: "" if m.group(0) in acronyms else m.group(0), text)
    letters = [ch for ch in text if ch.isalpha()]
    cased = [ch for ch in letters if ch.isupper() or ch.islower()]
    return len(cased) >= 8 and all(ch.isupper() for ch in cased)


ODD = ["ǅOES THIS SHOUT", "ⓐLL CAPITALS HERE", "ABCDEFGH", "ABCDEFG", "FAQ PDF URL HTML",
       "THE FAQ is here", "ÉTÉ À PARIS MAINTENANT", "ΑΥΤΟ ΕΙΝΑΙ ΚΕΦΑΛΑΙΑ", "\u212aELVIN SIGN TEXT",
       "ABC1DEF2GHI", "", "1234 5678"]


@pytest.mark.parametrize("acronyms", [frozenset(), KNOWN_ACRONYMS, frozenset({"DOES", "ALL"}),
                                      {"Mixed", "FAQ"}, frozenset({"ǅOES", "this"})])
def test_is_shouting_agrees_with_the_reference(acronyms):
    for text in TEXTS + ODD:
        assert is_shouting(text, acronyms) == _is_shouting_reference(text, acronyms), text


def _learned_reference(target):
    from pipeline.language import STOPWORDS, base_language
    function_words = STOPWORDS.get(base_language(target.language), frozenset())
    found = set()
    for item in target.entries:
        texts = [item.question] + [i for b in answer_module.parse_blocks(item.answer) for i in b.items]
        for text in texts:
            if not any(ch.islower() for ch in text):
                continue
            for word in re.findall(r"[^\W\d_]+", text):
                if 2 <= len(word) <= 5 and word.isupper() and word.lower() not in function_words:
                    found.add(word)
    return frozenset(found)


def test_learned_acronyms_agrees_with_the_reference():
    items = [entry(question=t, answer=u) for t, u in zip(TEXTS, reversed(TEXTS))]
    items += [entry(answer=a) for a in ["The American Psychological Association (APA) and ABCDEF x",
                                        "aNASA iPHONE the UK_EU 2FA FAQs ok", "Über die GmbH und AG"]]
    target = collection(*items)
    assert learned_acronyms(target) == _learned_reference(target)
    assert {"APA", "UK", "EU", "FA"} <= learned_acronyms(target)


def test_normalise_spaces_agrees_with_the_reference(monkeypatch):
    # The reference is the substitutions without the pre-check that skips them.
    spaced = ["a  b", "a \nb", "a\t", " a", "a\n\n\nb", "a\u00a0b", "a\u200bb", "  - item", "a\r\n",
              "a\x0b", "\u3000a", "a b\u2009c"]
    fast = [normalise_spaces(text) for text in TEXTS + spaced]
    monkeypatch.setattr(irregular_whitespace, "_is_regular", lambda text: False)
    assert fast == [normalise_spaces(text) for text in TEXTS + spaced]
    assert fast[len(TEXTS):] == ["a b", "a\nb", "a", "a", "a\n\nb", "a b", "ab", "- item", "a",
                                 "a", "a", "a b c"]


def _unspaced(character: str) -> bool:
    name = unicodedata.name(character, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA", "THAI", "LAO", "MYANMAR",
                            "KHMER"))


def _reference_tokens(text: str) -> list[str]:
    """Words character by character: a letter or digit, then letters, digits and
    marks; an apostrophe joins two words when a letter or digit follows it."""
    found, word = [], ""
    for index, character in enumerate(text + " "):
        if character.isalnum() or (word and inside_word(character)):
            word += character
        elif character in "'’" and word and text[index + 1:index + 2].isalnum():
            word += character
        elif word:
            found.append(word)
            word = ""
    return found


def _clusters(run: str) -> list[str]:
    clusters: list[str] = []
    for character in run:
        if clusters and inside_word(character):
            clusters[-1] += character
        else:
            clusters.append(character)
    return clusters


def _reference_words(text: str) -> list[str]:
    """Words as defined above, each run of Chinese, Japanese, Thai, Lao, Myanmar or
    Khmer characters in one taken as its overlapping pairs of characters (each with
    its marks), character by character."""
    found = []
    for word in _reference_tokens(unicodedata.normalize("NFC", text).lower()):
        word, run, spaced = word.replace("’", "'"), "", ""
        for character in word + " ":
            if character != " " and _unspaced(character):
                if spaced.strip("'"):
                    found.append(spaced.strip("'"))
                spaced, run = "", run + character
                continue
            if run:
                clusters = _clusters(run)
                found += [run] if len(clusters) == 1 else [clusters[i] + clusters[i + 1]
                                                           for i in range(len(clusters) - 1)]
                run = ""
            spaced += character if character != " " else ""
        if spaced.strip("'"):
            found.append(spaced.strip("'"))
    return found


MARKED = ["मैं अपना पासवर्ड कैसे बदलूं?", "எப்படி கடவுச்சொல்லை மாற்றுவது", "می‌خواهم رمز عبورم را تغییر دهم",
          "นักบำบัดคืออะไร และทำงานอย่างไร", "ក្រុមហ៊ុនរបស់យើង", "ເຈົ້າສະບາຍດີບໍ່", "ကျေးဇူးတင်ပါတယ်",
          "שָׁלוֹם עוֹלָם", "İstanbul'da ne var?", "a\u0301b ̄c x'\u0301y", "\u0301\u200cabc\u200d"]


def test_words_and_stems_agree_with_the_reference():
    for text in TEXTS + MARKED + ["iPhone用户的问题", "退货需要多久？", "x'用户 ﾊﾟｿｺﾝ"]:
        expected = _reference_words(text)
        assert words(text) == expected
        assert content_stems(text, "en") == [s for w in expected if (s := content_stem(w, "en")) is not None]


def test_words_keep_the_marks_written_inside_them():
    assert words("मैं अपना पासवर्ड कैसे बदलूं?") == ["मैं", "अपना", "पासवर्ड", "कैसे", "बदलूं"]
    assert words("می‌خواهم رمز") == ["می\u200cخواهم", "رمز"]
    # Thai has no spaces between words: pairs of characters, each with its marks.
    assert words("นักบำบัด") == ["นัก", "กบ", "บำ", "ำบั", "บัด"]
    assert words("治疗师") == ["治疗", "疗师"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aé1_'’ -\u0301\u0915\u093e\u094d\u0e19\u0e31\u200c\u200d用户.")))
def test_words_agree_with_the_reference_on_any_mix(text):
    assert words(text) == _reference_words(text)


def test_words_returns_a_list_of_its_own():
    first = words("Can I hug my therapist?")
    first.append("changed")
    assert words("Can I hug my therapist?") == ["can", "i", "hug", "my", "therapist"]


def test_parsed_blocks_are_the_callers_to_change():
    text = "Intro line\n\n- one\n- two\n\n3. three\n   more"
    blocks = answer_module.parse_blocks(text)
    blocks[1].items.append("added")
    blocks[0].items = ["replaced"]
    again = answer_module.parse_blocks(text)
    assert [(b.kind, b.items, b.start, b.line) for b in again] == [
        ("paragraph", ["Intro line"], 1, 0), ("bullets", ["one", "two"], 1, 2),
        ("numbers", ["three more"], 3, 5)]
    assert answer_module.answer_items(text) == ("Intro line", "one", "two", "three more")


def test_answer_items_agree_with_the_blocks():
    for text in TEXTS:
        assert answer_module.answer_items(text) == tuple(
            item for block in answer_module.parse_blocks(text) for item in block.items)


def _pairs_reference(text, joined):
    for match in inconsistent_term._PAIR_RE.finditer(text):
        key = (match.group(1) + match.group(2)).lower()
        if key in joined:
            yield (match.start(), f"{inconsistent_term.spelling(match.group(1))} "
                   f"{inconsistent_term.spelling(match.group(2))}", key)


def test_term_pairs_agree_with_the_reference():
    joined = {w for text in BASE for w in re.findall(r"[^\W\d_]{6,}", text.lower())}
    # Two-word spellings of words the texts use joined, and neighbours made into terms.
    texts = TEXTS + ["Health care is health-care; healthcare.", "e-mail e mail email-box",
                     "HEALTH CARE", "my health  care", "health\tcare", "well-known health care2",
                     "health_care health care"]
    joined |= {"healthcare", "email"}
    hits = 0
    for text in texts:
        expected = list(_pairs_reference(text, joined))
        hits += bool(expected)
        assert list(inconsistent_term._pairs(text, joined)) == expected, text
    assert hits > 20


def test_lint_finds_in_capitals_and_folded_letters_what_it_finds_in_lower_case(corpus, faq):
    """The real CLI on text in capitals and with the letters that case-insensitive
    matching folds: the pre-checks in lower case must let every rule see it."""
    rows = [
        ("Can I pay later?", "Yes. BUY NOW WHILE SUPPLIES LAST, the offer is real."),
        ("Where is the form?", "Fill it in. CLICK HERE for the form."),
        ("How much is it?", "Our fees are [INSERT PRICE] per session, see the list."),
        ("Does therapy work?", "Studies show 72 PERCENT of clients improve with therapy."),
        ("Who can sign up?", "Everyone: \u017fign up now and book a first session."),
        ("When did it open?", "Our clinic opened in spring.Mar 18, 2020 was the first day."),
    ]
    text = yaml_collection("therapy", rows)
    write_collection(corpus, "therapy", text)
    result = faq("lint", "--format", "json", cwd=corpus)
    assert result.returncode == 1, result.output
    import json
    found = {(p["code"], p["line"], p["column"]) for p in json.loads(result.stdout)}
    expected = [("FAQ221", "BUY NOW"), ("FAQ220", "CLICK HERE"), ("FAQ219", "[INSERT PRICE]"),
                ("FAQ210", "72 PERCENT"), ("FAQ221", "\u017fign up now"), ("FAQ218", "Mar 18, 2020")]
    for code, needle in expected:
        assert (code, *position(text, needle)) in found, (code, needle, sorted(found))


def test_last_sentence_search_agrees_with_the_full_search():
    lines = TEXTS + ["Hello. .", "Hello. . ", "One. Two", "One. Two.  ", "“Quoted.” More items...",
                     "A (b.) c", "x!?… y", "...", "No end", "End.\t", "a.b. More items…", "Q? Share",
                     "A. b\n", "A. b\n\n", "x. y.\n", "One.\nTwo.\n", "A. .\n"]
    found = 0
    for text in lines:
        for end in range(len(text) + 1) if len(text) < 40 else (len(text),):
            expected = scraped_furniture_inline._LAST_SENTENCE_RE.search(text, 0, end)
            actual = scraped_furniture_inline._last_sentence(text, end)
            assert (actual and actual.span(1)) == (expected and expected.span(1)), (text, end)
            found += expected is not None
    assert found > 100


def test_sentence_breaks_agree_with_the_look_behind_pattern():
    from pipeline.rules import dangling_citation
    texts = TEXTS + ["Dr. Smith said so. Then. he left!  Next", "A.\tB. c… D", "St. Louis. Mrs. X. Ok?",
                     "End.  ", ". Start", "a.b. c"]
    breaks = 0
    for text in texts:
        expected = [m.span() for m in dangling_citation._SENTENCE_RE.finditer(text)]
        assert [(m.start() + 1, m.end()) for m in dangling_citation._BREAK_RE.finditer(text)] == expected
        breaks += len(expected)
    assert breaks > 500
