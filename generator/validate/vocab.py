"""Vocabulary fields must name terms of the taxonomies; unknown words get the closest terms suggested."""
from __future__ import annotations

from ..errors import Problem
from ..load.yamlfile import YamlDoc
from ..model.taxonomy import Taxonomy
from .messages import say

FIELDS = ("industries", "technologies", "certifications", "capabilities")


def _unknown(tax: Taxonomy, word, pointer, doc: YamlDoc, display: str) -> Problem:
    close = tax.suggestions(str(word))
    if close:
        names = "、".join(f"「{t.label.ja}」({t.key})" for t in close)
        hint, hint_en = f"もしかして: {names}", "Did you mean: " + ", ".join(
            f"{t.label.en or t.label.ja} ({t.key})" for t in close)
        suggestion = close[0].label.ja
    else:
        hint = f"content/taxonomies/{tax.name}.yaml にある用語のキーか名前を書いてください。"
        hint_en = f"Use a key or label of content/taxonomies/{tax.name}.yaml."
        suggestion = ""
    line, col = doc.where(pointer)
    return Problem(display, line, col, say("vocabulary", value=word, taxonomy=tax.title.ja, taxonomy_en=tax.name,
                                           hint=hint, hint_en=hint_en, suggestion=suggestion), "error", "vocabulary")


def check(doc: YamlDoc, taxonomies: dict[str, Taxonomy], display: str) -> list[Problem]:
    """Every vocabulary word of a profile resolves to a term; report those that do not."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems = []
    for field in FIELDS:
        words = data.get(field)
        if field in taxonomies and isinstance(words, list):
            seen: dict[str, str] = {}
            for i, word in enumerate(words):
                if not isinstance(word, str):
                    continue
                term = taxonomies[field].resolve(word)
                if term is None:
                    problems.append(_unknown(taxonomies[field], word, (field, i), doc, display))
                elif term.key in seen and seen[term.key] != word:  # an exact repeat is the schema's duplicate-item
                    line, col = doc.where((field, i))
                    problems.append(Problem(display, line, col, say("duplicate-term", value=word, first=seen[term.key]),
                                            "error", "duplicate-term"))
                else:
                    seen.setdefault(term.key, word)
    area = data.get("area")
    if "areas" in taxonomies and isinstance(area, str) and taxonomies["areas"].resolve(area) is None:
        problems.append(_unknown(taxonomies["areas"], area, ("area",), doc, display))
    return problems
