"""Questions as the page shows them: microdata, ``<details>``, ``<dl>`` lists,
accordions, headings and loose bold questions."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from bs4 import Tag

from pipeline.language import ends_like_question
from pipeline.rules.furniture_residue import is_furniture_line
from pipeline.sources.html.markdown import fragment_markdown
from pipeline.sources.html.page import _Page
from pipeline.sources.html.structured import _Draft
from pipeline.sources.html.tree import (_Spans, _any_between, _collapse, _holds_something, _itemtypes,
                                        _only_child)
from pipeline.sources.html.vocabulary import (ANSWER_PART_TOKENS, FAQ_CONTEXT_RE, HEADINGS, QA_CONTEXT_RE,
                                              QUESTION_HEADINGS, QUESTION_PART_TOKENS, SECTION_BOUNDS,
                                              STRONG_TAGS, TOKEN_SPLIT_RE)


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
