"""Reader for FAQ pages written in Markdown.

The shapes it understands, in general terms:

- Optional front matter: YAML between ``---`` lines (or TOML between ``+++``)
  giving ``title``, ``description`` and ``lang``/``language``. Front matter that
  cannot be read is reported as a warning and the page is read without it.
- Questions are headings (ATX ``##`` or setext underlines). The level that holds
  the questions is the shallowest one whose headings mostly end like a question;
  when none do, the shallowest one whose headings have text of their own. A single
  ``#`` heading above deeper ones is the page title. Headings above the question
  level are sections, and an entry's sections become its tags; headings below it
  belong to the answer and are kept as bold lines.
- A page whose headings do not read as questions may set its questions as bold
  lines (``**How do I ...?**`` alone on a line; these must end like a question);
  its headings are then all sections.
- An answer is the Markdown below its question, up to the next question or
  section. It stays Markdown, normalised to the stored subset where that is easy
  (see `normalise_markdown`); "Back to top" and similar furniture lines are
  dropped, and so is text outside any question (an introduction, a list of links
  to the questions), each with its reason.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

from pipeline import yamlfile
from pipeline.errors import InputError
from pipeline.language import ends_like_question, language_tag
from pipeline.model import Entry, Provenance
from pipeline.rules.furniture_residue import is_furniture_line, is_navigation_marker
from pipeline.sources import Dropped, ReadOptions, ReadResult
from pipeline.sources.decode import decode_text
from pipeline.sources.text_blocks import furniture, left_out

BOLD_LEVEL = 7  # bold-line questions sit below every heading level
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET_RE = re.compile(r"^(\s*)[*+•][ \t]+(?=\S)")
_NUMBER_PAREN_RE = re.compile(r"^(\s*)(\d{1,9})\)[ \t]+(?=\S)")
_LIST_ITEM_RE = re.compile(r"^ {0,3}(?:-|\d{1,9}\.)[ \t]+\S")
_BLOCK_START_RE = re.compile(r"^ {0,3}(?:[-*+>]|\d{1,9}[.)])(?:[ \t]|$)")
_BOLD_LINE_RE = re.compile(r"^ {0,3}(\*\*|__)(?P<text>\S(?:.*?\S)?)\1(?P<after>[?？؟]?)[ \t]*$")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_STRONG_RE = re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1")
_EMPHASIS_RE = re.compile(r"(?<![\w*])([*_])(\S(?:.*?\S)?)\1(?![\w*])")
_CODE_RE = re.compile(r"`+([^`]*)`+")
_ATTRIBUTES_RE = re.compile(r"\s*\{[#:.][^}]*\}\s*$")
_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass
class _Heading:
    level: int
    text: str
    start: int  # 0-based index of the heading's line
    end: int  # index of the first line after the heading (past a setext underline)
    own_text: bool = False  # whether text follows before the next heading


@dataclass
class _Section:
    heading: _Heading
    tags: list[str]
    body: list[tuple[int, str]] = field(default_factory=list)  # (index, text) of the answer's lines


def read_markdown(data: bytes, path: str, options: ReadOptions) -> ReadResult:
    text = decode_text(data, path)
    lines = text.split("\n")
    meta, body_start, warnings = _front_matter(lines, path)
    headings, code_lines = _headings(lines, body_start)
    title_heading = _title_heading(headings)
    level = _question_level([h for h in headings if h is not title_heading])
    if level is None:
        bold = _bold_questions(lines, body_start, code_lines)
        if bold:  # every heading is then a section above the bold questions
            level = BOLD_LEVEL
            headings = sorted(headings + bold, key=lambda h: h.start)
            title_heading = _title_heading(headings)
        else:
            level = _level_with_text([h for h in headings if h is not title_heading])
    headings = [h for h in headings if h is not title_heading]
    if level is None:
        raise InputError("no questions found", path,
                         hint="write each question as a '##' heading (or as a bold line ending in '?')")

    dropped: list[Dropped] = []
    sections = _sections(lines, body_start, headings, level, title_heading, dropped)
    entries = [_entry(lines, section, path, dropped) for section in sections]
    title = _meta_text(meta, "title") or (_plain_inline(title_heading.text) if title_heading else None)
    language = None
    for key in ("lang", "language"):
        if key in meta:
            language = language_tag(meta[key])
            if language is None:
                warnings.append(f"{path}: front matter '{key}: {meta[key]}' is not a language tag; ignored")
            break
    return ReadResult(entries=entries, title=title, language=language,
                      description=_meta_text(meta, "description"), dropped=dropped, warnings=warnings)


def normalise_markdown(text: str) -> str:
    """Markdown as the stored subset prefers it, with its meaning unchanged.

    ``*`` and ``+`` bullets (and pasted ``•``) become ``-``, ``1)`` becomes ``1.``,
    a list that interrupts a paragraph gets a blank line above it, headings become
    bold lines, thematic breaks go, trailing spaces and repeated blank lines go.
    Links, emphasis and code are kept; fenced code is left as it is. Data files
    share it, since site generators render their answers as Markdown too.
    """
    out: list[str] = []
    fence: str | None = None
    for raw in text.split("\n"):
        line = raw.rstrip()
        opening = _FENCE_RE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opening:
            fence = opening.group(1)
            out.append(line)
            continue
        if _BREAK_RE.match(line):
            line = ""
        heading = _ATX_RE.match(line)
        if heading and heading.group(2):
            line = f"**{heading.group(2).strip()}**"
        line = _BULLET_RE.sub(r"\1- ", line)
        line = _NUMBER_PAREN_RE.sub(r"\1\2. ", line)
        if out and not line.strip() and not out[-1].strip():
            continue
        if _LIST_ITEM_RE.match(line) and out and out[-1].strip() and not _LIST_ITEM_RE.match(out[-1]) \
                and not out[-1][:1].isspace():
            out.append("")  # a list that interrupts a paragraph starts a block of its own
        out.append(line)
    return "\n".join(out).strip("\n")


# -- front matter ------------------------------------------------------------

def _front_matter(lines: list[str], path: str) -> tuple[dict, int, list[str]]:
    """The page's front matter, the index of the first line after it, and warnings."""
    fence = lines[0].strip() if lines else ""
    if fence not in ("---", "+++"):
        return {}, 0, []
    closers = ("---", "...") if fence == "---" else ("+++",)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in closers), None)
    if end is None:
        if fence == "+++":
            return {}, 0, [f"{path}:1: front matter is not closed by '+++'; read as text"]
        return {}, 0, []  # a thematic break, not front matter
    source = "\n".join(lines[1:end])
    if not source.strip():
        return {}, end + 1, []
    try:
        if fence == "+++":
            meta = tomllib.loads(source)
        else:
            meta = yamlfile.load(source, path).data
    except InputError as exc:
        line = f"{path}:{exc.line + 1}" if exc.line else f"{path}:1"
        return {}, end + 1, [f"{line}: front matter ignored: {exc.message}"]
    except tomllib.TOMLDecodeError as exc:
        return {}, end + 1, [f"{path}:1: front matter ignored: invalid TOML: {exc}"]
    if not isinstance(meta, dict):
        return {}, end + 1, [f"{path}:2: front matter ignored: it is not a mapping of keys to values"]
    return meta, end + 1, []


def _meta_text(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    if isinstance(value, (str, int, float)) and str(value).strip():
        return " ".join(str(value).split())
    return None


# -- structure ---------------------------------------------------------------

def _headings(lines: list[str], start: int) -> tuple[list[_Heading], set[int]]:
    """The page's headings, and the indexes of lines inside fenced code."""
    headings: list[_Heading] = []
    code: set[int] = set()
    fence: str | None = None
    index = start
    while index < len(lines):
        line = lines[index]
        opening = _FENCE_RE.match(line)
        if fence is not None:
            code.add(index)
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
            code.add(index)
        elif (atx := _ATX_RE.match(line)) and atx.group(2):
            headings.append(_Heading(len(atx.group(1)), atx.group(2).strip(), index, index + 1))
        elif _is_setext(lines, index, start):
            level = 1 if lines[index + 1].strip().startswith("=") else 2
            headings.append(_Heading(level, line.strip(), index, index + 2))
            index += 1
        index += 1
    for heading, following in zip(headings, headings[1:] + [None]):
        stop = following.start if following else len(lines)
        heading.own_text = any(lines[i].strip() for i in range(heading.end, stop))
    return headings, code


def _is_setext(lines: list[str], index: int, start: int) -> bool:
    """A one-line paragraph underlined with '=' or '-'."""
    line = lines[index]
    if index + 1 >= len(lines) or not line.strip() or not _SETEXT_RE.match(lines[index + 1]):
        return False
    if _BLOCK_START_RE.match(line) or _BREAK_RE.match(line) or line.startswith(("    ", "\t")):
        return False
    return index == start or not lines[index - 1].strip()


def _title_heading(headings: list[_Heading]) -> _Heading | None:
    """The page's single '#' heading, when deeper headings hold the questions."""
    top = [h for h in headings if h.level == 1]
    if len(top) == 1 and any(h.level > 1 for h in headings):
        return top[0]
    return None


def _question_level(headings: list[_Heading]) -> int | None:
    """The shallowest heading level whose headings mostly end like a question."""
    for level in sorted({h.level for h in headings}):
        at_level = [h for h in headings if h.level == level]
        if sum(ends_like_question(_plain_inline(h.text)) for h in at_level) * 2 > len(at_level):
            return level
    return None


def _level_with_text(headings: list[_Heading]) -> int | None:
    """For questions without question marks: the shallowest level whose headings mostly
    have text of their own (a section heading is directly followed by deeper ones)."""
    levels = sorted({h.level for h in headings})
    for level in levels:
        at_level = [h for h in headings if h.level == level]
        if sum(h.own_text for h in at_level) * 2 > len(at_level):
            return level
    return levels[-1] if levels else None


def _bold_questions(lines: list[str], start: int, code: set[int]) -> list[_Heading]:
    """Lines that are nothing but a bold question, standing in for headings."""
    found = []
    for index in range(start, len(lines)):
        match = _BOLD_LINE_RE.match(lines[index])
        if match and index not in code:
            question = match.group("text") + match.group("after")
            if ends_like_question(_plain_inline(question)):
                found.append(_Heading(BOLD_LEVEL, question, index, index + 1))
    return found


def _sections(lines: list[str], start: int, headings: list[_Heading], level: int,
              title: _Heading | None, dropped: list[Dropped]) -> list[_Section]:
    """Walk the page: each question with the lines of its answer and its section tags.

    Headings deeper than the questions become bold lines of the answer. Text outside
    any question (before the first one, or under a section heading) is recorded as
    dropped.
    """
    starts = {h.start: h for h in headings}
    if title is not None:
        starts[title.start] = title
    sections: list[_Section] = []
    tags: list[tuple[int, str]] = []  # (level, text) of the enclosing section headings
    current: _Section | None = None
    index = start
    while index < len(lines):
        heading = starts.get(index)
        if heading is None:
            if current is not None:
                current.body.append((index, lines[index]))
            elif lines[index].strip():
                reason = "text before the first question" if not sections else "text outside any question"
                dropped.append(left_out(lines[index], index + 1, reason))
            index += 1
            continue
        if heading is title:
            current = None
        elif heading.level < level:
            tags = [(lvl, text) for lvl, text in tags if lvl < heading.level]
            tags.append((heading.level, _plain_inline(heading.text)))
            current = None
        elif heading.level == level:
            current = _Section(heading, [text for _, text in tags])
            sections.append(current)
        elif current is not None:
            current.body.append((heading.start, f"**{heading.text}**"))
        else:
            dropped.append(left_out(heading.text, heading.start + 1, "text outside any question"))
        index = heading.end
    return sections


def _entry(lines: list[str], section: _Section, path: str, dropped: list[Dropped]) -> Entry:
    heading = section.heading
    body: list[str] = []
    last = heading.end
    for index, line in section.body:
        if _is_furniture(line):
            dropped.append(furniture(line, index + 1, "page furniture"))
            continue
        body.append(line)
        if line.strip():
            last = index + 1
    return Entry(question=_plain_inline(heading.text), answer=normalise_markdown("\n".join(body)),
                 provenance=Provenance(source=path, lines=(heading.start + 1, last)),
                 tags=_unique(section.tags))


def _is_furniture(line: str) -> bool:
    """A furniture line, bare or as a link: "Back to top", "[↑ Back to top](#faq)"."""
    text = _LINK_RE.sub(r"\1", line).strip().strip("↑⬆^ ")
    return bool(text) and (is_furniture_line(text) or is_navigation_marker(text))


def _plain_inline(text: str) -> str:
    """Heading text as plain text: questions are stored without Markdown."""
    text = _ATTRIBUTES_RE.sub("", text)
    text = _TAG_RE.sub("", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _CODE_RE.sub(r"\1", text)
    text = _STRONG_RE.sub(r"\2", text)
    text = _EMPHASIS_RE.sub(r"\2", text)
    text = _ESCAPE_RE.sub(r"\1", text)
    return " ".join(text.split())


def _unique(values: list[str]) -> list[str]:
    return [v for i, v in enumerate(values) if v and v not in values[:i]]
