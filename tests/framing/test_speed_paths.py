"""The shortcuts framing takes for speed give what the plain way gives."""
from __future__ import annotations

import random
import re
import sys

import pytest

from ledger.framing.cues import WordIndex, _occurrences, default_lexicon, finditer_at, opening_chars
from ledger.framing.names import short_alias_stems

#: Every code point a str may hold (surrogates apart).
ALL = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@pytest.mark.parametrize("words", [default_lexicon().role("person_roles"), ("s", "k", "i", "ß", "st", "ǅ", "Ω", "µ")])
def test_opening_chars_is_where_a_case_insensitive_alternation_can_start(words: tuple[str, ...]):
    # the class against the words' first characters as literals, over every code point
    literals = re.compile("(?i)(?:" + "|".join(re.escape(w[0]) for w in words) + ")")
    assert [m.start() for m in opening_chars(words).finditer(ALL)] == [m.start() for m in literals.finditer(ALL)]


def test_finditer_at_the_possible_starts_is_finditer():
    rnd = random.Random(7)
    roles = default_lexicon().role("person_roles")
    alphabet = [*roles, "Tim Cook", " ", "  ", "雷军", "ſ", "CEO", "Ceo", "ceo mark murphy", "，", "a", "\n"]
    rx = re.compile("(?i)(?:" + "|".join(map(re.escape, sorted(roles, key=len, reverse=True))) +
                    r")\s*([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})")
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        starts = [m.start() for m in opening_chars(roles).finditer(text)]
        assert [m.span() for m in finditer_at(rx, text, starts)] == [m.span() for m in rx.finditer(text)]


def test_the_word_index_finds_what_a_pass_of_its_own_finds():
    rnd = random.Random(3)
    lex = default_lexicon()
    stems = short_alias_stems(lex)
    words = (*lex.role("person_roles"), *stems[:20], "中海", "海外", "a", "ab")
    for _ in range(500):
        low = "".join(rnd.choice([*words, "x", " ", "其中", "。"]) for _ in range(rnd.randint(0, 40)))
        index = WordIndex(low, [words[:10]])  # the rest of the words are looked for one by one
        for some in (words, words[:10], words[5:15], ()):
            assert sorted(index.occurrences(some)) == sorted(_occurrences(low, some))
        assert index.holding(words[:10]) == {w for w in words[:10] if w and w in low}
        assert index.holding(words) is None


def test_straddles_suffix_is_the_plain_loop_over_suffixes():
    # the set lookups against trying each suffix at each cut, on texts made of suffix pieces
    from ledger.framing.names import _CJK_CHAR, _words, straddles_suffix

    lex = default_lexicon()
    suffixes = _words(lex, "cjk_company_suffixes") + _words(lex, "industry_suffixes")

    def plain(low: str, start: int, end: int) -> bool:
        if start == 0 or not _CJK_CHAR.match(low, start - 1) or not _CJK_CHAR.match(low, end - 1):
            return False
        return any(low.startswith(s, end - cut) and end - cut > start for s in suffixes for cut in range(1, len(s)))

    rnd = random.Random(11)
    pieces = [*suffixes, *(s[:1] for s in suffixes), *(s[1:] for s in suffixes), "蓝思", "思科", "a", " ", "的"]
    for _ in range(20000):
        low = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 8)))
        start = rnd.randint(0, len(low) - 1)
        end = rnd.randint(start + 1, len(low))
        assert straddles_suffix(low, start, end, lex) == plain(low, start, end), (low, start, end)


def test_the_people_kept_for_the_last_text_follow_a_new_text():
    # the answer kept for one text is never given for another (same lexicon, texts equal or not)
    from ledger.framing.names import _people, _people_in

    lex = default_lexicon()
    a, b = "CFO Mark Murphy said revenue rose.", "董事长雷军表示,收入增长。"
    for text in (a, b, a, "".join(a), b + ""):
        assert _people(text, lex) == _people_in(text, lex)
    assert _people(a, lex) and _people(a, lex) != _people(b, lex)


def test_a_surname_before_a_speech_verb_is_what_the_plain_search_finds():
    # the one-pass index of words before speech verbs against the search it replaced
    from ledger.framing.names import _said_by_surname

    speech = "said|says|told"
    rnd = random.Random(5)
    words = ["Mark", "Murphy", "Zentrova", "Group", "said", "says", "told", "the", "XMurphy", "Li", "Richard",
             "Richard Li", " ", "  ", ",", ".", "\n", "Murphy's", "said.", "Mark Murphy"]
    names = ["Mark Murphy", "Zentrova Group", "Richard Li", "Li", "Murphy", "Zentrova"]
    for _ in range(4000):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 14)))
        for name in names:
            first, last = name.split()[0], name.split()[-1]
            plain = re.search(rf"(?<!{re.escape(first)} ){re.escape(last)}\s+(?:{speech})\b", text) is not None
            assert _said_by_surname(text, name, speech) == plain, (text, name)


#: pieces of English text where a name's neighbours matter: capitals, spaces of both kinds, punctuation
_PIECES = ["Tesla", "Tes", "la", "Elon", "Mr", "X", " ", "  ", "\t", "\n", "\u3000", ".", "'s", "Tesla Inc", "Inc",
           "a", "ab", "9", "-", "&", "_", "é", "É", "特斯拉", "said"]


def _texts(seed: int, n: int = 3000):
    rnd = random.Random(seed)
    for _ in range(n):
        yield "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 25)))


def test_the_word_first_search_is_the_lookbehind_search():
    from ledger.framing.names import _word_rx

    cases = [("Tesla", "A-Za-z0-9", r"(?![A-Za-z0-9])(?!\s*Inc)"), ("Tesla", "A-Za-z0-9&.-", r"(?![A-Za-z0-9&-])"),
             ("la", "a-z0-9", "(?![a-z0-9])"), ("X", "A-Za-z0-9", ""), ("Tes.la", "A-Za-z0-9", "")]
    for text in _texts(11):
        for word, not_before, rest in cases:
            plain = re.compile(rf"(?<![{not_before}]){re.escape(word)}{rest}")
            assert [m.span() for m in _word_rx(word, not_before, rest).finditer(text)] == \
                [m.span() for m in plain.finditer(text)], (text, word)


def test_a_name_after_a_capitalised_word_is_what_finditer_finds():
    from ledger.framing.names import _after_capitalised

    cases = [("Tesla", r"\s", r"\b"), ("Tesla Inc", "[ \t]", r"\b(?![ \t]+[A-Z])"), ("X", r"\s", r"\b"),
             ("Elon Elon", r"\s", r"\b"), ("Tesla", "[ \t]", "")]
    for text in _texts(13):
        for name, space, tail in cases:
            plain = re.compile(rf"\b[A-Z][a-z]+{space}+{re.escape(name)}{tail}")
            assert _after_capitalised(text, name, space, tail) == [m.start() for m in plain.finditer(text)], \
                (text, name)


def test_a_place_in_a_date_is_the_plain_pass_over_the_dates():
    from types import SimpleNamespace

    from ledger.framing.period import _in_a_date

    rnd = random.Random(17)
    for _ in range(300):
        spans = [(a, a + rnd.randint(1, 12)) for a in sorted(rnd.randint(0, 60) for _ in range(rnd.randint(0, 8)))]
        doc = SimpleNamespace(dates=[SimpleNamespace(start=a, end=b) for a, b in spans], memo={})
        for pos in range(-1, 75):
            assert _in_a_date(doc, pos) == any(a <= pos < b for a, b in spans), (spans, pos)
        doc.dates = doc.dates[::2]  # a new list of dates: asked again, not kept from the old one
        assert [_in_a_date(doc, p) for p in range(75)] == [any(d.start <= p < d.end for d in doc.dates)
                                                           for p in range(75)]


def test_the_known_part_is_the_plain_search_of_every_part():
    from types import SimpleNamespace

    from ledger.framing import roles

    lex = default_lexicon()
    doc = SimpleNamespace(lex=lex, memo={})

    def plain(words: str) -> str:  # the loop _known_part had: one rfind per part's name
        best = None
        for word in lex.part.get("not_parts", ()):
            if len(word) > 3 and not word.isascii() and word in words:
                words = words.replace(word, " " * len(word))
        for alias, name in lex.parts.items():
            at = words.rfind(alias)
            if at < 0 or (alias.isascii() and not roles._word_at(words, at, len(alias))):
                continue
            if alias.isascii() and words.startswith("-", at + len(alias)):
                continue
            if roles._maker(doc, words, at + len(alias)):
                continue
            rank = (at + len(alias), len(alias), name)
            if best is None or rank[:2] > best[:2]:
                best = rank
        return best[2] if best else ""

    rnd = random.Random(19)
    aliases = list(lex.parts)
    pieces = [*aliases, *lex.part.get("not_parts", ()), " ", "-", "公司", " maker", "x", "的", "us"]
    for _ in range(3000):
        words = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
        assert roles._known_part(doc, words) == plain(words), words


def test_the_defined_terms_found_from_their_brackets_are_what_finditer_finds():
    from ledger.framing.names import _TERM_DEFINED, _term_definitions

    rnd = random.Random(17)
    pieces = ["net", "interest", "margin", " ", "  ", "\t", "\n", "-", "a", "Xb", "e", "p", "s", ".", "(", ")", "（",
              "）", "NIM", "EPS", "N", "AB", "ABCDEFG", "(NIM)", "earnings per share", "é", "9"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 20)))
        assert [m.span() for m in _term_definitions(text)] == [m.span() for m in _TERM_DEFINED.finditer(text)], text


def test_the_places_of_many_forms_are_what_find_finds():
    from ledger.framing.cues import places

    def plain(low: str, form: str) -> list[int]:
        out, pos = [], low.find(form)
        while pos >= 0:
            out.append(pos)
            pos = low.find(form, pos + 1)
        return out

    rnd = random.Random(19)
    forms = ["tesla", "tes", "la", "aa", "a", "特斯拉", "斯拉", "tesla inc", " ", "é", "😀", ""]
    for _ in range(3000):
        low = "".join(rnd.choice([*forms, "x", "\n", "ab"]) for _ in range(rnd.randint(0, 25)))
        some = rnd.sample(forms, rnd.randint(0, len(forms)))
        assert places(low, some) == {form: plain(low, form) for form in some}, (low, some)


def test_the_counts_of_many_forms_are_what_str_count_counts():
    from ledger.framing.names import _counts

    rnd = random.Random(23)
    forms = ["aa", "aaa", "a", "ab", "ba", "特斯拉", "斯拉", "tesla inc", " ", ""]
    for _ in range(3000):
        low = "".join(rnd.choice([*forms, "x", "b"]) for _ in range(rnd.randint(0, 25)))
        some = rnd.sample(forms, rnd.randint(0, len(forms)))
        assert _counts(low, some) == {form: low.count(form) for form in some}, (low, some)


def test_a_latin_name_found_by_the_text_s_capitals_is_what_find_and_count_find():
    from ledger.framing.names import _head_word, _latin_head, _places_of, _word_count, _word_rx, _written

    lex = default_lexicon()
    for text in _texts(29):
        for name in ("Tesla", "Tesla Inc", "Tes", "TeslaTesla", "Elon Elon", "X", "la", "特斯拉", "Mr ", "É"):
            plain, at = [], text.find(name)
            while at >= 0:
                plain.append(at)
                at = text.find(name, at + 1)
            assert _places_of(text, name) == plain, (text, name)
            assert _written(text, name) == text.count(name), (text, name)
            whole = re.compile(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])")
            assert _word_count(text, name) == len(whole.findall(text)), (text, name)
        for name in ("Tesla Inc", "Elon Elon", "Tesla Tes"):  # the head written alone: the search of the text
            head = _head_word(name, lex)
            rx = _word_rx(head, "A-Za-z0-9", rf"(?![A-Za-z0-9])(?!\s*{re.escape(name.split()[1])})")
            assert _latin_head(text, name, lex) == (head if head and rx.search(text) else ""), (text, name)


def test_a_line_of_business_is_read_at_the_places_finditer_finds():
    from ledger.framing.names import _a_line_of_business

    lex = default_lexicon()
    after = tuple(w for w in lex.names.get("business_after", ()))
    assert after
    rnd = random.Random(31)
    pieces = [*after[:6], "Robotaxi", "Robo", "taxi", " ", "的", "RoboRobo", "a", "Tes"]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        for name in ("Robotaxi", "RoboRobo", "Robo", "Tes", "的"):
            plain = any(text.startswith(after, m.end()) or (text[m.end():m.end() + 1] == " "
                        and text.startswith(after, m.end() + 1)) for m in re.finditer(re.escape(name), text))
            assert _a_line_of_business(text, name, lex) == plain, (text, name)


def test_the_words_before_speech_verbs_are_what_finditer_finds():
    from ledger.framing.names import _before_speech, _speaker_char

    assert [c for c in ALL if _speaker_char(c)] == re.findall(r"[\w&.'’-]", ALL)  # the class, code point by code point
    rnd = random.Random(37)
    speech = "said|says|told reporters|reporters said|noted"
    plain = re.compile(rf"([\w&.'’-]+)\s+(?:{speech})\b")
    pieces = ["said", "says", "told", "reporters", "noted", "Murphy", "Mark", " ", "  ", "\n", "\u3000", ",", "-", ".",
              "'", "’", "&", "_", "é", "雷军", "9", "x", "saidx", "(", "s"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 16)))
        assert list(_before_speech(text, speech)) == [m.span(1) for m in plain.finditer(text)], text
