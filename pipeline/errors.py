"""Errors that reach the user as a message, never as a traceback."""
from __future__ import annotations


class FaqError(Exception):
    """A problem the user can fix: it names the file, the line where it applies, and what to do."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(FaqError):
    """A source or corpus file that cannot be read as what it claims to be."""


class ConfigError(FaqError):
    """The configuration is invalid."""
