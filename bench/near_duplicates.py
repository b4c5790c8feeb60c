"""Time and memory of the near-duplicate-question rule (FAQ304) on synthetic corpora.

    python bench/near_duplicates.py                 # N = 10,000 and 100,000
    python bench/near_duplicates.py 1000000         # any sizes
    python bench/near_duplicates.py --trace 100000  # also the rule's own allocations

Each size runs in a fresh process so that its peak resident memory is its own. The
questions are made from templates and a vocabulary of made-up words drawn with
Zipf's law (a few words are very common, most are rare), whose size grows with the
corpus as real vocabularies do (Heaps' law). 2% of the questions are planted
near-duplicates of an earlier question: the auxiliary changed ("How do I" / "How can
I"), the question word kept, sometimes one content word added. The entries are
split into collections of 1,000, as `faq lint` sees them, so that the run also shows
that the rule's index is built once, not once per collection.

The issue's targets: 100,000 questions in at most 15 s and 500 MB; 1,000,000 in at
most 3 minutes; ten times the questions at most eleven times the time.
"""
from __future__ import annotations

import argparse
import bisect
import itertools
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.model import Collection, Entry, Provenance  # noqa: E402
from pipeline.rules.base import Context  # noqa: E402
from pipeline.rules.near_duplicate_question import NearDuplicateQuestion  # noqa: E402

SEED = 20240601
COLLECTION_SIZE = 1000
PLANTED_SHARE = 0.02
TEMPLATES = [
    ("How {aux} I {0} my {1}?", 2), ("How {aux} I {0} the {1} {2}?", 3),
    ("What {aux} the {0} {1} do for a {2}?", 3), ("Why {aux} my {0} {1} the {2}?", 3),
    ("When {aux} I {0} a {1} {2} {3}?", 4), ("Where {aux} I find {0} {1} near {2}?", 3),
    ("Who {aux} {0} the {1} {2} after {3}?", 4), ("Which {0} {1} {aux} I {2} for {3} {4}?", 5),
]
AUXILIARIES = ["do", "can", "should", "could"]
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def questions(n: int, seed: int = SEED) -> tuple[list[str], list[int]]:
    """``n`` questions and the positions of the planted near-duplicates."""
    rng = random.Random(seed)
    words = vocabulary(max(2000, int(25 * n ** 0.6)), rng)
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
    total = weights[-1]

    def word() -> str:
        return words[bisect.bisect_left(weights, rng.random() * total)]

    made: list[tuple[int, str, list[str]]] = []
    result: list[str] = []
    planted: list[int] = []
    for position in range(n):
        if made and rng.random() < PLANTED_SHARE:
            template, aux, fill = made[rng.randrange(len(made))]
            aux = rng.choice([a for a in AUXILIARIES if a != aux])
            if len(fill) >= 4 and rng.random() < 0.5:
                fill = [*fill[:-1], fill[-1] + " " + word()]  # one more content word
            planted.append(position)
        else:
            template = rng.randrange(len(TEMPLATES))
            aux = rng.choice(AUXILIARIES)
            fill = [word() for _ in range(TEMPLATES[template][1])]
            made.append((template, aux, fill))
        result.append(TEMPLATES[template][0].format(*fill, aux=aux))
    return result, planted


def corpus(texts: list[str]) -> list[Collection]:
    collections = []
    for start in range(0, len(texts), COLLECTION_SIZE):
        name = f"c{start // COLLECTION_SIZE:05d}"
        entries = [Entry(q, "An answer.", Provenance("bench"), id=f"{name}-{i}")
                   for i, q in enumerate(texts[start:start + COLLECTION_SIZE])]
        collections.append(Collection(name, name, "en", None, entries))
    return collections


def run(collections: list[Collection]) -> list:
    rule = NearDuplicateQuestion()
    findings = []
    for collection in collections:
        others = [c for c in collections if c is not collection]
        findings.extend(rule.check_collection(collection, Context(collection, others,
                                                                  dict(rule.options))))
    return findings


def measure(n: int, trace: bool) -> None:
    texts, planted = questions(n)
    collections = corpus(texts)
    started = time.perf_counter()
    findings = run(collections)
    elapsed = time.perf_counter() - started
    flagged = {id(f.entry) for f in findings}
    entries = [e for c in collections for e in c.entries]
    found = sum(1 for p in planted if id(entries[p]) in flagged)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    line = (f"N={n:>9,}  collections={len(collections):>5}  time={elapsed:7.2f} s  "
            f"peak RSS={peak_rss:7.1f} MB  findings={len(findings):>7,}  "
            f"planted found={found:,}/{len(planted):,}")
    if trace:
        tracemalloc.start()
        run(collections)
        line += f"  rule peak allocations={tracemalloc.get_traced_memory()[1] / 2**20:.1f} MB"
        tracemalloc.stop()
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--trace", action="store_true",
                        help="also measure the rule's peak Python allocations (slower)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        for n in args.sizes:
            measure(n, args.trace)
        return
    for n in args.sizes:  # a fresh process per size, so that peak RSS is that size's
        subprocess.run([sys.executable, __file__, "--one", *(["--trace"] if args.trace else []),
                        str(n)], check=True)


if __name__ == "__main__":
    main()
