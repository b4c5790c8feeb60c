"""Checks made on a corpus file as a whole, before any content rule runs. They live
in the catalogue like every rule; `pipeline.corpus` and `pipeline.schema` report them."""
from __future__ import annotations

from pipeline.model import Severity
from pipeline.rules.base import Rule


class UnreadableFile(Rule):
    """A corpus file that cannot be read as YAML (or JSON).

    What it finds: syntax errors, invalid UTF-8, duplicate keys in one mapping,
    tags that would construct program objects, and aliases that expand without bound.

    Why it matters: nothing else can be checked in a file that does not parse, and
    duplicate keys silently lose one of the values.

    Example:
        failing: "question: Can I hug you?\\nquestion: May I hug you?"
        passing: "question: Can I hug you?"
    """

    code = "FAQ001"
    name = "unreadable-file"
    severity = Severity.ERROR


class SchemaViolation(Rule):
    """A collection file that does not match the collection schema.

    What it finds: missing or unknown keys, values of the wrong type, ids that are
    not slugs, empty questions or answers: anything `schema/collection.schema.json`
    rejects. The message points at the line of the offending key.

    Why it matters: every tool that reads the corpus (exporters, editors, other
    teams' scripts) relies on that shape.

    Example:
        failing: "- id: Can I hug?\\n  questoin: ..."
        passing: "- id: can-i-hug\\n  question: ..."
    """

    code = "FAQ002"
    name = "schema-violation"
    severity = Severity.ERROR


class DuplicateId(Rule):
    """Two entries of the corpus with the same id.

    What it finds: an entry id used before, in the same collection or in another.

    Why it matters: ids are the entries' permanent addresses (links, anchors,
    baselines, exports); two entries with one id overwrite each other downstream.

    Example:
        failing: two entries with "id: can-i-hug-my-therapist"
        passing: "id: can-i-hug-my-therapist" and "id: can-i-hug-my-therapist-2"
    """

    code = "FAQ003"
    name = "duplicate-id"
    severity = Severity.ERROR


class UnusedSuppression(Rule):
    """A suppression that no longer suppresses anything.

    What it finds: a `suppress:` field or a `# faq: ignore[...]` comment naming a
    rule that reports nothing for that entry (or file), and names that match no rule.

    Why it matters: a stale suppression hides the next real problem of that kind
    without anyone deciding it should. Removing it keeps silences deliberate.

    Example:
        failing: "suppress: [truncated-answer]" on an entry that is complete
        passing: no suppression, or one that silences a problem still present
    """

    code = "FAQ004"
    name = "unused-suppression"
    severity = Severity.WARNING
