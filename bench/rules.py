"""Time and memory of corpus-wide rules on a generated corpus, in one process.

    python bench/rules.py --rule near-duplicate-question --entries 100k
    python bench/rules.py --rule FAQ301 --entries 1M --json
    python bench/rules.py --rule off-topic --entries 10k --collections 10
    python bench/rules.py --rule FAQ304 --entries 1M --repeat 3

The corpus comes from bench/generate.py (same seed, same planted problems) and is
built in memory, not read from files, so that the time is the rule's alone. The
rule runs as `faq lint` runs it: one instance, called once per collection with
the other collections as its corpus. Printed: the time, entries per second, the
peak resident memory of the process and how much of it came after the corpus
was built (what the rule itself added), the findings, and the planted problems
of that rule's kind, for comparison. With --repeat, the rule runs that many
times on the same corpus, each time a new instance with faq's caches emptied,
and the median time is printed. Run one size per process (bench/run.py does) so
that the peak is that size's.
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import Plan, corpus, size  # noqa: E402

from pipeline.rules import Context, find_rule  # noqa: E402

# Which planted problem each rule should find.
PLANTED = {"FAQ301": "exact_duplicates", "FAQ304": "near_duplicates", "FAQ305": "duplicate_answers",
           "FAQ302": "off_topic", "FAQ203": "truncations"}


def resident_mb() -> float:
    """The process's resident memory now (Linux), or its peak elsewhere."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * resource.getpagesize() / 2**20
    except OSError:
        return peak_mb()


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def measure(rule_key: str, entries: int, collections: int, seed: int, repeat: int = 1) -> dict:
    rule_class = find_rule(rule_key)
    plan = Plan()
    built = list(corpus(entries, collections, seed, plan))
    before = resident_mb()
    options = dict(rule_class.options)
    times = []
    for _ in range(repeat):
        _cold()
        rule = rule_class()  # a new instance: nothing of the last run is kept
        findings = 0
        started = time.perf_counter()
        for item in built:
            others = [c for c in built if c is not item]
            findings += sum(1 for _ in rule.check_collection(item, Context(item, others, options)))
        times.append(time.perf_counter() - started)
        del rule
    seconds = statistics.median(times)
    peak = peak_mb()
    return {"rule": rule_class.name, "code": rule_class.code, "entries": entries,
            "collections": len(built), "seconds": round(seconds, 4), "runs": repeat,
            "entries_per_s": round(entries / seconds) if seconds else None,
            "peak_rss_mb": round(peak, 1), "corpus_rss_mb": round(before, 1),
            "rule_rss_mb": round(max(0.0, peak - before), 1), "findings": findings,
            "planted": plan.planted.get(PLANTED.get(rule_class.code, ""), None)}


def _cold() -> None:
    """Each run starts as the first does: faq's in-process caches (the words and
    stems of texts seen) emptied, and the last run's garbage collected."""
    for name, module in list(sys.modules.items()):
        if name == "pipeline" or name.startswith("pipeline."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    gc.collect()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n")[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rule", required=True, help="a rule code or name")
    parser.add_argument("--entries", type=size, default=10_000)
    parser.add_argument("--collections", type=int, default=None,
                        help="collections (default: one per 1,000 entries)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs on the same corpus, each with the rule's caches cold; the median is printed")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        result = measure(args.rule, args.entries, args.collections or max(1, args.entries // 1000),
                         args.seed, max(1, args.repeat))
    except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not trace back
        print(f"rules: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result))
    else:
        runs = f"median of {result['runs']} runs; " if result["runs"] > 1 else ""
        print(f"{result['code']} {result['rule']}: {result['entries']:,} entries in "
              f"{result['collections']:,} collections, {result['seconds']:.2f} s "
              f"({runs}{result['entries_per_s'] or 0:,}/s), peak RSS {result['peak_rss_mb']:.0f} MB "
              f"(+{result['rule_rss_mb']:.0f} MB after the corpus), {result['findings']:,} findings, "
              f"{result['planted'] if result['planted'] is not None else 'n/a'} planted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
