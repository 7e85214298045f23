"""The theme's static files as the site publishes them: scripts without comment lines and indentation."""
import subprocess

from generator.theme import Theme, published_script


def test_a_script_loses_its_comment_lines_and_indentation_only():
    source = 'var a = "// not a comment";\n  // a comment\n\n  if (a) {\n    b(a); // kept: not a whole line\n  }\n'
    assert published_script(source) == 'var a = "// not a comment";\nif (a) {\nb(a); // kept: not a whole line\n}\n'


def test_a_script_with_a_template_literal_or_a_continued_string_is_published_as_it_is():
    for source in ("var t = `\n  two lines\n`;\n", 'var s = "one \\\n  line";\n'):
        assert published_script(source) == source


def test_published_scripts_are_smaller_and_still_parse(tmp_path):
    Theme.of(None).copy_static(tmp_path)
    scripts = sorted(tmp_path.rglob("*.js"))
    assert (tmp_path / "search.js").stat().st_size < (Theme.of(None)[0] / "static" / "search.js").stat().st_size
    for script in scripts:
        kind = "module" if "import " in script.read_text(encoding="utf-8") else "commonjs"
        done = subprocess.run(["node", "--check", f"--input-type={kind}"], input=script.read_text(encoding="utf-8"),
                              capture_output=True, text=True)
        assert done.returncode == 0, (script.name, done.stderr)
