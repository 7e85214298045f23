"""The rendered-chunk cache: keyed by what a chunk is made of, immune to files changing mid-build, kept in the stage."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image as PILImage

from generator.errors import ContentError

from .conftest import render

SHEETS = "".join(f'<section style="break-before: page" id="s{i}">頁{i}</section>' for i in range(3))


def job_in(theme, content, css: str):
    from generator.pdf.chunks import Job

    (theme / "print.css").write_text(css, encoding="utf-8")
    html = f'<html><head><link rel="stylesheet" href="{(theme / "print.css").as_uri()}"></head><body>{SHEETS}</body></html>'
    return Job("body-0000", html, content.as_uri() + "/", [str(content), str(theme)], {})


@pytest.fixture
def folders(tmp_path):
    theme, content, cache = tmp_path / "theme", tmp_path / "content", tmp_path / "cache"
    theme.mkdir()
    content.mkdir()
    return theme, content, cache


def test_a_stylesheet_rewritten_during_the_build_cannot_reach_the_chunk(folders):
    from generator.pdf.chunks import job_key, pin_stylesheets, render_job

    theme, content, cache = folders
    job = job_in(theme, content, "section { font-size: 12pt }")
    pin_stylesheets(job, {})
    job.key = job_key(job)
    cache.mkdir()
    # Another process rewrites the stylesheet between the key and the layout (an editor, a checkout): with it the
    # three planned pages would collapse into one, and be cached under the key of the old stylesheet.
    (theme / "print.css").write_text("section { break-before: avoid !important }", encoding="utf-8")
    assert render_job(job, cache).pages == 3  # laid out with the bytes that were hashed


def test_the_key_follows_stylesheet_bytes_not_their_file_times(folders):
    from generator.pdf.chunks import job_key, pin_stylesheets

    theme, content, _ = folders

    def key(css: str) -> str:
        job = job_in(theme, content, css)
        pin_stylesheets(job, {})
        return job_key(job)

    first = key("section { color: red }")
    os.utime(theme / "print.css", ns=(1, 1))  # a checkout rewrites the file with the same bytes: same key
    assert key("section { color: red }") == first
    assert key("section { color: blue }") != first


def drawn(pdf: Path) -> list[tuple[bytes, list[str]]]:
    """Each page's content stream and the names of the images it draws (the file's dates aside)."""
    with pikepdf.open(pdf) as document:
        return [(page.Contents.read_bytes(), sorted(page.Resources.get("/XObject", {}).keys()))
                for page in document.pages]


def test_the_cache_folder_may_move(folders, tmp_path):
    """A press copy in the cache is named by a `cache:` URL, not by the folder's path: the chunk's key and the PDF's
    bytes (WeasyPrint names an image after its URL) are the same wherever the build's cache folder is."""
    from generator.pdf.chunks import job_key, render_all

    theme, content, cache = folders
    (cache / "images").mkdir(parents=True)
    PILImage.new("CMYK", (40, 30), (0, 255, 0, 0)).save(cache / "images" / "x.jpg")

    def job(where=cache):
        made = job_in(theme, content, "section { color: red }")
        made.html = made.html.replace("頁0", '<img src="cache:/images/x.jpg" style="width: 20mm">頁0')
        made.allowed.append(str(where))  # as Composer.allowed holds the edition's cache folder
        return made

    elsewhere = tmp_path / "elsewhere"
    first = render_all([job()], cache)["body-0000"]
    shutil.copytree(cache, elsewhere)
    assert job_key(job(), cache) == job_key(job(elsewhere), elsewhere)
    hit = render_all([job(elsewhere)], elsewhere)["body-0000"]
    assert hit.cached and hit.path == str(elsewhere / os.path.basename(first.path))
    (elsewhere / Path(first.path).name).unlink()
    again = render_all([job(elsewhere)], elsewhere)["body-0000"]
    assert not again.cached
    assert drawn(Path(again.path)) == drawn(Path(first.path))  # rendered again elsewhere: the same page
    assert any(name.startswith("/i") for _, names in drawn(Path(first.path)) for name in names)  # with the image
    PILImage.new("CMYK", (40, 30), (255, 0, 0, 0)).save(elsewhere / "images" / "x.jpg")
    assert job_key(job(elsewhere), elsewhere) != job_key(job(), cache)  # the copy's content counts, not only its name


def test_a_file_that_vanishes_stops_the_build_instead_of_printing_without_it(folders):
    from generator.pdf.chunks import render_all

    theme, content, cache = folders
    job = job_in(theme, content, "section { color: red }")
    job.html = job.html.replace("頁0", f'<img src="{(content / "gone.png").as_uri()}">頁0')
    with pytest.raises(ContentError) as caught:
        render_all([job], cache)
    assert caught.value.problems[0].path == str(content / "gone.png") and "build again" in caught.value.problems[0].message
    assert not list(cache.glob("*.pdf")) and not list(cache.glob("*.json"))


def test_a_truncated_cache_entry_is_rendered_again(folders):
    from generator.pdf.chunks import render_all

    theme, content, cache = folders
    first = render_all([job_in(theme, content, "section { color: red }")], cache)["body-0000"]
    meta = cache / (os.path.basename(first.path)[:-4] + ".json")
    meta.write_text('{"name": "body-00', encoding="utf-8")  # a killed build of the old code: half a file
    again = render_all([job_in(theme, content, "section { color: red }")], cache)["body-0000"]
    assert not again.cached and again.pages == 3


def pages_text(pdf) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


def test_rebuild_after_a_pr_text_change_renders_one_chunk_and_equals_a_clean_build(small_content, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(small_content, root)
    cache = tmp_path / "cache"
    render(root, tmp_path / "first.pdf", cache=cache)
    yaml = root / "companies" / "kaede-kogyo" / "company.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("精密加工の専門企業", "精密板金の専門企業", 1),
                    encoding="utf-8")
    again = render(root, tmp_path / "again.pdf", cache=cache)
    fresh = sorted(name for name, cached in again.plan.rendered.items() if not cached)
    # the table of contents and the indexes list names and page numbers only: they come from the cache
    assert len(fresh) == 1 and fresh[0].startswith("body-"), again.plan.rendered
    clean = render(root, tmp_path / "clean.pdf", cache=tmp_path / "clean-cache")
    assert not any(clean.plan.rendered.values())
    assert pages_text(again.pdf) == pages_text(clean.pdf)
    assert "精密板金" in again.page_text(again.plan.company_pages()["kaede-kogyo"])


def _files(folder) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_the_build_keeps_its_chunk_cache_in_the_stage(tmp_path):
    from generator.build import build

    from .conftest import write_content

    root = write_content(tmp_path / "content", {"languages: [ja, en]": "languages: [ja]"})
    out = tmp_path / "build"
    build(root, out)
    cache = out / ".cache" / "pdf"
    before, pdf = _files(cache), (out / "guidebook.pdf").read_bytes()
    assert any(name.endswith(".pdf") for name in before)

    yaml = root / "companies" / "kaede-kogyo" / "company.yaml"
    good = yaml.read_text(encoding="utf-8")
    rows = "".join(f"  - {{name: 五軸マシニングセンタ{i}, maker: オークマ, model: MU-{i}, count: 1, "
                   f"spec: 最大加工径500mm・最大積載量300kg・主軸回転数12000回転}}\n" for i in range(30))
    yaml.write_text(good.split("equipment:")[0] + "equipment:\n" + rows, encoding="utf-8")
    with pytest.raises(ContentError):  # the PDF stage fails after rendering the changed chunk
        build(root, out)
    assert _files(cache) == before and (out / "guidebook.pdf").read_bytes() == pdf  # nothing of the live build moved

    yaml.write_text(good.replace("5軸加工", "5軸加工・研削"), encoding="utf-8")
    build(root, out)
    after = _files(out / ".cache" / "pdf")
    kept = {name for name in after if after[name][0] == before.get(name, (None,))[0]}
    new_pdfs = [name for name in after if name.endswith(".pdf") and name not in kept]
    # The chunk holding the changed page was rendered again, whole, and its old file is gone (it shows the old
    # text); the others are hard links to the previous build's cache.
    assert len(new_pdfs) == 1, new_pdfs
    old_pdfs = [name for name in before if name.endswith(".pdf")]
    assert len([name for name in kept if name.endswith(".pdf")]) == len(old_pdfs) - 1
    assert len([name for name in after if name.endswith(".pdf")]) == len(old_pdfs)
