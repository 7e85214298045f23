"""Two guidebooks searched together, for the regional-search tests: the sample (Momijigawa) with a `network:` entry,
and Sakuradai, a tiny guidebook of another fictional city made here (three companies, its own areas, the sample's
other vocabularies), each served from its own port; Sakuradai's server sends CORS headers and can be switched to
refuse CORS, answer 404 or stop.
"""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import textwrap
import threading
import time
from pathlib import Path

HANG_S = 15  # longer than the search page waits for another guidebook (TIMEOUT in static/network.js)

PROJECT = Path(__file__).resolve().parents[2]
SAMPLE = PROJECT / "content"

SAKURADAI_SITE = """\
municipality: {ja: 桜台市, en: Sakuradai City}
prefecture: 静岡県
title: {ja: 桜台市ものづくり企業ガイドブック, en: Sakuradai Manufacturing Companies Guidebook}
edition: 2026
languages: [ja, en]
color: "#7a3b69"
publisher:
  name: {ja: 桜台市 経済課, en: "Economy Division, Sakuradai City"}
"""

SAKURADAI_AREAS = """\
terms:
  sakura-kita:
    ja: 桜台北工業団地
    en: Sakuradai North Industrial Park
    kana: サクラダイキタコウギョウダンチ
  ekimae:
    ja: 桜台駅前地区
    en: Sakuradai Station District
    kana: サクラダイエキマエチク
"""

COMPANY = """\
name:
  ja: {name}
  kana: {kana}
  en: {en}
address:
  postal_code: "438-0101"
  prefecture: 静岡県
  city: 桜台市
  street: {street}
area: {area}
contact:
  phone: "0549-11-{phone}"
industries: [{industries}]
technologies: [{technologies}]
summary:
  ja: {summary}
  en: {summary_en}
"""

# Overlapping with the sample: cutting and welding; brazing is a technology no sample company uses
SAKURADAI = {
    "sakura-seimitsu": dict(name="株式会社桜台精密", kana="サクラダイセイミツ", en="Sakuradai Precision Co., Ltd.",
                            street="桜台北工業団地1-2", area="sakura-kita", phone="1001", industries="general-machinery",
                            technologies="cutting, welding", summary="アルミと鉄の切削加工と溶接の一貫生産",
                            summary_en="Machining and welding of aluminium and steel under one roof"),
    "hanazono-roukou": dict(name="花園ろう付工業株式会社", kana="ハナゾノロウツケコウギョウ", en="Hanazono Brazing Co., Ltd.",
                            street="桜台北工業団地3-4", area="sakura-kita", phone="1002", industries="metal-products",
                            technologies="brazing, welding", summary="銅とステンレスの炉中ろう付と溶接",
                            summary_en="Furnace brazing and welding of copper and stainless steel"),
    "ekimae-kikai": dict(name="駅前機械株式会社", kana="エキマエキカイ", en="Ekimae Machinery Co., Ltd.",
                         street="駅前通5-6", area="ekimae", phone="1003", industries="general-machinery",
                         technologies="cutting", summary="小型部品の旋盤加工を1個から",
                         summary_en="Turned small parts from a single piece"),
}


def make_sakuradai(root: Path) -> Path:
    """Write the Sakuradai content tree under `root`; returns it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(SAKURADAI_SITE, encoding="utf-8")
    shutil.copytree(SAMPLE / "taxonomies", root / "taxonomies")
    (root / "taxonomies" / "areas.yaml").write_text(SAKURADAI_AREAS, encoding="utf-8")
    for slug, values in SAKURADAI.items():
        folder = root / "companies" / slug
        folder.mkdir(parents=True)
        (folder / "company.yaml").write_text(COMPANY.format(**values), encoding="utf-8")
    return root


def sample_with_network(root: Path, neighbours: list[tuple[str, str, str]]) -> Path:
    """A copy of the sample content under `root` whose site.yaml lists `neighbours` ((url, name ja, name en))."""
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns("*.pdf"))
    entries = "".join(textwrap.dedent(f"""\
          - url: {url}
            name: {{ja: {ja}, en: {en}}}
        """) for url, ja, en in neighbours)
    with (root / "site.yaml").open("a", encoding="utf-8") as f:
        f.write("network:\n" + entries)
    return root


OTHER_PAGEFIND = "0.9.0"  # what 'version' mode says made the index: a Pagefind this page's cannot merge


class Switch:
    """What a NetworkHandler server does: 'cors' (serve with Access-Control-Allow-Origin), 'no-cors', '404',
    'hang' (answer nothing for HANG_S seconds) or 'version' (as 'cors', its index made by OTHER_PAGEFIND)."""

    def __init__(self):
        self.mode = "cors"


class NetworkHandler(http.server.SimpleHTTPRequestHandler):
    switch: Switch

    def do_GET(self):
        if self.switch.mode == "404":
            self.send_error(404)
            return
        if self.switch.mode == "hang":
            time.sleep(HANG_S)
            return
        if self.switch.mode == "version" and self.path.split("?")[0].endswith("/pagefind-entry.json"):
            entry = json.loads((Path(self.directory) / self.path.split("?")[0].lstrip("/")).read_text(encoding="utf-8"))
            body = json.dumps({**entry, "version": OTHER_PAGEFIND}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def end_headers(self):
        if self.switch.mode in ("cors", "version"):
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, *args):
        pass


class Server:
    """A folder served on 127.0.0.1 at a free port, from a thread, until stopped."""

    def __init__(self, folder: Path, switch: Switch | None = None):
        self.folder = folder
        handler = type("Handler", (NetworkHandler,), {"switch": switch or Switch()})
        self.switch = handler.switch
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
        self.httpd.block_on_close = False  # a hanging answer must not hold up stop()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.running = False
