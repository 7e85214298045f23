"""Stage 5, index search: `index.index_search` is the entry point (this package imports nothing, so that the
small modules the site and the checks share, such as `shards` and `variants`, come without the stage)."""
