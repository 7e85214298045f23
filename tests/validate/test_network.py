"""site.yaml `network:`: https addresses (http only on this machine), each guidebook once, never this one itself;
every mistake located at its line with a message that names the fix."""
from generator.load import load_content
from generator.model import site_from
from generator.validate import validate

from ..conftest import SAMPLE

SITE = (SAMPLE / "site.yaml").read_text(encoding="utf-8")


def problems_of(make_content, network: str):
    root = make_content(site_yaml=SITE + network)
    lines = (root / "site.yaml").read_text(encoding="utf-8").splitlines()
    found = [p for p in validate(load_content(root)) if p.path.endswith("site.yaml")]
    return found, lines


def test_a_network_of_https_and_local_addresses_is_valid_and_read(make_content):
    root = make_content(site_yaml=SITE + "network:\n"
                        "  - url: https://monozukuri.sakuradai.example.jp\n    name: {ja: 桜台市, en: Sakuradai City}\n"
                        "    id: sakuradai\n"
                        "  - url: http://localhost:8001/sub/\n    name: 楓町\n")
    content = load_content(root)
    assert [p for p in validate(content) if p.path.endswith("site.yaml")] == []
    site = site_from(content.site.data, root)
    assert [(n.url, n.name.ja, n.name.en, n.id) for n in site.network] == [
        ("https://monozukuri.sakuradai.example.jp/", "桜台市", "Sakuradai City", "sakuradai"),
        ("http://localhost:8001/sub/", "楓町", None, "")]


def test_plain_http_is_refused_at_its_line(make_content):
    found, lines = problems_of(make_content, "network:\n  - url: http://monozukuri.kaede.example.jp/\n    name: 楓町\n")
    assert len(found) == 1 and found[0].is_error
    assert "http://monozukuri.kaede.example.jp/" in lines[found[0].line - 1]
    assert "https://" in found[0].message and "公開URL" in found[0].message


def test_the_same_guidebook_twice_or_this_one_itself_is_refused_at_the_repeat(make_content):
    found, lines = problems_of(make_content, "network:\n"
                               "  - url: https://monozukuri.sakuradai.example.jp\n    name: 桜台市\n    id: sakuradai\n"
                               "  - url: https://MONOZUKURI.sakuradai.example.jp/\n    name: 桜台市の別名\n"
                               "  - url: https://monozukuri.kaede.example.jp/\n    name: 紅葉川市\n    id: sakuradai\n")
    by_line = {lines[p.line - 1].strip(): p.message for p in found}
    assert set(by_line) == {"- url: https://MONOZUKURI.sakuradai.example.jp/", "name: 紅葉川市", "id: sakuradai"}
    assert "1 番目と同じ" in by_line["- url: https://MONOZUKURI.sakuradai.example.jp/"]
    assert "このガイドブックと同じ" in by_line["name: 紅葉川市"] and "entry 3" in by_line["name: 紅葉川市"]
    assert all(p.is_error and p.rule == "network" for p in found)
