"""The measured heights of the short profiles do not depend on how the profiles are split into measuring documents
(the workers lay out small documents of MEASURE_BATCH profiles, the single-document baseline one)."""
from __future__ import annotations

from dataclasses import replace

from generator.pdf import Run, measure
from generator.pdf.compose import Composer
from generator.site.templates import theme_dirs

from tests.conftest import SAMPLE

from .conftest import load_guide


def test_small_measuring_documents_give_the_heights_of_one(tmp_path, monkeypatch):
    guide = load_guide(SAMPLE, check=False)
    # no cache: the second measuring must not find the first one's heights
    run = Run(guide, theme_dirs(guide.site.theme), SAMPLE)
    short = [c for c in guide.companies if measure.could_fit(c)]
    assert len(short) >= 6, "the sample has short profiles to measure"
    whole = measure.heights(Composer(replace(run, processes=1)), guide.companies, "edition")
    monkeypatch.setattr(measure, "MEASURE_BATCH", 2)  # several documents per worker, each of two profiles
    split = measure.heights(Composer(replace(run, processes=2)), guide.companies, "edition")
    assert split == whole and whole  # the same profiles, the same millimetres
