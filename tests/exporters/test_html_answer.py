"""Markdown answers to sanitized HTML, read back by an HTML parser: the structure
of the block model, only allowed tags and attributes, every text run escaped."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Comment
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.exporters.html_answer import ALLOWED_TAGS, answer_html, safe_url


def soup(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(answer_html(markdown), "html.parser")


def test_blocks_become_paragraphs_and_lists():
    parsed = soup("Intro line\nsecond line\n\n- one\n- two\n\n3. three\n4. four")
    assert [tag.name for tag in parsed.contents] == ["p", "ul", "ol"]
    assert parsed.p.get_text("|") == "Intro line|second line" and parsed.p.br
    assert [li.get_text() for li in parsed.ul.find_all("li")] == ["one", "two"]
    assert parsed.ol["start"] == "3" and [li.get_text() for li in parsed.ol.find_all("li")] == ["three", "four"]


@pytest.mark.parametrize("hostile", [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>alert(1)</script>",
    "<!-- hidden --> and <![CDATA[ x ]]>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe srcdoc='<script>x</script>'>",
])
def test_raw_html_is_text(hostile):
    parsed = soup(f"Before {hostile} after")
    assert [tag.name for tag in parsed.find_all(True)] == ["p"]
    assert parsed.get_text() == f"Before {hostile} after"
    assert not parsed.find_all(string=lambda s: isinstance(s, Comment))


def test_inline_markup_and_links():
    parsed = soup("**Bold** and *em* and _em_ with snake_case and [site](https://example.com/a_(b)) "
                  "and [js](javascript:alert(1)) and [rel](/x) and <https://example.org> and "
                  "[mail](mailto:a@example.com) and `<b>code</b>` and \\*literal\\*")
    assert [tag.name for tag in parsed.p.find_all(True)] == ["strong", "em", "em", "a", "a", "a"]
    assert [a["href"] for a in parsed.find_all("a")] == ["https://example.com/a_(b)", "https://example.org",
                                                         "mailto:a@example.com"]
    text = parsed.get_text()
    assert "snake_case" in text and "js and rel" in text and "<b>code</b>" in text and "*literal*" in text


@pytest.mark.parametrize("url,kept", [
    ("https://example.com", True), ("HTTP://EXAMPLE.COM", True), ("mailto:a@b.c", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("java\tscript:x", False),
    ("data:text/html,x", False), ("vbscript:x", False), ("/relative", False), ("//host/x", False),
    ("file:///etc/passwd", False), ("", False),
])
def test_only_web_and_mail_links_are_followed(url, kept):
    assert (safe_url(url) is not None) is kept


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300) |
       st.lists(st.sampled_from(["<", ">", "&", "*", "_", "`", "[", "]", "(", ")", "\\", "\n", "- ", "1. ",
                                 "javascript:", "https://x.y", "<script>", "\"", "'", " ", "a", "onerror="]),
                max_size=60).map("".join))
def test_any_text_gives_only_allowed_tags_and_safe_attributes(markdown):
    parsed = soup(markdown)
    for tag in parsed.find_all(True):
        assert tag.name in ALLOWED_TAGS
        assert set(tag.attrs) <= ({"href"} if tag.name == "a" else {"start"} if tag.name == "ol" else set())
        if tag.name == "a":
            assert safe_url(tag["href"]) is not None
    assert not parsed.find_all(string=lambda s: isinstance(s, Comment))
    assert answer_html(markdown) == answer_html(markdown)  # deterministic
