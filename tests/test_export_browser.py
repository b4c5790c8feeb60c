"""The HTML export in a real browser (Debian's chromium, driven by playwright): the
page loads, shows every question, opens an answer on a click, never runs injected
script, and its JSON-LD parses in the browser too.

Without chromium the tests are skipped, unless FAQ_REQUIRE_BROWSER=1 (set by
.ci/run), where they fail instead."""
from __future__ import annotations

import json
import os
import shutil

import pytest
import yaml

from conftest import FIXTURES, run_faq

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
HOSTILE = FIXTURES / "export" / "clean" / "hostile.yaml"


def _unavailable(reason: str):
    if os.environ.get("FAQ_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (FAQ_REQUIRE_BROWSER=1), but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    if not os.path.exists(CHROMIUM):
        _unavailable(f"chromium is not installed at {CHROMIUM}")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # a browser that cannot start: say why
            _unavailable(f"chromium does not start: {exc}")
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    (root / "clean").mkdir()
    (root / "faq.toml").write_text('language = "en"\n', encoding="utf-8")
    shutil.copy(HOSTILE, root / "clean" / HOSTILE.name)
    result = run_faq("export", "--format", "html", "--format", "jsonld", cwd=root)
    assert result.returncode == 0, result.output
    return root / "dist"


@pytest.fixture
def page(browser, exported):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    context.set_default_timeout(10_000)
    opened = context.new_page()
    errors = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    requests = []
    opened.on("request", lambda request: requests.append(request.url))
    opened.goto((exported / "hostile.html").as_uri())
    yield opened, errors, requests
    context.close()


def test_every_question_shows_and_an_answer_opens_on_click(page):
    opened, errors, requests = page
    entries = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))["entries"]
    summaries = opened.locator("main details > summary")
    assert summaries.count() == len(entries)
    for index, entry in enumerate(entries):
        assert summaries.nth(index).is_visible()
        assert summaries.nth(index).inner_text().strip() == entry["question"]
    answer = opened.locator("details#which-links-are-kept .answer")
    assert not answer.is_visible()
    opened.locator("details#which-links-are-kept > summary").click()
    assert answer.is_visible()
    assert "Web and mail links" in answer.inner_text()
    assert opened.locator("details#can-an-answer-run-a-script .answer").is_hidden()  # others stay closed
    assert requests == [opened.url]  # nothing but the page itself is loaded
    # Readable on a phone: nothing wider than the screen, text at a readable size.
    assert opened.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert opened.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    assert errors == []


def test_injected_script_never_runs_and_shows_as_text(page):
    opened, errors, _ = page
    opened.locator("details#can-an-answer-run-a-script > summary").click()
    opened.locator("details#which-links-are-kept > summary").click()
    for link in opened.locator("details#which-links-are-kept .answer a").all():
        assert link.get_attribute("href").split(":")[0] in ("http", "https", "mailto")
    assert opened.locator("a", has_text="click").count() == 0  # the javascript: link is only its text
    answer = opened.locator("details#can-an-answer-run-a-script .answer").inner_text()
    assert "<script>window.__pwned=1</script>" in answer
    assert '<img src=x onerror="window.__pwned=1">' in answer
    assert opened.locator("img").count() == 0
    assert opened.locator("script").count() == 1
    assert opened.evaluate("typeof window.__pwned") == "undefined"
    assert errors == []


def test_json_ld_parses_in_the_browser(page, exported):
    opened, _, _ = page
    parsed = opened.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert parsed == json.loads((exported / "hostile.jsonld").read_text(encoding="utf-8"))
    assert parsed["@type"] == "FAQPage"
    names = [question["name"] for question in parsed["mainEntity"]]
    assert names == [entry["question"] for entry in yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))["entries"]]
    assert "</script>" in parsed["mainEntity"][0]["acceptedAnswer"]["text"].replace("&lt;", "<").replace("&gt;", ">")


def test_a_right_to_left_page_reads_from_the_right(browser, tmp_path):
    (tmp_path / "clean").mkdir()
    (tmp_path / "faq.toml").write_text('language = "ar"\n', encoding="utf-8")
    (tmp_path / "clean" / "arabic.yaml").write_text(
        "name: arabic\ntitle: الأسئلة الشائعة\nlanguage: ar\nentries:\n"
        "  - id: q1\n    question: هل يمكنني أن أعانق معالجي؟\n    answer: نعم، إذا سألت أولاً.\n", encoding="utf-8")
    assert run_faq("export", "--format", "html", cwd=tmp_path).returncode == 0
    context = browser.new_context(viewport={"width": 390, "height": 844})
    opened = context.new_page()
    opened.goto((tmp_path / "dist" / "arabic.html").as_uri())
    opened.locator("details#q1 > summary").click()
    assert opened.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # the answer is indented on the side a reader starts from: the right
    padding = opened.evaluate(
        "(s => [s.paddingRight, s.paddingLeft])(getComputedStyle(document.querySelector('.answer')))")
    assert padding == ["20px", "0px"]
    summary, body = (opened.locator(selector).bounding_box() for selector in ("details#q1 h2", "body"))
    assert summary["x"] + summary["width"] > body["x"] + body["width"] - 40  # the question starts at the right
    context.close()
