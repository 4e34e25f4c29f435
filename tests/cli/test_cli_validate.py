"""`factcheck validate` on broken ledgers (one breakage per file), accepted
variants, and the shipped claims.csv.  Expected line / column / code of every
broken file is written by hand in tests/data/broken/expected.csv."""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ledger.cli import main
from tests.conftest import DATA, ROOT

BROKEN = DATA / "broken"
LEDGER = DATA / "ledger"
EXPECTED = {r["file"]: r for r in csv.DictReader((BROKEN / "expected.csv").read_text(encoding="utf-8").splitlines(keepends=True))}
JSON_KEYS = {"file", "line", "column", "field", "value", "code", "reason", "hint", "message"}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def test_every_broken_file_has_an_expectation():
    files = {p.name for p in BROKEN.glob("*.csv") if p.name != "expected.csv"}
    assert files == set(EXPECTED)
    assert len(files) >= 15


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(p for p in BROKEN.glob("*.csv") if p.name != "expected.csv"),
                         ids=lambda p: p.stem)
def test_broken_ledger(path: Path):
    want = EXPECTED[path.name]
    before = _sha(path)
    result = _run(str(path), "--json")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    got = " ".join(f"{r['line']}:{'-' if r['column'] is None else r['column']}:{r['code']}" for r in rows)
    assert got == want["findings"], want["why"]
    assert result.exit_code == int(want["exit"])
    assert all(set(r) >= JSON_KEYS for r in rows)
    assert all(r["message"].startswith(f"{path}:{r['line']}") for r in rows)
    assert _sha(path) == before  # never modified


def test_text_output_is_the_documented_message_format():
    path = BROKEN / "17_after_multiline_note.csv"
    result = _run(str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:5:21: origin = 'extractd': not a known origin; did you mean 'extracted'? "
        "use one of extracted, manual"
    ]
    assert result.stderr.strip() == f"{path}: invalid: 4 rows, 1 error(s), 0 warning(s)"


def test_json_lines_equal_the_library_report():
    from ledger.claims import validate_ledger

    path = BROKEN / "04_bounds_swapped.csv"
    rows = [json.loads(line) for line in _run(str(path), "--json").stdout.splitlines()]
    lib = [p.to_dict() for p in validate_ledger(path).problems]
    assert rows == json.loads(json.dumps(lib, ensure_ascii=False))


@pytest.mark.parametrize("name, warnings", [
    ("utf8_bom.csv", []),
    ("crlf.csv", []),
    ("reordered.csv", []),
    ("utf16_bom.csv", ["utf16"]),
    ("blank_lines.csv", ["blank-line", "blank-line", "blank-line"]),
])
def test_accepted_variants_are_valid(name: str, warnings: list[str]):
    path = LEDGER / "accepted" / name
    before = _sha(path)
    result = _run(str(path), "--json")
    assert result.exit_code == 0, result.stdout
    assert [json.loads(line)["code"] for line in result.stdout.splitlines()] == warnings
    assert _sha(path) == before


def test_default_ledger_is_claims_csv_in_the_current_folder(tmp_path: Path, monkeypatch):
    shutil.copy(LEDGER / "valid.csv", tmp_path / "claims.csv")
    shutil.copytree(LEDGER / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = _run()
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "claims.csv: valid: 4 rows, 0 error(s), 0 warning(s)"


def test_sources_option_and_fallback_beside_the_ledger(tmp_path: Path):
    shutil.copy(LEDGER / "valid.csv", tmp_path / "claims.csv")
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(LEDGER / "seeds", elsewhere)
    # no seeds/ folder and no sources.csv beside the ledger: an error, exit 1
    result = _run(str(tmp_path / "claims.csv"), "--json")
    assert result.exit_code == 1
    assert [json.loads(x)["code"] for x in result.stdout.splitlines()] == ["sources-missing"]
    assert _run(str(tmp_path / "claims.csv"), "--sources", str(elsewhere / "sources.csv")).exit_code == 0
    # sources.csv directly beside the ledger is the second place looked at
    shutil.copy(elsewhere / "sources.csv", tmp_path / "sources.csv")
    shutil.copy(elsewhere / "a1.txt", tmp_path / "a1.txt")
    assert _run(str(tmp_path / "claims.csv")).exit_code == 0


@pytest.mark.parametrize("args", [["missing.csv"], [str(LEDGER / "valid.csv"), "--sources", "nope/sources.csv"]])
def test_unreadable_input_exits_2(args: list[str], tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run(*args)
    assert result.exit_code == 2
    assert "unreadable" in result.stderr


def test_shipped_claims_csv_validates():
    """Must show: `factcheck validate claims.csv` passes on the shipped ledger."""
    ledger = ROOT / "claims.csv"
    if not ledger.exists():
        pytest.skip("claims.csv not written yet")
    before = _sha(ledger)
    result = _run(str(ledger))
    assert result.exit_code == 0, result.stdout
    assert _sha(ledger) == before
