"""Which renderer draws which shortcode.

A renderer is a function `(Shortcode, RenderContext) -> str | Block`: a string for inline
output, a Block for output that stands alone between blank lines. To add shortcodes (a
site's own), put name -> renderer into a copy of REGISTRY; a later entry of the same name
replaces an earlier one, as a site's shortcode replaces the theme's and the theme's Hugo's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hugomat.renderers import (
    blocks,
    diagrams,
    hugo_builtins,
    inline,
    layout,
    links,
    math,
    media,
    openapi,
    section,
    tabs,
)

if TYPE_CHECKING:
    from hugomat.render import Renderer

REGISTRY: dict[str, Renderer] = {
    "details": blocks.render_details,
    "expand": blocks.render_expand,
    "hint": blocks.render_hint,
    "tabs": tabs.render_tabs,
    "tab": tabs.render_tab,
    "columns": layout.render_columns,
    "card": layout.render_card,
    "steps": layout.render_steps,
    "button": links.render_button,
    "relref": links.render_relref,
    "ref": links.render_relref,
    "image": media.render_image,
    "asciinema": media.render_asciinema,
    "mermaid": diagrams.render_mermaid,
    "katex": math.render_katex,
    "section": section.render_section,
    "badge": inline.render_badge,
    "html": inline.render_html,
    "openapi": openapi.render_openapi,
    # Hugo's own; a theme's shortcode of the same name wins (details above is hugo-book's).
    "figure": hugo_builtins.render_figure,
    "highlight": hugo_builtins.render_highlight,
    "param": hugo_builtins.render_param,
    "comment": hugo_builtins.render_comment,
    "youtube": hugo_builtins.render_youtube,
    "vimeo": hugo_builtins.render_vimeo,
    "gist": hugo_builtins.render_gist,
    "x": hugo_builtins.render_x,
    "twitter": hugo_builtins.render_x,
    "tweet": hugo_builtins.render_x,
    "instagram": hugo_builtins.render_instagram,
    "qr": hugo_builtins.render_qr,
}
