"""A company's one-page PDF for the website carries only what its page draws (outsider buyer, issue 19 item 15: the
page cut from the booklet carried every photo of the booklet, ≈ 0.9 MB for one page)."""
import pikepdf
import pytest

pytestmark = pytest.mark.e2e


def test_a_one_page_pdf_holds_only_the_images_its_page_draws(sample_build):
    # hoshino-seiko has a logo and two photos (content/companies/hoshino-seiko/company.yaml); the booklet holds
    # the photos of every company
    path = sample_build / "site" / "companies" / "hoshino-seiko" / "hoshino-seiko.pdf"
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        held = set(page.obj.Resources.get("/XObject", {}).keys())
        drawn = {str(operands[0]) for operands, op in pikepdf.parse_content_stream(page) if str(op) == "Do"}
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
                  and o.get("/SMask") is None]
    assert held == drawn and 2 <= len(drawn) <= 4, (held, drawn)
    assert len(images) <= 4 + 2  # the drawn ones (and their soft masks at most)
