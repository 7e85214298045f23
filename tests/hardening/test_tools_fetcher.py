"""Missing tools give one clear message with the fix; the PDF renderer reads nothing outside content and theme."""
from __future__ import annotations

import os
import subprocess

import pytest

from generator.errors import ToolMissing


def test_missing_japanese_font_names_the_package(monkeypatch):
    from generator import fonts

    fonts.font_file.cache_clear()
    monkeypatch.setattr(fonts.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, "DejaVu Sans\t/x.ttf"))
    try:
        with pytest.raises(ToolMissing, match="fonts-morisawa-bizud-gothic"):
            fonts.check_fonts()
    finally:
        fonts.font_file.cache_clear()


def test_missing_fontconfig_names_the_fix(monkeypatch):
    from generator import fonts

    fonts.font_file.cache_clear()
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    try:
        with pytest.raises(ToolMissing, match="make setup"):
            fonts.check_fonts()
    finally:
        fonts.font_file.cache_clear()


def test_missing_pagefind_names_the_fix(monkeypatch, tmp_path):
    from generator.search import pagefind

    monkeypatch.setattr(pagefind, "NODE_MODULES", tmp_path / "node_modules")  # a clone before `npm ci`
    with pytest.raises(ToolMissing, match="npm ci"):
        pagefind.pagefind_binary()


def test_missing_pango_is_one_clear_message(monkeypatch, run_cli, make_content):
    """WeasyPrint raises OSError("cannot load library 'libpango-1.0-0' …") on import when Pango is missing."""
    import generator.build as build_module

    def no_pango(*args, **kwargs):
        raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
    monkeypatch.setattr(build_module, "build", no_pango)
    code, _, err = run_cli("--root", make_content(), "--out", "unused", "build")
    assert code == 1 and "Traceback" not in err
    assert "libpango-1.0-0" in err and "apt-get install" in err and err.count("error:") == 1


def test_other_os_errors_are_not_disguised_as_missing_tools():
    from generator.stopping import missing_library

    assert missing_library(OSError(28, "No space left on device")) is None


@pytest.fixture
def fetcher(tmp_path):
    from generator.pdf.fetcher import ContentOnlyFetcher

    content = tmp_path / "content"
    (content / "companies" / "a").mkdir(parents=True)
    (content / "companies" / "a" / "ok.css").write_text("p { color: red }", encoding="utf-8")
    os.symlink("/etc/passwd", content / "companies" / "a" / "sneaky.css")
    return ContentOnlyFetcher([content]), content


@pytest.mark.parametrize("url", ["file:///etc/passwd", "file:///etc/../etc/passwd", "http://evil.example/x.css",
                                 "https://evil.example/x.png", "ftp://evil.example/x", "file://evil.example/share/x",
                                 "file:///proc/self/environ"])
def test_fetcher_refuses_everything_outside(fetcher, url):
    fetch, _ = fetcher
    with pytest.raises(Exception):
        fetch.fetch(url)


def test_fetcher_refuses_a_symlink_out_of_the_content_folder(fetcher):
    fetch, content = fetcher
    with pytest.raises(Exception):
        fetch.fetch((content / "companies" / "a" / "sneaky.css").as_uri())
    result = fetch.fetch((content / "companies" / "a" / "ok.css").as_uri())
    body = result["string"] if isinstance(result, dict) and "string" in result else None
    assert body is None or b"color" in (body if isinstance(body, bytes) else body.encode())


def test_weasyprint_with_our_fetcher_leaks_no_file(fetcher, tmp_path):
    from weasyprint import HTML
    from pypdf import PdfReader

    fetch, content = fetcher
    html = """<html><head><link rel=stylesheet href="file:///etc/passwd">
      <style>@import url("file:///etc/passwd"); @import url("http://evil.example/x.css");
      body::after { content: url("file:///etc/passwd") }</style></head>
      <body><p>本文</p><img src="file:///etc/passwd"><img src="http://evil.example/p.png">
      <object data="file:///etc/passwd"></object><iframe src="file:///etc/passwd"></iframe>
      <embed src="file:///etc/passwd"></body></html>"""
    out = tmp_path / "x.pdf"
    HTML(string=html, base_url=content.as_uri() + "/", url_fetcher=fetch).write_pdf(out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "root:" not in text
    assert b"root:x:" not in out.read_bytes()
    assert any("passwd" in url for url in fetch.refused)
    assert any("evil.example" in url for url in fetch.refused)
