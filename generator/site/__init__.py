"""Stage 4, render site: `render.render_site` is the entry point (this package imports nothing, so that the
small modules others share, such as `kana`, `templates` and `imaging`, come without the stage)."""
