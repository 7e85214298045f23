"""Stage 7, write: build into a staging folder beside the output and swap it in only when everything succeeded."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staging(out: Path):
    """Yield an empty folder to build into; on success move each of its entries over `out`, else delete it.

    An error, Ctrl-C or a killed process leaves `out` exactly as it was: the new output only exists in a folder
    named `.build-*` beside it until every stage has finished.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".build-", dir=out.parent))
    try:
        yield stage
        publish(stage, out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def publish(stage: Path, out: Path) -> None:
    """Replace each entry of `out` that the stage built with the stage's version (renames, no copying)."""
    out.mkdir(parents=True, exist_ok=True)
    for entry in sorted(stage.iterdir()):
        target = out / entry.name
        old = None
        if target.exists():
            old = stage.parent / f"{stage.name}-old-{entry.name}"
            os.replace(target, old)
        os.replace(entry, target)
        if old is not None:
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)
