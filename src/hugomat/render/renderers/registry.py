"""hugomat's shortcodes, each declared once: its body, its arguments and its renderer.

A renderer is a function `(Shortcode, RenderContext) -> str | Block`: a string for inline
output, a Block for output that stands alone between blank lines. The parser's name sets,
the renderer lookup, the argument warnings and the "known:" list all come from REGISTRY
(hugomat.render.shortcode_declarations). Hugo's own shortcodes come first and hugo-book's replace
those of the same name, as the theme's replace Hugo's; a site's own shortcodes are added
on top of REGISTRY (hugomat.render.site_templates.shortcodes).

The arguments are those each renderer reads; an argument Hugo defines that has nothing to
do in the Material site (a video's `loading`) is declared too, so that it is not reported
as a mistake.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hugomat.render.renderers import (
    blocks,
    diagrams,
    grid,
    hugo_builtins,
    inline,
    math,
    media,
    openapi,
    page_links,
    section,
    tabs,
)
from hugomat.render.shortcode_declarations import (
    Argument,
    Body,
    Closing,
    Declaration,
    Kind,
    Registry,
)

if TYPE_CHECKING:
    from hugomat.render.context import Renderer

A = Argument
CLASS = A("class")
LOADING = A("loading", default="lazy")


def _link(name: str) -> Declaration:
    # outputFormat is Hugo's (the renderer checks it: the Material site has HTML only), by
    # name or second by position; a third positional argument is the renderer's error, as
    # it is Hugo's.
    return Declaration(name, page_links.render_relref, positional=("path", "outputFormat"),
                       arguments=(A("path"), A("lang"), A("outputFormat")),
                       any_positional=True)


def _post(name: str) -> Declaration:
    return Declaration(name, hugo_builtins.render_x, arguments=(A("user"), A("id")),
                       positional=("user", "id"),
                       # Undecided, as the parser has always had it: a closing tag after it
                       # does not stop the page.
                       closing=Closing.OPTIONAL if name == "x" else None)


def _video(name: str, renderer: Renderer, *more: Argument) -> Declaration:
    # allowFullScreen and loading are Hugo's; the box hugomat draws loads nothing before a
    # click and the player it opens is always allowed full screen.
    return Declaration(name, renderer, positional=("id",), arguments=(
        A("id"), A("title"), CLASS, A("allowFullScreen", Kind.FLAG), A("loading"), *more))


HUGO_BUILTINS: tuple[Declaration, ...] = (
    _link("relref"),
    _link("ref"),
    Declaration("figure", hugo_builtins.render_figure, positional=("src",), arguments=(
        A("src"), A("alt"), A("caption"), A("title"), A("attr"), A("attrlink"), A("link"),
        A("target"), A("rel"), CLASS, A("width"), A("height"), LOADING)),
    Declaration("highlight", hugo_builtins.render_highlight, Body.RAW,
                arguments=(A("lang", default="text"), A("options")),
                positional=("lang", "options")),
    Declaration("param", hugo_builtins.render_param, arguments=(A("name"),),
                positional=("name",)),
    Declaration("comment", hugo_builtins.render_comment, Body.RAW),
    _video("youtube", hugo_builtins.render_youtube,
           A("start", Kind.WHOLE, renderer_checks=True),
           A("end", Kind.WHOLE, renderer_checks=True), A("loop", Kind.FLAG),
           A("mute", Kind.FLAG), A("autoplay", Kind.FLAG), A("controls", Kind.FLAG)),
    _video("vimeo", hugo_builtins.render_vimeo),
    Declaration("gist", hugo_builtins.render_gist,
                arguments=(A("user"), A("id"), A("file")), positional=("user", "id", "file")),
    _post("x"),
    _post("twitter"),
    _post("tweet"),
    Declaration("instagram", hugo_builtins.render_instagram, arguments=(A("id"),),
                positional=("id",)),
    Declaration("qr", hugo_builtins.render_qr, Body.RAW, closing=Closing.OPTIONAL, arguments=(
        A("text"), A("level", default="medium"),
        A("scale", Kind.WHOLE, default=4, renderer_checks=True),
        A("alt"), CLASS, A("id"), A("title"), A("loading"),
        # Hugo's folder for the picture file; hugomat puts the code in the page itself.
        A("targetDir"))),
)

HUGO_BOOK: tuple[Declaration, ...] = (
    Declaration("details", blocks.render_details, Body.MARKDOWN, arguments=(
        A("title"), A("summary"), A("open", Kind.FLAG), CLASS, A("name"), A("id")),
        positional=("title",), words=("open",)),
    Declaration("expand", blocks.render_expand, Body.MARKDOWN,
                # The second word was a symbol for decoration, which Material's marker replaces.
                arguments=(A("label", default="Expand"), A("symbol", named=False)),
                positional=("label", "symbol")),
    Declaration("hint", blocks.render_hint, Body.MARKDOWN, arguments=(A("type"),),
                positional=("type",)),
    # Older hugo-book sets tell tabs apart by a first word, `{{< tabs "id" >}}`; not needed.
    Declaration("tabs", tabs.render_tabs, Body.MARKDOWN, arguments=(A("id", named=False),),
                positional=("id",)),
    Declaration("tab", tabs.render_tab, Body.MARKDOWN, arguments=(A("title"), A("name")),
                positional=("title",)),
    Declaration("columns", grid.render_columns, Body.MARKDOWN,
                arguments=(CLASS, A("ratio"))),
    Declaration("card", grid.render_card, Body.MARKDOWN,
                arguments=(CLASS, A("href"), A("image"), A("alt"))),
    Declaration("steps", grid.render_steps, Body.MARKDOWN),
    Declaration("button", page_links.render_button, Body.MARKDOWN,
                arguments=(CLASS, A("relref"), A("href"))),
    Declaration("image", media.render_image, positional=("src",), arguments=(
        A("src"), A("alt"), A("title"), CLASS, LOADING)),
    # Named arguments besides cast and class are the player's options, handed to it as
    # they are; those of a known type are checked.
    Declaration("asciinema", media.render_asciinema, positional=("cast",), any_named=True,
                arguments=(A("cast"), CLASS, A("cols", Kind.WHOLE), A("rows", Kind.WHOLE),
                           A("speed", Kind.NUMBER), A("idleTimeLimit", Kind.NUMBER),
                           A("autoPlay", Kind.FLAG), A("preload", Kind.FLAG),
                           A("pauseOnMarkers", Kind.FLAG))),
    Declaration("mermaid", diagrams.render_mermaid, Body.RAW, arguments=(CLASS,)),
    Declaration("katex", math.render_katex, Body.RAW,
                arguments=(A("display", Kind.FLAG, default=False), CLASS)),
    Declaration("section", section.render_section, arguments=(A("summary", Kind.FLAG),),
                words=("summary",)),
    Declaration("badge", inline.render_badge, positional=("title", "value"), arguments=(
        A("style", default="default"), A("title"), A("value"), CLASS)),
    Declaration("html", inline.render_html, Body.RAW),
    # Without a body; a closing tag after it is reported by its renderer, which shows the
    # body rather than stop the page.
    Declaration("openapi", openapi.render_openapi, positional=("src",), arguments=(A("src"),),
                closing=Closing.OPTIONAL),
)

REGISTRY = Registry(HUGO_BUILTINS).with_declarations(HUGO_BOOK)
"""Every shortcode hugomat draws itself, by name."""
