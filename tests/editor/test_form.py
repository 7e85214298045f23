"""The editor page is generated from the JSON Schema: every field, label and help text, and each profile as JSON."""
from __future__ import annotations

import json
import re

from markupsafe import escape

from generator.site.editor import form_fields, schema_line
from generator.validate.schema import schema


def walk(fields):
    for f in fields:
        yield f
        yield from walk(f.children)
        if f.item is not None:
            yield from walk(f.item.children if f.item.kind == "object" else [f.item])


def schema_paths(node, path=""):
    """Every property path of the company schema, list items written as `__i__`."""
    for key, sub in node.get("properties", {}).items():
        here = f"{path}.{key}" if path else key
        yield here
        if sub.get("type") == "object":
            yield from schema_paths(sub, here)
        items = sub.get("items", {})
        if sub.get("type") == "array" and items.get("type") == "object":
            yield from schema_paths(items, here + ".__i__")


def test_every_schema_property_has_a_field():
    paths = {f.path for f in walk(form_fields(schema("company")))}
    missing = set(schema_paths(schema("company"))) - paths
    assert not missing


def test_field_kinds_follow_the_schema():
    fields = {f.path: f for f in walk(form_fields(schema("company")))}
    assert fields["technologies"].kind == "vocab" and fields["technologies"].taxonomy == "technologies"
    assert fields["area"].kind == "choice"
    assert fields["summary"].kind == "bitext" and fields["summary"].max_ja == 40
    assert fields["pr"].kind == "bitext-long" and fields["pr"].markdown
    assert fields["products"].kind == "list" and fields["products"].max_items == 6
    assert fields["materials"].kind == "vocab" and fields["materials"].open_vocab  # a picker that keeps free words
    assert fields["capital"].kind == "integer" and fields["established"].kind == "year"
    assert fields["last_confirmed"].kind == "date"
    assert fields["name.kana"].required and not fields["name.en"].required


def test_page_has_every_label_and_help(editor_site):
    html = (editor_site / "edit" / "index.html").read_text(encoding="utf-8")
    for f in walk(form_fields(schema("company"))):
        if f.title:
            assert str(escape(f.title)) in html, f.path
        if f.help:
            assert str(escape(f.help)) in html, f.path
        if f.kind not in ("object", "list", "bitext", "bitext-long", "vocab") and "__i__" not in f.path:
            assert f'<label for="{f.id}">' in html, f.path
    raw = re.search(r'<script type="application/json" id="editor-data">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["repository"] == "momijigawa/guidebook"
    assert data["schemaLine"] == schema_line() and data["schemaLine"].startswith("# yaml-language-server: $schema=")
    assert {t["key"] for t in data["taxonomies"]["technologies"]["terms"]} >= {"cutting", "welding"}


def test_profiles_are_published_as_json(editor_site, editor_root):
    from generator.load.yamlfile import load

    for slug in ("yamada-seiki", "ishiguro-chuzo"):
        published = json.loads((editor_site / "edit" / "data" / f"{slug}.json").read_text(encoding="utf-8"))
        assert published == load(editor_root / "companies" / slug / "company.yaml").data


def test_pages_link_to_the_editor(editor_site):
    company = (editor_site / "companies" / "yamada-seiki" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./\.\./edit/index\.html\?company=yamada-seiki"[^>]*>この情報を修正する<', company)
    english = (editor_site / "en" / "companies" / "yamada-seiki" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../edit/index.html?company=yamada-seiki"' in english  # the English form, en/edit/
    assert (editor_site / "en" / "edit" / "index.html").is_file()
    top = (editor_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="edit/index\.html"[^>]*>新しく掲載を申し込む<', top)
    english_top = (editor_site / "en" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="edit/index\.html"[^>]*>Add your company<', english_top)
    assert (editor_site / "assets" / "editor" / "vendor" / "ajv2020.min.js").is_file()


def test_help_texts_speak_to_a_clerk_not_in_yaml(editor_site):
    # outside clerk, session 17, finding 7: the form promised "no YAML" and its help showed {lat: …}, [production-
    # machinery], {x_mm: 735, …} and file paths under content/taxonomies; 位置 said 任意 while 緯度 and 経度 said 必須
    from html import unescape

    for page in ("edit/index.html", "en/edit/index.html"):
        html = (editor_site / page).read_text(encoding="utf-8")
        helps = [unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r'<p class="help"[^>]*>(.*?)</p>', html, re.S)]
        assert len(helps) > 30
        for text in helps:
            for yaml_word in ("{", "[", "taxonomies", ".yaml", "x_mm", "tonnage_t", "place:", "（type）", "(type)",
                              "（alt）", '"1968-04"', "true if"):
                assert yaml_word not in text, (page, yaml_word, text)
    html = (editor_site / "edit" / "index.html").read_text(encoding="utf-8")
    location = html[html.index('id="f-location"'):html.index("</fieldset>", html.index('id="f-location"'))]
    assert "任意" not in location or "必須" not in location.replace("位置を入れるときは必須", ""), location
    for part in ("lat", "lng"):
        label = re.search(rf'<label for="f-location-{part}">(.*?)</label>', location, re.S).group(1)
        assert "位置を入れるときは必須" in label, label
    assert "右クリック" in location  # where a clerk finds the two numbers
