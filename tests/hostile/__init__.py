"""Hostile inputs, generated: files that have broken or could break a reader, a
writer or the YAML loader. ``write_sources`` and ``write_corpus_files`` write
them into a directory at test time (the big ones sparse or in a few large
writes, so that a 200 MB file costs a second, not a commit); the tests in
tests/test_hostile.py run every command over them.

Each generator returns the file's name; the suffix picks the reader (raw/) or
makes it a corpus file (clean/). Nothing here names a topic or a language: the
inputs are hostile by their shape, not their words.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

BIG_BYTES = 200 * 1024 * 1024
LONG_LINES = 100_000
DEEP = 10_000


def _text_pair() -> str:
    return "Is this a question?\n\nThis is its answer, in one sentence.\n"


def _billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    lines.append("name: laughs\ntitle: Laughs\nlanguage: en\nsource: null\nentries: *a9")
    return "\n".join(lines) + "\n"


def _collection(answer: str, question: str = "Is this a question?") -> str:
    body = "\n".join("      " + line for line in answer.split("\n"))
    return ("name: {name}\ntitle: Hostile\nlanguage: en\nsource: null\nentries:\n"
            f"  - id: hostile-entry\n    question: {json.dumps(question)}\n    answer: |-\n{body}\n"
            "    provenance:\n      source: manual\n")


# name stem -> bytes; the same bytes are tried under every suffix that reads them.
def _contents() -> dict[str, bytes]:
    laughs = _billion_laughs()
    return {
        "invalid-utf8": b"Is this a question?\n\nIts answer \xff\xfe\xc3 breaks UTF-8.\n",
        "utf16-no-bom": _text_pair().encode("utf-16-le"),
        "binary": bytes(range(256)) * 64,
        "empty": b"",
        "only-whitespace": b" \n\t\n\r\n",
        "long-answer": ("Is this a question?\n\n" + "A line of the answer.\n" * LONG_LINES).encode(),
        "long-line": ("Is this a question?\n\n" + "word " * 500_000 + "\n").encode(),
        "billion-laughs": laughs.encode(),
        "python-tag": (b"name: !!python/object/apply:os.system [\"echo hostile > hostile-ran\"]\n"
                       b"title: x\nentries: []\n"),
        "duplicate-keys": b"name: a\nname: b\ntitle: t\nlanguage: en\nsource: null\nentries: []\n",
        "deep-yaml": ("x: " + "[" * DEEP + "]" * DEEP + "\n").encode(),
        "deep-json": ("[" * DEEP + "]" * DEEP).encode(),
        "deep-mapping": ("".join(" " * i + f"k{i}:\n" for i in range(0, 2000)) + " " * 2000 + "v\n").encode(),
        "json-nan": b'[{"question": "Is this a question?", "answer": NaN}, {"q": Infinity}]',
        "deep-html": ("<html><body>" + "<div>" * DEEP + "<h2>Is this a question?</h2><p>Yes.</p>"
                      + "</div>" * DEEP + "</body></html>").encode(),
        "unclosed-html": ("<h2>Is this a question?</h2>" + "<p><b><i><span>" * 5000).encode(),
        "deep-markdown": ("## Is this a question?\n\n" + "> " * DEEP + "answer\n" + "- " * DEEP + "x\n").encode(),
        "huge-csv-field": ("question,answer\nIs this a question?,\"" + "x" * 300_000 + "\"\n").encode(),
        "nul-in-text": b"Is this a question?\n\nIts answer\x00has a NUL.\n",
        "control-chars": ("Is this a question?\n\n" + "\x01\x02\x03\x1b" * 200 + "\n").encode(),
        "bom-only": b"\xef\xbb\xbf",
        "lone-surrogate-json": b'[{"question": "Is it?", "answer": "\\ud800 broken"}]',
        "huge-int-yaml": ("name: " + "9" * 100_000 + "\n").encode(),
        # 1,500 nested list levels: indentation runs that made a whitespace regex quadratic
        "deep-list": ("## Is this a question?\n\n" + "".join("  " * i + "- item  \n" for i in range(1500))).encode(),
        "deep-json-900": ('{"children": [' * 450 + '{"question": "Is it?", "answer": "Yes."}' + "]}" * 450).encode(),
    }


SOURCE_SUFFIXES = {
    "invalid-utf8": [".txt", ".md", ".html", ".yaml", ".json", ".csv"],
    "utf16-no-bom": [".txt", ".md", ".yaml", ".csv"],
    "binary": [".txt", ".html", ".json", ".yaml"],
    "empty": [".txt", ".md", ".html", ".json", ".yaml", ".csv"],
    "only-whitespace": [".txt", ".json"],
    "long-answer": [".txt", ".md"],
    "long-line": [".txt"],
    "billion-laughs": [".yaml"],
    "python-tag": [".yaml"],
    "duplicate-keys": [".yaml"],
    "deep-yaml": [".yaml"],
    "deep-json": [".json"],
    "deep-mapping": [".yaml"],
    "json-nan": [".json"],
    "deep-html": [".html"],
    "unclosed-html": [".html"],
    "deep-markdown": [".md"],
    "huge-csv-field": [".csv"],
    "nul-in-text": [".txt"],
    "control-chars": [".txt"],
    "bom-only": [".txt", ".json"],
    "lone-surrogate-json": [".json"],
    "huge-int-yaml": [".yaml"],
    "deep-list": [".md", ".txt"],
    "deep-json-900": [".json"],
}

CORPUS_STEMS = ["invalid-utf8", "utf16-no-bom", "binary", "empty", "billion-laughs", "python-tag",
                "duplicate-keys", "deep-yaml", "deep-json", "deep-mapping", "nul-in-text", "bom-only",
                "huge-int-yaml"]


def big_file(path: Path, size: int = BIG_BYTES) -> Path:
    """A file of ``size`` bytes that costs no time to make: text at the start, the
    rest a hole (sparse)."""
    with open(path, "wb") as stream:
        stream.write(_text_pair().encode())
        stream.truncate(size)
    return path


def write_sources(directory: Path) -> list[Path]:
    """Every hostile source under every suffix that reads it, plus a 200 MB file,
    a symlink loop, a dangling link, a directory with a source's name and a FIFO."""
    directory.mkdir(parents=True, exist_ok=True)
    made = []
    contents = _contents()
    for stem, suffixes in SOURCE_SUFFIXES.items():
        for suffix in suffixes:
            path = directory / f"{stem}-{suffix[1:]}{suffix}"
            path.write_bytes(contents[stem])
            made.append(path)
    made.append(big_file(directory / "big-200mb.txt"))
    made.append(big_file(directory / "big-200mb.html"))
    made.extend(_special_files(directory, ".txt"))
    return made


def write_corpus_files(directory: Path) -> list[Path]:
    """Hostile collection files for clean/: broken bytes and YAML, a 200 MB file, a
    collection with a 100,000-line answer, and the special files."""
    directory.mkdir(parents=True, exist_ok=True)
    contents = _contents()
    made = []
    for stem in CORPUS_STEMS:
        path = directory / f"{stem}.yaml"
        path.write_bytes(contents[stem])
        made.append(path)
    long_answer = "\n".join(f"Line {n} of a very long answer." for n in range(LONG_LINES))
    (directory / "long-answer.yaml").write_text(_collection(long_answer).replace("{name}", "long-answer"))
    made.append(directory / "long-answer.yaml")
    made.append(big_file(directory / "big-200mb.yaml"))
    made.extend(_special_files(directory, ".yaml"))
    return made


def _special_files(directory: Path, suffix: str) -> list[Path]:
    loop_a, loop_b = directory / f"loop-a{suffix}", directory / f"loop-b{suffix}"
    os.symlink(loop_b.name, loop_a)
    os.symlink(loop_a.name, loop_b)
    dangling = directory / f"dangling{suffix}"
    os.symlink("no-such-target", dangling)
    folder = directory / f"a-directory{suffix}"
    folder.mkdir()
    fifo = directory / f"fifo{suffix}"
    os.mkfifo(fifo)
    return [loop_a, loop_b, dangling, folder, fifo]
