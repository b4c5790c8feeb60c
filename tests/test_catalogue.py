"""The README's rule catalogue is generated from the rules' docstrings and kept in step."""
from __future__ import annotations

from conftest import REPO
from pipeline import catalogue


def test_readme_catalogue_is_up_to_date():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(catalogue.START)
    end = readme.index(catalogue.END) + len(catalogue.END)
    assert readme[start:end] == catalogue.markdown(), (
        "README rule catalogue is stale: regenerate it from `faq rules --format markdown`")


def test_markdown_format_prints_the_catalogue(faq):
    result = faq("rules", "--format", "markdown")
    assert result.returncode == 0
    assert result.stdout.strip() == catalogue.markdown()
