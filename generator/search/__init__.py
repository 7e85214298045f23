"""Stage 5, index search."""
from .index import index_search

__all__ = ["index_search"]
