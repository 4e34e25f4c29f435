"""The ``factcheck`` command: thin commands over the library API.

This is the only module that prints and picks exit statuses:
0 success / nothing open, 1 invalid ledger or open contradictions,
2 unreadable input or bad usage.  Library modules are imported inside the
commands so ``factcheck --help`` starts fast.
"""
from __future__ import annotations

import codecs
import contextlib
import errno
import json
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

import click

from ledger.errors import LedgerError

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2
#: A closed pipe (``factcheck check | head``) ends the command quietly with the
#: status a shell shows for a program stopped by SIGPIPE, as other Unix tools.
EXIT_PIPE = 128 + 13
#: At most this many problems of one code are printed; then their count.
SHOWN_PER_CODE = 20


def _echo_json(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False, default=str))


def handles_errors(fn: Callable) -> Callable:
    """Turn a LedgerError into one line on stderr and its exit status."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _stop_on_sigterm()
        try:
            return fn(*args, **kwargs)
        except BrokenPipeError:
            _quiet_pipe()
        except LedgerError as err:
            _debug_trace()
            _echo_error(err)
            sys.exit(err.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # usage errors: click prints them (exit 2)
        except OSError as err:  # a file the library did not name itself
            if err.errno == errno.EPIPE:
                _quiet_pipe()
            _debug_trace()
            where = f"{err.filename}: " if err.filename else ""
            click.echo(f"error: {where}{err.strerror or err}; check the path and its permissions", err=True)
            sys.exit(EXIT_UNREADABLE)
        except Exception as err:  # a bug: one clear line, never a traceback (unless --debug)
            _debug_trace()
            click.echo(f"error: internal error: {type(err).__name__}: {err}; nothing more was written. "
                       "Please report it with the output of `factcheck --debug ...`", err=True)
            sys.exit(EXIT_INVALID)

    return wrapper


def _quiet_pipe() -> None:
    """The reader of stdout went away: no message, no traceback at exit
    (stdout is pointed at /dev/null so the final flush has nowhere to fail)."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_PIPE)


def _stop_on_sigterm() -> None:
    """SIGTERM ends the command like Ctrl-C does: as an exception, so every
    temp file is removed on the way out (exit 143, as a shell shows it)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum: int, _frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def _debug_trace() -> None:
    if click.get_current_context().find_root().params.get("debug"):
        traceback.print_exc()


def _echo_error(err: LedgerError) -> None:
    """One line per problem (``file:line:column: field = 'value': reason; hint``),
    then what it means for the command."""
    problems = getattr(err, "problems", None)
    if not problems:
        click.echo(f"error: {err}", err=True)
        return
    shown, left_out = cap_per_code(problems, SHOWN_PER_CODE)
    for problem in shown:
        click.echo(f"error: {problem}", err=True)
    for line in _left_out_lines(left_out):
        click.echo(f"error: {line}", err=True)
    click.echo(f"error: {err.file or 'input'}: {len(problems)} error(s); nothing was written; fix them and run again",
               err=True)


def cap_per_code(problems: Iterable[Any], limit: int | None) -> tuple[list[Any], dict[str, int]]:
    """The first ``limit`` problems of each code (all if None), and how many
    of each code were left out."""
    shown: list[Any] = []
    seen: dict[str, int] = {}
    for p in problems:
        seen[p.code] = seen.get(p.code, 0) + 1
        if limit is None or seen[p.code] <= limit:
            shown.append(p)
    return shown, {c: n - limit for c, n in sorted(seen.items()) if limit is not None and n > limit}


def _left_out_lines(left_out: dict[str, int]) -> list[str]:
    return [f"... and {n:,} more '{code}' problem(s) not shown (--max-per-code 0 shows all)"
            for code, n in left_out.items()]


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="factcheck-ledger")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Fact-check the numbers in financial news.

    With no command, runs the whole job on the bundled seeds (`factcheck run`).
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(run)


# --------------------------------------------------------------------------- validate (issue 2)


_ARTICLES_ROOT = click.option(
    "--articles-root", "articles_root", type=click.Path(file_okay=False), default=None,
    help="Folder every article of the sources table must lie in [default: the sources table's folder]; "
         "absolute paths, '..' and symlinks leading out of it are refused.")


@main.command()
@click.argument("ledger", default="claims.csv", type=click.Path())
@click.option("--sources", "sources", type=click.Path(dir_okay=False),
              help="sources table [default: seeds/sources.csv, else sources.csv, beside LEDGER]")
@_ARTICLES_ROOT
@click.option("--json", "as_json", is_flag=True, help="One JSON object per problem, one per line.")
@click.option("--max-per-code", "max_per_code", type=click.IntRange(min=0), default=None,
              help=f"Print at most N problems of each code, then how many more [default: {SHOWN_PER_CODE}; "
                   "with --json: all]; 0 prints all.")
@handles_errors
def validate(ledger: str, sources: str | None, articles_root: str | None, as_json: bool,
             max_per_code: int | None) -> None:
    """Check LEDGER (default ./claims.csv) and print every problem at once
    (at most --max-per-code of each code, then their count, and the totals).

    Exit 0 valid (warnings allowed), 1 invalid, 2 unreadable input. The file
    is never modified.
    """
    from ledger.job import Workspace

    limit = (None if as_json else SHOWN_PER_CODE) if max_per_code is None else (max_per_code or None)
    report = Workspace.open(ledger, sources=sources, articles_root=articles_root).validate(limit=limit)
    if as_json:
        _echo_json(p.to_dict() for p in report.problems)
    else:
        _echo_lines(str(p) for p in report.problems)
        for line in _left_out_lines(report.omitted):
            click.echo(line)
    n_err, n_warn = report.n_errors, report.n_warnings
    state = "valid" if report.valid else ("unreadable" if not report.readable else "invalid")
    click.echo(f"{ledger}: {state}: {report.rows} rows, {n_err} error(s), {n_warn} warning(s)", err=True)
    sys.exit(EXIT_OK if report.valid else EXIT_UNREADABLE if not report.readable else EXIT_INVALID)


def _echo_lines(lines: Iterable[str], chunk: int = 5000) -> None:
    """Print lines in chunks (one write per chunk, not per line)."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= chunk:
            click.echo("\n".join(batch))
            batch = []
    if batch:
        click.echo("\n".join(batch))


def _echo_chunks(chunks: Iterable[bytes]) -> None:
    """Print UTF-8 chunks of whole lines: straight to stdout's bytes when it
    writes UTF-8 with no newline translation, else as text (the same bytes
    as ``click.echo`` of each line would write)."""
    stream = sys.stdout
    binary = getattr(stream, "buffer", None)
    try:
        utf8 = codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        utf8 = False
    if binary is None or not utf8 or os.linesep != "\n":
        for chunk in chunks:
            click.echo(chunk.decode(), nl=False)
        return
    stream.flush()
    for chunk in chunks:
        binary.write(chunk)
    binary.flush()


# --------------------------------------------------------------------------- mentions (issue 3)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--published", help="Published date (YYYY-MM-DD, YYYY-MM or YYYY) for relative dates "
              "such as 去年底 or 上周 [default: the article's row in sources.csv beside it].")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per mention: start, end, surface, kind, value, low, high, unit, qualifier, source.")
@handles_errors
def mentions(paths: tuple[str, ...], published: str | None, as_json: bool) -> None:
    """List every numeric mention (money, percent, multiple, count, duration,
    date) in the articles at PATHS, with its interval and unit.

    Offsets are character offsets into the file as read. Exit 0, or 2 if a
    file cannot be read.
    """
    from ledger.numbers.finder import mentions_of_file

    if published is not None:
        from ledger.numbers.dates import anchor

        try:
            anchor(published)
        except ValueError:
            raise click.BadParameter(f"{published!r} is not YYYY-MM-DD, YYYY-MM or YYYY",
                                     param_hint="--published") from None
    results = [mentions_of_file(path, published=published) for path in paths]  # all read before any output
    for source, found in results:
        if as_json:
            _echo_json(m.to_json(source) for m in found)
            continue
        for m in found:
            span = f"[{_show_num(m.low)}, {_show_num(m.high)}]"
            click.echo(f"{source}\t{m.start}-{m.end}\t{m.kind}\t{m.surface!r}\t{_show_num(m.value)}"
                       f"\t{span}\t{m.unit}\t{m.qualifier}")


def _waiting(message: str) -> None:
    click.echo(f"note: {message}", err=True)


def _show_num(x: Any) -> str:
    return "-" if x is None else str(x)

# --------------------------------------------------------------------------- extract (issue 4)


class _FileProgress:
    """``progress(done, total)`` drawing a bar of articles on stderr when there
    are more than a handful (click hides the bar itself when stderr is not a
    terminal)."""

    def __init__(self, minimum: int = 10) -> None:
        self.minimum = minimum
        self.bar: Any = None  # a click progress bar once drawn

    def __call__(self, done: int, total: int) -> None:
        if total < self.minimum:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="framing articles", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--ledger", "ledger", default="claims.csv", show_default=True, type=click.Path(),
              help="The ledger to merge into (created if absent): a CSV file, a .parquet file, or a folder "
                   "of Parquet files (new claims go into one new file in it).")
@click.option("--sources", "sources", type=click.Path(dir_okay=False),
              help="Sources table to register new articles in [default: seeds/sources.csv, else sources.csv, "
                   "beside the ledger].")
@_ARTICLES_ROOT
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object with the counts, then one per added claim.")
@click.option("--jobs", "jobs", type=click.IntRange(min=1), default=None,
              help="Processes that frame articles at once [default: one per core from 8 articles on, else 1].")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: --jobs processes on this machine; spark: one Spark task per article "
                   "(--spark-master; the articles must be readable at the same paths on every worker).")
@click.option("--spark-master", "spark_master", default=None, metavar="URL",
              help="Spark master for --engine spark [default: $SPARK_MASTER, else local[*]]")
@handles_errors
def extract(paths: tuple[str, ...], ledger: str, sources: str | None, articles_root: str | None,
            as_json: bool, jobs: int | None, engine: str, spark_master: str | None) -> None:
    """Find and frame the claims of the articles in PATHS (files or folders)
    and merge them into the ledger.

    New claims are added as status=unreviewed, origin=extracted; a row a
    reviewer touched is never changed; rows whose article changed or vanished
    are reported as orphaned and kept.  Running it twice changes nothing the
    second time.  Names after `--` are files, even one starting with a dash.
    Exit 0, 1 if the ledger or sources table was saved by someone else
    meanwhile (nothing written), 2 if an input cannot be read.  Articles are
    framed in parallel (--jobs, --engine); the merge is the same.
    """
    from ledger.crosscheck.engines import EngineOptions
    from ledger.job import extract as run_extract

    options = EngineOptions.from_env("spark", spark_master=spark_master) if engine == "spark" else None
    bar = _FileProgress()
    try:
        result = run_extract(paths, ledger_path=ledger, sources_path=sources, progress=bar,
                             articles_root=articles_root, on_wait=_waiting, jobs=jobs, engine=options)
    finally:
        bar.close()
    for p in result.problems:
        click.echo(f"warning: {p}", err=True)
    if as_json:
        _echo_json([result.summary(), *({"added": row} for row in result.added_rows)])
        return
    for sid in result.registered:
        click.echo(f"registered {sid} in {result.sources_path}")
    state = "written" if result.written else "unchanged"
    click.echo(f"{result.articles} article(s): {result.added} added, {result.unchanged} unchanged, "
               f"{result.kept_reviewed} kept as reviewed, {result.orphaned} orphaned; {result.ledger_path} {state}")

# --------------------------------------------------------------------------- check (issue 5)


@main.command()
@click.argument("ledger", default="claims.csv", type=click.Path())
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False),
              help="Reviewer decisions (default: decisions.csv beside the ledger, if present).")
@click.option("--rules", "rules_path", type=click.Path(dir_okay=False),
              help="Comparison settings and arithmetic rules (default: the packaged rules.toml).")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per issue (\"kind\": \"issue\"), each followed by one per finding of it.")
@click.option("--engine", type=click.Choice(["pandas", "duckdb", "spark"]), default="pandas", show_default=True,
              help="Where pairs are found and judged: pandas (in memory), duckdb (in process, spills to disk "
                   "past --duckdb-memory) or spark (a local Spark or a cluster: --spark-master). "
                   "The findings are the same whichever.")
@click.option("--spark-master", "spark_master", default=None, metavar="URL",
              help="Spark master for --engine spark: local[N], spark://HOST:7077, yarn, k8s://... "
                   "[default: $SPARK_MASTER, else local[*]]")
@click.option("--duckdb-memory", "duckdb_memory", default=None, metavar="SIZE",
              help="DuckDB's memory limit for --engine duckdb, e.g. 4GB [default: $FACTCHECK_DUCKDB_MEMORY, "
                   "else 4GB]; past it DuckDB spills to $FACTCHECK_DUCKDB_TEMP (default: the temp folder).")
@handles_errors
def check(ledger: str, decisions_path: str | None, rules_path: str | None, as_json: bool, engine: str,
          spark_master: str | None, duckdb_memory: str | None) -> None:
    """Cross-check LEDGER (default claims.csv; a CSV ledger, a Parquet file or a
    folder of Parquet files): contradictions, time and modality differences,
    confirmations and arithmetic rules, grouped into issues (one per figure)
    ranked by evidence, each finding with its sources as people know them.
    Exits 1 while open contradictions (or failed rules) remain, so
    publication can be gated on it."""
    from ledger.crosscheck import is_open_contradiction
    from ledger.crosscheck.engines import EngineOptions
    from ledger.job import Workspace

    options = EngineOptions.from_env(engine, spark_master=spark_master, duckdb_memory=duckdb_memory)
    ws = Workspace.open(ledger, decisions=decisions_path, rules=rules_path)
    found = ws.check(options)
    for note in found.attrs.get("notes", []):
        click.echo(f"note: {note}", err=True)
    from ledger.render import finding_chunks, json_chunks

    chunks = json_chunks if as_json else finding_chunks
    _echo_chunks(chunks(found, ws.claims(), ws.source_table()))
    sys.exit(EXIT_INVALID if is_open_contradiction(found).any() else EXIT_OK)


# --------------------------------------------------------------------------- report, import-decisions, run (issue 6)


class _RowProgress:
    """A ``progress(done, total)`` callback drawing a bar on stderr, only on a
    terminal and only for long reports."""

    def __init__(self, label: str, minimum: int = 2000) -> None:
        self.label, self.minimum = label, minimum
        self.bar: Any = None  # a click progress bar once drawn

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < self.minimum or not sys.stderr.isatty():
                return
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _shown(path: Any) -> str:
    """A path relative to the current folder when it lies inside it."""
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _report_lines(rep: Any) -> list[str]:
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(rep.by_kind.items(), key=lambda kv: (-kv[1], kv[0])))
    return [
        f"{rep.claims} claims, {rep.findings} findings ({kinds or 'none'}), {rep.open} open "
        f"({rep.to_review} to review), {rep.open_contradictions} open contradictions or failed rules",
        f"wrote {rep.path}",
    ]


@main.command("report")
@click.argument("ledger", default="claims.csv", type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Workbook to write.  [default: conflicts.xlsx beside the ledger]")
@click.option("--decisions", type=click.Path(dir_okay=False), default=None,
              help="Reviewer decisions.  [default: decisions.csv beside the ledger, if present]")
@click.option("--sources", type=click.Path(dir_okay=False), default=None,
              help="Sources table.  [default: seeds/sources.csv, else sources.csv, beside the ledger]")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@handles_errors
def report_cmd(ledger: str, output: str | None, decisions: str | None, sources: str | None, as_json: bool) -> None:
    """Cross-check LEDGER and write the conflict workbook reviewers open in Excel.

    Sheets: Summary, Conflicts (with a Decision dropdown), Claims, Arithmetic,
    Sources.  Bring the decisions back with `factcheck import-decisions`.
    """
    from ledger.job import report_ledger

    bar = _RowProgress("writing conflicts")
    try:
        rep = report_ledger(ledger, output, decisions_path=decisions, sources_path=sources, progress=bar,
                            on_wait=_waiting)
    finally:
        bar.close()
    if as_json:
        _echo_json([rep.to_dict()])
    else:
        for note in rep.notes:
            click.echo(f"note: {note}", err=True)
        for line in _report_lines(rep):
            click.echo(line)


@main.command("import-decisions")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--ledger", type=click.Path(dir_okay=False), default=None,
              help="The ledger the workbook was made from.  [default: the one recorded in the workbook]")
@click.option("--decisions", type=click.Path(dir_okay=False), default=None,
              help="Decisions file to update.  [default: decisions.csv beside the ledger]")
@click.option("--reviewer", default=None, help="Reviewer name for rows whose Reviewer cell is blank.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@handles_errors
def import_decisions_cmd(workbook: str, ledger: str | None, decisions: str | None, reviewer: str | None,
                         as_json: bool) -> None:
    """Read the Decision, Reviewer note and Reviewer columns of WORKBOOK into decisions.csv.

    Refuses, changing nothing, a workbook made from a different ledger or
    whose conflicts a fresh check no longer finds; every bad cell is listed
    with its sheet, row and column.
    """
    from ledger.errors import LedgerInvalid
    from ledger.job import import_decisions

    try:
        res = import_decisions(workbook, ledger_path=ledger, decisions_path=decisions, reviewer=reviewer,
                               on_wait=_waiting)
    except LedgerInvalid as err:
        if err.file != workbook:  # decisions.csv (or the ledger) itself is invalid
            raise
        for problem in err.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"error: {len(err.problems)} bad cell(s) in {workbook}; nothing was changed", err=True)
        sys.exit(EXIT_INVALID)
    for warning in res.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        _echo_json([res.to_dict()])
    else:
        click.echo(f"{len(res.added)} added, {len(res.changed)} changed, {res.unchanged} unchanged; "
                   f"{res.total} decisions in {_shown(res.path)}")


@main.command("claimreview")
@click.argument("ledger", default="claims.csv", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="File to write the JSON-LD to (replaced atomically).  [default: standard output]")
@click.option("--decisions", type=click.Path(dir_okay=False), default=None,
              help="Reviewer decisions.  [default: decisions.csv beside the ledger, if present]")
@click.option("--sources", type=click.Path(dir_okay=False), default=None,
              help="Sources table.  [default: seeds/sources.csv, else sources.csv, beside the ledger]")
@click.option("--base-url", "base_url", default=None,
              help="Where the reviews are published: each ClaimReview gets url BASE_URL#<issue id>.")
@handles_errors
def claimreview_cmd(ledger: str, output: str | None, decisions: str | None, sources: str | None,
                    base_url: str | None) -> None:
    """Write schema.org ClaimReview JSON-LD for every decided issue of LEDGER.

    One ClaimReview per claim of an issue decided `confirmed` or `explained`
    whose ledger status is `confirmed` (rated True) or `disputed` (rated
    False, or Loose wording / Needs context when the issue was explained),
    with the claim's sentence, its article (outlet, title, date and how it is
    known) and the reviewer's note.  Exit 0 (even with nothing decided: an
    empty @graph), 1 invalid input, 2 unreadable input.
    """
    from ledger.job import Workspace
    from ledger.report.claimreview import counts
    from ledger.textio import atomic_write_text

    ws = Workspace.open(ledger, sources=sources, decisions=decisions)
    doc = ws.claimreview(base_url=base_url)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if output:
        atomic_write_text(output, text)
    else:
        click.echo(text, nl=False)
    made = ", ".join(f"{n} {k}" for k, n in counts(doc).items()) or "nothing decided to review"
    click.echo(f"{len(doc['@graph'])} ClaimReview(s) ({made})" + (f"; wrote {output}" if output else ""), err=True)


@main.command()
@click.option("--root", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Folder holding seeds/ (the articles and sources.csv) and claims.csv.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Workbook to write.  [default: ROOT/conflicts.xlsx]")
@_ARTICLES_ROOT
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@handles_errors
def run(root: str = ".", output: str | None = None, articles_root: str | None = None, as_json: bool = False) -> None:
    """Extract, validate, check and report on the bundled seeds.

    Merges the claims found in ROOT/seeds into ROOT/claims.csv (reviewed rows
    are never changed), validates the ledger, cross-checks it and writes
    conflicts.xlsx: all or nothing (a refused run leaves every file as it was).
    """
    from ledger.job import run_job

    def step(message: str) -> None:
        if not as_json:
            click.echo(message, err=True)

    bar, articles = _RowProgress("writing conflicts"), _FileProgress()
    try:
        job = run_job(root, output=output, say=step, progress=bar, extract_progress=articles, on_wait=_waiting,
                      articles_root=articles_root)
    finally:
        articles.close()
        bar.close()
    if as_json:
        _echo_json([job.to_dict()])
        return
    for problem in job.problems:
        click.echo(f"{problem}", err=True)
    for note in job.report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(job.extract_line())
    for line in _report_lines(job.report):
        click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()
