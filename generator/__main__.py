"""`python -m generator` is the `guidebook` command."""
import sys

from .cli import main

sys.exit(main())
