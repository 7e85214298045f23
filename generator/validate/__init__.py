"""Stage 2, validate: check all content and collect every problem, located, before anything is written."""
from __future__ import annotations

from ..errors import Problem
from ..load import Content
from ..model import taxonomies_from
from .output import unique
from . import dates, glyphs, identity, images, japanese, pitfalls, schema, text_safety, vocab


def validate(content: Content, others: list = ()) -> list[Problem]:
    """Every problem in the content: errors and warnings, sorted by file and line. `others` are the identity facts of
    profiles not loaded (the rest of the guidebook), which the loaded ones must not copy."""
    problems, taxonomies = check_shared(content)
    for doc in content.companies.values():
        problems += check_company(content, doc, taxonomies)
    problems += identity.check(content, others)
    return unique(problems)


def check_shared(content: Content) -> tuple[list[Problem], dict]:
    """Problems of all but the company profiles (loading, site, vocabularies, pages), and the vocabularies if valid."""
    problems = list(content.problems)
    if content.site is not None:
        problems += schema.check(content.site, "site", content.display(content.site.path))
    tax_problems = []
    for doc in content.taxonomies.values():
        tax_problems += schema.check(doc, "taxonomy", content.display(doc.path))
    problems += tax_problems
    taxonomies = taxonomies_from(content) if not tax_problems and len(content.taxonomies) == 5 else {}
    problems += text_safety.check_shared(content)
    return problems, taxonomies


def check_company(content: Content, doc, taxonomies) -> list[Problem]:
    """The problems of one company profile (checks across profiles are identity's)."""
    shown = content.display(doc.path)
    problems, explained = pitfalls.check(doc, "company", shown)
    problems += japanese.check(doc, shown, lambda pointer: schema.labels("company", pointer))
    problems += dates.check(doc, shown, lambda pointer: schema.labels("company", pointer))
    problems += schema.check(doc, "company", shown, skip=explained | images.alt_pointers(doc),
                             skip_format=japanese.FIELD_CHECKS.keys())
    if taxonomies:
        problems += vocab.check(doc, taxonomies, shown)
    problems += images.check(doc, shown)
    problems += glyphs.check(doc, shown)
    # profiles come from anyone's pull request: no markup, safe links only
    problems += text_safety.check_doc(doc, shown, markup=True)
    return problems


def errors_in(problems: list[Problem]) -> list[Problem]:
    """Only the problems that stop a build."""
    return [p for p in problems if p.is_error]
