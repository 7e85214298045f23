"""The CPU of a command's whole process tree: `python tests/treecpu.py NAME COMMAND…`.

The command runs under this process as a child subreaper (prctl PR_SET_CHILD_SUBREAPER): every descendant that is
orphaned (a PDF build's forkserver and its workers, Chromium's zygote children) is reparented here and waited for,
so RUSAGE_CHILDREN at the end holds the CPU of the whole tree. tests/cpuclock.py reads a live tree per test item
and can miss a process that ends between two readings without being waited for by the test process. Prints one
line (and appends it to $TREECPU_LOG when set); descendants still running 180 s after the command are not waited for
and the line says so.
"""
from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
WAIT_S = 180


def main(name: str, command: list[str]) -> int:
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    start = time.time()
    code = subprocess.Popen(command).wait()
    left, deadline = "", time.time() + WAIT_S
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            if time.time() > deadline:
                left = f" (descendants still running after {WAIT_S} s: not counted)"
                break
            time.sleep(0.2)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = (f"{name} exit {code} wall {time.time() - start:.1f} user {used.ru_utime:.1f} sys {used.ru_stime:.1f} "
            f"cpu {used.ru_utime + used.ru_stime:.1f}{left}")
    print(line)
    if os.environ.get("TREECPU_LOG"):
        with open(os.environ["TREECPU_LOG"], "a", encoding="utf-8") as log:
            log.write(line + "\n")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
