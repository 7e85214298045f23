"""The HTML of each chunk of the guidebook, from the print templates of the theme and the page plan."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from ..model import Company, Guide
from ..model.company import Image
from ..site.templates import environment
from .colour import cmyk_image, palette
from .dates import confirmed_line, print_date
from .edition import Edition, Run
from .fetcher import CACHE_URL, ContentOnlyFetcher
from .intent import OutputIntent, output_intent
from .japanese_only import japanese_only_note
from .layout import Geometry, geometry
from .plan import Sheet
from .qr import qr_svg
from .tabs import tab_columns
from .unbroken import column_mm, unbroken

# What a company page that runs over only because of its QR code tries next, in order, each rendered for real:
# the code at the foot of the main column (often shorter than the side column), then the side column and the PR
# text at the 7.5 pt floor with the code in either place, and last the page without the code (the build says so).
QR_STEPS = ("main", "tight", "tight-main", "none")
PAGE_LINK = "https://guidebook.invalid/page/"  # rewritten to an internal link to that page when chunks are merged

PHOTO_MAX_ASPECT = 1.5  # 3:2 kept whole (a 16:9 photo on the left of three reached the trim); the press copy of a photo: longer ones are cut around the centre (colour.cmyk_image)


def page_link(number: int) -> str:
    """The placeholder link to page `number`: a real link only exists once every chunk is in one file."""
    return f"{PAGE_LINK}{number}"


def linked_page(annot) -> int | None:
    """The page number a link annotation's placeholder (page_link) leads to; None for any other annotation."""
    action = annot.get("/A")
    uri = str(action.get("/URI", "")) if action is not None else ""
    return int(uri[len(PAGE_LINK):]) if uri.startswith(PAGE_LINK) else None


@lru_cache(maxsize=1)
def _parser():
    import budoux

    return budoux.load_default_japanese_parser()


def phrases(text: str, lang: str = "ja") -> Markup:
    """Japanese text as BudouX phrases that a line never breaks inside (headings and catchphrases wrap between
    phrases, as a typesetter breaks them); other languages as they are."""
    if not text or lang != "ja":
        return escape(text or "")
    return Markup("").join(Markup('<span class="ph">{}</span>').format(p) for p in _parser().parse(text))


PDFX = {"X-4": "pdf/x-4", "X-1a": "pdf/x-1a"}


def render_options(guide: Guide, target: str) -> dict:
    """WeasyPrint's options for an edition's documents (render() and write_pdf() take the same)."""
    if target == "print":
        return {"pdf_variant": PDFX.get(guide.site.print.pdfx, "pdf/x-4"), "dpi": 450}
    # Tagged for accessibility (reading order, headings, lists, tables, alternative texts): merge.py joins the
    # chunks' structure trees into one.
    # Photos down to 220 dpi (a quarter of the bytes); not optimize_images, which re-encodes every JPEG for a few
    # per cent and costs a quarter of a chunk's time.
    return {"dpi": 220, "pdf_tags": True}


class Composer:
    """Everything the print templates need that is the same for every chunk of one edition."""

    def __init__(self, run: Run, edition: Edition = Edition()):
        self.run, self.edition = run, edition
        self.guide = edition.guide(run.guide)  # a volume's companies only
        self.lang, self.target = edition.lang, edition.target
        # where CMYK copies of images are kept (press edition), beside the edition's chunks
        self.cache = run.cache / edition.key if run.cache is not None else None
        self.options = render_options(self.guide, self.target)
        self.perfect = edition.perfect(self.guide)
        self.qr_room: dict[str, str] = {}  # slug → how its page makes room for its QR code (QR_STEPS)
        self.geo: Geometry = geometry(self.guide.site.print.paper)
        self.profile: Path | None = None
        self.intent: OutputIntent | None = None
        if edition.press:
            self.intent = output_intent(self.guide.site.print.output_intent, run.theme, run.root)
            self.profile = self.intent.profile
        self.env = environment(run.theme, self.guide)
        self.stylesheets = [p.resolve().as_uri() for p in run.theme.print_stylesheets()]
        css = [self.geo.css_vars(), palette(self.guide.site.color, self.target, self.profile)]
        if edition.press:
            # The output intent: device-cmyk colours and CMYK images are meant for this profile.
            css.append(f"@color-profile device-cmyk {{ src: url({self.profile.resolve().as_uri()}); "
                       f"components: c, m, y, k; }}")
            css.append("@page { bleed: 3mm; }")
        self.page_css = "\n".join(css)
        self.sources: dict[str, Path] = {}  # URL in the HTML → the content file it shows (for warnings)

    @property
    def base_url(self) -> str:
        """The URL the chunks' relative links start from: the content folder."""
        return self.run.root.resolve().as_uri() + "/"

    @property
    def allowed(self) -> list[Path]:
        """Folders WeasyPrint may read from for this edition."""
        extra = [self.profile.parent] if self.profile else []
        return [self.run.root, *self.run.theme, *extra, *([self.cache] if self.cache else [])]

    def image_url(self, image: Image, photo: bool = False, wide: bool = False) -> str:
        """The URL of a company image: the file itself on screen, a CMYK copy for the press (a photo cut to at most
        PHOTO_MAX_ASPECT long, so that its frame's clipping never draws it past the bleed; in a `wide` frame, the
        only photo of a page, also to at least PHOTO_MAX_ASPECT wide: a portrait scaled to the frame's width was
        drawn above the page). The frames are wider than that, so what shows in them is the same."""
        if self.target == "print" and self.cache is not None:
            copy = cmyk_image(image.path, self.profile, self.cache / "images", PHOTO_MAX_ASPECT if photo else None,
                              PHOTO_MAX_ASPECT if photo and wide else None)
            url = f"{CACHE_URL}/{copy.relative_to(self.cache).as_posix()}"
        else:
            url = image.path.resolve().as_uri()
        self.sources[url] = image.path
        return url

    def fetcher(self) -> ContentOnlyFetcher:
        """The URL fetcher for this edition's documents: its allowed folders, its cache's press copies."""
        return ContentOnlyFetcher(self.allowed, cache=self.cache)

    def cover_image(self) -> str | None:
        """The cover image set in site.yaml (`cover_image`), if any."""
        from ..load.yamlfile import load

        site_file = self.run.root / "site.yaml"
        name = (load(site_file).data or {}).get("cover_image") if site_file.is_file() else None
        if not name:
            return None
        return self.image_url(Image(name, self.run.root / name))

    def logo(self) -> str | None:
        """The municipality's logo set in site.yaml (`logo`), if any (a CMYK copy for the press)."""
        logo = self.guide.site.logo
        return self.image_url(Image(logo.name, logo)) if logo is not None and logo.is_file() else None

    def qr_url(self, company: Company) -> str | None:
        """The address of the company's web page in this edition's language, when the site has a public one."""
        base = self.guide.site.base_url
        if not base:
            return None
        return f"{base}{'en/' if self.lang == 'en' else ''}companies/{company.slug}/"

    def qr_code(self, company: Company) -> str | None:
        """A QR code (inline SVG) to the company's web page, when the site has a public address and the page
        has room for it (see render._render_chunks)."""
        url = self.qr_url(company)
        if not url or self.qr_room.get(company.slug) == "none":
            return None
        return qr_svg(url, "device-cmyk(0 0 0 1)" if self.target == "print" else "#000")

    def room(self, company: Company) -> str:
        """How the company's page makes room for its QR code: "" (it fits in the contact box), or one of QR_STEPS."""
        return self.qr_room.get(company.slug, "")

    def site_qr(self) -> str | None:
        """A QR code (inline SVG) to the website's edition in this language, when the site has a public address."""
        base = self.guide.site.base_url
        if not base:
            return None
        return qr_svg(base + ("en/" if self.lang == "en" else ""),
                      "device-cmyk(0 0 0 1)" if self.target == "print" else "#000")

    def cell(self, text: str | None, column: str, paired: bool, whole: bool = False):
        """An equipment table cell's text, broken between figures and model numbers only (unbroken.py)."""
        return unbroken(text, column_mm(self.geo.width - self.geo.inner - self.geo.outer, column, paired), whole)

    def date(self, value, lang: str | None = None) -> str:
        """A date (YYYY, YYYY-MM or YYYY-MM-DD) in the book's one style (dates.py), in `lang` or the edition's."""
        return print_date(value, lang or self.lang, self.guide.site.print.era)

    def entry_foot(self, company: Company) -> str:
        """The foot line of a company's entry: when the company last confirmed it (dates.confirmed_line) and, on a
        page in another language, what it gives in Japanese only (japanese_only.py)."""
        note = japanese_only_note(company, self.lang, self.env.globals)
        return confirmed_line(company.last_confirmed, self.lang, self.guide.site.print.era) + (
            f" · {note}" if note else "")

    def html(self, sheets: list[Sheet], front: bool = False) -> str:
        """The HTML of one chunk: the given planned pages (and the cover and front pages when `front`)."""
        return self._render(sheets, front, self.page_css)

    def measuring_html(self, sheets: list[Sheet]) -> str:
        """The HTML of `sheets` on pages as wide as the book's and 2 m tall: to measure how tall each one is."""
        tall = (f"\n@page recto {{ size: {self.geo.width}mm 2000mm; }}"
                f"\n@page verso {{ size: {self.geo.width}mm 2000mm; }}")
        return self._render(sheets, False, self.page_css + tall)

    def _render(self, sheets: list[Sheet], front: bool, page_css: str) -> str:
        site = self.guide.site
        return self.env.get_template("print/document.html").render(
            guide=self.guide, site=site, lang=self.lang, target=self.target, geo=self.geo, sheets=sheets,
            front=front, stylesheets=self.stylesheets, page_css=page_css, page_link=page_link,
            image_url=self.image_url, qr_code=self.qr_code, qr_url=self.qr_url, room=self.room,
            cover_image=self.cover_image() if front else None, site_qr=self.site_qr, date=self.date, cell=self.cell, entry_foot=self.entry_foot, tab_columns=tab_columns, phrases=phrases, logo=self.logo() if front else None,
            volume=self.edition.volume, perfect=self.perfect)
