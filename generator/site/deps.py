"""What each page of the website is made from, as one digest per page: a rebuild re-renders a page only when its
digest changed.

A page's digest covers everything every page shows (the theme's templates and strings, site.yaml, the
vocabularies, the front pages, the municipality's logo, the generator's own code and the versions of the libraries
that write HTML) plus the data of the companies that page shows:

- a company page: the whole profile and its resized images;
- a list (home, 50音 index, one term's list): the *listing* of each company shown, i.e. what a card shows (name,
  reading, summary, vocabulary terms, logo). A new PR text or photo changes the company's own pages only.

A theme that makes a list show more of a profile than its listing (say, the PR text in a card) must add those
fields to `LISTED` below; a template that shows other companies on a company page is not covered at all.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..model import Company

GENERATOR = Path(__file__).resolve().parent.parent
# The fields of a profile that list pages show (see company_card in the theme's macros.html).
LISTED = ("slug", "name", "kana", "summary", "area", "technologies", "industries", "certifications", "capabilities",
          "logo")
LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3")


def digest(*parts) -> str:
    """A short stable digest of values whose repr() is deterministic (dataclasses, strings, tuples, dicts)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The generator's own files and the versions of the HTML libraries: new code re-renders every page."""
    h = hashlib.sha256()
    for path in sorted(GENERATOR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".json") and "__pycache__" not in path.parts:
            h.update(path.relative_to(GENERATOR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(name.encode())
    return h.hexdigest()[:32]


def theme_digest(themes: list[Path]) -> str:
    """Every template and the strings of the theme search path (a municipality's theme first)."""
    h = hashlib.sha256()
    for i, theme in enumerate(themes):
        for path in sorted([theme / "strings.yaml", *(theme / "templates").rglob("*")]):
            if path.is_file():
                h.update(f"{i}:{path.relative_to(theme).as_posix()}".encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def site_digest(guide, themes: list[Path], site_logo: str | None, options: tuple) -> str:
    """What every page depends on: code, theme, site.yaml, vocabularies, front pages, logo and render options."""
    return digest(code_digest(), theme_digest(themes), guide.site, guide.taxonomies, guide.pages, site_logo, options)


def company_digest(company: Company, images: dict) -> str:
    """A company's whole profile and the sizes of its resized images: what its own pages show."""
    return digest(company, _image_sets(company, images))


def listing_digest(company: Company, images: dict) -> str:
    """What a list shows of a company (its card): name, reading, summary, terms and logo."""
    logo = images.get((company.slug, company.logo.file)) if company.logo else None
    return digest(*(getattr(company, name) for name in LISTED), logo)


def _image_sets(company: Company, images: dict) -> list:
    files = ([company.logo] if company.logo else []) + list(company.photos)
    return [images.get((company.slug, image.file)) for image in files]
