"""Static site and PDF generator for municipal ものづくり企業ガイドブック (manufacturing company guidebooks)."""

__version__ = "0.1.0"
