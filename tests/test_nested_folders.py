"""Folders without `_index.md` below the top of the content folder, compared with Hugo 0.168.

In Hugo only a top-level folder is a section without an `_index.md`; a deeper folder without
one is no section: its pages keep the folder in their URLs (`/docs/guide/part/x/`) but belong
to the nearest section above it (their `.Parent`, `.CurrentSection` and breadcrumbs name
it), and a section inside such a folder is a child of that section too. hugo-book's menu
walks `.Section.Pages`, so those pages are listed among that section's own children, in
Hugo's order, with no entry for the folder. The same small site is rendered by Hugo with
hugo-book and built by hugomat; the page URLs and the menu's links, in order, must agree.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from click.testing import CliRunner

from hugomat.cli import main
from test_menu_sections_nav import primary_nav
from test_relative_pictures import hugo_site, originals
from test_taxonomies_differential import build_ours, run_hugo


def page(title: str, weight: int = 0, body: str = "") -> str:
    weighted = f"weight: {weight}\n" if weight else ""
    return f"---\ntitle: {title}\n{weighted}---\n{body or title + ' text.'}\n"


PAGES = {
    "docs/_index.md": page("Docs"),
    "docs/top.md": page("Top", 1),
    # A folder without _index.md right under a section: its pages are the section's.
    "docs/loose/l.md": page("L page", 1),
    "docs/loose/inner/i.md": page("I page"),
    "docs/guide/_index.md": page("Guide", 2),
    "docs/guide/intro.md": page("Intro", 1, '[X]({{< relref "part/x.md" >}}) '
                                          '[D]({{< relref "d" >}})'),
    "docs/guide/part/x.md": page("X page", 3),
    "docs/guide/part/a.md": page("A page"),
    "docs/guide/part/deeper/d.md": page("Deep", 2),
    "docs/guide/part/bund/index.md": page("Bundle in part", 4),
    # A section inside a folder that is none: a child of the section above the folder.
    "docs/guide/part/sub2/_index.md": page("Sub two", 6),
    "docs/guide/part/sub2/y.md": page("In sub two"),
    "docs/guide/sub/_index.md": page("Sub", 5),
    "docs/guide/sub/s.md": page("S"),
    # A top-level folder without _index.md is a section; the folder below it is not.
    "blog/2024/post.md": page("Post"),
}
SHOWN_ON = ("/docs/guide/intro/", "/docs/guide/part/x/", "/docs/loose/inner/i/",
            "/docs/guide/part/sub2/y/")


class _HugoMenu(HTMLParser):
    """(target, label) of each link of hugo-book's menu tree (`aside.book-menu nav > ul`),
    without its language chooser (`ul.book-languages`)."""

    def __init__(self) -> None:
        super().__init__()
        self.in_menu = self.in_tree = False
        self.skipped = 0  # depth inside the language chooser
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self.skipped or (tag == "ul" and found.get("class") == "book-languages"):
            self.skipped += tag == "ul"
        elif tag == "aside" and found.get("class") == "book-menu":
            self.in_menu = True
        elif self.in_menu and tag == "ul" and "id" not in found:
            self.in_tree = True  # the file tree, after the brand and the search box
        elif self.in_tree and tag == "a":
            self._href, self._text = found.get("href"), []

    def handle_endtag(self, tag: str) -> None:
        if self.skipped:
            self.skipped -= tag == "ul"
        elif tag == "aside":
            self.in_menu = self.in_tree = False
        elif tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


def absolute(href: str, url: str) -> str:
    return urljoin("https://example.org" + url, href).removeprefix("https://example.org")


def hugo_menu(public: Path, url: str) -> list[tuple[str, str]]:
    reader = _HugoMenu()
    reader.feed((public / url.strip("/") / "index.html").read_text("utf-8"))
    return [(absolute(href, url), label) for href, label in reader.links]


def our_menu(site: Path, url: str) -> list[tuple[str, str]]:
    nav = primary_nav((site / url.strip("/") / "index.html").read_text("utf-8"))
    return [(absolute(a.attrs.get("href") or "", url), a.all_text())
            for a in nav.find_all(lambda e: e.tag == "a" and "md-nav__link" in e.classes())]


def page_urls(site: Path, folders: tuple[str, ...]) -> set[str]:
    return {"/" + path.relative_to(site).as_posix().removesuffix("index.html")
            for folder in folders for path in (site / folder).rglob("index.html")}


def article_links(html: str, start: str, url: str) -> list[str]:
    article = html[html.index(start):]
    article = article[:article.index("</article>")]
    return [absolute(href, url) for href in re.findall(r'<a href="([^"]+)"', article)
            if not href.startswith("#")]


def build_both(project, tmp_path: Path) -> tuple[Path, Path]:
    public = hugo_site(tmp_path / "hugo-site", PAGES, {})
    root = project(PAGES, config=originals())
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return public, root / "site"


def test_pages_and_menu_are_hugos(project, tmp_path):
    public, site = build_both(project, tmp_path)
    assert page_urls(site, ("docs", "blog")) == page_urls(public, ("docs", "blog"))
    for url in SHOWN_ON:
        expected = hugo_menu(public, url)
        # The site has what the test is about: a folder's pages among its section's.
        assert ("/docs/guide/part/x/", "X page") in expected, expected
        assert our_menu(site, url) == expected, url
    # relref finds pages in such a folder, by path from the page and by a unique name.
    intro = "/docs/guide/intro/"
    hugo_html = (public / "docs/guide/intro/index.html").read_text("utf-8")
    ours = (site / "docs/guide/intro/index.html").read_text("utf-8")
    assert article_links(ours, '<article class="md-content__inner', intro) == article_links(
        hugo_html, '<article class="markdown book-article">', intro) == [
        "/docs/guide/part/x/", "/docs/guide/part/deeper/d/"]


def test_a_folder_that_is_no_section_has_no_entry_in_the_menu(project):
    root = project(PAGES, config=originals())
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    nav = primary_nav((root / "site/docs/top/index.html").read_text("utf-8"))
    labels = [e.all_text() for e in nav.find_all(lambda e: "md-ellipsis" in e.classes())]
    assert {"Guide", "Sub", "Sub two", "X page", "I page"} <= set(labels), labels
    assert not {"Part", "Deeper", "Loose", "Inner", "2024"} & set(labels), labels


def test_sections_in_permalinks_skip_folders_that_are_no_sections(tmp_path, monkeypatch):
    # Hugo's :sections is the path of the page's section: docs/guide/part/x.md is in
    # docs/guide, so at /docs/guide/x/; a section inside part/ keeps its whole path.
    pages = {f"content.en/{rel}": text for rel, text in PAGES.items()}
    pages["content.fr/docs/f.md"] = page("F")
    public = run_hugo(tmp_path, "[permalinks]\n  docs = '/:sections/:filename/'", pages)
    site = build_ours(tmp_path, monkeypatch)
    hugo = page_urls(public, ("docs",))
    assert {"/docs/guide/x/", "/docs/i/", "/docs/guide/part/sub2/y/"} <= hugo, hugo
    assert page_urls(site, ("docs",)) == hugo


def test_a_book_section_inside_a_folder_that_is_no_section(tmp_path, monkeypatch):
    # Both languages of run_hugo's site need the section: Hugo stops on a missing one.
    pages = {f"{content}/{rel}": text for rel, text in PAGES.items()
             for content in ("content.en", "content.fr")}
    public = run_hugo(tmp_path, "[params]\n  BookSection = 'docs/guide/part/sub2'", pages)
    site = build_ours(tmp_path, monkeypatch)
    expected = hugo_menu(public, "/docs/top/")
    assert expected == [("/docs/guide/part/sub2/y/", "In sub two")]
    assert our_menu(site, "/docs/top/") == expected
