"""hugo-book's inject partials (layouts/partials/docs/inject/*.html) drawn where hugo-book
puts them, in a built Material site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hugomat.adapter import build as builder
from hugomat.read import book
from hugomat.read.source import SiteSource
from hugomat.render.convert import convert_book

CONFIG = """site_name: Inject
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - hugomat
"""
INJECT = "layouts/partials/docs/inject/"
FILES = {
    "mkdocs.yml": CONFIG,
    "content/_index.md": "---\ntitle: Home\n---\nHome.\n",
    "content/docs/page.md": "---\ntitle: A page\n---\n# A page\n\n## Part\n\nText.\n",
    INJECT + "head.html": '<meta name="inject-head" content="{{ .Title }}">',
    INJECT + "body.html": '<div id="inject-body"></div>',
    INJECT + "footer.html": '<p id="inject-footer">{{ partial "credit.html" . }}</p>',
    INJECT + "menu-before.html": '<div id="inject-menu-before"></div>',
    INJECT + "menu-after.html": '<div id="inject-menu-after"></div>',
    INJECT + "content-before.html": '<div id="inject-content-before">{{ .RelPermalink }}</div>',
    INJECT + "content-after.html": '<div id="inject-content-after"></div>',
    INJECT + "toc-before.html": '<div id="inject-toc-before"></div>',
    INJECT + "toc-after.html": '<div id="inject-toc-after"></div>',
    "layouts/partials/credit.html": "Made by {{ site.Params.author }}",
    "hugo.toml": "title = 'Inject'\n[params]\nauthor = 'Ada'\n",
}


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("inject")
    _write(root, FILES)
    config = builder.load(str(root / "mkdocs.yml"), strict=True, site_dir=str(root / "site"))
    site = builder.build(config)
    return (site / "docs" / "page" / "index.html").read_text(encoding="utf-8")


def _at(page: str, marker: str) -> int:
    found = page.find(marker)
    assert found >= 0, marker
    return found


def test_head_and_body_partials(page: str):
    head_end = _at(page, "</head>")
    assert _at(page, '<meta name="inject-head" content="A page">') < head_end
    # At the end of <body>, after Material's scripts, as hugo-book puts it.
    body = _at(page, '<div id="inject-body"></div>')
    assert head_end < _at(page, "assets/javascripts/bundle.") < body < _at(page, "</body>")


def test_menu_partials_around_the_menu(page: str):
    nav = _at(page, 'class="md-nav md-nav--primary"')
    before, after = _at(page, "inject-menu-before"), _at(page, "inject-menu-after")
    sidebar = page.rfind('data-md-type="navigation"', 0, nav)
    assert sidebar < before < nav < after < _at(page, 'data-md-type="toc"')


def test_toc_partials_around_the_table_of_contents_once(page: str):
    sidebar = _at(page, 'data-md-type="toc"')
    toc = page.find('class="md-nav md-nav--secondary"', sidebar)
    assert page.count("inject-toc-before") == 1 and page.count("inject-toc-after") == 1
    assert sidebar < _at(page, "inject-toc-before") < toc
    assert toc < _at(page, "inject-toc-after") < _at(page, '<article')


def test_content_partials_around_the_text(page: str):
    article = _at(page, '<article class="md-content__inner md-typeset">')
    text = _at(page, "<p>Text.</p>")
    assert article < _at(page, '<div id="inject-content-before">/docs/page/</div>') < text
    assert text < _at(page, '<div id="inject-content-after">') < _at(page, "</article>")


def test_footer_partial_with_a_partial_and_site_params(page: str):
    assert _at(page, '<p id="inject-footer">Made by Ada</p>') > _at(page, "<footer")


def test_an_unsupported_function_leaves_the_partial_out_with_a_warning(tmp_path: Path):
    files = {**FILES, INJECT + "footer.html": '<p>\n  {{ images.Text "x" }}</p>'}
    _write(tmp_path, files)
    loaded = book.load(SiteSource(root=tmp_path, content_dir=tmp_path / "content"))
    converted = {c.page.rel_path: c for c in convert_book(loaded)}
    page = converted["docs/page.md"]
    assert "footer" not in page.inject and "content_before" in page.inject
    # Said once for the build, at the first page, not for each page.
    warnings = [w for c in converted.values() for w in c.warnings]
    assert len(warnings) == 1, warnings
    assert re.fullmatch(r'.*content/_index\.md:1:1: layouts/partials/docs/inject/footer\.html:2:6: '
                        r'function "images\.Text" is not supported; inject partial \'footer\' is '
                        r"left out of every page", str(warnings[0])), warnings[0]


_INJECTED = re.compile(r'<(?:div|p) id="(inject-[a-z-]+)">.*?</(?:div|p)>'
                       r'|<meta name="inject-head" content="[^"]*">')


def test_the_partials_make_what_hugo_makes(tmp_path: Path, page: str):
    import subprocess

    import hugo_reference

    if not hugo_reference.THEME.is_dir():
        hugo_reference.unavailable("the hugo-book theme of the test corpus is missing")
    config = FILES["hugo.toml"].replace("title = 'Inject'\n", "title = 'Inject'\n"
                                        "theme = 'hugo-book'\nbaseURL = 'https://example.org/'\n")
    _write(tmp_path, {**{k: v for k, v in FILES.items() if k != "mkdocs.yml"},
                      "hugo.toml": config})
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "hugo-book").symlink_to(hugo_reference.THEME,
                                                   target_is_directory=True)
    run = subprocess.run([str(hugo_reference.hugo_binary()), "build", "--quiet", "--source",
                          str(tmp_path), "--noBuildLock"], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    hugo_page = (tmp_path / "public" / "docs" / "page" / "index.html").read_text("utf-8")
    # hugo-book draws the table of contents twice (its mobile header has one): compared as sets.
    hugos = sorted({m.group() for m in _INJECTED.finditer(hugo_page)})
    ours = sorted({m.group() for m in _INJECTED.finditer(page)})
    assert len(hugos) == 9
    assert ours == hugos
