"""The benchmark: `faq` and its peers side by side on the same files, on this machine.

    python bench/run.py                   # default sizes 10k,100k
    python bench/run.py --quick           # 1k and 10k, one run each: a minute or two
    python bench/run.py --full            # also the 1M rows (about 20 more minutes)
    python bench/run.py --sizes 10k,100k --markdown > table.md

Every row is a fresh process: cold start included, peak resident memory its own
(measured with /usr/bin/time when present, else with getrusage of the children,
which is then an upper bound). Rows:

- cold `faq --version`, and `check-jsonschema --version`;
- cold `faq lint` on the shipped corpus against `check-jsonschema --schemafile
  schema/collection.schema.json` on the same collection files;
- for each size, a generated corpus (bench/generate.py) as YAML and as JSONL:
  `faq lint` (schema and every rule; by default in one process per CPU for that
  much work) against check-jsonschema on the same files with the same schema (for
  JSONL, which check-jsonschema does not read, on the same collections as JSON
  documents), and `faq lint --jobs 1`, one process, beside them;
- the corpus-wide rules alone at each size, in one process each (bench/rules.py):
  exact duplicates (FAQ301), near duplicates (FAQ304), duplicate answers (FAQ305)
  and off-topic (FAQ302), with the scaling slope from the smallest to the largest
  size and from the second largest to the largest (time ratio per tenfold
  entries; the target is at most 11x);
- incremental `faq lint` after one answer of one file changed, then after one
  question changed (what near duplicates compare), on the largest JSONL corpus
  (with --full, also on 1M entries), when `faq lint` keeps a cache (n/a
  otherwise).

The ratio column is faq's wall time over check-jsonschema's on the same case
(below 1 is faster). Both tools are run as the executables they are: a pyenv shim
found on PATH (a bash script adding ~50 ms to every start) is resolved, for both
alike, with `pyenv which NAME` or else to NAME beside this interpreter, and the
notes above the table say so. They run without PYTHONDONTWRITEBYTECODE, after one
untimed `faq lint`, so that faq's modules are timed compiled, as installed ones
are. Times are the median of --repeat runs (default 3; 1 for the corpus rows,
which are long). The rule rows are the median of 3 runs in one process on one
corpus (bench/rules.py --repeat), each with faq's caches emptied.
"""
from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import size as parse_size  # noqa: E402

RULE_ROWS = [("FAQ301", "exact duplicates"), ("FAQ304", "near duplicates"),
             ("FAQ305", "duplicate answers"), ("FAQ302", "off-topic")]
TIME = "/usr/bin/time"


@dataclass
class Run:
    seconds: float
    peak_mb: float | None
    returncode: int
    stderr: str


@dataclass
class Row:
    case: str
    tool: str
    seconds: float | None = None
    entries: int | None = None
    peak_mb: float | None = None
    ratio: float | None = None
    note: str = ""

    @property
    def rate(self) -> float | None:
        return self.entries / self.seconds if self.entries and self.seconds else None


def tool_environment() -> dict[str, str]:
    """The environment the timed tools run in: the caller's, less
    PYTHONDONTWRITEBYTECODE, under which an editable checkout's modules would be
    compiled again at every start (~45 ms that an installed tool, whose files pip
    compiled, never pays; check-jsonschema's are compiled)."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: list[str], cwd: Path) -> Run:
    """Run ``command`` once; its wall time and peak resident memory."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = [TIME, "-v", "-o", report.name, *command] if os.path.exists(TIME) else command
        started = time.perf_counter()
        completed = subprocess.run(wrapped, cwd=cwd, stdout=subprocess.DEVNULL, env=tool_environment(),
                                   stderr=subprocess.PIPE, text=True, errors="replace")
        seconds = time.perf_counter() - started
        peak = None
        if wrapped is not command:
            match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read())
            peak = int(match.group(1)) / 1024 if match else None
        else:
            import resource

            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Run(seconds, peak, completed.returncode, completed.stderr)


def measure(command: list[str], cwd: Path, repeat: int, ok=(0, 1),
            before=None) -> tuple[float | None, float | None, str]:
    """Median wall time and largest peak memory of ``repeat`` runs, or a note on why
    the command failed."""
    times, peaks = [], []
    for _ in range(repeat):
        if before is not None:
            before()
        result = run_once(command, cwd)
        if result.returncode not in ok:
            lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
            return None, None, f"failed (exit {result.returncode}): {lines[-1][:100] if lines else ''}"
        times.append(result.seconds)
        peaks.append(result.peak_mb or 0.0)
    return statistics.median(times), max(peaks) or None, ""


def is_shim(path: str) -> bool:
    """Whether ``path`` is a version manager's shim (pyenv's are bash scripts that
    run `pyenv exec`): ~50 ms of bash and pyenv before the tool itself starts."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    first = head.split(b"\n", 1)[0]
    return first.startswith(b"#!") and b"python" not in first and b"pyenv" in head


def executable(name: str) -> tuple[str | None, str]:
    """The executable ``name`` runs, and a note when a shim was stepped over: the
    real one that `pyenv which` names, or else the one beside this interpreter."""
    found = shutil.which(name)
    if found is None or not is_shim(found):
        return found, ""
    real = None
    if shutil.which("pyenv"):
        answer = subprocess.run(["pyenv", "which", name], capture_output=True, text=True)
        real = answer.stdout.strip() if answer.returncode == 0 else None
    if not real or not os.access(real, os.X_OK):
        beside = Path(sys.executable).parent / name
        real = str(beside) if os.access(beside, os.X_OK) else None
    if real is None:
        return found, f"{name}: timed through the shim {found}"
    return real, f"{name}: the shim {found} resolved to {real}"


def faq_command() -> list[str]:
    found, _ = executable("faq")
    return [found] if found else [sys.executable, "-m", "pipeline"]


def peer_command() -> list[str] | None:
    found, _ = executable("check-jsonschema")
    return [found] if found else None


def lint_options(faq: list[str]) -> list[str]:
    """`--no-cache` when `faq lint` has a cache: every lint row but the incremental
    one measures the full work."""
    help_text = subprocess.run([*faq, "lint", "--help"], capture_output=True, text=True).stdout
    return ["--no-cache"] if "--no-cache" in help_text else []


def count_entries(clean: Path) -> int:
    total = 0
    for path in sorted(clean.iterdir()):
        if ".removed." in path.name:
            continue
        if path.suffix == ".jsonl":
            with open(path, encoding="utf-8") as handle:
                total += sum(1 for _ in handle) - 1
        elif path.suffix == ".yaml":
            import yaml

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            total += len(yaml.load(path.read_text(encoding="utf-8"), Loader=loader).get("entries") or [])
    return total


def corpus_root(workdir: Path, entries: int, form: str, seed: int) -> Path:
    """A generated corpus, made once per size, format and seed and reused."""
    root = workdir / f"corpus-{entries}-{form}-{seed}"
    plan = root / "bench-plan.json"
    if plan.is_file():
        recorded = json.loads(plan.read_text(encoding="utf-8"))
        if recorded.get("entries") == entries and recorded.get("format") == form:
            return root
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--entries", str(entries),
                    "--format", form, "--seed", str(seed), "--out", str(root), "--quiet"], check=True)
    return root


def json_documents(jsonl_root: Path) -> Path:
    """The JSONL corpus's collections as whole JSON documents, for check-jsonschema."""
    target = jsonl_root / "as-json"
    if target.is_dir() and any(target.iterdir()):
        return target
    target.mkdir(exist_ok=True)
    for path in sorted((jsonl_root / "clean").glob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            document = json.loads(handle.readline())
            document["entries"] = [json.loads(line) for line in handle if line.strip()]
        (target / f"{path.stem}.json").write_text(json.dumps(document, ensure_ascii=False),
                                                  encoding="utf-8")
    return target


def collection_files(root: Path, suffix: str) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in (root / "clean").glob(f"*{suffix}")
                  if ".removed." not in p.name)


def compare(rows: list[Row], case: str, faq_cmd: list[str], peer_cmd: list[str] | None, cwd: Path,
            entries: int, repeat: int, note: str = "", peer_cwd: Path | None = None,
            before=None) -> None:
    """One case: faq's row and the peer's, with the ratio of their times."""
    seconds, peak, failed = measure(faq_cmd, cwd, repeat, before=before)
    mine = Row(case, "faq", seconds, entries, peak, note=failed or note)
    rows.append(mine)
    if peer_cmd is None:
        rows.append(Row(case, "check-jsonschema", note="not installed (pip install check-jsonschema)"))
        return
    seconds, peak, failed = measure(peer_cmd, peer_cwd or cwd, repeat)
    peer = Row(case, "check-jsonschema", seconds, entries, peak, note=failed)
    rows.append(peer)
    if mine.seconds and peer.seconds:
        mine.ratio = mine.seconds / peer.seconds


def shipped_corpus(workdir: Path) -> Path:
    """A copy of the repository's corpus (clean/, schema/), so that nothing the
    benchmark runs writes into the checkout."""
    root = workdir / "shipped"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "clean", root / "clean")
    shutil.copytree(REPO / "schema", root / "schema")
    (root / "faq.toml").write_text('language = "en"\n', encoding="utf-8")
    return root


# Each rule row is the median of this many runs on one corpus: a single run of a
# few seconds varies by 10-30% on a small machine, enough to swing a slope.
RULE_RUNS = 3


def rule_row(rows: list[Row], code: str, label: str, entries: int, seed: int) -> Row:
    completed = subprocess.run([sys.executable, str(HERE / "rules.py"), "--rule", code, "--entries",
                                str(entries), "--seed", str(seed), "--repeat", str(RULE_RUNS), "--json"],
                               capture_output=True, text=True)
    case = f"{label} ({code}), {entries:,}"
    if completed.returncode != 0:
        row = Row(case, "faq rule", note=f"failed: {completed.stderr.strip()[-100:]}")
    else:
        data = json.loads(completed.stdout)
        row = Row(case, "faq rule", data["seconds"], entries, data["peak_rss_mb"],
                  note=f"{data['findings']:,} findings, {data['planted']:,} planted; "
                       f"+{data['rule_rss_mb']:.0f} MB over the corpus")
    rows.append(row)
    return row


def slope_note(timed: list[Row]) -> str:
    """Time ratio per tenfold entries between the smallest and the largest size, and
    between the two largest when there are three or more (a small size's time is
    short, and its noise weighs on the first slope)."""
    timed = [row for row in timed if row.seconds]
    if len(timed) < 2:
        return ""
    notes = [_slope(timed[0], timed[-1])]
    if len(timed) > 2:
        notes.append(_slope(timed[-2], timed[-1]))
    return "; ".join(note for note in notes if note)


def _slope(small: Row, large: Row) -> str:
    decades = math.log10(large.entries / small.entries)
    if decades <= 0:
        return ""
    per_decade = (large.seconds / small.seconds) ** (1 / decades)
    exponent = math.log(large.seconds / small.seconds) / math.log(large.entries / small.entries)
    return (f"{small.entries:,} -> {large.entries:,}: x{large.seconds / small.seconds:.1f} time for "
            f"x{large.entries / small.entries:.0f} entries = x{per_decade:.1f} per tenfold "
            f"(exponent {exponent:.2f})")


def touch_one_file(root: Path, field: str = "answer") -> None:
    """Change one answer (or question) of one collection file, as an editor would."""
    path = sorted((root / "clean").glob("*.jsonl"))[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    entry = json.loads(lines[1])
    entry[field] = entry[field] + " Edited." if field == "answer" else entry[field].rstrip("?") + " today?"
    lines[1] = json.dumps(entry, ensure_ascii=False)
    path.write_text("\n".join(lines), encoding="utf-8")


def incremental(rows: list[Row], faq: list[str], cached: bool, root: Path, entries: int) -> None:
    """The re-lint row; ``cached``: whether `faq lint` keeps a cache at all."""
    case = f"re-lint after one answer changed, {entries:,} JSONL"
    if not cached:
        rows.append(Row(case, "faq", note="n/a: faq lint keeps no cache yet"))
        return
    shutil.rmtree(root / ".faq-cache", ignore_errors=True)
    first = run_once([*faq, "lint"], root)
    if first.returncode not in (0, 1):
        rows.append(Row(case, "faq", note=f"n/a: faq lint failed (exit {first.returncode})"))
        return
    touch_one_file(root)
    second = run_once([*faq, "lint"], root)
    rows.append(Row(case, "faq", second.seconds, None, second.peak_mb,
                    note=f"the first, cache-filling run took {first.seconds:.2f} s"))
    touch_one_file(root, "question")  # what near duplicates compare
    third = run_once([*faq, "lint"], root)
    rows.append(Row(f"re-lint after one question changed, {entries:,} JSONL", "faq", third.seconds, None,
                    third.peak_mb, note="after the answer's re-lint"))


def benchmark(sizes: list[int], rule_sizes: list[int], repeat: int, workdir: Path, seed: int,
              log) -> list[Row]:
    rows: list[Row] = []
    faq, peer = faq_command(), peer_command()
    options = lint_options(faq)

    log("cold start")
    shipped = shipped_corpus(workdir)
    run_once([*faq, "lint", *options], shipped)  # untimed: leaves the bytecode caches an install has
    compare(rows, "cold --version", [*faq, "--version"], peer and [*peer, "--version"], REPO, 0, repeat)
    files = collection_files(shipped, ".yaml")
    compare(rows, "cold lint, shipped corpus", [*faq, "lint", *options],
            peer and [*peer, "--schemafile", "schema/collection.schema.json", *files], shipped,
            count_entries(shipped / "clean"), repeat)

    for entries in sizes:
        for form in ("yaml", "jsonl"):
            log(f"lint {entries:,} {form}")
            root = corpus_root(workdir, entries, form, seed)
            if form == "yaml":
                peer_cmd = peer and [*peer, "--schemafile", "schema/collection.schema.json",
                                     *collection_files(root, ".yaml")]
                peer_cwd, note = root, ""
            else:
                documents = json_documents(root)
                peer_cmd = peer and [*peer, "--schemafile", str(root / "schema/collection.schema.json"),
                                     *sorted(p.name for p in documents.glob("*.json"))]
                peer_cwd, note = documents, ""
            before = len(rows)
            compare(rows, f"lint {entries:,} entries, {form}", [*faq, "lint", *options], peer_cmd,
                    root, entries, 1, note, peer_cwd)
            if form == "jsonl":
                peer_row = rows[before + 1]
                peer_row.note = (peer_row.note + "; " if peer_row.note else "") + "same collections as .json"
                if rows[before].seconds is None:
                    rows[before].note = "not yet supported: " + rows[before].note
            seconds, peak, failed = measure([*faq, "lint", *options, "--jobs", "1"], root, 1)
            alone = Row(f"lint {entries:,} entries, {form}, one process", "faq", seconds, entries, peak,
                        note=failed or "--jobs 1")
            if seconds and rows[before + 1].seconds:
                alone.ratio = seconds / rows[before + 1].seconds
            rows.append(alone)

    for code, label in RULE_ROWS:
        timed = []
        for entries in rule_sizes:
            log(f"{label} {entries:,}")
            timed.append(rule_row(rows, code, label, entries, seed))
        note = slope_note(timed)
        if note:
            rows.append(Row(f"{label} ({code}) scaling", "faq rule", note=note))

    for entries in sorted({max(sizes), max(rule_sizes)}):
        log(f"incremental {entries:,}")
        incremental(rows, faq, bool(options), corpus_root(workdir, entries, "jsonl", seed), entries)
    return rows


def render(rows: list[Row], markdown: bool) -> str:
    header = ["case", "tool", "wall s", "entries/s", "peak RSS MB", "vs check-jsonschema", "notes"]
    body = []
    for row in rows:
        body.append([
            row.case, row.tool,
            f"{row.seconds:.3f}" if row.seconds is not None else "-",
            f"{row.rate:,.0f}" if row.rate else "-",
            f"{row.peak_mb:.0f}" if row.peak_mb else "-",
            f"{row.ratio:.2f}x" if row.ratio is not None else "",
            row.note,
        ])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |" for line in body]
        return "\n".join(lines)
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header) - 1)]
    lines = []
    for line in [header, *body]:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths)) + "  " + line[-1])
    return "\n".join(line.rstrip() for line in lines)


def machine() -> str:
    return (f"{platform.python_implementation()} {platform.python_version()}, {platform.system()} "
            f"{platform.machine()}, {os.cpu_count()} CPUs, "
            f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 1)[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=None,
                        help="corpus sizes, comma-separated (default 10k,100k; --quick 1k,10k)")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run of each row")
    parser.add_argument("--full", action="store_true",
                        help="add the 1M rows of the corpus-wide rules and of the re-lint")
    parser.add_argument("--repeat", type=int, default=None, help="runs of each cold-start row (default 3)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where generated corpora are kept and reused (default: a temporary directory)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the table")
    args = parser.parse_args(argv)
    try:
        sizes = [parse_size(s) for s in (args.sizes or ("1k,10k" if args.quick else "10k,100k")).split(",")]
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    if any(n < 1 for n in sizes):
        parser.error("sizes must be at least 1")
    sizes = sorted(set(sizes))
    rule_sizes = sorted(set(sizes) | ({1_000_000} if args.full else set()))
    repeat = args.repeat or (1 if args.quick else 3)

    def log(message: str) -> None:
        if not args.quiet:
            print(f"... {message}", file=sys.stderr, flush=True)

    temporary = None
    workdir = args.workdir
    if workdir is None:
        temporary = tempfile.TemporaryDirectory(prefix="faq-bench-")
        workdir = Path(temporary.name)
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        rows = benchmark(sizes, rule_sizes, repeat, workdir, args.seed, log)
    finally:
        if temporary is not None:
            temporary.cleanup()
    if not args.quiet:
        print(f"# {machine()}")
        for name in ("faq", "check-jsonschema"):
            note = executable(name)[1]
            if note:
                print(f"# {note}")
        if "PYTHONDONTWRITEBYTECODE" in os.environ:
            print("# PYTHONDONTWRITEBYTECODE is set here; the tools ran without it, after one "
                  "untimed run, with the bytecode caches an installed tool has")
    print(render(rows, args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
