"""Atomic output: errors, Ctrl-C, SIGTERM, a full disk and killed builds never leave `build/` half-written."""
from __future__ import annotations

import errno
import os
import signal
import subprocess

import pytest

from generator.stopping import BuildStopped, time_limit
from generator.write import clean_stale, staging
from hardening.conftest import tree_digest


def new_output(stage):
    (stage / "site").mkdir()
    (stage / "site" / "index.html").write_text("new", encoding="utf-8")
    (stage / "guidebook.pdf").write_bytes(b"%PDF new")


def test_success_replaces_the_output_and_keeps_foreign_files(previous_build):
    (previous_build / "notes.txt").write_text("mine", encoding="utf-8")
    mode = previous_build.stat().st_mode
    with staging(previous_build) as stage:
        new_output(stage)
    assert (previous_build / "site" / "index.html").read_text(encoding="utf-8") == "new"
    assert not (previous_build / "site" / "companies").exists(), "pages of the previous build are gone"
    assert (previous_build / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert previous_build.stat().st_mode == mode, "a web server can still read it"
    assert not list(previous_build.parent.glob(".build-*"))


def test_first_build_creates_a_readable_output(tmp_path):
    out = tmp_path / "build"
    with staging(out) as stage:
        new_output(stage)
    assert (out / "guidebook.pdf").read_bytes() == b"%PDF new"
    assert out.stat().st_mode & 0o055 == 0o055 or os.umask(0o022) & 0o055
    assert not list(tmp_path.glob(".build-*"))


@pytest.mark.parametrize("failure", [RuntimeError("stage failed"), KeyboardInterrupt()], ids=["error", "ctrl-c"])
def test_failure_leaves_the_output_as_it_was(failure, previous_build):
    before = tree_digest(previous_build)
    with pytest.raises(type(failure)):
        with staging(previous_build) as stage:
            new_output(stage)
            raise failure
    assert tree_digest(previous_build) == before
    assert not list(previous_build.parent.glob(".build-*"))


def test_sigterm_unwinds_like_ctrl_c(previous_build):
    before = tree_digest(previous_build)
    with pytest.raises(KeyboardInterrupt):
        with staging(previous_build) as stage:
            new_output(stage)
            os.kill(os.getpid(), signal.SIGTERM)
            signal.sigtimedwait([], 0)  # give the handler a chance to run
            pytest.fail("SIGTERM did not interrupt the build")
    assert tree_digest(previous_build) == before
    assert not list(previous_build.parent.glob(".build-*"))
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL, "the handler is restored afterwards"


def test_full_disk_is_named_and_changes_nothing(previous_build):
    before = tree_digest(previous_build)
    with pytest.raises(BuildStopped, match="ディスクの空きが足りません.*disk is full"):
        with staging(previous_build) as stage:
            new_output(stage)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(stage / "site" / "x.html"))
    assert tree_digest(previous_build) == before


def test_real_full_disk_on_a_tiny_tmpfs(tmp_path, make_content):
    """Where we may mount (root in CI), a 256 KB tmpfs fills up during a real site build."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        out = mount / "build"
        (out / "site").mkdir(parents=True)
        (out / "site" / "index.html").write_text("previous", encoding="utf-8")
        before = tree_digest(out)
        from generator.build import build

        with pytest.raises(BuildStopped, match="disk is full"):
            build(make_content(), out, pdf=False)
        assert tree_digest(out) == before
        assert not list(mount.glob(".build-*"))
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_stale_staging_folders_of_killed_builds_are_removed(previous_build):
    stale = previous_build.parent / ".build-build-abc123"
    (stale / "site").mkdir(parents=True)
    unrelated = previous_build.parent / ".build-other-xyz"
    unrelated.mkdir()
    assert clean_stale(previous_build) == [stale]
    assert not stale.exists() and unrelated.exists()


def test_a_staging_folder_in_use_is_left_alone(previous_build):
    with staging(previous_build) as stage:
        assert clean_stale(previous_build) == []
        assert stage.exists()


def test_a_swap_cut_in_half_is_undone(previous_build):
    """Where no atomic exchange exists, a kill between the two renames leaves the old output aside: it comes back."""
    before = tree_digest(previous_build)
    aside = previous_build.parent / ".build-build-abc123-old"
    previous_build.rename(aside)
    clean_stale(previous_build)
    assert tree_digest(previous_build) == before


def test_time_limit_stops_a_runaway_stage():
    with pytest.raises(BuildStopped, match="GUIDEBOOK_PDF_TIME_LIMIT"):
        with time_limit(0.05, "PDF の組版", "laying out the PDF"):
            while True:
                pass
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None)


def test_time_limit_cannot_be_swallowed_by_except_exception():
    with pytest.raises(BuildStopped):
        with time_limit(0.05, "PDF", "PDF"):
            while True:
                try:
                    while True:
                        pass
                except Exception:  # noqa: BLE001 - a library's broad handler
                    pass


def test_a_mounted_output_folder_is_replaced_entry_by_entry(previous_build, monkeypatch):
    """`build/` as a container volume cannot be renamed as a whole: its entries are swapped one by one instead."""
    import generator.write as write

    monkeypatch.setattr(write, "_is_mount", lambda path: path == previous_build)
    inode = previous_build.stat().st_ino
    with staging(previous_build) as stage:
        new_output(stage)
    assert previous_build.stat().st_ino == inode, "the mount point itself stays"
    assert (previous_build / "site" / "index.html").read_text(encoding="utf-8") == "new"
    assert not (previous_build / "site" / "companies").exists()
    assert not list(previous_build.parent.glob(".build-*"))


def test_files_the_build_owns_are_not_kept_when_it_did_not_make_them_again(previous_build):
    (previous_build / "guidebook-vol2.pdf").write_bytes(b"%PDF old volume")
    (previous_build / "print").mkdir()
    (previous_build / "print" / "guidebook.pdf").write_bytes(b"%PDF old press")
    (previous_build / "CNAME").write_text("guide.example.jp\n", encoding="utf-8")
    with staging(previous_build, owned=("guidebook*.pdf", "print")) as stage:
        new_output(stage)
    assert (previous_build / "guidebook.pdf").read_bytes() == b"%PDF new"
    assert not (previous_build / "guidebook-vol2.pdf").exists()
    assert not (previous_build / "print").exists()
    assert (previous_build / "CNAME").read_text(encoding="utf-8") == "guide.example.jp\n"


def test_a_build_without_the_pdf_leaves_no_pdf_of_an_earlier_build(tmp_path, make_content):
    # `guidebook build --no-pdf` kept build/guidebook.pdf of the run before, with a photo the profile no longer had
    # (outside attack 12, finding 10)
    from conftest import minimal_profile
    from generator.build import build

    root = make_content({"solo": minimal_profile()})
    out = tmp_path / "out"
    (out / "print").mkdir(parents=True)
    for name in ("guidebook.pdf", "guidebook-en.pdf", "print/guidebook.pdf"):
        (out / name).write_bytes(b"%PDF old")
    (out / "CNAME").write_text("guide.example.jp\n", encoding="utf-8")
    build(root, out, pdf=False)
    assert (out / "site" / "index.html").is_file()
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["CNAME", "open-data", "site"]
