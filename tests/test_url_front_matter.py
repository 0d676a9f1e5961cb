"""A page's `url:` and `slug:` front matter: where Hugo publishes the page, and links follow."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from hugomat.cli import main
from hugomat.read import book
from hugomat.read.source import SiteSource

CONFIG = """\
site_name: Book
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - hugomat:
      lowercase_urls: true
"""

PAGES = {
    "_index.md": "---\ntitle: Home\n---\n[moved]({{< relref \"docs/moved\" >}}) "
                 "[sub]({{< relref \"docs/sub\" >}}) [bare]({{< relref \"docs/bare\" >}}) "
                 "[slugged](docs/slugged.md)\n",
    "docs/_index.md": "---\ntitle: Docs\n---\n",
    "docs/moved.md": "---\ntitle: Moved\nurl: /elsewhere/Here/\n---\n[child](sub/child.md)\n",
    "docs/bare.md": "---\ntitle: Bare\nurl: bare-page\n---\nB\n",
    "docs/slugged.md": "---\ntitle: Slugged\nslug: My Slug\n---\nS\n",
    "docs/bundle/index.md": "---\ntitle: Bundle\nslug: bundled\n---\nB\n",
    "docs/sub/_index.md": "---\ntitle: Sub\nurl: /subsection\n---\n[moved](../moved.md)\n",
    "docs/sub/child.md": "---\ntitle: Child\n---\nC\n",
}


def load(root: Path, **options) -> book.Book:
    return book.load(SiteSource(root=root, content_dir=root / "content", **options))


def urls(loaded: book.Book) -> dict[str, str]:
    return {page.rel_path: book.page_url(page.src_uri) for page in loaded.pages}


def test_url_and_slug_move_pages_as_hugo_does(project):
    site = urls(load(project(PAGES), lowercase_urls=True))
    assert site["docs/moved.md"] == "elsewhere/Here/"  # as written: Hugo neither lowers it
    assert site["docs/bare.md"] == "bare-page/"  # no leading '/': from the site's root too
    assert site["docs/sub/_index.md"] == "subsection/"
    assert site["docs/sub/child.md"] == "docs/sub/child/"  # a section's url moves it alone
    assert site["docs/slugged.md"] == "docs/my-slug/"  # a slug is urlized, in its folder
    assert site["docs/bundle/index.md"] == "docs/bundled/"


def test_a_sections_slug_renames_its_folder_for_every_page_in_it(project):
    site = urls(load(project({
        "docs/Sec/_index.md": "---\ntitle: Sec\nslug: Renamed\n---\n",
        "docs/Sec/kid.md": "---\ntitle: Kid\n---\nK\n",
        "docs/Sec/deep/_index.md": "---\ntitle: Deep\nslug: lower\n---\n",
        "docs/Sec/deep/leaf/index.md": "---\ntitle: Leaf\nslug: Leafy\n---\nL\n",
    }), lowercase_urls=True))
    assert site["docs/Sec/_index.md"] == "docs/renamed/"
    assert site["docs/Sec/kid.md"] == "docs/renamed/kid/"  # as Hugo: /docs/renamed/kid/
    assert site["docs/Sec/deep/_index.md"] == "docs/renamed/lower/"
    assert site["docs/Sec/deep/leaf/index.md"] == "docs/renamed/lower/leafy/"


def test_links_and_relrefs_follow_the_moved_pages(project):
    root = project(PAGES, config=CONFIG)
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    home = (root / "site" / "index.html").read_text("utf-8")
    for href, text in [("elsewhere/Here/", "moved"), ("subsection/", "sub"),
                       ("bare-page/", "bare"), ("docs/my-slug/", "slugged")]:
        assert f'<a href="{href}">{text}</a>' in home
    moved = (root / "site" / "elsewhere" / "Here" / "index.html").read_text("utf-8")
    assert '<a href="../../docs/sub/child/">child</a>' in moved
    sub = (root / "site" / "subsection" / "index.html").read_text("utf-8")
    assert '<a href="../elsewhere/Here/">moved</a>' in sub


def test_a_url_with_a_file_name_keeps_it(project):
    page = load(project({"docs/a.md": "---\nurl: /pages/file.html\n---\nA\n"})).pages[0]
    assert book.page_url(page.src_uri, directory_urls=False) == "pages/file.html"
    assert book.page_url(page.src_uri) == "pages/file/"  # folder URLs: as MkDocs makes them


def test_in_another_language_a_url_is_under_its_root(project):
    loaded = load(project({
        "docs/a.md": "---\nurl: zed\n---\nA\n",
        "docs/b.md": "---\nurl: /fr/y/\n---\nB\n",
        "docs/c.md": "---\nurl: /x/\n---\nC\n",
    }), language_root="fr/")
    site = urls(loaded)
    assert site["docs/a.md"] == "zed/"  # relative: under the language's root, /fr/zed/
    assert site["docs/b.md"] == "y/"  # /fr/y/ written whole
    assert site["docs/c.md"] == "x/"
    page = loaded.by_rel_path["docs/c.md"]
    assert [str(w) for w in page.warnings] == [
        f"{page.display_path}:2:1: url: '/x/' is outside this language's pages (/fr/); "
        "it is published at /fr/x/"]
