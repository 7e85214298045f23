"""One company, one profile; no invisible characters; `--keep-going` names what it left out."""
from __future__ import annotations

from conftest import minimal_profile
from generator.load import load_content
from generator.validate import validate
from generator.validate.identity import skeleton
from generator.validate.japanese import check_corporate_number
from generator.validate.text_safety import printable, problem_in

OK_NUMBER = "1180301018771"  # a real 法人番号 with a valid check digit
OTHER_NUMBER = "4010001008772"


def with_number(number: str, name: str = "株式会社テスト精機") -> str:
    return minimal_profile().replace("株式会社テスト精機", name) + f'corporate_number: "{number}"\n'


def rules(root) -> dict[str, list]:
    found: dict[str, list] = {}
    for p in validate(load_content(root)):
        found.setdefault(p.rule, []).append(p)
    return found


def test_check_digit():
    assert check_corporate_number(OK_NUMBER) is None and check_corporate_number(OTHER_NUMBER) is None
    assert check_corporate_number("2180301018771") is not None


def test_same_corporate_number_twice_names_both_files(make_content):
    root = make_content({"a-seiki": with_number(OK_NUMBER, "株式会社エー精機"),
                         "b-seiki": with_number(OK_NUMBER, "株式会社ビー精機")})
    [problem] = rules(root)["duplicate-company"]
    assert problem.path.endswith("b-seiki/company.yaml") and problem.line == 15
    assert "a-seiki/company.yaml" in problem.message and problem.is_error


def test_same_name_is_flagged(make_content):
    root = make_content({"a-seiki": None, "c-seiki": minimal_profile().replace("株式会社テスト精機", "テスト精機　㈱")})
    [problem] = rules(root)["duplicate-name"]
    assert problem.path.endswith("c-seiki/company.yaml") and problem.severity == "warning"


def test_lookalike_slugs(make_content):
    assert skeleton("ko1-seiki") == skeleton("kol-seiki")
    assert skeleton("rnodern") == skeleton("modern") and skeleton("yamada") != skeleton("yamato")
    root = make_content({"ko1-seiki": with_number(OK_NUMBER, "株式会社コウイチ"),
                         "kol-seiki": with_number(OTHER_NUMBER, "株式会社コール")})
    [problem] = rules(root)["slug-lookalike"]
    assert "ko1-seiki" in problem.message and "kol-seiki" in problem.message


def test_windows_reserved_folder_name(make_content):
    assert rules(make_content({"con": None}))["slug-reserved"]


def test_invisible_characters_are_named():
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in problem_in("株式会社\u202e精機")
    assert "U+200B" in problem_in("テスト\u200b精機")
    assert "U+FEFF" in problem_in("テスト\ufeff")
    assert "U+E000" in problem_in("髙\ue000")
    assert problem_in("髙橋\U000E0100精機 and 𠮷野家, emoji 🏭, tabs\tand\nnewlines") is None  # IVS and astral are fine
    assert printable("a\x1b[2Jb\u202ec") == "a\\u001b[2Jb\\u202ec"


def test_invisible_characters_in_front_pages_are_located(make_content):
    root = make_content()
    page = next((root / "pages").glob("*.md"))
    lines = page.read_text(encoding="utf-8").split("\n")
    lines[-2] = lines[-2] + "\u2066x"
    page.write_text("\n".join(lines), encoding="utf-8")
    [problem] = rules(root)["invisible-character"]
    assert problem.path.endswith(page.name) and problem.line == len(lines) - 1


def test_keep_going_builds_the_rest_and_lists_what_it_left_out(make_content, run_cli, tmp_path):
    root = make_content({"good-seiki": with_number(OK_NUMBER, "株式会社グッド"),
                         "bad-seiki": minimal_profile().replace("株式会社テスト精機", "株式会社<script>")})
    out = tmp_path / "build"
    code, _, err = run_cli("--root", root, "--out", out, "build", "--no-pdf")
    assert code == 1 and not out.exists(), "without --keep-going nothing is written"

    code, stdout, err = run_cli("--root", root, "--out", out, "build", "--no-pdf", "--keep-going")
    assert code == 1
    assert "bad-seiki/company.yaml:2:3: error:" in err
    assert "left out because of errors: bad-seiki" in err
    assert (out / "site" / "companies" / "good-seiki" / "index.html").is_file()
    assert not (out / "site" / "companies" / "bad-seiki").exists()
    assert "bad-seiki" not in (out / "site" / "index.html").read_text(encoding="utf-8")


def test_keep_going_still_stops_on_site_errors(make_content, run_cli, tmp_path):
    root = make_content({"good-seiki": None})
    (root / "site.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    code, _, err = run_cli("--root", root, "--out", tmp_path / "build", "build", "--no-pdf", "--keep-going")
    assert code == 1 and "site.yaml:" in err and not (tmp_path / "build").exists()
