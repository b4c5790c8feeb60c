"""Ways to print lint problems; one function a format, side by side."""
from __future__ import annotations

import json
from typing import Callable

from pipeline.lint import LintResult
from pipeline.model import Problem, Severity


def text(result: LintResult, color: bool = False) -> str:
    lines = []
    for problem in result.problems:
        severity = str(problem.severity)
        if color:
            import click

            severity = click.style(severity, fg={"error": "red", "warning": "yellow"}.get(severity, "blue"),
                                   bold=True)
        fix = " [*]" if problem.fixable else ""
        lines.append(f"{problem.path}:{problem.line}:{problem.column}: {severity} {problem.code} "
                     f"{problem.message} ({problem.name}){fix}")
    return "\n".join(lines)


def summary(result: LintResult) -> str:
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    infos = result.count(Severity.INFO)
    files = f"{result.files} file{'s' if result.files != 1 else ''}"
    if not result.problems:
        return f"No problems in {files}."
    parts = [f"{errors} error{'s' if errors != 1 else ''}", f"{warnings} warning{'s' if warnings != 1 else ''}"]
    if infos:
        parts.append(f"{infos} info")
    fixable = sum(1 for p in result.problems if p.fixable)
    tail = f" ({fixable} fixable with `faq lint --fix`)" if fixable else ""
    return f"{', '.join(parts)} in {files}.{tail}"


def as_json(result: LintResult, color: bool = False) -> str:
    return json.dumps([_problem_data(p) for p in result.problems], indent=2, ensure_ascii=False)


def _problem_data(problem: Problem) -> dict:
    return {"path": problem.path, "line": problem.line, "column": problem.column,
            "severity": str(problem.severity), "code": problem.code, "name": problem.name,
            "message": problem.message, "entry": problem.entry_id, "fixable": problem.fixable}


def github(result: LintResult, color: bool = False) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on the line."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for problem in result.problems:
        message = _escape(f"{problem.message} ({problem.name})")
        lines.append(f"::{level[problem.severity]} file={_escape_property(problem.path)},line={problem.line},"
                     f"col={problem.column},title={problem.code}::{message}")
    return "\n".join(lines)


def _escape(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape(value).replace(":", "%3A").replace(",", "%2C")


FORMATS: dict[str, Callable[[LintResult, bool], str]] = {"text": text, "json": as_json, "github": github}
