"""Stop a build cleanly: SIGTERM unwinds like Ctrl-C, slow stages hit a time limit, a full disk is named as such."""
from __future__ import annotations

import os
import shutil
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

from .errors import ToolMissing


class BuildStopped(BaseException):
    """The build was stopped for a reason outside the content (full disk, time limit); the message says what to do.

    A BaseException, like KeyboardInterrupt, so that a library's broad `except Exception` cannot swallow it.
    """


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def stop_on_signals():
    """While building, SIGTERM and SIGHUP (a cancelled CI job, `kill`, a closed terminal) raise KeyboardInterrupt.

    Python's default for those signals ends the process on the spot; as an exception they unwind the build, so the
    staging folder is removed and the command says the previous output is unchanged.
    """
    if not _main_thread():
        yield
        return
    names = [s for s in ("SIGTERM", "SIGHUP") if hasattr(signal, s)]
    previous = {name: signal.getsignal(getattr(signal, name)) for name in names}

    owner = os.getpid()

    def interrupt(signum, frame):
        if os.getpid() != owner:  # a forked worker (multiprocessing) inherited us: die the default way, quietly
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt(signal.Signals(signum).name)

    for name in names:
        signal.signal(getattr(signal, name), interrupt)
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)


def pdf_time_limit() -> float:
    """Seconds the PDF may take to render (GUIDEBOOK_PDF_TIME_LIMIT, default 600)."""
    try:
        return float(os.environ.get("GUIDEBOOK_PDF_TIME_LIMIT", "600"))
    except ValueError:
        return 600.0


@contextmanager
def time_limit(seconds: float, what_ja: str, what_en: str):
    """Raise BuildStopped when the block runs longer than `seconds` (main thread only; elsewhere no limit)."""
    if seconds <= 0 or not _main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise BuildStopped(
            f"{what_ja}が {seconds:g} 秒以内に終わらなかったので止めました。極端に長い文章や表がないか確かめてください"
            f"（上限は環境変数 GUIDEBOOK_PDF_TIME_LIMIT で変えられます）。 / {what_en} took longer than {seconds:g} s "
            f"and was stopped; look for extremely long texts or tables (GUIDEBOOK_PDF_TIME_LIMIT sets the limit).")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def disk_full(folder: Path) -> BuildStopped:
    """The error for a full disk, naming the folder and the free space."""
    try:
        free = f"{shutil.disk_usage(folder).free / 2**20:.1f} MB"
    except OSError:
        free = "?"
    return BuildStopped(
        f"ディスクの空きが足りません（{folder}、空き {free}）。以前の出力はそのままです。空きを作ってからもう一度"
        f"ビルドしてください。 / the disk is full ({folder}, {free} free); the previous output is unchanged. "
        f"Free some space and build again.")


def missing_library(exc: OSError) -> ToolMissing | None:
    """A clear ToolMissing for WeasyPrint's "cannot load library 'libpango-1.0-0'" (Pango, GObject, HarfBuzz …)."""
    text = str(exc)
    if "cannot load library" not in text:
        return None
    library = text.split("'")[1] if text.count("'") >= 2 else text
    return ToolMissing(
        f"PDF の組版に必要なライブラリ「{library}」（Pango / HarfBuzz / fontconfig）が見つかりません。 / the library "
        f"'{library}' that WeasyPrint needs for the PDF is not installed. Fix: sudo apt-get install libpango-1.0-0 "
        f"libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig（または / or: make setup）")
