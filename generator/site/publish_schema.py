"""The profile JSON Schema published with the site, the vocabulary terms written in as `enum`s for editor completion."""
from __future__ import annotations

import copy
import json
from pathlib import Path

SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "company.schema.json"
SITE_PATH = "schema/company.schema.json"


def accepted_words(taxonomy) -> list[str]:
    """Every word a profile may write for a term of the taxonomy: keys first, then Japanese and English labels."""
    words = list(taxonomy.terms)
    for term in taxonomy.terms.values():
        words += [w for w in (term.label.ja, term.label.en) if w]
    return list(dict.fromkeys(words))


def word_descriptions(taxonomy) -> list[str]:
    """For each of `accepted_words`, what an editor shows beside it: the term's Japanese and English labels and key."""
    said: dict[str, str] = {}
    for term in taxonomy.terms.values():
        text = f"{term.label.ja} / {term.label.en or term.label.ja} ({term.key})"
        for word in (term.key, term.label.ja, term.label.en):
            if word:
                said.setdefault(word, text)
    return [said[w] for w in accepted_words(taxonomy)]


def schema_with_terms(taxonomies: dict) -> dict:
    """The company schema where each `x-taxonomy` string (or list item) gets its taxonomy's words as an `enum`, with
    `enumDescriptions` and `markdownEnumDescriptions` (what yaml-language-server and VS Code show beside each)."""
    schema = copy.deepcopy(json.loads(SCHEMA.read_text(encoding="utf-8")))

    def walk(node):
        if isinstance(node, dict):
            name = node.get("x-taxonomy")
            if name in taxonomies:
                target = node["items"] if node.get("type") == "array" else node
                target["enum"] = accepted_words(taxonomies[name])
                target["enumDescriptions"] = word_descriptions(taxonomies[name])
                target["markdownEnumDescriptions"] = target["enumDescriptions"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def write_schema(guide, out: Path) -> str:
    """Write `schema/company.schema.json` into the site; returns its path under the site root."""
    dest = out / SITE_PATH
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(schema_with_terms(guide.taxonomies), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    return SITE_PATH
