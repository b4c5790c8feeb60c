"""Coverage-guided fuzzing of the plain-text, Q/A and Markdown readers with atheris.

    python fuzz/fuzz_text.py fuzz/seeds/text -runs=2000      # a short run (CI)
    python fuzz/fuzz_text.py fuzz/seeds/text -max_total_time=3600 -jobs=2   # a long one

See fuzz/README.md."""
import sys

import atheris

with atheris.instrument_imports():
    import targets  # noqa: E402  (instrumented: the readers under pipeline/sources)
    import pipeline.sources.text, pipeline.sources.plaintext, pipeline.sources.qa_text  # noqa: E401,F401
    import pipeline.sources.markdown_page  # noqa: F401


def test_one_input(data: bytes) -> None:
    targets.read_as(data, targets.TEXT_SUFFIXES)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
