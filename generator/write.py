"""Stage 7, write: build into a staging folder beside the output and swap it in only when everything succeeded.

The published `build/` is replaced in one step (an atomic directory exchange on Linux), so a reader, a web server
or a killed build never sees half of a new build: either the whole previous output or the whole new one. A build
that dies without cleaning up (SIGKILL, power cut) leaves a `.build-*` folder, which the next build removes.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fnmatch
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .files import link_or_copy
from .stopping import BuildStopped, check_stopped, defer_stop, disk_full, stop_on_signals

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

PREFIX = ".build-"


@contextmanager
def staging(out: Path, owned: tuple[str, ...] = ()):
    """Yield an empty folder to build into; when the block succeeds, swap it in for `out`; always remove it after.

    Files of `out` that the build does not make (a host's CNAME, notes) are kept; those matching a pattern of
    `owned` are the build's own and are dropped when this build did not make them again (the PDFs of an earlier
    build after a build without the PDF, a volume file after the book stops being split).

    An error, Ctrl-C, SIGTERM, a full disk or a killed process leaves `out` exactly as it was.
    """
    out = _real(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(out)
    stage = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{out.name}-", dir=out.parent))
    stage.chmod(_folder_mode(out))  # mkdtemp makes it 0700; the swapped-in output must stay readable by a web server
    lock = _hold(stage)
    try:
        with stop_on_signals():
            try:
                yield stage
                _carry_over(out, stage, owned)
                check_stopped()  # a Ctrl-C whose exception a library swallowed still stops the build before the swap
            except BuildStopped:
                raise  # already says why (a full image cache names its own disk, which may also be this one)
            except Exception as exc:
                # shutil.copytree, Pagefind or a library may report ENOSPC in their own way: look at the disk too
                if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or _low_on_space(out.parent):
                    raise disk_full(out.parent) from None
                raise
            defer_stop()  # from the swap on the new output is complete: a stop signal waits until the end
            publish(stage, out)
            shutil.rmtree(stage, ignore_errors=True)  # the previous output, while a signal still waits
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        if lock is not None:
            os.close(lock)


def publish(stage: Path, out: Path) -> None:
    """Put the stage's content at `out` in one step; the previous output ends up in `stage` (deleted by the caller)."""
    can_block = hasattr(signal, "pthread_sigmask")
    blocked = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, blocked) if can_block else None  # never half a swap
    try:
        if not out.exists():
            os.rename(stage, out)
            stage.mkdir()  # the caller removes the (now empty) stage
        elif _is_mount(out):
            _publish_entries(stage, out)  # a mounted build/ (a container volume) cannot be renamed as a whole
        elif not _exchange(stage, out):
            old = stage.with_name(stage.name + "-old")
            os.rename(out, old)
            os.rename(stage, out)
            os.rename(old, stage)
    finally:
        if can_block:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


def _is_mount(path: Path) -> bool:
    try:
        return os.path.ismount(path)
    except OSError:
        return False


def _publish_entries(stage: Path, out: Path) -> None:
    """Replace the entries of `out` one by one (each a rename); the previous ones end up in `stage`."""
    for entry in sorted(stage.iterdir()):
        if entry.name.startswith(PREFIX):
            continue
        target = out / entry.name
        aside = stage / f"{PREFIX}old-{entry.name}"
        if target.exists() or target.is_symlink():
            os.rename(target, aside)
        os.rename(entry, target)


def clean_stale(out: Path) -> list[Path]:
    """Remove `.build-*` folders that killed builds left beside `out`; restore `out` if a swap was cut off."""
    removed = []
    for folder in sorted(out.parent.glob(f"{PREFIX}{out.name}-*")):
        if not folder.is_dir() or folder.is_symlink():
            continue
        lock = _hold(folder, wait=False)
        if lock is None:
            continue  # another build is using it right now (or this system cannot tell)
        try:
            if folder.name.endswith("-old") and not out.exists():
                os.rename(folder, out)  # the previous output, moved aside by a swap that never finished
                continue
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            os.close(lock)
    return removed


def _real(out: Path) -> Path:
    """The output folder with symlinks resolved, so the stage is made on the same file system as the output."""
    out = Path(os.path.abspath(out))
    return out.resolve() if out.is_symlink() else out


def _folder_mode(out: Path) -> int:
    """The previous output's permissions, or what a new folder would get under the current umask."""
    if out.is_dir():
        return out.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _hold(folder: Path, wait: bool = True) -> int | None:
    """Lock a staging folder for this process (released by the kernel when the process dies); None if taken."""
    if fcntl is None:  # Windows: no locks, so stale folders are left for `make clean`
        return None
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        os.close(fd)
        return None
    return fd


def _carry_over(out: Path, stage: Path, owned: tuple[str, ...] = ()) -> None:
    """Keep files in `out` that the build does not make and that match no pattern of `owned` (hard links: nothing
    in `out` is touched)."""
    if not out.is_dir():
        return
    for entry in out.iterdir():
        target = stage / entry.name
        if target.exists() or target.is_symlink() or any(fnmatch.fnmatchcase(entry.name, p) for p in owned):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, target, symlinks=True, copy_function=link_or_copy)
        else:
            link_or_copy(entry, target)


def seed_cache(previous: Path, cache: Path) -> Path:
    """`cache` holding hard links to every file of the `previous` cache folder (copies across file systems).

    Cache files are only ever replaced (written beside, then renamed) or deleted, never changed in place, so the
    previous build's files stay as they were whatever the new build does with its links."""
    if previous.is_dir() and not cache.exists():
        shutil.copytree(previous, cache, symlinks=True, copy_function=link_or_copy)
    cache.mkdir(parents=True, exist_ok=True)
    return cache


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.EOPNOTSUPP):
        return False  # the file system does not support exchange: fall back to two renames
    raise OSError(code, os.strerror(code), str(b))


def _low_on_space(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False
