"""`faq init`: the files a new corpus repository needs, written only where nothing
exists yet."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from pipeline import __version__
from pipeline.files import write_atomic

CONFIG = """\
# faq configuration: see `faq --help` and `faq rules`.
language = "{language}"
extends = "recommended"      # or "strict": every warning is an error

[lint]
select = ["ALL"]
ignore = []
# per_path_ignores = {{ "clean/legacy-*.yaml" = ["FAQ2"] }}

# [rules.short-answer]
# min_words = 4

# [terms]
# email = ["e-mail"]
"""

WORKFLOW = """\
name: faq
on:
  pull_request:
    paths: ["raw/**", "clean/**", "faq.toml"]
  push:
    branches: [main]
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      # Install the same faq version as the one that wrote this file.
      - run: pip install "faq-pipeline=={version}"
      # Annotations on the pull request's lines (github format is the default under Actions).
      - run: faq lint --format github
      - run: faq ingest --check
"""

PRE_COMMIT = """\
# Runs the installed `faq` on staged collections (pip install faq-pipeline).
repos:
  - repo: local
    hooks:
      - id: faq-lint
        name: faq lint
        entry: faq lint
        language: system
        files: ^clean/.*\\.ya?ml$
        require_serial: true
      - id: faq-ingest-check
        name: faq ingest --check
        entry: faq ingest --check
        language: system
        files: ^(raw|clean)/
        pass_filenames: false
"""


@dataclass
class InitReport:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def init(root: Path, language: str = "en") -> InitReport:
    report = InitReport()
    schemas = files("pipeline") / "schema"
    planned: dict[str, str | bytes] = {
        "faq.toml": CONFIG.format(language=language),
        "raw/.gitkeep": "",
        "clean/.gitkeep": "",
        "schema/collection.schema.json": (schemas / "collection.schema.json").read_bytes(),
        "schema/removed.schema.json": (schemas / "removed.schema.json").read_bytes(),
        ".github/workflows/faq.yml": WORKFLOW.format(version=__version__),
        ".pre-commit-config.yaml": PRE_COMMIT,
        # What runs leave behind that is not corpus: exports, the lint cache, and the
        # lock file of a run that was killed.
        ".gitignore": "dist/\n.faq-cache/\n.faq.lock\n",
    }
    for name, content in planned.items():
        target = root / name
        if target.exists():
            report.kept.append(name)
            continue
        write_atomic(target, content)
        report.created.append(name)
    return report
