"""Checks of Japanese data: 法人番号, postal codes, phone numbers, URLs, e-mail, prefectures, katakana, character widths.

Each `check_*` function takes the written text and returns None when it is fine, or `(rule, params)` naming a rule
of messages.json and the values for its holes, so the browser form editor can mirror them one for one.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from urllib.parse import urlsplit

from ..errors import Problem
from ..load.yamlfile import YamlDoc
from ..model.text import KANA_LEGAL_FORM, hiragana_to_katakana
from .messages import say
from .strings import strings_at, text_of

Finding = tuple[str, dict] | None

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県",
    "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
    "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県")

HALFWIDTH_KANA = re.compile(r"[\uff61-\uff9f]+")
FULLWIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")
ODD_WIDTH = re.compile(r"[\uff61-\uff9f０-９Ａ-Ｚａ-ｚ]")  # either of the two, in one pass
FULLWIDTH_RUN = re.compile(r"[０-９Ａ-Ｚａ-ｚ](?:[－．，]?[０-９Ａ-Ｚａ-ｚ])*")  # with the hyphens and dots inside it
KATAKANA = re.compile(r"^[ァ-ヺー・ヽヾ　 ]+$")
NOT_KATAKANA = re.compile(r"[^ァ-ヺー・ヽヾ　 ]")
EMAIL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
NOT_PHONE = re.compile(r"[^0-9\-()]")


def nfkc(text: str) -> str:
    """The text with compatibility characters folded (half-width kana → full-width, full-width ASCII → ASCII)."""
    return unicodedata.normalize("NFKC", text)


def check_corporate_number(value: str) -> Finding:
    """法人番号: 13 digits whose first digit is the check digit of the other twelve (国税庁の計算式)."""
    digits = nfkc(value)
    if not re.fullmatch(r"[0-9]{13}", digits):
        return "corporate-number", {"value": value, "reason": f"半角数字13桁ではありません（{len(digits)}文字）",
                                    "reason_en": f"not 13 digits ({len(digits)} characters)"}
    base = digits[1:]
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(base)))
    check = 9 - total % 9
    if int(digits[0]) != check:
        return "corporate-number", {"value": value, "reason": f"先頭のチェックデジットが合いません（計算上は {check}）",
                                    "reason_en": f"the check digit does not match (it should be {check})"}
    return None


FULLWIDTH_DIGITS = re.compile(r"[０-９－ー−‐（）＋]")


def width_reason(value: str) -> dict:
    """The words that say a value was typed in 全角 (the IME left on), for a message's {reason} holes."""
    if FULLWIDTH_DIGITS.search(value):
        return {"reason": "全角の数字や記号は半角にします。", "reason_en": " Full-width digits and signs become half-width."}
    return {"reason": "", "reason_en": ""}


def check_postal_code(value: str) -> Finding:
    """郵便番号: NNN-NNNN with half-width digits."""
    if re.fullmatch(r"[0-9]{3}-[0-9]{4}", value):
        return None
    digits = re.sub(r"[^0-9]", "", nfkc(value).replace("〒", ""))
    suggestion = f'"{digits[:3]}-{digits[3:]}"' if len(digits) == 7 else '"437-0112"'
    return "postal-code", {"value": value, "suggestion": suggestion, **width_reason(value)}


def phone_digits_ok(digits: str) -> bool:
    """Whether a string of digits has the length its prefix calls for in Japan."""
    if digits.startswith("0120"):
        return len(digits) == 10
    if digits.startswith("0800"):
        return len(digits) == 11
    if digits.startswith(("050", "070", "080", "090", "020")):
        return len(digits) == 11
    return len(digits) == 10 and digits[0] == "0" and digits[1] != "0"


def hyphenated(digits: str) -> str | None:
    """A Japanese phone number of bare digits split where its area code ends (0548248585 → 0548-24-8585), as
    libphonenumber knows the area codes; None when it does not know the number (or is not installed)."""
    try:
        import phonenumbers
    except ImportError:  # pragma: no cover - a declared dependency; an old environment still validates
        return None
    try:
        number = phonenumbers.parse(digits, "JP")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def phone_plan() -> dict:
    """libphonenumber's Japanese numbering plan as the browser form needs it to split bare digits where the area code
    ends, exactly as `hyphenated` does: the national formats (pattern, format, the leading digits they apply to) and
    the patterns of valid numbers; {} when phonenumbers is not installed."""
    try:
        from phonenumbers.phonemetadata import PhoneMetadata
        import phonenumbers  # noqa: F401  (loads the metadata)
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    plan = PhoneMetadata.metadata_for_region("JP")
    formats = [{"pattern": f.pattern, "format": f.format, "leading": (f.leading_digits_pattern or [""])[-1],
                "prefix": f.national_prefix_formatting_rule or ""} for f in plan.number_format]
    kinds = (plan.fixed_line, plan.mobile, plan.toll_free, plan.premium_rate, plan.shared_cost, plan.personal_number,
             plan.voip, plan.pager, plan.uan, plan.voicemail)
    valid = [{"pattern": d.national_number_pattern, "lengths": list(d.possible_length or ())}
             for d in kinds if d is not None and d.national_number_pattern]
    return {"prefix": plan.national_prefix or "0", "formats": formats, "valid": valid}


def check_phone(value: str, field: str = "「電話番号」", field_en: str = "Phone") -> Finding:
    """Phone and fax: fixed lines 10 digits from 0, mobiles 070/080/090 11, 0120 10, 0800 11, 050 11, split by
    hyphens (bare digits lose their area code on the page: 0548248585 was shown as +81 548248585)."""
    folded = nfkc(value).replace("ー", "-").replace("−", "-").replace("‐", "-")
    digits = re.sub(r"[^0-9]", "", folded)
    if folded == digits and phone_digits_ok(digits):
        better = hyphenated(digits)
        return "phone-hyphens", {"value": value, "field": field, "field_en": field_en,
                                 "suggestion": f'"{better}"' if better else '"0548-22-1234"', **width_reason(value)}
    if not NOT_PHONE.search(value) and phone_digits_ok(digits) and not value.startswith("-") and "--" not in value:
        return None
    suggestion = f'"{folded}"' if not NOT_PHONE.search(folded) and phone_digits_ok(digits) else '"0548-22-1234"'
    return "phone", {"value": value, "field": field, "field_en": field_en, "suggestion": suggestion,
                     **width_reason(value)}


def check_url(value: str, field: str = "「ウェブサイト」", field_en: str = "Website") -> Finding:
    """Web addresses: http(s) only, with a host name."""
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and "." in parts.netloc and not re.search(r"\s", value) and value.isascii():
        return None
    folded = nfkc(value).strip()
    reason = ("全角の文字は半角にします。", " Full-width characters become half-width.") if folded != value.strip() \
        else ("", "")
    if not urlsplit(folded).scheme and re.fullmatch(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/\S*)?", folded):
        folded = "https://" + folded  # www.example.co.jp: the scheme was left out
        reason = (reason[0] + "先頭に https:// を付けます。", reason[1] + " Add https:// in front.")
    good = urlsplit(folded)
    suggestion = folded if good.scheme in ("http", "https") and "." in good.netloc and folded.isascii() \
        and not re.search(r"\s", folded) else "https://www.example.co.jp/"
    return "url", {"value": value, "field": field, "field_en": field_en, "suggestion": suggestion,
                   "reason": reason[0], "reason_en": reason[1]}


def check_email(value: str) -> Finding:
    """E-mail addresses: one @, a domain with a dot, half-width characters only."""
    reason = None
    if not value.isascii():
        reason = ("全角文字が含まれています。半角で書いてください", "it contains full-width characters")
    elif value.count("@") != 1:
        reason = ("「@」はちょうど1つ必要です", "it needs exactly one '@'")
    elif ".." in value or value.startswith(".") or value.split("@")[0].endswith("."):
        reason = ("「.」が続いているか、端にあります", "a '.' is doubled or at an edge")
    elif not EMAIL.match(value):
        reason = ("@ の後ろはドメイン名（例: example.co.jp）です", "the part after '@' must be a domain like example.co.jp")
    if reason is None:
        return None
    folded = nfkc(value).replace("＠", "@")
    return "email", {"value": value, "reason": reason[0], "reason_en": reason[1],
                     "suggestion": folded if EMAIL.match(folded) else "info@example.co.jp"}


def check_prefecture(value: str) -> Finding:
    """One of the 47 prefectures, written in full (静岡県, not 静岡)."""
    if value in PREFECTURES:
        return None
    close = [p for p in PREFECTURES if p.startswith(value)] if value else []
    close += [p for p in difflib.get_close_matches(value, PREFECTURES, n=2, cutoff=0.5) if p not in close]
    hint = f"「{close[0]}」ではありませんか？" if close else "「県」「府」「都」まで書いてください（例: 静岡県）。"
    hint_en = f"Did you mean '{close[0]}'?" if close else "Write it in full, e.g. 静岡県."
    return "prefecture", {"value": value, "hint": hint, "hint_en": hint_en}


def to_katakana(text: str) -> str:
    """Hiragana and half-width katakana turned into full-width katakana."""
    return hiragana_to_katakana(nfkc(text))


def check_kana(value: str) -> Finding:
    """The reading of the name: full-width katakana (spaces, ー and ・ allowed)."""
    if KATAKANA.match(value):
        legal = KANA_LEGAL_FORM.search(value)
        if legal is None or not KANA_LEGAL_FORM.sub("", value):
            return None
        return "kana-legal-form", {"value": value, "form": legal.group(0).strip(),
                                   "suggestion": KANA_LEGAL_FORM.sub("", value)}
    converted = to_katakana(value)
    for word in ("カブシキガイシャ", "ユウゲンガイシャ", "株式会社", "有限会社", "(株)", "(有)"):
        converted = converted.replace(word, "")
    converted = converted.strip()
    chars = "".join(dict.fromkeys(NOT_KATAKANA.findall(value)))
    suggestion = converted if converted and KATAKANA.match(converted) else "ヤマダセイキ"
    hiragana = re.search(r"[ぁ-ゖ]", value)
    reason = ("ひらがなはカタカナにします。", " Hiragana becomes katakana.") if hiragana else (
        ("半角カタカナは全角にします。", " Half-width katakana becomes full-width.") if HALFWIDTH_KANA.search(value)
        else ("", ""))
    return "kana", {"value": value, "chars": chars, "suggestion": suggestion, "reason": reason[0], "reason_en": reason[1]}


def check_widths(value: str, field: str = "", field_en: str = "") -> list[tuple[str, dict]]:
    """Half-width katakana and full-width ASCII letters or digits, each with the corrected text as a suggestion."""
    found = []
    for rule, pattern, run in (("halfwidth-kana", HALFWIDTH_KANA, HALFWIDTH_KANA),
                               ("fullwidth-ascii", FULLWIDTH_ALNUM, FULLWIDTH_RUN)):
        chars = "".join(pattern.findall(value))
        if chars:
            fixed = run.sub(lambda m: nfkc(m.group(0)), value)
            found.append((rule, {"field": field, "field_en": field_en, "chars": chars,
                                 "suggestion": fixed if len(fixed) <= 60 else fixed[:57] + "…"}))
    return found


# pointer → (check, label ja, label en); these fields get a precise check instead of the schema's pattern
FIELD_CHECKS = {
    ("corporate_number",): (check_corporate_number, None, None),
    ("address", "postal_code"): (check_postal_code, None, None),
    ("address", "prefecture"): (check_prefecture, None, None),
    ("contact", "phone"): (check_phone, "「電話番号」", "Phone"),
    ("contact", "fax"): (check_phone, "「FAX番号」", "Fax"),
    ("contact", "email"): (check_email, None, None),
    ("contact", "website"): (check_url, "「ウェブサイト」", "Website"),
    ("name", "kana"): (check_kana, None, None),
}


def check(doc: YamlDoc, display: str, label) -> list[Problem]:
    """Japanese data problems of one profile; `label(pointer)` gives a field's (ja, en) names for messages."""
    data = doc.data if isinstance(doc.data, dict) else {}
    if not ODD_WIDTH.search(text_of(doc)):  # no odd-width character anywhere: only the fields with their own check
        return _field_checks(doc, data, display)
    problems = []
    for pointer, value in strings_at(data):
        spec = FIELD_CHECKS.get(pointer)
        if spec:
            fn, ja, en = spec
            found = fn(value, ja, en) if ja else fn(value)
            if found:
                problems.append(Problem(display, *doc.where(pointer), say(found[0], **found[1]), "error", found[0]))
            continue
        if value.isascii() or not ODD_WIDTH.search(value):
            continue
        ja, en = label(pointer)
        for rule, params in check_widths(value, ja, en):
            problems.append(Problem(display, *doc.where(pointer), say(rule, **params), "warning", rule))
    return problems


def _field_checks(doc: YamlDoc, data: dict, display: str) -> list[Problem]:
    """The problems of the fields in FIELD_CHECKS, looked up directly (the same as `check` finds walking the text)."""
    problems = []
    for pointer, (fn, ja, en) in FIELD_CHECKS.items():
        value = data
        for part in pointer:
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, str):
            found = fn(value, ja, en) if ja else fn(value)
            if found:
                problems.append(Problem(display, *doc.where(pointer), say(found[0], **found[1]), "error", found[0]))
    return problems
