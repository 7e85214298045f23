"""Stage 1, load: read every content file into located data, collecting problems instead of stopping."""
from .content import Content, load_content

__all__ = ["Content", "load_content"]
