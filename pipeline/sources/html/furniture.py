"""Page furniture removed before questions are looked for: navigation, banners,
sidebars, share buttons, related-question lists, tables of contents, calls to
action."""
from __future__ import annotations

from bs4 import NavigableString, Tag

from pipeline.rules.furniture_residue import is_furniture_line, is_navigation_marker
from pipeline.sources import Dropped
from pipeline.sources.html.page import _Page
from pipeline.sources.html.tree import _Spans, _any_between, _collapse, _itemtypes, _only_child
from pipeline.sources.html.vocabulary import (BLOCK_TAGS, CONTENT_TOKENS, CTA_EXACT, CTA_QUESTION_RE,
                                              FURNITURE_NAMES, FURNITURE_RANK, FURNITURE_TOKENS, HEADINGS,
                                              INVISIBLE_TAGS, NAVIGATION_PREFIX_RE, ROLE_FURNITURE,
                                              SECTIONING)


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
