"""Sharing and discovery: JSON-LD for company pages, sitemap.xml and robots.txt."""
from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape

from markupsafe import Markup

from ..model.phone import international_phone


def organization_jsonld(company, site, lang: str, url: str | None) -> Markup:
    """schema.org Organization of one company as a <script type="application/ld+json"> body (safe to embed)."""
    addr = company.address
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": company.name.get(lang),
        "alternateName": [n for n in {company.name.ja, company.name.en} if n and n != company.name.get(lang)] or None,
        "description": company.summary.get(lang),
        "telephone": international_phone(company.contact.phone),
        "faxNumber": international_phone(company.contact.fax) if company.contact.fax else None,
        "email": company.contact.email,
        "url": company.contact.website or url,
        "address": {
            "@type": "PostalAddress",
            "postalCode": addr.postal_code,
            "addressRegion": addr.prefecture,
            "addressLocality": addr.city,
            "streetAddress": addr.street,
            "addressCountry": "JP",
        },
        "foundingDate": company.established,
        "numberOfEmployees": ({"@type": "QuantitativeValue", "value": company.employees}
                              if company.employees is not None else None),
        "identifier": ({"@type": "PropertyValue", "propertyID": "法人番号", "value": company.corporate_number}
                       if company.corporate_number else None),
        "knowsAbout": [t.label.get(lang) for t in company.technologies],
        "mainEntityOfPage": url,
    }
    text = json.dumps({k: v for k, v in data.items() if v not in (None, [], "")}, ensure_ascii=False)
    # no "<" at all: neither "</script>" nor "<!--" (which changes how the HTML parser reads script data) can appear
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def write_sitemap(paths: list[tuple[str, dict[str, str]]], base_url: str, out: Path) -> None:
    """sitemap.xml with hreflang alternates; absolute URLs need base_url, so without it only relative ones are listed."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path, alternates in paths:
        loc = base_url + _pretty(path)
        lines.append(f"<url><loc>{escape(loc)}</loc>")
        for lang, alt in alternates.items():
            lines.append(f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(base_url + _pretty(alt))}"/>')
        lines.append("</url>")
    lines.append("</urlset>")
    (out / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_robots(base_url: str, out: Path) -> None:
    """robots.txt allowing everything and naming the sitemap when the site's address is known."""
    text = "User-agent: *\nAllow: /\n"
    if base_url:
        text += f"Sitemap: {base_url}sitemap.xml\n"
    (out / "robots.txt").write_text(text, encoding="utf-8")


def _pretty(path: str) -> str:
    """companies/x/index.html → companies/x/ (what servers answer and people share)."""
    return path[: -len("index.html")] if path.endswith("index.html") else path
