"""Links: `relref` / `ref` (the URL of a page) and `button` (a link drawn as a button)."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from hugomat.markdown.references import Reference
from hugomat.read.book import Page, page_url, relative_url
from hugomat.read.shortcode_parser import Shortcode
from hugomat.render.renderers.base import attr, css_classes, one_line
from hugomat.render.url_policy import refusal, refused_scheme

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_WEB = re.compile(r"(?:https?:)?//", re.IGNORECASE)


def render_relref(node: Shortcode, ctx: RenderContext) -> str:
    target = node.arg("path", 0)
    if not isinstance(target, str) or not target.strip():
        ctx.error(node, f"{node.name} needs the path of a page, e.g. "
                        f'{{{{< {node.name} "/docs/x" >}}}}')
        return "#"
    url = page_link(target, node, ctx)
    if url is None:
        ctx.error(node, f"{node.name} target '{target}' {ctx.book.why_not_found(target)}")
        return "#"
    if len(node.positional) > 2:
        # Hugo's shortcode hands its arguments to the relref function, which takes two.
        ctx.error(node, f"{node.name} takes at most two arguments by position (the path and "
                        f"an output format), as Hugo's; {len(node.positional)} are given")
        return "#"
    output_format = node.arg("outputFormat", 1)
    if output_format not in (None, "") and url != "#":
        url = _in_output_format(str(output_format), target, url, node, ctx)
    if "#" in target and "lang" not in node.named:
        # The anchor is checked once every page's ids are known (hugomat.render.link_check).
        ctx.references.append(Reference("relref", target.strip(), ctx.at(node)))
    return url


PAGE, FEED, MISSING = "page", "feed", "missing"


def output_format_kind(name: str, page: Page | None) -> str:
    """What a link to `page` in the output format `name` is: PAGE (html, any case), FEED
    (rss of the home page, a section or a taxonomy: Hugo writes their feeds, hugomat, which
    publishes HTML only, does not) or MISSING (any other: Hugo's REF_NOT_FOUND error)."""
    wanted = name.strip().lower()
    if wanted == "html":
        return PAGE
    if wanted == "rss" and page is not None and page.is_section_index:
        return FEED
    return MISSING


def feed_not_published(name: str, target: str) -> str:
    return (f"output format '{name}' of '{target}' is not published: hugomat writes HTML "
            "pages only, so the link leads to the page itself")


def no_such_format(name: str, target: str) -> str:
    return (f"target '{target}' has no output format '{name}' (in Hugo every page has html; "
            "the home page, sections and taxonomies rss too)")


def _in_output_format(name: str, target: str, url: str, node: Shortcode,
                      ctx: RenderContext) -> str:
    """The link to `target` in the output format `name` (output_format_kind)."""
    kind = output_format_kind(name, _target_page(target, node, ctx))
    if kind == FEED:
        ctx.problem(node, f"{node.name} {feed_not_published(name, target)}")
    elif kind == MISSING:
        ctx.error(node, f"{node.name} {no_such_format(name, target)}")
        return "#"
    return url


def _target_page(target: str, node: Shortcode, ctx: RenderContext) -> Page | None:
    """The page `page_link` links to for `target`."""
    path = target.strip().partition("#")[0]
    language = node.named.get("lang")
    if language is not None and language != _code(ctx):
        other = ctx.book.languages.get(str(language))
        return other.find(path or "/", None) if other is not None else None
    return ctx.book.find(path, ctx.page) if path.strip() else ctx.page


def page_link(target: str, node: Shortcode, ctx: RenderContext) -> str | None:
    """The relative URL of the page `target` names (with its `#anchor`), or None. With
    `lang="xx"`, the page is the one of that language's content (a translation)."""
    path, _, anchor = target.strip().partition("#")
    suffix = f"#{anchor}" if anchor else ""
    language = node.named.get("lang")
    if language is not None and language != _code(ctx):
        other = ctx.book.languages.get(str(language))
        if other is None:
            known = ", ".join(sorted(ctx.book.languages)) or "none; the site has one language"
            ctx.error(node, f"{node.name} names language '{language}', which the site does "
                            f"not have (languages: {known})")
            return "#"
        page = other.find(path or "/", None)
        if page is None:
            return None
        target_url = other.prefix + page_url(page.src_uri, ctx.directory_urls)
        return relative_url(target_url, ctx.book.prefix + ctx.url) + suffix
    if not path.strip():
        return suffix or "#"
    page = ctx.book.find(path, ctx.page)
    if page is None:
        return None
    return ctx.link_to(page) + suffix


def _code(ctx: RenderContext) -> str | None:
    return next((code for code, book in ctx.book.languages.items() if book is ctx.book), None)


def resolve_href(href: str, node: Shortcode, ctx: RenderContext) -> tuple[str, bool]:
    """Where a button or card `href` leads, and whether it is another site (a new tab).

    A URL of an allowed scheme is kept (any other is refused); a path naming a page becomes a
    relative link to it; any other path is a file of the site, linked relative to this page.
    """
    href = href.strip()
    scheme = refused_scheme(href)
    if scheme is not None:
        ctx.error(node, refusal(f"{node.name} href", href, scheme))
        return "#", False
    if _WEB.match(href):
        return href, True
    if _SCHEME.match(href) or href.startswith("#"):
        return href, False
    url = page_link(href, node, ctx)
    if url is not None:
        return url, False
    path, hash_mark, anchor = href.partition("#")
    if path.startswith("/"):
        target = posixpath.normpath(path).lstrip("/")
        target = "" if target == "." else target + ("/" if path.endswith("/") else "")
        return relative_url(target, ctx.url) + hash_mark + anchor, False
    return href, False


def render_button(node: Shortcode, ctx: RenderContext) -> str:
    """A Material button. hugo-book takes `href` (a URL or path) or `relref` (a page)."""
    label = one_line(ctx.body(node))
    classes = " ".join(["md-button", *css_classes(node.named.get("class"))])
    relref = node.named.get("relref")
    href = node.named.get("href")
    url = "#"
    external = False
    if relref not in (None, ""):
        found = page_link(str(relref), node, ctx)
        if found is None:
            ctx.error(node, f"button relref '{relref}' does not exist")
        else:
            url = found
    elif href not in (None, ""):
        url, external = resolve_href(str(href), node, ctx)
    else:
        ctx.error(node, 'button needs href="https://..." or relref="/docs/page", e.g. '
                        '{{< button relref="/docs/start" >}}Start{{< /button >}}')
    if not label:
        ctx.problem(node, "button has no label; its link is shown instead")
        label = url
    target = ' target="_blank" rel="noopener"' if external else ""
    return f'<a class="{attr(classes)}" href="{attr(url)}"{target}>{label}</a>'
