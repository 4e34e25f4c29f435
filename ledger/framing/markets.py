"""Markets: what a market share is of, and who the whole market's own figures
belong to (cues.toml ``[market]``).

A market is named as a product before the word for market, with an optional
scope: 全球智能手机市场, 中国新能源汽车市场, 'the global smartphone market'.  Its
name is the phrase as written (simplified script, lower case, no spaces in
Chinese), so the cross-check folds it like any unlisted name.  Words that name a
region or tier of a company's business (海外市场) or a capital market are no
product market.  Nearest first: the market named in the figure's sentence, then
earlier in its paragraph, then the first the article names (its topic).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.framing.doc import Doc, Spot, about_report, main_company
from ledger.framing.names import segment

#: jieba tags of the words a product before 市场 is made of (nouns, proper
#: nouns, verbal nouns, English words, distinguishing words)
_PRODUCT_TAGS = ("n", "vn", "eng", "b", "nz", "ns", "nt", "j")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Market:
    start: int
    end: int
    name: str
    product: str


def markets(doc: Doc) -> list[Market]:
    """Every product market the article names, in text order (once per article)."""
    return list(_kept(doc))


def _kept(doc: Doc) -> list[Market]:
    """:func:`markets`, the list kept for the article (read it, never change it): asked at every
    figure, looked up by bisection (``doc.among``) rather than copied and scanned."""
    if "markets" not in doc.memo:
        doc.memo["markets"] = _find(doc)
    return doc.memo["markets"]


def _find(doc: Doc) -> list[Market]:
    spec = doc.lex.market
    scopes, stop = set(spec.get("scopes", ())), set(spec.get("not_products", ()))
    out: list[Market] = []
    for word in spec.get("words", ()):
        for m in re.finditer(re.escape(word), doc.low):
            found = (_cjk_market(doc, m.start(), m.end(), scopes, stop) if _CJK.match(word)
                     else _latin_market(doc, m.start(), m.end(), scopes, stop))
            if found is not None:
                out.append(found)
    out += _totals(doc, scopes, stop)
    return sorted(out, key=lambda k: k.start)


def _totals(doc: Doc, scopes: set[str], stop: set[str]) -> list[Market]:
    """'Global PC shipments', '全球智能手机出货量': a scope, a known product and a
    total's word ([market] totals) name the whole market (a scope is required:
    'PC shipments' alone may be one company's)."""
    out = []
    known = set(doc.lex.market.get("products", ())) | set(doc.lex.parts)
    for word in doc.lex.market.get("totals", ()):
        for m in re.finditer(re.escape(word), doc.low):
            if _CJK.match(word):
                head = doc.low[max(0, m.start() - 10):m.start()]
                for scope in sorted((w for w in scopes if not w.isascii()), key=len, reverse=True):
                    at = head.rfind(scope)
                    product = head[at + len(scope):] if at >= 0 else ""
                    if at >= 0 and product in doc.lex.parts:
                        start = m.start() - len(head) + at
                        out.append(Market(start, m.end(), _name(doc, scope, product, head[at:] + "市场"), product))
                        break
            else:
                if m.end() < len(doc.low) and doc.low[m.end()].isalpha():
                    continue
                words = doc.low[max(0, m.start() - 30):m.start()].split()[-2:]
                if len(words) == 2 and words[0] in scopes and words[1] in known and words[1] not in stop:
                    written = f"{words[0]} {words[1]} market"
                    out.append(Market(m.start() - len(" ".join(words)) - 1, m.end(),
                                      _name(doc, words[0], words[1], written), words[1]))
    return out


def _cjk_market(doc: Doc, start: int, end: int, scopes: set[str], stop: set[str]) -> Market | None:
    if doc.low.startswith(tuple(doc.lex.market.get("not_after_cjk", ())), end):
        return None  # 市场份额, 市场预期: no market named
    head = doc.low[max(0, start - 10):start]
    run = re.search(r"[\u4e00-\u9fffa-z0-9]+$", head)
    if not run:
        return None
    tokens = [(word, flag.startswith(_PRODUCT_TAGS)) for word, flag in segment(run.group())]
    scope, words = _scope_and_product(tokens, scopes, stop)
    product = "".join(words)
    if not product or product in stop:
        return None
    first = start - len(product) - len(scope)
    return Market(first, end, _name(doc, scope, product, doc.low[first:end]), product)


def _scope_and_product(tokens: list[tuple[str, bool]], scopes: set[str], stop: set[str]) -> tuple[str, list[str]]:
    """Read back from the word for market: at most two product words (each
    ``(word, fits)``: whether it can be part of a product's name), then an
    optional scope; a stop word, a word that does not fit or a scope with no
    product after it ends the reading."""
    words: list[str] = []
    for word, fits in reversed(tokens):
        if word in scopes and words:
            return word, words
        if word in stop or word in scopes or not fits or len(words) >= 2:
            break
        words.insert(0, word)
    return "", words


def _name(doc: Doc, scope: str, product: str, written: str) -> str:
    """One name in every language: the scope's English word, the product's
    part in the singular, 'market' ('全球智能手机市场' and 'global smartphone
    market' -> 'global smartphone market'); else the words as written."""
    part = doc.lex.parts.get(product, "")
    names = doc.lex.market.get("scope_names", {})
    if not part or (scope and scope not in names):
        return written
    if " " not in part and part.endswith("s") and not part.endswith("ss"):
        part = part[:-1]
    return " ".join(w for w in (names.get(scope, ""), part, "market") if w)


_LATIN_WORD = re.compile(r"[a-z][a-z0-9-]*(?:'s)?")


def _latin_market(doc: Doc, start: int, end: int, scopes: set[str], stop: set[str]) -> Market | None:
    if end < len(doc.low) and doc.low[end].isalpha():
        return None  # 'marketing', 'markets' are other words
    after = re.match(r"\s+([a-z]+)", doc.low[end:end + 20])
    if after and after.group(1) in doc.lex.market.get("not_after", ()):
        return None  # 'market share', "Transsion's market investments"
    before = re.findall(r"\S+", doc.low[max(0, start - 40):start])[-3:]
    words = [_scope_word(w.strip(",.;:()\"'"), scopes) for w in before]
    scope, product = _scope_and_product([(w, bool(_LATIN_WORD.fullmatch(w))) for w in words], scopes, stop)
    known = set(doc.lex.market.get("products", ())) | set(doc.lex.parts)
    if not product or not any(w in known for w in product):
        return None  # 'has ceded market': no product named
    written = " ".join([*([scope] if scope else []), *product, "market"])
    at = doc.low.rfind(written.split()[0], max(0, start - 40), start)
    return Market(at if at >= 0 else start, end, _name(doc, scope, " ".join(product), written), " ".join(product))


def _scope_word(word: str, scopes: set[str]) -> str:
    """A scope said in the possessive is the scope ("China’s smartphone market",
    "Japan's PC market", "the world's chip market"), whichever apostrophe."""
    word = word.replace("\u2019", "'")
    base = word[:-2] if word.endswith("'s") else word
    return base if base in scopes else word


def market_of(doc: Doc, spot: Spot) -> tuple[str, float]:
    """The market a share is of: named in the figure's sentence (nearest
    first), else earlier in its paragraph, else the article's first."""
    found = _kept(doc)
    if not found:
        return "", 0.5
    sent, para = doc.sentence_of(spot.start), doc.paragraph_of(spot.start)
    near = doc.starting(found, sent[0], sent[1])
    if near:
        return min(near, key=lambda k: abs(k.start - spot.start)).name, 0.7
    earlier = doc.starting(found, para[0], spot.start)
    if earlier:
        return earlier[-1].name, 0.6
    return found[0].name, 0.45


def whole_market(doc: Doc, spot: Spot, metric: str) -> str:
    """The market whose own figure this is: a market opening the figure's
    sentence, with no organisation before it or between it and the figure
    ('The global smartphone market ... shipments reaching 320.1 million units'),
    or a whole-market word ('整个市场在第三季度共出货3.201亿部') standing for the
    article's market; '' otherwise, and always for a market share."""
    found = markets(doc)
    if not found or metric not in doc.lex.market.get("product_metrics", ()):
        return ""  # '国内游戏市场收入428亿元': a company's revenue in a market, not the market's
    sent = doc.sentence_of(spot.start)
    parties = doc.among(doc.entities, sent[0], spot.start)
    first_party = min((e.start for e in parties), default=spot.start)
    if parties:
        return ""  # a company is named before the figure: its figure, or a share of the market
    opening = [k for k in found if sent[0] <= k.start and k.end <= first_party]
    if opening:
        return opening[0].name
    for w in doc.lex.market.get("whole", ()):
        at = doc.low.find(w, sent[0], spot.start)
        if at >= 0:
            return found[0].name
    return ""


def is_market(doc: Doc, name: str) -> bool:
    """Is ``name`` one of the markets the article names?"""
    names = doc.memo.get("market_names")
    if names is None:  # once per article: asked at every figure
        names = doc.memo["market_names"] = frozenset(k.name for k in _kept(doc))
    return name in names


def product_part(doc: Doc, metric: str, subject: str) -> str:
    """In an article about a research firm's report on a product market, a
    company's shipments are of that product: its part (parts.toml), when the
    article's market names a known one ('全球智能手机市场' -> 'smartphones'), or
    its lead does; never the figure of no company or of the market itself."""
    wanted = doc.lex.market.get("part_metrics", doc.lex.market.get("product_metrics", ()))
    if metric not in wanted or not subject or is_market(doc, subject) or not _reports(doc):
        return ""
    found = markets(doc)
    if found:
        product = found[0].product
        return doc.lex.parts.get(product, "") or doc.lex.parts.get(product.rstrip("s"), "")
    # no market word: the product its lead names ('根據Omdia的報告，三星在智能手機銷售中奪得冠軍')
    lead = doc.sentences[0] if doc.sentences else (0, 0)
    products = set(doc.lex.market.get("products", ()))
    words = doc.low[lead[0]:lead[1]]
    named = [(words.find(a), name) for a, name in doc.lex.parts.items()
             if (a in products or not a.isascii()) and name.rstrip("s") in products | {p.rstrip("s") for p in products}
             and a in words]
    return min(named)[1] if named else ""


def _reports(doc: Doc) -> bool:
    """Is the article about a research firm's report on a market: the firm named
    in its lead, or in its first paragraphs ([market] report_reach sentences: a
    headline and a subtitle may come first)?"""
    if about_report(doc):
        return True
    reach = int(doc.lex.market.get("report_reach", 1))
    heads = doc.sentences[:reach]
    if any(doc.among(doc.marks.get("research", []), *s) for s in heads):
        return True
    # a headline about a market ('第三季度全球智能手机市场增长3%'): the article is the market's
    lead = doc.sentences[0] if doc.sentences else (0, 0)
    return any(k.name != k.product and " " in k.name for k in doc.starting(_kept(doc), lead[0], lead[1]))


def share_of_market(doc: Doc, spot: Spot) -> str:
    """A percentage no cue names, said of a market in its clause ('held 12% of
    the US EV market', '占全球智能手机市场的13.5%'): that market ('' if none)."""
    if spot.mention.kind != "percent":
        return ""
    clause = doc.clause_of(spot.start)
    near = [k for k in doc.starting(_kept(doc), clause[0], clause[1] + 1) if k.end <= clause[1]]
    return min(near, key=lambda k: abs(k.start - spot.start)).name if near else ""


def brand_owner(doc: Doc, name: str) -> str:
    """The company a brand belongs to: the article's company, when ``name`` is
    written as a brand somewhere in it ('潮玩品牌TOP TOY', 'TOPTOY品牌', 'its TOP TOY
    brand'; cues.toml [names] brand_words) and is not that company itself."""
    owner = _owners(doc).get(name)
    if owner:  # '國泰集團(00293)旗下香港快運': the company named right before 旗下 owns it
        return owner
    main = main_company(doc)
    if main is None or main.name == name:
        return ""
    return main.name if name in _brands(doc) else ""


def _owners(doc: Doc) -> dict[str, str]:
    """Name -> the company written right before the word that makes it its unit
    ('X旗下Y', 'X(00293)旗下Y'; cues.toml [names] unit_after), once per article.
    Only for names the entity table does not know: a table entity after 旗下 keeps
    the brand rule below (阿里巴巴旗下阿里云: the article's company's part)."""
    kept = doc.memo.get("owners")
    if kept is None or kept[0] is not doc.entities:
        words = tuple(doc.lex.names.get("unit_after", ()))
        out: dict[str, str] = {}
        if words:
            ents = doc.entities
            table = {ent.name for ent in doc.lex.entities}  # the table's entities: the brand rule
            for k, e in enumerate(ents):
                before = doc.low[max(0, e.start - 4):e.start].rstrip()
                if not before.endswith(words) or k == 0 or e.name in table:
                    continue
                prev = ents[k - 1]
                gap = re.sub(r"[(（][^()（）]{0,24}[)）]", "", doc.low[prev.end:e.start]).strip()
                for legal in doc.lex.names.get("legal_suffixes", ()):  # '國泰|集團(00293)旗下'
                    if gap.startswith(legal) and gap[len(legal):] in words:
                        gap = gap[len(legal):]
                        break
                if prev.name != e.name and gap in words:
                    out.setdefault(e.name, prev.name)
        kept = doc.memo["owners"] = (doc.entities, out)
    return kept[1]


def _brands(doc: Doc) -> frozenset[str]:
    """The names the article writes next to a brand word (once per article:
    asked for every figure and every name of its sentence)."""
    kept = doc.memo.get("brands")
    if kept is None or kept[0] is not doc.entities:
        words = tuple(doc.lex.names.get("brand_words", ()))
        names = frozenset(e.name for e in doc.entities
                          if doc.low[max(0, e.start - 8):e.start].rstrip().endswith(words)
                          or doc.low[e.end:e.end + 6].lstrip().startswith(words))
        kept = doc.memo["brands"] = (doc.entities, names)
    return kept[1]


def own_brand(doc: Doc, spot: Spot, subject: str) -> bool:
    """Is the figure of the company's namesake brand: the company's name right
    before a brand word in the figure's clause, before it ('其中名创优品品牌营收
    52.2亿元', 'The core MINISO brand contributed RMB 5.22 billion')?"""
    words = tuple(doc.lex.names.get("brand_words", ()))
    clause = doc.clause_of(spot.start)
    for e in doc.among(doc.entities, clause[0], spot.start):
        if e.name == subject and doc.low[e.end:e.end + 8].lstrip().startswith(words):
            return True
    return False
