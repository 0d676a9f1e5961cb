"""Pictures named relative to their page, resolved as on the Hugo site.

Hugo (with hugo-book's render hook) writes a Markdown picture's destination as it is, so the
browser resolves `../images/x.png` against the page's URL: from `content/docs/a/page.md`,
served at `/docs/a/page/`, that is `/docs/a/images/x.png`, not the file beside the page's
source. A bundle (`index.md`) and a section (`_index.md`) are served at their folder's URL, and
with `uglyURLs` a page is served at `/docs/a/page.html`, so for them the two agree.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from click.testing import CliRunner
from PIL import Image

import hugo_reference
from hugomat.cli import main

ORIGINALS = """\
site_name: Relative pictures
docs_dir: content
use_directory_urls: {DIRECTORY_URLS}
theme:
  name: material
  font: false
plugins:
  - hugomat:
      pictures:
        enabled: false
"""

RESPONSIVE = """\
site_name: Relative pictures
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - hugomat:
      pictures:
        widths: [100, 200]
"""


def picture(width: int, height: int, colour: tuple[int, int, int] = (200, 90, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def page(body: str) -> str:
    return f"---\ntitle: Page\n---\n{body}\n"


def build(*args: str):
    return CliRunner().invoke(main, ["build", "--strict", *args], catch_exceptions=False)


def built(root: Path, url: str) -> str:
    path = root / "site" / url
    if url.endswith("/"):
        path = path / "index.html"
    return path.read_text("utf-8")


def img_sources(html: str) -> list[str]:
    return re.findall(r'<img[^>]*\ssrc="([^"]+)"', html)


def originals(directory_urls: bool = True) -> str:
    return ORIGINALS.replace("{DIRECTORY_URLS}", "true" if directory_urls else "false")


# One picture under several names: which file the page shows tells which rule was used.
TWO_PLACES = {
    "content/docs/a/images/x.png": picture(120, 90),  # /docs/a/images/x.png
    "content/docs/images/x.png": picture(160, 90),  # /docs/images/x.png
    "static/images/x.png": picture(200, 90),  # /images/x.png
}


def test_a_regular_page_resolves_against_its_url(project):
    root = project({"docs/a/page.md": page("![r](../images/x.png)")},
                   config=originals(), files=TWO_PLACES)
    result = build()
    assert result.exit_code == 0, result.output
    # /docs/a/page/ + ../images/x.png = /docs/a/images/x.png, not the file beside the source.
    assert img_sources(built(root, "docs/a/page/")) == ["../images/x.png"]
    assert (root / "site/docs/a/images/x.png").read_bytes() == TWO_PLACES[
        "content/docs/a/images/x.png"]


def test_a_relative_picture_only_hugo_serves_is_found(project):
    # npp-usermanual's shape: the picture folder is a sibling of the page, under its section.
    root = project({"docs/a/page.md": page("Text ![r](../images/only.png)")},
                   config=originals(), files={"static/docs/a/images/only.png": picture(80, 60)})
    result = build()
    assert result.exit_code == 0, result.output
    assert img_sources(built(root, "docs/a/page/")) == ["../images/only.png"]
    assert (root / "site/docs/a/images/only.png").is_file()


def test_a_bundle_and_nested_sections_resolve_against_their_folder(project):
    root = project({"docs/a/bundle/index.md": page("![r](../images/x.png) ![o](own.png)"),
                    "docs/a/b/_index.md": page("![r](../images/x.png)"),
                    "docs/a/b/c/deep.md": page("![r](../../../images/x.png)")},
                   config=originals(),
                   files={**TWO_PLACES, "content/docs/a/bundle/own.png": picture(50, 50)})
    result = build()
    assert result.exit_code == 0, result.output
    # /docs/a/bundle/ and /docs/a/b/ + ../images/x.png = /docs/a/images/x.png, and so is
    # /docs/a/b/c/deep/ + ../../../images/x.png (beside its source: content/docs/images/x.png).
    assert img_sources(built(root, "docs/a/bundle/")) == ["../images/x.png", "own.png"]
    assert img_sources(built(root, "docs/a/b/")) == ["../images/x.png"]
    assert img_sources(built(root, "docs/a/b/c/deep/")) == ["../../../images/x.png"]
    assert (root / "site/docs/a/images/x.png").read_bytes() == TWO_PLACES[
        "content/docs/a/images/x.png"]


def test_hugo_resolution_wins_over_the_file_beside_the_source(project):
    root = project({"docs/a/page.md": page("![r](../images/y.png)")}, config=originals(),
                   files={"content/docs/images/y.png": picture(160, 90),
                          "static/docs/a/images/y.png": picture(120, 90)})
    result = build()
    assert result.exit_code == 0, result.output
    assert img_sources(built(root, "docs/a/page/")) == ["../images/y.png"]
    assert (root / "site/docs/a/images/y.png").read_bytes() == picture(120, 90)


def test_ugly_urls_resolve_against_the_pages_folder(project):
    root = project({"docs/a/page.md": page("![r](../images/x.png)")},
                   config=originals(directory_urls=False), files=TWO_PLACES)
    result = build()
    assert result.exit_code == 0, result.output
    # /docs/a/page.html + ../images/x.png = /docs/images/x.png.
    assert img_sources(built(root, "docs/a/page.html")) == ["../images/x.png"]
    assert (root / "site/docs/images/x.png").read_bytes() == TWO_PLACES[
        "content/docs/images/x.png"]


def test_a_portrait_relative_picture_goes_through_the_pipeline(project):
    root = project({"docs/a/page.md": page("![Tall](../images/tall.png)")},
                   config=RESPONSIVE,
                   files={"static/docs/a/images/tall.png": picture(150, 300)})
    result = build()
    assert result.exit_code == 0, result.output
    html = built(root, "docs/a/page/")
    drawn = re.search(r"<picture>.*?</picture>", html, re.DOTALL)
    assert drawn, html
    size = re.search(r'<img[^>]*width="(\d+)"[^>]*height="(\d+)"', drawn.group(0))
    assert size and int(size.group(2)) == 2 * int(size.group(1)), drawn.group(0)


def test_a_missing_relative_picture_is_a_located_error(project):
    project({"docs/a/page.md": page("Text\n\n![r](../images/missing.png)")},
            config=originals(), files=TWO_PLACES)
    result = build()
    assert result.exit_code == 1
    assert ("content/docs/a/page.md:6:6: picture '../images/missing.png' not found"
            in result.output), result.output
    assert "/docs/a/images/missing.png" in result.output, result.output


@pytest.mark.parametrize("src", ["../../../../etc/x.png", "../../../../../../etc/passwd"])
def test_a_picture_beyond_the_site_root_is_refused(project, src):
    project({"docs/a/page.md": page(f"![r]({src})")}, config=originals(), files=TWO_PLACES)
    result = build()
    assert result.exit_code == 1
    assert (f"content/docs/a/page.md:4:6: picture '{src}' leaves the site's picture folders"
            in result.output), result.output


# Each picture a different size, so that the bytes served tell which file a page shows.
DIFFERENTIAL_FILES = {
    "content/docs/a/images/x.png": picture(120, 90),
    "content/docs/images/x.png": picture(160, 90),
    "static/images/x.png": picture(200, 90),
    "static/docs/a/images/s.png": picture(90, 180),
    "content/docs/a/bundle/own.png": picture(50, 50),
}
DIFFERENTIAL_PAGES = {
    "docs/a/_index.md": page("![r](images/x.png)"),
    "docs/a/page.md": page("![r](../images/x.png) ![s](../images/s.png) "
                           "![t](../../../images/x.png)"),
    "docs/a/bundle/index.md": page("![r](../images/x.png) ![o](own.png)"),
    "docs/a/b/_index.md": page("![r](../images/x.png) ![s](../images/s.png)"),
    "docs/a/b/c/deep.md": page("![r](../../../images/x.png)"),
}
HUGO_CONFIG = """\
baseURL = 'https://example.org/'
title = 'Relative pictures'
theme = 'hugo-book'
disableKinds = ['taxonomy', 'term', 'rss', 'sitemap', 'robotsTXT', '404']
"""


def served_pictures(public: Path, url: str, html: str) -> list[bytes]:
    """The bytes a browser loads for each picture of the page's article at `url`."""
    article = html[html.index('<article class="markdown book-article">'):]
    article = article[:article.index("</article>")]
    return [(public / urlsplit(urljoin(url, src)).path.lstrip("/")).read_bytes()
            for src in img_sources(article)]


def hugo_site(folder: Path, pages: dict[str, str], files: dict[str, bytes]) -> Path:
    """Hugo's public/ for the pages (content path -> text) and files (site folder path ->
    bytes), with the hugo-book theme of the corpus."""
    if not hugo_reference.THEME.is_dir():
        hugo_reference.unavailable(f"the hugo-book theme is missing: {hugo_reference.THEME}")
    binary = hugo_reference.hugo_binary()
    (folder / "themes").mkdir(parents=True)
    (folder / "themes" / "hugo-book").symlink_to(hugo_reference.THEME, target_is_directory=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG, "utf-8")
    for rel, text in pages.items():
        (folder / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / "content" / rel).write_text(text, "utf-8")
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    subprocess.run([str(binary), "--quiet", "--source", str(folder)], check=True,
                   capture_output=True, timeout=120)
    return folder / "public"


def test_hugomat_shows_the_pictures_hugo_serves(project, tmp_path):
    public = hugo_site(tmp_path / "hugo-site", DIFFERENTIAL_PAGES, DIFFERENTIAL_FILES)
    root = project(DIFFERENTIAL_PAGES, config=originals(), files=DIFFERENTIAL_FILES)
    result = build()
    assert result.exit_code == 0, result.output
    for url in ("/docs/a/", "/docs/a/page/", "/docs/a/bundle/", "/docs/a/b/",
                "/docs/a/b/c/deep/"):
        hugo_html = (public / url.strip("/") / "index.html").read_text("utf-8")
        expected = served_pictures(public, url, hugo_html)
        ours = (root / "site" / url.strip("/") / "index.html").read_text("utf-8")
        actual = [(root / "site" / urlsplit(urljoin(url, src)).path.lstrip("/")).read_bytes()
                  for src in img_sources(ours)]
        assert len(expected) >= 1 and actual == expected, url


def test_a_relative_link_to_a_file_follows_the_pages_url(project):
    # Markdown links are read from the source file by MkDocs; Hugo's browser reads them from
    # the page's URL, so /docs/a/images/f.pdf is the file, not content/docs/images/f.pdf.
    root = project({"docs/a/page.md": page("[f](../images/f.pdf) [g](../images/g.pdf#p2)")},
                   config=originals(),
                   files={"content/docs/images/f.pdf": b"beside the source",
                          "static/docs/a/images/f.pdf": b"served by Hugo",
                          "content/docs/a/images/g.pdf": b"only here"})
    result = build()
    assert result.exit_code == 0, result.output
    html = built(root, "docs/a/page/")
    hrefs = re.findall(r'<a href="([^"]+\.pdf[^"]*)"', html)
    assert hrefs == ["../images/f.pdf", "../images/g.pdf#p2"]
    assert (root / "site/docs/a/images/f.pdf").read_bytes() == b"served by Hugo"
