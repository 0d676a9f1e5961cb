"""A page's body to the Markdown that Python-Markdown, pymdown-extensions and Material render.

The body's shortcodes become placeholders, the text is parsed once the way Goldmark reads
it (hugomat.markdown), and the token stream is written out; each placeholder becomes what
its shortcode's renderer makes (hugomat.render.renderers: one module per family), a block's body
being converted the same way, as a document of its own, as Hugo renders it. Links and
pictures are resolved and recorded, with where they were written, as they are met.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it.token import Token

from hugomat.errors import ContentError, Location
from hugomat.markdown.heading_ids import DEFER
from hugomat.markdown.parser import NestedTooDeep, parse
from hugomat.markdown.references import html_ids
from hugomat.markdown.writer import MarkdownWriter
from hugomat.read.shortcode_parser import Node, Shortcode
from hugomat.render.context import Conversion, Document, RenderContext, TopBlock
from hugomat.render.conversion_cache import Entry, document_key
from hugomat.render.page_hooks import PageAnswers, WriterHooks, replay
from hugomat.render.placeholders import PlaceholderDocument
from hugomat.render.renderers.base import Block, fence
from hugomat.render.renderers.registry import REGISTRY
from hugomat.render.shortcode_declarations import Registry

if TYPE_CHECKING:
    from hugomat.render.site_templates.catalog import SiteTemplates


def render_markdown(nodes: list[Node], ctx: RenderContext, *, indent: str = "") -> str:
    """The Markdown for a document: a page's body, or a block shortcode's."""
    return render_document(nodes, ctx, indent=indent).markdown


def render_document(nodes: list[Node], ctx: RenderContext, *, indent: str = "") -> Document:
    """A document converted, with its top-level blocks (for shortcodes whose body must be,
    say, one list). A document converted before, whose page answers its questions as it
    did then, is taken from the cache (hugomat.render.conversion_cache)."""
    document = PlaceholderDocument(nodes, indent=indent)
    answers = PageAnswers(ctx, document)
    emoji = ctx.book.source.emoji
    key = None
    if ctx.cache is not None:
        key = document_key(document.text, document.positions(), ctx.maths, emoji)
        entry = ctx.cache.get(key)
        if entry is not None:
            saved = ctx.checkpoint()
            if replay(entry.trace, answers):
                ctx.cache.reused += 1
                return _gathered(ctx, entry)
            ctx.restore(saved)
            answers = PageAnswers(ctx, document)
        ctx.cache.converted += 1
    try:
        tokens = parse(document.text, with_maths=ctx.maths, with_emoji=emoji, env={DEFER: True})
    except NestedTooDeep as error:
        line, column = document.position(document.offset_of_line(error.line))
        ctx.errors.append(ContentError(Location(ctx.page.display_path, line, column),
                                       str(error)))
        return Document("", [])
    hooks = WriterHooks(answers)
    writer = MarkdownWriter(hooks)
    try:
        markdown = writer.write(tokens)
    except RecursionError:
        # A structure deeper than the parse's limits catch; reported, never a traceback.
        line, column = document.position(0)
        ctx.errors.append(ContentError(Location(ctx.page.display_path, line, column),
                                       "this text is nested too deeply to be written"))
        return Document("", [])
    entry = Entry(markdown=markdown,
                  blocks=[(token.type.removesuffix("_open"),
                           document.line_text(token.map[0]).strip() if token.map else "")
                          for token in tokens
                          if token.level == 0 and token.nesting >= 0 and token.block],
                  html_ids=_html_anchors(tokens), footnotes=writer.footnotes_written,
                  trace=hooks.trace)
    if key is not None and ctx.cache is not None:
        ctx.cache.put(key, entry)
    return _gathered(ctx, entry)


def _gathered(ctx: RenderContext, entry: Entry) -> Document:
    """A converted document, its ids added to the page's."""
    ctx.anchors.update(dict.fromkeys(entry.html_ids))
    ctx.anchors.update(dict.fromkeys(f"{kind}:{number}" for number in entry.footnotes
                                     for kind in ("fn", "fnref")))
    return Document(entry.markdown, [TopBlock(kind, line) for kind, line in entry.blocks])


def render_shortcode(node: Shortcode, ctx: RenderContext) -> str | Block:
    declaration = ctx.renderers.declaration(node.name)
    if declaration is None:
        return _unknown(node, ctx)
    for problem in declaration.argument_problems(node):
        ctx.problem_at(Location(ctx.page.display_path, problem.line, problem.column),
                       problem.message)
    return declaration.renderer(node, ctx)


def site_shortcode_renderers(site: SiteTemplates | None) -> Registry:
    """hugomat's shortcodes, the site's own replacing those of the same name."""
    if site is None:
        return RENDERERS
    from hugomat.render.site_templates.shortcodes import site_registry

    return site_registry(site)


def _unknown(node: Shortcode, ctx: RenderContext) -> str | Block:
    known = ctx.renderers.known()
    ctx.problem(node, f"unknown shortcode '{node.name}' (known: {known})")
    # Shown to the reader as a marked box or code span: never dropped, never raw `{{`.
    if node.children is None:
        return f"`[{node.name}]`"
    return fence(f"admonition | Unsupported shortcode: {node.name}", ctx.body(node),
                 {"type": "warning"})


def _html_anchors(tokens: list[Token]) -> list[str]:
    """The ids of a document's raw HTML, in order."""
    found: list[str] = []
    for token in tokens:
        if token.type == "html_block":
            found += html_ids(token.content)
        elif token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "html_inline":
                    found += html_ids(child.content)
    return found


RENDERERS: Registry = REGISTRY
"""hugomat's own shortcodes (hugomat.render.renderers.registry), name -> renderer."""

CONVERSION = Conversion(document=render_document, shortcode=render_shortcode)
"""This module's conversion, handed to the renderers in their RenderContext."""
