"""The `faq` command line: options in, calls to the library, results out."""
from __future__ import annotations

import contextlib
import os
import shutil
import sys
from pathlib import Path
from typing import TextIO

import click

from pipeline import __version__
from pipeline.errors import FaqError

EXIT_CODES = """\b
Exit codes:
  0  success (lint: no errors; warnings allowed unless --strict)
  1  problems found (lint errors, or --check found something out of date)
  2  the tool could not run (bad arguments, unreadable config or input)"""


class Output:
    """Where messages go, honouring --quiet and --verbose."""

    def __init__(self, quiet: bool, verbose: bool) -> None:
        self.quiet = quiet
        self.verbose = verbose

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(message)

    def detail(self, message: str, err: bool = False) -> None:
        if self.verbose and not self.quiet:
            click.echo(message, err=err)

    def error(self, message: str) -> None:
        click.echo(f"faq: error: {message}", err=True)


def _config(ctx: click.Context):
    from pipeline.config import load_config

    return load_config(ctx.obj["root"])


def _writing(ctx: click.Context, root: Path):
    """The corpus lock for a command that writes under ``root`` (see pipeline/lock.py)."""
    from pipeline.lock import corpus_lock

    return corpus_lock(root, f"faq {ctx.command_path.split(' ', 1)[-1]}",
                       notice=lambda text: click.echo(f"faq: notice: {text}", err=True))


def _run(function):
    """Give a command -q/-v (also accepted before the command name), and turn the
    library's errors into messages and exit codes, never tracebacks."""
    import functools

    @click.option("-q", "--quiet", "quiet_here", is_flag=True, help="Print only problems and errors.")
    @click.option("-v", "--verbose", "verbose_here", is_flag=True, help="Print details of every step.")
    @functools.wraps(function)
    def wrapper(*args, quiet_here: bool = False, verbose_here: bool = False, **kwargs):
        ctx = click.get_current_context()
        ctx.ensure_object(dict)
        if quiet_here or verbose_here:
            old = ctx.obj["output"]
            ctx.obj["output"] = Output(old.quiet or quiet_here, old.verbose or verbose_here)
            ctx.obj["verbose"] = ctx.obj["output"].verbose
        try:
            return function(*args, **kwargs)
        except FaqError as exc:
            click.echo(f"faq: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("faq: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:  # the reader of our output went away (`faq lint | head`)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so that flushing at exit cannot fail again
            ctx.exit(141)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # a bug, not bad input: say so plainly
            if ctx.obj and ctx.obj.get("verbose"):
                raise
            click.echo(f"faq: internal error: {type(exc).__name__}: {exc} "
                       "(run with -v for the traceback, and please report it)", err=True)
            ctx.exit(2)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog=EXIT_CODES)
@click.version_option(__version__, "--version", prog_name="faq", message="%(prog)s %(version)s")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              help="Corpus root (default: the nearest directory upward with faq.toml or a "
                   "pyproject.toml holding [tool.faq], else the current directory).")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print details of every step.")
@click.pass_context
def cli(ctx: click.Context, root: Path | None, quiet: bool, verbose: bool) -> None:
    """faq: ingest, clean, lint and publish FAQ corpora.

    \b
    The corpus root holds:
      raw/     sources as they came in, byte for byte
      clean/   the curated collections (YAML), and what cleaning removed
      dist/    the exports

    \b
    Examples:
      faq build                      ingest raw/, lint clean/, export to dist/
      faq ingest ~/scrapes/page.txt  copy a scrape into raw/ and ingest it
      faq lint --format github       lint clean/ with GitHub annotations
      faq rules truncated-answer     explain one rule
      faq init                       set up a new corpus repository
    """
    ctx.ensure_object(dict)
    ctx.obj.update(root=root, output=Output(quiet, verbose), verbose=verbose)


class _Size(click.ParamType):
    """A size option: bytes, or a size such as 10MiB."""

    name = "size"

    def convert(self, value, param, ctx) -> int:
        from pipeline.fetch import parse_size

        try:
            return value if isinstance(value, int) else parse_size(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class _Seconds(click.ParamType):
    """A timeout option, checked as the [ingest] table's timeout is."""

    name = "seconds"

    def convert(self, value, param, ctx) -> float:
        from pipeline.fetch import check_timeout

        try:
            return check_timeout(float(value))
        except ValueError as exc:
            self.fail(str(exc) if "seconds" in str(exc) else f"{value!r} is not a number of seconds", param, ctx)


@cli.command(epilog=EXIT_CODES)
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option("--check", is_flag=True,
              help="Write nothing and fetch nothing; exit 1 if clean/ is out of date with raw/ (for CI).")
@click.option("--refresh", is_flag=True,
              help="Fetch again the URLs given, or of the snapshots given (of every snapshot in raw/ "
                   "when no SOURCE); a snapshot is rewritten only when the page changed.")
@click.option("--timeout", type=_Seconds(), metavar="SECONDS",
              help="Give up on a URL after this long, redirects included (default: ingest.timeout, or 20).")
@click.option("--max-bytes", type=_Size(), metavar="SIZE",
              help="Refuse pages larger than this, e.g. 5MiB (default: ingest.max_bytes, or 10 MiB).")
@click.option("--language", metavar="TAG", help="Language of new collections (default: config, or en).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), metavar="N",
              help="Parse sources in N processes (0: one per CPU). Default: one per CPU when the "
                   "files to read hold 2 MiB or more, else 1. The result is the same.")
@click.pass_context
@_run
def ingest(ctx: click.Context, sources: tuple[str, ...], check: bool, refresh: bool, timeout: float | None,
           max_bytes: int | None, language: str | None, jobs: int | None) -> None:
    """Read raw sources into curated collections in clean/.

    A SOURCE is a file, a directory of files, or an http(s) URL. A file outside
    raw/ is first copied into raw/ unchanged. A URL is fetched once into a
    snapshot in raw/ (raw/<host-and-path>.html, with a .fetch.json record of the
    fetch beside it) and read from that snapshot afterwards, offline, until
    --refresh. With no SOURCE, every file in raw/ is ingested again. Entries a
    person edited in clean/ are kept as edited.

    \b
    Examples:
      faq ingest                      re-ingest everything in raw/ (offline)
      faq ingest scrapes/             ingest every file of a directory
      faq ingest https://example.com/help/faq
      faq ingest --refresh            fetch every snapshot's page again
      faq ingest --check              in CI: is clean/ up to date with raw/?
      faq ingest --jobs 0 scrapes/    parse many sources on every CPU
    """
    from pipeline.fetch import FetchLimits, is_url
    from pipeline.ingest import ingest as run_ingest

    out: Output = ctx.obj["output"]
    if check and refresh:
        raise click.UsageError("--check never fetches; drop --refresh")
    urls = [source for source in sources if is_url(source) and not Path(source).exists()]
    if check and urls:
        raise click.UsageError(f"--check never fetches, so it cannot check a URL ({urls[0]}); "
                               "check after `faq ingest URL` has stored its snapshot")
    config = _config(ctx)
    limits = FetchLimits.from_config(config.ingest, timeout=timeout, max_bytes=max_bytes)
    progress = _Progress(out)
    try:
        with contextlib.nullcontext() if check else _writing(ctx, config.root):
            reports = run_ingest(config, [s if s in urls else Path(s) for s in sources], check=check,
                                 language=language, refresh=refresh, limits=limits,
                                 on_start=progress.start, workers=jobs,
                                 on_plan=lambda sources, processes: out.detail(
                                     f"reading {sources} source(s) in {processes} process(es)", err=True))
    finally:
        progress.done()
    failed = [r for r in reports if r.error]
    stale = [r for r in reports if r.stale]
    for report in reports:
        _print_ingest_report(out, report, check)
    if check:
        if stale or failed:
            out.info(f"{len(stale)} of {len(reports)} source(s) out of date; run `faq ingest`.")
            ctx.exit(1 if not failed else 2)
        out.info(f"clean/ is up to date with {len(reports)} source(s).")
        return
    if failed:
        out.info(f"{len(failed)} of {len(reports)} source(s) could not be ingested.")
        ctx.exit(2)


class _Progress:
    """A progress bar on standard error while many sources are ingested (fetching
    pages takes a while): on a terminal only, and never in CI logs, with -q or for
    a single source, where redrawn lines would only be noise."""

    BAR_WIDTH = 20

    def __init__(self, out: Output, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.active = (self.stream.isatty() and not out.quiet and not os.environ.get("CI")
                       and os.environ.get("TERM") != "dumb")
        self.shown = False

    def start(self, number: int, total: int, source: str) -> None:
        """Show that source ``number`` of ``total`` is being read (or fetched)."""
        if not self.active or total < 2:
            return
        width = self._columns()
        done = self.BAR_WIDTH * (number - 1) // total
        head = f"[{'#' * done}{'-' * (self.BAR_WIDTH - done)}] {number}/{total} "
        room = max(0, width - len(head))
        label = source if len(source) <= room else "..." + source[-max(0, room - 3):]
        self._draw((head + label)[:width])
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self._draw("")
            self.stream.write("\r")
            self.stream.flush()
            self.shown = False

    def _draw(self, text: str) -> None:
        self.stream.write("\r" + text.ljust(self._columns()))
        self.stream.flush()

    @staticmethod
    def _columns() -> int:
        """The terminal's width less one, so that a line never wraps."""
        return max(20, shutil.get_terminal_size().columns - 1)


def _print_ingest_report(out: Output, report, check: bool) -> None:
    if report.error:
        out.error(str(report.error))
        return
    removals = report.removals
    removed = len(removals.entries) if removals else 0
    target = report.target or f"clean/{report.collection}.yaml"
    verb = "would write" if check and report.stale else ("wrote" if report.written else "unchanged")
    out.info(f"{report.source} -> {target}: {report.kept} kept, {removed} removed ({verb})")
    for warning in report.warnings:
        out.info(f"  warning: {warning}")
    if report.fetch:
        out.info(f"  {report.fetch}")
    if removals:
        for item in removals.entries:
            why = "; ".join(f"{r.name}: {r.message}" for r in item.reasons)
            out.info(f"  removed {item.question!r}: {why}")
        for item in removals.trimmed:
            out.detail(f"  cut {item.text!r}{' from ' + item.entry if item.entry else ''}: "
                       f"{item.reason.name} ({item.reason.message})")
    for entry_id in report.notes.conflicts:
        out.info(f"  kept your edit of '{entry_id}', but its source changed since; compare them")
    for entry_id in report.notes.kept_edits:
        if entry_id not in report.notes.conflicts:
            out.detail(f"  kept your edit of '{entry_id}'")
    for entry_id in report.notes.dropped:
        out.info(f"  dropped '{entry_id}': no longer in the source (recorded as removed)")
    for path in report.stale:
        out.info(f"  out of date: {path}")


LINT_FORMATS = ["text", "json", "github", "sarif", "junit"]


@cli.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(LINT_FORMATS), default=None,
              help="Output format (default: text, or github under GitHub Actions).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--statistics", is_flag=True, help="Count problems by rule instead of listing them.")
@click.option("--fix", "apply_fix", is_flag=True, help="Apply safe fixes in place, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply unsafe fixes too.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the changes --fix would make, write nothing; exit 1 if there are any.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only problems not recorded in this baseline file.")
@click.option("--update-baseline", is_flag=True, help="With --baseline: record today's problems in it.")
@click.option("--changed-since", metavar="REF",
              help="Report only entries changed since a git revision (corpus-wide rules still "
                   "compare against the whole corpus).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), metavar="N",
              help="Check files in N processes (0: one per CPU). Default: one per CPU when the "
                   "files to check hold 2 MiB or more, else 1. The output is the same.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the lint cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the lint cache is kept (default: .faq-cache/ under the corpus root).")
@click.pass_context
@_run
def lint(ctx: click.Context, paths: tuple[Path, ...], output_format: str | None, strict: bool,
         exit_zero: bool, statistics: bool, apply_fix: bool, unsafe_fixes: bool, show_diff: bool,
         baseline: Path | None, update_baseline: bool, changed_since: str | None, jobs: int | None,
         no_cache: bool, cache_dir: Path | None) -> None:
    """Check collections against the schema and the content rules.

    PATHS are collection files or directories (default: clean/). Each problem is
    printed as `path:line:column: severity CODE message (rule-name)`; `[*]` marks
    problems that a safe fix can mend.

    \b
    Examples:
      faq lint                          lint clean/
      faq lint clean/shop.yaml --strict
      faq lint --fix                    apply safe fixes, then lint
      faq lint --diff --unsafe-fixes    show every fix without writing
      faq lint --format sarif > faq.sarif
      faq lint --baseline .faq-baseline.json --update-baseline   adopt on an old corpus
      faq lint --baseline .faq-baseline.json                     then: only new problems
      faq lint --changed-since origin/main
      faq lint --jobs 1                 one process, however large the corpus
      faq lint --no-cache               ignore .faq-cache/ (results are the same)
    """
    from pipeline import reporters
    from pipeline.lint import lint as run_lint

    out: Output = ctx.obj["output"]
    config = _config(ctx)
    if update_baseline and baseline is None:
        raise click.UsageError("--update-baseline needs --baseline FILE")
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    targets = list(paths)
    if show_diff or apply_fix:
        from pipeline.fix import fix as run_fix

        with contextlib.nullcontext() if show_diff else _writing(ctx, config.root):
            report = run_fix(config, targets, unsafe=unsafe_fixes, write=not show_diff)
        if show_diff:
            if report.diff:
                click.echo(report.diff, nl=False)
            out.info(f"{len(report.applied)} fix(es) in {len(report.changed)} file(s) would be applied.")
            ctx.exit(1 if report.changed else 0)
        for reason in report.skipped:
            out.error(f"not fixed: {reason}")
        for display, item in report.applied:
            out.detail(f"fixed {display}: {item.entry.id}: {item.name} ({item.message})")
        if report.applied:
            out.info(f"Fixed {len(report.applied)} problem(s) in {len(report.changed)} file(s).")
    changed = None
    if changed_since:
        from pipeline.changes import changed_entries

        changed = changed_entries(config, targets, changed_since)
    if not no_cache and cache_dir is None:
        from pipeline.cache import default_dir

        cache_dir = default_dir(config.root)
    result = run_lint(config, targets, changed=changed, jobs=jobs, cache_dir=None if no_cache else cache_dir,
                      freeze=True)
    out.detail(f"checked {result.checked} file(s): {result.cached} from the cache, the others in "
               f"{result.workers} process(es)", err=True)  # stderr: stdout may be JSON or SARIF
    if result.index is not None:
        out.detail(f"corpus index: {result.index}", err=True)
    if baseline is not None:
        from pipeline import baseline as baselines

        if update_baseline:
            with _writing(ctx, config.root):
                baselines.write(baseline, result.problems)
            out.info(f"Recorded {len(result.problems)} problem(s) in {baseline}.")
            return
        result.problems, result.baselined, gone = baselines.subtract(result.problems, baselines.read(baseline))
        if gone:
            out.info(f"{gone} problem(s) in the baseline are fixed; run with --update-baseline to forget them.")
    color = output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    printed = reporters.statistics(result) if statistics else reporters.FORMATS[output_format](result, color)
    if printed:
        click.echo(printed)
    if output_format == "text" and not statistics:
        out.info(reporters.summary(result))
    ctx.exit(0 if exit_zero else 1 if result.failed(strict) else 0)


EXPORT_FORMATS = ["json", "jsonl", "markdown", "jsonld", "html", "csv"]


@cli.command(epilog=EXIT_CODES)
@click.option("--format", "formats", multiple=True, type=click.Choice(EXPORT_FORMATS),
              help="Format to export (repeatable; default: every format).")
@click.option("-o", "--out", type=click.Path(path_type=Path),
              help="Output directory (default: the dist directory, dist/), or '-' to print one file.")
@click.option("--collection", "collections", multiple=True, metavar="NAME",
              help="Export only this collection (repeatable; default: all).")
@click.option("--split", is_flag=True,
              help="One file per collection for Markdown and JSON (default: one file for the corpus).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 and list the files that are missing, changed or stale.")
@click.pass_context
@_run
def export(ctx: click.Context, formats: tuple[str, ...], out: Path | None, collections: tuple[str, ...],
           split: bool, check: bool) -> None:
    """Publish the corpus in clean/: JSON, JSON Lines, Markdown, schema.org
    FAQPage JSON-LD, a static HTML page per collection, and CSV.

    \b
    Files (in dist/ unless -o):
      faq.json                 the corpus: collections and entries (--split: <collection>.json)
      faq.jsonl                one entry per line
      faq.md                   one Markdown page (--split: <collection>.md)
      <collection>.jsonld      schema.org FAQPage markup
      <collection>.html        a static page, the JSON-LD embedded
      faq.csv                  id, collection, question, answer, tags

    \b
    Files an earlier export wrote that this one would not (a collection that is
    gone) are stale: --check reports them, an export removes them. With
    --collection, nothing is stale.

    \b
    Examples:
      faq export                           every format into dist/
      faq export --format json -o -        the JSON document on standard output
      faq export --format markdown --split -o site/faq
      faq export --format html --collection billing
      faq export --check                   in CI: is dist/ up to date?
    """
    from pipeline.export import DEFAULT_FORMATS, compare, load_corpus, render, write
    from pipeline.exporters import ExportOptions

    output: Output = ctx.obj["output"]
    config = _config(ctx)
    chosen = list(dict.fromkeys(formats)) or list(DEFAULT_FORMATS)
    corpus = load_corpus(config, list(collections))
    files = render(corpus, chosen, ExportOptions(split=split))
    if out is not None and str(out) == "-":
        if check:
            raise click.UsageError("--check compares files in a directory; it cannot be used with '-o -'")
        if len(files) != 1:
            raise click.UsageError(f"'-o -' prints one file, and this export makes {len(files)}; "
                                   "choose one format that makes one file (json, jsonl, csv, markdown)")
        click.echo(next(iter(files.values())), nl=False)
        return
    out_dir = out if out is not None else config.dist_dir
    if out_dir.exists() and not out_dir.is_dir():
        raise FaqError("the output directory is a file", config.relative(out_dir))
    comparison = compare(files, out_dir, chosen, find_stale=not collections)
    if check:
        for label, names in (("missing", comparison.missing), ("changed", comparison.changed),
                             ("stale", comparison.stale)):
            for name in names:  # problems: shown even with -q
                click.echo(f"{label}: {config.relative(out_dir / name)}")
        if comparison.up_to_date:
            output.info(f"{config.relative(out_dir)} is up to date ({len(files)} file(s)).")
            return
        output.info(f"{config.relative(out_dir)} is out of date: {len(comparison.missing)} missing, "
                    f"{len(comparison.changed)} changed, {len(comparison.stale)} stale; run `faq export`.")
        ctx.exit(1)
    with _writing(ctx, config.root):
        written = write(files, out_dir, comparison.stale)
    for name in written.changed:
        output.info(f"wrote {config.relative(out_dir / name)}")
    for name in written.unchanged:
        output.detail(f"unchanged {config.relative(out_dir / name)}")
    for name in written.removed:
        output.info(f"removed {config.relative(out_dir / name)} (stale: this export no longer writes it)")
    output.info(f"{len(written.changed)} written, {len(written.unchanged)} unchanged, "
                f"{len(written.removed)} removed in {config.relative(out_dir)}.")


@cli.command(epilog=EXIT_CODES)
@click.pass_context
@_run
def build(ctx: click.Context) -> None:
    """Run the whole pipeline: ingest raw/, lint clean/, export to dist/.

    The export runs only when lint finds no errors.

    \b
    Example:
      faq build
    """
    for command in (ingest, lint, export):
        output: Output = ctx.obj["output"]
        output.info(f"== faq {command.name}")
        try:
            ctx.invoke(command)
        except click.exceptions.Exit as exit_:
            if exit_.exit_code:
                raise


@cli.command(epilog=EXIT_CODES)
@click.argument("rule", required=False)
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text",
              help="markdown: the catalogue as the README shows it.")
@click.pass_context
@_run
def rules(ctx: click.Context, rule: str | None, output_format: str) -> None:
    """List the rules, or explain one (by code or name).

    \b
    Examples:
      faq rules
      faq rules FAQ203
      faq rules off-topic
      faq rules --format markdown > docs/rules.md
    """
    from pipeline import catalogue
    from pipeline.rules import ALL_RULES, find_rule

    if output_format == "markdown":
        click.echo(catalogue.markdown())
        return
    custom_rules = _config(ctx).custom_rules
    if rule:
        found = next((r for r in custom_rules if r.name == rule), None) or find_rule(rule)
        click.echo(catalogue.rule_heading(found) + "\n")
        click.echo(found.documentation())
        return
    listed = [*ALL_RULES, *custom_rules]
    width = max(len(item.name) for item in listed)
    for item in listed:
        fix = item.fixable or "-"
        click.echo(f"{item.code}  {item.name:<{width}} {str(item.severity):<8} fix:{fix:<7} {item.summary()}")


@cli.command(epilog=EXIT_CODES)
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--language", default="en", show_default=True, metavar="TAG", help="The corpus language.")
@click.pass_context
@_run
def init(ctx: click.Context, directory: Path | None, language: str) -> None:
    """Set up a corpus repository: configuration, raw/, clean/, the schemas, a
    GitHub Actions workflow and a pre-commit configuration. Existing files are
    never overwritten.

    \b
    Examples:
      faq init                 in the current directory
      faq init help-centre --language de
    """
    from pipeline.scaffold import init as run_init

    out: Output = ctx.obj["output"]
    root = directory or Path.cwd()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FaqError(f"cannot create the directory: {exc.strerror or exc}", str(root)) from None
    with _writing(ctx, root):
        report = run_init(root, language)
    for name in report.created:
        out.info(f"created {name}")
    for name in report.kept:
        out.info(f"kept existing {name}")
    out.info("Next: put sources in raw/ and run `faq build`.")


@cli.command(epilog=EXIT_CODES)
@click.argument("entry_id", metavar="[ID]", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the removed entries that can be restored.")
@click.pass_context
@_run
def restore(ctx: click.Context, entry_id: str | None, list_only: bool) -> None:
    """Bring a removed entry back into its collection.

    Everything the tool removes (by a cleaning rule, because the source dropped
    it, or because an editor deleted it from clean/) is recorded in
    clean/<name>.removed.yaml. ID is the slug of the entry's question, as --list
    shows it (collection/ID when two collections have one). The entry comes back
    as your own: later runs keep it as it is.

    \b
    Examples:
      faq restore --list
      faq restore should-i-hug-my-client
      faq restore therapist-people-also-ask/should-i-hug-my-client
    """
    from pipeline import restore as restoring

    out: Output = ctx.obj["output"]
    config = _config(ctx)
    if list_only == bool(entry_id):
        raise click.UsageError("give an ID to restore, or --list")
    if list_only:
        found, errors = restoring.removed_entries(config)
        for error in errors:
            out.error(str(error))
        ids = [item.id for item in found]
        for item in found:
            name = item.qualified if ids.count(item.id) > 1 else item.id
            by_hand = "" if item.restorable else "  [no answer: restore by hand]"
            out.info(f"{name}  ({item.collection}) {item.item.question!r}: {item.reasons()}{by_hand}")
        if not found:
            out.info("Nothing to restore.")
        ctx.exit(2 if errors else 0)
    with _writing(ctx, config.root):
        restored = restoring.restore(config, entry_id)
    out.info(f"restored '{restored.entry.id}' into {restored.collection}: {restored.entry.question!r}")
    for path in restored.written:
        out.detail(f"wrote {path}")


def main() -> None:
    try:
        cli(prog_name="faq")
    finally:
        import gc

        # The process is about to end: what is alive now stays alive until then, so
        # the collection that interpreter shutdown runs need not scan it (~12 ms of
        # a cold `faq lint`, a third of its own work on a small corpus).
        gc.freeze()


if __name__ == "__main__":
    main()
