"""The company schema with this guidebook's vocabulary words, for editor completion: `content/company.schema.json`.

Every profile points at it from its first line (SCHEMA_LINE), so VS Code (yaml-language-server) offers each
vocabulary's terms with their Japanese and English labels. It is derived from generator/schema/company.schema.json
and content/taxonomies/, and kept beside the content (committed) so that a fresh clone completes without a build:
`guidebook schema` writes it, `guidebook validate` warns when it no longer matches, and the site publishes the same
text at schema/company.schema.json.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

from .errors import Problem

SCHEMA = Path(__file__).resolve().parent / "schema" / "company.schema.json"
FILE = "company.schema.json"  # in the content folder
SCHEMA_LINE = f"# yaml-language-server: $schema=../../{FILE}"  # from content/companies/<slug>/company.yaml


# vocabularies whose aliases a profile may write for the term (an equipment row's `type: ホイスト`, as the validator
# reads it): the editor offers them too, so that it does not underline what the validator accepts
ALIASES_ACCEPTED = ("machines",)


def accepted_words(taxonomy) -> list[str]:
    """Every word a profile may write for a term of the taxonomy: keys first, then Japanese and English labels (and
    the aliases, where they name the term)."""
    words = list(taxonomy.terms)
    for term in taxonomy.terms.values():
        words += [w for w in (term.label.ja, term.label.en) if w]
    if taxonomy.name in ALIASES_ACCEPTED:
        words += [a for term in taxonomy.terms.values() for a in term.aliases]
    return list(dict.fromkeys(words))


def word_descriptions(taxonomy) -> list[str]:
    """For each of `accepted_words`, what an editor shows beside it: the term's Japanese and English labels and key."""
    said: dict[str, str] = {}
    for term in taxonomy.terms.values():
        text = f"{term.label.ja} / {term.label.en or term.label.ja} ({term.key})"
        for word in (term.key, term.label.ja, term.label.en, *term.aliases):
            if word:
                said.setdefault(word, text)
    return [said[w] for w in accepted_words(taxonomy)]


def schema_with_terms(taxonomies: dict) -> dict:
    """The company schema where each `x-taxonomy` string (or list item) gets its taxonomy's words as an `enum`, with
    `enumDescriptions` and `markdownEnumDescriptions` (what yaml-language-server and VS Code show beside each)."""
    schema = copy.deepcopy(json.loads(SCHEMA.read_text(encoding="utf-8")))

    def walk(node):
        if isinstance(node, dict):
            if node.get("x-file-note") and isinstance(node.get("description"), str):
                node["description"] = f"{node['description']} {node['x-file-note']}"
            name = node.get("x-taxonomy")
            if name in taxonomies:
                target = node["items"] if node.get("type") == "array" else node
                words = {"enum": accepted_words(taxonomies[name]), "enumDescriptions": word_descriptions(taxonomies[name])}
                words["markdownEnumDescriptions"] = words["enumDescriptions"]
                if node.get("x-open-vocabulary"):  # materials: the words are offered, free text stays allowed
                    target["anyOf"] = [words, *target.get("anyOf", [])]
                else:
                    target.update(words)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def schema_text(taxonomies: dict) -> str:
    """The file's whole text (stable: the same vocabularies give the same bytes)."""
    return json.dumps(schema_with_terms(taxonomies), ensure_ascii=False, indent=1) + "\n"


def write(root: Path, taxonomies: dict) -> Path:
    """Write content/company.schema.json for these vocabularies; returns its path."""
    target = Path(root) / FILE
    target.write_text(schema_text(taxonomies), encoding="utf-8")
    return target


def check(root: Path, taxonomies: dict, shown: str) -> list[Problem]:
    """A warning when the content's copy no longer matches the schema and vocabularies (none when there is none)."""
    target = Path(root) / FILE
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    if text == schema_text(taxonomies):
        return []
    return [Problem(shown, 1, 1, f"{FILE}（エディタの入力候補）が今の項目や用語と合っていません。`guidebook schema` を実行して"
                    f"更新し、コミットしてください。 / {FILE} (editor completion) no longer matches the profile format "
                    "and vocabularies: run `guidebook schema` and commit it.", "warning", "schema-file-stale")]
