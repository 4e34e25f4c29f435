"""The ``factcheck`` command: thin commands over the library API.

This is the only module that prints and picks exit statuses:
0 success / nothing open, 1 invalid ledger or open contradictions,
2 unreadable input or bad usage.  Library modules are imported inside the
commands so ``factcheck --help`` starts fast.
"""
from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

import click

from .errors import LedgerError

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def _echo_json(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False, default=str))


def handles_errors(fn: Callable) -> Callable:
    """Turn a LedgerError into one line on stderr and its exit status."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except LedgerError as err:
            if click.get_current_context().find_root().params.get("debug"):
                traceback.print_exc()
            click.echo(f"error: {err}", err=True)
            sys.exit(err.exit_code)

    return wrapper


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
# --------------------------------------------------------------------------- mentions (issue 3)
# --------------------------------------------------------------------------- extract (issue 4)
# --------------------------------------------------------------------------- check (issue 5)


@main.command()
@click.argument("ledger", default="claims.csv", type=click.Path(dir_okay=False))
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False),
              help="Reviewer decisions (default: decisions.csv beside the ledger, if present).")
@click.option("--rules", "rules_path", type=click.Path(dir_okay=False),
              help="Comparison settings and arithmetic rules (default: the packaged rules.toml).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per finding.")
@handles_errors
def check(ledger: str, decisions_path: str | None, rules_path: str | None, as_json: bool) -> None:
    """Cross-check LEDGER (default claims.csv): contradictions, time and modality
    differences, confirmations and arithmetic rules, grouped by subject and
    sorted by severity.  Exits 1 while open contradictions (or failed rules)
    remain, so publication can be gated on it."""
    from .crosscheck import check_ledger, is_open_contradiction

    found = check_ledger(ledger, decisions_path, rules_path)
    for note in found.attrs.get("notes", []):
        click.echo(f"note: {note}", err=True)
    if as_json:
        _echo_json(_finding_json(row) for row in found.to_dict("records"))
    else:
        _echo_findings(found)
    sys.exit(EXIT_INVALID if is_open_contradiction(found).any() else EXIT_OK)


def _finding_json(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
    out["claims"] = row["claims"].split(";")
    return out


def _echo_findings(found: Any) -> None:
    for subject, group in found.groupby("subject", sort=True):
        click.echo(f"== {subject or '(no subject)'}")
        for r in group.itertuples():
            what = f"{r.kind}:{r.rule} {r.result}" if r.kind == "arithmetic" else r.kind
            state = f" [resolved: {r.decision} by {r.reviewer}]" if r.status == "resolved" else ""
            click.echo(f"  {r.severity_label:<6} {r.severity:.2f} {what} {r.conflict_id}{state}")
            click.echo(f"      {r.explanation}")
    counts = found["kind"].value_counts().to_dict()
    from .crosscheck import is_open_contradiction

    summary = ", ".join(f"{counts[k]} {k}" for k in sorted(counts))
    click.echo(f"{len(found)} findings ({summary or 'none'}); "
               f"{int(is_open_contradiction(found).sum())} open contradiction(s) or failed rule(s)")
# --------------------------------------------------------------------------- report, import-decisions, run (issue 6)


@main.command()
@handles_errors
def run() -> None:
    """Extract, validate, check and report on the bundled seeds."""
    raise click.UsageError("`factcheck run` is not built yet; use `factcheck validate`")


if __name__ == "__main__":  # pragma: no cover
    main()
