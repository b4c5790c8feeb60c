"""The Markdown export read by a CommonMark parser (markdown-it-py): the headings
it finds, the anchors GitHub gives them, the table of contents' links resolving to
those anchors, and the answers' paragraphs and lists intact."""
from __future__ import annotations

import shutil
import unicodedata
from urllib.parse import unquote

import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import FIXTURES, SEED

HOSTILE = FIXTURES / "export" / "clean"


def github_anchor(text: str, seen: dict[str, int]) -> str:
    """github-slugger: lower case; drop everything but letters, marks, numbers,
    connector punctuation, hyphens and spaces; spaces become hyphens; a repeated
    slug gets -1, -2, ... Written here from its specification, to check the
    exporter's anchors against the text the parser saw."""
    base = "".join(c for c in text.lower()
                   if c in " -" or unicodedata.category(c)[0] in "LMN" or unicodedata.category(c) == "Pc")
    base = base.replace(" ", "-")
    slug = base
    while slug in seen:
        seen[base] += 1
        slug = f"{base}-{seen[base]}"
    seen[slug] = 0
    return slug


def _inline_text(token) -> str:
    return "".join(child.content for child in token.children if child.type in ("text", "code_inline"))


def parse(text: str):
    """Headings (level, text, anchor) in order, TOC link targets, and the tokens."""
    tokens = MarkdownIt("commonmark").parse(text)
    seen: dict[str, int] = {}
    headings = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            content = _inline_text(tokens[index + 1])
            headings.append((int(token.tag[1]), content, github_anchor(content, seen)))
    links = []
    for token in tokens:
        if token.type == "inline":
            for child in token.children:
                if child.type == "link_open" and child.attrs["href"].startswith("#"):
                    links.append(unquote(child.attrs["href"][1:]))
    return headings, links, tokens


def _corpus(corpus, faq, *names):
    for name in names:
        shutil.copy(HOSTILE / f"{name}.yaml", corpus / "clean" / f"{name}.yaml")


def _questions(name):
    data = yaml.safe_load((HOSTILE / f"{name}.yaml").read_text(encoding="utf-8"))
    return data, [entry["question"] for entry in data["entries"]]


def test_one_page_for_the_corpus_has_working_anchors(corpus, faq):
    _corpus(corpus, faq, "hostile", "fragen")
    assert faq("export", "--format", "markdown", cwd=corpus).returncode == 0
    headings, links, _ = parse((corpus / "dist" / "faq.md").read_text(encoding="utf-8"))
    hostile, hostile_questions = _questions("hostile")
    fragen, fragen_questions = _questions("fragen")
    assert [(level, text) for level, text, _ in headings] == [
        (1, "FAQ"), (2, "Contents"),
        (2, fragen["title"]), *[(3, q) for q in fragen_questions],
        (2, hostile["title"]), *[(3, q) for q in hostile_questions]]
    anchors = [anchor for _, _, anchor in headings]
    assert len(set(anchors)) == len(anchors)
    assert links == anchors[2:]  # every collection and question, in order, each to its heading
    duplicated = [anchor for _, text, anchor in headings if text == hostile_questions[2]]
    assert len(duplicated) == 2 and duplicated[1] == duplicated[0] + "-1"
    assert "häufige-fragen" in anchors and "wie-ändere-ich-mein-passwort" in anchors


@pytest.mark.parametrize("name", ["hostile", "fragen"])
def test_split_pages_have_title_contents_and_question_headings(corpus, faq, name):
    _corpus(corpus, faq, "hostile", "fragen")
    assert faq("export", "--format", "markdown", "--split", cwd=corpus).returncode == 0
    headings, links, _ = parse((corpus / "dist" / f"{name}.md").read_text(encoding="utf-8"))
    data, questions = _questions(name)
    contents = {"en": "Contents", "de": "Inhalt"}[data["language"]]
    assert [(level, text) for level, text, _ in headings] == [
        (1, data["title"]), (2, contents), *[(2, q) for q in questions]]
    assert links == [anchor for _, _, anchor in headings[2:]]


def test_answers_keep_their_paragraphs_and_lists_and_raw_html_stays_text(corpus, faq):
    _corpus(corpus, faq, "hostile")
    assert faq("export", "--format", "markdown", cwd=corpus).returncode == 0
    text = (corpus / "dist" / "faq.md").read_text(encoding="utf-8")
    _, _, tokens = parse(text)
    ordered = [t for t in tokens if t.type == "ordered_list_open"]
    assert len(ordered) == 1 and ordered[0].attrGet("start") is None  # starts at 1
    items = []
    inside = None
    for token in tokens:
        if token.type in ("ordered_list_open", "bullet_list_open") and token.level == 0:
            inside = token.type
        elif token.type in ("ordered_list_close", "bullet_list_close") and token.level == 0:
            inside = None
        elif token.type == "inline" and inside == "ordered_list_open":
            items.append(token.content)
    assert items == ['Open the file, then "save as".', 'Pick CSV; keep commas, and "quotes".', "Done."]
    html = MarkdownIt("commonmark").render(text)
    assert "<script>" not in html and "<img" not in html and "<!-- a comment" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    html_tokens = [t for t in tokens if t.type == "html_block"]
    assert len(html_tokens) == 1 and html_tokens[0].content.startswith("<!-- Generated by faq")
    assert '<a href="https://example.com/help?a=1&amp;b=2">our site</a>' in html


def test_the_seed_corpus_page(corpus, faq):
    shutil.copy(SEED, corpus / "raw" / "seed.txt")
    assert faq("ingest", cwd=corpus).returncode == 0
    assert faq("export", "--format", "markdown", cwd=corpus).returncode == 0
    headings, links, tokens = parse((corpus / "dist" / "faq.md").read_text(encoding="utf-8"))
    questions = [text for level, text, _ in headings if level == 2][1:]
    collection = yaml.safe_load((corpus / "clean" / "seed.yaml").read_text(encoding="utf-8"))
    assert questions == [entry["question"] for entry in collection["entries"]]
    assert links == [anchor for _, _, anchor in headings[2:]]
    bullets = sum(1 for t in tokens if t.type == "list_item_open")
    stored = sum(1 for entry in collection["entries"] for line in entry["answer"].split("\n")
                 if line.startswith(("- ", "1. ", "2. ", "3. ", "4. ", "5. ", "6. ", "7. ", "8. ", "9. ")))
    assert bullets == stored + len(questions)  # the answers' items, and one per contents line
