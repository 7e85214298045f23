"""Pagefind's code as a search downloads it: pagefind.js minified, the WebAssembly recompressed, the same content."""
import gzip
import os
import subprocess

from generator.search.slim import slim

SCRIPT = """// Pagefind's module (a stand-in): its exports must stay
const pagefind_version = "1.6.0";
export async function search(term) {
    const words = term.split(" ");
    return { version: pagefind_version, words: words };
}
"""
WASM = b"pagefind_dcd" + bytes(range(256)) * 64 + b"\x00asm" * 500


def _bundle(tmp_path):
    bundle = tmp_path / "site" / "pagefind"
    bundle.mkdir(parents=True)
    (bundle / "pagefind.js").write_text(SCRIPT, encoding="utf-8")
    (bundle / "wasm.unknown.pagefind").write_bytes(gzip.compress(WASM, 1, mtime=0))  # a fast level, as Pagefind's
    return bundle


def test_the_script_is_smaller_and_exports_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDEBOOK_CACHE", str(tmp_path / "cache"))
    bundle = _bundle(tmp_path)
    slim(bundle)
    published = (bundle / "pagefind.js").read_text(encoding="utf-8")
    assert len(published) < len(SCRIPT) and "Pagefind's module" not in published
    done = subprocess.run(["node", "--input-type=module", "-e",
                           f"import {{ search }} from {str((bundle / 'pagefind.js').as_uri())!r};"
                           "console.log(JSON.stringify(await search('金型 試作')));"],
                          capture_output=True, text=True, check=True)
    assert done.stdout == '{"version":"1.6.0","words":["金型","試作"]}\n'


def test_the_webassembly_inflates_to_the_same_bytes_in_fewer(tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDEBOOK_CACHE", str(tmp_path / "cache"))
    bundle = _bundle(tmp_path)
    before = (bundle / "wasm.unknown.pagefind").read_bytes()
    slim(bundle)
    after = (bundle / "wasm.unknown.pagefind").read_bytes()
    assert gzip.decompress(after) == WASM and len(after) < len(before)
    # a second bundle (or build) takes it from the cache: the same bytes
    again = _bundle(tmp_path / "again")
    slim(again)
    assert (again / "wasm.unknown.pagefind").read_bytes() == after
    assert len(list((tmp_path / "cache" / "search").glob("zopfli-*.gz"))) == 1


def test_a_file_hard_linked_from_the_previous_build_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDEBOOK_CACHE", str(tmp_path / "cache"))
    bundle = _bundle(tmp_path)
    previous = tmp_path / "previous"
    previous.mkdir()
    for name in ("pagefind.js", "wasm.unknown.pagefind"):
        os.link(bundle / name, previous / name)
    slim(bundle)
    assert (previous / "pagefind.js").read_text(encoding="utf-8") == SCRIPT
    assert (previous / "wasm.unknown.pagefind").read_bytes() == gzip.compress(WASM, 1, mtime=0)
