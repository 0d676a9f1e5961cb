"""Which renderer draws which shortcode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hugomat.renderers import (
    blocks,
    diagrams,
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
}
