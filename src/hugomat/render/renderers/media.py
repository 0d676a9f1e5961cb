"""Media: `image` (a picture that enlarges on click, CSS only) and `asciinema` recordings."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from hugomat.errors import ContentError
from hugomat.pictures.lookup import is_remote
from hugomat.read.shortcode_parser import Shortcode
from hugomat.render import links
from hugomat.render.renderers.base import Block, attr, css_classes, html_block, one_line, quoted

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

LOADING = ("lazy", "eager", "auto")
_LAZY = re.compile(r'\sloading="lazy"')
_REMOTE = re.compile(r"(?:https?:)?//", re.IGNORECASE)


def render_image(node: Shortcode, ctx: RenderContext) -> str:
    """The picture, linked to a full-window view of itself that opens on click or Enter.

    The view is an `:target` overlay: following the picture's link shows it, and the overlay
    is itself a link away (click, or Enter once focused), so no script is needed.
    """
    src = node.arg("src", 0)
    if src in (None, ""):
        ctx.error(node, 'image needs src="...", the picture to show, e.g. '
                        '{{< image src="photo.jpg" alt="What it shows" >}}')
        return ""
    alt = one_line(node.named.get("alt", ""))
    title = node.named.get("title")
    classes = " ".join(css_classes(node.named.get("class"))) or None
    loading = str(node.named.get("loading", "lazy")).strip().lower()
    if loading not in LOADING:
        ctx.problem(node, f"image loading '{loading}' is not one of {', '.join(LOADING)}; "
                          "lazy is used")
        loading = "lazy"
    try:
        picture = shortcode_picture(str(src), node, ctx, alt=alt,
                                    title=one_line(title) if title else None, css_class=classes,
                                    assets_prefix=True)
    except ContentError as error:
        ctx.errors.append(error)
        return f"`[image {one_line(src)}]`"
    shown = with_loading(picture, loading)
    # The enlarged copy is fetched only when opened: an undisplayed lazy picture is not loaded.
    large = with_loading(picture, "lazy")
    view = ctx.unique("hugomat-image")
    label = f"Enlarge picture: {alt}" if alt else "Enlarge picture"
    return (f'<a class="hugomat-image" href="#{view}" aria-label="{attr(label)}">{shown}</a>'
            f'<a class="hugomat-lightbox" id="{view}" href="#_" aria-label="Close picture" '
            f'title="Close">{large}</a>')


def shortcode_picture(src: str, node: Shortcode, ctx: RenderContext, *, alt: str,
                      title: str | None = None, css_class: str | None = None,
                      assets_prefix: bool = False) -> str:
    """HTML drawing the picture a shortcode's `src` names (see resource_ref); a mistake names
    the src as written, and where the page's URL leads when that is what was looked up."""
    ref = resource_ref(src, ctx, assets_prefix=assets_prefix)
    try:
        return ctx.picture(ref, ctx.at(node), alt=alt, title=title, css_class=css_class)
    except ContentError as error:
        if ref == src:
            raise
        message = error.message.replace(f"'{ref}'", f"'{src}'")
        if ref == links.served_path(src, ctx.page, ctx.directory_urls):
            message += f"; from the page's URL /{ctx.url} it names /{ref}"
        raise ContentError(error.location, message) from None


def resource_ref(src: str, ctx: RenderContext, *, assets_prefix: bool = False) -> str:
    """The picture a relative `src` of Hugo's `figure` or hugo-book's `image` names, found as
    they find it: a resource of the page's bundle, then a global resource (a file of assets/),
    else the src as it is, which the browser reads from the page's URL (links.picture_ref, as
    for a Markdown picture). hugo-book's `image` (`assets_prefix`) also reads `/assets/x.png`
    as the global resource `x.png`. A site-absolute src is looked up as before."""
    if is_remote(src) or links.is_external(src):
        return src
    path = unquote(src.partition("#")[0].partition("?")[0])
    if assets_prefix and path.startswith("/assets/"):
        path = path.removeprefix("/assets/")
    elif path.startswith("/"):
        return src
    path = path.removeprefix("./")
    found = _bundle_resource(path, ctx)
    if found is not None:
        return found
    if path and not PurePosixPath(path).is_absolute() and ".." not in PurePosixPath(path).parts:
        static = {folder.resolve() for folder in ctx.static_dirs}
        for folder in ctx.book.source.asset_dirs:
            if folder.resolve() not in static and _is_file(folder / path):
                return path
    return links.picture_ref(src, ctx.page, ctx.book, ctx.directory_urls)


def _bundle_resource(path: str, ctx: RenderContext) -> str | None:
    """The content path of `path` as a resource of the page's bundle (`index.md`: a leaf,
    `_index.md`: a branch), or None. A branch's resources stop at the sections below it."""
    name = posixpath.basename(ctx.page.rel_path)
    if name.rsplit(".", 1)[0] not in ("index", "_index") or not path:
        return None
    inner = posixpath.normpath(path)
    if inner.startswith(("../", "/")) or inner in ("..", "."):
        return None
    content = ctx.book.source.content_dir
    folder = ctx.page_dir()
    for part in inner.split("/")[:-1]:
        folder = posixpath.join(folder, part)
        if any(_is_file(content / folder / index) for index in ("_index.md", "index.md")):
            return None  # another bundle's
    rel = posixpath.join(ctx.page_dir(), inner)
    return rel if _is_file(content / rel) else None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name the file system refuses: no file
        return False


def with_loading(picture: str, loading: str) -> str:
    if loading == "lazy":
        return picture
    replacement = ' loading="eager"' if loading == "eager" else ""
    return _LAZY.sub(replacement, picture)


def render_asciinema(node: Shortcode, ctx: RenderContext) -> Block:
    """A terminal recording: the asciinema player, served by the site, on a local cast file;
    a link to the recording when the cast is on another site (the site loads nothing from
    other origins). Without JavaScript the link to the cast file stays."""
    cast = node.arg("cast", 0)
    if cast in (None, ""):
        ctx.error(node, 'asciinema needs cast="...", the recording to play, e.g. '
                        '{{< asciinema cast="demo.cast" >}}')
        return Block("")
    ref = str(cast).strip()
    name = posixpath.basename(ref.split("?")[0]) or ref
    if _REMOTE.match(ref):
        return Block(f"[Terminal recording: {name}]({ref})\n")
    found = find_file(ref, ctx)
    if found is None:
        where = ", ".join(str(p) for p in _roots(ctx))
        ctx.error(node, f"asciinema cast '{ref}' not found (looked beside the page and in "
                        f"{where})")
        return Block(f"`[asciinema {name}]`\n")
    site_path, source = found
    url = ctx.site_file(site_path, source)
    ctx.needs.add("asciinema")
    options = {key: value for key, value in node.named.items()
               if key not in ("cast", "class")}
    # JSON in a single-quoted attribute: a quote inside it is written as \u0027.
    data = json.dumps(options, ensure_ascii=False, sort_keys=True).replace("'", "\\u0027")
    classes = "".join(f".{name}" for name in css_classes(node.named.get("class")))
    selector = (f"div.hugomat-asciinema{classes}[data-cast={quoted(url)}]"
                f"[data-options='{data}']")
    # An HTML link: MkDocs reads a Markdown link as a path from the source file, not the page.
    return html_block(selector, f'<a href="{attr(url)}">Terminal recording: {attr(name)}</a>')



def _roots(ctx: RenderContext) -> list[Path]:
    source = ctx.book.source
    return [source.content_dir / ctx.page_dir(), source.content_dir, *source.asset_dirs]


def find_file(ref: str, ctx: RenderContext) -> tuple[str, Path] | None:
    """A file content names, as Hugo finds resources: beside the page (a page resource), then
    in the site's assets/ and static/. Returns its path in the site and on disk."""
    rel = PurePosixPath(ref.replace("\\", "/").lstrip("/"))
    if ".." in rel.parts or not rel.parts:
        return None
    source = ctx.book.source
    page_dir = ctx.page_dir()
    candidates: list[tuple[str, Path, Path]] = []
    if not ref.startswith("/"):
        candidates.append((posixpath.join(page_dir, rel.as_posix()),
                           source.content_dir / page_dir, source.content_dir))
    candidates += [(rel.as_posix(), root, root) for root in source.asset_dirs]
    for site_path, base, root in candidates:
        path = base / rel
        if path.is_file() and path.resolve().is_relative_to(root.resolve()):
            return site_path, path.resolve()
    return None
