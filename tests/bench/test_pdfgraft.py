"""bench.pdfgraft: a half laid out on a tall measuring page and moved into an empty slot of a shared page is drawn
where the shared page's own layout puts it: text, backgrounds, links."""
import weasyprint

from bench.pdfgraft import graft, halves, placeholders_css

STYLE = """<style>
@page { size: 120mm 160mm; margin: 10mm 12mm; } @page tall { size: 120mm 400mm; margin: 10mm 12mm; }
body { font-family: sans-serif; font-size: 9pt; } .tall { page: tall; }
h2 { margin: 0 0 2mm; }  /* as the theme's co-head: no margin collapses through the half (graft) */
.half-2 { margin-top: 4mm; padding-top: 4mm; border-top: .5pt solid #888; }
.side { float: right; width: 30mm; background-color: #def; } .side p { margin: 1mm; }
</style>"""
HALF = ('<div class="company half half-{n}" id="c-{slug}" data-slug="{slug}"><h2>{name}</h2>'
        '<aside class="side"><p>TEL 0548-27-2278</p><p><a href="https://{slug}.example/">web</a></p></aside>'
        '<p>{text}</p></div>')
COMPANIES = [("a", "Suruga Kasei", "Resin moulding from trial pieces to volume. " * 6),
             ("b", "Serizawa Jushi", "POM moulding and assembly. " * 9)]


def _pair(with_content: bool = True) -> str:
    body = "".join(HALF.format(n=i, slug=s, name=n, text=t) for i, (s, n, t) in enumerate(COMPANIES, 1))
    return f"<html><head>{STYLE}</head><body><section class='sheet pair'>{body}</section></body></html>"


def _measuring() -> str:
    body = "".join(f"<section class='tall'>{HALF.format(n=1, slug=s, name=n, text=t)}</section>"
                   for s, n, t in COMPANIES)
    return f"<html><head>{STYLE}</head><body>{body}</body></html>"


def _drawn(document) -> tuple[list, list, dict]:
    """Every piece of text with its position, every background with its area, and the links of page 1."""
    page = document.pages[0]
    texts, backgrounds, stack = [], [], [page._page_box]
    while stack:
        box = stack.pop()
        stack.extend(getattr(box, "children", []) or [])
        if getattr(box, "text", None):
            texts.append((box.text, round(box.position_x, 3), round(box.position_y, 3)))
        if box.background is not None and box.background.color.alpha:
            area = box.background.layers[-1].painting_area
            backgrounds.append(tuple(round(v, 3) for v in area))
    links = sorted((kind, target, tuple(round(v, 3) for v in rect)) for kind, target, rect, _box in page.links)
    return sorted(texts), sorted(backgrounds), {"links": links, "anchors": sorted(page.anchors)}


def test_a_grafted_half_is_drawn_where_the_shared_page_lays_it_out():
    normal = weasyprint.HTML(string=_pair()).render()
    measured = halves(weasyprint.HTML(string=_measuring()).render().pages)
    assert set(measured) == {"a", "b"}
    skeleton = _pair().replace("</head>", f"<style>{placeholders_css(measured, ['a', 'b'])}</style></head>")
    document = weasyprint.HTML(string=skeleton).render()
    empty = _drawn(document)
    assert not [t for t in empty[0] if "Suruga" in t[0]]  # the slots are empty before the graft
    graft(document, measured, {"a", "b"})
    texts, backgrounds, links = _drawn(document)
    want_texts, want_backgrounds, want_links = _drawn(normal)
    assert [t for t in want_texts if "Serizawa" in t[0]]  # the second half's name is there to compare
    assert texts == want_texts
    assert backgrounds == want_backgrounds and len(backgrounds) == 2  # the two side boxes, moved with their text
    assert links == want_links and len(links["links"]) == 2 and links["anchors"] == ["c-a", "c-b"]
