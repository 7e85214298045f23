"""English forms of what a profile gives only in Japanese: the company name romanised from its reading with its
legal form as English writes it, and the address in English order with the street romanised (numbers kept).

The romanisation is the search readings' (romaji.py, pykakasi, Hepburn with long vowels written once). Place names
read the way the city reads them where the content says so: a street another profile spells in its English address
(港町 → Minato-cho), an area of the vocabulary with its kana (紅葉台地区 モミジダイチク → Momijidai), the municipality's
own English name; pykakasi guesses the rest.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from .romaji import _kakasi, reading_words, romanize
from .text import Text, block_numbers

# A legal form in the Japanese name → how an English name writes it, and whether it goes before the name
LEGAL_FORMS_EN: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (("株式会社", "（株）", "(株)", "㈱"), "Co., Ltd.", False),
    (("有限会社", "（有）", "(有)", "㈲"), "Ltd.", False),
    (("合同会社",), "LLC", False),
    (("合資会社",), "Limited Partnership", False),
    (("合名会社",), "General Partnership", False),
    (("一般社団法人",), "General Incorporated Association", True),
    (("協同組合",), "Cooperative", False),
)
# The same forms in a reading, where a clerk wrote them into the kana too
KANA_LEGAL_FORMS = ("カブシキガイシャ", "カブシキカイシャ", "ユウゲンガイシャ", "ユウゲンカイシャ", "ゴウドウガイシャ",
                    "ゴウシガイシャ", "ゴウメイガイシャ", "イッパンシャダンホウジン", "キョウドウクミアイ")

PREFECTURES_EN = {
    "北海道": "Hokkaido", "青森県": "Aomori", "岩手県": "Iwate", "宮城県": "Miyagi", "秋田県": "Akita", "山形県": "Yamagata",
    "福島県": "Fukushima", "茨城県": "Ibaraki", "栃木県": "Tochigi", "群馬県": "Gunma", "埼玉県": "Saitama", "千葉県": "Chiba",
    "東京都": "Tokyo", "神奈川県": "Kanagawa", "新潟県": "Niigata", "富山県": "Toyama", "石川県": "Ishikawa", "福井県": "Fukui",
    "山梨県": "Yamanashi", "長野県": "Nagano", "岐阜県": "Gifu", "静岡県": "Shizuoka", "愛知県": "Aichi", "三重県": "Mie",
    "滋賀県": "Shiga", "京都府": "Kyoto", "大阪府": "Osaka", "兵庫県": "Hyogo", "奈良県": "Nara", "和歌山県": "Wakayama",
    "鳥取県": "Tottori", "島根県": "Shimane", "岡山県": "Okayama", "広島県": "Hiroshima", "山口県": "Yamaguchi",
    "徳島県": "Tokushima", "香川県": "Kagawa", "愛媛県": "Ehime", "高知県": "Kochi", "福岡県": "Fukuoka", "佐賀県": "Saga",
    "長崎県": "Nagasaki", "熊本県": "Kumamoto", "大分県": "Oita", "宮崎県": "Miyazaki", "鹿児島県": "Kagoshima",
    "沖縄県": "Okinawa",
}

# The last kanji of a place name that Japanese addresses in English keep, hyphenated: 南浜町 → Minamihama-cho
_SUFFIXES = {"町": ("machi", "cho"), "市": ("shi",), "区": ("ku",), "村": ("mura", "son"), "郡": ("gun",)}
_NUMBERS = re.compile(r"\d+(?:-\d+)*")
_NUMBERED = re.compile(r"(\D+?)\s*(\d+(?:-\d+)*)")
_EN_NUMBERED = re.compile(r"(\d+(?:-\d+)*)\s+([^,]+),")


def fill_english_name(company) -> None:
    """Give a company without an English name a romanised one, marked as romanised (fill_english does it for all)."""
    if not company.name.en:
        company.name = Text(company.name.ja, english_name(company.name.ja, company.kana), romanised=True)


def english_name(ja: str, kana: str) -> str:
    """A company's name in English from its reading: 有限会社杉浦製作所 スギウラセイサクショ → Sugiura Seisakusho Ltd.

    The words are those of the written name (romaji.reading_words), or the clerk's own spaces and ・ in the reading.
    """
    reading = unicodedata.normalize("NFKC", kana)
    for form in KANA_LEGAL_FORMS:
        reading = reading.replace(form, " ")
    if re.search(r"[\s・]", reading.strip()):
        words = [w for w in re.split(r"[\s・]+", reading) if w]
    else:
        words = reading_words(reading, ja)
    name = " ".join(_capital(romanize(w)) for w in words if romanize(w))
    for forms, english, before in LEGAL_FORMS_EN:
        if any(form in ja for form in forms):
            return f"{english} {name}" if before else f"{name} {english}"
    return name


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _romanise_word(orig: str, hira: str) -> str:
    """One word of a place name as pykakasi reads it, its 町/市/区 hyphenated the way addresses write them."""
    roman = romanize(hira)
    last = orig[-1:]
    if len(orig) > 1 and last in _SUFFIXES:
        for suffix in _SUFFIXES[last]:
            if roman.endswith(suffix) and len(roman) > len(suffix):
                return f"{_capital(roman[:-len(suffix)])}-{suffix}"
    return _capital(roman)


@lru_cache(maxsize=1 << 14)  # a city's streets recur from company to company
def _romanised_words(run: str) -> tuple[str, ...]:
    """The words of a place name as pykakasi reads them."""
    out: list[str] = []
    for item in _kakasi().convert(run) if run else ():
        orig, hira = item["orig"].strip(), item["hira"].strip()
        if not orig:
            continue
        if orig.isascii():
            out.extend(orig.split())
        elif orig in _SUFFIXES and out and romanize(hira) in _SUFFIXES[orig]:
            out[-1] += "-" + romanize(hira)  # 榛原|郡 → Haibara-gun
        elif hira:
            word = _romanise_word(orig, hira)
            if word:
                out.append(word)
    return tuple(out)


def romanise_place(text: str, places: dict[str, str]) -> str:
    """A place name (street, building, city) in Latin letters: known spellings first, pykakasi for the rest."""
    text = unicodedata.normalize("NFKC", text).strip()
    longest = max(map(len, places), default=0)
    out: list[str] = []
    run = ""

    def flush(run: str) -> None:
        out.extend(_romanised_words(run))

    i = 0
    while i < len(text):
        hit = next((text[i:j] for j in range(min(len(text), i + longest), i, -1) if text[i:j] in places), None)
        if hit:
            flush(run)
            run = ""
            out.append(places[hit])
            i += len(hit)
        else:
            run += text[i]
            i += 1
    flush(run)
    return " ".join(out)


def _street_parts(street: str) -> tuple[str, str, str]:
    """(place, numbers, the rest) of a street: 中央一丁目1番1号 → (中央, 1-1-1, ''); 栄町1-12 センター2階 → (栄町, 1-12, センター2階)."""
    text = unicodedata.normalize("NFKC", street).strip()
    text = block_numbers(text)
    text = re.sub(r"(\d+)(?:丁目|番地|番)", r"\1-", text)
    text = re.sub(r"(\d+)号", r"\1", text)
    text = re.sub(r"[-‐−ー－]+(?=\d)", "-", text).replace("--", "-")
    match = _NUMBERED.match(text)
    if not match:
        return text, "", ""
    rest = text[match.end():].lstrip("- ")
    return match.group(1).strip(), match.group(2), rest


def english_address(postal_code: str, prefecture: str, city: str, street: str, municipality: Text,
                    places: dict[str, str]) -> str:
    """An address in English order: [building, ]numbers place, city, prefecture postal code."""
    place, numbers, rest = _street_parts(street)
    line = " ".join(x for x in (numbers, romanise_place(place, places)) if x)
    if rest:
        building = re.sub(r"(\d+)\s*階", r"\1F", rest)
        line = f"{romanise_place(building, places)}, {line}"
    if municipality.en and city == municipality.ja:
        city_en = re.sub(r"\s+City$", "", municipality.en)
    else:
        city_en = romanise_place(city, places)
    prefecture_en = PREFECTURES_EN.get(prefecture) or romanise_place(re.sub(r"[都道府県]$", "", prefecture), places)
    return f"{line}, {city_en}, {prefecture_en} {postal_code}"


def known_places(companies, municipality: Text, areas=None) -> dict[str, str]:
    """{written place name: its Latin spelling} that the content itself gives (see the module's docstring)."""
    places: dict[str, str] = {}
    for company in sorted(companies, key=lambda c: c.slug):
        address = company.address
        if not address.en or address.romanised:
            continue
        place, numbers, rest = _street_parts(address.street)
        spelled = _EN_NUMBERED.match(address.en.strip())
        if numbers and not rest and spelled and spelled.group(1) == numbers and not spelled.group(2).isdigit():
            places.setdefault(place, spelled.group(2).strip())
    ja, en = municipality.ja, municipality.en or ""
    if ja[-1:] in "市町村" and re.search(r"\s(City|Town|Village)$", en):
        places.setdefault(ja[:-1], en.rsplit(" ", 1)[0])
    for term in (areas.terms.values() if areas else ()):
        if not term.kana:
            continue
        written = re.sub(r"地区$", "", term.label.ja)
        reading = re.sub(r"チク$", "", unicodedata.normalize("NFKC", term.kana))
        guessed = "".join(item["hira"] for item in _kakasi().convert(written))
        if written and reading and romanize(guessed) != romanize(reading):  # pykakasi would read it otherwise
            places.setdefault(written, _capital(romanize(reading)))
    return places


def fill_english(companies, municipality: Text, areas=None) -> None:
    """Give each company without an English name or address a romanised one, marked as romanised."""
    places = None
    for company in companies:
        fill_english_name(company)
        if not company.address.en:
            if places is None:
                places = known_places(companies, municipality, areas)
            a = company.address
            company.address = replace(a, en=english_address(a.postal_code, a.prefecture, a.city, a.street,
                                                            municipality, places), romanised=True)

