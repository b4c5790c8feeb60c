"""Shared test helpers: a throw-away corpus root and the real `faq` CLI run as a
subprocess, as a user runs it."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = REPO / "raw" / "therapist-people-also-ask.txt"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_faq(*args: str | os.PathLike, cwd: Path | None = None, env: dict | None = None,
            input: str | None = None, timeout: float = 120) -> Result:
    """Run `python -m pipeline ARGS` in ``cwd`` and capture what it prints."""
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "CI")}
    environment.update(env or {})
    completed = subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd,
                               env=environment, input=input, capture_output=True, text=True,
                               timeout=timeout)
    return Result(completed.returncode, completed.stdout, completed.stderr)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """An empty corpus root: faq.toml, raw/ and clean/."""
    root = tmp_path / "corpus"
    (root / "raw").mkdir(parents=True)
    (root / "clean").mkdir()
    (root / "faq.toml").write_text('language = "en"\n', encoding="utf-8")
    return root


@pytest.fixture
def faq():
    return run_faq
