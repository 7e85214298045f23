"""English names and addresses for profiles that give none, and phone numbers for callers abroad."""
import pytest

from conftest import minimal_profile
from generator.load import load_content
from generator.model import make_guide
from generator.model.english import english_address, english_name
from generator.model.phone import e164, international_phone
from generator.model.text import Text

MOMIJIGAWA = Text("紅葉川市", "Momijigawa City")


@pytest.mark.parametrize("ja, kana, english", [
    ("有限会社杉浦製作所", "スギウラセイサクショ", "Sugiura Seisakusho Ltd."),
    ("株式会社大河内製作所", "オオコウチセイサクショ", "Okochi Seisakusho Co., Ltd."),  # long vowels once
    ("青葉鍍金工業株式会社", "アオバメッキコウギョウ", "Aoba Mekki Kogyo Co., Ltd."),  # legal form after, in English too
    ("紅葉川製茶株式会社", "モミジガワセイチャ", "Momijigawa Seicha Co., Ltd."),  # 紅葉 read as the kana says
    ("合同会社ミドリ工房", "ミドリコウボウ", "Midori Kobo LLC"),
    ("一般社団法人紅葉川工業会", "モミジガワコウギョウカイ", "General Incorporated Association Momijigawa Kogyokai"),
    ("株式会社山田精機", "ヤマダ セイキ", "Yamada Seiki Co., Ltd."),  # the clerk's own space splits the words
    ("株式会社山田精機", "カブシキガイシャヤマダセイキ", "Yamada Seiki Co., Ltd."),  # legal form in the kana too
    ("㈱山田精機", "ヤマダセイキ", "Yamada Seiki Co., Ltd."),
    ("ヤマダ精機", "ヤマダセイキ", "Yamada Seiki"),  # no legal form: none invented
])
def test_english_name_is_the_reading_in_hepburn_with_the_legal_form_in_english(ja, kana, english):
    assert english_name(ja, kana) == english


@pytest.mark.parametrize("street, english", [
    ("港町5-3", "5-3 Minato-cho"),  # spelled as another profile spells it
    ("南浜町8-2", "8-2 Minamihama-cho"),  # 町 hyphenated as addresses write it
    ("紅葉台5-3", "5-3 Momijidai"),  # read as the area vocabulary reads it, not こうよう
    ("中央一丁目1番1号", "1-1-1 Chuo"),  # 丁目・番・号 as numbers
    ("上河原890", "890 Kamigawara"),
    ("栄町1-12 紅葉川ビル2階", "Momijigawa Biru 2F, 1-12 Sakae-machi"),  # the building first
])
def test_english_address_keeps_the_numbers_and_romanises_the_street(street, english):
    places = {"港町": "Minato-cho", "紅葉台": "Momijidai", "紅葉川": "Momijigawa"}
    assert english_address("437-0203", "静岡県", "紅葉川市", street, MOMIJIGAWA, places) == \
        f"{english}, Momijigawa, Shizuoka 437-0203"


def test_english_address_of_another_city_and_prefecture():
    assert english_address("430-0929", "静岡県", "浜松市", "中央3-5", MOMIJIGAWA, {}) == \
        "3-5 Chuo, Hamamatsu-shi, Shizuoka 430-0929"
    assert english_address("100-0005", "東京都", "千代田区", "神田1-1", MOMIJIGAWA, {}) == \
        "1-1 Kanda, Chiyoda-ku, Tokyo 100-0005"
    assert english_address("421-0302", "静岡県", "榛原郡吉田町", "川尻100", MOMIJIGAWA, {}) == \
        "100 Kawajiri, Haibara-gun Yoshida-cho, Shizuoka 421-0302"


def test_the_model_romanises_what_a_profile_leaves_out_and_keeps_what_it_gives(make_content):
    given = minimal_profile().replace("  kana: テストセイキ\n", "  kana: テストセイキ\n  en: Test Precision Inc.\n")
    given = given.replace("  street: 北部工業団地1-1\n",
                          "  street: 北部工業団地1-1\n  en: 1-1 Hokubu Industrial Park, Momijigawa, Shizuoka 437-0012\n")
    plain = minimal_profile().replace("テストセイキ", "スギウラセイサクショ").replace("株式会社テスト精機", "有限会社杉浦製作所")
    plain = plain.replace("北部工業団地1-1", "北部工業団地7-7")
    guide = make_guide(load_content(make_content({"given": given, "plain": plain})))
    by_slug = {c.slug: c for c in guide.companies}
    assert by_slug["given"].name == Text("株式会社テスト精機", "Test Precision Inc.")
    assert not by_slug["given"].address.romanised
    romanised = by_slug["plain"]
    assert romanised.name == Text("有限会社杉浦製作所", "Sugiura Seisakusho Ltd.", romanised=True)
    assert romanised.name.get("en") == "Sugiura Seisakusho Ltd." and romanised.name.get("ja") == "有限会社杉浦製作所"
    # the street as the other profile spells it in English
    assert romanised.address.romanised
    assert romanised.address.get("en") == "7-7 Hokubu Industrial Park, Momijigawa, Shizuoka 437-0012"
    assert not romanised.has_english  # a romanised name is no English name the company gave: reminders still ask


@pytest.mark.parametrize("number, shown, tel", [
    ("0548-24-3366", "+81 548-24-3366", "+81548243366"),
    ("090-1234-5678", "+81 90-1234-5678", "+819012345678"),
    ("(0548)24-3366", "+81 548-24-3366", "+81548243366"),
    ("0548(24)3366", "+81 548-24-3366", "+81548243366"),
])
def test_phone_numbers_for_callers_abroad(number, shown, tel):
    assert international_phone(number) == shown
    assert e164(number) == tel
