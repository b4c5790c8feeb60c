"""Reader for HTML FAQ pages.

What it understands, in one page and in any mix:

- structured data: JSON-LD ``FAQPage`` and ``QAPage`` (also inside ``@graph``, spread
  over several script blocks, wrapped in comments or followed by ``;``; a block that
  is not JSON is skipped with a warning) and schema.org ``Question`` microdata;
- ``<details>`` with a ``<summary>`` question;
- ``<dl>`` lists, a ``<dt>`` question answered by the ``<dd>`` elements after it;
- h2–h4 headings followed by their section, up to the next heading of the same or a
  higher level (a heading without a question mark counts only inside an FAQ block);
- accordions: triggers that name their panel (``aria-controls``, Bootstrap's
  ``data-target``) and question/answer class pairs such as ``accordion-header`` /
  ``accordion-body`` or ``elementor-tab-title`` / ``elementor-tab-content``;
- only when none of these is there: h5/h6 headings and bold paragraphs that end in
  a question mark, each followed by its answer.

Visible questions come out in document order, each once. Structured data adds the
questions the page does not show, where they fit among the others, and its answer
replaces a visible one only when it is longer (the other way round is the usual
case: the JSON-LD holds an abridged answer). Answers are written in the Markdown
subset of :mod:`pipeline.answer`, plus inline links and emphasis.

Page furniture (navigation, banners, sidebars, share buttons, related-question
lists, tables of contents, calls to action) is removed before any of this and
recorded as dropped. Like every reader it finds structure only: an empty answer or
a question without a question mark is left to the rules.

Provenance gives a short CSS path to each question (``main > section#faq >
details:nth-of-type(3)``; for JSON-LD the script block and ``mainEntity[i]``) and the
lines when the parser records them: html.parser does, lxml (preferred for its speed
and tolerance) does not, so with lxml ``lines`` is None.

Nothing here recurses over the document: pages can be malformed, megabytes long or
nested thousands of levels deep.
"""
from __future__ import annotations

import codecs
import html as html_entities
import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString, Script, Stylesheet, TemplateString

from pipeline.answer import Block, escape_text, render_blocks
from pipeline.errors import InputError
from pipeline.language import ends_like_question, words
from pipeline.model import Entry, Provenance
from pipeline.rules.duplicate_question import question_key
from pipeline.rules.furniture_residue import FurnitureResidue, is_furniture_line, is_navigation_marker
from pipeline.sources import Dropped, ReadOptions, ReadResult
from pipeline.sources.decode import bom_encoding, check_size

try:
    import lxml  # noqa: F401 - imported only to learn whether bs4 can use it
    PARSER = "lxml"
except ImportError:
    PARSER = "html.parser"

# --- vocabulary ------------------------------------------------------------------

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
QUESTION_HEADINGS = ("h2", "h3", "h4")
# Never text a reader sees; removed without a record.
INVISIBLE_TAGS = frozenset("script style noscript template iframe svg canvas object embed head title".split())
# Skipped inside answers and questions: media and form controls carry no answer text.
SKIPPED_TAGS = INVISIBLE_TAGS | frozenset(
    "button input select textarea option img picture video audio source track map area meta link base".split())
BLOCK_TAGS = frozenset("""
    address article aside blockquote center dd details dialog dir div dl dt fieldset figcaption
    figure footer form header hgroup hr li main nav p section summary table tbody thead tfoot tr
    td th caption legend
""".split())
STRONG_TAGS = frozenset({"strong", "b"})
EMPHASIS_TAGS = frozenset({"em", "i"})
# Inside a table these make it a layout table, read as blocks rather than as a grid.
LAYOUT_MARKERS = frozenset(("table", "ul", "ol", "dl", "blockquote", "pre", "details") + HEADINGS)
# A heading's answer never runs past the end of the nearest of these.
SECTION_BOUNDS = frozenset("section article main body aside details li dd td th blockquote dialog".split())
# header/footer inside these belong to an article, not to the page.
SECTIONING = frozenset("article section main aside nav".split())

ROLE_FURNITURE = {
    "navigation": "navigation", "banner": "page header", "contentinfo": "page footer",
    "complementary": "sidebar", "search": "search form",
}
# Tokens of class names and ids (split at "-", "_" and camelCase) that mark page chrome.
FURNITURE_TOKENS = {
    **dict.fromkeys(("cookie", "cookies", "consent", "gdpr", "cookiebanner"), "cookie banner"),
    **dict.fromkeys(("banner",), "banner"),
    **dict.fromkeys(("advert", "advertisement", "advertising", "ad", "ads", "adslot", "adsense",
                     "adsbygoogle", "sponsored", "sponsor", "dfp"), "advertisement"),
    **dict.fromkeys(("share", "sharing", "social", "addthis", "sharethis", "sharedaddy"), "share buttons"),
    **dict.fromkeys(("related",), "related links"),
    **dict.fromkeys(("breadcrumb", "breadcrumbs"), "breadcrumb"),
    **dict.fromkeys(("toc",), "table of contents"),
    **dict.fromkeys(("newsletter", "subscribe", "subscription"), "newsletter sign-up"),
    **dict.fromkeys(("sidebar",), "sidebar"),
    **dict.fromkeys(("navbar", "menu"), "navigation"),
    **dict.fromkeys(("pagination", "pager"), "pagination"),
    **dict.fromkeys(("comments", "comment"), "comments"),
    **dict.fromkeys(("popup",), "pop-up"),
    **dict.fromkeys(("footer",), "page footer"),  # not "header": accordion-header holds the question
    **dict.fromkeys(("cta",), "call to action"),
}
FURNITURE_RANK = {token: rank for rank, token in enumerate(FURNITURE_TOKENS)}  # first listed wins
FURNITURE_NAMES = {
    "table-of-contents": "table of contents", "skip-link": "skip link", "skip-to-content": "skip link",
    "post-navigation": "navigation", "nav-links": "navigation", "site-header": "page header",
    "site-footer": "page footer", "global-header": "page header", "global-footer": "page footer",
    "page-footer": "page footer", "masthead": "page header",
}
# A class or id with one of these is the FAQ itself, whatever else it says.
CONTENT_TOKENS = frozenset({"faq", "faqs", "accordion"})
# Text meant for screen readers, and icon fonts: not part of what a question says.
UI_ONLY_NAMES = frozenset({"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
                           "screen-reader-only", "sr-text", "a11y-hidden", "material-icons",
                           "material-symbols-outlined", "glyphicon", "dashicons", "fa", "fas", "far",
                           "fab", "icon", "icons"})

# Class-name tokens that make an element the question or the answer half of an item.
QUESTION_PART_TOKENS = frozenset({"question", "title", "header", "heading", "head", "toggle", "trigger",
                                  "summary", "button", "label", "q", "ques", "handle"})
ANSWER_PART_TOKENS = frozenset({"answer", "content", "body", "panel", "collapse", "text", "response",
                                "desc", "description", "detail", "details", "a", "ans", "inner", "pane"})
# Without one of these near it, a title/body pair is a card or a teaser, not an FAQ item.
QA_CONTEXT_RE = re.compile(r"faq|accordion|question|answer|toggle|collapse|elementor-tab|(?<![a-z])qa(?![a-z])")
FAQ_CONTEXT_RE = re.compile(r"faq|accordion|question|fragen|preguntas|(?<![a-z])qa(?![a-z])")

# Calls to action that close FAQ pages. A question-like one may head a short box;
# the short ones count only as the whole text of a heading, button or link.
CTA_QUESTION_RE = re.compile(r"""^(
    still\ (have|got)\ (a\ |any\ |more\ |other\ )?questions?
  | (have|got)\ (more|other|further|another|additional|any\ other|any\ more)\ questions?
  | (didn't|did\ not|can't|cannot|couldn't|could\ not)\ find\ (what\ you('re|\ are|\ were)\ looking\ for
      | (the|an|your)\ answer(\ to\ your\ question|\ you\ need)? | the\ information\ you\ need)
  | need\ (more\ |further\ |additional\ |some\ )?help
  | (noch|weitere)\ fragen | haben\ sie\ (noch\ |weitere\ )?fragen
  | vous\ avez\ (encore\ |d'autres\ )?(des\ )?questions
  | ¿?(aún|todavía)\ tienes\ (dudas|preguntas)
)\s*([?!.:…]|$)""", re.I | re.X)
CTA_EXACT = frozenset({"contact us", "contact", "get in touch", "contact support", "contact our team",
                       "kontakt", "kontaktieren sie uns", "nous contacter", "contáctanos", "contactanos"})
NAVIGATION_PREFIX_RE = re.compile(r"^(previous|prev|next)\s+(question|article|post|page)\b", re.I)

# Symbols accordions put around their questions (+, chevrons, arrows).
DECORATION = " \t+−–—-▼▲►▶▾▸▴▿›‹×✕✚⌄⌃↓↑→←•·"
LINK_TARGET_RE = re.compile(r"\]\([^)\s]*\)")
TAG_LIKE_RE = re.compile(r"<[A-Za-z/!]|&#?\w+;")
CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
TOKEN_SPLIT_RE = re.compile(r"[^a-z0-9]+")
SIMPLE_ID_RE = re.compile(r"^[A-Za-z][\w-]*$")

MAX_DROPPED = 40
DROPPED_TEXT = 160
TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " · ", " :: ", " » ")

_BINARY_MAGIC = (
    (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed"),
)
# The legacy encodings browsers know (WHATWG); a guess among all of Python's codecs
# picks DOS and Mac code pages no web page uses.
WEB_ENCODINGS = (
    "cp1252", "iso8859_2", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_10",
    "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "cp1250", "cp1251", "cp1253", "cp1254",
    "cp1255", "cp1256", "cp1257", "cp1258", "cp874", "koi8_r", "koi8_u", "cp866", "gb18030", "big5",
    "euc_jp", "iso2022_jp", "shift_jis", "euc_kr",
)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def read_html(data: bytes, path: str, options: ReadOptions) -> ReadResult:
    """Read the questions and answers of one HTML page."""
    text, warnings = _decode(data, path, options)
    soup = BeautifulSoup(text, PARSER)
    page = _Page(soup, options)
    title, language, description = _metadata(soup)
    structured = _structured_drafts(page, warnings)  # before furniture removal takes the scripts
    dropped = _remove_furniture(page)
    visible = _visible_drafts(page)
    drafts = _merge(visible, structured, warnings)
    if not drafts:
        raise InputError("no questions found in the page", path,
                         hint="the reader understands FAQPage/QAPage JSON-LD and microdata, "
                              "<details>, <dl>, question headings, bold questions and accordions")
    entries = [Entry(question=d.question, answer=d.answer,
                     provenance=Provenance(source=path, lines=d.lines, locator=d.locator))
               for d in drafts]
    return ReadResult(entries=entries, title=title, language=language, description=description,
                      dropped=dropped, warnings=warnings)


# --- bytes to text ---------------------------------------------------------------

def _decode(data: bytes, path: str, options: ReadOptions) -> tuple[str, list[str]]:
    """Decode as a browser would: byte-order mark, then the declared charset (HTTP
    header, then <meta>), then UTF-8, then a guess; never fail on bad bytes."""
    _check_bytes(data, path)
    warnings: list[str] = []
    text = None
    encoding = bom_encoding(data)
    if encoding is not None:
        text = _decode_replacing(data, encoding, warnings)
    if text is None:
        text = _decode_declared(data, options, warnings)
    if text is None:
        text = _decode_undeclared(data, warnings)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_text(text, path)
    return text, warnings


def _check_bytes(data: bytes, path: str) -> None:
    check_size(data, path)
    if not data.strip():
        raise InputError("file is empty", path, hint="give an HTML page with questions and answers")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"file is {what}, not HTML", path, hint="give the page's HTML source")
    if b"\x00" in data[:65536] and bom_encoding(data) is None:
        raise InputError("file is binary, not HTML", path,
                         hint="give the page's HTML source (UTF-16 needs a byte-order mark)")


def _check_text(text: str, path: str) -> None:
    sample = text[:65536]
    if not sample.strip():
        raise InputError("file is empty", path, hint="give an HTML page with questions and answers")
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    if control > max(8, len(sample) // 100):
        raise InputError("file is binary, not HTML (it holds control characters)", path)


def _decode_replacing(data: bytes, encoding: str, warnings: list[str]) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        warnings.append(f"the page is not valid {encoding.upper()} (byte 0x{data[exc.start]:02x} at offset "
                        f"{exc.start}); undecodable bytes became replacement characters")
        return data.decode(encoding, errors="replace")


def _declared_charsets(data: bytes, options: ReadOptions) -> list[tuple[str, str]]:
    found = []
    header = str(options.extra.get("charset") or "").strip()
    if header:
        if "charset=" in header.lower():
            header = header[header.lower().index("charset=") + len("charset="):].split(";")[0]
        found.append((header.strip().strip("\"'"), "HTTP header"))
    head = data[:8192]
    for pattern, origin in ((_META_CHARSET_RE, "<meta> tag"), (_XML_ENCODING_RE, "XML declaration")):
        match = pattern.search(head)
        if match:
            found.append((match.group(1).decode("ascii", "replace"), origin))
    return found


def _decode_declared(data: bytes, options: ReadOptions, warnings: list[str]) -> str | None:
    for label, origin in _declared_charsets(data, options):
        try:
            encoding = codecs.lookup(label).name
        except LookupError:
            warnings.append(f"unknown encoding {label!r} in the {origin}; ignored it")
            continue
        if encoding in ("iso8859-1", "ascii", "latin-1"):
            encoding = "cp1252"  # what browsers do with these labels
        if encoding.startswith(("utf-16", "utf-32")) and origin != "HTTP header":
            encoding = "utf-8"  # an ASCII-compatible document cannot really be UTF-16
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            if encoding == "cp1252":
                return data.decode("latin-1")
            if encoding != "utf-8":  # for UTF-8 the fallback below says what it did
                warnings.append(f"the page is not valid {label} as its {origin} says")
    return None


def _decode_undeclared(data: bytes, warnings: list[str]) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = len(re.findall(r"[^\x00-\x7f\ufffd]", replaced))
    if good <= bad:  # hardly any UTF-8 in it: some other encoding, undeclared
        guess = _guess_encoding(data)
        if guess is not None:
            text, encoding = guess
            warnings.append(f"the page declares no encoding that fits its bytes; read it as {encoding} "
                            f"(a guess)")
            return text
    warnings.append(f"the page is not valid UTF-8 ({bad} bad byte sequence{'s' if bad != 1 else ''}); "
                    f"they became replacement characters")
    return replaced


def _guess_encoding(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data, cp_isolation=list(WEB_ENCODINGS)).best()
    if best is None:
        return None
    return str(best), best.encoding


# --- the page and its index ------------------------------------------------------

class _Index:
    """Every node of a tree numbered in document order, with where each one ends.

    "Is X inside Y", "which comes first" and "is there a Z between" become
    arithmetic, so that no check has to walk (or recurse over) the tree.
    """

    def __init__(self, root: Tag) -> None:
        self.nodes: list = []
        self.ends: list[int] = []
        self._start: dict[int, int] = {}
        self._layout: list[int] | None = None
        open_tags: list[int] = []
        for position, node in enumerate(root.descendants):
            parent = node.parent
            while open_tags and self.nodes[open_tags[-1]] is not parent:
                self.ends[open_tags.pop()] = position - 1
            self.nodes.append(node)
            self.ends.append(position)
            self._start[id(node)] = position
            if isinstance(node, Tag):
                open_tags.append(position)
        for position in open_tags:
            self.ends[position] = len(self.nodes) - 1

    def start(self, node) -> int:
        return self._start[id(node)]

    def end(self, node) -> int:
        return self.ends[self._start[id(node)]]

    def contains(self, outer, inner) -> bool:
        start = self.start(outer)
        return start <= self.start(inner) <= self.ends[start]

    def positions(self, predicate: Callable[[Tag], bool]) -> list[int]:
        """Sorted positions of the tags that satisfy ``predicate``."""
        return [i for i, node in enumerate(self.nodes) if isinstance(node, Tag) and predicate(node)]

    def has_layout_inside(self, tag: Tag) -> bool:
        if self._layout is None:
            self._layout = self.positions(lambda t: t.name in LAYOUT_MARKERS)
        return _any_between(self._layout, self.start(tag) + 1, self.end(tag))

    def last_line(self, node) -> int | None:
        """The source line where the text of ``node`` ends: the line of its last tag
        (html.parser records lines; lxml does not) plus the lines its text runs on."""
        start, end = self.start(node), self.ends[self.start(node)]
        for position in range(end, start - 1, -1):
            candidate = self.nodes[position]
            if isinstance(candidate, Tag) and candidate.sourceline is not None:
                after = "".join(str(n) for n in self.nodes[position + 1:end + 1] if _is_text(n))
                return candidate.sourceline + after.rstrip().count("\n")
        return None


def _any_between(positions: list[int], low: int, high: int) -> bool:
    index = bisect_left(positions, low)
    return index < len(positions) and positions[index] <= high


class _Spans:
    """Disjoint, sorted ranges of positions: which parts of the page are taken."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.version = 0  # changes with every addition, for iterations running meanwhile

    def add(self, start: int, end: int) -> None:
        index = bisect_right(self.starts, start)
        if index and self.ends[index - 1] >= start:
            index -= 1
            start = self.starts[index]
            end = max(end, self.ends[index])
        last = index
        while last < len(self.starts) and self.starts[last] <= end:
            end = max(end, self.ends[last])
            last += 1
        self.starts[index:last] = [start]
        self.ends[index:last] = [end]
        self.version += 1

    def covers(self, position: int) -> bool:
        return self.end_at(position) is not None

    def end_at(self, position: int) -> int | None:
        """The end of the range ``position`` lies in, if any."""
        index = bisect_right(self.starts, position) - 1
        return self.ends[index] if index >= 0 and self.ends[index] >= position else None

    def next_start(self, position: int) -> int | None:
        index = bisect_right(self.starts, position)
        return self.starts[index] if index < len(self.starts) else None


class _Page:
    """One parsed page: its tree, node index, base address and the parts taken so far."""

    def __init__(self, soup: BeautifulSoup, options: ReadOptions) -> None:
        self.soup = soup
        self.options = options
        self.root = soup.body or soup
        self.index = _Index(soup)
        self.base = _base_url(soup, options.url)
        self.renderer = _Renderer(self.index, self.base)
        self.gone = _Spans()  # furniture taken out of the tree
        self.removed: list[Tag] = []  # kept alive, so that their ids are never reused
        self._names: dict[int, list[str]] = {}
        self._siblings: dict[int, tuple[dict[int, int], dict[str, int]]] = {}
        self._ids: dict[str, Tag] | None = None
        self._dropped: list[tuple[int, Dropped]] = []
        self._census: dict[str, list[Tag]] | None = None
        self._asking: list[tuple[Tag, Tag, str]] | None = None
        self._text_length: int | None = None

    def asking_details(self) -> list[tuple[Tag, Tag, str]]:
        """<details> elements whose summary asks something, with the summary and its text."""
        if self._asking is None:
            self._asking = []
            for details in self.tags("details"):
                summary = next((c for c in details.children if isinstance(c, Tag) and c.name == "summary"), None)
                question = self.question_text(summary) if summary is not None else ""
                if question and not is_furniture_line(question):  # "Show more" belongs to the text around it
                    self._asking.append((details, summary, question))
        return self._asking

    def holds_most_text(self, tag: Tag) -> bool:
        """True when ``tag`` holds over half the page's text: content, whatever its class says."""
        if self._text_length is None:
            self._text_length = len(_collapse(_plain_text([self.root])))
        return len(_collapse(_plain_text([tag]))) * 2 > self._text_length > 0

    def dropped(self) -> list[Dropped]:
        return [item for _, item in sorted(self._dropped, key=lambda pair: pair[0])]

    def tags(self, *names: str) -> Iterator[Tag]:
        """The page's tags in document order (only those named, if names are given),
        skipping furniture, also furniture removed while the caller iterates.
        Faster than bs4's find_all, whose filters dominate the time on big pages."""
        if self._census is not None:
            if not names:
                return iter(self._census[""])
            lists = [self._census.get(name, []) for name in names]
            return iter(lists[0] if len(lists) == 1 else sorted(
                (tag for found in lists for tag in found), key=self.start))
        wanted = frozenset(names)
        return (node for node in self._nodes() if isinstance(node, Tag) and (not wanted or node.name in wanted))

    def strings(self) -> Iterator[NavigableString]:
        return (node for node in self._nodes() if _is_text(node))

    def settle(self) -> None:
        """Furniture is gone: list the remaining tags once, by name, for all the finders."""
        census: dict[str, list[Tag]] = {"": []}
        for tag in self.tags():
            census[""].append(tag)
            census.setdefault(tag.name, []).append(tag)
        self._census = census

    def _nodes(self) -> Iterator:
        nodes = self.index.nodes
        if isinstance(self.root, Tag) and self.root is not self.soup:
            position, last = self.start(self.root) + 1, self.end(self.root)
        else:
            position, last = 0, len(nodes) - 1
        while position <= last:
            skip_to = self.gone.end_at(position)
            if skip_to is not None:
                position = skip_to + 1
                continue
            following = self.gone.next_start(position)
            limit = last if following is None else min(last, following - 1)
            version = self.gone.version
            while position <= limit and self.gone.version == version:
                yield nodes[position]
                position += 1

    def start(self, node) -> int:
        return self.index.start(node)

    def end(self, node) -> int:
        return self.index.end(node)

    def names(self, tag: Tag) -> list[str]:
        """The tag's class names and id, lower-case, camelCase split with hyphens."""
        cached = self._names.get(id(tag))
        if cached is None:
            classes = tag.get("class") or []
            if isinstance(classes, str):
                classes = classes.split()
            raw = [*classes, tag.get("id") or ""]
            cached = [(name if name.islower() else CAMEL_RE.sub("-", name)).lower() for name in raw if name]
            self._names[id(tag)] = cached
        return cached

    def tokens(self, tag: Tag) -> set[str]:
        return {token for name in self.names(tag) for token in TOKEN_SPLIT_RE.split(name) if token}

    def ids(self) -> dict[str, Tag]:
        if self._ids is None:
            self._ids = {}
            for tag in self.tags():
                if tag.has_attr("id"):
                    self._ids.setdefault(str(tag["id"]), tag)
        return self._ids

    def remove(self, tags: list[Tag], reason: str) -> None:
        """Take furniture out of the tree, recorded as one piece when it holds text and
        ``reason`` says what it is ("" for scripts and the like)."""
        if reason and len(self._dropped) < MAX_DROPPED:
            text = " ".join(_collapse(_plain_text([tag])) for tag in tags).strip()
            if any(ch.isalnum() for ch in text):
                self._dropped.append((self.start(tags[0]), Dropped(
                    _clip(text), tags[0].sourceline, FurnitureResidue.code, FurnitureResidue.name, reason)))
        for tag in tags:
            if tag.parent is not None:
                self._sibling_places(tag.parent)  # so that locators still count the page's own siblings
            self.gone.add(self.start(tag), self.end(tag))
            tag.extract()
            self.removed.append(tag)

    def question_text(self, tag: Tag) -> str:
        """What the element asks; it may itself be a <button>, whose inner buttons are skipped."""
        return _collapse(_plain_text(tag.contents)).strip(DECORATION)

    def locator(self, tag: Tag) -> str:
        """A short CSS path: up to the nearest id or <main>, at most six steps."""
        parts: list[str] = []
        node = tag
        while isinstance(node, Tag) and node.name not in ("html", "body", "[document]") and len(parts) < 6:
            ident = node.get("id")
            if isinstance(ident, str) and SIMPLE_ID_RE.match(ident):
                parts.append(f"{node.name}#{ident}")
                break
            parts.append(node.name + self._nth_of_type(node))
            if node.name == "main":
                break
            node = node.parent
        return " > ".join(reversed(parts))

    def _nth_of_type(self, tag: Tag) -> str:
        if tag.parent is None:
            return ""
        places, counts = self._sibling_places(tag.parent)
        return f":nth-of-type({places[id(tag)]})" if counts.get(tag.name, 0) > 1 else ""

    def _sibling_places(self, parent: Tag) -> tuple[dict[int, int], dict[str, int]]:
        """Each child's number among its parent's children of its name, and how many there are."""
        cached = self._siblings.get(id(parent))
        if cached is None:
            places: dict[int, int] = {}
            counts: dict[str, int] = {}
            for child in parent.children:
                if isinstance(child, Tag):
                    counts[child.name] = counts.get(child.name, 0) + 1
                    places[id(child)] = counts[child.name]
            cached = self._siblings[id(parent)] = (places, counts)
        return cached

    def lines(self, anchor: Tag, answer: list) -> tuple[int, int] | None:
        first = anchor.sourceline
        if first is None:
            return None
        last = self.index.last_line(anchor) or first
        for node in answer:
            if isinstance(node, Tag):
                last = max(last, self.index.last_line(node) or last)
        return first, max(first, last)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str) -> str:
    return text if len(text) <= DROPPED_TEXT else text[:DROPPED_TEXT - 1].rstrip() + "…"


def _is_text(node) -> bool:
    return isinstance(node, NavigableString) and not isinstance(
        node, (PreformattedString, Script, Stylesheet, TemplateString))


# --- metadata --------------------------------------------------------------------

def _metadata(soup: BeautifulSoup) -> tuple[str | None, str | None, str | None]:
    head = soup.head or soup
    site = _meta_content(head, "property", "og:site_name")
    title = None
    if head.title is not None:
        title = _collapse(head.title.get_text())
    title = title or _meta_content(head, "property", "og:title")
    if not title:
        h1 = soup.find("h1")
        title = _collapse(h1.get_text(" ")) if h1 is not None else None
    title = _clean_title(title, site) if title else None

    language = None
    html = soup.find("html")
    if html is not None:
        lang = html.get("lang") or html.get("xml:lang") or ""
        match = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_]|\s*$)", str(lang))
        language = match.group(1).lower() if match else None

    description = (_meta_content(head, "name", "description")
                   or _meta_content(head, "property", "og:description"))
    return title, language, description


def _meta_content(head: Tag, attribute: str, value: str) -> str | None:
    tag = head.find("meta", attrs={attribute: re.compile(f"^{re.escape(value)}$", re.I)})
    content = _collapse(str(tag.get("content") or "")) if tag is not None else ""
    return content or None


def _clean_title(title: str, site: str | None) -> str:
    """Drop a trailing " | Site" when it is plainly a site name: short, and the last part."""
    for separator in TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if not found or not head.strip():
            continue
        tail = tail.strip()
        if tail == site or (len(tail.split()) <= 4 and len(tail) <= 30 and not ends_like_question(tail)):
            return head.strip()
    return title


def _join(base: str, href: str) -> str | None:
    """``href`` resolved against ``base``, or None when either is not an address
    urllib can parse ("https://example.or]/": a bracket outside an IPv6 host)."""
    try:
        return urljoin(base, href)
    except ValueError:
        return None


def _base_url(soup: BeautifulSoup, url: str | None) -> str | None:
    """The address relative links resolve against: the page's own (through <base> as
    a browser would), else <base href>, else the canonical link."""
    head = soup.head or soup
    base = head.find("base", href=True)
    base_href = str(base["href"]).strip() if base is not None else ""
    if url:
        return (_join(url, base_href) or url) if base_href else url
    if base_href and _join(base_href, "") is not None:
        return base_href
    canonical = head.find("link", rel="canonical", href=True)
    if canonical is not None and re.match(r"^https?://", str(canonical["href"]).strip(), re.I):
        return str(canonical["href"]).strip()
    return None


# --- page furniture --------------------------------------------------------------

def _remove_furniture(page: _Page) -> list[Dropped]:
    """Take chrome out of the tree, by tag, role and class first, then by what it says."""
    protected = page.index.positions(_is_protected)
    sectioning = _Spans()
    for position in page.index.positions(lambda t: t.name in SECTIONING):
        sectioning.add(position, page.index.ends[position])
    found: list[tuple[Tag, str]] = []
    skip_to = -1
    for tag in page.tags():
        start = page.start(tag)
        if start <= skip_to:
            continue
        reason = _furniture_reason(page, tag, sectioning)
        if reason is None:
            continue
        if reason and tag.name not in ("nav", "aside", "header", "footer") and not tag.get("role"):
            if _any_between(protected, start, page.end(tag)) or page.holds_most_text(tag):
                continue  # a wrapper that happens to say "sidebar": the content is inside
        found.append((tag, reason))
        skip_to = page.end(tag)
    for tag, reason in found:
        page.remove([tag], reason)
    _remove_tables_of_contents(page)
    _remove_labelled_furniture(page)
    page.settle()
    return page.dropped()


def _is_protected(tag: Tag) -> bool:
    if tag.name in ("main", "article", "h1") or tag.get("role") == "main":
        return True
    return any(t in ("FAQPage", "QAPage", "Question") for t in _itemtypes(tag))


def _furniture_reason(page: _Page, tag: Tag, sectioning: _Spans) -> str | None:
    """Why ``tag`` is page chrome ("" for invisible things not worth recording), or None."""
    name = tag.name
    if name in INVISIBLE_TAGS:
        return ""
    if name == "nav":
        return "navigation"
    if name == "aside":
        return "sidebar"
    if name in ("header", "footer") and not sectioning.covers(page.start(tag)):
        return f"page {name}"
    role = str(tag.get("role") or "").strip().lower()
    if role in ROLE_FURNITURE:
        return ROLE_FURNITURE[role]
    if name == "form":
        return "form"
    tokens = page.tokens(tag)
    if tokens & CONTENT_TOKENS:
        return None
    for class_name in page.names(tag):
        if class_name in FURNITURE_NAMES:
            return FURNITURE_NAMES[class_name]
    hits = tokens & FURNITURE_TOKENS.keys()
    return FURNITURE_TOKENS[min(hits, key=FURNITURE_RANK.__getitem__)] if hits else None


def _remove_tables_of_contents(page: _Page) -> None:
    """Lists whose items are links to places in this page repeat its questions."""
    for listing in list(page.tags("ul", "ol")):
        if page.gone.covers(page.start(listing)):
            continue
        items = [child for child in listing.children if isinstance(child, Tag) and child.name == "li"]
        if len(items) >= 2 and sum(map(_is_anchor_item, items)) * 5 >= len(items) * 4:
            page.remove([listing], "table of contents")


def _is_anchor_item(item: Tag) -> bool:
    links = item.find_all("a")
    if not links or not all(str(a.get("href") or "").startswith("#") for a in links):
        return False
    linked = sum(len(_collapse(a.get_text(" "))) for a in links)
    return linked * 5 >= len(_collapse(item.get_text(" "))) * 4


def _remove_labelled_furniture(page: _Page) -> None:
    """Blocks introduced by what they are: "Related questions" or "Previous question"
    over a list of links, "Share this", "Still have a question?" boxes."""
    for string in page.strings():
        if len(string) > 300:
            continue
        text = _collapse(string)
        if not text or len(text) > 120:
            continue
        kind = _label_kind(text)
        if kind is None:
            continue
        label = _label_element(string, text, kind)
        if label is None or page.gone.covers(page.start(label)):
            continue
        removal = [label, *_followers(label, kind)]
        if kind == "navigation" and len(removal) == 1 and label.find("a") is None and label.name != "a":
            continue  # "Frequently asked questions" over the questions themselves
        reason = {"navigation": "navigation links", "furniture": "page furniture",
                  "cta": "call to action"}[kind]
        page.remove(removal, reason)


def _label_kind(text: str) -> str | None:
    if is_navigation_marker(text) or NAVIGATION_PREFIX_RE.match(text):
        return "navigation"
    if is_furniture_line(text):
        return "furniture"
    if _is_call_to_action(text) or text.lower().rstrip(".!:") in CTA_EXACT:
        return "cta"
    return None


def _is_call_to_action(text: str) -> bool:
    return len(text) <= 120 and bool(CTA_QUESTION_RE.match(text.replace("’", "'")))


def _only_child(element: Tag) -> bool:
    """True when ``element`` is all its parent holds, blank text aside."""
    return not any(_holds_something(sibling)
                   for siblings in (element.previous_siblings, element.next_siblings)
                   for sibling in siblings)


def _holds_something(node) -> bool:
    return isinstance(node, Tag) or bool(str(node).strip())


def _label_element(string: NavigableString, text: str, kind: str) -> Tag | None:
    """The block the label text stands for: climbs through wrappers that hold nothing
    else; a block that also holds other text counts only when the rest is links."""
    element = string.parent
    for _ in range(8):
        parent = element.parent
        if parent is None or parent.name in ("body", "html", "[document]", "main", "article"):
            break
        if not _only_child(element):
            break
        element = parent
    if element.name not in BLOCK_TAGS and element.name not in HEADINGS:
        block = element.parent
        if block is None or block.name not in BLOCK_TAGS or kind == "cta":
            return None
        element = block
    whole = _collapse(element.get_text(" "))
    if whole == text:
        return element
    if kind == "navigation" and whole.startswith(text) and _link_share(element, len(whole) - len(text)) >= 0.6:
        return element
    return None


def _link_share(tag: Tag, total: int) -> float:
    linked = sum(len(_collapse(a.get_text(" "))) for a in tag.find_all("a"))
    return linked / total if total > 0 else 0.0


def _followers(label: Tag, kind: str) -> list[Tag]:
    """The siblings after a label that belong to it: link lists after a navigation or
    furniture label, the short rest of the box after a call to action."""
    found: list[Tag] = []
    if kind == "furniture" and label.find("a") is not None:
        return found  # a "Read more" link stands alone
    for sibling in label.find_next_siblings():
        if sibling.name in HEADINGS and kind != "navigation":
            break
        text = _collapse(sibling.get_text(" "))
        if kind == "cta":
            if len(text) > 300 or len(found) >= 3 or (
                    label.name not in HEADINGS and not _is_call_to_action(_collapse(label.get_text(" ")))):
                break
        elif not text or _link_share(sibling, len(text)) < 0.6:
            break
        found.append(sibling)
    return found


# --- structured data -------------------------------------------------------------

@dataclass
class _Draft:
    """A question and its answer as found, before visible and structured ones are merged."""

    question: str
    answer: str
    position: int
    lines: tuple[int, int] | None
    locator: str
    structured: bool = False

    @property
    def size(self) -> int:
        """How much the answer says, in words, links counted by their text."""
        return len(words(LINK_TARGET_RE.sub("]", self.answer)))


def _structured_drafts(page: _Page, warnings: list[str]) -> list[_Draft]:
    drafts: list[_Draft] = []
    scripts = [s for s in page.soup.find_all("script") if _is_json_ld(s)]
    for number, script in enumerate(scripts, start=1):
        text = script.string or script.get_text()
        at = f" (line {script.sourceline})" if script.sourceline else ""
        values, problem = _parse_json_ld(text)
        if problem and not values:
            warnings.append(f"JSON-LD block {number}{at} is not valid JSON ({problem}); skipped it")
            continue
        if problem:
            warnings.append(f"JSON-LD block {number}{at} has text after its JSON ({problem}); ignored that")
        first = script.sourceline
        lines = (first, first + text.count("\n")) if first else None
        prefix = f'script[type="application/ld+json"]:nth-of-type({number})'
        for node, path in _qa_pages(values):
            drafts.extend(_json_ld_questions(page, node, path, prefix, lines, warnings))
    for order, draft in enumerate(drafts):
        draft.position = order
    return drafts


def _is_json_ld(script: Tag) -> bool:
    return str(script.get("type") or "").split(";")[0].strip().lower() == "application/ld+json"


def _parse_json_ld(text: str) -> tuple[list, str | None]:
    """Every JSON value in a script block, tolerating what pages put around them
    (comments, CDATA markers, ``;``). Returns the values and what went wrong, if anything."""
    decoder = json.JSONDecoder(strict=False)
    values: list = []
    match = re.search(r"[{\[]", text)
    if match is None:
        return values, "no JSON object in it"
    position = match.start()
    try:
        while True:
            value, position = decoder.raw_decode(text, position)
            values.append(value)
            rest = re.match(r"[\s;,]*", text[position:])
            position += rest.end()
            if position >= len(text) or text[position] not in "{[":
                return values, None
    except json.JSONDecodeError as exc:
        return values, f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    except RecursionError:
        return values, "nested too deeply"


def _types(node: dict) -> set[str]:
    raw = node.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return {re.split(r"[/:#]", name)[-1] for name in names if isinstance(name, str)}


def _qa_pages(values: list) -> Iterator[tuple[dict, str]]:
    """FAQPage and QAPage nodes anywhere in the values (in @graph, nested in a WebPage, ...)."""
    stack: list[tuple[object, str]] = [(value, f"[{i}]" if len(values) > 1 else "")
                                       for i, value in reversed(list(enumerate(values)))]
    budget = 200_000
    while stack and budget:
        budget -= 1
        value, path = stack.pop()
        if isinstance(value, dict):
            if _types(value) & {"FAQPage", "QAPage"}:
                yield value, path
                continue
            for key in reversed(list(value)):
                if isinstance(value[key], (dict, list)):
                    stack.append((value[key], f"{path}.{key}" if path else key))
        elif isinstance(value, list):
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], f"{path}[{i}]"))


def _json_ld_questions(page: _Page, node: dict, path: str, prefix: str, lines: tuple[int, int] | None,
                       warnings: list[str]) -> list[_Draft]:
    entity = node.get("mainEntity")
    questions = entity if isinstance(entity, list) else [entity]
    qa_page = "QAPage" in _types(node)
    drafts = []
    for i, question in enumerate(questions):
        if not isinstance(question, dict):
            continue
        name = _json_string(question.get("name")) or _json_string(question.get("text"))
        text = _collapse(_fragment_text(name)) if name else ""
        if not text:
            continue
        answers = _json_list(question.get("acceptedAnswer"))
        suggested = _json_list(question.get("suggestedAnswer"))
        if qa_page and page.options.qa_answers == "all":
            answers += suggested
        elif qa_page and not answers:
            warnings.append(f"QAPage question {text!r} has no accepted answer")
        elif not answers:
            answers = suggested  # an FAQPage that calls its answers suggested
        rendered = [fragment_markdown(_json_string(a.get("text") if isinstance(a, dict) else a), page.base)
                    for a in answers]
        where = f"{path}.mainEntity[{i}]" if path else f"mainEntity[{i}]"
        drafts.append(_Draft(text, "\n\n".join(r for r in rendered if r), 0, lines, f"{prefix} {where}",
                             structured=True))
    return drafts


def _json_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _json_string(value) -> str:
    """The text of a JSON-LD value: a string, a list of them (paragraphs), or an
    object holding one in ``@value`` or ``text``. Walked without recursion."""
    parts: list[str] = []
    stack = [value]
    while stack and len(parts) < 1000:
        item = stack.pop()
        if isinstance(item, str):
            if item.strip():
                parts.append(item)
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            stack.append(item.get("@value") or item.get("text"))
    return "\n\n".join(parts)


def _fragment_text(value: str) -> str:
    if not TAG_LIKE_RE.search(value):
        return value
    fragment = BeautifulSoup(value, PARSER)
    return _plain_text((fragment.body or fragment).contents)


def _itemtypes(tag: Tag) -> list[str]:
    return [re.split(r"[/:#]", t)[-1] for t in str(tag.get("itemtype") or "").split()]


# --- visible questions -----------------------------------------------------------

@dataclass
class _Found:
    """A visible question: the element that asks it and the nodes that answer it."""

    question: str
    anchor: Tag
    answer: list = field(default_factory=list)
    markdown: str | None = None  # an answer given as an attribute, already rendered


def _visible_drafts(page: _Page) -> list[_Draft]:
    """Every structure's questions, strongest evidence first; each part of the page
    answers at most one question."""
    taken = _Spans()
    found: list[_Found] = []
    for finder in (_microdata, _details, _question_lists, _accordions, _headings, _other_lists):
        found.extend(finder(page, taken))
    if not found:
        found = _loose_questions(page, taken)
    drafts = []
    for item in found:
        answer = item.markdown if item.markdown is not None else page.renderer.render(item.answer)
        drafts.append(_Draft(item.question, answer, page.start(item.anchor),
                             page.lines(item.anchor, item.answer), page.locator(item.anchor)))
    drafts.sort(key=lambda d: d.position)
    return drafts


def _take(page: _Page, taken: _Spans, *nodes) -> None:
    for node in nodes:
        taken.add(page.start(node), page.end(node))


def _free(page: _Page, taken: _Spans, *nodes) -> bool:
    return not any(taken.covers(page.start(node)) for node in nodes)


def _microdata(page: _Page, taken: _Spans) -> list[_Found]:
    found = []
    for scope in page.tags():
        if not scope.has_attr("itemscope") or "Question" not in _itemtypes(scope) or not _free(page, taken, scope):
            continue
        name = _itemprop(scope, "name") or _itemprop(scope, "text")
        if name is None:
            continue
        question = _collapse(str(name.get("content") or "")) if name.name == "meta" else page.question_text(name)
        if not question:
            continue
        props = ["acceptedAnswer"] + (["suggestedAnswer"] if page.options.qa_answers == "all" else [])
        nodes: list = []
        values: list[str] = []
        for answer in _itemprops(scope, props):
            text = _itemprop(answer, "text") if answer.has_attr("itemscope") else answer
            text = text or answer
            if text.name == "meta":
                values.append(str(text.get("content") or ""))
            else:
                nodes.append(text)
        markdown = None
        if values:
            parts = [page.renderer.render(nodes)] + [fragment_markdown(v, page.base) for v in values]
            markdown = "\n\n".join(p for p in parts if p)
        found.append(_Found(question, scope, nodes, markdown))
        _take(page, taken, scope)
    return found


def _itemprops(scope: Tag, names: list[str]) -> list[Tag]:
    """Elements of ``scope`` (not of a scope nested in it) with one of the item properties."""
    result = []
    for tag in scope.find_all(itemprop=True):
        if set(str(tag["itemprop"]).split()) & set(names) and _scope_of(tag) is scope:
            result.append(tag)
    return result


def _itemprop(scope: Tag, name: str) -> Tag | None:
    found = _itemprops(scope, [name])
    return found[0] if found else None


def _scope_of(tag: Tag) -> Tag | None:
    node = tag.parent
    while node is not None and not node.has_attr("itemscope"):
        node = node.parent
    return node


def _details(page: _Page, taken: _Spans) -> list[_Found]:
    asking = page.asking_details()
    positions = [page.start(details) for details, _, _ in asking]
    found = []
    for details, summary, question in asking:
        if not _free(page, taken, details) or _any_between(positions, page.start(details) + 1, page.end(details)):
            continue  # taken, or a group of questions
        found.append(_Found(question, details, [c for c in details.contents if c is not summary]))
        _take(page, taken, details)
    return found


def _question_lists(page: _Page, taken: _Spans) -> list[_Found]:
    """<dl> lists most of whose terms are questions: read before headings claim them."""
    return _definition_lists(page, taken, questions_only=True)


def _other_lists(page: _Page, taken: _Spans) -> list[_Found]:
    """The remaining <dl> lists that no answer holds: their terms are the questions."""
    return _definition_lists(page, taken, questions_only=False)


def _definition_lists(page: _Page, taken: _Spans, questions_only: bool) -> list[_Found]:
    found = []
    for dl in page.tags("dl"):
        if not _free(page, taken, dl):
            continue
        groups = [(page.question_text(dt), dt, dds) for dt, dds in _dl_groups(dl)]
        groups = [group for group in groups if group[0]]
        if not groups:
            continue
        if questions_only and sum(ends_like_question(q) for q, _, _ in groups) * 2 < len(groups):
            continue
        found.extend(_Found(question, dt, dds) for question, dt, dds in groups)
        _take(page, taken, dl)
    return found


def _dl_groups(dl: Tag) -> list[tuple[Tag, list[Tag]]]:
    groups: list[tuple[Tag, list[Tag]]] = []
    children = [c for c in dl.children if isinstance(c, Tag)]
    for child in children:
        members = [c for c in child.children if isinstance(c, Tag)] if child.name == "div" else [child]
        for member in members:
            if member.name == "dt":
                groups.append((member, []))
            elif member.name == "dd" and groups:
                groups[-1][1].append(member)
    return groups


def _accordions(page: _Page, taken: _Spans) -> list[_Found]:
    candidates = _trigger_pairs(page) + _class_pairs(page)
    candidates.sort(key=lambda c: page.start(c[0]))
    questions = sorted({page.start(c[0]) for c in candidates}
                       | {page.start(details) for details, _, _ in page.asking_details()})
    headings = [page.start(h) for h in page.tags(*QUESTION_HEADINGS) if ends_like_question(page.question_text(h))]
    found = []
    for anchor, question, answer in candidates:
        if not _free(page, taken, anchor, answer):
            continue
        if page.index.contains(answer, anchor) or page.index.contains(anchor, answer):
            continue
        start, end = page.start(answer), page.end(answer)
        if _any_between(questions, start, end) or bisect_right(headings, end) - bisect_left(headings, start) > 1:
            continue  # a panel of questions (a category), not an answer
        found.append(_Found(question, anchor, [answer]))
        _take(page, taken, anchor, answer)
    return found


def _trigger_pairs(page: _Page) -> list[tuple[Tag, str, Tag]]:
    """Buttons and links that open a panel they name by id."""
    pairs = []
    seen: set[int] = set()
    for trigger in filter(_is_trigger, page.tags()):
        target = _trigger_target(page, trigger)
        if target is None or id(target) in seen:
            continue
        if str(target.get("role") or "").lower() in ("menu", "menubar", "listbox", "dialog", "tooltip",
                                                     "navigation", "tree"):
            continue
        anchor, question = _trigger_question(page, trigger, target)
        if not question or is_furniture_line(question):
            continue
        if str(trigger.get("role") or "").lower() == "tab" and not ends_like_question(question) and not (
                QA_CONTEXT_RE.search(" ".join(page.names(trigger) + page.names(target)
                                              + page.names(trigger.parent)))):
            continue  # tabs of a page, not questions
        seen.add(id(target))
        pairs.append((anchor, question, target))
    return pairs


def _is_trigger(tag: Tag) -> bool:
    if str(tag.get("aria-haspopup") or "false").lower() != "false":
        return False
    if tag.has_attr("aria-controls"):
        return True
    if str(tag.get("data-toggle") or tag.get("data-bs-toggle") or "").lower() == "collapse":
        return True
    return tag.has_attr("aria-expanded") and len(str(tag.get("href") or "")) > 1 and str(
        tag.get("href")).startswith("#")


def _trigger_target(page: _Page, trigger: Tag) -> Tag | None:
    names = str(trigger.get("aria-controls") or "").split()
    for attribute in ("data-target", "data-bs-target", "href"):
        value = str(trigger.get(attribute) or "")
        if value.startswith("#") and len(value) > 1:
            names.append(value[1:])
    for name in names:
        target = page.ids().get(name)
        if target is not None:
            return target
    return None


def _trigger_question(page: _Page, trigger: Tag, target: Tag) -> tuple[Tag, str]:
    """The question a trigger asks, and the element to point at for it: its heading
    if it sits in one; the text around an icon-only button."""
    anchor, question = trigger, page.question_text(trigger)
    holder = trigger
    for _ in range(2):
        holder = holder.parent
        if holder is None or page.index.contains(holder, target):
            break
        if not question:
            anchor, question = holder, page.question_text(holder)
        if holder.name in HEADINGS:
            anchor = holder
            break
    return anchor, question


def _class_pairs(page: _Page) -> list[tuple[Tag, str, Tag]]:
    """Question and answer halves of an item, told apart by their class names."""
    pairs = []
    for tag in page.tags():
        if not tag.has_attr("class") or _part(page, tag) != "question":
            continue
        answer = _answer_half(page, tag)
        if answer is None:
            continue
        context = " ".join(page.names(tag) + page.names(answer)
                           + (page.names(tag.parent) if tag.parent is not None else []))
        if not QA_CONTEXT_RE.search(context):
            continue
        if tag.name == "h1" or tag.find("h1") is not None:
            continue  # the page's title over its content
        question = page.question_text(tag)
        if question and not is_furniture_line(question):
            pairs.append((tag, question, answer))
    return pairs


def _part(page: _Page, tag: Tag) -> str | None:
    roles = {_name_role(name) for name in page.names(tag)} - {None}
    return roles.pop() if len(roles) == 1 else None


def _name_role(name: str) -> str | None:
    """"faq__question", "accordion-header", "elementor-tab-title" ask; "faq-answer",
    "accordion-collapse", "card-body" answer. "question" and "answer" outrank the
    generic words; otherwise the last role word of the name decides."""
    tokens = [t for t in TOKEN_SPLIT_RE.split(name) if t]
    for token in reversed(tokens):
        if token in ("question", "answer"):
            return token
    for token in reversed(tokens):
        if token in QUESTION_PART_TOKENS:
            return "question"
        if token in ANSWER_PART_TOKENS:
            return "answer"
    return None


def _answer_half(page: _Page, question: Tag) -> Tag | None:
    holders = [question]
    if question.parent is not None and _only_child(question):
        holders.append(question.parent)  # <div class="q-wrap"><h3 class="question">
    for holder in holders:
        sibling = holder
        for _ in range(3):
            sibling = sibling.find_next_sibling()
            if sibling is None:
                break
            part = _part(page, sibling)
            if part == "answer":
                return sibling
            if part == "question":
                break
    return None


def _headings(page: _Page, taken: _Spans) -> list[_Found]:
    heads = [h for h in page.tags(*HEADINGS) if _free(page, taken, h)]
    levels = [int(h.name[1]) for h in heads]
    texts = [page.question_text(h) for h in heads]
    bounds = [_section_end(page, h) for h in heads]
    asks = [_heading_asks(page, i, heads, levels, texts, bounds) for i in range(len(heads))]
    found = []
    for i, heading in enumerate(heads):
        if not asks[i]:
            continue
        stop = bounds[i] + 1
        for j in range(i + 1, len(heads)):
            if levels[j] <= levels[i] or asks[j]:
                stop = min(stop, page.start(heads[j]))
                break
        claimed = taken.next_start(page.end(heading))
        if claimed is not None:
            stop = min(stop, claimed)
        nodes = _nodes_between(page, heading, stop)
        markdown = page.renderer.render(nodes)
        if not markdown and not ends_like_question(texts[i]):
            continue  # a label without a question mark and without text is no entry
        found.append(_Found(texts[i], heading, nodes, markdown))
        taken.add(page.start(heading), max(page.end(heading), stop - 1))
    return found


def _heading_asks(page: _Page, i: int, heads: list[Tag], levels: list[int], texts: list[str],
                  bounds: list[int]) -> bool:
    """A heading is a question when it ends like one; without a question mark, when it
    is a leaf heading (nothing under it is a sub-heading) inside an FAQ block."""
    heading, text = heads[i], texts[i]
    if heading.name not in QUESTION_HEADINGS or not text or is_furniture_line(text):
        return False
    if ends_like_question(text):
        return True
    leaf = i + 1 == len(heads) or levels[i + 1] <= levels[i] or page.start(heads[i + 1]) > bounds[i]
    return leaf and _in_faq_block(page, heading)


def _loose_questions(page: _Page, taken: _Spans) -> list[_Found]:
    """For pages with none of the structures above: h5/h6 headings and bold lines that
    end like a question (``<p><strong>Question?</strong></p>``), each answered by
    what follows it up to the next one, a heading, or the end of its section."""
    marks: list[tuple[Tag, str]] = []
    for tag in page.tags():
        if tag.name in ("h5", "h6") or (tag.name in STRONG_TAGS and _opens_block(tag)):
            text = page.question_text(tag)
            if ends_like_question(text) and not is_furniture_line(text) and _free(page, taken, tag):
                anchor = tag.parent if tag.name in STRONG_TAGS and _only_child(tag) else tag
                marks.append((anchor, text))
    headings = [page.start(h) for h in page.tags(*HEADINGS)]
    found = []
    for index, (anchor, text) in enumerate(marks):
        stop = page.start(marks[index + 1][0]) if index + 1 < len(marks) else len(page.index.nodes)
        following = bisect_right(headings, page.end(anchor))
        if following < len(headings):
            stop = min(stop, headings[following])
        stop = min(stop, _section_end(page, anchor) + 1)
        found.append(_Found(text, anchor, _nodes_between(page, anchor, stop)))
    return found


def _opens_block(tag: Tag) -> bool:
    """True for an element that starts a paragraph or a division, nothing before it."""
    parent = tag.parent
    return (parent is not None and parent.name in ("p", "div")
            and not any(_holds_something(sibling) for sibling in tag.previous_siblings))


def _in_faq_block(page: _Page, tag: Tag) -> bool:
    node = tag
    for _ in range(30):
        if node is None or not isinstance(node, Tag):
            return False
        if FAQ_CONTEXT_RE.search(" ".join(page.names(node))):
            return True
        node = node.parent
    return False


def _section_end(page: _Page, heading: Tag) -> int:
    node = heading.parent
    for _ in range(50):
        if node is None or not isinstance(node, Tag) or node.name == "[document]":
            break
        if node.name in SECTION_BOUNDS or str(node.get("role") or "") in ("main", "region"):
            return page.end(node)
        node = node.parent
    return len(page.index.nodes) - 1


def _nodes_between(page: _Page, after: Tag, stop: int) -> list:
    """The largest whole subtrees after ``after`` and before position ``stop``, in order."""
    nodes = []
    node = after
    while True:
        candidate = node.next_sibling
        while candidate is None:
            node = node.parent
            if node is None:
                return nodes
            candidate = node.next_sibling
        while True:
            if page.start(candidate) >= stop:
                return nodes
            if page.end(candidate) < stop:
                nodes.append(candidate)
                node = candidate
                break
            candidate = candidate.contents[0]  # ``stop`` lies inside it


# --- answers as Markdown ---------------------------------------------------------

def _plain_text(nodes: Iterable) -> str:
    """The text of some nodes as a reader sees it: no scripts, icons or screen-reader hints."""
    parts: list[str] = []
    stack = list(reversed(list(nodes)))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if node.name in SKIPPED_TAGS or _is_ui_only(node):
                continue
            if node.name == "br" or node.name in BLOCK_TAGS:
                parts.append(" ")
            stack.extend(reversed(node.contents))
        elif _is_text(node):
            parts.append(str(node))
    return "".join(parts)


def _is_ui_only(tag: Tag) -> bool:
    classes = tag.get("class") or []
    if any(str(c).lower() in UI_ONLY_NAMES for c in classes):
        return True
    return str(tag.get("aria-hidden") or "").lower() == "true" and tag.name in ("span", "i")


@dataclass
class _List:
    kind: str  # "bullets" or "numbers"
    number: int  # the number the next item gets
    block: Block | None = None
    item: tuple[Block, int] | None = None  # where the open item's text went
    implicit: bool = False  # an <li> outside any list


class _Writer:
    """Collects an answer as blocks of the Markdown subset while a walk over the HTML
    feeds it text and structure. With ``single_line`` everything becomes one line
    (a table cell)."""

    def __init__(self, single_line: bool = False) -> None:
        self.single_line = single_line
        self.blocks: list[Block] = []
        self.lines: list[str] = []  # finished lines of the open paragraph
        self.line: list[str] = []  # pieces of the line being written
        self.space = False  # a space is due before the next piece
        self.marks: list[list] = []  # open emphasis: [marker, written on this line]
        self.depth: dict[str, int] = {}
        self.lists: list[_List] = []

    # inline content

    def text(self, raw: str) -> None:
        chunk = _collapse(raw)
        if raw[:1].isspace():
            self.space = True
        if chunk:
            self._put(chunk, escape=True)
            if raw[-1:].isspace():
                self.space = True

    def link(self, raw: str, url: str | None) -> None:
        label = _collapse(raw)
        if not label or url is None:
            self.text(raw)
            return
        if raw[:1].isspace():
            self.space = True
        text = escape_text(label, line_start=False).replace("[", "\\[").replace("]", "\\]")
        self._put(f"[{text}]({url})", escape=False)
        if raw[-1:].isspace():
            self.space = True

    def open_mark(self, marker: str) -> None:
        self.depth[marker] = self.depth.get(marker, 0) + 1
        if self.depth[marker] == 1:
            self.marks.append([marker, False])

    def close_mark(self, marker: str) -> None:
        self.depth[marker] = self.depth.get(marker, 1) - 1
        if self.depth[marker]:
            return
        for index in range(len(self.marks) - 1, -1, -1):
            if self.marks[index][0] == marker:
                if self.marks[index][1]:
                    self.line.append(marker)
                del self.marks[index]
                return

    def _put(self, piece: str, escape: bool) -> None:
        if self.space and self.line:
            self.line.append(" ")
        self.space = False
        for mark in self.marks:
            if not mark[1]:
                self.line.append(mark[0])
                mark[1] = True
        self.line.append(escape_text(piece, line_start=not self.line) if escape else piece)

    def _end_line(self) -> str:
        for mark in reversed(self.marks):
            if mark[1]:
                self.line.append(mark[0])
                mark[1] = False
        text = "".join(self.line).strip()
        self.line = []
        self.space = False
        return text

    # structure

    def line_break(self) -> None:
        if self.single_line or self.lists:
            self.space = True
            return
        text = self._end_line()
        if text:
            self.lines.append(text)
        else:
            self._flush_paragraph()  # two breaks in a row end a paragraph

    def boundary(self) -> None:
        if self.single_line or self.lists:
            self.space = True
            return
        self._flush_paragraph()

    def _flush_paragraph(self) -> None:
        text = self._end_line()
        if text:
            self.lines.append(text)
        if self.lines:
            self.blocks.append(Block("paragraph", ["\n".join(self.lines)]))
            self.lines = []

    def start_list(self, kind: str, start: int = 1, implicit: bool = False) -> None:
        if self.single_line:
            self.space = True
            return
        if self.lists:
            self._close_item_text()
            outer = self.lists[-1]
            if not (outer.kind == kind == "bullets"):
                outer.block = None  # the outer list goes on after the nested one, in a block of its own
        else:
            self._flush_paragraph()
        self.lists.append(_List(kind, start, implicit=implicit))

    def end_list(self) -> None:
        if self.single_line or not self.lists:
            self.space = True
            return
        self._close_item_text()
        inner = self.lists.pop()
        if self.lists and not (self.lists[-1].kind == inner.kind == "bullets"):
            self.lists[-1].block = None

    def start_item(self) -> None:
        if self.single_line:
            self.space = True
            return
        if not self.lists:
            self.start_list("bullets", implicit=True)
        self._close_item_text()
        self.lists[-1].item = None

    def end_item(self) -> None:
        if self.single_line or not self.lists:
            self.space = True
            return
        self._close_item_text()
        state = self.lists[-1]
        state.item = None
        if state.implicit:
            self.lists.pop()

    def _close_item_text(self) -> None:
        text = self._end_line()
        if not text or not self.lists:
            return
        state = self.lists[-1]
        if state.item is not None:  # more text of an item after its nested list
            block, index = state.item
            block.items[index] += " " + text
            return
        block = self._list_block(state)
        block.items.append(text)
        state.item = (block, len(block.items) - 1)
        state.number += 1

    def _list_block(self, state: _List) -> Block:
        if state.block is None:
            outer = self.lists[-2] if len(self.lists) > 1 else None
            if outer is not None and outer.kind == state.kind == "bullets" and outer.block is not None:
                state.block = outer.block  # nested bullets join their parent list
            else:
                state.block = Block(state.kind, start=state.number)
                self.blocks.append(state.block)
        return state.block

    def table(self, rows: list[list[str]], caption: str) -> None:
        """A grid of rendered cells: a Markdown table, a list if it has one column."""
        if caption:
            self.boundary()
            self.text(caption)
        if self.single_line or self.lists:
            self.space = True
            self._put("; ".join(", ".join(c for c in row if c) for row in rows), escape=False)
            self.space = True
            return
        self._flush_paragraph()
        width = max(len(row) for row in rows)
        if width == 1:
            self.blocks.append(Block("bullets", [row[0] for row in rows if row[0]]))
            return
        lines = []
        for index, row in enumerate(rows):
            cells = row + [""] * (width - len(row))
            lines.append("|" + "|".join(f" {c} " if c else " " for c in cells) + "|")
            if index == 0:
                lines.append("|" + "|".join("---" for _ in cells) + "|")
        self.blocks.append(Block("paragraph", ["\n".join(lines)]))

    def finish(self) -> list[Block]:
        while self.lists:
            self.end_list()
        self._flush_paragraph()
        return [b for b in self.blocks if b.items]


def fragment_markdown(value: str, base: str | None = None) -> str:
    """An answer given as a string (JSON-LD, a microdata attribute, a data file's
    field) in the answer Markdown: HTML when it looks like HTML, converted as the
    answers of a page are; otherwise text whose blank lines separate paragraphs.
    The data-file reader uses it too, so that both readers keep the same lists,
    links and emphasis."""
    if not value or not value.strip():
        return ""
    if not TAG_LIKE_RE.search(value) and "&lt;" not in value:
        paragraphs = [_collapse(p) for p in re.split(r"\n\s*\n", value)]
        return render_blocks([Block("paragraph", [escape_text(p)]) for p in paragraphs if p])
    if "<" not in value:
        value = html_entities.unescape(value)  # HTML that was escaped once more
    fragment = BeautifulSoup(value, PARSER)
    return _Renderer(_Index(fragment), base).render(list((fragment.body or fragment).contents))


class _Renderer:
    """Turns HTML nodes into answer Markdown, one iterative walk per answer."""

    def __init__(self, index: _Index, base: str | None) -> None:
        self.index = index
        self.base = base

    def render(self, nodes: list) -> str:
        writer = _Writer()
        self._walk(nodes, writer)
        return render_blocks(writer.finish())

    def _walk(self, nodes: list, writer: _Writer) -> None:
        stack: list[tuple[object, bool]] = [(node, False) for node in reversed(nodes)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self._leave(node, writer)
            elif isinstance(node, Tag):
                if self._enter(node, writer):
                    stack.append((node, True))
                    stack.extend((child, False) for child in reversed(node.contents))
            elif _is_text(node):
                writer.text(str(node))

    def _enter(self, tag: Tag, writer: _Writer) -> bool:
        """Open ``tag``; True when its children are to be walked."""
        name = tag.name
        if name in SKIPPED_TAGS or _is_ui_only(tag):
            return False
        if name == "br":
            writer.line_break()
        elif name == "a":
            writer.link(_plain_text(tag.contents), self._url(tag.get("href")))
        elif name == "pre":
            self._preformatted(tag, writer)
        elif name == "table" and not self.index.has_layout_inside(tag):
            self._table(tag, writer)
        else:
            if name in ("ul", "ol", "menu"):
                writer.start_list("numbers" if name == "ol" else "bullets", _list_start(tag))
            elif name == "li":
                writer.start_item()
            elif name in STRONG_TAGS:
                writer.open_mark("**")
            elif name in EMPHASIS_TAGS:
                writer.open_mark("*")
            elif name in HEADINGS:
                writer.boundary()
                writer.open_mark("**")
            elif name in BLOCK_TAGS:
                writer.boundary()
            return True
        return False

    def _leave(self, tag: Tag, writer: _Writer) -> None:
        name = tag.name
        if name in ("ul", "ol", "menu"):
            writer.end_list()
        elif name == "li":
            writer.end_item()
        elif name in STRONG_TAGS:
            writer.close_mark("**")
        elif name in EMPHASIS_TAGS:
            writer.close_mark("*")
        elif name in HEADINGS:
            writer.close_mark("**")
            writer.boundary()
        elif name in BLOCK_TAGS:
            writer.boundary()

    def _url(self, href) -> str | None:
        """The link's address, absolute when the page's address is known; None for
        script links and empty ones (their text stays, as text)."""
        href = re.sub(r"[\x00-\x1f]+", "", str(href or "").strip())  # as browsers do: tabs and newlines go
        if not href or href == "#" or re.match(r"^(javascript|vbscript|data):", href, re.I):
            return None
        if self.base:
            href = _join(self.base, href) or href  # an address urllib cannot parse stays as written
        for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ("|", "%7C")):
            href = href.replace(char, code)
        return href

    def _preformatted(self, tag: Tag, writer: _Writer) -> None:
        writer.boundary()
        for line in _plain_text(tag.contents).split("\n"):
            if line.strip():
                writer.text(line)
                writer.line_break()
            else:
                writer.boundary()
        writer.boundary()

    def _table(self, table: Tag, writer: _Writer) -> None:
        rows = []
        for row in table.find_all("tr"):
            cells: list[str] = []
            for cell in row.find_all(["td", "th"], recursive=False):
                text = self._cell(cell)
                span = str(cell.get("colspan") or "1")
                cells.extend([text] + [""] * (min(int(span), 20) - 1 if span.isdigit() and int(span) > 1 else 0))
            if any(cells):
                rows.append(cells)
        caption = table.find("caption")
        if rows:
            writer.table(rows, _collapse(_plain_text([caption])) if caption is not None else "")

    def _cell(self, cell: Tag) -> str:
        writer = _Writer(single_line=True)
        self._walk(list(cell.contents), writer)
        return render_blocks(writer.finish()).replace("|", "\\|")


def _list_start(tag: Tag) -> int:
    start = str(tag.get("start") or "1").strip()
    return int(start) if tag.name == "ol" and start.isdigit() else 1


# --- visible and structured together ---------------------------------------------

def _merge(visible: list[_Draft], structured: list[_Draft], warnings: list[str]) -> list[_Draft]:
    """Each question once, in document order. A question only structured data gives
    goes after the one it follows there (before the first shared one if it leads,
    at the end if none is shared); its answer replaces a visible one only when longer."""
    kept: list[_Draft] = []
    by_key: dict[str, _Draft] = {}
    for draft in visible:
        key = question_key(draft.question)
        if not key:
            continue
        if key in by_key:
            _keep_longer(by_key[key], draft)
        else:
            by_key[key] = draft
            kept.append(draft)
    slot_of = {id(d): i for i, d in enumerate(kept)}
    before: dict[int, list[_Draft]] = {}
    after: dict[int, list[_Draft]] = {}
    pending: list[_Draft] = []  # structured-only questions ahead of any shared one
    slot = None
    for draft in structured:
        key = question_key(draft.question)
        if not key:
            continue
        known = by_key.get(key)
        if known is None:
            by_key[key] = draft
            (pending if slot is None else after.setdefault(slot, [])).append(draft)
        elif known.structured:
            _keep_longer(known, draft)
        else:
            _compare(known, draft, warnings)
            slot = slot_of[id(known)]
            if pending:
                before.setdefault(slot, []).extend(pending)
                pending = []
    result: list[_Draft] = []
    for index, draft in enumerate(kept):
        result.extend(before.get(index, []))
        result.append(draft)
        result.extend(after.get(index, []))
    return result + pending


def _keep_longer(kept: _Draft, other: _Draft) -> None:
    if other.size > kept.size:
        kept.answer = other.answer


def _compare(shown: _Draft, given: _Draft, warnings: list[str]) -> None:
    if given.size < shown.size:
        warnings.append(f"structured data abridges the answer to {shown.question!r}; kept the page's "
                        f"longer text")
    elif given.size > shown.size:
        warnings.append(f"the page shows a shorter answer to {shown.question!r} than its structured data; "
                        f"kept the structured text")
        shown.answer = given.answer
