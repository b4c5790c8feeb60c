"""Coverage-guided fuzzing of the HTML reader with atheris.

    python fuzz/fuzz_html.py fuzz/seeds/html -runs=2000      # a short run (CI)
    python fuzz/fuzz_html.py fuzz/seeds/html -max_total_time=3600 -jobs=2   # a long one

See fuzz/README.md."""
import sys

import atheris

with atheris.instrument_imports():
    import targets  # noqa: E402
    import pipeline.sources.html  # noqa: F401


def test_one_input(data: bytes) -> None:
    targets.read_as(data, targets.HTML_SUFFIXES)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
