"""Which parts of a company's printed entry an English page shows in Japanese, because the profile gives them only
in Japanese: named at the entry's foot ("In Japanese only: catchphrase, PR text"), so that a visiting buyer knows
the company wrote them so (the book is not unfinished), and nothing is left out without a word."""
from __future__ import annotations

from ..site.templates import JAPANESE

# (what the note calls the part, in the order the page shows them)
PARTS = ("catchphrase", "photo captions", "PR text", "products", "customers", "materials", "representative",
         "contact person", "equipment")


def _japanese(text, lang: str) -> bool:
    """A bilingual text that falls back to Japanese, or a plain string with kana or kanji in it."""
    if text is None:
        return False
    if isinstance(text, str):
        return bool(JAPANESE.search(text))
    return text.lang(lang) != lang


def japanese_only(company, lang: str, facts: dict) -> list[str]:
    """The parts of `company`'s printed entry shown in Japanese on a page in `lang` (empty for Japanese); `facts`
    are the template helpers (site/facts.py facts_globals) that say how the equipment and materials are printed."""
    if lang == "ja":
        return []
    found = {
        "catchphrase": _japanese(company.summary, lang),
        "photo captions": any(_japanese(p.alt, lang) for p in company.photos[:3]),  # the page shows three
        "PR text": _japanese(company.pr, lang),
        "products": any(_japanese(p.name, lang) or _japanese(p.description, lang) for p in company.products),
        "customers": any(_japanese(m, lang) for m in company.customers),
        "materials": any(_japanese(m, lang) for m in facts["materials_short"](company, lang)),
        "representative": _japanese(company.representative_title, lang)
        or _japanese(company.representative_name, lang),
        "contact person": _japanese(company.contact.person, lang),
        "equipment": any(_japanese(facts["row_name"](e, lang), lang)
                         or _japanese(e.maker_text.get(lang) if e.maker_text else None, lang)
                         or _japanese(e.model or "", lang)
                         or _japanese(facts["figures_short"](e, lang) or (e.spec.get(lang) if e.spec else ""), lang)
                         for e in facts["equipment_in_order"](company)),
    }
    return [part for part in PARTS if found[part]]


def japanese_only_note(company, lang: str, facts: dict) -> str:
    """The note for the entry's foot, or "" when everything shown is in `lang`."""
    parts = japanese_only(company, lang, facts)
    return f"In Japanese only: {', '.join(parts)}" if parts else ""
