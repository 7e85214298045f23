"""bench.buildcpu builds the website once and prints every part it times, then leaves the pipeline as it was."""
from __future__ import annotations

import generator.build
from bench import buildcpu
from conftest import minimal_profile


def test_each_part_is_printed_once_and_the_pipeline_is_restored(make_content, tmp_path, capsys):
    real = generator.build.make_guide
    root = make_content({"a-seiki": minimal_profile()})
    buildcpu.main(root, tmp_path / "out")
    lines = capsys.readouterr().out.splitlines()
    assert (tmp_path / "out" / "site" / "companies" / "a-seiki" / "index.html").is_file()
    parts = [line.split()[0] for line in lines[1:]]
    assert lines[0].startswith("whole build") and " children " in lines[0]
    assert parts[:2] == ["load_and_validate", "make_guide"] and parts[-1] == "prune_images"
    assert {"render_all", "index_search", "State.save"} <= set(parts)
    assert generator.build.make_guide is real
