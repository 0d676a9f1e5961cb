"""A page's body to the Markdown that Python-Markdown, pymdown-extensions and Material render:
shortcodes drawn by their renderers, links resolved and followed, documents kept between
builds."""
