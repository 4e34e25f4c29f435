"""The workbook across currencies (issue 12): each claim's figure in its own
currency, and beside it the figure converted into the issue's currency at the
rate its pair used, with the rate's date and source.

Every expected figure is worked out by hand. The articles are all published
2025-10-29 (the sources table of tests/cli/test_cli_currencies.py); the rate
is a reviewer's (rates.csv), used before the ECB's: 7.1 CNY per USD, so
9,600亿元 = 960 bn CNY is 960 / 7.1 = 135.211 bn USD, and $135 bn is 135 x 7.1
= 958.5 bn CNY.  Without rates.csv the ECB's rate of that day is 7.0994 CNY
per USD (8.2609 CNY / 1.1636 USD per EUR, docs/currencies.md): 960 / 7.0994 =
135.222 bn USD.
"""
from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from ledger.cli import main
from ledger.crosscheck.rates import conversion_text
from ledger.report import CONFLICT_SHEET_COLUMNS
from tests.claims_factory import claim
from tests.cli.test_cli_currencies import CNY_9600, TWD, USD_135, workspace

HEADERS = [h for h, _ in CONFLICT_SHEET_COLUMNS]
RATES_71 = "date,base,quote,rate,source,note\n2025-10-29,USD,CNY,7.1,test figure,\n"
USD_130 = claim("en2", "$130 billion", "stake_value", 130e9, kind="money")
TWD_45 = claim("tw2", "新台幣4.5兆元", "stake_value", 4.5e12, kind="money", unit="TWD")


def report(tmp_path, *rows, rates: str | None = None):
    """`factcheck report` on a workspace of ``rows``; the workbook, read back."""
    path = workspace(tmp_path, *rows, rates=rates)
    out = tmp_path / "conflicts.xlsx"
    res = CliRunner().invoke(main, ["report", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out, openpyxl.load_workbook(out)


def only_issue(wb) -> dict:
    [row] = list(wb["Conflicts"].iter_rows(min_row=2))
    return dict(zip(HEADERS, row))


def members(wb) -> dict[str, dict]:
    """Issue members rows by their words, header -> cell."""
    ws = wb["Issue members"]
    heads = [c.value for c in ws[1]]
    return {r["Words"].value: r for r in (dict(zip(heads, row)) for row in ws.iter_rows(min_row=2))}


# --------------------------------------------------------------------------- the sentence


@pytest.mark.parametrize("args, said", [
    # b = 960 bn CNY; rate 1/7.1 USD per CNY (shown the way round that is >= 1): 960 / 7.1 = 135.2 bn USD
    ((960e9 / 7.1, "USD", "CNY", 1 / 7.1, 1 / 7.1, 1 / 7.1, "2025-10-29", "ECB"),
     "= 135.2 bn USD at 7.1 CNY/USD on 2025-10-29, ECB"),
    # b = $135 bn into CNY at 7.1: 958.5 bn CNY
    ((135e9 * 7.1, "CNY", "USD", 7.1, 7.1, 7.1, "2025-10-29", "ECB"),
     "= 958.5 bn CNY at 7.1 CNY/USD on 2025-10-29, ECB"),
    # a month's rates 7.0994..7.1400 (USD per CNY 1/7.1400..1/7.0994): the range, over the span of days
    ((960e9 / 7.12, "USD", "CNY", 1 / 7.12, 1 / 7.14, 1 / 7.0994, "2025-10-01/2025-10-31", "ECB"),
     "= 134.8 bn USD at 7.12 CNY/USD (7.0994 to 7.14) over 2025-10-01/2025-10-31, ECB"),
    # a writer's own rate has no date of its own here
    ((2.13654e12, "CNY", "USD", 7.1218, 7.1218, 7.1218, "", "stated in zh"),
     "= 2.137 tn CNY at 7.1218 CNY/USD, stated in zh"),
])
def test_conversion_text(args, said):
    assert conversion_text(*args) == said


def test_no_rate_no_text():
    assert conversion_text(1e9, "USD", "USD", float("nan"), float("nan"), float("nan"), "", "") == ""


# --------------------------------------------------------------------------- the workbook


def test_a_pair_across_currencies_shows_b_in_its_own_currency_and_converted(tmp_path):
    _, wb = report(tmp_path, USD_135, CNY_9600, rates=RATES_71)
    issue = only_issue(wb)
    # one consistent pair ($135 bn is [134.5, 135.5] bn; 135.21 bn is inside), compared in USD (claim a's)
    assert issue["Verdict"].value == "consistent"
    assert issue["Versions"].value.splitlines() == [
        "v1 “$135 billion” 135 bn USD — unnamed outlet «en» (2025-10-29, stated)",
        "v2 “9,600亿元” 960 bn CNY = 135.2 bn USD at 7.1 CNY/USD on 2025-10-29, rates.csv line 2 (test figure)"
        " — unnamed outlet «zh1» (2025-10-29, stated)",
    ]
    m = members(wb)
    usd, cny = m["$135 billion"], m["9,600亿元"]
    # each figure in its own unit: 960,000,000,000 CNY, not as USD
    assert (cny["Value"].value, cny["Unit"].value, cny["Value"].number_format) == (960e9, "CNY", '#,##0" CNY"')
    # the factory's ledger row has low = high = value; they too are in CNY
    assert (cny["Low"].value, cny["High"].value, cny["High"].number_format) == (960e9, 960e9, '#,##0" CNY"')
    assert (usd["Value"].value, usd["Value"].number_format) == (135e9, '#,##0" USD"')
    # beside it, in the issue's unit: 960e9 / 7.1 = 135,211,267,605.6 USD
    assert cny["Converted"].value == pytest.approx(960e9 / 7.1, rel=1e-12)
    assert cny["Converted"].number_format == '#,##0" USD"'
    assert cny["Conversion"].value == "135.2 bn USD at 7.1 CNY/USD on 2025-10-29, rates.csv line 2 (test figure)"
    # the claim already in USD is not converted
    assert (usd["Converted"].value, usd["Conversion"].value) == (None, None)


def test_the_ecb_rate_of_the_day_is_named(tmp_path):
    _, wb = report(tmp_path, USD_135, CNY_9600)  # no rates.csv: 7.0994 CNY per USD on 2025-10-29
    cny = members(wb)["9,600亿元"]
    assert cny["Converted"].value == pytest.approx(960e9 / 7.0994, rel=1e-4)  # 135.22 bn USD
    assert cny["Conversion"].value.startswith("135.2 bn USD at 7.0994 CNY/USD on 2025-10-29, ECB euro reference")
    assert "= 135.2 bn USD at 7.0994 CNY/USD on 2025-10-29, ECB" in only_issue(wb)["Versions"].value


def test_a_pair_in_one_currency_shows_no_conversion(tmp_path):
    _, wb = report(tmp_path, USD_135, USD_130, rates=RATES_71)
    issue = only_issue(wb)
    # $130 bn [129.5, 130.5] vs $135 bn [134.5, 135.5]: a contradiction, no rate needed
    assert issue["Verdict"].value == "contradiction"
    assert " at " not in issue["Versions"].value and "=" not in issue["Versions"].value
    for m in members(wb).values():
        assert (m["Converted"].value, m["Conversion"].value) == (None, None)


def test_a_version_without_a_rate_says_so(tmp_path):
    # two USD and two TWD claims of one figure: each pair in one currency compared, USD-TWD not (the ECB
    # has no TWD and there is no rates.csv), so one issue holds versions in two currencies and no rate
    _, wb = report(tmp_path, USD_135, USD_130, TWD, TWD_45)
    issue = only_issue(wb)
    m = members(wb)
    target = "TWD" if m["$135 billion"]["Conversion"].value else "USD"  # the issue's unit: its top pair's
    other = "USD" if target == "TWD" else "TWD"
    foreign = [w for w, r in m.items() if r["Unit"].value == other]
    assert len(foreign) == 2
    for words in foreign:
        assert m[words]["Converted"].value is None
        assert m[words]["Conversion"].value == (f"not converted into {target}: no {other}/{target} rate "
                                                "(the no-rate note of `factcheck check` says why)")
    assert issue["Versions"].value.count(f"not converted into {target}: no {other}/{target} rate") == 2


def test_a_hostile_rate_source_stays_text(tmp_path):
    hostile = '=HYPERLINK("http://example.invalid","x")'
    rates = f'date,base,quote,rate,source,note\n2025-10-29,USD,CNY,7.1,"{hostile.replace(chr(34), chr(34) * 2)}",\n'
    path, wb = report(tmp_path, USD_135, CNY_9600, rates=rates)
    cny = members(wb)["9,600亿元"]
    assert cny["Conversion"].value == f"135.2 bn USD at 7.1 CNY/USD on 2025-10-29, rates.csv line 2 ({hostile})"
    assert cny["Conversion"].data_type == "s"
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}"
    with zipfile.ZipFile(path) as z:
        for name in (n for n in z.namelist() if n.startswith("xl/worksheets/sheet")):
            assert re.search(rb"<f[ >]", z.read(name)) is None, name


def test_no_cell_starts_like_a_formula(tmp_path):
    # the conversion's own cell drops the "= " it has inside the Versions text
    _, wb = report(tmp_path, USD_135, CNY_9600, rates=RATES_71)
    for ws in (wb["Conflicts"], wb["Issue members"]):
        for row in ws.iter_rows(min_row=2, values_only=True):
            assert not any(isinstance(v, str) and v.startswith("=") for v in row)
