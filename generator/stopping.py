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


class InterruptedAfterPublish(KeyboardInterrupt):
    """A stop signal that came once the new output was in place: the build is complete, nothing was undone."""


_STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
_state = {"depth": 0, "received": None, "deferred": False}


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def stop_on_signals():
    """While building, SIGINT, SIGTERM and SIGHUP (Ctrl-C, a cancelled CI job, `kill`, a closed terminal) raise
    KeyboardInterrupt, and the signal is remembered.

    Python's default for SIGTERM and SIGHUP ends the process on the spot; as an exception they unwind the build, so
    the staging folder is removed and the command says the previous output is unchanged. Remembering matters because
    the exception can be lost: a library's `except BaseException`, or a `__del__` or weakref callback, where Python
    can only print it. `check_stopped()` raises it again before anything is published. Nested uses share the
    outermost one's handlers.
    """
    if not _main_thread():
        yield
        return
    if _state["depth"]:  # nested: the outermost one's handlers are in place
        _state["depth"] += 1
        try:
            yield
        finally:
            _state["depth"] -= 1
        return
    names = [s for s in _STOP_SIGNALS if hasattr(signal, s)]
    previous = {name: signal.getsignal(getattr(signal, name)) for name in names}

    owner = os.getpid()

    def interrupt(signum, frame):
        if os.getpid() != owner:  # a forked worker (multiprocessing) inherited us
            if signum == signal.SIGINT:
                raise KeyboardInterrupt  # Python's own default there: the pool reports it to the parent
            signal.signal(signum, signal.SIG_DFL)  # die the default way, quietly
            os.kill(os.getpid(), signum)
            return
        _state["received"] = _state["received"] or signal.Signals(signum).name
        if not _state["deferred"]:
            raise KeyboardInterrupt(signal.Signals(signum).name)

    for name in names:
        signal.signal(getattr(signal, name), interrupt)
    _state.update(depth=1, received=None, deferred=False)
    try:
        yield
        if _state["deferred"] and _state["received"]:
            raise InterruptedAfterPublish(_state["received"])
    except Exception:
        check_stopped()  # an error caused by the stop itself (a worker or Pagefind killed by the same Ctrl-C)
        raise
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
        _state.update(depth=0, received=None, deferred=False)


def check_stopped() -> None:
    """Raise KeyboardInterrupt if a stop signal came while stop_on_signals was active, even if its exception was lost."""
    if _state["received"]:
        raise KeyboardInterrupt(_state["received"])


def defer_stop() -> None:
    """From now until stop_on_signals ends, a stop signal is only remembered: the new output is being put in place
    or is already there, so the swap, the removal of the old output and the summary run to the end; then the command
    stops with InterruptedAfterPublish rather than claim that the previous output was kept."""
    if _state["depth"]:
        _state["deferred"] = True


def forget_interpreter_interrupt() -> None:
    """Clear CPython's "unhandled KeyboardInterrupt" mark after the command has handled one.

    CPython 3.11–3.13 set that mark whenever a KeyboardInterrupt leaves code run by exec() or eval() of a string
    (dataclasses and namedtuple make their methods that way, so any import can be the place), even when a caller
    catches it later. Under `python -m generator` the interpreter then ends by killing itself with SIGINT (exit -2)
    instead of returning our 130. Each string exec() resets the mark first; newer versions neither set nor need it.
    """
    exec("pass", {})


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
