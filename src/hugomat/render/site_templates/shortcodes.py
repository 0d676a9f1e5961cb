"""A site's own shortcodes (layouts/shortcodes/NAME.html), run as Hugo runs them.

The output enters the page as Hugo's does: a `{{% %}}` shortcode's output is Markdown, read
in the page's one parse (shortcodes of hugomat's own in it still run), a `{{< >}}` one's is
HTML, put in the page as it is. A template that uses a function hugomat does not have, or
fails as it runs, leaves the shortcode's body (nothing for one without a body) and a
warning at the page's place naming the template's (an error with --strict).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hugomat.errors import ContentError
from hugomat.gotemplate import TemplateError
from hugomat.markdown.raw import raw_fence, starts_html_block
from hugomat.read import shortcode_parser
from hugomat.read.shortcode_parser import Shortcode, Text
from hugomat.render.renderers.base import Block, raw_text
from hugomat.render.renderers.registry import REGISTRY
from hugomat.render.shortcode_declarations import Body, Closing, Declaration, Registry
from hugomat.render.site_templates.catalog import SiteTemplates
from hugomat.render.site_templates.hugo_context import PageInfo, ShortcodeInfo
from hugomat.render.site_templates.markdown_html import markdown_html

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

_ORDINAL = "hugomat-site-shortcode-ordinal"


def site_registry(site: SiteTemplates) -> Registry:
    """hugomat's shortcodes, the site's own replacing those of the same name."""
    return REGISTRY.with_declarations(site_declarations(site))


def site_declarations(site: SiteTemplates) -> list[Declaration]:
    """A declaration for each of the site's shortcodes. One whose template reads no `.Inner`
    never has a body (as Hugo decides), the others may; a template may read any argument."""
    inner = {name: site.uses_inner(name) for name in site.shortcodes}
    return [Declaration(name, render_site_shortcode, Body.MARKDOWN if takes else Body.NONE,
                        closing=Closing.OPTIONAL if takes else None,
                        any_named=True, any_positional=True)
            for name, takes in inner.items()]


def render_site_shortcode(node: Shortcode, ctx: RenderContext) -> str | Block:
    site = ctx.site_templates
    assert site is not None, "a site shortcode renders only with the site's templates"
    with site.rendering(ctx):
        try:
            output = run(node, ctx, site)
        except TemplateError as error:
            return _fallback(node, ctx, site, error)
    if node.delimiter == "%":
        return _as_markdown(output, node, ctx)
    return _as_html(output)


def run(node: Shortcode, ctx: RenderContext, site: SiteTemplates) -> str:
    """The template's output for `node` (raises TemplateError)."""
    template = site.shortcode(node.name)
    parent_node = ctx.parent
    parent = None
    if parent_node is not None:  # a site shortcode being run, or one of hugomat's own
        parent = _infos(ctx).get(id(parent_node)) or ShortcodeInfo(
            parent_node, page_info(ctx, site), inner="", ordinal=0, parent=None,
            position=str(ctx.at(parent_node)))
    counter = ctx.unique(f"{_ORDINAL}-{id(parent_node)}")
    info = ShortcodeInfo(node, page_info(ctx, site), inner="",
                         ordinal=int(counter.rsplit("-", 1)[1]) - 1, parent=parent,
                         position=str(ctx.at(node)))
    _infos(ctx)[id(node)] = info
    try:
        if node.children is not None:
            info.set_inner(_inner(node, ctx, site))
        return template.execute(info)
    except TemplateError as error:
        if not site.failures:
            raise
        ctx.errors.extend(site.failures)
        site.failures.clear()
        raise Reported(error.path, error.line, error.column, error.message) from None
    finally:
        _infos(ctx).pop(id(node), None)


class Reported(TemplateError):
    """A failure already reported as the page's error (errorf)."""


def page_info(ctx: RenderContext, site: SiteTemplates) -> PageInfo:
    """The page's `.Page` (one per page and render: its Scratch is shared by its shortcodes)."""
    found = ctx.template_state.get("page")
    if not isinstance(found, PageInfo):
        found = PageInfo(ctx.page, site.info(), render_string=markdown_html)
        ctx.template_state["page"] = found
    return found


def _infos(ctx: RenderContext) -> dict[int, ShortcodeInfo]:
    """The dots of the site shortcodes being run, by their node's id (for `.Parent`)."""
    infos = ctx.template_state.setdefault("shortcodes", {})
    assert isinstance(infos, dict)
    return infos


def _inner(node: Shortcode, ctx: RenderContext, site: SiteTemplates) -> str:
    """`.Inner`: the body as written, with the site's shortcodes in it run (their output in
    place). Other shortcodes stay as written in a `{{% %}}` body, which the page's parse
    reads with the output; in a `{{< >}}` body they are drawn now."""
    parts: list[str] = []
    for child in node.children or []:
        if isinstance(child, Text):
            parts.append(child.text)
            continue
        ctx.parents.append(child)
        try:
            if ctx.renderers.get(child.name) is render_site_shortcode:
                parts.append(_nested(child, ctx, site))
            elif node.delimiter == "%":
                parts.append(raw_text([child]))
            else:
                rendered = ctx.render_shortcode(child)
                parts.append(rendered.text if isinstance(rendered, Block) else rendered)
        finally:
            ctx.parents.pop()
    return "".join(parts)


def _nested(node: Shortcode, ctx: RenderContext, site: SiteTemplates) -> str:
    try:
        return run(node, ctx, site)
    except TemplateError as error:
        if not isinstance(error, Reported):
            ctx.problem(node, _unsupported_message(error, node))
        return raw_text(node.children) if node.children is not None else ""


def _as_html(output: str) -> str | Block:
    """HTML output: a block of its own when it starts with a block element or holds a blank
    line (a paragraph could not hold it), else inline."""
    html = output.strip("\n")
    if not html.strip():
        return ""
    if starts_html_block(html.lstrip()) or "\n\n" in html:
        return Block("\n".join(raw_fence(html)) + "\n")
    if "<" not in html:
        return html  # plain text (a version, a URL), which may stand in code too
    # Text between tags as character references where Python-Markdown would read it as
    # Markdown (`**x**` stays as Hugo writes it); the tags it passes on as they are.
    return "".join(part if part.startswith("<") else part.translate(_MARKDOWN_MARKS)
                   for part in _TAGS.split(html))


_TAGS = re.compile(r"(<[^<>]*>)")
_MARKDOWN_MARKS = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]~"}


def _as_markdown(output: str, node: Shortcode, ctx: RenderContext) -> str | Block:
    """Markdown output, read as the page's text is (shortcodes in it run too)."""
    if not output.strip():
        return ""
    try:
        nodes = shortcode_parser.parse(output, ctx.page.display_path, node.line,
                                 **ctx.renderers.parser_names())
    except ContentError as error:
        ctx.problem(node, f"the output of layouts shortcode '{node.name}' does not read: "
                          f"{error.message}")
        nodes = [Text(output, node.line, node.column)]
    document = ctx.body_document(nodes)  # at the indentation of the shortcode's line
    markdown = document.markdown.strip("\n")
    if len(document.blocks) == 1 and document.blocks[0].kind == "paragraph" and (
            "\n" not in output.strip()):
        return markdown
    return Block(markdown + "\n")


def _fallback(node: Shortcode, ctx: RenderContext, site: SiteTemplates,
              error: TemplateError) -> str | Block:
    """The body instead of the output (nothing for a leaf), and why."""
    if not isinstance(error, Reported):
        ctx.problem(node, _unsupported_message(error, node))
    if node.children is None:
        return ""
    document = ctx.body_document(node)
    markdown = document.markdown.strip("\n")
    if len(document.blocks) == 1 and document.blocks[0].kind == "paragraph":
        return markdown
    return Block(markdown + "\n")


def _unsupported_message(error: TemplateError, node: Shortcode) -> str:
    shown = "its body is shown" if node.children is not None else "it is left out"
    return f"{error}; shortcode '{node.name}' is not run, {shown}"
