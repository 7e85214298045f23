"""Scripts and stylesheets minified by esbuild: the same behaviour in fewer bytes, located errors, no hard-link writes."""
import os
import subprocess

import pytest

from generator import minify as minify_module
from generator.errors import ContentError, ToolMissing
from generator.minify import minify

SCRIPT = """// Greets a visitor (this comment is not published).
function greeting(name) {
  /* a block comment */
  var words = "こんにちは、" + name;
  return words;
}
"""


def test_a_script_keeps_its_global_function_and_its_japanese_text(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "greet.js").write_text(SCRIPT, encoding="utf-8")
    minify({"js/greet.js": tmp_path / "src" / "greet.js"}, tmp_path / "out")
    published = (tmp_path / "out" / "js" / "greet.js").read_text(encoding="utf-8")
    assert len(published.encode()) < len(SCRIPT.encode())
    assert "comment" not in published and "こんにちは、" in published  # UTF-8, not \u escapes
    # a later classic script calls the top-level function by its name
    done = subprocess.run(["node", "-e", published + '\nconsole.log(greeting("世界"));'],
                          capture_output=True, text=True, check=True)
    assert done.stdout == "こんにちは、世界\n"


def test_a_stylesheet_loses_its_comments_and_spaces(tmp_path):
    (tmp_path / "site.css").write_text("/* colours */\n.a {\n  color: #ff0000;\n  margin: 0px 0px 0px 0px;\n}\n",
                                       encoding="utf-8")
    minify({"site.css": tmp_path / "site.css"}, tmp_path / "out")
    assert (tmp_path / "out" / "site.css").read_text(encoding="utf-8") == ".a{color:red;margin:0}\n"


def test_a_script_that_does_not_parse_is_a_located_error(tmp_path):
    bad = tmp_path / "bad.js"
    bad.write_text("var a = 1;\nfunction f() {\n  return a b;\n}\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        minify({"bad.js": bad}, tmp_path / "out")
    [problem] = caught.value.problems
    assert problem.path == str(bad.resolve())  # outside the working folder: the whole path
    assert (problem.line, problem.col) == (3, 12)  # the "b" of `return a b;`
    assert problem.message.startswith("スクリプト")
    assert not (tmp_path / "out" / "bad.js").exists()


def test_without_esbuild_the_build_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(minify_module, "NODE_MODULES", tmp_path / "node_modules")
    (tmp_path / "a.js").write_text("var a = 1;\n", encoding="utf-8")
    with pytest.raises(ToolMissing, match="npm ci"):
        minify({"a.js": tmp_path / "a.js"}, tmp_path / "out")


def test_a_published_file_hard_linked_from_the_previous_output_is_left_alone(tmp_path):
    (tmp_path / "out").mkdir()
    previous = tmp_path / "previous.js"
    previous.write_text("var before = 1;\n", encoding="utf-8")
    os.link(previous, tmp_path / "out" / "a.js")
    (tmp_path / "a.js").write_text("var after = 2;\n", encoding="utf-8")
    minify({"a.js": tmp_path / "a.js"}, tmp_path / "out")
    assert (tmp_path / "out" / "a.js").read_text(encoding="utf-8") == "var after=2;\n"
    assert previous.read_text(encoding="utf-8") == "var before = 1;\n"
