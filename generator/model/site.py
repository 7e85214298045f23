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

    @property
    def size_mm(self) -> tuple[int, int]:
        return PAPER_SIZES[self.paper]


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


def site_from(data: dict, root: Path) -> Site:
    """Build Site settings from the validated data of site.yaml."""
    pub = data.get("publisher") or {}
    prn = data.get("print") or {}
    base = (data.get("base_url") or "").strip()
    return Site(
        municipality=Text.of(data["municipality"]), title=Text.of(data["title"]), edition=int(data["edition"]),
        publisher=Publisher(Text.of(pub.get("name")) or Text.of(data["municipality"]), Text.of(pub.get("address")),
                            pub.get("phone"), pub.get("email"), pub.get("website")),
        prefecture=data.get("prefecture", ""), municipality_code=str(data.get("municipality_code", "") or ""),
        base_url=base + ("/" if base and not base.endswith("/") else ""),
        languages=tuple(data.get("languages") or ("ja", "en")), color=data.get("color") or "#1d5e8c",
        logo=root / data["logo"] if data.get("logo") else None,
        theme=root / data["theme"] if data.get("theme") else None,
        print=PrintSettings(prn.get("paper", "A4"), prn.get("chapters", "industry"),
                            int(prn.get("pad_to_multiple", 4)), prn.get("pdfx", "X-4"),
                            prn.get("output_intent") or ""),
        repository=data.get("repository") or None, staff=tuple(data.get("staff") or ()),
        license=data.get("license") or "CC BY 4.0",
    )
