"""What the print shop checks: a Japan Color output intent, PDF/X-1a without transparency, the same bytes every build."""
from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pikepdf
import pytest

from generator.errors import ContentError, ToolMissing

from .conftest import load_guide, render, write_content

JAPAN_COLOR = Path("/usr/share/color/icc/JapanColor2011Coated.icc")
GHOSTSCRIPT_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
X1A = {"pad_to_multiple: 4": "pad_to_multiple: 4\n  pdfx: X-1a"}


def intent_of(pdf_path: Path) -> dict:
    with pikepdf.open(pdf_path) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        entry = intents[0]
        profile = entry.DestOutputProfile
        return {"S": str(entry.S), "identifier": str(entry.OutputConditionIdentifier),
                "condition": str(entry.get("/OutputCondition", "")), "registry": str(entry.get("/RegistryName", "")),
                "N": int(profile.N), "profile": profile.read_bytes(),
                "copies": sum(1 for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/N") == 4
                              and len(o.read_raw_bytes()) > 10000)}


def test_default_output_intent_is_japan_color_with_the_profile_embedded(print_ja):
    assert JAPAN_COLOR.is_file(), "make setup installs icc-profiles (tools/setup-system.sh)"
    intent = intent_of(print_ja.pdf)
    assert intent["S"] == "/GTS_PDFX" and intent["N"] == 4
    assert intent["identifier"] == intent["condition"] == "Japan Color 2011 Coated"
    assert intent["registry"] == "", "not a registered characterisation: the embedded profile defines it"
    assert intent["profile"] == JAPAN_COLOR.read_bytes(), "embedded as published (its licence forbids altering it)"
    assert intent["copies"] == 1, "one copy of the profile however many chunks"


def test_registered_condition_is_named_by_its_reference_name():
    from generator.pdf.intent import ICC_REGISTRY, OutputIntent
    from generator.pdf.finish import _name_intent

    entry = pikepdf.Dictionary(OutputConditionIdentifier=pikepdf.String("x"), RegistryName=pikepdf.String("y"))
    _name_intent(entry, OutputIntent(Path("JapanColor2001Coated.icc"), "Japan Color 2001 Coated", "JC200103",
                                     ICC_REGISTRY))
    assert str(entry.OutputConditionIdentifier) == "JC200103" and str(entry.RegistryName) == "http://www.color.org"
    assert str(entry.OutputCondition) == "Japan Color 2001 Coated"
    _name_intent(entry, OutputIntent(Path("x.icc"), "Custom press", "Custom press"))
    assert "/RegistryName" not in entry


def test_site_yaml_chooses_the_print_shops_profile(tmp_path):
    from generator.pdf.intent import output_intent

    root = write_content(tmp_path / "content")
    shutil.copy(GHOSTSCRIPT_CMYK, root / "press.icc")
    site = root / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("pad_to_multiple: 4", "pad_to_multiple: 4\n"
                                                             "  output_intent: press.icc"), encoding="utf-8")
    guide = load_guide(root)
    assert guide.site.print.output_intent == "press.icc"
    intent = output_intent(guide.site.print.output_intent, [], root)
    assert intent.profile == (root / "press.icc").resolve()
    assert intent.identifier == intent.condition == "Artifex CMYK SWOP Profile" and not intent.registry


def test_bad_output_intent_settings_are_located_in_site_yaml(tmp_path):
    from generator.pdf.intent import output_intent

    root = write_content(tmp_path / "content")
    (root / "site.yaml").write_text((root / "site.yaml").read_text(encoding="utf-8") + "# output_intent here\n",
                                    encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        output_intent("Japan Colour 2011", [], root)
    problem = caught.value.problems[0]
    assert problem.path.endswith("site.yaml") and problem.line > 1 and "Japan Color 2011 Coated" in problem.message
    (root / "rgb.icc").write_bytes(Path("/usr/share/color/icc/ghostscript/srgb.icc").read_bytes())
    with pytest.raises(ContentError, match="CMYK"):
        output_intent("rgb.icc", [], root)
    with pytest.raises(ContentError, match="missing.icc"):
        output_intent("missing.icc", [], root)


def test_missing_japan_color_profile_says_how_to_install_it(tmp_path, monkeypatch):
    from generator.pdf import intent

    monkeypatch.setattr(intent, "ICC_DIRS", [tmp_path / "none"])
    root = write_content(tmp_path / "content")
    with pytest.raises(ToolMissing, match="icc-profiles"):
        intent.output_intent(None, [], root)


@pytest.fixture(scope="module")
def x1a(tmp_path_factory):
    """The press edition as PDF/X-1a, with a translucent PNG photo (which must reach the page flattened)."""
    from PIL import Image

    base = tmp_path_factory.mktemp("x1a")
    root = write_content(base / "content", X1A)
    folder = root / "companies" / "kaede-kogyo"
    photo = Image.new("RGBA", (1600, 1200), (30, 90, 160, 255))
    photo.paste((200, 40, 40, 90), (400, 300, 1200, 900))  # a translucent square
    photo.save(folder / "glass.png")
    yaml = folder / "company.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "images:\n  photos:\n    - {file: glass.png, alt: 工場}\n",
                    encoding="utf-8")
    return render(root, base / "guidebook.pdf", target="print", check=False)


def test_x1a_has_no_transparency(x1a):
    from generator.pdf.transparency import transparency

    with pikepdf.open(x1a.pdf) as pdf:
        assert pdf.pdf_version == "1.4", "PDF/X-1a:2003 is PDF 1.4 (no object streams)"
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1a:2003"
        assert transparency(pdf) == {}
        for obj in pdf.objects:  # the same, by brute force over every object of the file
            if isinstance(obj, pikepdf.Dictionary) or isinstance(obj, pikepdf.Stream):
                assert "/SMask" not in obj or obj.SMask == pikepdf.Name("/None")
                for key in ("/CA", "/ca"):
                    assert key not in obj or float(obj[key]) >= 1
                group = obj.get("/Group")
                assert group is None or group.get("/S") != pikepdf.Name.Transparency
        photo_page = pdf.pages[x1a.plan.company_pages()["kaede-kogyo"] - 1]
        images = [pikepdf.PdfImage(x) for x in photo_page.get_images().values()]
        assert any(i.colorspace == "/DeviceCMYK" and i.width == 1600 for i in images)
    assert intent_of(x1a.pdf)["identifier"] == "Japan Color 2011 Coated"


def test_x1a_refuses_transparency_from_a_theme_and_names_the_pages(tmp_path):
    root = write_content(tmp_path / "content", X1A)
    theme = root / "mytheme" / "print"
    theme.mkdir(parents=True)
    (theme / "custom.css").write_text(".chapter-title { opacity: .5; }", encoding="utf-8")
    site = root / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "theme: mytheme\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        render(root, tmp_path / "x.pdf", target="print")
    problem = caught.value.problems[0]
    assert problem.rule == "pdfx-transparency" and problem.path.endswith("site.yaml")
    assert "PDF/X-1a" in problem.message and "ca 0.5" in problem.message
    chapter = next(n for n in range(1, 30) if "p." in problem.message and f"p.{n}:" in problem.message)
    assert chapter > 1
    assert not (tmp_path / "x.pdf").exists(), "nothing written"


def test_the_xmp_names_the_pdfx_version_only_in_its_standard_property(print_ja):
    with pikepdf.open(print_ja.pdf) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
        assert "pdfx:GTS_PDFXConformance" not in meta


def test_dates_come_from_source_date_epoch(print_ja, monkeypatch):
    from generator.pdf.finish import build_date, pdf_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date(print_ja.guide) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    moment = build_date(print_ja.guide)  # without it, a date from the content, never the clock
    with pikepdf.open(print_ja.pdf) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == str(pdf.docinfo["/ModDate"]) == pdf_date(moment)
        meta = pdf.open_metadata()
        assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == moment.isoformat()
        assert meta["xmpMM:DocumentID"].startswith("uuid:")


@pytest.mark.parametrize("target", ["print", "screen"])
def test_two_builds_give_the_same_bytes(small_content, tmp_path, monkeypatch, target):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = render(small_content, tmp_path / "a.pdf", target=target, cache=tmp_path / "cache-a")
    second = render(small_content, tmp_path / "b.pdf", target=target, cache=tmp_path / "cache-b")
    assert first.pdf.read_bytes() == second.pdf.read_bytes()
    with pikepdf.open(first.pdf) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == "D:20231114221320Z"


def test_build_for_print_stops_before_writing_when_the_profile_is_missing(tmp_path, monkeypatch):
    from generator.build import build
    from generator.pdf import intent

    monkeypatch.setattr(intent, "ICC_DIRS", [tmp_path / "none"])
    root = write_content(tmp_path / "content")
    with pytest.raises(ToolMissing, match="Japan Color 2011 Coated"):
        build(root, tmp_path / "out", for_print=True)
    assert not (tmp_path / "out").exists()


def test_a_16_bit_grey_logo_shown_small_is_served_to_weasyprint_as_8_bit(tmp_path):
    """Outsider attacker: a 600×600 16-bit grey logo, shown 20 mm wide, stopped every PDF build ("image has wrong
    mode" while WeasyPrint scaled it down); the fetcher hands WeasyPrint an 8-bit copy, other images as they are."""
    import io

    from PIL import Image

    from generator.pdf.fetcher import ContentOnlyFetcher, eight_bit_grey

    Image.new("I;16", (600, 600), 30000).save(tmp_path / "logo16.png")
    Image.new("RGB", (60, 60), (10, 20, 30)).save(tmp_path / "rgb.png")
    assert eight_bit_grey(tmp_path / "rgb.png") is None
    fetched = ContentOnlyFetcher([tmp_path]).fetch((tmp_path / "logo16.png").as_uri())
    with Image.open(io.BytesIO(fetched.read() if hasattr(fetched, "read") else fetched.body)) as served:
        assert served.mode == "L" and served.getpixel((5, 5)) == 30000 // 256
    import weasyprint

    html = f'<img src="{(tmp_path / "logo16.png").as_uri()}" style="width:20mm">'
    pdf = weasyprint.HTML(string=html, base_url=str(tmp_path),
                          url_fetcher=ContentOnlyFetcher([tmp_path])).write_pdf(dpi=220)
    assert pdf.startswith(b"%PDF")
