"""Mistakes an office clerk makes with a Japanese IME: each is reported on the line that holds it, in words the clerk
knows (全角, 半角, 引用符 …), with the value to copy; several independent mistakes all come out in one run.

Each case is the valid corpus profile (tests/corpus/good.yaml) with one line changed. The expected line is the line
the mistake was written on; the words and the fix are what a person would tell the clerk, written from the mistake.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main

GOOD = (Path(__file__).resolve().parent.parent / "corpus" / "good.yaml").read_text(encoding="utf-8")


def line_of(text: str) -> int:
    """The line of good.yaml that starts with `text` (where the mistake is made)."""
    return next(n for n, line in enumerate(GOOD.splitlines(), 1) if line.startswith(text))


# (id, line as written in good.yaml, the clerk's version, words the message must use, the fix it must show)
CASES = [
    ("fullwidth-space-indent", "  kana: コーパスセイキ", "　kana: コーパスセイキ", ["全角スペース", "半角スペース"],
     "「  kana: コーパスセイキ」"),
    ("two-fullwidth-spaces", "  kana: コーパスセイキ", "　　kana: コーパスセイキ", ["全角スペース", "半角スペース2つ"],
     "「  kana: コーパスセイキ」"),
    ("fullwidth-space-nested", "  postal_code:", '　postal_code: "437-0112"', ["全角スペース"],
     '「  postal_code: "437-0112"」'),
    ("fullwidth-colon", "summary:", "summary：航空機部品の5軸加工で0.005mmの精度に挑む", ["全角", "半角の「:」"],
     "summary: 航空機部品の5軸加工で0.005mmの精度に挑む"),
    ("fullwidth-colon-nested", "  city:", "  city：紅葉川市", ["全角"], "city: 紅葉川市"),
    # an IME left in 全角 types the space after a half-width colon as U+3000: the parser gives up a line later
    ("fullwidth-space-after-colon", "employees:", "employees:\u300045", ["全角スペース", "半角スペース"],
     "employees: 45"),
    ("fullwidth-space-after-colon-nested", "  city:", "  city:\u3000紅葉川市", ["全角スペース"], "city: 紅葉川市"),
    ("no-space-after-colon", "  kana: コーパスセイキ", "  kana:コーパスセイキ", ["半角スペース"], "kana: コーパスセイキ"),
    ("colon-in-a-sentence", "summary:", "summary: 精度: 0.005mm", ["引用符", "「: 」"], 'summary: "精度: 0.005mm"'),
    ("unclosed-quote", "  phone:", '  phone: "0548-22-1234', ["引用符", "閉じていません"], 'phone: "0548-22-1234"'),
    ("unclosed-quote-at-the-end", "  person:", '  person: "営業部 鈴木', ["引用符"], 'person: "営業部 鈴木"'),
    ("unclosed-bracket", "technologies:", "technologies: [cutting, 研削・研磨", ["かっこ", "閉じていません"],
     "technologies: [cutting, 研削・研磨]"),
    ("indented-too-deep", "  kana: コーパスセイキ", "   kana: コーパスセイキ", ["字下げ", "半角スペース2つ"],
     "「  kana: コーパスセイキ」"),
    # outside clerk, session 17, finding 6: a key of a list item one space short of the key above it
    ("list-item-key-misaligned", "    description: タービンケースなど", "   description: タービンケースなど",
     ["字下げ", "半角スペース4つ", "34 行目の「name」"], "「    description: タービンケースなど」"),
    ("tab-indent", "  kana: コーパスセイキ", "\tkana: コーパスセイキ", ["タブ", "半角スペース"], "「  kana: コーパスセイキ」"),
    ("fullwidth-postal-code", "  postal_code:", '  postal_code: "４３７－０１１２"', ["全角", "半角"], '"437-0112"'),
    ("postal-code-with-mark", "  postal_code:", '  postal_code: "〒437-0112"', ["郵便番号"], '"437-0112"'),
    ("fullwidth-phone", "  phone:", '  phone: "０５４８－２２－１２３４"', ["全角", "半角"], '"0548-22-1234"'),
    ("phone-long-dash", "  fax:", '  fax: "0548ー22ー1235"', ["全角", "半角"], '"0548-22-1235"'),
    ("phone-read-as-a-number", "  phone:", "  phone: 0312345670", ['"…" で囲んで'], '"03-1234-5670"'),
    ("phone-bare-digits", "  phone:", "  phone: 0548248585", ["ハイフン", "市外局番"], '"0548-24-8585"'),
    ("corporate-number-not-quoted", "corporate_number:", "corporate_number: 7080401003158", ['"…" で囲んで'],
     '"7080401003158"'),
    ("hiragana-reading", "  kana: コーパスセイキ", "  kana: こーぱすせいき", ["ひらがな", "カタカナ"], "コーパスセイキ"),
    ("legal-form-in-reading", "  kana: コーパスセイキ", "  kana: カブシキガイシャコーパスセイキ", ["カブシキガイシャ", "除いて"],
     "コーパスセイキ"),
    ("halfwidth-kana-reading", "  kana: コーパスセイキ", "  kana: ｺｰﾊﾟｽｾｲｷ", ["半角カタカナ", "全角"], "コーパスセイキ"),
    ("reiwa-date", "last_confirmed:", "last_confirmed: 令和8年4月1日", ["和暦", "西暦"], "last_confirmed: 2026-04-01"),
    ("reiwa-first-year", "last_confirmed:", "last_confirmed: 令和元年5月1日", ["和暦", "西暦"],
     "last_confirmed: 2019-05-01"),
    ("slash-date", "last_confirmed:", "last_confirmed: 2026/4/1", ["半角", "ハイフン"], "last_confirmed: 2026-04-01"),
    ("showa-year", "established:", "established: 昭和43年", ["和暦", "西暦"], "established: 1968"),
    ("year-with-nen", "established:", "established: 1968年4月", ["年月"], 'established: "1968-04"'),
    ("man-yen", "capital:", "capital: 3,000万円", ["半角数字", "万"], "capital: 30000000"),
    ("oku-man-yen", "capital:", "capital: 1億2,000万円", ["半角数字", "億"], "capital: 120000000"),
    ("about-people", "employees:", "employees: 約48名", ["半角数字", "「約」"], "employees: 48"),
    ("fullwidth-people", "employees:", "employees: ４８人", ["全角の数字", "半角"], "employees: 48"),
    ("no-https", "  website:", "  website: www.corpus-seiki.example.jp/", ["https://"],
     "https://www.corpus-seiki.example.jp/"),
    ("fullwidth-email", "  email:", "  email: ｉｎｆｏ＠corpus-seiki.example.jp", ["全角", "半角"],
     "info@corpus-seiki.example.jp"),
    ("prefecture-short", "  prefecture:", "  prefecture: 静岡", ["都道府県"], "「静岡県」"),
    ("fullwidth-street", "  street:", "  street: 北部工業団地３－５", ["全角", "半角"], "北部工業団地3-5"),
    ("template-name", "  ja: 株式会社コーパス精機", "  ja: 株式会社〇〇製作所", ["ひな形", "書き換える"], "〇〇"),
    ("template-postal-code", "  postal_code:", '  postal_code: "000-0000"', ["ひな形"], "000-0000"),
    ("template-phone", "  phone:", '  phone: "0548-00-0000"', ["ひな形"], "0548-00-0000"),
    ("template-email", "  email:", "  email: info@example.co.jp", ["ひな形"], "info@example.co.jp"),
    ("misspelt-key", "employees:", "employes: 48", ["書き間違い"], "「employees」"),
    # list items joined the Japanese way: each item on its own line, the clerk's own terms
    ("japanese-comma-in-list", "technologies:", "technologies: [cutting、研削・研磨]", ["「、」", "区切り", "「- 」"],
     "「  - cutting」「  - 研削・研磨」"),
    ("fullwidth-comma-in-list", "technologies:", "technologies: [cutting，研削・研磨]", ["「，」", "「- 」"],
     "「  - cutting」「  - 研削・研磨」"),
    ("fullwidth-brackets", "technologies:", "technologies: ［cutting, 研削・研磨］", ["全角", "[ ]"],
     "technologies: [cutting, 研削・研磨]"),
    ("list-joined-by-commas", "technologies:", "technologies: cutting、研削・研磨", ["「、」", "「- 」"],
     "technologies: [cutting, 研削・研磨]"),
    ("dash-without-space", "  - name: 航空機エンジン部品", "  -name: 航空機エンジン部品", ["「- 」", "半角スペース"],
     "「  - name: 航空機エンジン部品」"),
    ("quotes-inside-quotes", "  person:", '  person: "営業部 "鈴木""', ["引用符", "「」"], 'person: "営業部 「鈴木」"'),
]


def run_json(root: Path, capsys) -> list[dict]:
    main(["--root", str(root), "validate", "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 25 and len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_clerks_mistake_is_named_at_its_line_with_the_fix(case, make_content, capsys):
    _id, written, mistake, words, fix = case
    line = line_of(written)
    lines = GOOD.splitlines()
    lines[line - 1] = mistake
    problems = run_json(make_content({"kuma-seiki": "\n".join(lines) + "\n"}), capsys)
    assert problems, "the mistake went unnoticed"
    first = min(problems, key=lambda p: (p["line"], p["col"]))
    assert first["line"] == line, problems
    japanese = first["message"].split(" / ")[0]
    for word in words:
        assert word in japanese, (word, first["message"])
    assert fix in first["message"], (fix, first["message"])
    assert all(p["line"] == line for p in problems), f"one mistake, reported once: {problems}"


def test_a_photo_too_big_says_how_to_make_it_smaller(make_content, capsys):
    import os

    from PIL import Image

    root = make_content({"kuma-seiki": GOOD + "images:\n  photos:\n    - {file: big.png, alt: 工場の全景}\n"})
    Image.frombytes("RGB", (2000, 1600), os.urandom(2000 * 1600 * 3)).save(root / "companies/kuma-seiki/big.png")
    problems = run_json(root, capsys)
    [big] = [p for p in problems if p["rule"] == "image-bytes"]
    assert big["line"] == GOOD.count("\n") + 3
    assert "縮小" in big["message"] and "2400 画素" in big["message"] and "フォーム" in big["message"]


def test_four_independent_mistakes_come_out_in_one_run(make_content, capsys):
    lines = GOOD.splitlines()
    mistakes = {line_of("  kana: コーパスセイキ"): "　kana: コーパスセイキ",        # a syntax slip …
                line_of("  postal_code:"): '  postal_code: "４３７－０１１２"',   # … does not hide the rest
                line_of("  website:"): "  website: www.corpus-seiki.example.jp/",
                line_of("last_confirmed:"): "last_confirmed: 令和8年4月1日"}
    for number, text in mistakes.items():
        lines[number - 1] = text
    problems = run_json(make_content({"kuma-seiki": "\n".join(lines) + "\n"}), capsys)
    assert sorted(p["line"] for p in problems) == sorted(mistakes)
    assert [p["rule"] for p in sorted(problems, key=lambda p: p["line"])] == [
        "yaml-fullwidth-space", "postal-code", "url", "date"]


def test_every_unknown_key_and_every_missing_field_in_one_run(make_content, capsys):
    text = GOOD.replace("employees: 48", "employes: 48\nemploye_count: 3").replace("area: kita\n", "")
    text = text.replace("  kana: コーパスセイキ\n", "")
    problems = run_json(make_content({"kuma-seiki": text}), capsys)
    unknown = sorted(p["message"].split("「")[1].split("」")[0] for p in problems if p["rule"] == "unknown-key")
    missing = [p for p in problems if p["rule"] == "required"]
    assert unknown == ["employe_count", "employes"]
    assert sorted(m for p in missing for m in ("area", "kana") if f"「{m}:」" in p["message"]) == ["area", "kana"]


def test_a_list_item_one_space_out_of_line_is_named_with_the_dash_it_lines_up_with(make_content, capsys):
    # the list-item form of finding 6 (outside clerk, session 17): "- name:" of a second product one space short
    lines = GOOD.splitlines()
    at = line_of("    description: タービンケースなど")
    lines[at:at] = [" - name: 治具", "   description: 検査治具"]
    problems = run_json(make_content({"kuma-seiki": "\n".join(lines) + "\n"}), capsys)
    first = min(problems, key=lambda p: (p["line"], p["col"]))
    assert first["line"] == at + 1, problems
    japanese = first["message"].split(" / ")[0]
    assert "字下げ" in japanese and "半角スペース2つ" in japanese and f"{at - 1} 行目の「-」" in japanese, first
    assert "「  - name: 治具」" in first["message"], first
