"""Regenerate the test ledgers from one valid base (run from the repo root:
``python tests/data/ledger/_make.py``).  The expected line / column / code of
each broken file is written by hand in tests/data/broken/expected.csv, not
here.  The article is synthetic (zh-Hans), so the fixtures do not depend on
the reviewed claims.csv."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from ledger.claims import to_csv_text
from ledger.record import claim_id

HERE = Path(__file__).resolve().parent
BROKEN = HERE.parent / "broken"

ARTICLE = (
    "3月11日,OpenAI宣布与CoreWeave达成了一份为期五年、价值达119亿美元的合同。\n"
    "微软持有OpenAI约27%的股份。\n"
    "OpenAI的收入在两年内增长了10倍。\n"
)


def _row(surface: str, quote: str, **fields) -> dict:
    start = ARTICLE.index(surface)
    end = start + len(surface)
    row = dict(claim_id=claim_id("a1", start, end, surface), source="a1", start=start, end=end,
               surface=surface, quote=quote, object="", period="", modality="actual",
               qualifier="exact", status="unreviewed", reviewer="", note="", origin="extracted",
               confidence=0.8, confidence_detail="subject=0.9;metric=0.8")
    row.update(fields)
    return row


def base() -> pd.DataFrame:
    nan = float("nan")
    rows = [
        _row("3月11日", "3月11日,OpenAI宣布与CoreWeave达成了一份为期五年、价值达119亿美元的合同", kind="date",
             subject="OpenAI", object="CoreWeave", metric="deal_date", period="2025-03-11",
             value=nan, value_low=nan, value_high=nan, unit="date"),
        _row("119亿美元", "价值达119亿美元的合同", kind="money", subject="OpenAI", object="CoreWeave",
             metric="contract_value", period="2025-03", value=11.9e9, value_low=11.9e9, value_high=11.9e9,
             unit="USD", status="confirmed", reviewer="lee"),
        _row("27%", "微软持有OpenAI约27%的股份", kind="percent", subject="Microsoft", object="OpenAI",
             metric="equity_stake", value=0.27, value_low=0.265, value_high=0.275, unit="ratio",
             qualifier="about", note='checked, see "restructuring"\nsecond line of the note'),
        _row("10倍", "OpenAI的收入在两年内增长了10倍", kind="multiple", subject="OpenAI",
             metric="growth_multiple", value=10.0, value_low=10.0, value_high=10.0, unit="times",
             confidence=nan, confidence_detail="", origin="manual"),
    ]
    return pd.DataFrame(rows)


def main() -> None:
    seeds = BROKEN / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / "a1.txt").write_bytes(ARTICLE.encode("utf-8"))
    sha = hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    (seeds / "sources.csv").write_text(
        "id,file,title,publisher,published,published_basis,published_evidence,script,sha256\n"
        f"a1,a1.txt,synthetic,,2025-03,stated,test article,zh-Hans,{sha}\n", encoding="utf-8")
    (HERE / "valid.csv").write_text(to_csv_text(base()), encoding="utf-8", newline="")
    for folder in (HERE, HERE / "accepted"):
        (folder / "seeds").mkdir(parents=True, exist_ok=True)
        (folder / "seeds" / "a1.txt").write_bytes((seeds / "a1.txt").read_bytes())
        (folder / "seeds" / "sources.csv").write_bytes((seeds / "sources.csv").read_bytes())


# --------------------------------------------------------------------------- variants


def sub(text: str, line: int, old: str, new: str) -> str:
    """Replace ``old`` (which must occur once on editor line ``line``) by ``new``."""
    lines = text.split("\n")
    assert lines[line - 1].count(old) == 1, (line, old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines)


def _recompute_id(text: str, line: int, source: str, start: int, end: int, surface: str) -> str:
    old_id = text.split("\n")[line - 1].split(",")[0]
    return sub(text, line, old_id, claim_id(source, start, end, surface))


def _without_column(text: str, name: str) -> str:
    df = pd.read_csv(pd.io.common.StringIO(text), dtype=str, keep_default_na=False)
    return df.drop(columns=[name]).to_csv(index=False, lineterminator="\n")


def broken(valid: str) -> dict[str, bytes]:
    """One breakage per file; expected findings are in expected.csv (by hand)."""
    v = valid
    utf8 = {
        "01_enum_trailing_space": sub(v, 6, ",exact,", ",exact ,"),
        "02_unknown_unit": sub(v, 3, ",USD,", ",dollars,"),
        "03_stake_as_percent": sub(v, 4, ",0.27,0.265,0.275,", ",27,26.5,27.5,"),
        "04_bounds_swapped": sub(v, 4, ",0.27,0.265,0.275,", ",0.27,0.275,0.265,"),
        "05_not_a_number": sub(v, 3, ",actual,11900000000,", ",actual,119亿,"),
        "06_surface_mismatch": _recompute_id(sub(v, 3, ",37,43,", ",38,44,"), 3, "a1", 38, 44, "119亿美元"),
        "07_duplicate_row": v + v.split("\n")[5] + "\n",
        "08_missing_column": _without_column(v, "unit"),
        "09_extra_column": "\n".join(
            ln + (",comment" if i == 0 else (",x" if ln and i != 3 else "")) for i, ln in enumerate(v.split("\n"))
        ),
        "10_unquoted_comma": sub(v, 6, "OpenAI的收入在", "OpenAI的收入,在"),
        "11_unclosed_quote": sub(v, 3, ",价值达119亿美元的合同,", ',"价值达119亿美元的合同,'),
        "16_not_a_ledger": ARTICLE,
        "17_after_multiline_note": sub(v, 5, ",extracted,", ",extractd,"),
        "18_date_with_value": sub(v, 2, ",2025-03-11,actual,,", ",2025-03-11,actual,1741651200,"),
        "19_bad_period": sub(v, 3, ",2025-03,", ",2025-13,"),
        "20_unknown_source": _recompute_id(sub(v, 6, ",a1,", ",a2,"), 6, "a2", 83, 86, "10倍"),
        "21_quote_not_in_article": sub(v, 3, ",价值达119亿", ",价值119亿"),
        "22_claim_id_mismatch": sub(v, 6, "c-021eaf7c57e0", "c-000000000000"),
        "23_metric_unit": sub(v, 6, ",growth_multiple,", ",valuation,"),
        "24_end_before_start": _recompute_id(sub(v, 6, ",83,86,", ",86,83,"), 6, "a1", 86, 83, "10倍"),
        "25_confidence_out_of_range": sub(v, 2, ",0.8,", ",1.5,"),
        "26_crlf_bad_value": sub(v, 6, ",10,10,10,", ",10,10,ten,").replace("\n", "\r\n"),
        "27_header_typo": sub(v, 1, ",qualifier,", ",qualifer,"),
        "28_too_few_fields": sub(v, 6, ",manual,,", ",manual"),
        "29_text_after_quote": sub(v, 2, '的合同",date,', '的合同"x,date,'),
        "30_reviewed_without_subject": sub(v, 3, ",money,OpenAI,", ",money,,"),
        "31_kind_unit": sub(v, 4, ",percent,", ",money,"),
        "32_duplicate_column": "\n".join(
            ln + (",note" if i == 0 else (",x" if ln and i != 3 else "")) for i, ln in enumerate(v.split("\n"))
        ),
    }
    out = {name: text.encode("utf-8") for name, text in utf8.items()}
    out["12_gbk"] = v.encode("gbk")
    out["13_big5"] = v.replace("亿美元", "億美元").replace("约", "約").replace("与", "與").replace(
        "达成", "達成").replace("价值达", "價值達").replace("为期五年", "為期五年").replace(
        "软", "軟").replace("的收入在两年内增长了", "的收入在兩年內增長了").replace("份合同", "份合同").encode("big5")
    out["14_utf16_no_bom"] = v.encode("utf-16-le")
    out["15_empty"] = b""
    return out


def accepted(valid: str) -> dict[str, bytes]:
    """Files that read as the same ledger as valid.csv (some with warnings)."""
    df = pd.read_csv(pd.io.common.StringIO(valid), dtype=str, keep_default_na=False)
    cols = list(df.columns)
    reordered = df[[cols[3], cols[0], *cols[4:][::-1], cols[1], cols[2]]]
    return {
        "utf8_bom": b"\xef\xbb\xbf" + valid.encode("utf-8"),
        "crlf": valid.replace("\n", "\r\n").encode("utf-8"),
        "utf16_bom": valid.encode("utf-16"),
        "reordered": reordered.to_csv(index=False, lineterminator="\n").encode("utf-8"),
        "blank_lines": _blank_lines(valid).encode("utf-8"),
    }


def _blank_lines(valid: str) -> str:
    lines = valid.split("\n")  # [header, row2, ..., row6, ""]
    return "\n".join([lines[0], "", *lines[1:5], "   ", *lines[5:]]) + "\n"


def write_variants() -> None:
    valid = (HERE / "valid.csv").read_text(encoding="utf-8")
    for name, data in broken(valid).items():
        (BROKEN / f"{name}.csv").write_bytes(data)
    folder = HERE / "accepted"
    folder.mkdir(exist_ok=True)
    for name, data in accepted(valid).items():
        (folder / f"{name}.csv").write_bytes(data)


if __name__ == "__main__":
    main()
    write_variants()
