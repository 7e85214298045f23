"""Vocabulary fields must name terms of the taxonomies; unknown words get the closest terms suggested."""
from __future__ import annotations

from ..errors import Problem
from ..load.yamlfile import YamlDoc
from ..model.taxonomy import Taxonomy

FIELDS = ("industries", "technologies", "certifications", "capabilities")


def _unknown(tax: Taxonomy, word, pointer, doc: YamlDoc, display: str) -> Problem:
    close = tax.suggestions(str(word))
    hint = ("もしかして / did you mean: " + ", ".join(f"{t.label.ja} ({t.key})" for t in close)) if close else (
        f"content/taxonomies/{tax.name}.yaml にある用語を書いてください / use a term of {tax.name}.yaml")
    line, col = doc.where(pointer)
    return Problem(display, line, col,
                   f"「{word}」は{tax.title.ja}の用語にありません。{hint} / '{word}' is not a term of {tax.name}.",
                   "error", "vocabulary")


def check(doc: YamlDoc, taxonomies: dict[str, Taxonomy], display: str) -> list[Problem]:
    """Every vocabulary word of a profile resolves to a term; report those that do not."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems = []
    for field in FIELDS:
        words = data.get(field)
        if field in taxonomies and isinstance(words, list):
            seen = set()
            for i, word in enumerate(words):
                if not isinstance(word, str):
                    continue
                term = taxonomies[field].resolve(word)
                if term is None:
                    problems.append(_unknown(taxonomies[field], word, (field, i), doc, display))
                elif term.key in seen:
                    line, col = doc.where((field, i))
                    problems.append(Problem(display, line, col, f"「{word}」が重複しています。 / '{word}' is listed twice.",
                                            "error", "duplicate-term"))
                seen.add(getattr(term, "key", None))
    area = data.get("area")
    if "areas" in taxonomies and isinstance(area, str) and taxonomies["areas"].resolve(area) is None:
        problems.append(_unknown(taxonomies["areas"], area, ("area",), doc, display))
    return problems
