"""Fixtures of the search tests."""
import os

import pytest

if os.environ.get("GUIDEBOOK_TEST_SITE_ONLY"):  # while developing: a site-only sample build (no PDF), faster
    @pytest.fixture(scope="session")
    def sample_build(tmp_path_factory):
        from pathlib import Path

        from generator.build import build

        out = tmp_path_factory.mktemp("sample") / "build"
        build(Path(__file__).resolve().parents[2] / "content", out, pdf=False)
        return out
