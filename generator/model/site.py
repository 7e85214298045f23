"""The guidebook's settings from content/site.yaml."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .text import Text

PAPER_SIZES = {"A4": (210, 297), "B5": (182, 257), "A5": (148, 210)}


@dataclass(frozen=True)
class Publisher:
    name: Text
    address: Text | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class PrintSettings:
    paper: str = "A4"
    chapters: str = "industry"  # "industry" | "area"
    pad_to_multiple: int = 4
    pdfx: str = "X-4"
    output_intent: str = ""  # a named CMYK printing condition or an .icc file; "" = theme's print/cmyk.icc or Japan Color
    printer: Text | None = None  # the print shop, for the colophon (奥付)
    era: bool = False  # dates in the Japanese era with the Western year: 令和8年（2026年）4月
    volumes: str = "none"  # "none" | "by chapter": one booklet per group of whole chapters (pdf/volumes.py)
    volume_pages: int = 200  # with volumes: the company pages one volume holds at most, unless a chapter is longer
    binding: str = "saddle"  # "saddle" (the cover is page 1) | "perfect" (a separate cover PDF with a spine: cover.py)
    paper_thickness_mm: float = 0.1  # one leaf of the body paper: the spine of a perfect-bound book

    @property
    def size_mm(self) -> tuple[int, int]:
        return PAPER_SIZES[self.paper]


@dataclass(frozen=True)
class Neighbour:
    """Another guidebook built by this tool, searched together with this one (site.yaml `network:`)."""

    url: str  # its published base URL, ending in '/'
    name: Text  # its municipality, as its own site.yaml writes it (the search's municipality filter)
    id: str = ""


@dataclass(frozen=True)
class Site:
    """Settings of one municipality's guidebook."""

    municipality: Text
    title: Text
    edition: int
    publisher: Publisher
    prefecture: str = ""
    municipality_code: str = ""
    base_url: str = ""
    languages: tuple[str, ...] = ("ja", "en")
    color: str = "#1d5e8c"
    logo: Path | None = None
    theme: Path | None = None
    print: PrintSettings = field(default_factory=PrintSettings)
    repository: str | None = None
    staff: tuple[str, ...] = ()
    license: str = "CC BY 4.0"
    network: tuple[Neighbour, ...] = ()
    issued: str = ""  # the month of issue, YYYY-MM, for the colophon
    stale_after_months: int = 12  # a company page says its information is old beyond this (site/freshness.py)


def site_from(data: dict, root: Path) -> Site:
    """The Site of a validated site.yaml; what it leaves out takes the defaults written once, in the dataclasses."""
    pub = data.get("publisher") or {}
    prn = data.get("print") or {}
    base = (data.get("base_url") or "").strip()
    return Site(
        municipality=Text.of(data["municipality"]), title=Text.of(data["title"]), edition=int(data["edition"]),
        publisher=Publisher(Text.of(pub.get("name")) or Text.of(data["municipality"]), Text.of(pub.get("address")),
                            pub.get("phone"), pub.get("email"), pub.get("website")),
        prefecture=data.get("prefecture", Site.prefecture),
        municipality_code=str(data.get("municipality_code", Site.municipality_code) or ""),
        base_url=base + ("/" if base and not base.endswith("/") else ""),
        languages=tuple(data.get("languages") or Site.languages), color=data.get("color") or Site.color,
        logo=root / data["logo"] if data.get("logo") else None,
        theme=root / data["theme"] if data.get("theme") else None,
        print=PrintSettings(prn.get("paper", PrintSettings.paper), prn.get("chapters", PrintSettings.chapters),
                            int(prn.get("pad_to_multiple", PrintSettings.pad_to_multiple)),
                            prn.get("pdfx", PrintSettings.pdfx), prn.get("output_intent") or PrintSettings.output_intent,
                            Text.of(prn.get("printer")), bool(prn.get("era", PrintSettings.era)),
                            volumes=prn.get("volumes") or PrintSettings.volumes,
                            volume_pages=int(prn.get("volume_pages", PrintSettings.volume_pages)),
                            binding=prn.get("binding") or PrintSettings.binding,
                            paper_thickness_mm=float(prn.get("paper_thickness_mm") or PrintSettings.paper_thickness_mm)),
        repository=data.get("repository") or None, staff=tuple(data.get("staff") or ()),
        license=data.get("license") or Site.license, issued=str(data.get("issued") or Site.issued),
        stale_after_months=int(data.get("stale_after_months") or Site.stale_after_months),
        network=tuple(Neighbour(with_slash(n["url"].strip()), Text.of(n["name"]), n.get("id") or "")
                      for n in data.get("network") or ()),
    )


def with_slash(url: str) -> str:
    """A base URL ending in '/', as links are joined to it."""
    return url if url.endswith("/") else url + "/"
