"""What the rules need to know about a collection's language: how a question ends,
which words carry content, and how to reduce a word to its stem."""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterator

from pipeline.marks import INSIDE_WORD

# Languages whose questions end in something other than "?"; a value of "" means the
# language marks questions without a final sign, so the question-form rule stays silent.
QUESTION_MARKS: dict[str, tuple[str, ...]] = {
    "ar": ("؟", "?"),
    "fa": ("؟", "?"),
    "ur": ("؟", "?"),
    "el": (";", "?", ";"),
    "zh": ("？", "?"),
    "ja": ("？", "?", "か"),
    "am": ("፧", "?"),
    "hy": ("՞", "?"),
    "th": ("",),
}
DEFAULT_QUESTION_MARKS = ("?", "？")
ALL_QUESTION_MARKS = "?？؟;;፧՞"
# Armenian writes its question mark over the word that asks ("Ինչպե՞ս ..."), not at
# the end: wherever it is, the text asks.
INNER_QUESTION_MARK = "\u055e"

# Function words of the languages we stem; the relevance scores also weigh words by
# how rare they are in the collection, so a missing list only costs some precision.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("""
        a about above after again against all also am an and any are aren't as at be because
        been before being below between both but by can can't cannot could couldn't did didn't
        do does doesn't doing don't down during each even ever every few for from further get
        gets got had hadn't has hasn't have haven't having he her here hers herself him himself
        his how however i if in into is isn't it it's its itself just let like made make makes
        many may me might more most much must my myself no nor not now of off often on once one
        only or other ought our ours ourselves out over own really same shall she should
        shouldn't so some such than that that's the their theirs them themselves then there
        these they they're this those though through to too under until up upon us very was
        wasn't we were weren't what when where whether which while who whom whose why will with
        won't would wouldn't yes yet you you're your yours yourself yourselves ok okay
    """.split()),
    "de": frozenset("""
        aber als am an auch auf aus bei bin bis bist da damit dann das dass dem den der des die
        dies diese dieser doch du durch ein eine einem einen einer eines er es für hat haben
        hatte ich ihr im in ist ja kann man mich mit muss nach nicht noch nur ob oder sein sich
        sie sind so soll um und uns von vor war was wenn wer wie wir wird zu zum zur
    """.split()),
    "fr": frozenset("""
        à au aux avec ce ces comme dans de des du elle en est et il ils je la le les leur lui
        mais me même mes mon ne nous on ou par pas pour qu que qui sa se ses son sont sur ta te
        tes ton tu un une vos votre vous y peut faut quoi comment quand pourquoi est-ce
    """.split()),
    "es": frozenset("""
        a al como con de del el ella en es esta este hay la las le lo los me mi no o para pero
        por que qué se si sin su sus te tu un una y ya cómo cuándo puedo puede son
    """.split()),
    "it": frozenset("""
        a ad agli ai al all alla alle allo anche che chi ci come con cui da dai dal dalla dalle
        degli dei del della delle dello di dove e è ed gli ha hanno ho i il in io la le lei li lo
        loro lui ma mi mia mie miei mio ne nei nel nella nelle noi non o per perché più può puoi
        posso possono quale quali quando quanto quello questa queste questi questo se si sia
        sono su sua sue sui sul sulla suo suoi ti tra tu tua tuo un una uno vi voi
    """.split()),
    "pt": frozenset("""
        a ao aos as à às com como da das de do dos e é ela ele eles em entre era essa esse esta
        este está estão eu foi há isso isto já lhe mais mas me meu minha muito na nas nem no nos
        não o os ou para pela pelo pode podem por posso qual quando que quem se sem ser seu sua
        são também te tem ter um uma você vocês
    """.split()),
    "nl": frozenset("""
        aan al als bij dan dat de der deze die dit door een en er had heb hebben heeft het hij
        hoe ik in is je kan kunnen maar me met mijn na naar niet nog nu of om onder ons ook op
        over te tot u uit van veel voor want was wat we wel werd wie wij worden wordt zal ze zich
        zij zijn zo zou
    """.split()),
    "ru": frozenset("""
        а без бы был была были было в вам вас весь во вот все всё вы где да для до его ее её если
        есть еще ещё же за и из или им их к как ко когда кто ли мне мой можно мы на над не нет ни
        но нужно ну о об он она они оно от по под при с со так также там то тоже только ты у уже
        чем что чтобы эта эти это я почему сколько какой какая какие
    """.split()),
}

# Month names and their abbreviations in English, German, French, Spanish, Italian,
# Portuguese, Dutch and Russian (Russian in the genitive, as dates write it, "18 марта
# 2020", and the nominative), longest first so that a pattern takes the whole name.
MONTHS: tuple[str, ...] = tuple(sorted(set("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
januar jänner februar märz mai juni juli oktober dezember mär mrz okt dez
janvier février mars avril juin juillet août septembre octobre novembre décembre janv févr fév avr
juil déc
enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
ene abr ago dic
gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre gen mag giu lug set ott
janeiro fevereiro março maio junho julho setembro outubro novembro dezembro fev out
januari februari maart mei augustus mrt
января февраля марта апреля мая июня июля августа сентября октября ноября декабря
январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
янв фев мар апр июн июл авг сен сент окт ноя нояб дек
""".split()), key=lambda m: (-len(m), m)))

_SNOWBALL_NAMES = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "nl": "dutch", "no": "norwegian",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish",
    "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ASCII_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")  # WORD_RE in lower-case ASCII text


# Letters and digits with the combining marks and joiners written inside words
# (pipeline/marks.py): Devanagari, Tamil, Thai, Hebrew points, ... The pattern costs
# twice WORD_RE's, so it reads only text that holds a mark. Patterns with the class
# of every mark take milliseconds each to compile: they are compiled at first use,
# which most runs (English text is ASCII) never reach.
@functools.cache
def _mark_re() -> re.Pattern[str]:
    return re.compile(f"[{INSIDE_WORD}]")


def has_marks(text: str) -> bool:
    """Whether ``text`` holds a combining mark or joiner (pipeline/marks.py). ASCII
    text, most of what rules read, is answered without the pattern."""
    return not text.isascii() and _mark_re().search(text) is not None


@functools.cache
def _marked_word_re() -> re.Pattern[str]:
    piece = rf"[^\W_]+(?:[{INSIDE_WORD}]+[^\W_]*)*"
    return re.compile(rf"{piece}(?:['’]{piece})*")


def word_re(text: str) -> re.Pattern[str]:
    """The word pattern for ``text``: WORD_RE, or WORD_RE with the marks written
    inside words where it holds any."""
    return _marked_word_re() if has_marks(text) else WORD_RE


@functools.lru_cache(maxsize=256)  # every rule asks, for every entry
def base_language(language: str) -> str:
    return (language or "en").replace("_", "-").split("-")[0].lower()


_TAG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def language_tag(value: object) -> str | None:
    """A language as a source states it ("en_US", "DE") as the BCP 47 tag collections
    store ("en-US", "de"); None when it is not one, so that a reader never writes a
    language the schema refuses."""
    parts = str(value).strip().replace("_", "-").split("-")
    tag = "-".join([parts[0].lower(), *parts[1:]])
    return tag if _TAG_RE.match(tag) else None


# Languages written from right to left (their primary subtags), and the scripts
# that are, for a tag that names its script ("pa-Arab", "az-Latn").
RIGHT_TO_LEFT = frozenset("ar arc ckb dv fa he iw ps sd syr ug ur yi".split())
_RIGHT_TO_LEFT_SCRIPTS = frozenset("arab hebr syrc thaa nkoo adlm rohg".split())
_LEFT_TO_RIGHT_SCRIPTS = frozenset("latn cyrl grek deva".split())


def text_direction(language: str) -> str:
    """"rtl" for a language (a BCP 47 tag) written from right to left, else "ltr"."""
    subtags = (language or "en").replace("_", "-").lower().split("-")
    for subtag in subtags[1:]:
        if subtag in _RIGHT_TO_LEFT_SCRIPTS:
            return "rtl"
        if subtag in _LEFT_TO_RIGHT_SCRIPTS:
            return "ltr"
    return "rtl" if subtags[0] in RIGHT_TO_LEFT else "ltr"


def question_marks(language: str) -> tuple[str, ...]:
    return QUESTION_MARKS.get(base_language(language), DEFAULT_QUESTION_MARKS)


# Thai writes no question mark. A question ends in a question word or particle
# ("...ได้ไหม", "...เท่าไหร่", "...อย่างไร"), perhaps followed by a polite particle
# ("ครับ", "คะ"), or opens with a question word ("ทำไม...", "ใคร...").
_THAI_QUESTION_ENDS = tuple("""ไหม มั้ย ไม๊ หรือไม่ หรือเปล่า หรือยัง อะไร อย่างไร ยังไง เท่าไหร่ เท่าไร
    ที่ไหน ไหน เมื่อไหร่ เมื่อไร ใคร กี่ครั้ง กี่วัน กี่บาท กี่คน เหรอ หรอ""".split())
_THAI_QUESTION_STARTS = tuple("ทำไม ใคร อะไร อย่างไร เมื่อไหร่ เมื่อไร ที่ไหน ไหน".split())
_THAI_POLITE = tuple("ครับ คะ ค่ะ ค๊ะ จ๊ะ จ้ะ จ๊า นะ น่ะ".split())
_QUESTION_MAX = 120  # characters: a longer line without a final mark is a sentence of an answer
# Japanese ends a question with the particle か ("...ですか", "...ますか", "...でしょうか"),
# and headings often leave out the "？" after it.
_JAPANESE_QUESTION_ENDS = ("すか", "うか", "んか", "のか")


def ends_like_question(text: str) -> bool:
    """True for a line that ends in a question mark of any script, in Japanese's
    question particle, a line of Armenian with its question mark (written over the
    word that asks), or a line of Thai that asks a question in its words."""
    stripped = text.rstrip().rstrip("\"'”’»)")
    if not stripped:
        return False
    if stripped[-1] in ALL_QUESTION_MARKS and stripped[-1] != ";":
        return True
    if stripped.endswith(_JAPANESE_QUESTION_ENDS):  # "返品はできますか", without its "？"
        return True
    if INNER_QUESTION_MARK in stripped and len(stripped) <= _QUESTION_MAX:
        return True
    return "\u0e01" <= stripped[-1] <= "\u0e4e" and _asks_in_thai(stripped)


def _asks_in_thai(line: str) -> bool:
    if len(line) > _QUESTION_MAX:
        return False
    last = line.split()[-1]
    while last.endswith(_THAI_POLITE) and not last.endswith(_THAI_QUESTION_ENDS):
        last = last[:-next(len(p) for p in _THAI_POLITE if last.endswith(p))]
    return last.endswith(_THAI_QUESTION_ENDS) or line.startswith(_THAI_QUESTION_STARTS)


@functools.lru_cache(maxsize=64)
def _stemmer(language: str):
    """The Snowball stemmer of a language, or None. PyStemmer runs the Snowball
    algorithms compiled (about 20 times faster, and it imports in a millisecond);
    snowballstemmer, the same algorithms in pure Python, stands in where PyStemmer
    cannot be installed (its package imports every language's module: ~12 ms)."""
    name = _SNOWBALL_NAMES.get(base_language(language))
    if name is None:
        return None
    try:
        import Stemmer

        return Stemmer.Stemmer(name)
    except (ImportError, KeyError):  # KeyError: a PyStemmer without this algorithm
        import snowballstemmer

        return snowballstemmer.stemmer(name)


# The only non-ASCII letters that re.IGNORECASE matches to ASCII ones: dotted and
# dotless i, the long s and the Kelvin sign.
_FOLD_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})

# The content rules run one after another over a collection, each reading every
# entry's text again; the analyses below are cached per text (a collection's worth)
# so that they are computed once. Keys are the strings themselves, already held
# by the entries.
TEXT_CACHE_SIZE = 1 << 14


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def folded(text: str) -> str:
    """``text`` lower-cased for cheap substring checks before a case-insensitive
    regular expression: wherever ``re.IGNORECASE`` finds an ASCII word in ``text``,
    that word in lower case is a substring of ``folded(text)``."""
    return text.lower() if text.isascii() else text.translate(_FOLD_TO_ASCII).lower()


def mentions(text: str, hints: tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of ``hints`` (lower-case ASCII), in any case: a
    pre-check that lets a rule skip a slow case-insensitive pattern of which every
    match holds one of them."""
    return any(map(folded(text).__contains__, hints))


class Hints:
    """`mentions` for a long list of hints: grouped by their last word, looked for
    first, so that a text without it is not searched for each hint of the group
    (a call to action "buy now", "order now", ... is one look for "now")."""

    def __init__(self, hints: tuple[str, ...]) -> None:
        self.hints = hints
        groups: dict[str, list[str]] = {}
        for hint in hints:
            groups.setdefault(hint.split()[-1] if hint.split() else hint, []).append(hint)
        self._groups = tuple((key, tuple(group)) for key, group in groups.items())

    def found_in(self, text: str) -> bool:
        holds = folded(text).__contains__
        return any(holds(key) and any(map(holds, group)) for key, group in self._groups)


# Scripts written without spaces between words: kana and CJK ideographs, Thai, Lao,
# Myanmar and Khmer. (Hangul is written with spaces.)
_UNSPACED = ("\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff"
             "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
             "\U00020000-\U0003134f")


# Compiled at first use, by non-ASCII text only: the supplementary-plane range makes
# each take milliseconds to compile, which every run paid at start-up.
@functools.cache
def _unspaced_re() -> re.Pattern[str]:
    return re.compile(f"[{_UNSPACED}]")


@functools.cache
def _unspaced_run_re() -> re.Pattern[str]:
    return re.compile(f"([{_UNSPACED}]+)")


@functools.cache
def _cluster_re() -> re.Pattern[str]:
    """A character with the marks written on it: what a pair of unspaced script pairs."""
    return re.compile(f".[{INSIDE_WORD}]*", re.DOTALL)


def words(text: str) -> list[str]:
    """Lower-cased words, apostrophes kept inside them (so "don't" stays one word),
    and the combining marks of scripts such as Devanagari or Thai too.

    Chinese, Japanese, Thai, Lao, Myanmar and Khmer put no spaces between words,
    and a dictionary to segment them is more than the rules need: a run of their
    characters is taken as its overlapping pairs of characters ("治疗师" -> "治疗",
    "疗师"), as search engines' CJK analysers do; a character keeps its marks
    ("นักบำบัด" -> "นัก", "กบ", "บำ", ...). Pairs are about as many as the words of the
    run, and two texts about the same thing share some of them, which is what the
    rules count and compare."""
    return list(_words(text))


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def _words(text: str) -> tuple[str, ...]:
    if text.isascii():  # the same words, found faster by a pattern of ASCII classes
        return tuple(_ASCII_WORD_RE.findall(text.lower()))
    # "’" and "'" join the same words
    text = unicodedata.normalize("NFC", text).replace("’", "'").lower()
    found = word_re(text).findall(text)
    if not _unspaced_re().search(text):
        return tuple(found)
    return tuple(piece for word in found for piece in _pairs_of_unspaced(word))


def _pairs_of_unspaced(word: str) -> Iterator[str]:
    """``word`` with each run of unspaced script in it taken as its pairs of
    characters (each with its marks)."""
    for number, run in enumerate(_unspaced_run_re().split(word)):
        if number % 2 == 0:  # between runs: letters of spaced scripts, digits
            if run.strip("'"):  # not an apostrophe alone, as between "用'户"
                yield run.strip("'")
            continue
        clusters = _cluster_re().findall(run) if has_marks(run) else run
        if len(clusters) == 1:
            yield run
        else:
            yield from (clusters[i] + clusters[i + 1] for i in range(len(clusters) - 1))


def content_stems(text: str, language: str) -> list[str]:
    """The stems of the words that carry meaning: no function words, no numbers."""
    return list(_content_stems(text, language))


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def _content_stems(text: str, language: str) -> tuple[str, ...]:
    return tuple(stem for word in _words(text) if (stem := content_stem(word, language)) is not None)


@functools.lru_cache(maxsize=1 << 18)
def content_stem(word: str, language: str) -> str | None:
    """The stem of one lower-cased word, or None for a function word or a number.

    Corpora repeat a small vocabulary, so caching per word makes stemming a million
    entries take seconds instead of minutes; every content rule shares the cache.
    """
    if word in STOPWORDS.get(base_language(language), ()) or word.isdigit():
        return None
    word = word.split("'")[0] if "'" in word else word  # "client's" -> "client"
    if len(word) < 2 and word.isascii():
        return None
    stemmer = _stemmer(language)
    if stemmer:
        return stemmer.stemWord(word)
    return _without_particles(word) if base_language(language) == "ko" else word


# Korean writes its case particles onto the noun ("치료사에게", to the therapist;
# "치료사와", with the therapist), and Snowball has no Korean stemmer. Taking them
# off, longest first, while two syllables remain, lets the rules that compare words
# see one noun; a noun that ends like a particle ("고양이", cat) loses that syllable
# too, the same way everywhere, which is what comparing needs.
_KOREAN_PARTICLES = tuple(sorted("""
    에서는 에게서 으로는 에서도 까지는 부터는 께서는 에서 에게 한테 께서 으로 까지 부터 처럼 보다
    마다 이나 이랑 하고 은 는 이 가 을 를 에 와 과 의 도 로 만
""".split(), key=len, reverse=True))


def _without_particles(word: str) -> str:
    stripped = True
    while stripped:
        stripped = False
        for particle in _KOREAN_PARTICLES:
            if word.endswith(particle) and len(word) - len(particle) >= 2:
                word, stripped = word[:-len(particle)], True
                break
    return word
