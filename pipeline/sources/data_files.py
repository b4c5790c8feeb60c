"""Readers for FAQ data files: CSV, JSON and YAML.

Two kinds of file come this way, and one reader serves both:

- FAQ data as static-site generators keep it (Hugo's or Jekyll's ``data/faq.yaml``,
  JSON arrays, CSV with a header row). A record is a mapping (or CSV row) with a
  question field (``question``, ``q``, ``title``, ``name``) and an answer field
  (``answer``, ``a``, ``response``, ``content``, ``text``, ``snippet``); keys match
  in any case, and ``[ingest.fields]`` adds names. Records may be grouped by
  category: ``{"categories": [{"name": "Billing", "questions": [...]}]}``,
  ``{"Billing": [...], "Shipping": [...]}`` or a ``category`` field. The category
  becomes a tag of the entry.
- Scraper exports of "people also ask" boxes: CSV rows whose cells after the
  question are fragments of the box (the answer with its date glued on, the title
  and address of the source, "Search for: ...", "More items..."), and JSON trees
  whose nodes repeat questions already seen under ``related``/``children``/
  ``questions``. Fragments that are furniture are dropped and recorded; a node
  that repeats an earlier question with the same answer (or none) is dropped.
- `faq export`'s own JSON document (``"generator": {"name": "faq"}``), checked
  against schema/export.schema.json: its collection comes back as it was
  published, with its name, ids, tags and ``truncated`` (see `_read_faq_export`).

Answer text is Markdown (site generators render it so) and is normalised to the
stored subset; answers that are HTML are converted as the HTML reader converts a
page's answers (lists, links, emphasis: `sources.html.fragment_markdown`). A list of
strings is a list of paragraphs. Questions are recognised by their field, so they
need not end in "?".

Parsing is safe: YAML through `pipeline.yamlfile` (no tags, no duplicate keys),
JSON through `pipeline.strict_json` (no NaN, Infinity or repeated keys), CSV strictly quoted. Errors name the file and line.
Entries record where they came from: CSV and YAML by lines, JSON (and YAML) by a
JSON pointer such as ``/categories/0/questions/3``.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from pipeline import strict_json, yamlfile
from pipeline.errors import InputError
from pipeline.language import MONTHS, language_tag
from pipeline.model import Entry, Provenance
from pipeline.rules.duplicate_question import DuplicateQuestion, question_key
from pipeline.rules.furniture_residue import is_furniture_line, is_navigation_marker
from pipeline.sources import Dropped, ReadOptions, ReadResult
from pipeline.sources.decode import decode_text
from pipeline.sources.markdown_page import normalise_markdown
from pipeline.sources.text_blocks import SENTENCE_END, furniture, left_out

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "question": ("question", "q", "title", "name",
                 # the same in German, Spanish, Italian, Portuguese, Dutch, Russian, Japanese, Chinese
                 "frage", "pregunta", "domanda", "pergunta", "vraag", "вопрос", "質問", "问题", "問題"),
    # "snippet" is what search result exports call the answer; "acceptedAnswer" is
    # schema.org's FAQPage markup saved as JSON (its text is under "text").
    "answer": ("answer", "a", "response", "content", "text", "snippet", "acceptedanswer",
               "antwort", "respuesta", "réponse", "reponse", "risposta", "resposta", "antwoord", "ответ",
               "回答", "答案"),
    "category": ("category", "section", "topic", "kategorie", "thema", "categoría", "categoria", "catégorie",
                 "categorie", "rubrik", "rubriek", "категория", "カテゴリ", "分类"),
}
# Keys under which a node of a "people also ask" tree keeps the questions below it.
CHILD_KEYS = ("related", "children", "questions", "related_questions", "people_also_ask")
# Keys that hold records without naming a category.
WRAPPER_KEYS = frozenset(CHILD_KEYS + ("faq", "faqs", "items", "entries", "data", "results",
                                       "categories", "sections", "groups"))
# Fields that name a group of records (rather than ask a question).
LABEL_KEYS = ("name", "title")
CSV_DELIMITERS = ",;\t|"

_NUMBERED_KEY_RE = re.compile(r"^(?P<name>.*?)[\s_-]*(?P<number>\d{1,3})$")
_HTML_RE = re.compile(r"</?(?:p|br|div|span|ul|ol|li|a|b|strong|i|em|code|pre|h[1-6]|table|tr|td|"
                      r"blockquote|img|section|article)\b[^>]*>", re.IGNORECASE)
_ADDRESS_RE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]*>")

# Dates as scrapers glue them to text: "Mar 18, 2020", "18 March 2020", "18. März 2020",
# "18 de marzo de 2020", "2020-03-18", "18/03/2020", "03.18.2020".
_MONTH = "(?:" + "|".join(MONTHS) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?:1[89]|20)\d{2}"
_DATE = (rf"(?:{_MONTH}\s+{_DAY},?\s+{_YEAR}"  # Mar 18, 2020
         rf"|{_DAY}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}"  # 18 March 2020, 18 de marzo de 2020
         rf"|{_MONTH}\s+(?:de\s+)?{_YEAR}"  # March 2020
         rf"|{_YEAR}-\d{{1,2}}-\d{{1,2}}"  # 2020-03-18
         rf"|\d{{1,2}}[./]\d{{1,2}}[./](?:{_YEAR}|\d{{2}}))")  # 18/03/2020, 18.03.20
_DATE_ONLY_RE = re.compile(rf"^{_DATE}\.?$", re.IGNORECASE)
# A date glued to the end of a sentence: after its final mark, not after ":" ("Opens: May 2024").
_TRAILING_DATE_RE = re.compile(rf"(?<=[.!?…)\]\"”’»。！？])[\s—–-]*({_DATE})\.?$", re.IGNORECASE)
_LEADING_DATE_RE = re.compile(rf"^({_DATE})(?:\s*[—–·|:-]\s*|(?=[^\W\d_]))", re.IGNORECASE)


# -- the three readers -------------------------------------------------------

def read_csv(data: bytes, path: str, options: ReadOptions) -> ReadResult:
    text = decode_text(data, path)
    fields = _Fields.from_options(options)
    records: list[_Record] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    columns: _Columns | None = None
    end = 0
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if columns is None:
                columns = _Columns.from_header([cell.strip() for cell in row], fields, path, start)
                continue
            records.append(columns.record(row, (start, end)))
    except csv.Error as exc:
        raise InputError(f"invalid CSV: {exc}", path, reader.line_num,
                         hint="quote fields that hold the delimiter, quotes or line breaks") from None
    if columns is None:
        raise InputError("no header row", path, hint=_fields_hint(fields))
    return _result(records, [], path, {}, fields, [])


def read_json(data: bytes, path: str, options: ReadOptions) -> ReadResult:
    text = decode_text(data, path)
    try:
        document = strict_json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, exc.lineno,
                         hint="fix the syntax") from None
    except strict_json.Refused as exc:
        raise InputError(f"invalid JSON: {exc.message} (column {exc.column})", path, exc.line,
                         hint="each key once; write a value JSON allows, as a string if need be") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", path) from None
    if _is_faq_export(document):
        return _read_faq_export(document, path)
    found = _Walk.document(document, _Fields.from_options(options), path)
    return _result(found.records, found.unanswered, path, document, found.fields, sorted(found.keys_seen))


def read_yaml(data: bytes, path: str, options: ReadOptions) -> ReadResult:
    text = decode_text(data, path)
    try:
        located = yamlfile.load(text, path)
    except InputError as exc:
        raise InputError(exc.message, path, exc.line,
                         hint="a data file holds plain YAML (mappings, lists and text), each key once") from None
    found = _Walk.document(located.data, _Fields.from_options(options), path)
    order = list(located.values)  # document order: positions are recorded depth first
    index = {value_path: number for number, value_path in enumerate(order)}
    for record in found.records + found.unanswered:
        record.lines = _yaml_lines(located, order, index, record.path)
    return _result(found.records, found.unanswered, path, located.data, found.fields, sorted(found.keys_seen))


# -- field names -------------------------------------------------------------

@dataclass
class _Fields:
    """The field names in force for each role, configured ones first, lower-cased."""

    names: dict[str, tuple[str, ...]]

    @classmethod
    def from_options(cls, options: ReadOptions) -> "_Fields":
        names = {}
        for role, defaults in DEFAULT_FIELDS.items():
            configured = [name.strip().lower() for name in options.fields.get(role, [])]
            names[role] = tuple(dict.fromkeys(configured + list(defaults)))
        return cls(names)

    def pick(self, keys: Iterable[Any], role: str) -> str | None:
        """The first name of ``role`` (in priority order) that some key matches."""
        normal = {_normal(key) for key in keys}
        numbered = {_base_name(key) for key in keys} if role == "answer" else set()
        return next((name for name in self.names[role] if name in normal or name in numbered), None)

    def keys(self, keys: Iterable[Any], role: str) -> list[Any]:
        """The keys that hold ``role``: the picked name, and for answers its numbered
        variants ("answer 1", "answer_2") in their order."""
        keys = list(keys)
        name = self.pick(keys, role)
        if name is None:
            return []
        if role != "answer":
            return [next(key for key in keys if _normal(key) == name)]
        return [key for key in keys if _normal(key) == name or _base_name(key) == name]


def _normal(key: Any) -> str:
    return str(key).strip().lower()


def _base_name(key: Any) -> str | None:
    match = _NUMBERED_KEY_RE.match(_normal(key))
    return match.group("name") if match and match.group("name") else None


def _fields_hint(fields: _Fields) -> str:
    return (f"a question is read from {', '.join(fields.names['question'])}; an answer from "
            f"{', '.join(fields.names['answer'])}; name other fields under [ingest.fields] in faq.toml")


# -- records -----------------------------------------------------------------

@dataclass
class _Record:
    question: str
    fragments: list[str]
    tags: list[str] = field(default_factory=list)
    path: tuple = ()  # keys and indexes into the document
    lines: tuple[int, int] | None = None

    @property
    def pointer(self) -> str | None:
        if not self.path:
            return None
        return "/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in self.path)

    @property
    def line(self) -> int | None:
        return self.lines[0] if self.lines else None

    @property
    def where(self) -> str:
        return self.pointer or (f"line {self.line}" if self.line else "the top level")

    @property
    def at(self) -> str:
        """Where the record is, for messages whose line does not say it."""
        return f" (at {self.pointer})" if self.pointer else ""


class _Walk:
    """Finds the records of a parsed JSON or YAML document, with their category tags."""

    def __init__(self, fields: _Fields) -> None:
        self.fields = fields
        self.records: list[_Record] = []
        self.unanswered: list[_Record] = []
        self.keys_seen: set[str] = set()

    @classmethod
    def document(cls, document: Any, fields: _Fields, path: str) -> "_Walk":
        found = cls(fields)
        try:
            found.walk(document, ())
        except RecursionError:
            raise InputError("nested too deeply to read", path) from None
        return found

    def walk(self, value: Any, path: tuple, tags: tuple[str, ...] = (), in_list: bool = False) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                self.walk(item, path + (index,), tags, in_list=True)
        elif isinstance(value, dict):
            self._mapping(value, path, tags, in_list)

    def _mapping(self, value: dict, path: tuple, tags: tuple[str, ...], in_list: bool) -> None:
        self.keys_seen.update(str(key) for key in value)
        questions = self.fields.keys(value, "question")
        answers = self.fields.keys(value, "answer")
        categories = [text for key in self.fields.keys(value, "category") for text in _texts(value[key])]
        if questions and answers:
            question = _text(value[questions[0]])
            fragments = [fragment for key in answers for fragment in _fragments(value[key], self.fields)]
            self.records.append(_Record(question, fragments, list(tags) + categories, path))
            for key in value:
                if _normal(key) in CHILD_KEYS:
                    self.walk(value[key], path + (key,), tags)
            return
        label = None
        if path:  # the top level's title is the collection's, not a category
            label = next(iter(categories), None) or next(
                (_text(value[key]) for key in value if _normal(key) in LABEL_KEYS and _text(value[key])), None)
        inner = tags + ((label,) if label else ())
        holders = [key for key, item in value.items() if isinstance(item, (list, dict))]
        found: dict[Any, list[_Record]] = {}
        for key in holders:
            before = len(self.records)
            self.walk(value[key], path + (key,), inner)
            found[key] = self.records[before:]
        named = [key for key, records in found.items()
                 if records and _normal(key) and _normal(key) not in WRAPPER_KEYS]
        if len([key for key in found if found[key]]) >= 2:
            for key in named:  # {"Billing": [...], "Shipping": [...]}
                for record in found[key]:
                    record.tags.insert(len(inner), str(key).strip())
        if questions and not label and in_list:
            question = _text(value[questions[0]])
            if question:
                self.unanswered.append(_Record(question, [], list(tags), path))


def _fragments(value: Any, fields: _Fields) -> list[str]:
    """The pieces of text of an answer value: a string, a list of them, or a mapping
    that keeps its text under an answer name ({"text": ..., "link": ...})."""
    if value is None:
        return []
    if isinstance(value, list):
        return [fragment for item in value for fragment in _fragments(item, fields)]
    if isinstance(value, dict):
        return [fragment for key in fields.keys(value, "answer") for fragment in _fragments(value[key], fields)]
    return [str(value)]


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return " ".join(str(value).split())


def _texts(value: Any) -> list[str]:
    """The non-empty texts of a value that may be a list of them (several categories)."""
    values = value if isinstance(value, list) else [value]
    return [text for text in map(_text, values) if text]


@dataclass
class _Columns:
    """Which CSV columns hold the question, the answer fragments and the category."""

    question: int
    answers: list[int]
    categories: list[int]
    width: int

    @classmethod
    def from_header(cls, header: list[str], fields: _Fields, path: str, line: int) -> "_Columns":
        question = fields.keys(header, "question")
        answers = fields.keys(header, "answer")
        if not question or not answers:
            missing = "question" if not question else "answer"
            seen = ", ".join(repr(name) for name in header)
            raise InputError(f"no {missing} column: the header has {seen}", path, line, hint=_fields_hint(fields))
        indexes = [i for i, name in enumerate(header) if name in answers]
        # Cells under an empty heading after the answer are more of it, as scrapers write them.
        indexes += [i for i, name in enumerate(header) if not name and i > indexes[0]]
        return cls(header.index(question[0]), sorted(set(indexes)),
                   [header.index(key) for key in fields.keys(header, "category")], len(header))

    def record(self, row: list[str], lines: tuple[int, int]) -> _Record:
        cell = (lambda i: row[i] if i < len(row) else "")
        fragments = [cell(i) for i in self.answers] + row[self.width:]
        tags = [_text(cell(i)) for i in self.categories if _text(cell(i))]
        return _Record(_text(cell(self.question)), fragments, tags, lines=lines)


# -- from records to entries -------------------------------------------------

def _result(records: list[_Record], unanswered: list[_Record], path: str, document: Any,
            fields: _Fields, keys_seen: list[str]) -> ReadResult:
    if not records:
        fields_note = f"keys seen: {', '.join(keys_seen[:30])}; " if keys_seen else ""
        raise InputError("no questions and answers found", path, hint=fields_note + _fields_hint(fields))
    dropped = [left_out(record.question, record.line, f"a question without an answer field{record.at}")
               for record in unanswered]
    entries: list[Entry] = []
    first: dict[str, tuple[str, str]] = {}  # question key -> (answer, where)
    for record in records:
        question = _question_text(record.question)
        if not question:
            dropped.append(left_out(" ".join(record.fragments)[:200], record.line,
                                    f"a record without a question{record.at}"))
            continue
        answer, cut = _answer(record.fragments)
        key = question_key(question)
        if key in first and (not answer or answer == first[key][0]):
            dropped.append(Dropped(question, record.line, DuplicateQuestion.code, DuplicateQuestion.name,
                                   f"repeats an earlier question with the same answer (first at "
                                   f"{first[key][1]}){record.at}"))
            continue
        dropped.extend(furniture(text, record.line, f"{why}{record.at}") for text, why in cut)
        first.setdefault(key, (answer, record.where))
        entries.append(Entry(question=question, answer=answer, tags=list(dict.fromkeys(record.tags)),
                             provenance=Provenance(source=path, lines=record.lines, locator=record.pointer)))
    # The top level of a document may name the collection, unless it is a record itself.
    meta = document if isinstance(document, dict) and records[0].path != () else {}
    language = meta.get("lang", meta.get("language"))
    return ReadResult(entries=entries, dropped=dropped,
                      title=_text(meta.get("title")) or None,
                      description=_text(meta.get("description")) or None,
                      language=language_tag(language) if language is not None else None)


def _question_text(text: str) -> str:
    """Questions are stored as plain text: HTML tags go, entities are decoded."""
    if _HTML_RE.search(text):
        text = html.unescape(_TAG_RE.sub(" ", text))
    return " ".join(text.split())


def _answer(fragments: list[str]) -> tuple[str, list[tuple[str, str]]]:
    """The answer's Markdown from its fragments, and what was cut, as (text, why).

    Each fragment is one or more paragraphs. Furniture lines and dates glued to a
    sentence are cut anywhere; a fragment that is only an address or a date is cut,
    and so is the fragment just above an address when it reads as the title of the
    linked page.
    """
    lines: list[str] = []
    cut: list[tuple[str, str]] = []
    for fragment in fragments:
        whole = fragment.strip()
        if _is_address(whole):
            cut.append((whole, "address of the source"))
            title = _source_title(lines)
            if title is not None:
                cut.append((title, "title of the source"))
            continue
        if _DATE_ONLY_RE.match(whole):
            cut.append((whole, "date of the source"))
            continue
        text = _html_to_markdown(fragment) if _HTML_RE.search(fragment) else fragment
        for raw in text.split("\n"):
            stripped = raw.strip()
            if stripped and (is_furniture_line(stripped) or is_navigation_marker(stripped)):
                cut.append((stripped, "page furniture"))
                continue
            line, dates = _cut_dates(raw.rstrip())
            cut.extend((date, "date glued to the text") for date in dates)
            lines.append(line)
        lines.append("")
    return normalise_markdown("\n".join(lines)), cut


def _is_address(text: str) -> bool:
    """A bare web address, or a breadcrumb trail that starts with one."""
    match = _ADDRESS_RE.match(text)
    return bool(match) and (match.end() == len(text) or is_furniture_line(text))


def _source_title(lines: list[str]) -> str | None:
    """Take the fragment above an address off ``lines`` when it reads as the title of
    the linked page: one line that does not end a sentence."""
    index = len(lines) - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    if index < 0 or (index > 0 and lines[index - 1].strip()):
        return None
    title = lines[index].strip()
    if title[-1] in SENTENCE_END or len(title.split()) > 20:
        return None
    del lines[index:]
    return title


def _cut_dates(line: str) -> tuple[str, list[str]]:
    """Split off a date glued to the end of a sentence ("...in 2018).Mar 18, 2020") or
    opening the text ("Mar 18, 2020 — Routine service ...")."""
    dates = []
    trailing = _TRAILING_DATE_RE.search(line)
    if trailing:
        dates.append(trailing.group(1))
        line = line[:trailing.start()].rstrip()
    leading = _LEADING_DATE_RE.match(line.strip())
    if leading:
        dates.append(leading.group(1))
        line = line.strip()[leading.end():]
    return line, dates


def _html_to_markdown(fragment: str) -> str:
    """An HTML answer in the Markdown subset, converted as the HTML reader converts
    the answers of a page (one conversion for both readers)."""
    from pipeline.sources.html import fragment_markdown  # only HTML answers pay for bs4

    return fragment_markdown(fragment)


# -- faq's own export --------------------------------------------------------

EXPORT_SCHEMA = "export.schema.json"


def _is_faq_export(document: Any) -> bool:
    generator = document.get("generator") if isinstance(document, dict) else None
    return isinstance(generator, dict) and generator.get("name") == "faq"


def _read_faq_export(document: dict, path: str) -> ReadResult:
    """One collection of a document `faq export` wrote, exactly as it was published:
    ids, questions, answers (already the stored Markdown, so not normalised again),
    tags and `truncated` come back unchanged, and the collection keeps its name.

    A document holds one collection unless it was exported as a whole corpus; then
    the collection named like the file is read (raw/billing.json -> billing), and
    without one the document is refused: `faq export --format json --split` writes
    one document per collection, named after it, to ingest them all.
    """
    from pathlib import PurePath

    from pipeline.ids import slug
    from pipeline.schema import validate

    errors = validate(document, EXPORT_SCHEMA)
    if errors:
        first = errors[0]
        where = "/" + "/".join(str(part) for part in first.path) if first.path else "the top level"
        raise InputError(f"not a valid faq export at {where}: {first.message}", path,
                         hint="export it again with `faq export --format json`")
    collections = document["collections"]
    if not collections:
        raise InputError("the faq export holds no collections", path)
    if len(collections) == 1:
        meta = collections[0]
    else:
        wanted = slug(PurePath(path).stem)
        meta = next((c for c in collections if c["name"] == wanted), None)
        if meta is None:
            names = ", ".join(c["name"] for c in collections)
            raise InputError(f"this faq export holds {len(collections)} collections ({names}); a source "
                             "becomes one collection", path,
                             hint="export one document per collection with `faq export --format json "
                                  "--split` and ingest those, or name the file after the collection to read")
    entries = [
        Entry(id=item["id"], question=item["question"], answer=item["answer"], tags=list(item["tags"]),
              truncated=item["truncated"], provenance=Provenance(source=path, locator=f"/entries/{index}"))
        for index, item in enumerate(document["entries"]) if item["collection"] == meta["name"]]
    if not entries:
        raise InputError(f"collection '{meta['name']}' of this faq export has no entries", path)
    return ReadResult(entries=entries, title=meta["title"], description=meta.get("description"),
                      language=meta["language"], name=meta["name"])


# -- parsing helpers ---------------------------------------------------------

def _delimiter(text: str) -> str:
    """The delimiter the sniffer finds in the first lines, else a comma."""
    try:
        return csv.Sniffer().sniff(text[:64 * 1024], delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _yaml_lines(located: yamlfile.Located, order: list[tuple], index: dict[tuple, int],
                path: tuple) -> tuple[int, int] | None:
    """First and last line of a record in a YAML file: from its own position up to
    the line before whatever follows its fields (a child list, or the next record).

    ``order`` lists the paths of all values in document order, ``index`` maps a path
    to its place there.
    """
    if path not in index:
        return None
    start = located.values[path][0]
    after = index[path] + 1
    while after < len(order) and order[after][:len(path)] == path and not (
            _normal(order[after][len(path)]) in CHILD_KEYS):
        after += 1
    end = len(located.lines)
    if after < len(order):
        following = order[after]
        if following[:len(path)] == path:
            following = following[:len(path) + 1]  # the child list: stop at its key
        end = max(start, located.keys.get(following, located.values[following])[0] - 1)
    while end > start and (not located.lines[end - 1].strip() or located.lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return start, end
