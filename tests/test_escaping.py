"""Front matter reaches HTML escaped for its context, and links use only safe schemes.

Material prints titles and descriptions as they are (MkDocs renders with autoescape off), so
hugomat hands them over escaped; a link whose scheme runs code (`javascript:`) or shows a
document the site never served (`data:`) is refused where it is written.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from hugomat.cli import main
from hugomat.render.url_policy import refused_scheme, url_for_html

CONFIG = """\
site_name: Escapes
docs_dir: content
theme:
  name: material
  font: false
  features: [navigation.footer]
plugins:
  - search
  - hugomat:
      menu_before: [{name: "<b>Before</b>", page: /docs/plain}]
      menu_after: [{name: "After & more", url: "https://example.org/?a=1&b=2"}]
      menu_home: [{name: "<i>Home menu</i>", url: "https://example.org/home"}]
      languages:
        en: {content_dir: content, label: "<i>English</i>"}
      pictures: {formats: [webp], widths: [480], jpeg_fallback: false, placeholders: false}
"""

PAGES = {
    "_index.md": "---\ntitle: Home\nlayout: landing\n---\nWelcome\n",
    "docs/evil.md": "---\ntitle: </title><script>alert(1)</script>\nweight: 1\n"
                    "description: 'He said \"hi\" --\"><script>alert(2)</script>'\n"
                    "image: banner.png\naliases: [/gone/]\n---\nText\n",
    "docs/qa.md": "---\ntitle: Q&A <b>\nweight: 2\nimage: banner.png\n---\nText\n",
    "docs/linked.md": "---\ntitle: Linked\nlinkTitle: <img src=x onerror=alert(1)>\n"
                      "weight: 3\n---\nText\n",
    "docs/honest.md": "---\ntitle: Q&A\nweight: 4\nimage: banner.png\n"
                      "description: 'He said \"hi\"'\n---\nText\n",
    "docs/plain.md": "---\ntitle: Plain\nweight: 5\n"
                     "menu: {after: {name: '<script>alert(4)</script>'}}\n---\nText\n",
    "docs/away.md": "---\ntitle: Away\nweight: 6\n"
                    "bookHref: 'https://example.org/a?q=\"x\"&r=<y>'\n---\nGone\n",
    "docs/part/_index.md": "---\ntitle: <img src=x onerror=alert(3)>\nweight: 7\n---\n"
                           "{{< section >}}\n",
    # Listed by the section shortcode: title and description written into Markdown.
    "docs/part/p.md": "---\ntitle: <script>alert(5)</script>\n"
                      "description: <img src=x onerror=alert(6)>\n---\nText\n",
}


def banner() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), (200, 80, 20)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def site(project) -> Path:
    root = project(PAGES, config=CONFIG, files={"assets/banner.png": banner()})
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site"


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def meta_tags(page: str) -> dict[str, str]:
    return dict(re.findall(r'<meta (?:property|name)="([a-z:_]+)" content="([^"]*)">', page))


def test_no_front_matter_html_runs_anywhere_in_the_site(site):
    built = [p for p in site.rglob("*") if p.suffix in (".html", ".json")]
    assert len(built) > 10
    for path in built:
        text = path.read_text("utf-8")
        assert "<script>alert" not in text, path
        assert "<img src=x" not in text, path
        assert "&amp;amp;" not in text and "&amp;lt;" not in text, path


def test_a_hostile_title_is_text_in_title_header_and_heading(site):
    page = html(site, "docs/evil")
    shown = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f"<title>{shown} - Escapes</title>" in page
    assert f"<h1>{shown}</h1>" in page
    header = page[page.index('data-md-component="header-topic"'):]
    assert shown in header[:header.index("</div>")]


def test_a_description_with_quotes_stays_inside_its_attribute(site):
    page = html(site, "docs/evil")
    description = "He said &#34;hi&#34; --&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"
    assert f'<meta name="description" content="{description}">' in page
    meta = meta_tags(page)
    assert meta["og:description"] == meta["twitter:description"] == description
    assert meta_tags(html(site, "docs/honest"))["description"] == "He said &#34;hi&#34;"


def test_a_title_with_markup_is_escaped_exactly_once(site):
    page = html(site, "docs/qa")
    shown = "Q&amp;A &lt;b&gt;"
    assert f"<title>{shown} - Escapes</title>" in page
    assert f"<h1>{shown}</h1>" in page
    meta = meta_tags(page)
    assert meta["og:title"] == meta["twitter:title"] == shown
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == shown
    menu = [" ".join(label.split()) for label in
            re.findall(r'<span class="md-ellipsis">(.*?)</span>', page, re.DOTALL)]
    assert shown in menu


def test_an_honest_ampersand_reads_as_one(site):
    meta = meta_tags(html(site, "docs/honest"))
    assert meta["og:title"] == meta["og:image:alt"] == "Q&amp;A"
    # Material filters the neighbour's title through `| e` in the footer's aria-label.
    assert re.search(r'aria-label="[A-Za-z]+: Q&amp;A"', html(site, "docs/plain"))


def test_menu_labels_are_text(site):
    page = html(site, "docs/plain")
    labels = [" ".join(label.split()) for label in
              re.findall(r'<span class="md-ellipsis">(.*?)</span>', page, re.DOTALL)]
    for label in ["&lt;img src=x onerror=alert(1)&gt;",  # linkTitle
                  "&lt;img src=x onerror=alert(3)&gt;",  # a section's _index.md title
                  "&lt;b&gt;Before&lt;/b&gt;",  # menu_before in mkdocs.yml
                  "After &amp; more",  # menu_after
                  "&lt;script&gt;alert(4)&lt;/script&gt;"]:  # menu: after, in front matter
        assert label in labels


def test_home_menu_and_language_names_are_text(site):
    home = html(site, "")
    assert "&lt;i&gt;Home menu&lt;/i&gt;</a>" in home
    assert "&lt;i&gt;English&lt;/i&gt;</a>" in home


def test_alias_and_search_index_hold_the_escaped_title(site):
    assert "<title>" in html(site, "gone") and "alert(1)" not in html(site, "gone")
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    # Material's search draws titles as HTML: they must be escaped there too.
    assert "Q&amp;A &lt;b&gt;" in titles


def test_book_href_with_quotes_cannot_leave_its_attribute_or_script(site):
    safe = "https://example.org/a?q=%22x%22&r=%3Cy%3E"
    assert f'href="{safe}"' in html(site, "docs/plain")
    redirect = html(site, "docs/away")
    assert f'window.location.replace(["{safe}"' in redirect
    assert f'content="0;url={safe}"' in redirect


# -- refused schemes ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "java\tscript:x",
    "\x01javascript:x", "vbscript:msgbox", "data:text/html,<script>x</script>",
    "data:image/png;base64,AA", "file:///etc/passwd", "irc://x", "made-up:x",
])
def test_schemes_that_are_refused(url):
    assert refused_scheme(url) is not None


@pytest.mark.parametrize("url", [
    "data:image/svg+xml,<svg onload=alert(1)>", "data:text/html,x", "javascript:x",
])
def test_pictures_refuse_all_but_raster_data(url):
    assert refused_scheme(url, picture=True) is not None
    assert refused_scheme("data:image/png;base64,AA", picture=True) is None
    assert refused_scheme("DATA:image/webp;base64,AA", picture=True) is None


@pytest.mark.parametrize("url", [
    "https://example.org/", "HTTP://example.org", "mailto:a@example.org", "/docs/x/",
    "../x.md", "#part", "x.md#a:b", "//example.org/x", "", "tel:+1-555-0100",
    "ftp://ftp.example.org/pub/",
])
def test_urls_that_are_allowed(url):
    assert refused_scheme(url) is None


def test_url_for_html_encodes_what_ends_an_attribute_or_a_string():
    assert url_for_html(' https://x.org/a b"c\'d<e>f\\g`h ') == (
        "https://x.org/a%20b%22c%27d%3Ce%3Ef%5Cg%60h")
    assert url_for_html("https://x.org/é?a=1&b=2#c") == "https://x.org/é?a=1&b=2#c"


def where(rel: str) -> str:
    return str(Path("content", *rel.split("/")))


def test_a_book_href_of_a_refused_scheme_is_an_error_at_the_key(project):
    project({"docs/a.md": "---\ntitle: A\nbookHref: 'javascript:alert(1)'\n---\nx\n"})
    for command in (["check"], ["build"]):
        result = CliRunner().invoke(main, command, catch_exceptions=False)
        assert result.exit_code == 1
        assert (f"{where('docs/a.md')}:3:1: bookHref 'javascript:alert(1)' uses the scheme "
                "'javascript:'") in result.output + result.stderr


def test_content_links_pictures_and_buttons_of_refused_schemes_are_located(project):
    project({"docs/a.md": "---\ntitle: A\n---\n"
                          "See [x](javascript:alert(1)) and <vbscript:y>.\n\n"
                          "![i](data:image/svg+xml,AA)\n\n"
                          '{{< button href="javascript:alert(2)" >}}Go{{< /button >}}\n\n'
                          "[fine](https://example.org/) [mail](mailto:a@example.org)\n"})
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 1
    out = result.output + result.stderr
    path = where("docs/a.md")
    assert f"{path}:4:9: link target 'javascript:alert(1)' uses the scheme 'javascript:'" in out
    assert f"{path}:4:35: link target 'vbscript:y' uses the scheme 'vbscript:'" in out
    assert f"{path}:6:6: picture 'data:image/svg+xml,AA' uses the scheme 'data:'" in out
    assert f"{path}:8:1: button href 'javascript:alert(2)' uses the scheme 'javascript:'" in out
    assert "4 errors" in out  # the https and mailto links are fine
    build = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert build.exit_code == 1 and "javascript:alert(1)" in build.output + build.stderr


def test_a_menu_url_of_a_refused_scheme_is_a_configuration_error(project):
    config = CONFIG.replace('url: "https://example.org/?a=1&b=2"', 'url: "javascript:alert(1)"')
    project({"docs/a.md": "---\ntitle: A\n---\nx\n"}, config=config)
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "menu link 'javascript:alert(1)' uses the scheme 'javascript:'" in (
        result.output + result.stderr)
    assert "Traceback" not in result.output + result.stderr
