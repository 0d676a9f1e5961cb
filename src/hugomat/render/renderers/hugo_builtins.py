"""Hugo's own shortcodes: `figure`, `highlight`, `param`, `comment`, and the embeds of other
sites (`youtube`, `vimeo`, `gist`, `x`/`twitter`/`tweet`, `instagram`) and `qr`.

The page loads nothing from another origin until the reader asks: a video is a link that a
small script of the site turns into the player on click, posts and gists are links, and a
QR code is an SVG made at build time.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from hugomat.errors import ContentError
from hugomat.markdown.escape import escape
from hugomat.markdown.raw import raw_fence
from hugomat.read import hugo_config
from hugomat.read.shortcode_parser import Shortcode
from hugomat.render.renderers.base import (
    Block,
    attr,
    css_classes,
    fence,
    one_line,
    raw_text,
    truthy,
)
from hugomat.render.renderers.media import LOADING, shortcode_picture, with_loading
from hugomat.render.renderers.page_links import resolve_href
from hugomat.render.site_templates import site_data
from hugomat.render.site_templates.layouts import hugo_site_root

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

_IMG_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
_IMG_TAG = re.compile(r"<img\b[^>]*>")
_MARKUP = re.compile(r"[*_`~]|\[|\]\([^)]*\)")


def render_comment(node: Shortcode, ctx: RenderContext) -> str:
    """Nothing: the author hides the body from readers on purpose, as Hugo does."""
    return ""


# -- figure -----------------------------------------------------------------------------------


def render_figure(node: Shortcode, ctx: RenderContext) -> Block:
    """`<figure>`: the picture (through the picture pipeline), an optional link around it,
    and a caption of the title, the caption (Markdown) and the attribution."""
    src = node.arg("src", 0)
    if src in (None, ""):
        ctx.error(node, 'figure needs src="...", the picture to show, e.g. '
                        '{{< figure src="photo.jpg" caption="What it shows" >}}')
        return Block("")
    caption = str(node.named.get("caption") or "")
    alt = one_line(node.named.get("alt") or _plain(caption))
    try:
        picture = shortcode_picture(str(src), node, ctx, alt=alt)
    except ContentError as error:
        ctx.errors.append(error)
        return Block(f"`[figure {one_line(src)}]`\n")
    picture = _sized(picture, node.named.get("width"), node.named.get("height"))
    loading = str(node.named.get("loading") or "lazy").strip().lower()
    if loading not in LOADING:
        ctx.problem(node, f"figure loading '{loading}' is not one of {', '.join(LOADING)}; "
                          "lazy is used")
        loading = "lazy"
    media = with_loading(picture, loading)
    link = node.named.get("link")
    if link not in (None, ""):
        url, _ = resolve_href(str(link), node, ctx)
        extra = "".join(f' {name}="{attr(node.named[name])}"' for name in ("target", "rel")
                        if node.named.get(name) not in (None, ""))
        media = f'<a href="{attr(url)}"{extra}>{media}</a>'
    parts = ["\n".join(raw_fence(media))]
    figcaption = _figcaption(node, caption, ctx)
    if figcaption:
        parts.append(figcaption)
    classes = "".join(f".{name}" for name in css_classes(node.named.get("class")))
    return fence(f"html | figure{classes}", "\n\n".join(parts), {"markdown": "block"})


def _figcaption(node: Shortcode, caption: str, ctx: RenderContext) -> str:
    title = node.named.get("title")
    attribution = str(node.named.get("attr") or "")
    if not (title or caption or attribution):
        return ""
    parts: list[str] = []
    if title:
        # Raw HTML: a heading of the figure, not of the page (no table of contents entry).
        parts.append("\n".join(raw_fence(f"<h4>{attr(one_line(title))}</h4>")))
    text = caption
    if attribution:
        link = node.named.get("attrlink")
        credit = attribution
        if link not in (None, ""):
            url, _ = resolve_href(str(link), node, ctx)
            credit = f'<a href="{attr(url)}">{attribution}</a>'
        text = f"{text}\n{credit}" if text else credit
    if text:
        parts.append(ctx.markdown(text, node))
    return fence("html | figcaption", "\n\n".join(parts), {"markdown": "block"}).text.rstrip("\n")


def _plain(markdown: str) -> str:
    """A caption's text without its Markdown marks, for the picture's alt text."""
    return _MARKUP.sub("", markdown)


def _sized(picture: str, width: Any, height: Any) -> str:
    """The picture's <img> with the figure's width and height, when given."""
    if width in (None, "") and height in (None, ""):
        return picture
    match = _IMG_TAG.search(picture)
    if match is None:
        return picture
    tag = _IMG_SIZE.sub("", match.group())
    size = "".join(f' {name}="{attr(value)}"' for name, value in (("width", width),
                                                                 ("height", height))
                   if value not in (None, ""))
    tag = tag[:-1].rstrip("/ ") + size + ">"
    return picture[:match.start()] + tag + picture[match.end():]


# -- highlight --------------------------------------------------------------------------------


def render_highlight(node: Shortcode, ctx: RenderContext) -> Block:
    """Code, never Markdown: `{{< highlight go "linenos=table,hl_lines=2-3 5" >}}` becomes the
    fence ```` ```go {linenos=table hl_lines="2-3 5"} ```` and is read as one."""
    language = one_line(node.arg("lang", 0) or "text").replace("`", "") or "text"
    code = textwrap.dedent(raw_text(node.children)).strip("\r\n")
    options = _highlight_options(str(node.arg("options", 1) or ""))
    ticks = "`" * max(3, max((len(run) for run in re.findall(r"`+", code)), default=0) + 1)
    head = f"{ticks}{language}" + (f" {{{options}}}" if options else "")
    return Block(ctx.markdown(f"{head}\n{code}\n{ticks}", node) + "\n")


def _highlight_options(options: str) -> str:
    """Hugo's `key=value,key=value` options as fence attributes `key="value"`."""
    pairs = []
    for item in options.split(","):
        key, equals, value = item.partition("=")
        key = key.strip()
        if not equals or not re.fullmatch(r"[A-Za-z_][\w\-]*", key):
            continue
        pairs.append(f'{key}="{value.strip().replace(chr(34), "")}"')
    return " ".join(pairs)


# -- param ------------------------------------------------------------------------------------


def render_param(node: Shortcode, ctx: RenderContext) -> str:
    """A page parameter, else the site's (`params` of the site); dotted keys look inside."""
    key = node.arg("name", 0)
    if key in (None, "") or not isinstance(key, str):
        ctx.error(node, 'param needs the name of a parameter, e.g. {{< param "author" >}}')
        return ""
    page = ctx.page.data
    for where in (page, page.get("params"), site_params(ctx)):
        found = _lookup(where, key)
        if found is not None:
            text = _as_text(found)
            return escape(text) if node.delimiter == "<" else text
    ctx.error(node, f"param '{key}' not found in the page's front matter or the site's params")
    return ""


def site_params(ctx: RenderContext) -> dict[str, Any]:
    """The site's `params`: those given to the context, else those of the site's Hugo
    configuration, read as the site's own templates read them (`.Site.Params`)."""
    if ctx.site_params:
        return ctx.site_params
    if ctx.site_templates is not None:
        return ctx.site_templates.params
    source = ctx.book.source
    return _configured_params(hugo_site_root(source.root, source.content_dir))


_PARAMS: dict[Path, tuple[tuple[tuple[str, int], ...], dict[str, Any]]] = {}
"""Hugo site folder -> (its configuration files with their times, their params): read once a
build, again when a file changed (serve)."""


def _configured_params(root: Path) -> dict[str, Any]:
    folders = [root, *(root / folder for folder in hugo_config.CONFIG_DIRS)]
    signature = tuple(sorted((str(path), path.stat().st_mtime_ns) for folder in folders
                             if folder.is_dir() for path in folder.iterdir() if path.is_file()))
    kept = _PARAMS.get(root)
    if kept is None or kept[0] != signature:
        kept = _PARAMS[root] = (signature, site_data.site_params(root)[0])
    return kept[1]


def _lookup(data: Any, key: str) -> Any:
    """`a.b.c` in nested maps, each name without regard to case (as Hugo reads params)."""
    for part in key.split("."):
        if not isinstance(data, dict):
            return None
        data = next((value for name, value in data.items()
                     if isinstance(name, str) and name.lower() == part.lower()), None)
        if data is None:
            return None
    return data


def _as_text(value: Any) -> str:
    """A value as Go's templates print it: booleans in lower case, lists in brackets."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + " ".join(_as_text(item) for item in value) + "]"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{_as_text(v)}" for k, v in sorted(value.items())) + "]"
    return str(value)


# -- videos -----------------------------------------------------------------------------------


def render_youtube(node: Shortcode, ctx: RenderContext) -> Block:
    video = _video_id(node, ctx)
    if video is None:
        return Block("")
    start, end = _seconds(node, "start", ctx), _seconds(node, "end", ctx)
    watch = {"v": video, **({"t": f"{start}s"} if start else {})}
    player = {"autoplay": 1, **({"start": start} if start else {}),
              **({"end": end} if end else {})}
    if truthy(node.named.get("loop", False)):
        player.update(loop=1, playlist=video)
    if truthy(node.named.get("mute", False)) or truthy(node.named.get("autoplay", False)):
        player["mute"] = 1
    if node.named.get("controls") is not None and not truthy(node.named["controls"]):
        player["controls"] = 0
    return _video(node, ctx, site="YouTube", default_title="YouTube video",
                  link=f"https://www.youtube.com/watch?{urlencode(watch)}",
                  embed=(f"https://www.youtube-nocookie.com/embed/{quote(video)}?"
                         f"{urlencode(player)}"))


def render_vimeo(node: Shortcode, ctx: RenderContext) -> Block:
    video = _video_id(node, ctx)
    if video is None:
        return Block("")
    return _video(node, ctx, site="Vimeo", default_title="Vimeo video",
                  link=f"https://vimeo.com/{quote(video)}",
                  embed=f"https://player.vimeo.com/video/{quote(video)}?autoplay=1&dnt=1")


def _video_id(node: Shortcode, ctx: RenderContext) -> str | None:
    video = node.arg("id", 0)
    if video in (None, "") or not re.fullmatch(r"[\w\-]+", str(video)):
        ctx.error(node, f"{node.name} needs the video's id, e.g. "
                        f"{{{{< {node.name} id=\"0RKpf3rK57I\" >}}}}")
        return None
    return str(video)


def _seconds(node: Shortcode, name: str, ctx: RenderContext) -> int:
    value = node.named.get(name)
    if value in (None, ""):
        return 0
    if isinstance(value, bool) or not str(value).isdigit():
        ctx.problem(node, f"{node.name} {name}={value} is not a number of seconds; ignored")
        return 0
    return int(value)


def _video(node: Shortcode, ctx: RenderContext, *, site: str, default_title: str, link: str,
           embed: str) -> Block:
    """A box with the title, linked to the video on its site; the site's script turns a
    click into the player (hugomat-video.js). Without scripts, the link leads there."""
    ctx.needs.add("video")
    title = one_line(node.named.get("title") or default_title)
    classes = " ".join(["hugomat-video", *css_classes(node.named.get("class"))])
    box = (f'<div class="{attr(classes)}" data-embed="{attr(embed)}" data-title="{attr(title)}">'
           f'<a class="hugomat-video__link" href="{attr(link)}">'
           f'<span class="hugomat-video__title">{attr(title)}</span>'
           f'<span class="hugomat-video__site">Play on {site}</span></a></div>')
    return Block("\n".join(raw_fence(box)) + "\n")


# -- posts of other sites ---------------------------------------------------------------------


def render_gist(node: Shortcode, ctx: RenderContext) -> str:
    user, gist = node.arg("user", 0), node.arg("id", 1)
    if user in (None, "") or gist in (None, ""):
        ctx.error(node, 'gist needs a user and the gist\'s id, e.g. {{< gist spf13 7896402 >}}')
        return ""
    file = node.arg("file", 2)
    url = f"https://gist.github.com/{quote(str(user))}/{quote(str(gist))}"
    label = f"Gist {user}/{gist}"
    if file not in (None, ""):
        # GitHub's anchor of a gist's file: `file-` and its name, punctuation as dashes.
        url += "#file-" + re.sub(r"[^\w-]", "-", str(file)).lower()
        label += f": {file}"
    return _link(url, label)


def render_x(node: Shortcode, ctx: RenderContext) -> str:
    """`x`, and its old names `twitter` and `tweet`: a link to the post."""
    post = node.arg("id", 1 if len(node.positional) > 1 else 0)
    user = node.arg("user", 0) if len(node.positional) > 1 or "user" in node.named else None
    if post in (None, "") or not str(post).isdigit():
        ctx.error(node, f"{node.name} needs the post's user and id, e.g. "
                        f'{{{{< {node.name} user="SanDiegoZoo" id="1453110110599868418" >}}}}')
        return ""
    if user in (None, ""):
        return _link(f"https://x.com/i/status/{post}", f"Post {post} on X")
    return _link(f"https://x.com/{quote(str(user))}/status/{post}",
                 f"Post {post} by @{user} on X")


def render_instagram(node: Shortcode, ctx: RenderContext) -> str:
    post = node.arg("id", 0)
    if post in (None, "") or not re.fullmatch(r"[\w\-]+", str(post)):
        ctx.error(node, "instagram needs the post's id, e.g. {{< instagram CxOWiQNP2MO >}}")
        return ""
    return _link(f"https://www.instagram.com/p/{post}/", "View this post on Instagram")


def _link(url: str, label: str) -> str:
    return f'<a class="hugomat-embed-link" href="{attr(url)}">{attr(label)}</a>'


# -- qr ---------------------------------------------------------------------------------------

_QR_LEVELS = {"low": "L", "medium": "M", "quartile": "Q", "high": "H"}


def render_qr(node: Shortcode, ctx: RenderContext) -> str:
    """A QR code as an SVG made at build time, in the page itself (a data: URL)."""
    import segno  # only pages with a QR code pay for it

    text = node.named.get("text")
    if text in (None, ""):
        text = raw_text(node.children).strip()
    level = str(node.named.get("level") or "medium").lower()
    scale = node.named.get("scale", 4)
    if not text:
        ctx.error(node, 'qr needs text="..." (or a body), what the code holds, e.g. '
                        '{{< qr text="https://example.org/" />}}')
        return ""
    if level not in _QR_LEVELS:
        ctx.error(node, f"qr level '{level}' is not one of {', '.join(_QR_LEVELS)}")
        return ""
    if isinstance(scale, bool) or not isinstance(scale, int) or scale < 2:
        ctx.error(node, f"qr scale={scale} must be a whole number of 2 or more")
        return ""
    code = segno.make(str(text), error=_QR_LEVELS[level], micro=False, boost_error=False)
    width, height = code.symbol_size(scale=scale, border=4)
    attributes = [f'src="{attr(code.svg_data_uri(scale=scale, border=4))}"',
                  f'width="{width}"', f'height="{height}"']
    # Hugo writes no alt unless given; a picture without one is unreadable to a screen reader.
    named = {"alt": f"QR code: {one_line(text)}", **node.named}
    for name in ("alt", "class", "id", "title", "loading"):
        value = named.get(name)
        if value not in (None, ""):
            attributes.append(f'{name}="{attr(one_line(value))}"')
    return f"<img {' '.join(attributes)}>"
