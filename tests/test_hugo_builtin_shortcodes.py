"""Hugo's built-in shortcodes: what each becomes, and that nothing of another site is loaded
before the reader asks."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from test_shortcodes_render import FIRST, at, convert, error_of, html_of, png, to_html

PICTURE = {"static/pictures/sun.png": png()}


def external_loads(html: str) -> list[str]:
    """What a browser fetches from another origin while drawing the page: src attributes
    (img, iframe, script, source) and srcset of other origins; links are not loaded."""
    loads = re.findall(r'\s(?:src|srcset)="((?:https?:)?//[^"]*)"', html)
    return loads + re.findall(r"<iframe", html)


# -- figure ------------------------------------------------------------------------------------


def test_figure_has_link_caption_title_and_attribution(project):
    html = html_of(project, '{{< figure src="/pictures/sun.png" alt="A sun" title="Sun" '
                            'caption="The *sun* at noon" link="https://example.org/" '
                            'target="_blank" rel="noopener" attr="Jane" '
                            'attrlink="https://example.org/jane" class="wide" width="300" '
                            'loading="eager" >}}\n', files=PICTURE)
    # (An empty comment keeps Python-Markdown from wrapping the picture in a paragraph.)
    assert html.startswith('<figure class="wide">\n<!----><a href="https://example.org/" '
                           'target="_blank" rel="noopener"><img ')
    img = re.search(r"<img [^>]*>", html).group()
    assert 'alt="A sun"' in img and 'width="300"' in img and 'height=' not in img
    assert 'loading="lazy"' not in img
    assert ("<figcaption>\n<h4>Sun</h4>\n<p>The <em>sun</em> at noon\n"
            '<a href="https://example.org/jane">Jane</a></p>\n</figcaption>\n</figure>') in html


def test_figure_without_caption_is_the_picture_alone_with_the_caption_as_alt(project):
    html = html_of(project, '{{< figure src="/pictures/sun.png" >}}\n', files=PICTURE)
    assert html.startswith("<figure>\n<!----><img ") and "figcaption" not in html
    html = html_of(project, '{{< figure src="/pictures/sun.png" caption="Only **bold**" >}}\n',
                   files=PICTURE)
    assert 'alt="Only bold"' in html
    assert "<figcaption>\n<p>Only <strong>bold</strong></p>\n</figcaption>" in html


def test_figure_title_is_no_heading_of_the_page(project):
    out = convert(project, '{{< figure src="/pictures/sun.png" title="Sun" >}}\n',
                  files=PICTURE)
    assert "<h4>Sun</h4>" in to_html(out.markdown)
    assert "#### " not in out.markdown  # raw HTML: no entry in the table of contents


def test_figure_links_are_checked_like_any_link(project):
    html = html_of(project, '{{< figure src="/pictures/sun.png" link="/docs/other/" '
                            'attr="Other" attrlink="/docs/other/" >}}\n', files=PICTURE)
    assert html.count('href="../other/"') == 2
    message = error_of(project, '{{< figure src="/pictures/sun.png" attr="x" '
                                'attrlink="javascript:alert(1)" >}}\n', files=PICTURE)
    assert message.startswith(at(FIRST, 1)) and "javascript" in message


def test_figure_missing_picture_or_src_is_an_error(project):
    assert error_of(project, "x\n{{< figure >}}\n").startswith(
        f"{at(FIRST + 1, 1)}figure needs src=")
    assert "picture 'nope.png' not found" in error_of(project,
                                                      '{{< figure src="nope.png" >}}\n')


# -- highlight ---------------------------------------------------------------------------------


def test_highlight_body_is_code_never_markdown(project):
    html = html_of(project, "{{% highlight python %}}\n# not a heading\nx = *1*\n"
                            "{{% /highlight %}}\n")
    assert "<h1" not in html and "<em>" not in html
    assert '<span class="c1"># not a heading</span>' in html


def test_highlight_options_number_and_mark_lines(project):
    html = html_of(project, '{{< highlight go "linenos=table,hl_lines=2-3 5,linenostart=10" >}}'
                            "\na\nb\nc\nd\ne\n{{< /highlight >}}\n")
    assert 'class="linenos"' in html and ">10</" in html and ">14</" in html
    assert html.count('<span class="hll">') == 3


def test_highlight_without_options_and_indented_body(project):
    html = html_of(project, "{{< highlight go >}}\n    x := 1\n      y := 2\n{{< /highlight >}}\n")
    assert "linenos" not in html
    assert "<code>" in html and re.search(r">x</span>", html)
    code = re.sub(r"<[^>]+>", "", html)
    assert "x := 1\n  y := 2" in code


def test_highlight_left_open_is_an_error(project):
    assert "shortcode 'highlight' is never closed" in error_of(
        project, "{{< highlight go >}}\nx\n")


# -- param -------------------------------------------------------------------------------------


def test_param_reads_the_page_then_its_params_with_dotted_keys(project):
    pages = {"docs/page.md": "---\ntitle: Page\nColour: red\nparams:\n  deep:\n    Key: in\n"
                             "flag: true\nlist: [a, b]\n---\n"
                             '{{< param "colour" >}}, {{< param "deep.key" >}}, '
                             '{{< param flag >}} and {{< param "list" >}}.\n'}
    html = html_of(project, "", extra=pages)
    assert "<p>red, in, true and [a b].</p>" in html


def test_param_from_the_site(project):
    from hugomat.read import book
    from hugomat.read.shortcode_parser import parse
    from hugomat.read.source import SiteSource
    from hugomat.render.context import RenderContext
    from hugomat.render.convert import convert_page
    from hugomat.render.documents import CONVERSION, RENDERERS, render_markdown

    root = project({"docs/page.md": "---\ntitle: P\n---\n", "_index.md": "---\ntitle: H\n---\n"})
    loaded = book.load(SiteSource(root=root, content_dir=root / "content"))
    page = loaded.by_rel_path["docs/page.md"]
    assert convert_page(page, loaded).markdown is not None
    ctx = RenderContext(page=page, book=loaded, site_params={"author": {"name": "Ana <A>"}},
                        renderers=RENDERERS, conversion=CONVERSION)
    text = render_markdown(parse('By {{< param "author.name" >}}.', "p.md"), ctx)
    assert to_html(text) == "<p>By Ana &lt;A&gt;.</p>" and ctx.errors == []


def test_a_missing_param_is_an_error_at_its_place(project):
    assert error_of(project, 'x\ny {{< param "nope.key" >}}\n') == (
        f"{at(FIRST + 1, 3)}param 'nope.key' not found in the page's front matter or the "
        "site's params")
    assert error_of(project, "{{< param >}}\n").startswith(f"{at(FIRST, 1)}param needs")


# -- videos ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("tag", "link", "embed", "title"), [
    ('{{< youtube id="0RKpf3rK57I" title="A talk" start=30 >}}',
     "https://www.youtube.com/watch?v=0RKpf3rK57I&amp;t=30s",
     "https://www.youtube-nocookie.com/embed/0RKpf3rK57I?autoplay=1&amp;start=30", "A talk"),
    ("{{< youtube 0RKpf3rK57I >}}", "https://www.youtube.com/watch?v=0RKpf3rK57I",
     "https://www.youtube-nocookie.com/embed/0RKpf3rK57I?autoplay=1", "YouTube video"),
    ('{{< vimeo id=19899678 title="Clip" >}}', "https://vimeo.com/19899678",
     "https://player.vimeo.com/video/19899678?autoplay=1&amp;dnt=1", "Clip"),
])
def test_a_video_is_a_link_until_clicked(project, tag, link, embed, title):
    out = convert(project, f"{tag}\n")
    html = to_html(out.markdown)
    assert f'<a class="hugomat-video__link" href="{link}">' in html
    assert f'data-embed="{embed}"' in html
    assert f'<span class="hugomat-video__title">{title}</span>' in html
    assert external_loads(html) == []
    # The page names the site's own script, which makes the player on click.
    assert re.search(r'<script defer src="[./]*assets/hugomat/hugomat-video.js"></script>', html)
    assert any(path.endswith("hugomat-video.js") and source.is_file()
               for path, source in out.files.items())


def test_a_video_without_id_is_an_error(project):
    assert error_of(project, "{{< youtube >}}\n").startswith(f"{at(FIRST, 1)}youtube needs")


# -- links to posts ----------------------------------------------------------------------------


@pytest.mark.parametrize(("tag", "expected"), [
    ("{{< gist spf13 7896402 >}}",
     '<a class="hugomat-embed-link" href="https://gist.github.com/spf13/7896402">'
     "Gist spf13/7896402</a>"),
    ('{{< gist spf13 7896402 "img.html" >}}',
     '<a class="hugomat-embed-link" href="https://gist.github.com/spf13/7896402#file-img-html">'
     "Gist spf13/7896402: img.html</a>"),
    ('{{< x user="SanDiegoZoo" id="1453110110599868418" >}}',
     '<a class="hugomat-embed-link" href="https://x.com/SanDiegoZoo/status/1453110110599868418">'
     "Post 1453110110599868418 by @SanDiegoZoo on X</a>"),
    ('{{< twitter user="SanDiegoZoo" id="1453110110599868418" >}}',
     '<a class="hugomat-embed-link" href="https://x.com/SanDiegoZoo/status/1453110110599868418">'
     "Post 1453110110599868418 by @SanDiegoZoo on X</a>"),
    ("{{< tweet 1453110110599868418 >}}",
     '<a class="hugomat-embed-link" href="https://x.com/i/status/1453110110599868418">'
     "Post 1453110110599868418 on X</a>"),
    ("{{< instagram CxOWiQNP2MO >}}",
     '<a class="hugomat-embed-link" href="https://www.instagram.com/p/CxOWiQNP2MO/">'
     "View this post on Instagram</a>"),
])
def test_posts_of_other_sites_are_links(project, tag, expected):
    html = html_of(project, f"{tag}\n", strict=True)
    assert html == f"<p>{expected}</p>"


def test_a_post_without_id_is_an_error(project):
    assert error_of(project, "{{< x user=a >}}\n").startswith(f"{at(FIRST, 1)}x needs")


# -- qr ----------------------------------------------------------------------------------------


def test_qr_is_an_svg_made_at_build_time(project):
    html = html_of(project, '{{< qr text="https://gohugo.io" alt="QR" class="small" />}}\n')
    img = re.search(r"<img [^>]*>", html).group()
    # Version 2 (25 modules) and Hugo's border of 4, at Hugo's default scale of 4: 132 px.
    assert 'width="132" height="132"' in img and 'alt="QR"' in img and 'class="small"' in img
    uri = re.search(r'src="data:image/svg\+xml[^,"]*,([^"]*)"', img).group(1)
    assert "<svg" in unquote(uri.replace("&amp;", "&"))
    assert external_loads(html) == []


def test_qr_reads_its_body_and_checks_its_options(project):
    body = html_of(project, "{{< qr >}}\nhttps://gohugo.io\n{{< /qr >}}\n")
    named = html_of(project, '{{< qr text="https://gohugo.io" />}}\n')
    assert body == named
    assert 'alt="QR code: https://gohugo.io"' in named
    assert "qr level 'huge' is not one of" in error_of(
        project, '{{< qr text="a" level="huge" />}}\n')
    assert "qr scale=1 must be a whole number of 2 or more" in error_of(
        project, '{{< qr text="a" scale=1 />}}\n')
    assert "qr needs text=" in error_of(project, "{{< qr />}}\n")


# -- details, comment --------------------------------------------------------------------------


def test_details_hugo_book_forms(project):
    html = html_of(project, '{{< details "Pos" open >}}\nTwo.\n{{< /details >}}\n\n'
                            '{{< details title="T" class="x" name="group" >}}\nThree.\n'
                            "{{< /details >}}\n")
    assert '<details open="open">\n<summary>Pos</summary>' in html
    assert '<details class="x" name="group">\n<summary>T</summary>\n<p>Three.</p>' in html


def test_details_hugo_form_shows_its_summary(project):
    html = html_of(project, '{{< details summary="Sum" open=true >}}\nBody.\n{{< /details >}}\n')
    assert '<details open="open">\n<summary>Sum</summary>\n<p>Body.</p>' in html


def test_comment_renders_nothing_and_no_warning(project):
    out = convert(project, "Before {{< comment >}}hidden *text*{{< /comment >}} after.\n",
                  strict=True)
    assert to_html(out.markdown) == "<p>Before  after.</p>" and out.warnings == []


def test_built_in_shortcodes_are_known():
    from hugomat.render.documents import RENDERERS

    assert {"figure", "highlight", "param", "youtube", "vimeo", "gist", "x", "twitter", "tweet",
            "instagram", "qr", "details", "comment"} <= set(RENDERERS)
