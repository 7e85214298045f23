"""Imported once in the PDF workers' forkserver (chunks.PRELOAD): lay out and write a small tagged page, so that
every worker forked from it starts with Pango, fontconfig, HarfBuzz and the C declarations and code paths WeasyPrint
sets up on first use (margin boxes, floats, tables, links, the structure tree, both print fonts) already set up,
instead of each paying for them again."""
from __future__ import annotations

import io

import weasyprint

# What a guidebook page is made of, in miniature: not the theme's stylesheet (the server serves every edition), the
# same kinds of boxes and both families of the print fonts.
PAGE = """<html lang="ja"><head><style>
@page { size: A4; margin: 10mm; @top-left { content: string(running); font-size: 7pt; }
        @bottom-right { content: counter(page); font-weight: bold; } }
body { font-family: 'BIZ UDPGothic', 'BIZ UDGothic', sans-serif; font-size: 8.6pt; }
h1 { string-set: running content(); } .prose { font-family: 'BIZ UDPMincho', 'BIZ UDMincho', serif; text-align: justify; }
.side { float: right; width: 30mm; } .tab { position: absolute; top: 0; right: 0; width: 10mm; background: #036; }
td, th { border-bottom: .5pt solid #888; } .rule { border-bottom: .6pt dotted; border-color: #888; }
</style></head><body>
<h1>製造 Aa 1</h1><div class="tab"><b>金</b></div><aside class="side"><b>所在地</b> 1-2-3</aside>
<p class="prose">本文の段落 Latin text 123 ＡＢＣ。</p><ul><li><a href="https://example.invalid/">項目</a></li></ul>
<table><tr><th>機械</th><td>1 台</td></tr></table><p class="rule"><a href="#x" id="x">索引 12</a></p>
</body></html>"""


def warm_up() -> None:
    """Render the page into memory as a tagged PDF (its bytes are dropped)."""
    weasyprint.HTML(string=PAGE).render(pdf_tags=True).write_pdf(io.BytesIO(), pdf_tags=True)


try:
    warm_up()
except Exception:  # noqa: BLE001 - only a head start: a worker that finds nothing set up does it itself
    pass
