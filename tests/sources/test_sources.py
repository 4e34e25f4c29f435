"""Reading articles and the cleaned text's offset map."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.errors import InputUnreadable
from ledger.sources import clean, detect_script
from ledger.textio import decode_bytes, read_text
from tests.conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def test_gloss_is_removed_and_offsets_point_into_original():
    original = "高達(dá)1.4萬(wàn)億美元"
    ct = clean(original)
    assert ct.text == "高达1.4万亿美元"
    i = ct.text.index("1.4")
    s, e = ct.span(i, i + len("1.4万亿美元"))
    assert original[s:e] == "1.4萬(wàn)億美元"


@pytest.mark.parametrize(
    "original, cleaned",
    [
        ("１２３億", "123亿"),                 # full-width digits fold
        ("1000\u00a0亿美元", "1000 亿美元"),   # no-break space becomes a space
        ("<b>27%</b>的股權", "27%的股权"),       # HTML tags go, script converts
        ("40&nbsp;亿", "40 亿"),                # entities decode
        ("人工智能(AI)", "人工智能(AI)"),        # an upper-case abbreviation is no gloss
        ("(科技业最好的基友关系)", "(科技业最好的基友关系)"),
    ],
)
def test_clean_table(original, cleaned):
    assert clean(original).text == cleaned


def test_utf8_bom_is_accepted():
    assert decode_bytes("\ufeff微软".encode("utf-8"), "x.txt") == "微软"


@pytest.mark.parametrize("encoding, named", [("gbk", "GB18030"), ("big5", "BIG5")])
def test_legacy_encoding_is_named(encoding, named):
    raw = "微软向OpenAI投资130亿美元，持有49%的股权。".encode(encoding) if encoding == "gbk" \
        else "微軟向OpenAI投資130億美元，持有49%的股權。".encode(encoding)
    with pytest.raises(InputUnreadable) as info:
        decode_bytes(raw, "a.txt")
    assert named in str(info.value)
    assert "a.txt:1:" in str(info.value)


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(InputUnreadable):
        read_text(tmp_path / "nope.txt")


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_every_cleaned_char_maps_back(path):
    original = read_text(path)
    ct = clean(original, simplify=False)
    for i, ch in enumerate(ct.text):
        s, e = ct.span(i, i + 1)
        if e - s == 1:
            assert ch in (original[s], unicodedata.normalize("NFKC", original[s]))


def test_seed_scripts():
    scripts = {p.name[:3]: detect_script(read_text(p)) for p in SEED_FILES}
    assert scripts == {"000": "zh-Hant", "001": "zh-Hans", "002": "zh-Hans", "003": "zh-Hans", "004": "zh-Hans"}
    assert detect_script("Microsoft invested $13 billion in OpenAI.") == "en"


@given(st.text(max_size=200))
def test_clean_never_raises_and_spans_are_monotonic(s):
    ct = clean(s)
    assert len(ct.text) == len(ct.starts) == len(ct.ends)
    assert list(ct.starts) == sorted(ct.starts)
    assert all(0 <= a < b <= len(s) for a, b in zip(ct.starts, ct.ends))
