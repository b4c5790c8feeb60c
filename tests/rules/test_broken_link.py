"""FAQ217 broken-link: Markdown links that go nowhere a reader can follow."""
from __future__ import annotations

import pytest

from pipeline.model import Severity
from pipeline.rules.broken_link import BrokenLink

from rules.support import check, entry, position, write_collection, yaml_collection


def test_link_to_hash():
    item = entry(answer="See [our fees](#) for details.")
    [finding] = check(BrokenLink, item)
    assert finding.message == ("the link points at '#', the top of whatever page shows it: "
                               "'[our fees](#)'")
    assert (finding.field, finding.offset, finding.fix) == ("answer", 4, None)
    assert BrokenLink.severity is Severity.ERROR


@pytest.mark.parametrize("answer, message", [
    ("[the form]()", "the link has no address"),
    ("[the form](javascript:void(0))", "the link runs a script instead of opening a page"),
    ("[pricing](#pricing)", "the link points at '#pricing', a place on the page it was copied from"),
    ("[the file](file:///C:/forms/intake.pdf)",
     "the link uses the 'file:' scheme, which readers cannot open"),
    ("[archive](ftp://example.com/a)", "the link uses the 'ftp:' scheme, which readers cannot open"),
    ("[home](https://)", "the link's web address has no host"),
    ("[](https://example.com)", "the link has no text, so readers cannot see or follow it"),
    ("[the guide] (https://example.com/guide)",
     "a space between the link text and its address: Markdown shows both as text"),
    ("[the guide]\n(https://example.com/guide)",
     "a space between the link text and its address: Markdown shows both as text"),
])
def test_broken_links(answer, message):
    [finding] = check(BrokenLink, entry(answer=f"Read {answer} first."))
    assert finding.message.startswith(message + ": ")
    assert finding.offset == len("Read ")


@pytest.mark.parametrize("answer", [
    "See [our fees](https://example.com/fees), [write](mailto:help@example.com) or "
    "[call](tel:+441234567890).",
    "See [contact](/contact) or [the form](forms/intake.html).",  # relative addresses
    "![](https://example.com/hug.png)",  # an image without alt text is not a link
    "As the survey [1] (2019) shows, most clients ask first.",  # brackets, not a link
    "Use `[text](#)` to link to the top.",  # in code
    "[Wikipedia](https://en.wikipedia.org/wiki/Hug_(gesture))",
])
def test_near_misses(answer):
    assert check(BrokenLink, entry(answer=answer)) == []


def test_each_broken_link_is_reported():
    findings = check(BrokenLink, entry(answer="[a](#) and [b]() and [c](https://example.com)"))
    assert [f.offset for f in findings] == [0, 11]


def test_lint_fails_on_a_broken_link(corpus, faq):
    text = yaml_collection("fees", [
        ("How much does a session cost?", "A session costs $120; see [our fees](#) for the rest.")])
    write_collection(corpus, "fees", text)
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    line, column = position(text, "[our fees]")
    assert (f"clean/fees.yaml:{line}:{column}: error FAQ217 the link points at '#', the top of whatever "
            "page shows it: '[our fees](#)' (broken-link)") in result.stdout.splitlines()
