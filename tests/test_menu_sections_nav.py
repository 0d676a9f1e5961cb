"""hugo-book's flat and collapsed sections in Material's menu, with Material's `navigation.prune`
and `navigation.expand` on and off, in one language and in two.

The plugin marks MkDocs' nav sections and Material's partials/nav-item.html, changed where it
is installed to read the marks (adapter.nav_item), draws them; the menu is read back here from
the built pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from jinja2 import FileSystemLoader
from material import templates as material_templates
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import Section, get_navigation

from hugomat.adapter import nav_item, plugin
from hugomat.adapter.nav_sections import mark_sections
from hugomat.cli import main
from hugomat.read.book import Section as BookSection
from site_configs import TWO_LANGUAGE_MKDOCS_YML

MATERIAL = Path(material_templates.__file__).parent


def chapter(title: str, weight: int = 0, extra: str = "") -> str:
    return f"---\ntitle: {title}\nweight: {weight}\n{extra}---\n{title}'s text\n"


# A page, a flat section holding a plain section, a collapsed section, a plain section.
PAGES = {
    "_index.md": chapter("Home"),
    "docs/a.md": chapter("A", 1),
    "docs/flat/_index.md": chapter("Flat", 2, "bookFlatSection: true\n"),
    "docs/flat/f1.md": chapter("F1", 1),
    "docs/flat/inner/_index.md": chapter("Inner", 2),
    "docs/flat/inner/i1.md": chapter("I1"),
    "docs/folded/_index.md": chapter("Folded", 3, "bookCollapseSection: true\n"),
    "docs/folded/g1.md": chapter("G1"),
    "docs/open/_index.md": chapter("Open", 4),
    "docs/open/h1.md": chapter("H1"),
}


def config(features: list[str]) -> str:
    return ("site_name: Menu\ndocs_dir: content\ntheme:\n  name: material\n  font: false\n"
            f"  features: [{', '.join(features)}]\nplugins:\n  - search\n  - hugomat\n")


# -- the menu, read from a page ---------------------------------------------------------------

@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def find_all(self, predicate) -> list[Element]:
        found = []
        for child in self.children:
            if predicate(child):
                found.append(child)
            found += child.find_all(predicate)
        return found

    def all_text(self) -> str:
        return " ".join([self.text, *(c.all_text() for c in self.children)]).strip()


class _Tree(HTMLParser):
    VOID = frozenset({"input", "br", "img", "meta", "link", "hr", "source"})

    def __init__(self) -> None:
        super().__init__()
        self.root = Element("root", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.open[-1].children.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].text += " ".join(data.split())


@dataclass(frozen=True)
class Drawn:
    """A section of the menu as a reader sees it."""

    flat: bool
    shown_open: bool  # checked, or left to Material's `navigation.expand` (indeterminate)
    pruned: bool
    children: tuple[str, ...]
    aria_expanded: str | None


def primary_nav(html: str) -> Element:
    tree = _Tree()
    tree.feed(html)
    navs = tree.root.find_all(lambda e: e.tag == "nav" and "md-nav--primary" in e.classes())
    assert len(navs) == 1
    return navs[0]


def label_of(item: Element) -> str:
    ellipsis = item.find_all(lambda e: "md-ellipsis" in e.classes())
    return ellipsis[0].all_text()


def sections(html: str) -> dict[str, Drawn]:
    drawn = {}
    for item in primary_nav(html).find_all(
            lambda e: e.tag == "li" and "md-nav__item--nested" in e.classes()):
        toggle = next((c for c in item.children if c.tag == "input"), None)
        nested = next((c for c in item.children if c.tag == "nav"), None)
        listed = nested.find_all(lambda e: e.tag == "ul")[0].children if nested else []
        shown_open = toggle is not None and (
            "checked" in toggle.attrs or "md-toggle--indeterminate" in toggle.classes())
        drawn[label_of(item)] = Drawn(
            flat="hugomat-nav__item--flat" in item.classes(), shown_open=shown_open,
            pruned="md-nav__item--pruned" in item.classes(),
            children=tuple(label_of(c) for c in listed if c.tag == "li"),
            aria_expanded=nested.attrs.get("aria-expanded") if nested else None)
    return drawn


def build(project, pages: dict[str, str], mkdocs_yml: str,
          files: dict[str, bytes] | None = None) -> Path:
    root = project(pages, config=mkdocs_yml, files=files)
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def opened(children: tuple[str, ...]) -> Drawn:
    return Drawn(flat=False, shown_open=True, pruned=False, children=children,
                 aria_expanded="true")


FOLDED_SHUT = Drawn(flat=False, shown_open=False, pruned=False, children=("Folded", "G1"),
                    aria_expanded="false")
PRUNED = Drawn(flat=False, shown_open=False, pruned=True, children=(), aria_expanded=None)
FLAT = Drawn(flat=True, shown_open=True, pruned=False, children=("Flat", "F1", "Inner"),
             aria_expanded="true")


# -- flat and collapsed sections, prune and expand on and off ---------------------------------

@pytest.mark.parametrize("prune", [False, True], ids=["noprune", "prune"])
@pytest.mark.parametrize("expand", [False, True], ids=["noexpand", "expand"])
def test_flat_and_collapsed_sections_with_prune_and_expand(project, prune, expand):
    features = ["navigation.prune"] * prune + ["navigation.expand"] * expand
    site = build(project, PAGES, config(features))

    # On a page outside every section: the flat section drawn flat and open; the collapsed
    # one shut (navigation.expand does not open it); plain sections open as in hugo-book,
    # except where navigation.prune leaves out all but the current page's sections.
    outside = sections(page(site, "docs/a"))
    assert outside == {
        "Flat": FLAT,
        "Inner": PRUNED if prune else opened(("Inner", "I1")),
        "Folded": PRUNED if prune else FOLDED_SHUT,
        "Open": PRUNED if prune else opened(("Open", "H1")),
    }

    # A page inside the collapsed section opens it, as hugo-book does.
    inside = sections(page(site, "docs/folded/g1"))
    assert inside["Folded"] == opened(("Folded", "G1"))
    assert inside["Flat"] == FLAT
    assert inside["Open"] == (PRUNED if prune else opened(("Open", "H1")))

    # A page inside the plain section held by the flat one: both open.
    deep = sections(page(site, "docs/flat/inner/i1"))
    assert deep["Flat"] == FLAT and deep["Inner"] == opened(("Inner", "I1"))
    assert deep["Folded"] == (PRUNED if prune else FOLDED_SHUT)


def test_prune_turned_on_by_hugomat_for_a_large_book_keeps_flat_and_collapsed(project):
    mkdocs_yml = config([]).replace("  - hugomat\n",
                                    "  - hugomat:\n      prune_navigation_above: 3\n")
    site = build(project, PAGES, mkdocs_yml)
    outside = sections(page(site, "docs/a"))
    assert outside["Flat"] == FLAT and outside["Folded"] == PRUNED
    assert sections(page(site, "docs/folded/g1"))["Folded"] == opened(("Folded", "G1"))


@pytest.mark.parametrize("prune", [False, True], ids=["noprune", "prune"])
def test_two_languages_each_draw_their_own_flags(project, prune):
    # In Spanish the flags are the other way round: each language reads its own sections.
    spanish = {
        "_index.md": chapter("Inicio"),
        "docs/a.md": chapter("A", 1),
        "docs/flat/_index.md": chapter("Plana", 2, "bookCollapseSection: true\n"),
        "docs/flat/f1.md": chapter("F1"),
        "docs/folded/_index.md": chapter("Plegada", 3, "bookFlatSection: true\n"),
        "docs/folded/g1.md": chapter("G1"),
    }
    english = {key: PAGES[key] for key in spanish}
    files = {f"content.{language}/{rel}": text.encode() for language, pages in
             (("en", english), ("es", spanish)) for rel, text in pages.items()}
    mkdocs_yml = TWO_LANGUAGE_MKDOCS_YML.replace(
        "  font: false\n", "  font: false\n  features: [navigation.prune]\n" if prune else
        "  font: false\n")
    site = build(project, {}, mkdocs_yml, files)

    english_menu = sections(page(site, "docs/a"))
    assert english_menu["Flat"] == Drawn(flat=True, shown_open=True, pruned=False,
                                         children=("Flat", "F1"), aria_expanded="true")
    assert english_menu["Folded"] == (PRUNED if prune else FOLDED_SHUT)

    spanish_menu = sections(page(site, "es/docs/a"))
    assert spanish_menu["Plegada"] == Drawn(flat=True, shown_open=True, pruned=False,
                                            children=("Plegada", "G1"), aria_expanded="true")
    assert spanish_menu["Plana"] == (PRUNED if prune else Drawn(
        flat=False, shown_open=False, pruned=False, children=("Plana", "F1"),
        aria_expanded="false"))
    assert sections(page(site, "es/docs/flat/f1"))["Plana"] == opened(("Plana", "F1"))


# -- without flags, the partial draws Material's markup, byte for byte ------------------------

STOCK_DOCS = {
    "index.md": "# Home\n",
    "a.md": "# A\n\n## Part\n",
    "one/index.md": "# One\n",
    "one/b.md": "# B\n",
    "one/deeper/c.md": "# C\n\n## Part\n",
    "two/d.md": "# D\n",
    "two/e.md": "# E\n",
}
FEATURE_SETS = [
    [], ["navigation.prune"], ["navigation.expand"], ["navigation.indexes"],
    ["navigation.sections"], ["navigation.tabs", "navigation.sections", "navigation.prune"],
    ["navigation.indexes", "navigation.expand", "navigation.prune"],
]
MENU = """{% import "partials/nav-item.html" as item with context %}
{%- for nav_item in nav.items %}{{ item.render(nav_item, "__nav_" ~ loop.index, 1) }}{% endfor %}"""


def render_menus(docs: Path, features: list[str], loader) -> list[str]:
    """The menu of every page, rendered by partials/nav-item.html as the loader finds it."""
    mkdocs_config = MkDocsConfig()
    mkdocs_config.load_dict({"site_name": "Stock", "docs_dir": str(docs),
                             "site_dir": str(docs.parent / "site"),
                             "theme": {"name": "material", "features": features}})
    errors, warnings = mkdocs_config.validate()
    assert not errors and not warnings
    files = get_files(mkdocs_config)
    nav = get_navigation(files, mkdocs_config)
    env = mkdocs_config.theme.get_env()  # MkDocs' filters (url), with the loader given
    env.loader = loader
    template = env.from_string(MENU)
    menus = []
    for current in nav.pages:
        current.active = True
        menus.append(template.render(nav=nav, page=current, features=features,
                                     config=mkdocs_config, base_url="."))
        current.active = False
    return menus


@pytest.mark.parametrize("features", FEATURE_SETS, ids=lambda f: "+".join(f) or "none")
def test_without_flags_the_menu_is_materials_byte_for_byte(tmp_path, features):
    docs = tmp_path / "docs"
    for rel, text in STOCK_DOCS.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    stock = render_menus(docs, features, FileSystemLoader(str(MATERIAL)))
    ours = render_menus(docs, features, nav_item.with_flagged_partial(
        FileSystemLoader(str(MATERIAL)), MATERIAL))
    assert len(stock) == len(STOCK_DOCS) and "md-nav__item--nested" in stock[-1]
    assert ours == stock


def test_the_partial_is_materials_but_for_the_lines_reading_the_flags():
    # Fails when Material's own partial changes where hugomat changes it (a new release).
    stock = (MATERIAL / nav_item.NAME).read_text("utf-8").splitlines()
    ours = nav_item.flagged_partial(MATERIAL).splitlines()
    assert len(ours) == len(stock)
    changed = [(theirs, mine) for theirs, mine in zip(stock, ours, strict=True) if theirs != mine]
    assert len(changed) == len(nav_item.CHANGES)
    assert all(nav_item.FLAG in mine and nav_item.FLAG not in theirs for theirs, mine in changed)


def test_a_partial_that_changed_is_said_and_left_as_materials(tmp_path, project):
    (tmp_path / "partials").mkdir()
    (tmp_path / nav_item.NAME).write_text("{% macro render(nav_item, path, level) %}"
                                          "{% endmacro %}", encoding="utf-8")
    with pytest.raises(nav_item.PartialChanged) as raised:
        nav_item.flagged_partial(tmp_path)
    assert "flat and collapsed sections are drawn as Material's" in str(raised.value)


def test_a_sites_own_nav_item_partial_wins(project):
    overrides = {"overrides/partials/nav-item.html": "{% macro render(nav_item, path, level) %}"
                                                     "<li>the site's own</li>{% endmacro %}"}
    root = project(PAGES, config=config([]).replace(
        "  font: false\n", "  font: false\n  custom_dir: overrides\n"),
        files={k: v.encode() for k, v in overrides.items()})
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = (root / "site" / "docs" / "a" / "index.html").read_text("utf-8")
    assert "<li>the site's own</li>" in page and "hugomat-nav__item--flat" not in page


def test_every_section_of_the_nav_is_marked(project):
    # The plugin's marks, on the objects the partial reads.
    captured = {}

    def keep(self, nav, *, config, files):
        captured["nav"] = original(self, nav, config=config, files=files)
        return captured["nav"]

    original = plugin.HugomatPlugin.on_nav
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plugin.HugomatPlugin, "on_nav", keep)
        build(project, PAGES, config([]))

    def walk(items):
        for item in items:
            if isinstance(item, Section):
                yield item
                yield from walk(item.children)

    marks = {s.title: getattr(s, "hugomat_menu", None) for s in walk(captured["nav"].items)}
    assert marks == {"Flat": "flat", "Inner": "open", "Folded": "collapsed", "Open": "open"}


def test_a_nav_changed_by_another_plugin_is_left_unmarked_with_a_warning(caplog):
    book_sections = [BookSection("docs/flat"), BookSection("docs/folded")]
    same = [Section("Flat", []), Section("Folded", [])]
    mark_sections(same, book_sections)
    assert [s.hugomat_menu for s in same] == ["open", "open"]

    renamed = [Section("Flat", []), Section("Elsewhere", [])]
    with caplog.at_level("WARNING", logger="mkdocs.plugins.hugomat"):
        mark_sections(renamed, book_sections)
    assert not any(hasattr(s, "hugomat_menu") for s in renamed)
    assert "bookFlatSection and bookCollapseSection are not drawn" in caplog.text


def test_the_html_material_made_is_never_rewritten():
    # Section flags reach Material through the nav objects and its partial, not by editing
    # the finished pages: the plugin hooks neither event that hands them over.
    handlers = vars(plugin.HugomatPlugin)
    assert [event for event in ("on_post_page", "on_post_template") if event in handlers] == []
