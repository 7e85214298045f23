"""A rebuild after any kind of change makes the same output, byte for byte (the build state included), as a clean
build of the changed content: a profile, an image, a vocabulary, site.yaml, a template, CSS, and a theme whose list
pages start to show a field they did not show before (the proof that pages record what they read: a later change of
only that field must re-render the lists)."""
import shutil
from pathlib import Path

from PIL import Image

from conftest import FEW_COMPANIES, copy_sample
from generator.build import build

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "themes" / "default"
SLUG = "yamada-seiki"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rebuild_after_each_kind_of_change_is_a_clean_build(tmp_path):
    root = copy_sample(tmp_path / "content")  # a few companies: each change costs two whole builds
    assert SLUG in FEW_COMPANIES
    out, clean = tmp_path / "build", tmp_path / "clean"
    build(root, out, pdf=False)
    profile = root / "companies" / SLUG / "company.yaml"
    theme = root / "theme"

    def profile_summary():  # shown on the company's pages and on every list of its terms
        replace(profile, "航空機部品の5軸加工で0.005mmの精度に挑む", "航空機部品の5軸加工で0.003mmの精度に挑む")

    def image():  # a photo replaced by one of another shape: other sizes on the page, other variants
        photo = root / "companies" / SLUG / "factory.jpg"
        with Image.open(photo) as picture:
            picture.crop((0, 0, picture.width // 2, picture.height // 2)).save(photo, quality=90)

    def vocabulary():  # a new alias of a term: more search words on the pages of its companies
        replace(root / "taxonomies" / "technologies.yaml", "aliases: [切削, ", "aliases: [削り出し加工, 切削, ")

    def site_settings():
        replace(root / "site.yaml", 'color: "#1d5e8c"', 'color: "#224466"')

    def theme_with_template():  # a municipality's theme overriding one template: site.yaml names it
        (theme / "templates" / "site").mkdir(parents=True)
        shutil.copy(DEFAULT_THEME / "templates" / "site" / "term.html", theme / "templates" / "site" / "term.html")
        (root / "site.yaml").write_text((root / "site.yaml").read_text(encoding="utf-8") + "theme: theme\n",
                                        encoding="utf-8")

    def template():
        replace(theme / "templates" / "site" / "term.html", "{% block content %}",
                "{% block content %}<p class=\"note\">掲載は50音順です。</p>")

    def css():
        (theme / "static").mkdir()
        css = (DEFAULT_THEME / "static" / "site.css").read_text(encoding="utf-8")
        (theme / "static" / "site.css").write_text(css + "\n.card { border-width: 2px; }\n", encoding="utf-8")

    def cards_show_the_pr_text():  # a field no list page read before
        macros = (DEFAULT_THEME / "templates" / "site" / "macros.html").read_text(encoding="utf-8")
        card = '<p class="card-summary">{{ txt(company.summary, page.lang) }} {{ ja_only(page.lang, company.summary) }}</p>'
        assert card in macros
        (theme / "templates" / "site" / "macros.html").write_text(macros.replace(
            card, card + '{% if company.pr %}<p class="card-pr">{{ txt(company.pr, page.lang) }}</p>{% endif %}'),
            encoding="utf-8")

    def profile_pr_text():  # now on the lists too: they must be rendered again, not taken from the last build
        replace(profile, "当社は1968年の創業以来", "当社は1968年（昭和43年）の創業以来")

    for change in (profile_summary, image, vocabulary, site_settings, theme_with_template, template, css,
                   cards_show_the_pr_text, profile_pr_text):
        change()
        again = build(root, out, pdf=False)
        shutil.rmtree(clean, ignore_errors=True)
        fresh = build(root, clean, pdf=False)
        assert again.site_rendered < fresh.site_rendered or change in (vocabulary, site_settings, theme_with_template), change.__name__
        assert tree(out) == tree(clean), change.__name__
    lists = [p for p in (out / "site" / "technologies").rglob("index.html") if "（昭和43年）" in p.read_text("utf-8")]
    assert out / "site" / "technologies" / "cutting" / "index.html" in lists  # the new field, changed, on the lists
