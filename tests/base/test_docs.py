"""The docs are a promise.

The README is a front door (at most 12 KB) that opens with the two commands CI
and newcomers run, shows real output and names every command; docs/cli.md is a
golden file of the CLI; docs/ledger.md describes every claims.csv column and
every problem code; every relative link leads somewhere.
"""
from __future__ import annotations

import doctest
import fnmatch
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from ledger.claims.schema import columns_markdown
from ledger.cli import main
from ledger.errors import Code
from ledger.record import COLUMNS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
CLI_DOC = (DOCS / "cli.md").read_text(encoding="utf-8")
LEDGER_DOC = (DOCS / "ledger.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)
MAX_README_BYTES = 12 * 1024


def test_the_cli_has_the_commands_the_issues_name():
    assert {"validate", "mentions", "extract", "check", "report", "import-decisions", "run"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert len(main.commands[name].help or "") > 20


# --------------------------------------------------------------------------- the README


def test_readme_is_a_front_door():
    assert len(README.encode("utf-8")) <= MAX_README_BYTES


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


def test_the_first_command_installs_every_subpackage():
    """`pip install .` (not editable) ships only the packages pyproject.toml names."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    include = config["packages"]["find"]["include"]
    packages = sorted(".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "ledger").rglob("__init__.py"))
    assert [p for p in packages if not any(fnmatch.fnmatchcase(p, pattern) for pattern in include)] == []


def _cli_table() -> str:
    return README.split("## The CLI at a glance", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme_cli_table(name):
    assert re.search(rf"^\| `factcheck {re.escape(name)}\b", _cli_table(), re.M)


def test_the_readme_links_every_docs_page():
    pages = [*sorted(p.relative_to(ROOT).as_posix() for p in DOCS.glob("*.md")), "bench/README.md"]
    assert [p for p in pages if f"]({p})" not in README] == []


# --------------------------------------------------------------------------- the tour: real output


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)\n```", README, re.S)


def _sessions() -> dict[str, list[str]]:
    """Each `$ command` of the README's console blocks -> the lines it shows."""
    out: dict[str, list[str]] = {}
    for block in _blocks("console"):
        command = None
        for line in block.splitlines():
            if line.startswith("$ "):
                command = line[2:]
                out[command] = []
            elif command is not None:
                out[command].append(line)
    return out


@pytest.fixture
def tour(tmp_path, monkeypatch) -> Path:
    """A copy of what the tour needs, as the current folder."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "claims.csv", tmp_path / "claims.csv")
    shutil.copytree(ROOT / "tests" / "data" / "broken", tmp_path / "tests" / "data" / "broken")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _shown(command: str) -> tuple[list[str], int | None]:
    """The lines the README shows for ``command`` (cut ones, holding '…', left
    out) and the exit status it shows after ``; echo "exit $?"``, if any."""
    lines = _sessions()[command]
    status = next((int(line.split()[1]) for line in lines if re.fullmatch(r"exit \d", line)), None)
    return [line for line in lines if "…" not in line and not re.fullmatch(r"exit \d", line)], status


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.slow
@pytest.mark.parametrize("command", [
    "factcheck run",
    'factcheck check; echo "exit $?"',
    'factcheck validate tests/data/broken/04_bounds_swapped.csv; echo "exit $?"',
])
def test_the_tour_shows_real_output(tour, command):
    shown, status = _shown(command)
    result = _run(*command.split(";")[0].split()[1:])
    printed = result.output.splitlines()  # stdout and stderr, as a terminal shows them
    assert shown and [line for line in shown if line not in printed] == []
    assert status in (None, result.exit_code)


def test_the_tour_mentions_one_sentence(tour):
    (echo,) = [c for c in _sessions() if c.startswith("echo ") and c.endswith("> one.txt")]
    sentence = re.fullmatch(r"echo '(.*)' > one.txt", echo).group(1)
    (tour / "one.txt").write_text(sentence + "\n", encoding="utf-8")
    shown, _ = _shown("factcheck mentions one.txt")
    assert len(shown) == 3
    assert _run("mentions", "one.txt").stdout.splitlines() == shown


def test_the_tour_notebook_runs(tour):
    (session,) = [b for b in _blocks("python") if b.startswith(">>> from ledger import Workspace")]
    test = doctest.DocTestParser().get_doctest(session, {}, "README notebook", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


# --------------------------------------------------------------------------- docs/cli.md: generated from the CLI


def test_cli_reference_is_up_to_date():
    """docs/cli.md is what scripts/cli_reference.py makes of the commands
    (run the script to update it)."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "cli_reference.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_in_the_cli_reference(name):
    assert f"### `factcheck {name}`" in CLI_DOC
    assert f"Usage: factcheck {name} " in CLI_DOC


def test_the_cli_reference_has_the_exit_statuses():
    table = CLI_DOC.split("## Exit statuses", 1)[1].split("\n## ", 1)[0]
    assert [row.split("|")[1].strip() for row in table.splitlines() if re.match(r"\| \d \|", row)] == ["0", "1", "2"]


# --------------------------------------------------------------------------- docs/ledger.md


def test_the_column_table_is_generated_from_column_specs():
    assert columns_markdown() in LEDGER_DOC


@pytest.mark.parametrize("column", COLUMNS)
def test_every_ledger_column_is_described(column):
    assert f"`{column}`" in LEDGER_DOC


def test_every_problem_code_is_listed():
    codes = LEDGER_DOC.split("## Problem codes", 1)[1].split("\n## ", 1)[0]
    assert [c.value for c in Code if f"| `{c.value}` |" not in codes] == []


# --------------------------------------------------------------------------- links


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, re.M)}


PAGES = [ROOT / "README.md", ROOT / "bench" / "README.md", *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_somewhere(page):
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # http:, https:, mailto:
        path, _, anchor = target.partition("#")
        dest = (page.parent / path).resolve() if path else page
        if not dest.exists() or (anchor and dest.suffix == ".md" and anchor not in _anchors(dest)):
            broken.append(target)
    assert broken == []
