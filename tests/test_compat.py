"""The private or undocumented surfaces of MkDocs, Material and Pillow hugomat relies on
(hugomat.adapter.compat, compat_serve and the places their doc names): each test fails when
its surface changes, so that an upgrade says where it breaks."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import material
import mkdocs.commands.build
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from hugomat.adapter import compat, compat_serve
from hugomat.adapter.build import load
from hugomat.adapter.config import HugomatConfig, option_names
from hugomat.pictures import sizes

PAGES = {"_index.md": "---\ntitle: Home\n---\n# Home\n\n## Part\n\nWords.\n"}


def test_serve_url_is_the_address_mkdocs_prints() -> None:
    assert compat_serve.serve_url("127.0.0.1", 8000, "/") == "http://127.0.0.1:8000/"
    assert compat_serve.serve_url("localhost", 8001, "/book/") == "http://localhost:8001/book/"


class Marking(compat_serve.PageFilteringServer):
    def served_html(self, content: bytes) -> bytes:
        return content.replace(b"</body>", b"<p>marked</p></body>")


@pytest.mark.parametrize("livereload", [True, False])
def test_served_pages_pass_through_served_html_after_the_live_reload_script(
        livereload: bool, tmp_path: Path) -> None:
    server = Marking(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.livereload = livereload
        page = b"<html><body><p>text</p></body></html>"
        served = server._inject_js_into_html(page, 7)
    finally:
        server.server_close()
    assert served.count(b"<p>marked</p>") == 1
    assert (b"livereload" in served) == livereload
    if livereload:  # MkDocs' script first, then ours
        assert served.index(b"livereload") < served.index(b"<p>marked</p>")


def test_a_config_class_schema_lists_its_options_in_order() -> None:
    schema = compat.config_schema(MkDocsConfig)
    names = [name for name, _ in schema]
    assert names[:2] == ["config_file_path", "site_name"] and "markdown_extensions" in names
    assert option_names(HugomatConfig)[0] == compat.config_schema(HugomatConfig)[0][0]


def test_mkdocs_still_logs_what_hugomat_filters() -> None:
    source = inspect.getsource(mkdocs.commands.build)
    assert compat.DIRTY_BUILD_WARNING in source
    for message in compat.PROGRESS_MESSAGES:
        assert message in source


def test_material_search_index_adds_entries_and_writes_what_the_preview_merges(project):
    root = project(PAGES)
    config = load(str(root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    found = list(compat.search_indexes(config))
    assert len(found) == 1
    plugin, index = found[0]
    assert compat.is_material_search(plugin)
    entries = compat.search_entries(index)
    assert entries == []
    file = File("index.md", str(root / "content"), str(root / "site"), True)
    page = Page("Home", file, config)
    page.content = '<h1 id="home">Home</h1><h2 id="part">Part</h2><p>Words.</p>'
    page.toc = []
    index.add_entry_from_context(page)
    assert [entry["location"] for entry in entries] == ["", "#part"]
    written = json.loads(index.generate_search_index(None))
    assert set(written) >= {"config", "docs"}
    assert written["docs"][1]["location"] == "#part"
    assert compat.SEARCH_INDEX == "search/search_index.json"
    assert "search_index.json" in inspect.getsource(type(plugin).on_post_build)


def test_a_file_generated_outside_an_event_is_credited_to_the_plugin_named(project):
    config = load(str(project(PAGES) / "mkdocs.yml"))
    with pytest.raises(AttributeError):  # MkDocs names the plugin only while an event runs
        File.generated(config, "x.md", content="x")
    compat.generating_as(config, "hugomat")
    assert File.generated(config, "x.md", content="x").generated_by == "hugomat"


def test_material_column_widths_are_those_the_pictures_sizes_follow() -> None:
    stylesheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    css = next(stylesheets.glob("main.*.min.css")).read_text(encoding="utf-8")
    # The grid stops at 61rem, each sidebar takes 12.1rem, the root font is 20 px, then 22
    # and 24 px from 100em and 125em: the fixed columns of hugomat.pictures.sizes.
    assert ".md-grid{max-width:61rem;" in css
    assert "width:12.1rem;" in css
    assert "html{height:100%;overflow-x:hidden;font-size:125%}" in css
    assert "@media screen and (min-width:100em){html{font-size:137.5%}}" in css
    assert "@media screen and (min-width:125em){html{font-size:150%}}" in css
    assert ".md-content__inner{margin-left:1.2rem" in css
    widest = {width.min_em: width.fixed for width in sizes.WITH_TOC if width.fixed}
    # 61rem less two sidebars, less the content's margins (1.2rem left, 1.2rem right at the
    # widest steps), at 20, 22 and 24 px a rem: within a pixel of the measured widths.
    for min_em, rem_px in ((76.25, 20), (100, 22), (125, 24)):
        assert abs(widest[min_em] - (61 - 2 * 12.1 - 2.4) * rem_px) <= 1


def test_pillow_says_which_avif_codecs_it_has() -> None:
    from PIL import _avif

    versions = _avif.codec_versions()
    assert isinstance(versions, str) and versions
