"""`guidebook validate`: formats, --strict, exit codes, and every problem of every profile in one run."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import minimal_profile

from generator.cli import main


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def two_bad(make_content) -> Path:
    return make_content({
        "a-seiki": minimal_profile().replace("summary:", "employes: 3\nsummary:"),
        "b-kogyo": minimal_profile().replace('"0548-22-1234"', "0312345670").replace("静岡県", "静岡"),
        "c-warn": minimal_profile().replace("北部工業団地1-1", "北部工業団地１－１"),
    })


def test_every_problem_of_every_profile_is_reported_with_exit_1(make_content, tmp_path):
    result = run("--root", str(two_bad(make_content)), "validate", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "company.yaml:" in line]
    assert any("a-seiki/company.yaml:" in line and "employees" in line for line in lines)
    assert sum("b-kogyo/company.yaml:" in line and ("電話番号" in line or "都道府県" in line) for line in lines) == 2
    assert any("c-warn/company.yaml:" in line and ": warning: " in line for line in lines)


def test_json_is_a_list_of_located_problems_on_stdout(make_content, capsys):
    code = main(["--root", str(two_bad(make_content)), "validate", "--format", "json"])
    problems = json.loads(capsys.readouterr().out)
    assert code == 1
    assert all(set(p) == {"path", "line", "col", "severity", "rule", "message"} for p in problems)
    assert {p["rule"] for p in problems} >= {"unknown-key", "yaml-octal", "prefecture", "fullwidth-ascii"}


def test_github_annotations(make_content, capsys):
    main(["--root", str(two_bad(make_content)), "validate", "--format", "github"])
    err = capsys.readouterr().err.splitlines()
    octal = next(line for line in err if "yaml-octal" in line)
    assert octal.startswith("::error file=") and ",line=" in octal and ",col=" in octal and "::「電話番号」" in octal
    assert any(line.startswith("::warning file=") for line in err)


def test_strict_makes_warnings_fail(make_content, capsys):
    root = make_content({"c-warn": minimal_profile().replace("北部工業団地1-1", "北部工業団地１－１")})
    assert main(["--root", str(root), "validate"]) == 0
    assert main(["--root", str(root), "validate", "--strict"]) == 1
    assert "--strict" in capsys.readouterr().err


def test_wrong_usage_exits_2(make_content, tmp_path):
    root = make_content({"a-seiki": None})
    assert run("--root", str(root), "validate", "--format", "xml", cwd=tmp_path).returncode == 2
    assert run("--root", str(root), "validate", str(tmp_path / "nope"), cwd=tmp_path).returncode == 2
    assert run("--root", str(tmp_path / "nothing"), "validate", cwd=tmp_path).returncode == 2


def test_one_profile_can_be_checked_alone(make_content, capsys):
    root = two_bad(make_content)
    assert main(["--root", str(root), "validate", str(root / "companies" / "c-warn" / "company.yaml")]) == 0
    assert "1 profile(s)" in capsys.readouterr().out


def test_parallel_and_serial_runs_find_the_same_problems(make_content, monkeypatch):
    from generator.validate import run as runner

    root = two_bad(make_content)
    serial = runner.validate_paths(root, jobs=1).problems
    monkeypatch.setattr(runner, "PARALLEL_FROM", 1)
    parallel = runner.validate_paths(root, jobs=2).problems
    assert [p.format() for p in parallel] == [p.format() for p in serial]


def test_the_build_reads_the_same_content_on_all_cores_as_in_one_process(make_content, monkeypatch):
    from generator.validate import run as runner

    root = two_bad(make_content)
    serial = runner.validate_paths(root, jobs=1, keep=True)
    monkeypatch.setattr(runner, "PARALLEL_FROM", 1)
    parallel = runner.validate_paths(root, jobs=2, keep=True)
    assert [p.format() for p in parallel.problems] == [p.format() for p in serial.problems]
    for got in (serial.content, parallel.content):  # the profiles in folder order, with their paths and data
        assert list(got.companies) == ["a-seiki", "b-kogyo", "c-warn"]
        assert got.site.data["title"] and set(got.taxonomies) == set(serial.content.taxonomies)
    for slug, doc in serial.content.companies.items():
        assert parallel.content.companies[slug].path == doc.path == root / "companies" / slug / "company.yaml"
        assert parallel.content.companies[slug].data == doc.data
    assert runner.validate_paths(root, jobs=2).content is None  # `guidebook validate` keeps nothing


def test_every_format_escapes_control_and_bidi_characters_quoted_from_a_profile(make_content, capsys):
    root = make_content({"a-seiki": minimal_profile().replace("summary:", "emp\u202eloyes: 3\nsummary:")})
    outputs = {}
    for fmt in ("text", "github", "json"):
        assert main(["--root", str(root), "validate", "--format", fmt]) == 1
        captured = capsys.readouterr()
        outputs[fmt] = (captured.out, captured.err)
    for fmt, (out, err) in outputs.items():
        assert "\u202e" not in out + err, fmt
    assert any(line.startswith("::error ") and "emp\\u202eloyes" in line for line in outputs["github"][1].splitlines())
    assert any(": error: " in line and "emp\\u202eloyes" in line for line in outputs["text"][1].splitlines())
    unknown = next(p for p in json.loads(outputs["json"][0]) if p["rule"] == "unknown-key")
    assert "emp\\u202eloyes" in unknown["message"]


def test_checks_across_profiles_see_every_chunk_of_a_parallel_run(make_content, monkeypatch):
    from generator.validate import run as runner

    number = 'corporate_number: "7080401003158"\nsummary:'
    root = make_content({
        "a-seiki": minimal_profile().replace("summary:", number),
        "b-seiki": minimal_profile(),  # the same name as a-seiki, no number: a warning
        "c-seiki": minimal_profile().replace("summary:", number).replace("テスト精機", "別名精機"),
        "ko1-seiki": minimal_profile().replace("テスト精機", "第四精機"),
        "kol-seiki": minimal_profile().replace("テスト精機", "第五精機"),
    })
    serial = runner.validate_paths(root, jobs=1)
    monkeypatch.setattr(runner, "PARALLEL_FROM", 1)
    monkeypatch.setattr(runner, "CHUNK", 1)  # every profile in its own task
    parallel = runner.validate_paths(root, jobs=2)
    assert parallel.checked == serial.checked == 5
    assert [p.format() for p in parallel.problems] == [p.format() for p in serial.problems]
    rules = {(Path(p.path).parent.name, p.rule) for p in parallel.problems}
    assert {("b-seiki", "duplicate-name"), ("c-seiki", "duplicate-company"), ("kol-seiki", "slug-lookalike")} <= rules


def test_a_parallel_load_hands_every_profile_to_each_as_it_arrives(make_content, monkeypatch):
    from generator.validate import run as runner

    root = make_content({slug: minimal_profile().replace("テスト精機", name) for slug, name in
                         [("a-seiki", "安藤精機"), ("b-seiki", "馬場精機"), ("c-seiki", "千葉精機")]})
    monkeypatch.setattr(runner, "PARALLEL_FROM", 1)
    monkeypatch.setattr(runner, "CHUNK", 1)
    seen = []
    content, problems = runner.load_and_validate(root, each=lambda c, profiles: seen.append((c, profiles)))
    assert [p for p in problems if p.is_error] == []
    assert [[slug for slug, _path, _data in profiles] for _c, profiles in seen] == [["a-seiki"], ["b-seiki"], ["c-seiki"]]
    assert all(c is content for c, _ in seen)  # the vocabularies are loaded in it when the first batch arrives
    for _c, [(slug, path, data)] in seen:
        assert path == root / "companies" / slug / "company.yaml" and content.companies[slug].data is data
