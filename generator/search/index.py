"""Stage 5, index search: run Pagefind's extended build (it segments Japanese) over the rendered site."""
from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import ToolMissing


def pagefind_binary() -> Path:
    """The extended Pagefind binary shipped by the `pagefind[extended]` package."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise ToolMissing("Pagefind（extended 版）が見つかりません。 / the extended Pagefind binary is missing. "
                          "Fix: .venv/bin/pip install 'pagefind[extended]'（または / or: make setup）") from None
    return Path(get_executable())


# Only company pages are searched (they carry data-pagefind-body); without the glob Pagefind would still read and
# parse every list page, ~10 % of its time at 1,000 companies. A theme that makes other pages searchable adds them.
PAGES = "{companies,en/companies}/*/index.html"


def index_search(site: Path) -> None:
    """Write the Pagefind index of the company pages into `site/pagefind/`."""
    result = subprocess.run([str(pagefind_binary()), "--site", str(site), "--output-subdir", "pagefind", "--quiet",
                             "--glob", PAGES], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed:\n{result.stdout}\n{result.stderr}")
