"""hugo-book's page parameters in the built site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from hugomat.cli import main

CONFIG = """\
site_name: Params
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - hugomat:
      edit_link: https://git.example.org/book/edit/main/{path}
      menu_before: [{name: Start here, page: /docs/a}]
      menu_after: [{name: Elsewhere, url: "https://example.org/"}]
      menu_home: [{name: Read, page: /docs/a}, {name: Code, url: "https://example.org/code"}]
"""

PAGES = {
    # A landing page as hugo-book's own: Markdown inside an HTML block, between blank lines.
    "_index.md": "---\ntitle: Home\nlayout: landing\n---\n"
                 '<div class="book-hero">\n\n# Welcome {anchor=false}\n\n**Start** here.\n\n'
                 "</div>\n",
    "docs/a.md": "---\ntitle: A\nweight: 1\ndescription: All about A\n"
                 "aliases: [/old/a/, /older/a]\n---\n# A\n\n## Part\n\n"
                 "[Paper](/files/paper.pdf), [B's part](/docs/b/#part), [home](/)\n",
    "docs/b.md": "---\ntitle: B\nweight: 2\nbookToC: false\nbookSearchExclude: true\n---\n"
                 "# B\n\nSecret words\n\n## Part\n",
    "docs/c.md": "---\ntitle: C\nweight: 3\nbookHref: https://example.org/c\n---\nGone\n",
    "docs/flat/_index.md": "---\ntitle: Flat\nweight: 4\nbookFlatSection: true\n---\nF\n",
    "docs/flat/f1.md": "---\ntitle: F1\n---\nx\n",
    "docs/folded/_index.md": "---\ntitle: Folded\nweight: 5\nbookCollapseSection: true\n---\n",
    "docs/folded/g1.md": "---\ntitle: G1\n---\nx\n",
    "docs/open/_index.md": "---\ntitle: Open\nweight: 6\n---\n",
    "docs/open/h1.md": "---\ntitle: H1\n---\nx\n",
}


@pytest.fixture
def site(project) -> Path:
    root = project(PAGES, config=CONFIG, files={"static/robots.txt": b"User-agent: *\n",
                                                "static/files/paper.pdf": b"%PDF-1.4\n"})
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site"


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def test_description_is_the_meta_description(site):
    assert '<meta name="description" content="All about A">' in html(site, "docs/a")


@pytest.mark.parametrize("alias", ["old/a", "older/a"])
def test_aliases_redirect_to_the_page(site, alias):
    page = html(site, alias)
    assert 'content="0;url=../../docs/a/"' in page
    assert "window.location.replace" in page


def test_book_toc_false_hides_the_table_of_contents(site):
    hidden = 'data-md-component="sidebar" data-md-type="toc" hidden'
    assert hidden not in html(site, "docs/a")
    assert hidden in html(site, "docs/b")


def test_book_search_exclude_leaves_the_page_out_of_search(site):
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "docs/a/" in locations and not any(loc.startswith("docs/b/") for loc in locations)
    assert not any(loc.startswith("old/") for loc in locations)


def test_book_href_links_there_and_the_page_redirects(site):
    assert 'href="https://example.org/c"' in html(site, "docs/a")
    assert 'content="0;url=https://example.org/c"' in html(site, "docs/c")


def test_menus_before_and_after_the_tree(site):
    page = html(site, "docs/b")
    labels = [" ".join(label.split()) for label in
              re.findall(r'<span class="md-ellipsis">([^<]+)</span>', page)]
    assert labels.index("Start here") < labels.index("A") < labels.index("Elsewhere")


def test_sections_open_folded_and_flat(site):
    page = html(site, "docs/a")
    toggles = dict(re.findall(r'<li class="([^"]*)">\s*<input class="md-nav__toggle md-toggle ?" '
                              r'type="checkbox" id="(__nav_\d+)"', page)[i][::-1]
                   for i in range(3))
    checked = set(re.findall(r'id="(__nav_\d+)" checked', page))
    flat, folded, opened = sorted(toggles)
    assert "hugomat-nav__item--flat" in toggles[flat]
    assert flat in checked and opened in checked and folded not in checked
    inside = html(site, "docs/folded/g1")
    assert folded in set(re.findall(r'id="(__nav_\d+)" checked', inside))


def test_landing_page_has_no_side_bars_and_shows_the_home_menu(site):
    page = html(site, "")
    assert 'class="md-tabs hugomat-home-menu"' in page
    assert '<a href="docs/a/" class="md-tabs__link">Read</a>' in page
    assert 'href="https://example.org/code" class="md-tabs__link" target="_blank"' in page
    assert 'data-md-component="sidebar" data-md-type="navigation" hidden' in page
    article = page[page.index("<article"):page.index("</article>")]
    # The Markdown in the hero is read, and its heading is the page's only one.
    assert re.search(r'<div class="book-hero">\s*<h1 (class="hugomat-no-anchor" id="welcome"|'
                     r'id="welcome" class="hugomat-no-anchor")>Welcome', article)
    assert "<p><strong>Start</strong> here.</p>" in article
    assert article.count("<h1") == 1 and "**" not in article and "{" not in article


def test_edit_link_names_the_source_file(site):
    assert 'href="https://git.example.org/book/edit/main/content/docs/flat/_index.md"' in html(
        site, "docs/flat")


def test_static_files_are_copied(site):
    assert (site / "robots.txt").read_text("utf-8") == "User-agent: *\n"


def test_site_absolute_links_become_relative(site):
    page = html(site, "docs/a")
    assert '<a href="../../files/paper.pdf">Paper</a>' in page
    assert '<a href="../b/#part">B’s part</a>' in page
    assert '<a href="../../">home</a>' in page


def test_an_alias_that_is_the_url_of_a_page_is_an_error(project):
    project({"docs/a.md": "---\ntitle: A\naliases: [/docs/b/]\n---\nx\n",
             "docs/b.md": "---\ntitle: B\n---\nx\n"}, config=CONFIG.split("      edit_link")[0])
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 1
    assert (f"{Path('content/docs/a.md')}:3:1: alias '/docs/b/' is already the URL of "
            f"{Path('content/docs/b.md')}") in result.stderr


def test_a_large_book_prunes_its_navigation(project):
    # Three pages, and the home and docs/ pages Hugo makes for them: five.
    pages = {f"docs/p{n:03}.md": f"---\ntitle: P{n}\n---\nx\n" for n in range(3)}
    config = CONFIG.split("      edit_link")[0] + "      prune_navigation_above: 5\n"
    root = project(pages, config=config)
    page = root / "site" / "docs" / "p000" / "index.html"
    assert CliRunner().invoke(main, ["build", "--strict"]).exit_code == 0
    assert "navigation.prune" not in page.read_text("utf-8")
    (root / "content" / "docs" / "p005.md").write_text("---\ntitle: P5\n---\nx\n", "utf-8")
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "navigation.prune" in page.read_text("utf-8")
