"""Where the corpus is and how to treat it: the corpus root and its configuration,
read from `faq.toml` or the `[tool.faq]` table of `pyproject.toml`."""
from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError
from pipeline.model import Severity

TOP_KEYS = {"language", "raw", "clean", "dist", "lint", "rules", "ingest", "extends", "custom", "terms"}
PRESETS = ("recommended", "strict")
INGEST_KEYS = {"markers", "fields", "qa_answers", "timeout", "max_bytes"}
LINT_KEYS = {"select", "ignore", "per_path_ignores"}
RULE_KEYS = {"severity"}


@dataclass
class Config:
    root: Path
    file: Path | None = None
    language: str = "en"
    raw: str = "raw"
    clean: str = "clean"
    dist: str = "dist"
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    ingest: dict[str, Any] = field(default_factory=dict)
    extends: str = "recommended"
    # glob (relative to the root) -> rule codes, names or prefixes not reported there
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    custom_rules: list = field(default_factory=list)  # rule classes made from [custom] and [terms]

    def read_options(self, language: str | None = None):
        """What the readers are told: language, markers and field names from [ingest]."""
        from pipeline.sources import ReadOptions

        return ReadOptions(language=language or self.language,
                           markers=dict(self.ingest.get("markers", {})),
                           fields=dict(self.ingest.get("fields", {})),
                           qa_answers=self.ingest.get("qa_answers", "accepted"))

    @property
    def raw_dir(self) -> Path:
        return self.root / self.raw

    @property
    def clean_dir(self) -> Path:
        return self.root / self.clean

    @property
    def dist_dir(self) -> Path:
        return self.root / self.dist

    def schema_ref(self, kind: str) -> str:
        """The `$schema` modeline target of a file in clean/: the corpus's own
        schema/<kind>.schema.json, relative to clean/ so that editors resolve it."""
        target = self.root / "schema" / f"{kind}.schema.json"
        return Path(os.path.relpath(target, self.clean_dir)).as_posix()

    def relative(self, path: Path) -> str:
        """A path as reports show it: relative to the corpus root when inside it."""
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop: named as it is
            resolved = path.absolute()
        if not resolved.exists() and os.path.lexists(path):  # a dangling link: by its own name
            resolved = path.parent.resolve() / path.name
        try:
            return resolved.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def find_root(start: Path) -> tuple[Path, Path | None]:
    """The nearest directory upward holding faq.toml or a pyproject.toml with [tool.faq]."""
    start = start.resolve()
    for directory in (start, *start.parents):
        if (directory / "faq.toml").is_file():
            return directory, directory / "faq.toml"
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "faq" in _load_toml(pyproject).get("tool", {}):
                    return directory, pyproject
            except ConfigError:
                pass
    return start, None


def load_config(root: Path | None = None, cwd: Path | None = None) -> Config:
    if root is not None:
        root = Path(root)
        if not root.is_dir():
            raise ConfigError("corpus root is not a directory", str(root))
        found = [p for p in (root / "faq.toml", root / "pyproject.toml") if p.is_file()]
        file = next((p for p in found if p.name == "faq.toml"), None)
        if file is None and found and "faq" in _load_toml(found[0]).get("tool", {}):
            file = found[0]
    else:
        root, file = find_root(cwd or Path.cwd())
    config = Config(root=root.resolve(), file=file)
    if file is not None:
        table = _load_toml(file)
        if file.name == "pyproject.toml":
            table = table.get("tool", {}).get("faq", {})
        _apply(config, table, str(file))
    return config


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read configuration: {exc}", str(path)) from None


def _unknown(keys: set[str], allowed: set[str], where: str, path: str) -> None:
    for key in sorted(keys - allowed):
        close = difflib.get_close_matches(key, sorted(allowed), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(sorted(allowed))}"
        raise ConfigError(f"unknown key '{key}' in {where}", path, hint=hint)


def _apply(config: Config, table: dict[str, Any], path: str) -> None:
    from pipeline.rules import find_rule

    _unknown(set(table), TOP_KEYS, "[tool.faq]" if path.endswith("pyproject.toml") else "faq.toml", path)
    if "extends" in table:
        if table["extends"] not in PRESETS:
            raise ConfigError(f"extends must be one of {', '.join(PRESETS)}, not {table['extends']!r}", path)
        config.extends = table["extends"]
    from pipeline.rules.custom import pattern_rule, terms_rule

    custom = table.get("custom", {})
    if not isinstance(custom, dict) or not all(isinstance(v, dict) for v in custom.values()):
        raise ConfigError("[custom] must hold one table per rule, like [custom.my-rule]", path)
    config.custom_rules = [pattern_rule(name, spec, path) for name, spec in sorted(custom.items())]
    if table.get("terms"):
        if not isinstance(table["terms"], dict):
            raise ConfigError("[terms] must map each preferred term to its variants", path)
        config.custom_rules.append(terms_rule(table["terms"], path))
    custom_names = {rule.name for rule in config.custom_rules} | {rule.code.lower() for rule in config.custom_rules}
    for key in ("language", "raw", "clean", "dist"):
        if key in table:
            if not isinstance(table[key], str) or not table[key]:
                raise ConfigError(f"'{key}' must be a non-empty string", path)
            setattr(config, key, table[key])
    ingest = table.get("ingest", {})
    _unknown(set(ingest), INGEST_KEYS, "[ingest]", path)
    for key in ("markers", "fields"):
        value = ingest.get(key, {})
        if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()):
            raise ConfigError(f"ingest.{key} must map names to lists of strings", path)
        _unknown(set(value), {"question", "answer", "category"}, f"[ingest.{key}]", path)
    if ingest.get("qa_answers", "accepted") not in ("accepted", "all"):
        raise ConfigError("ingest.qa_answers must be 'accepted' or 'all'", path)
    if "timeout" in ingest or "max_bytes" in ingest:
        from pipeline.fetch import check_timeout, parse_size

        for key, check in (("timeout", check_timeout), ("max_bytes", parse_size)):
            if key in ingest:
                try:
                    check(ingest[key])
                except ValueError as exc:
                    raise ConfigError(f"ingest.{key} {exc}", path) from None
    config.ingest = ingest
    lint = table.get("lint", {})
    _unknown(set(lint), LINT_KEYS, "[lint]", path)
    for key in ("select", "ignore"):
        if key in lint:
            values = lint[key]
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ConfigError(f"lint.{key} must be a list of rule codes or names", path)
            for value in values:
                _check_rule_token(value, custom_names, path)
            setattr(config, key, values)
    ignores = lint.get("per_path_ignores", {})
    if not isinstance(ignores, dict) or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in ignores.values()):
        raise ConfigError("lint.per_path_ignores must map path globs to lists of rules", path)
    for values in ignores.values():
        for value in values:
            _check_rule_token(value, custom_names, path)
    config.per_path_ignores = ignores
    for key, options in table.get("rules", {}).items():
        try:
            rule = find_rule(key)
        except ConfigError as exc:
            raise ConfigError(exc.message + " in [rules]", path, hint=exc.hint) from None
        if not isinstance(options, dict):
            raise ConfigError(f"rules.{key} must be a table", path)
        _unknown(set(options), RULE_KEYS | set(rule.options), f"[rules.{key}]", path)
        if "severity" in options:
            try:
                Severity.parse(str(options["severity"]))
            except ValueError as exc:
                raise ConfigError(str(exc), path) from None
        for name, default in rule.options.items():
            if name in options and not isinstance(options[name], type(default)) and not (
                    isinstance(default, float) and isinstance(options[name], int)):
                raise ConfigError(f"rules.{key}.{name} must be a {type(default).__name__}", path)
        config.rules[rule.code] = options


def _check_rule_token(value: str, custom_names: set[str], path: str) -> None:
    from pipeline.rules import find_rule

    if value.upper() == "ALL" or _prefix_matches(value) or value.lower() in custom_names:
        return
    try:
        find_rule(value)
    except ConfigError as exc:
        raise ConfigError(exc.message, path, hint=exc.hint) from None


def _prefix_matches(value: str) -> bool:
    from pipeline.rules import ALL_RULES

    return any(rule.code.lower().startswith(value.lower()) for rule in ALL_RULES) and len(value) >= 4
