"""The benchmark package lives at the top level (`bench/`), beside `generator/`: make it importable in tests."""
from __future__ import annotations

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))
