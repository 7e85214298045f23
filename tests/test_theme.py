"""The theme's static files as the site publishes them: the municipality's first, scripts and styles minified."""
import subprocess

from generator.theme import DEFAULT_THEME, Theme


def test_a_municipality_file_overrides_the_default_and_other_files_are_copied_as_they_are(tmp_path):
    own = tmp_path / "theme"
    (own / "static").mkdir(parents=True)
    (own / "static" / "search.js").write_text("// our own search\nvar ours = 1;\n", encoding="utf-8")
    (own / "static" / "mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n', encoding="utf-8")
    Theme.of(own).copy_static(tmp_path / "assets")
    assert (tmp_path / "assets" / "search.js").read_text(encoding="utf-8") == "var ours=1;\n"
    assert (tmp_path / "assets" / "mark.svg").read_text(encoding="utf-8") == '<svg xmlns="http://www.w3.org/2000/svg"/>\n'
    assert (tmp_path / "assets" / "site.css").is_file()  # the default's, as the municipality has none


def test_published_scripts_and_styles_are_smaller_and_scripts_still_parse(tmp_path):
    Theme.of(None).copy_static(tmp_path)
    sources = sorted(p for p in (DEFAULT_THEME / "static").rglob("*") if p.suffix in (".js", ".css"))
    assert sources
    for source in sources:
        published = tmp_path / source.relative_to(DEFAULT_THEME / "static")
        assert published.stat().st_size < source.stat().st_size, published
        if source.suffix != ".js":
            continue
        kind = "module" if "import " in source.read_text(encoding="utf-8") else "commonjs"
        done = subprocess.run(["node", "--check", f"--input-type={kind}"], input=published.read_text(encoding="utf-8"),
                              capture_output=True, text=True)
        assert done.returncode == 0, (published.name, done.stderr)
