"""An alias of content/taxonomies/materials.yaml means the same material as its term: another alloy, grade or product
is a term of its own (the clerk's ハステロイ became インコネル, ガルバリウム鋼板 became SECC)."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import load_content
from generator.model import taxonomies_from

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def materials():
    return taxonomies_from(load_content(CONTENT))["materials"]


@pytest.mark.parametrize("written, label_has", [
    ("ハステロイ", "ハステロイ"),          # a nickel alloy of its own, not Inconel
    ("Hastelloy", "ハステロイ"),
    ("ガルバリウム鋼板", "ガルバリウム"),  # Al-Zn coated sheet, not electro-galvanised SECC
    ("SGCC", "SGCC"),                      # hot-dip galvanised, not SECC
    ("溶融亜鉛めっき鋼板", "SGCC"),
    ("ニッケル合金", "ニッケル合金"),      # the general term, not the brand Inconel
    ("鋳鉄", "鋳鉄（一般）"),              # cast iron in general, not grey cast iron only
    ("SUS304L", "SUS304L"),
    ("SUS420J2", "SUS420J2"),
    ("SUS631", "SUS631"),
    ("A5056", "A5056"),
    ("A6063", "A6063"),
    ("A2024", "A2024"),
    ("SM400", "SM400"),
    ("合金工具鋼", "合金工具鋼"),          # SKS, not carbon tool steel SK
    ("工具鋼", "工具鋼（一般）"),          # not SKD11
    ("DC53", "DC53"),
    ("アクリル樹脂", "アクリル"),          # PMMA, a thermoplastic, not the thermosets
    ("MDF", "MDF"),                        # fibreboard, not plywood
])
def test_an_alias_names_its_own_material(materials, written, label_has):
    term = materials.resolve_any(written)
    assert term is not None and label_has in term.label.ja, (written, term and term.label.ja)


def test_the_swapped_materials_are_no_longer_aliases(materials):
    assert "ハステロイ" not in materials.terms["inconel"].aliases
    assert "ガルバリウム鋼板" not in materials.terms["secc"].aliases
    assert materials.terms["hastelloy"].group == materials.terms["inconel"].group == "nickel-alloy"
    assert materials.terms["galvalume"].group == "steel"
