"""Which entries changed since a git revision, for `faq lint --changed-since REF`."""
from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from pipeline import corpus as corpus_files
from pipeline.config import Config
from pipeline.errors import FaqError


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60)
    except FileNotFoundError:
        raise FaqError("git is not installed, so --changed-since cannot be used") from None


def changed_entries(config: Config, paths: list[Path], ref: str) -> dict[str, set[str] | None]:
    """Display path -> ids of entries that differ from ``ref`` (None: the whole file is new
    or could not be compared)."""
    top = _git(config.root, "rev-parse", "--show-toplevel")
    if top.returncode:
        raise FaqError("--changed-since needs a git repository", str(config.root))
    toplevel = Path(top.stdout.decode().strip())
    if _git(config.root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode:
        raise FaqError(f"unknown git revision '{ref}'", hint="give a branch, tag or commit")
    result: dict[str, set[str] | None] = {}
    for path in corpus_files.corpus_files(paths or [config.clean_dir]):
        display = config.relative(path)
        relative = path.resolve().relative_to(toplevel.resolve()).as_posix()
        old = _git(config.root, "show", f"{ref}:{relative}")
        if old.returncode:
            result[display] = None  # new since REF
            continue
        try:
            before = _entries(old.stdout, path)
            now = _entries(path.read_bytes(), path)
        except (FaqError, yaml.YAMLError, UnicodeDecodeError, OSError, TypeError, AttributeError):
            result[display] = None
            continue
        changed = {entry_id for entry_id, entry in now.items() if before.get(entry_id) != entry}
        if changed or old.stdout != path.read_bytes():
            result[display] = changed
    return result


def _entries(raw: bytes, path: Path) -> dict[str, object]:
    """The entries of a corpus file (YAML or JSON Lines) by id."""
    data = corpus_files.parse_document(raw, path, str(path)).data
    entries = data.get("entries") or [] if isinstance(data, dict) else []
    return {str(e.get("id")): e for e in entries if isinstance(e, dict)}
