"""The README is a promise: every command is documented, the two commands are
the ones CI and newcomers run, and every claims.csv column is described."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from ledger.cli import main
from ledger.record import COLUMNS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


def test_the_cli_has_the_commands_the_issues_name():
    assert {"validate", "mentions", "extract", "check", "report", "import-decisions", "run"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert len(main.commands[name].help or "") > 20


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_in_readme(name):
    assert f"factcheck {name}" in README


def _two_commands() -> list[str]:
    section = README.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_readme_opens_with_two_commands():
    main_job, tests = _two_commands()
    assert main_job.endswith("factcheck run")
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command():
    _, tests = _two_commands()
    install_and_test = tests.split("&& ", 2)[-1]  # after creating and activating the venv
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci


@pytest.mark.parametrize("column", COLUMNS)
def test_every_ledger_column_is_described(column):
    assert f"`{column}`" in README
