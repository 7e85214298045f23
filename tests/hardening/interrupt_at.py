"""`python -m hardening.interrupt_at PLACE ARGS…`: the guidebook command, with a stop signal sent from PLACE (tests).

Run as `-m` on purpose: that is how the interpreter's exit differs from the `guidebook` script (see
generator.stopping.forget_interpreter_interrupt).
"""
from __future__ import annotations

import os
import runpy
import signal
import sys


def _signal_and_run_on(sig: int) -> None:
    """Send `sig` to this process and give its handler a chance to run here."""
    os.kill(os.getpid(), sig)
    for _ in range(10 ** 6):
        pass


def in_string_exec(real):
    """Pagefind's step, interrupted inside code run by exec() of a string (as dataclasses make their methods)."""
    def patched(site, **options):
        exec("import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\nfor _ in range(10 ** 6): pass", {})
        return real(site, **options)
    return patched


def swallowed(real):
    """Pagefind's step, interrupted inside a library that swallows every exception, KeyboardInterrupt included."""
    def patched(site, **options):
        try:
            _signal_and_run_on(signal.SIGTERM)
        except BaseException:  # noqa: BLE001 - what the test is about
            pass
        return real(site, **options)
    return patched


def while_validating(real):
    """SIGTERM while the profiles are checked, before anything is written."""
    def patched(content, **options):
        _signal_and_run_on(signal.SIGTERM)
        return real(content, **options)
    return patched


def after_the_swap(real):
    """Ctrl-C right after the new output was put in place."""
    def patched(stage, out):
        real(stage, out)
        _signal_and_run_on(signal.SIGINT)
    return patched


# where each place is patched in: module, name
PLACES = {"in_string_exec": ("generator.build", "index_search"), "swallowed": ("generator.build", "index_search"),
          "while_validating": ("generator.build", "load_and_validate"), "after_the_swap": ("generator.write", "publish")}

if __name__ == "__main__":
    import importlib

    place = sys.argv.pop(1)
    module, name = PLACES[place]
    target = importlib.import_module(module)
    setattr(target, name, globals()[place](getattr(target, name)))
    sys.argv[0] = "guidebook"
    runpy.run_module("generator", run_name="__main__", alter_sys=True)
