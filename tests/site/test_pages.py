"""The website built from the sample content: every kind of page, languages, sharing tags, weight, images."""
import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site(sample_build) -> Path:
    return sample_build / "site"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_kind_of_page_exists(site):
    for path in ["index.html", "en/index.html", "search/index.html", "en/search/index.html", "kana/index.html",
                 "404.html", "companies/yamada-seiki/index.html", "en/companies/yamada-seiki/index.html",
                 "pages/greeting/index.html", "en/pages/greeting/index.html", "robots.txt",
                 "schema/company.schema.json"]:
        assert (site / path).is_file(), path
    for taxonomy in ["industries", "technologies", "areas", "certifications", "capabilities"]:
        assert (site / taxonomy / "index.html").is_file()
        assert "株式会社山田精機" in read(site, f"{taxonomy}/index.html") or list((site / taxonomy).glob("*/index.html"))
    assert "株式会社山田精機" in read(site, "technologies/cutting/index.html")
    assert "株式会社山田精機" in read(site, "kana/index.html")


def test_top_page_has_search_counts_and_browse(site):
    html = read(site, "index.html")
    assert 'role="search"' in html and 'name="q"' in html
    assert re.search(r"\d+社", html)
    assert 'href="technologies/cutting/index.html"' in html


def test_top_page_reaches_every_used_term(site):
    """Every term a company uses is one click from the top page (the sample has 29 technologies, 18 industries: all
    shown), in both languages; the plating, heat-treatment and casting companies among them."""
    from generator.load import load_content
    from generator.model import make_guide

    guide = make_guide(load_content(Path(__file__).resolve().parents[2] / "content"))
    for prefix in ("", "en/"):
        html = read(site, prefix + "index.html")
        for name in ("technologies", "industries", "areas", "certifications", "capabilities"):
            for term, _count in guide.used_terms(name):
                assert f'href="{name}/{term.key}/index.html"' in html, (prefix, name, term.key)
    assert 'href="technologies/plating/index.html"' in read(site, "index.html")


def test_english_page_falls_back_field_by_field_marked_japanese(site):
    # a company without English texts: its English page shows its name romanised (marked so, the Japanese beside it)
    # and the Japanese texts marked lang="ja" and 「日本語のみ / Japanese only」
    html = read(site, "en/companies/sugiura-seisakusho/index.html")
    assert '<html lang="en">' in html
    assert re.search(r'<h1[^>]*><span class="romanised" title="ローマ字表記[^"]*">Sugiura Seisakusho Ltd\.</span></h1>',
                     html)
    assert '<span lang="ja">有限会社杉浦製作所</span>' in html
    assert '<span lang="ja">汎用旋盤・NC旋盤による丸物部品の単品加工</span> <small class="ja-only">日本語のみ' in html
    # and a company with English texts shows them without a marker
    en = read(site, "en/companies/yamada-seiki/index.html")
    assert '<h1 data-pagefind-meta="title">Yamada Seiki Co., Ltd.</h1>' in en
    assert "romanised" not in en and "ja-only" not in en.split("<h2")[0]


def test_sharing_tags_hreflang_and_json_ld(site):
    html = read(site, "companies/yamada-seiki/index.html")
    assert '<meta name="description" content="航空機部品の5軸加工' in html
    assert 'property="og:title" content="株式会社山田精機 |' in html
    assert 'hreflang="en" href="../../en/companies/yamada-seiki/index.html"' in html
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["@type"] == "Organization" and ld["name"] == "株式会社山田精機"
    assert ld["telephone"] == "+81 548-22-1234" and ld["address"]["postalCode"] == "437-0112"
    assert ld["url"].startswith("https://")
    assert "canonical" not in html  # no base_url in the sample: no absolute address to claim


def test_links_are_relative_and_nothing_is_loaded_from_outside(site):
    # (404.html is the exception: a server shows it at any address, so it links to base_url or "/")
    for page in [p for p in site.glob("**/*.html") if p.name != "404.html"][:400]:
        html = page.read_text(encoding="utf-8")
        for attr in re.findall(r'(?:src|href)="([^"]+)"', html):
            if attr.startswith(("http://", "https://")):
                # only links a person follows (company websites, the publisher); never a loaded resource
                assert not re.search(rf'(?:<script|<link|<img|<source)[^>]*"{re.escape(attr)}"', html), (page, attr)
            else:
                assert not attr.startswith("/"), (page, attr)


def test_every_relative_link_and_resource_exists(site):
    # 404.html aside (absolute links, see test_not_found_page_links_work_at_any_address)
    for page in [p for p in site.glob("**/*.html") if p.name != "404.html"]:
        html = page.read_text(encoding="utf-8")
        for attr in re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(r'srcset="([^"]+)"', html):
            for url in (u.strip().split(" ")[0] for u in attr.split(",")) if " " in attr else [attr]:
                if url.startswith(("http://", "https://", "mailto:", "tel:", "#")) or not url:
                    continue
                target = (page.parent / url.split("#")[0].split("?")[0]).resolve()
                assert target.is_relative_to(site.resolve()) and target.exists(), (page.relative_to(site), url)


def test_company_page_weighs_at_most_60_kb_with_its_css(site):
    css = sum((site / "assets" / f).stat().st_size for f in ("site.css",))
    for page in site.glob("companies/*/index.html"):
        assert page.stat().st_size + css <= 60_000, page


def test_photos_are_resized_webp_with_jpeg_fallback_lazy_and_described(site):
    html = read(site, "companies/yamada-seiki/index.html")
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert len(pictures) >= 4  # logo and three photos
    photo = next(p for p in pictures if "factory" in p)
    assert 'type="image/webp"' in photo and "480w" in photo and "960w" in photo
    assert 'loading="lazy"' in photo and 'alt="恒温管理された加工室' in photo
    names = re.findall(r"(photo1-factory-\d+\.(?:webp|jpg))", photo)
    assert "photo1-factory-960.jpg" in names  # one JPEG, the <img src>, for browsers without WebP
    for name in names:
        assert (site / "companies/yamada-seiki" / name).is_file()
    assert (site / "companies/yamada-seiki/photo1-factory-960.jpg").stat().st_size < 60_000
    assert re.search(r'<img[^>]* width="1440" height="1080"', photo)  # room kept before the file arrives


def test_published_schema_lists_the_vocabulary_terms(site):
    schema = json.loads(read(site, "schema/company.schema.json"))
    tech = schema["properties"]["technologies"]["items"]["enum"]
    assert "cutting" in tech and "切削加工" in tech
    assert "kita" in schema["properties"]["area"]["enum"]
    # what an editor shows beside each word: its Japanese and English names (technologies.yaml: cutting = 切削加工)
    items = schema["properties"]["technologies"]["items"]
    said = dict(zip(items["enum"], items["enumDescriptions"]))
    assert said["cutting"].startswith("切削加工 / ") and said["切削加工"] == said["cutting"]
    assert items["markdownEnumDescriptions"] == items["enumDescriptions"]
    # format v2: machine types and qualifications are completed too; a material is offered its terms but may be text
    equipment_type = schema["properties"]["equipment"]["items"]["properties"]["type"]
    assert "mc-5axis" in equipment_type["enum"] and "5軸マシニングセンタ" in equipment_type["enum"]
    assert "welding-jis" in schema["properties"]["qualifications"]["items"]["properties"]["type"]["enum"]
    offered = schema["properties"]["materials"]["items"]["anyOf"]
    assert "sus316" in offered[0]["enum"] and {"type": "string", "minLength": 1, "maxLength": 30} in offered[1:]


def test_not_found_page_is_bilingual(site):
    html = read(site, "404.html")
    assert "ページが見つかりません" in html and 'lang="en"' in html


def test_company_page_says_when_its_information_is_old_or_never_confirmed(site):
    """Outsider buyer (issue 19, item 8): aoba-mekki was confirmed 2024-06-28, 2 years 3 months before the issue
    (site.yaml issued 2026-10); owada-spring never; yamada-seiki 2026-04-01, half a year before: no note."""
    old = read(site, "companies/aoba-mekki/index.html")
    assert "この情報の最終確認日は2024年6月28日で、発行時点で2年3か月前の内容です。" in old
    assert "<dd data-compare=\"confirmed\">2024-06-28（2年3か月前）</dd>" in old
    assert "This information was last confirmed on June 28, 2024, 2 years 3 months ago at the time of issue." in \
        read(site, "en/companies/aoba-mekki/index.html")
    never = read(site, "companies/owada-spring/index.html")
    assert "掲載企業による内容の確認（最終確認日）がまだありません" in never
    assert "<dd data-compare=\"confirmed\">未確認</dd>" in never
    assert "The company has not yet confirmed this information" in read(site, "en/companies/owada-spring/index.html")
    recent = read(site, "companies/yamada-seiki/index.html")
    assert "freshness-note" not in recent and "<dd data-compare=\"confirmed\">2026-04-01</dd>" in recent
