"""A small site for the editor tests: the sample vocabularies, a repository in site.yaml, one full and one
short sample profile (the short one writes its terms as Japanese labels)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.build import build
from tests.conftest import shared_folder

PROJECT = Path(__file__).resolve().parent.parent.parent
SAMPLE = PROJECT / "content"
COMPANIES = ("yamada-seiki", "ishiguro-chuzo")
REPOSITORY = "momijigawa/guidebook"


@pytest.fixture(scope="session")
def editor_root(tmp_path_factory) -> Path:
    """A content tree with two sample companies and `repository` set (one for the run's workers; tests only read
    it)."""
    return shared_folder(tmp_path_factory, "editor", lambda folder: write_editor_content(folder / "content")) \
        / "content"


def write_editor_content(root: Path) -> None:
    shutil.copytree(SAMPLE / "taxonomies", root / "taxonomies")
    shutil.copytree(SAMPLE / "pages", root / "pages")
    site = (SAMPLE / "site.yaml").read_text(encoding="utf-8")
    site = re.sub(r"(?m)^repository:.*$", f"repository: {REPOSITORY}", site)
    (root / "site.yaml").write_text(site, encoding="utf-8")
    for slug in COMPANIES:
        shutil.copytree(SAMPLE / "companies" / slug, root / "companies" / slug)


@pytest.fixture(scope="session")
def editor_site(editor_root, tmp_path_factory) -> Path:
    """The small site built once for the run's workers (no PDF); returns its `site/` folder."""
    return shared_folder(tmp_path_factory, "editor-site",
                         lambda folder: build(editor_root, folder / "build", pdf=False)) / "build" / "site"


def open_editor_page(browser, base: str, company: str | None = None, width: int = 1280, lang: str = "ja"):
    """A new browser page (in a context of its own) on the editor served at `base`, ready to use; the page's
    JavaScript errors collect in `page.js_errors`."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(8000)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.js_errors = errors
    page.goto(base + ("" if lang == "ja" else f"{lang}/") + "edit/index.html" + (f"?company={company}" if company else ""))
    page.wait_for_selector("body[data-ready]")
    return page


@pytest.fixture
def editor(browser, serve, editor_site):
    """Factory: a new browser page on the editor (optionally `?company=slug`), ready to use."""
    base = serve(editor_site)
    pages = []

    def open_editor(company: str | None = None, width: int = 1280, lang: str = "ja"):
        page = open_editor_page(browser, base, company, width, lang)
        pages.append(page)
        return page

    open_editor.base = base
    yield open_editor
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def new_company_page(browser, editor_site):
    """One editor page with a new company filled in (test_editor_browser.fill_new_company), shared by a module's
    tests that each retype one box of it and look only at that box: a page of its own and its 25 entries for each
    such test were most of those modules' CPU."""
    from editor.test_editor_browser import fill_new_company
    from generator.search.recall import served

    with served(editor_site) as base:
        page = open_editor_page(browser, base)
        fill_new_company(page)
        yield page
        page.close()

