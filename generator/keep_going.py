"""For `guidebook build --keep-going`: set aside the companies whose profiles have errors and build the rest."""
from __future__ import annotations

from pathlib import Path

from .errors import Problem
from .load import Content


def company_of(content: Content, problem: Problem) -> str | None:
    """The slug of the company folder a problem is about, or None for site, vocabulary and page problems."""
    companies = (content.root / "companies").resolve()
    try:
        relative = Path(problem.path).resolve().relative_to(companies)
    except ValueError:
        return None
    return relative.parts[0] if len(relative.parts) > 1 else None


def set_aside(content: Content, errors: list[Problem]) -> tuple[dict[str, list[Problem]], list[Problem]]:
    """Remove the companies with errors from `content`: ({slug: its errors}, the errors no company can absorb)."""
    left_out: dict[str, list[Problem]] = {}
    fatal: list[Problem] = []
    for problem in errors:
        slug = company_of(content, problem)
        if slug is None:
            fatal.append(problem)
        else:
            left_out.setdefault(slug, []).append(problem)
    for slug in left_out:
        content.companies.pop(slug, None)
    if not content.companies and left_out:
        fatal += [p for problems in left_out.values() for p in problems]  # nothing left to build
    return left_out, fatal
