"""Preflight of a finished PDF: what a print shop's prepress operator checks before making plates, measured on the
file itself (pikepdf for fonts, annotations and declared colour spaces; a tokenizer over the content streams for
black overprint and total ink; pdfplumber for where every glyph, rule, panel and image is drawn, hairlines and the
images' effective resolution).

The press edition must pass it (the build fails with each finding's page and position); the screen editions are
checked for what concerns them too (font subset tags) and their findings are reported as warnings.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from .layout import SAFE_MM

MM = 72 / 25.4
TOLERANCE = 0.25  # points: WeasyPrint's sums of millimetres land a few hundredths of a point off
ALLOWED = {  # colour spaces each PDF/X allows (ISO 15930-1 and -7); an RGB colour is never printed as meant
    "X-1a": {"DeviceCMYK", "DeviceGray", "Separation", "DeviceN", "Pattern", "Indexed"},
    "X-4": {"DeviceCMYK", "DeviceGray", "Separation", "DeviceN", "Pattern", "Indexed", "ICCBased", "Lab"},
}
RULES = {
    "subset-tag": ("同じサブセット名で別のフォントが埋め込まれています", "one subset tag names different font programs"),
    "annotation": ("印刷用 PDF に注釈（リンク）があります", "an annotation (link) in the press file"),
    "colour-space": ("使えない色空間です", "a colour space this PDF/X does not allow"),
    "safe-zone": ("仕上がり線から 3 mm の内側に入っていません", "closer than 3 mm to the trim"),
    "short-of-bleed": ("仕上がり線まで描かれていますが塗り足しまで届いていません",
                       "reaches the trim but stops short of the bleed"),
    "text-past-trim": ("文字が仕上がり線の外にはみ出しています", "text runs past the trim"),
    "beyond-bleed": ("塗り足し（BleedBox）の外まで描かれています", "drawn beyond the BleedBox"),
    "overprint": ("スミ（K100）の文字がオーバープリントになっていません", "black (K100) text does not overprint"),
    "total-ink": ("総インキ量が上限を超えています", "total ink above the limit"),
    "hairline": ("0.1 mm より細い線（ヘアライン）は印刷でかすれます", "a hairline under 0.1 mm may not print"),
    "low-ppi": ("画像の実効解像度が低く、印刷でぼやけます", "an image's effective resolution is low for print"),
    "small-process-text": ("小さな文字が複数のインキの掛け合わせです（版ずれでにじみます）。スミ（K100）か 1 色のインキにしてください",
                           "small text in more than one process ink (it blurs when the plates misregister): set it in "
                           "black (K 100 %) or one ink"),
}
WARNINGS = {"low-ppi"}  # reported, never a reason to refuse the file: a company's photo is the company's to replace
TOTAL_INK = 3.2  # 320 %: what a coated sheet takes (Japan Color 2011 Coated is made for 350 %); vector colours only
HAIRLINE_PT = 0.1 * 72 / 25.4
MIN_PPI = 200  # photos should reach 300 at their printed size (render.py warns below that); under 200 they blur
# Type of 8 pt and under (the labels and tags at 7.5 pt, the index's headings at 7.6 pt, the thumb tab's label at 8 pt)
# must be printed by one plate: built of two or more inks, or knocked out of such a panel (white on the thumb tab), it
# blurs and shows coloured fringes as soon as the plates misregister by 0.1 mm on a sheet-fed press.
SMALL_TEXT_PT = 8.0
INK_MIN = 0.005  # an ink below half a percent is not printed


@dataclass(frozen=True)
class Finding:
    """One fault: its rule, page (1-based), where on the page (mm from the trim's top left corner: x0, y0, x1,
    y1; None for the whole page) and what it is."""

    rule: str
    page: int
    where: tuple[float, float, float, float] | None = None
    what: str = ""

    @property
    def warning(self) -> bool:
        """A finding to report that does not stop the press file."""
        return self.rule in WARNINGS

    def message(self, page: bool = True) -> str:
        """The finding in Japanese, then English, with its page (unless `page` is False: a page laid out alone) and
        position."""
        ja, en = RULES[self.rule]
        at = [f"{self.page} ページ / page {self.page}"] if page else []
        if self.where is not None:
            x0, y0, x1, y1 = self.where
            at.append(f"x {x0:.1f}–{x1:.1f} mm, y {y0:.1f}–{y1:.1f} mm")
        what = f" ({self.what})" if self.what else ""
        return f"{', '.join(at) or '-'}: {ja} / {en}{what} [{self.rule}]"


def preflight(path: Path, *, press: bool = True, pdfx: str = "X-4") -> list[Finding]:
    """Every finding in the PDF at `path`: for a press file all rules, for a screen edition the font tags."""
    findings: list[Finding] = []
    with pikepdf.open(path) as pdf:
        findings += subset_tags(pdf)
        if press:
            findings += annotations(pdf)
            findings += declared_colour_spaces(pdf, pdfx)
            findings += stream_checks(pdf)
    if press:
        findings += placement(path, pdfx)
    return sorted(findings, key=lambda f: (f.page, f.rule, f.where or ()))


def fonts(resources, seen: set) -> list[pikepdf.Dictionary]:
    """The fonts of a resource dictionary and of the forms it uses, each once (`seen` holds those met before)."""
    found = []
    if not isinstance(resources, pikepdf.Dictionary):
        return found
    for font in resources.get("/Font", {}).values():
        if not font.is_indirect or font.objgen not in seen:
            seen.add(font.objgen)
            found.append(font)
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == pikepdf.Name.Form and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            found += fonts(xobject.get("/Resources"), seen)
    return found


def font_program(font: pikepdf.Dictionary) -> pikepdf.Stream | None:
    """The embedded font program of a simple font or of a Type 0 font's descendant."""
    if font.get("/Subtype") == pikepdf.Name.Type0:
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return None
    for key in ("/FontFile2", "/FontFile3", "/FontFile"):
        if key in descriptor:
            return descriptor[key]
    return None


def subset_tags(pdf: pikepdf.Pdf) -> list[Finding]:
    """A subset tag (ABCDEF+Name) must name one font program: a RIP that caches fonts by name prints blanks."""
    programs: dict[str, str] = {}  # tagged name → digest of the first program seen under it
    findings = []
    seen: set = set()
    for number, page in enumerate(pdf.pages, 1):
        for font in fonts(page.obj.get("/Resources"), seen):
            name = str(font.get("/BaseFont", ""))[1:]
            program = font_program(font)
            if "+" not in name or program is None:
                continue
            digest = hashlib.sha256(program.read_raw_bytes()).hexdigest()
            if programs.setdefault(name, digest) != digest:
                findings.append(Finding("subset-tag", number, what=name))
    return findings


def annotations(pdf: pikepdf.Pdf) -> list[Finding]:
    """A press file carries no annotations (links are for the screen)."""
    findings = []
    for number, page in enumerate(pdf.pages, 1):
        trim = _box(page.obj, "/TrimBox")
        for annot in page.obj.get("/Annots", []):
            rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
            findings.append(Finding("annotation", number, _mm(rect, trim), str(annot.get("/Subtype", ""))[1:]))
    return findings


def _box(page: pikepdf.Dictionary, name: str) -> list[float]:
    return [float(v) for v in page.get(name, page.get("/MediaBox"))]


def _mm(rect: list[float], trim: list[float]) -> tuple[float, float, float, float]:
    """A rectangle in PDF user space as mm from the trim's top left corner."""
    x0, y0, x1, y1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
    return ((x0 - trim[0]) / MM, (trim[3] - y1) / MM, (x1 - trim[0]) / MM, (trim[3] - y0) / MM)


def _space_name(space) -> str:
    if isinstance(space, pikepdf.Name):
        return str(space)[1:]
    if isinstance(space, pikepdf.Array) and len(space):
        name = str(space[0])[1:]
        if name == "ICCBased" and int(space[1].get("/N", 0)) == 3:
            return "ICCBased RGB"
        return name
    return "?"


def declared_colour_spaces(pdf: pikepdf.Pdf, pdfx: str) -> list[Finding]:
    """Colour spaces a page declares (even unused: a strict RIP refuses them) and its images' spaces."""
    allowed = ALLOWED.get(pdfx, ALLOWED["X-4"])
    findings = []
    for number, page in enumerate(pdf.pages, 1):
        resources = page.obj.get("/Resources", {})
        names = {_space_name(space) for space in resources.get("/ColorSpace", {}).values()}
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == pikepdf.Name.Image and not xobject.get("/ImageMask", False):
                names.add(_space_name(xobject.get("/ColorSpace")))
        for name in sorted(names - allowed):
            findings.append(Finding("colour-space", number, what=name))
    return findings


def stream_checks(pdf: pikepdf.Pdf) -> list[Finding]:
    """What the pages' content streams say about colour: black text that does not overprint, vector fills above the
    total ink limit. One pass of overprint.operations per page (a tokenizer: a fraction of pdfplumber's time)."""
    from .overprint import COLOUR_OPS, black, content, operations

    findings = []
    for number, page in enumerate(pdf.pages, 1):
        states = page.obj.get("/Resources", {}).get("/ExtGState", {})
        space, is_black, overprint, count, ink = b"/DeviceGray", False, False, 0, 0.0
        stack = []
        for operands, op, _end in operations(content(page)):
            if op == b"q":
                stack.append((space, is_black, overprint))
            elif op == b"Q" and stack:
                space, is_black, overprint = stack.pop()
            elif op == b"cs" and operands:
                space = operands[0]
            elif op == b"gs" and operands:
                entry = states.get(operands[0].decode("latin-1"), {})
                if "/op" in entry or "/OP" in entry:
                    overprint = bool(entry.get("/op", entry.get("/OP")))
            elif op in (b"Tj", b"TJ", b"'", b'"'):
                count += is_black and not overprint
            elif op in COLOUR_OPS:
                # fills only: the crop marks outside the bleed are stroked in registration colour (400 %)
                if len(operands) == 4 and (op == b"k" or (op in (b"scn", b"sc") and space == b"/DeviceCMYK")):
                    try:
                        ink = max(ink, sum(float(v) for v in operands))
                    except ValueError:
                        pass
                if not op.isupper():
                    is_black = black(operands, op, space)
        if count:
            findings.append(Finding("overprint", number, what=f"{count}"))
        if ink > TOTAL_INK + 0.001:
            findings.append(Finding("total-ink", number, what=f"{ink * 100:.0f} %"))
    return findings


def placement(path: Path, pdfx: str) -> list[Finding]:
    """Where things are drawn, page by page: text and rules inside the safe zone, bleed artwork reaching the
    BleedBox and not beyond, no RGB colour on any object."""
    import pdfplumber

    findings = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            findings += page_placement(number, page, pdfx)
            page.close()
    return findings


def _ink(colour) -> bool:
    """False for paper colour: no ink (CMYK 0 0 0 0, grey 1, RGB white) — such a fill is not printed."""
    if colour is None:
        return False
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    try:
        values = [float(v) for v in values]
    except (TypeError, ValueError):
        return True  # a pattern: ink
    if len(values) == 4:
        return any(v > 0.001 for v in values)
    return any(v < 0.999 for v in values)


def inks(colour) -> int:
    """How many process inks print `colour` (a pdfplumber colour: grey is black ink only; RGB, a pattern: 3)."""
    if colour is None:
        return 0
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    try:
        values = [float(v) for v in values]
    except (TypeError, ValueError):
        return 3
    if len(values) == 4:
        return sum(v >= INK_MIN for v in values)
    if len(values) == 1:
        return int(values[0] < 1 - INK_MIN)
    return 3


def _colour_name(colour) -> str:
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    if len(values) == 4:
        return " ".join(f"{ink}{float(v) * 100:.0f}" for ink, v in zip("CMYK", values) if float(v) >= INK_MIN)
    return str(colour)


def small_process_text(number: int, chars: list, rects: list, where) -> list[Finding]:
    """Type of SMALL_TEXT_PT and under printed by more than one plate: its own colour built of two or more inks, or
    paper colour knocked out of a panel that is (the panel drawn last under the glyph's centre). One finding per page and
    colour, located at its first line, with the count of characters and a sample of the text."""
    panels = [r for r in rects if r.get("fill") and inks(r.get("non_stroking_color")) >= 2]
    groups: dict[tuple, list] = {}
    for char in chars:
        if char.get("size", 99) > SMALL_TEXT_PT + 0.01 or not char.get("text", "").strip():
            continue
        colour = char.get("non_stroking_color")
        if inks(colour) >= 2:
            key = ("", _colour_name(colour))
        elif inks(colour) == 0 and panels:
            cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
            under = [r for r in panels if r["x0"] <= cx <= r["x1"] and r["top"] <= cy <= r["bottom"]]
            if not under:
                continue
            key = ("knocked out of ", _colour_name(under[-1].get("non_stroking_color")))
        else:
            continue
        groups.setdefault(key, []).append(char)
    findings = []
    for (how, colour), found in groups.items():
        first = [found[0]]  # its first run: the characters that follow on the same line
        for char in found[1:]:
            if abs(char["top"] - first[-1]["top"]) >= 1.0 or char["x0"] - first[-1]["x1"] > 2 * char["size"]:
                break
            first.append(char)
        box = {"x0": min(c["x0"] for c in first), "top": min(c["top"] for c in first),
               "x1": max(c["x1"] for c in first), "bottom": max(c["bottom"] for c in first)}
        sample = "".join(c["text"] for c in first)[:12]
        size = min(c["size"] for c in found)
        findings.append(Finding("small-process-text", number, where(box),
                                f"{len(found)} chars from {size:.1f} pt, {how}{colour}: {sample}"))
    return findings


def page_placement(number: int, page, pdfx: str) -> list[Finding]:
    """The placement findings of one pdfplumber page."""
    trim = page.trimbox
    bleed = page.bleedbox if page.bleedbox != page.mediabox or trim == page.mediabox else trim
    safe = SAFE_MM * MM
    findings = []

    def where(obj) -> tuple[float, float, float, float]:
        return ((obj["x0"] - trim[0]) / MM, (obj["top"] - trim[1]) / MM, (obj["x1"] - trim[0]) / MM,
                (obj["bottom"] - trim[1]) / MM)

    def colours(obj) -> list:
        kinds = {"char": ("non_stroking_color",), "image": ()}.get(obj["object_type"])
        keys = kinds if kinds is not None else (("non_stroking_color",) if obj.get("fill") else ()) + (
            ("stroking_color",) if obj.get("stroke") else ())
        return [obj.get(key) for key in keys]

    objects = [o for kind in ("char", "rect", "line", "curve", "image") for o in page.objects.get(kind, [])]
    findings += small_process_text(number, page.objects.get("char", []), page.objects.get("rect", []), where)
    for obj in objects:
        x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        if x1 <= bleed[0] + TOLERANCE or x0 >= bleed[2] - TOLERANCE or bottom <= bleed[1] + TOLERANCE \
                or top >= bleed[3] - TOLERANCE:
            continue  # outside the bleed: crop marks
        kind = obj["object_type"]
        if kind == "image" and obj.get("srcsize") and obj["x1"] > obj["x0"] and obj["bottom"] > obj["top"]:
            width, height = (obj["x1"] - obj["x0"]) / 72, (obj["bottom"] - obj["top"]) / 72  # inches
            ppi = min(obj["srcsize"][0] / width, obj["srcsize"][1] / height)
            if ppi < MIN_PPI:
                findings.append(Finding("low-ppi", number, where(obj), f"{ppi:.0f} ppi"))
        if kind != "char" and obj.get("stroke") and 0 < (obj.get("linewidth") or 0) < HAIRLINE_PT - 0.001 \
                and _ink(obj.get("stroking_color")):
            findings.append(Finding("hairline", number, where(obj), f"{obj['linewidth'] * 25.4 / 72:.2f} mm"))
        painted = colours(obj)
        if kind not in ("image", "char") and not any(_ink(c) for c in painted):
            continue  # a paper-coloured fill or rule is not printed (white text on a panel is)
        rgb = [c for c in painted if isinstance(c, (tuple, list)) and len(c) == 3]
        if rgb or (kind == "image" and "RGB" in str(obj.get("colorspace", ""))):
            findings.append(Finding("colour-space", number, where(obj), f"RGB {kind}"))
        crossing = [x0 < trim[0] - TOLERANCE, top < trim[1] - TOLERANCE, x1 > trim[2] + TOLERANCE,
                    bottom > trim[3] + TOLERANCE]
        if any(crossing):
            if kind == "char":
                findings.append(Finding("text-past-trim", number, where(obj), obj.get("text", "")))
                continue
            edges = [(x0, bleed[0], -1), (top, bleed[1], -1), (x1, bleed[2], 1), (bottom, bleed[3], 1)]
            for crosses, (edge, limit, sign) in zip(crossing, edges):
                if not crosses:
                    continue
                if (edge - limit) * sign > TOLERANCE:
                    findings.append(Finding("beyond-bleed", number, where(obj), kind))
                    break
                if (limit - edge) * sign > TOLERANCE:
                    findings.append(Finding("short-of-bleed", number, where(obj), kind))
                    break
            continue
        touching = [abs(x0 - trim[0]) <= TOLERANCE, abs(top - trim[1]) <= TOLERANCE, abs(x1 - trim[2]) <= TOLERANCE,
                    abs(bottom - trim[3]) <= TOLERANCE]
        if any(touching) and kind != "char":  # artwork that ends at the trim leaves a white line when cut
            findings.append(Finding("short-of-bleed", number, where(obj), kind))
            continue
        near = [x0 < trim[0] + safe - TOLERANCE, top < trim[1] + safe - TOLERANCE,
                x1 > trim[2] - safe + TOLERANCE, bottom > trim[3] - safe + TOLERANCE]
        if any(near):
            findings.append(Finding("safe-zone", number, where(obj), obj.get("text", kind)))
    return findings
