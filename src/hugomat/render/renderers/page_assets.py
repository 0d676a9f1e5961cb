"""The scripts a page asks for, served by the site itself and named at the end of the page.

Only pages with a diagram or a recording load anything; Material's instant navigation runs
scripts in the page's content again on every page change, so they stay per page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hugomat.render.renderers.base import attr
from hugomat.render.renderers.vendored import ASCIINEMA_CSS, ASCIINEMA_JS, MERMAID, PACKAGE_ASSETS

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

OWN_SCRIPTS = "assets/hugomat"


def page_assets(ctx: RenderContext) -> str:
    """HTML for the end of the page's Markdown: '' when the page needs nothing."""
    tags: list[str] = []
    if "mermaid" in ctx.needs:
        tags.append(_mermaid(ctx))
    if "asciinema" in ctx.needs:
        tags.append(_asciinema(ctx))
    if "video" in ctx.needs:
        tags.append(f'<script defer src="{attr(_own(ctx, "hugomat-video.js"))}"></script>')
    tags = [tag for tag in tags if tag]
    return "\n" + "\n\n".join(tags) + "\n" if tags else ""


def _own(ctx: RenderContext, name: str) -> str:
    return ctx.site_file(f"{OWN_SCRIPTS}/{name}", PACKAGE_ASSETS / name)


def _mermaid(ctx: RenderContext) -> str:
    library = MERMAID.path()
    if library is None:
        ctx.problem_at(ctx.page.location(), "Mermaid diagrams are shown as their source: the "
                                            "package 'mermaidx' that ships Mermaid is missing")
        return ""
    # The loader fetches Mermaid only when no page before it already did.
    url = ctx.site_file(MERMAID.site_path, library)
    loader = _own(ctx, "hugomat-mermaid.js")
    return f'<script defer src="{attr(loader)}" data-mermaid="{attr(url)}"></script>'


def _asciinema(ctx: RenderContext) -> str:
    script, style = ASCIINEMA_JS.path(), ASCIINEMA_CSS.path()
    if script is None or style is None:
        ctx.problem_at(ctx.page.location(), "terminal recordings are shown as links: the "
                                            "package 'mkdocs-asciinema-player' that ships the "
                                            "player is missing")
        return ""
    player = ctx.site_file(ASCIINEMA_JS.site_path, script)
    css = ctx.site_file(ASCIINEMA_CSS.site_path, style)
    loader = _own(ctx, "hugomat-asciinema.js")
    return (f'<script defer src="{attr(loader)}" data-player="{attr(player)}" '
            f'data-style="{attr(css)}"></script>')
