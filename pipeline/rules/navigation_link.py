from __future__ import annotations

from typing import Iterator

from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule


class NavigationLink(Rule):
    """A question that was only a link in the page's navigation.

    What it finds: questions the reader found after a navigation marker such as
    "Previous question", "Next question" or "Related questions", with no answer of
    their own: links to other pages, not questions this page answers. The reader
    sees this in the page's layout, so the rule acts while a source is ingested;
    in a stored collection such entries already show as missing answers.

    Why it matters: kept, they become empty or off-topic entries.

    Example:
        failing: "Previous question / Can humans bite through bone? / Next question"
        passing: the questions of the page itself, each with its answer

    Cleaning removes such entries and records them beside the collection.
    """

    code = "FAQ303"
    name = "navigation-link"
    severity = Severity.ERROR
    removes = True

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        if "navigation" in entry.signals:
            yield Finding(entry, "a link in the page's navigation, not a question this page answers",
                          field="question", remove=True)
