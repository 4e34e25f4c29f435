"""The entity table (``ledger/lexicon/entities.toml``) as data: its shape,
the uniqueness of its names, and a few facts a reader can check in public
sources (index membership, listings, the Chinese names the press uses)."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from ledger.sources import to_simplified

TABLE = Path(__file__).resolve().parents[2] / "ledger" / "lexicon" / "entities.toml"

TYPES = {"company", "person", "organization", "fund", "project", "product", "media", "research", "government"}

# EXCHANGE -> the shape of its codes, as the exchange writes them.
EXCHANGES = {
    "HKEX": r"\d{4}",  # 0700, 9988
    "TWSE": r"\d{4}",  # 2330
    "SSE": r"6\d{5}",  # 600519, 688981
    "SZSE": r"[03]\d{5}",  # 000858, 002594, 300750
    "KRX": r"\d{6}",  # 005930
    "TSE": r"\d{4}",  # 7203 (Tokyo)
    "NASDAQ": r"[A-Z]{1,5}",
    "NYSE": r"[A-Z]{1,4}(\.[A-Z])?",  # BRK.A
    "OTC": r"[A-Z]{4,5}",  # TCEHY
    "LSE": r"[A-Z]{3,4}",
    "XETRA": r"[A-Z0-9]{2,4}",
    "EPA": r"[A-Z]{2,5}",
    "AMS": r"[A-Z]{2,5}",
    "BIT": r"[A-Z]{2,5}",
    "SIX": r"[A-Z]{3,4}",
    "CPH": r"[A-Z]{3,5}(-[AB])?",  # NOVO-B
    "TADAWUL": r"\d{4}",  # 2222
}


def _load() -> dict:
    return tomllib.loads(TABLE.read_text(encoding="utf-8"))


TABLE_DATA = _load()


def fold(word: str) -> str:
    """What matching sees: traditional folded to simplified, lower case."""
    return to_simplified(word).lower()


def names(spec_name: str) -> list[str]:
    return [spec_name, *TABLE_DATA[spec_name].get("aliases", [])]


def owner_of(word: str) -> str | None:
    f = fold(word)
    for name in TABLE_DATA:
        if any(fold(a) == f for a in names(name)):
            return name
    return None


def test_the_table_is_large_and_every_entry_is_a_table():
    assert len(TABLE_DATA) >= 400
    for name, spec in TABLE_DATA.items():
        assert isinstance(spec, dict), name
        assert set(spec) <= {"type", "qid", "aliases", "tickers", "parent"}, (name, sorted(spec))


def test_every_entry_has_a_known_type():
    bad = {n: s.get("type") for n, s in TABLE_DATA.items() if s.get("type") not in TYPES}
    assert bad == {}


def test_every_entry_has_aliases_as_a_list_of_strings():
    for name, spec in TABLE_DATA.items():
        aliases = spec.get("aliases")
        assert isinstance(aliases, list) and aliases, name
        assert all(isinstance(a, str) and a == a.strip() and a for a in aliases), name


def test_no_alias_names_two_entities():
    """Canonical names count too: matching treats them as aliases."""
    owner: dict[str, str] = {}
    clashes = []
    for name in TABLE_DATA:
        for alias in names(name):
            f = fold(alias)
            if owner.setdefault(f, name) != name:
                clashes.append((alias, owner[f], name))
    assert clashes == []


def test_no_alias_is_shorter_than_two_characters():
    short = [(n, a) for n in TABLE_DATA for a in names(n) if len(fold(a)) < 2]
    assert short == []


def test_every_parent_is_an_entry_and_not_the_entry_itself():
    for name, spec in TABLE_DATA.items():
        if "parent" in spec:
            assert spec["parent"] in TABLE_DATA, (name, spec["parent"])
            assert spec["parent"] != name


def test_parents_have_no_cycles():
    for name in TABLE_DATA:
        seen, cur = {name}, TABLE_DATA[name].get("parent")
        while cur:
            assert cur not in seen, name
            seen.add(cur)
            cur = TABLE_DATA[cur].get("parent")


def test_qids_are_wikidata_item_ids_and_unique():
    qids = {n: s["qid"] for n, s in TABLE_DATA.items() if "qid" in s}
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in qids.values()), qids
    assert len(set(qids.values())) == len(qids)


def test_tickers_are_exchange_colon_code_on_a_known_exchange():
    seen: dict[str, str] = {}
    for name, spec in TABLE_DATA.items():
        tickers = spec.get("tickers", [])
        assert isinstance(tickers, list), name
        for t in tickers:
            exchange, _, code = t.partition(":")
            assert exchange in EXCHANGES, (name, t)
            assert re.fullmatch(EXCHANGES[exchange], code), (name, t)
            assert seen.setdefault(t, name) == name, (t, seen[t], name)


def test_the_project_loader_reads_the_table():
    from ledger.framing.cues import load_lexicon

    lex = load_lexicon()
    types = {e.name: e.type for e in lex.entities}
    assert len(types) == len(TABLE_DATA)
    assert types["Reuters"] == "media" and types["IDC"] == "research"


# ---------------------------------------------------------------- spot checks from public facts


@pytest.mark.parametrize(
    ("name", "ticker"),
    [
        ("TSMC", "TWSE:2330"),  # Taiwan listing; ADR on the NYSE as TSM
        ("TSMC", "NYSE:TSM"),
        ("Tencent", "HKEX:0700"),
        ("Alibaba", "HKEX:9988"),
        ("Alibaba", "NYSE:BABA"),
        ("Foxconn", "TWSE:2317"),  # Hon Hai Precision
        ("MediaTek", "TWSE:2454"),
        ("Kweichow Moutai", "SSE:600519"),
        ("CATL", "SZSE:300750"),
        ("BYD", "SZSE:002594"),
        ("BYD", "HKEX:1211"),
        ("Samsung", "KRX:005930"),
        ("SK Hynix", "KRX:000660"),
        ("Toyota", "TSE:7203"),
        ("SoftBank", "TSE:9984"),
        ("HSBC", "HKEX:0005"),
        ("Xiaomi", "HKEX:1810"),
        ("Meituan", "HKEX:3690"),
        ("Berkshire Hathaway", "NYSE:BRK.B"),
        ("Nvidia", "NASDAQ:NVDA"),
        ("Saudi Aramco", "TADAWUL:2222"),
    ],
)
def test_listing(name, ticker):
    assert ticker in TABLE_DATA[name]["tickers"]


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("輝達", "Nvidia"),  # Taiwan
        ("英伟达", "Nvidia"),  # mainland
        ("英偉達", "Nvidia"),  # Hong Kong
        ("超微", "AMD"),  # Taiwan name of AMD
        ("AMD", "AMD"),
        ("高通公司", "Qualcomm"),
        ("三星電子", "Samsung"),
        ("台積電", "TSMC"),
        ("台积电", "TSMC"),
        ("富士康", "Foxconn"),
        ("鴻海", "Foxconn"),
        ("聯發科", "MediaTek"),
        ("騰訊", "Tencent"),
        ("匯豐", "HSBC"),
        ("滙豐", "HSBC"),
        ("美的集團", "Midea Group"),
        ("中國平安", "Ping An"),
        ("理想汽車", "Li Auto"),
        ("蔚来", "NIO"),
        ("格力电器", "Gree Electric"),
        ("宁德时代", "CATL"),
        ("東京威力科創", "Tokyo Electron"),
        ("沙烏地阿美", "Saudi Aramco"),
        ("Temu", "PDD Holdings"),
        ("港交所", "Hong Kong Exchanges and Clearing"),
        ("證監會", "China Securities Regulatory Commission"),
        ("路透社", "Reuters"),
        ("彭博", "Bloomberg"),
        ("集邦", "TrendForce"),
    ],
)
def test_names_the_press_uses(word, name):
    assert owner_of(word) == name


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Reuters", "media"), ("Bloomberg", "media"), ("Wall Street Journal", "media"),
        ("Xinhua", "media"), ("Caixin", "media"), ("Central News Agency", "media"),
        ("IDC", "research"), ("Counterpoint Research", "research"), ("TrendForce", "research"),
        ("Morningstar", "research"), ("LSEG", "research"),
        ("Hong Kong Exchanges and Clearing", "organization"),
        ("Securities and Exchange Commission", "organization"),
        ("China Securities Regulatory Commission", "organization"),
        ("Taiwan Stock Exchange", "organization"),
        ("ByteDance", "company"), ("Huawei", "company"),
    ],
)
def test_type(name, kind):
    assert TABLE_DATA[name]["type"] == kind


def test_taiwan_and_mainland_economic_dailies_are_two_entries():
    assert TABLE_DATA["Economic Daily"]["type"] == TABLE_DATA["Economic Daily News"]["type"] == "media"
    assert owner_of("经济日报") == "Economic Daily"


@pytest.mark.parametrize(
    ("name", "qid"),
    [("Microsoft", "Q2283"), ("Apple", "Q312"), ("Nvidia", "Q182477"), ("TSMC", "Q713418"),
     ("Tencent", "Q860580"), ("OpenAI", "Q21708200")],
)
def test_qid(name, qid):
    assert TABLE_DATA[name]["qid"] == qid


def test_every_index_listed_in_the_header_is_represented():
    """A few constituents of each index the table is built from."""
    for name in ["CK Hutchison", "AIA Group", "Link REIT", "SenseTime", "Kuaishou",  # Hang Seng / HS TECH
                 "Delta Electronics", "Fubon Financial", "UMC", "ASE Technology",  # Taiwan 50
                 "China Merchants Bank", "Wuliangye", "Zijin Mining", "Cambricon",  # CSI 300
                 "Costco", "Booking Holdings", "Lam Research", "Palantir",  # NASDAQ-100
                 "Caterpillar", "Travelers Companies", "Sherwin-Williams", "3M Company"]:  # Dow 30
        assert name in TABLE_DATA, name


# Ordinary phrases of financial text that must not contain any alias: matching
# is on substrings of Chinese text, so an alias inside one of these would tag
# an entity where none is named.
TRAPS = [
    "高通胀", "营收增长和利润", "施工行业", "其中行业", "成交行情", "美国巨头", "伊利诺伊州",
    "平台化", "3月5日立案调查", "坐上汽车", "其中车企", "其中铝价", "其中租金",
    "东南亚科技公司", "加强生产", "公安进行调查", "中国银行业", "中国石油需求", "美国银行业",
    "中国寿险业", "欧美银行", "照顾能力", "兼顾能源安全", "商界巨亨", "该平台达到", "输油管",
    "美元大涨", "美好生活", "中国信托业", "联合报告", "说明报告", "文艺电影", "小摩托车", "大摩擦",
]


def _found(text: str) -> list[str]:
    """The entities the project's matcher finds in ``text``."""
    from ledger.framing.cues import entity_words, find_words, load_lexicon

    return [h.name for h in find_words(fold(text), entity_words(load_lexicon()))]


@pytest.mark.slow
@pytest.mark.parametrize("phrase", TRAPS)
def test_no_alias_hides_in_an_ordinary_phrase(phrase):
    assert _found(phrase) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("京东方面表示", ["JD"]),  # BOE is 京东方科技 / 京东方A, never bare 京东方
        ("輝達與台積電", ["Nvidia", "TSMC"]),
        ("据路透社报道，腾讯控股", ["Reuters", "Tencent"]),
        ("腾讯音乐", ["Tencent Music"]),  # the longer name wins
        ("何小鹏表示", ["He Xiaopeng"]),  # not XPeng
        ("美超微与超微", ["Super Micro Computer", "AMD"]),
        ("People's Bank of China and Bank of China", ["People's Bank of China", "Bank of China"]),
    ],
)
def test_the_matcher_finds(text, found):
    assert _found(text) == found


@pytest.mark.parametrize("word", ["美的", "平安", "理想", "格力", "联想", "吉利", "字节", "地平线", "大众",
                                  "Shell", "Visa", "Arm", "Fed", "Strategy", "Fortune", "Wind", "Moonshot"])
def test_bare_ordinary_words_are_not_aliases(word):
    assert owner_of(word) is None
