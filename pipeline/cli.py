"""The `faq` command line: options in, calls to the library, results out."""
from __future__ import annotations

import os
import sys
from pathlib import Path

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

    def detail(self, message: str) -> None:
        if self.verbose and not self.quiet:
            click.echo(message)

    def error(self, message: str) -> None:
        click.echo(f"faq: error: {message}", err=True)


def _config(ctx: click.Context):
    from pipeline.config import load_config

    return load_config(ctx.obj["root"])


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
    """
    ctx.ensure_object(dict)
    ctx.obj.update(root=root, output=Output(quiet, verbose), verbose=verbose)


@cli.command(epilog=EXIT_CODES)
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if clean/ is out of date with raw/ (for CI).")
@click.option("--language", metavar="TAG", help="Language of new collections (default: config, or en).")
@click.pass_context
@_run
def ingest(ctx: click.Context, sources: tuple[Path, ...], check: bool, language: str | None) -> None:
    """Read raw sources into curated collections in clean/.

    A SOURCE is a file or a directory of files. A file outside raw/ is first
    copied into raw/ unchanged. With no SOURCE, every file in raw/ is ingested
    again. Entries a person edited in clean/ are kept as edited.

    \b
    Examples:
      faq ingest                      re-ingest everything in raw/
      faq ingest scrapes/             ingest every file of a directory
      faq ingest --check              in CI: is clean/ up to date with raw/?
    """
    from pipeline.ingest import ingest as run_ingest

    out: Output = ctx.obj["output"]
    config = _config(ctx)
    progress = _Progress(out)
    reports = run_ingest(config, list(sources), check=check, language=language,
                         on_source=progress.step)
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
    """A progress bar on a terminal for many sources; nothing in CI logs."""

    def __init__(self, out: Output) -> None:
        self.out = out
        self.count = 0
        self.active = sys.stderr.isatty() and not out.quiet and not os.environ.get("CI")

    def step(self, report) -> None:
        self.count += 1
        if self.active:
            click.echo(f"\r{self.count} source(s) read... {report.source[-50:]:<50}", err=True, nl=False)

    def done(self) -> None:
        if self.active and self.count:
            click.echo("\r" + " " * 80 + "\r", err=True, nl=False)


def _print_ingest_report(out: Output, report, check: bool) -> None:
    if report.error:
        out.error(str(report.error))
        return
    removals = report.removals
    removed = len(removals.entries) if removals else 0
    target = f"clean/{report.collection}.yaml"
    verb = "would write" if check and report.stale else ("wrote" if report.written else "unchanged")
    out.info(f"{report.source} -> {target}: {report.kept} kept, {removed} removed ({verb})")
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


@cli.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]),
              default=None, help="Output format (default: text, or github under GitHub Actions).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.pass_context
@_run
def lint(ctx: click.Context, paths: tuple[Path, ...], output_format: str | None, strict: bool) -> None:
    """Check collections against the schema and the content rules.

    PATHS are collection files or directories (default: clean/). Each problem is
    printed as `path:line:column: severity CODE message (rule-name)`; `[*]` marks
    problems that a safe fix can mend.

    \b
    Examples:
      faq lint                          lint clean/
      faq lint clean/shop.yaml --strict
      faq lint --format json > report.json
    """
    from pipeline import reporters
    from pipeline.lint import lint as run_lint

    out: Output = ctx.obj["output"]
    config = _config(ctx)
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    result = run_lint(config, list(paths))
    color = output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    printed = reporters.FORMATS[output_format](result, color)
    if printed:
        click.echo(printed)
    if output_format == "text":
        out.info(reporters.summary(result))
    ctx.exit(1 if result.failed(strict) else 0)


@cli.command(epilog=EXIT_CODES)
@click.option("--format", "formats", multiple=True, type=click.Choice(["json", "markdown"]),
              help="Format to export (repeatable; default: every format).")
@click.option("-o", "--out", type=click.Path(path_type=Path),
              help="Output directory (default: dist/), or '-' to print a single format.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the exports are out of date.")
@click.pass_context
@_run
def export(ctx: click.Context, formats: tuple[str, ...], out: Path | None, check: bool) -> None:
    """Publish the corpus in clean/ as JSON and Markdown.

    \b
    Examples:
      faq export                        every format into dist/
      faq export --format json -o -     the JSON document on standard output
      faq export --format markdown -o site/faq
    """
    from pipeline.export import render, write

    output: Output = ctx.obj["output"]
    config = _config(ctx)
    chosen = list(dict.fromkeys(formats)) or ["json", "markdown"]
    files = render(config, chosen)
    if out is not None and str(out) == "-":
        if len(files) != 1:
            raise click.UsageError("'-o -' prints one file; choose a format that makes one file (json)")
        click.echo(next(iter(files.values())), nl=False)
        return
    out_dir = out if out is not None else config.dist_dir
    if check:
        stale = [name for name, text in sorted(files.items())
                 if not (out_dir / name).is_file() or (out_dir / name).read_text(encoding="utf-8") != text]
        for name in stale:
            output.info(f"out of date: {config.relative(out_dir / name)}")
        ctx.exit(1 if stale else 0)
    changed = write(files, out_dir)
    for name in sorted(files):
        target = out_dir / name
        state = "wrote" if target.resolve() in changed else "unchanged"
        output.info(f"{state} {config.relative(target)}")


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
    if rule:
        found = find_rule(rule)
        click.echo(catalogue.rule_heading(found) + "\n")
        click.echo(found.documentation())
        return
    for item in ALL_RULES:
        fix = item.fixable or "-"
        click.echo(f"{item.code}  {item.name:<22} {str(item.severity):<8} fix:{fix:<7} {item.summary()}")


def main() -> None:
    cli(prog_name="faq")


if __name__ == "__main__":
    main()
