"""Taxonomy pages: what hugomat makes of `tags:` and `categories:` (hugomat.read.taxonomies).

What each page lists is compared with Hugo's own render in test_taxonomies_differential.py;
these tests cover the rules one by one, and the build's side: links to the pages, the menu,
search, a wrong value, a site without taxonomies.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from hugomat.cli import main
from hugomat.errors import ContentErrors
from hugomat.read import book, taxonomies
from hugomat.read.source import SiteSource
from site_configs import MINIMAL_MKDOCS_YML

HUGO_DEFAULT = (("tag", "tags"), ("category", "categories"))


def load(root: Path, **options) -> book.Book:
    return book.load(SiteSource(root=root, content_dir=root / "content", **options))


def build(*args: str):
    return CliRunner().invoke(main, ["build", "--strict", *args], catch_exceptions=False)


def article(root: Path, url: str) -> str:
    html = (root / "site" / url / "index.html").read_text("utf-8")
    start = html.index('<article class="md-content__inner md-typeset">')
    return html[start:html.index("</article>", start)]


@pytest.mark.parametrize(("written", "title"), [
    ("the art of war", "The Art of War"),
    ("iOS tips", "IOS Tips"),
    ("a/b", "A/B"),
    ("x.y_z", "X.y_z"),
    ("MixedCase", "MixedCase"),
    ("war of the worlds and more", "War of the Worlds and More"),
    ("of mice", "Of Mice"),
    ("tags", "Tags"),
])
def test_titles_are_title_cased_as_hugo_titles_terms(written, title):
    assert taxonomies.title_case(written) == title


@pytest.mark.parametrize(("written", "lower", "path"), [
    ("Hugo Stuff", True, "hugo-stuff"),
    ("C++ & Go", True, "c++--go"),
    ("Hello,  World!", True, "hello--world"),
    ("a/b", True, "a/b"),
    ("Ünïcode Tag", True, "ünïcode-tag"),
    ("C++ & Go", False, "C++-Go"),
    ("Hello,  World!", False, "Hello-World"),
])
def test_term_urls_are_made_as_hugo_makes_them(written, lower, path):
    assert taxonomies.term_path(written, lower=lower) == path


def test_terms_are_pages_of_the_book_outside_the_menu(project):
    root = project({
        "docs/_index.md": "---\ntitle: Docs\n---\n",
        "docs/a.md": "---\ntitle: A\ntags: [Hugo Stuff]\n---\nA.\n",
        "docs/b.md": "---\ntitle: B\nweight: 1\ntags: [hugo stuff, other]\ncategories: x\n"
                     "---\nB.\n",
    })
    loaded = load(root, taxonomies=HUGO_DEFAULT, lowercase_urls=True)
    made = {p.rel_path: p.title for p in loaded.pages if p.made and p.rel_path != "_index.md"}
    assert made == {"categories/_index.md": "Categories", "categories/x/_index.md": "X",
                    "tags/_index.md": "Tags", "tags/hugo-stuff/_index.md": "Hugo Stuff",
                    "tags/other/_index.md": "Other"}
    term = loaded.taxonomies.listing["tags/hugo-stuff/_index.md"]
    assert [p.rel_path for p in term.pages] == ["docs/b.md", "docs/a.md"]  # weight first
    in_menu = {p.rel_path for p in loaded.root.walk()}
    assert not any(path.startswith(("tags/", "categories/")) for path in in_menu)
    # relref finds them as Hugo does.
    assert loaded.find("/tags/hugo-stuff") is loaded.by_rel_path["tags/hugo-stuff/_index.md"]


def test_a_page_written_where_a_taxonomy_page_goes_is_that_page(project):
    root = project({
        "tags/_index.md": "---\ntitle: All our tags\n---\nIntro.\n",
        "docs/a.md": "---\ntitle: A\ntags: [t]\n---\nA.\n",
    })
    loaded = load(root, taxonomies=HUGO_DEFAULT)
    listing = loaded.taxonomies.listing["tags/_index.md"]
    assert listing.page.title == "All our tags" and not listing.page.made


@pytest.mark.parametrize(("value", "shown"), [
    ("[hugo, 3]", "a list holding int 3"),
    ("{a: b}", "dict {'a': 'b'}"),
    ("7", "int 7"),
])
def test_a_site_taxonomy_value_that_names_no_terms_is_a_located_error(project, value, shown):
    root = project({"docs/a.md": f"---\ntitle: A\ndate: 2024-01-01\nseries: {value}\n---\nA.\n"})
    with pytest.raises(ContentErrors) as raised:
        load(root, taxonomies=(("series", "series"),))
    [error] = raised.value.errors
    assert str(error) == (f"content/docs/a.md:4:1: series: expected a list of strings such as "
                          f"[\"hugo\", \"theme\"], got {shown}")


def test_tags_that_are_not_text_are_read_as_hugo_reads_them_with_a_located_warning(project):
    # page_schema's reading of tags and categories (Hugo's cast to texts) comes first.
    root = project({"docs/a.md": "---\ntitle: A\ntags: [hugo, 3]\n---\nA.\n"})
    loaded = load(root, taxonomies=HUGO_DEFAULT, lowercase_urls=True)
    [warning] = loaded.by_rel_path["docs/a.md"].warnings
    assert str(warning).startswith("content/docs/a.md:3:1: tags holds the number 3")
    assert "tags/3/_index.md" in loaded.by_rel_path


def test_a_site_taxonomy_is_read_under_its_own_key(project):
    root = project({"docs/a.md": "---\ntitle: A\nseries: [One]\ntags: 5\n---\nA.\n"})
    loaded = load(root, taxonomies=(("series", "series"),), lowercase_urls=True)
    assert "series/one/_index.md" in loaded.by_rel_path
    assert not any(p.startswith("tags/") for p in loaded.by_rel_path)  # not a taxonomy here


def test_the_build_draws_the_lists_and_links_to_them_resolve(project):
    root = project({
        "_index.md": "---\ntitle: Home\n---\nSee [theme](/tags/theme/), "
                     "[all]({{< relref \"/tags\" >}}) and [guides](/categories/guides/).\n",
        "docs/_index.md": "---\ntitle: Docs\n---\n",
        "docs/a.md": "---\ntitle: Alpha *page*\ndate: 2024-01-02\ntags: [theme, Hugo]\n"
                     "categories: [Guides]\n---\nA.\n",
        "docs/b.md": "---\ntitle: Beta\nweight: 2\ntags: [theme]\n---\nB.\n",
    }, config=MINIMAL_MKDOCS_YML.replace("  - hugomat\n",
                                         "  - hugomat:\n      lowercase_urls: true\n"))
    result = build()
    assert result.exit_code == 0, result.output
    home = article(root, "")
    assert 'href="tags/theme/"' in home and 'href="tags/"' in home
    assert 'href="categories/guides/"' in home
    tags = article(root, "tags")
    # Both terms' newest page is of 2024-01-02: then by title.
    assert ('<li><a href="hugo/">Hugo</a> (1)</li>\n<li><a href="theme/">Theme</a> (2)</li>'
            in tags)
    theme = article(root, "tags/theme")
    assert theme.index('href="../../docs/b/">Beta</a>') < theme.index(
        'href="../../docs/a/">Alpha *page*</a>')  # a title is text, not Markdown
    assert "January 2, 2024 · " in theme
    # Searchable, and not in the menu.
    index = json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))
    assert {"tags/", "tags/theme/", "categories/guides/"} <= {d["location"] for d in
                                                             index["docs"]}
    menu = (root / "site" / "docs" / "index.html").read_text("utf-8")
    nav = menu[menu.index('<nav class="md-nav md-nav--primary"'):]
    assert "tags/theme/" not in nav[:nav.index("</nav>")]


def test_a_site_without_taxonomies_has_no_such_pages_and_such_links_fail(project):
    config = MINIMAL_MKDOCS_YML.replace("  - hugomat\n", "  - hugomat:\n      taxonomies: {}\n")
    root = project({
        "_index.md": "---\ntitle: Home\n---\nSee [theme](/tags/theme/).\n",
        "docs/a.md": "---\ntitle: A\ntags: [theme]\n---\nA.\n",
    }, config=config)
    result = build()
    assert result.exit_code == 1
    assert "content/_index.md:4:" in result.output and "/tags/theme/" in result.output
    assert not (root / "site" / "tags").exists()


def test_a_taxonomy_folder_that_is_no_folder_name_is_a_configuration_error(project):
    config = MINIMAL_MKDOCS_YML.replace("  - hugomat\n",
                                        "  - hugomat:\n      taxonomies: {tag: a/b}\n")
    project({"docs/a.md": "---\ntitle: A\n---\nA.\n"}, config=config)
    result = build()
    assert result.exit_code == 2
    assert "taxonomies.tag: 'a/b' is no folder name" in result.output


def imported(tmp_path: Path, hugo_toml: str):
    site = tmp_path / "hugo"
    (site / "content" / "docs").mkdir(parents=True)
    (site / "content" / "docs" / "a.md").write_text("---\ntitle: A\n---\nA.\n", "utf-8")
    (site / "hugo.toml").write_text(hugo_toml, "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["import", str(site), "--out", str(out)],
                                catch_exceptions=False)
    if result.exit_code != 0:
        return None, result
    config = yaml.safe_load((out / "mkdocs.yml").read_text("utf-8"))
    plugin = next(p["hugomat"] for p in config["plugins"] if isinstance(p, dict))
    return plugin, result


@pytest.mark.parametrize(("hugo_toml", "named", "off", "said"), [
    ("title = 'T'\n", None, None, None),
    ("title = 'T'\n[taxonomies]\n  tag = 'tags'\n  category = 'categories'\n", None, None,
     None),
    ("title = 'T'\n[taxonomies]\n  series = 'series'\n", {"series": "series"}, None, None),
    ("title = 'T'\n[taxonomies]\n", {}, None, None),
    ("title = 'T'\ndisableKinds = ['taxonomy', 'term']\n", {}, None, None),
    ("title = 'T'\ndisableKinds = ['taxonomy']\n", None, ["taxonomy"], None),
    # hugo-book's older example: Hugo 0.168 reads taxonomyTerm as taxonomy (terms stay).
    ("title = 'T'\ndisableKinds = ['taxonomy', 'taxonomyTerm']\n", None, ["taxonomy"], None),
    ("title = 'T'\ndisableKinds = ['term']\n", None, ["term"], None),
    ("title = 'T'\ndisableKinds = ['RSS', 'term', 'taxonomy']\n", {}, None,
     "disableKinds: RSS: not carried over"),
])
def test_import_carries_the_sites_taxonomies_over(tmp_path, hugo_toml, named, off, said):
    plugin, result = imported(tmp_path, hugo_toml)
    assert plugin.get("taxonomies") == named  # None: Hugo's own two, the plugin's default
    assert plugin.get("taxonomy_kinds_off") == off
    if said:
        assert said in result.output
    assert "taxonomies: hugomat does not understand" not in result.output
    assert "disableKinds: hugomat does not understand" not in result.output


def test_import_locates_taxonomies_of_the_wrong_type(tmp_path):
    plugin, result = imported(tmp_path, "title = 'T'\n[taxonomies]\n  tag = ['tags']\n")
    assert plugin is None and result.exit_code == 2
    assert "hugo.toml:3:3: taxonomies.tag: expected text, found" in result.output


@pytest.mark.parametrize(("language", "shown"), [
    # As Hugo 0.168 with hugo-book prints 2024-05-02 on a term page of that language.
    ("en", "May 2, 2024"), ("fr", "mai 2, 2024"), ("ru", "мая 2, 2024"), ("zh", "五月 2, 2024"),
    ("xx", "May 2, 2024"),  # a language CLDR does not know
])
def test_dates_name_the_month_in_the_pages_language(language, shown):
    date = datetime.datetime(2024, 5, 2, tzinfo=datetime.UTC)
    assert taxonomies.hugo_book_date(date, language) == shown


@pytest.mark.parametrize(("options", "spellings", "path"), [
    # Spellings that get one URL are one term, as in Hugo 0.168.
    ({"lowercase_urls": True}, ["Hugo Stuff", "hugo stuff"], "tags/hugo-stuff/index.md"),
    ({"lowercase_urls": True, "remove_path_accents": True}, ["Café", "cafe"],
     "tags/cafe/index.md"),
    ({"lowercase_urls": False}, ["x  y", "x y"], "tags/x-y/index.md"),
])
def test_spellings_of_one_url_are_one_term(project, options, spellings, path):
    root = project({f"docs/p{n}.md": f"---\ntitle: P{n}\ntags: ['{spelling}']\n---\nx\n"
                    for n, spelling in enumerate(spellings)})
    loaded = load(root, taxonomies=HUGO_DEFAULT, **options)
    [term] = loaded.taxonomies.taxonomies[1].terms
    assert term.page.src_uri == path
    assert [page.rel_path for page in term.pages] == ["docs/p0.md", "docs/p1.md"]


def test_a_term_without_a_letter_or_digit_is_left_out_with_a_located_warning(project):
    root = project({"docs/a.md": "---\ntitle: A\ntags: ['!!!', '', ok]\n---\nx\n"})
    loaded = load(root, taxonomies=HUGO_DEFAULT, lowercase_urls=True)
    [warning] = loaded.by_rel_path["docs/a.md"].warnings
    assert str(warning) == ("content/docs/a.md:3:1: tags: '!!!' has no letter or digit to make "
                            "a URL of; the term is left out (Hugo draws its page over /tags/)")
    assert [term.name for term in loaded.taxonomies.taxonomies[1].terms] == ["ok"]


def test_a_kind_of_page_that_is_no_taxonomy_page_is_a_configuration_error(project):
    config = MINIMAL_MKDOCS_YML.replace("  - hugomat\n",
                                        "  - hugomat:\n      taxonomy_kinds_off: [rss]\n")
    project({"docs/a.md": "---\ntitle: A\n---\nA.\n"}, config=config)
    result = build()
    assert result.exit_code == 2
    assert "taxonomy_kinds_off" in result.output and "'rss'" in result.output


def test_check_reports_a_wrong_taxonomy_value_as_build_does(project):
    config = MINIMAL_MKDOCS_YML.replace(
        "  - hugomat\n", "  - hugomat:\n      taxonomies: {tag: tags, series: series}\n")
    project({"docs/a.md": "---\ntitle: A\nseries: 5\n---\nA.\n"}, config=config)
    line = ("content/docs/a.md:3:1: series: expected a list of strings such as "
            "[\"hugo\", \"theme\"], got int 5")
    checked = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    built = build()
    assert (checked.exit_code, built.exit_code) == (1, 1)
    assert line in checked.output and line in built.output
