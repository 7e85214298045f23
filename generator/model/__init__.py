"""Stage 3, model: turn validated content into plain typed objects for the renderers."""
from __future__ import annotations

from dataclasses import dataclass

from ..load import Content
from .collation import collation_key
from .company import Company, company_from
from .english import fill_english, fill_english_name
from .page import Page, page_from
from .site import Site, site_from
from .taxonomy import Taxonomy, Term, taxonomy_from
from .text import Text

__all__ = ["Ahead", "Guide", "make_guide", "Company", "Page", "Site", "Taxonomy", "Term", "Text"]


@dataclass
class Guide:
    """The whole guidebook: settings, vocabularies, companies in 50音 order, front pages."""

    site: Site
    taxonomies: dict[str, Taxonomy]
    companies: list[Company]
    pages: list[Page]

    def companies_with(self, term: Term) -> list[Company]:
        """The companies listed under one term, in 50音 order."""
        return [c for c in self.companies if term in c.terms(term.taxonomy)]

    def used_terms(self, taxonomy: str) -> list[tuple[Term, int]]:
        """Terms of a taxonomy that at least one company uses, with their counts, in vocabulary order."""
        counts: dict[str, int] = {}
        for company in self.companies:
            for term in company.terms(taxonomy):
                counts[term.key] = counts.get(term.key, 0) + 1
        return [(t, counts[k]) for k, t in self.taxonomies[taxonomy].terms.items() if k in counts]


def taxonomies_from(content: Content) -> dict[str, Taxonomy]:
    """The vocabularies of the content, as Taxonomy objects."""
    return {name: taxonomy_from(name, doc.data) for name, doc in content.taxonomies.items()}


class Ahead:
    """Companies made from their profiles as the profiles arrive, while the others are still read and checked on the
    other cores (`add`, validate.run's `each`): the model's own time then overlaps the validation's.

    A profile that cannot be made into a company yet (it has errors) is skipped: validation reports it, and
    make_guide, which only ever sees valid content, makes whatever is not here.
    """

    def __init__(self):
        self.taxonomies: dict[str, Taxonomy] | None = None
        self.made: dict[str, tuple[dict, Company]] = {}  # slug -> (the profile data it was made from, company)
        self.off = False  # the vocabularies cannot be modelled: validation says why, nothing is made ahead

    def add(self, content: Content, profiles) -> None:
        """Make the companies of (slug, profile path, data) of `content` (whose vocabularies are loaded)."""
        if self.off:
            return
        if self.taxonomies is None:
            try:
                self.taxonomies = taxonomies_from(content)
            except Exception:  # noqa: BLE001 - a broken vocabulary: reported by validation with its line
                self.off = True
                return
        for slug, path, data in profiles:
            try:
                company = company_from(slug, path.parent, data, self.taxonomies)
                fill_english_name(company)
            except Exception:  # noqa: BLE001 - an invalid profile: reported by validation, never modelled
                continue
            self.made[slug] = (data, company)

    def company(self, slug: str, data: dict) -> Company | None:
        """The company made from exactly this profile data, if any."""
        found = self.made.get(slug)
        return found[1] if found is not None and found[0] is data else None


def make_guide(content: Content, taxonomies: dict[str, Taxonomy] | None = None, ahead: Ahead | None = None) -> Guide:
    """Build the model from content that has passed validation (with the companies `ahead` made already)."""
    if ahead is not None and ahead.taxonomies is not None and taxonomies is None:
        taxonomies = ahead.taxonomies  # the terms of the companies made ahead are these objects
    else:
        ahead = None
    taxonomies = taxonomies or taxonomies_from(content)
    companies = [(ahead and ahead.company(slug, doc.data)) or company_from(slug, doc.path.parent, doc.data, taxonomies)
                 for slug, doc in content.companies.items()]
    companies.sort(key=lambda c: (collation_key(c.kana), c.slug))  # JIS X 4061: アークレーザー before アライ
    site = site_from(content.site.data, content.root)
    fill_english(companies, site.municipality, taxonomies.get("areas"))
    pages = sorted((page_from(p.slug, p.meta.data, p.body) for p in content.pages), key=lambda p: (p.order, p.slug))
    return Guide(site, taxonomies, companies, pages)
