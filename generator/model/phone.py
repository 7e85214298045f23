"""Japanese phone numbers as callers abroad and tel: links need them."""
from __future__ import annotations

import re
import unicodedata


def international_phone(number: str) -> str:
    """A Japanese phone number as written for callers abroad: 0548-24-3366 → +81 548-24-3366."""
    text = unicodedata.normalize("NFKC", number).strip()
    grouped = re.sub(r"-+", "-", re.sub(r"[()]", "-", text)).strip("-")  # (0548)24-3366, 0548(24)3366
    if re.fullmatch(r"0[1-9][0-9\-]+", grouped):
        return "+81 " + grouped[1:]
    return text


def e164(number: str) -> str:
    """A phone number for a tel: link (E.164): 0548-24-3366 → +81548243366."""
    digits = re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", number))
    if digits.startswith("0") and not digits.startswith("00"):
        return "+81" + digits[1:]
    return "+" + digits if unicodedata.normalize("NFKC", number).strip().startswith("+") else digits
