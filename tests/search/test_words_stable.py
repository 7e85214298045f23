"""The hidden search words of a company are the same in every build: nothing in them follows Python's string hashes,
which differ from one process to the next (PYTHONHASHSEED)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CONTENT = Path(__file__).resolve().parents[2] / "content"

SCRIPT = """
import sys
from pathlib import Path
from generator.load import load_content
from generator.model import make_guide
from generator.search.variants import company_words

guide = make_guide(load_content(Path(sys.argv[1])))
for company in guide.companies:
    print(company.slug, repr(company_words(company)))
"""


def words_with_seed(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-c", SCRIPT, str(CONTENT)], env=env, check=True, capture_output=True,
                          text=True).stdout


def test_two_processes_with_other_string_hashes_write_the_same_words():
    first, second = words_with_seed("1"), words_with_seed("2")
    assert first.count("\n") >= 30  # every company of the sample, one line each
    assert first == second
