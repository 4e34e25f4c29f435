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
# --------------------------------------------------------------------------- report, import-decisions, run (issue 6)


@main.command()
@handles_errors
def run() -> None:
    """Extract, validate, check and report on the bundled seeds."""
    raise click.UsageError("`factcheck run` is not built yet; use `factcheck validate`")


if __name__ == "__main__":  # pragma: no cover
    main()
