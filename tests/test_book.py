"""The Book: sections, Hugo's menu order, labels, drafts, hidden pages, lookups, URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from hugomat.errors import ContentErrors
from hugomat.read import book
from hugomat.read.source import SiteSource
from hugomat.site.navigation import MenuLink, navigation


def load(root: Path, **options) -> book.Book:
    return book.load(SiteSource(root=root, content_dir=root / "content", **options))


def labels(section: book.Section) -> list[str]:
    return [child.label for child in section.children]


def test_sections_index_pages_and_home(project):
    root = project({
        "_index.md": "---\ntitle: Home page\n---\nWelcome\n",
        "docs/_index.md": "---\ntitle: Docs\n---\n",
        "docs/guide/_index.md": "---\ntitle: Guide\n---\nGuide text\n",
        "docs/guide/one.md": "---\ntitle: One\n---\nText\n",
        "docs/bundle/index.md": "---\ntitle: Bundle\n---\nA leaf bundle\n",
    })
    loaded = load(root)
    assert loaded.home is not None and loaded.home.title == "Home page"
    assert loaded.home.src_uri == "index.md"
    docs = loaded.menu_root
    assert docs is not None and docs.index is not None and docs.index.src_uri == "docs/index.md"
    guide = next(c for c in docs.children if isinstance(c, book.Section))
    assert guide.index is not None and guide.index.src_uri == "docs/guide/index.md"
    assert [p.src_uri for p in guide.children] == ["docs/guide/one.md"]
    bundle = next(c for c in docs.children if isinstance(c, book.Page))
    assert bundle.src_uri == "docs/bundle/index.md" and bundle.title == "Bundle"


def test_menu_order_weight_then_unset_then_title_then_path(project):
    root = project({
        "docs/a.md": "---\ntitle: Zeta\nweight: 2\n---\nx\n",
        "docs/b.md": "---\ntitle: Alpha\n---\nx\n",
        "docs/c.md": "---\ntitle: Mid\nweight: 1\n---\nx\n",
        "docs/d.md": "---\ntitle: Beta\nweight: 0\n---\nx\n",
        "docs/e.md": "---\ntitle: Alpha\n---\nx\n",
        "docs/f.md": "---\ntitle: Neg\nweight: -5\n---\nx\n",
    })
    docs = load(root).menu_root
    assert docs is not None
    assert [c.rel_path for c in docs.children] == [
        "docs/f.md", "docs/c.md", "docs/a.md", "docs/b.md", "docs/e.md", "docs/d.md"]


def test_menu_order_date_newest_first_between_weight_and_title(project):
    root = project({
        "docs/old.md": "---\ntitle: A old\ndate: 2020-01-01\n---\nx\n",
        "docs/new.md": "---\ntitle: Z new\ndate: 2024-06-01\n---\nx\n",
        "docs/none.md": "---\ntitle: B none\n---\nx\n",
    })
    docs = load(root).menu_root
    assert docs is not None
    assert labels(docs) == ["Z new", "A old", "B none"]


def test_labels_link_title_then_title_then_file_name(project):
    root = project({
        "docs/with-link.md": "---\ntitle: Long title\nlinkTitle: Short\n---\nx\n",
        "docs/plain.md": "---\ntitle: Plain title\n---\nx\n",
        "docs/getting-started.md": "# Heading is not the label\n",
        "docs/my_section/page.md": "---\ntitle: Inside\n---\nx\n",
    })
    docs = load(root).menu_root
    assert docs is not None
    # my_section/ has no _index.md: no section in Hugo, its page is listed among docs'.
    assert labels(docs) == ["Getting started", "Inside", "Plain title", "Short"]


def test_drafts_are_left_out_unless_asked(project):
    pages = {
        "docs/a.md": "---\ntitle: A\n---\nx\n",
        "docs/draft.md": "---\ntitle: Draft\ndraft: true\n---\nx\n",
    }
    root = project(pages)
    assert [p.rel_path for p in load(root).pages if not p.made] == ["docs/a.md"]
    assert sorted(p.rel_path for p in load(root, drafts=True).pages if not p.made) == [
        "docs/a.md", "docs/draft.md"]


def test_hidden_pages_are_built_but_not_in_the_nav(project):
    root = project({
        "_index.md": "---\ntitle: Home\n---\nHi\n",
        "docs/shown.md": "---\ntitle: Shown\n---\nx\n",
        "docs/hidden.md": "---\ntitle: Hidden\nbookHidden: true\n---\nx\n",
        "docs/empty.md": "---\ntitle: Empty\n---\n",
        "docs/sec/_index.md": "---\ntitle: Sec\nbookHidden: true\n---\nx\n",
        "docs/sec/child.md": "---\ntitle: Child\n---\nx\n",
    })
    loaded = load(root)
    assert "docs/hidden.md" in loaded.by_rel_path
    assert navigation(loaded).items == [{"Shown": "docs/shown.md"}]


def test_navigation_nests_sections_with_their_index_first(project):
    root = project({
        "docs/a/_index.md": "---\ntitle: Section A\nweight: 1\n---\nIntro\n",
        "docs/a/p.md": "---\ntitle: P\n---\nx\n",
        "docs/b.md": "---\ntitle: B\nweight: 2\nbookHref: https://example.org/\n---\nx\n",
    })
    assert navigation(load(root)).items == [
        {"Section A": ["docs/a/index.md", {"P": "docs/a/p.md"}]},
        {"B": "https://example.org/"},
    ]


def test_book_section_star_is_the_whole_content_folder(project):
    root = project({"a.md": "---\ntitle: A\n---\nx\n", "docs/b.md": "---\ntitle: B\n---\nx\n"})
    assert load(root, book_section="*").menu_root.rel_dir == ""
    assert load(root, book_section="missing").menu_root is None


def test_front_matter_errors_of_all_pages_are_reported_together(project):
    root = project({
        "docs/a.md": "---\ntitle: [unclosed\n---\nx\n",
        "docs/b.md": "+++\ntitle = \n+++\nx\n",
    })
    with pytest.raises(ContentErrors) as failure:
        load(root)
    paths = sorted(str(e.location.path) for e in failure.value.errors)
    assert [Path(p).name for p in paths] == ["a.md", "b.md"]


@pytest.mark.parametrize(("ref", "expected"), [
    ("/docs/13_flames_on", "docs/13_flames_on.md"),
    ("/docs/13_flames_on.md", "docs/13_flames_on.md"),
    ("13_flames_on", "docs/13_flames_on.md"),
    ("13_flames_on.md", "docs/13_flames_on.md"),
    ("sibling", "docs/sibling.md"),
    ("../_index.md", "_index.md"),
    ("/docs", "docs/_index.md"),
    ("/", "_index.md"),
    ("bundle", "docs/bundle/index.md"),
])
def test_find_resolves_like_hugo(project, ref, expected):
    root = project({
        "_index.md": "---\ntitle: Home\n---\n",
        "docs/_index.md": "---\ntitle: Docs\n---\n",
        "docs/13_flames_on.md": "---\ntitle: Flames\n---\nx\n",
        "docs/sibling.md": "---\ntitle: Sibling\n---\nx\n",
        "docs/bundle/index.md": "---\ntitle: Bundle\n---\nx\n",
    })
    loaded = load(root)
    here = loaded.by_rel_path["docs/sibling.md"]
    found = loaded.find(ref, here)
    assert found is not None and found.rel_path == expected


def test_find_returns_none_for_missing_or_ambiguous_names(project):
    root = project({
        "docs/a/x.md": "---\ntitle: X1\n---\nx\n",
        "docs/b/x.md": "---\ntitle: X2\n---\nx\n",
    })
    loaded = load(root)
    assert loaded.find("nothing-here") is None
    assert loaded.find("x") is None


@pytest.mark.parametrize(("src_uri", "directory_urls", "url"), [
    ("index.md", True, ""),
    ("docs/index.md", True, "docs/"),
    ("docs/13_flames_on.md", True, "docs/13_flames_on/"),
    ("docs/13_flames_on.md", False, "docs/13_flames_on.html"),
    ("docs/index.md", False, "docs/"),
])
def test_page_url(src_uri, directory_urls, url):
    assert book.page_url(src_uri, directory_urls) == url


@pytest.mark.parametrize(("target", "from_url", "expected"), [
    ("docs/13_flames_on/", "", "docs/13_flames_on/"),
    ("", "docs/13_flames_on/", "../../"),
    ("docs/a/", "docs/b/", "../a/"),
    ("docs/b/", "docs/b/", "./"),
    ("_din_style/banner_images/13_fo.webp", "docs/13_flames_on/",
     "../../_din_style/banner_images/13_fo.webp"),
    ("docs/a.html", "docs/b.html", "a.html"),
])
def test_relative_url(target, from_url, expected):
    assert book.relative_url(target, from_url) == expected


def test_pages_put_themselves_in_menus_by_front_matter(project):
    root = project({
        "docs/a.md": "---\ntitle: A\n---\nx\n",
        "posts/_index.md": "---\ntitle: Blog\nmenu:\n  after:\n    weight: 5\n---\n",
        "about.md": "---\ntitle: About us\nmenu: after\n---\nx\n",
        "start.md": "---\ntitle: Start\nmenu: [before]\n---\nx\n",
        "docs/_index.md": "---\ntitle: Docs\nmenu:\n  after: {weight: 7, name: Single Page}\n"
                          "---\nAll\n",
    })
    laid_out = navigation(load(root), after=[MenuLink("Code", url="https://x.org/",
                                                                  weight=10)])
    assert [(e.label, e.url) for e in laid_out.before] == [("Start", "start/")]
    assert [(e.label, e.url) for e in laid_out.after] == [
        ("Blog", "posts/"), ("Single Page", "docs/"), ("Code", "https://x.org/"),
        ("About us", "about/")]
    assert laid_out.after[0].src_uri == "posts/index.md" and laid_out.after[2].src_uri is None
    assert laid_out.items == [{"A": "docs/a.md"}]


def test_hugo_makes_pages_for_the_home_and_top_level_sections_without_index(project):
    root = project({
        "blog/post.md": "---\ntitle: Post\n---\nx\n",
        "my-news/n.md": "---\ntitle: N\n---\nx\n",
        "category/c.md": "---\ntitle: C\n---\nx\n",
        "docs/_index.md": "---\ntitle: Docs\n---\n",
        "docs/nested/two.md": "---\ntitle: Two\n---\nx\n",
    })
    loaded = load(root)
    made = {p.rel_path: p.title for p in loaded.pages if p.made}
    # Titled as Hugo 0.168 titles them (with hugo-book); a deeper folder is no section.
    assert made == {"_index.md": "Home", "blog/_index.md": "Blogs",
                    "my-news/_index.md": "My-News", "category/_index.md": "Categories"}
    assert loaded.home is not None and loaded.home.src_uri == "index.md"
    assert loaded.find("/blog").rel_path == "blog/_index.md"
    assert not loaded.by_rel_path["docs/_index.md"].made


def test_sections_without_a_body_or_an_index_file_are_built(project):
    from click.testing import CliRunner

    from hugomat.cli import main

    root = project({
        "docs/_index.md": "---\ntitle: Docs\n---\n",
        "docs/empty/_index.md": "---\ntitle: Empty\n---\n",
        "docs/empty/one.md": "---\ntitle: One\n---\nx\n",
        "blog/post.md": "---\ntitle: Post\n---\nx\n",
    })
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for page, title in (("", "Home"), ("docs/", "Docs"), ("docs/empty/", "Empty"),
                        ("blog/", "Blogs")):
        html = (root / "site" / page / "index.html").read_text("utf-8")
        if page:
            assert f"<title>{title} - " in html
