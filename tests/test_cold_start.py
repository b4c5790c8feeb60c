"""A cold `faq` imports only what the command needs: `faq --version` no library at
all, `faq lint` of a valid corpus neither the HTML readers, the exporters, the
network, the reference schema validator nor snowballstemmer's every language; and
the compiled stemmer it uses instead stems as the pure-Python one does. How fast it
is is measured in bench/, never here."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

# Never needed to lint a valid corpus. `inspect` is not here: click imports it.
HEAVY = ("bs4", "lxml", "jsonschema", "urllib.request", "http", "pipeline.sources",
         "pipeline.exporters", "pipeline.fetch", "pipeline.ingest", "numpy", "requests",
         "snowballstemmer", "xml", "pipeline.baseline")
# Not even imported to print the version.
NOT_FOR_VERSION = HEAVY + ("yaml", "jsonschema_rs", "email", "tomllib", "pipeline.rules",
                           "pipeline.lint", "pipeline.lint_files", "pipeline.lint_corpus", "pipeline.schema",
                           "pipeline.language")

PROBE = """\
import runpy, sys
before = set(sys.modules)  # what the interpreter's site hooks loaded is not ours
sys.argv = ['faq', *ARGS]
try:
    runpy.run_module('pipeline', run_name='__main__')
except SystemExit:
    pass
print('LOADED', sorted(set(sys.modules) - before))
"""


def loaded_by(args: list[str], cwd: Path) -> set[str]:
    """The modules that running `faq ARGS` in ``cwd`` loaded, in a fresh interpreter."""
    result = subprocess.run([sys.executable, "-c", PROBE.replace("ARGS", repr(args))], cwd=cwd,
                            capture_output=True, text=True, timeout=120)
    lines = [line for line in result.stdout.splitlines() if line.startswith("LOADED ")]
    assert lines, result.stdout[-2000:] + result.stderr[-2000:]
    return set(ast.literal_eval(lines[-1][len("LOADED "):]))


def heavy(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m in names or m.startswith(tuple(n + "." for n in names)))


def test_version_imports_no_library():
    modules = loaded_by(["--version"], REPO)
    assert "pipeline.cli" in modules  # the probe ran faq
    assert heavy(modules, NOT_FOR_VERSION) == []


@pytest.mark.parametrize("cached", [False, True])
def test_lint_of_the_shipped_corpus_imports_nothing_heavy(cached: bool, tmp_path: Path):
    options = ["--cache-dir", str(tmp_path)] if cached else ["--no-cache"]
    if cached:
        loaded_by(["lint", "-q", *options], REPO)  # fills the cache
    modules = loaded_by(["lint", "-q", *options], REPO)
    assert "pipeline.lint" in modules  # it linted
    assert ("jsonschema_rs" in modules) is not cached  # a cached file is not validated again
    assert heavy(modules, HEAVY) == []
    assert ("Stemmer" in modules) is not cached  # the compiled stemmer; none when all is cached


def test_the_probe_sees_the_reference_validator_load_for_an_invalid_file(corpus: Path):
    """The guard above can fail: a schema error needs jsonschema's explanation."""
    (corpus / "clean" / "shop.yaml").write_text(
        "name: shop\nentries:\n  - id: a\n    question: Where is it?\n    answr: Here.\n",
        encoding="utf-8")
    modules = loaded_by(["lint", "--no-cache"], corpus)
    assert "jsonschema" in modules


WORDS = ["running", "generously", "nationalities", "häuser", "nationalités", "говорить",
         "ابتسامة", "κάνοντας", "terapeutas", "kysymyksiä", "értékelés", "ağaçlar", "x", "",
         "Running", "don't", "naïve", "straße"]


def _pure_python(name: str):
    """snowballstemmer's own pure-Python class for an algorithm (its `stemmer()`
    hands out PyStemmer's when that is installed)."""
    import importlib

    module = importlib.import_module(f"snowballstemmer.{name}_stemmer")
    return getattr(module, name.title().replace("_", "") + "Stemmer")()


def test_each_language_stems_as_the_pure_python_snowball_does():
    from pipeline.language import _SNOWBALL_NAMES, _stemmer

    for code, name in _SNOWBALL_NAMES.items():
        mine, reference = _stemmer(code), _pure_python(name)
        assert type(mine).__module__ == "Stemmer", code  # the compiled one is installed
        assert [mine.stemWord(w) for w in WORDS] == [reference.stemWord(w) for w in WORDS], code
    assert _stemmer("xx") is None and _stemmer("ja-JP") is None  # no stemmer: words stay as they are


def test_without_pystemmer_the_pure_python_stemmer_stands_in(monkeypatch: pytest.MonkeyPatch):
    from pipeline import language

    monkeypatch.setitem(sys.modules, "Stemmer", None)  # `import Stemmer` now fails
    monkeypatch.setitem(sys.modules, "snowballstemmer", None)
    monkeypatch.delitem(sys.modules, "snowballstemmer")  # re-imported, now without PyStemmer
    language._stemmer.cache_clear()
    try:
        stemmer = language._stemmer("fr")
        assert type(stemmer).__module__ == "snowballstemmer.french_stemmer"
        assert stemmer.stemWord("nationalités") == _pure_python("french").stemWord("nationalités")
    finally:
        language._stemmer.cache_clear()
