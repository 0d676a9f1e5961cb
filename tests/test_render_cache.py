"""Pages' HTML kept between builds (adapter.render_cache): reused only when the page's
Markdown, its place, the site's files and the rendering options are all as before; never
for a page whose rendering said something, or with an extension that may read other files."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from hugomat.adapter.build import build, load
from hugomat.adapter.render_cache import RenderedPages, _options_key, _written
from site_configs import MINIMAL_MKDOCS_YML

PAGES = {
    "_index.md": "---\ntitle: Home\n---\n# Home\n\nSee [the guide](docs/guide.md#set-up).\n",
    "docs/_index.md": "---\ntitle: Docs\n---\n",
    "docs/guide.md": "---\ntitle: Guide\n---\n## Set up\n\nText with `code`.\n\n"
                     "```python\nprint(1)\n```\n",
    "docs/chapter.md": "---\ntitle: Chapter\n---\n## One\n\nA [link](../guide/#set-up).\n",
}


def build_once(root: Path) -> RenderedPages:
    config = load(str(root / "mkdocs.yml"), strict=True)
    build(config, workers=1)
    cache = config.plugins["hugomat"].rendered_pages
    assert isinstance(cache, RenderedPages)
    return cache


def site_html(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {str(path.relative_to(site)): path.read_bytes()
            for path in sorted(site.rglob("*.html"))}


def test_an_unchanged_book_reuses_every_page_and_writes_the_same_site(project):
    root = project(PAGES)
    cold = build_once(root)
    # The four pages, and the taxonomy pages Hugo makes (tags, categories).
    assert cold.rendered == 6 and cold.reused == 0
    first = site_html(root)
    warm = build_once(root)
    assert warm.rendered == 0 and warm.reused == cold.rendered
    assert site_html(root) == first


def test_a_changed_page_alone_is_rendered_again(project):
    root = project(PAGES)
    cold = build_once(root)
    chapter = root / "content" / "docs" / "chapter.md"
    chapter.write_text(chapter.read_text("utf-8") + "\nMore.\n", encoding="utf-8")
    again = build_once(root)
    assert again.rendered == 1 and again.reused == cold.rendered - 1
    assert "<p>More.</p>" in (root / "site" / "docs" / "chapter" / "index.html").read_text()


def test_a_new_file_renders_every_page_again(project):
    # Links are checked against, and made relative to, every file of the site.
    root = project(PAGES)
    cold = build_once(root)
    (root / "content" / "docs" / "new.md").write_text("---\ntitle: New\n---\nNew.\n")
    again = build_once(root)
    assert again.rendered == cold.rendered + 1 and again.reused == 0


def test_other_options_render_every_page_again(project):
    root = project(PAGES)
    cold = build_once(root)
    config = MINIMAL_MKDOCS_YML + "markdown_extensions:\n  - toc:\n      permalink: '#'\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    again = build_once(root)
    assert again.rendered == cold.rendered and again.reused == 0
    assert 'class="headerlink" href="#set-up"' in (
        root / "site" / "docs" / "guide" / "index.html").read_text()


def test_a_page_whose_rendering_says_something_is_never_cached(project, tmp_path, caplog):
    # MkDocs says what it says about a page at every build, not only the first.
    root = project(PAGES)
    config = load(str(root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    config.validation.links.unrecognized_links = logging.INFO
    cache = RenderedPages(tmp_path / "rendered", config)
    said = []
    for markdown in ["Quiet [link](guide.md).", "See [there](nowhere/).",
                     "Quiet [link](guide.md).", "See [there](nowhere/)."]:
        caplog.clear()
        file = File("docs/x.md", str(root / "content"), str(root / "site"), True)
        guide = File("docs/guide.md", str(root / "content"), str(root / "site"), True)
        page = Page("X", file, config)
        page.markdown = markdown
        cache.wrap(page)
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            page.render(config, Files([file, guide]))
        said.append([r.getMessage() for r in caplog.records if "nowhere/" in r.getMessage()])
        assert "<a href=" in page.content
    assert not said[0] and said[1] and said[3] == said[1]
    assert cache.reused == 1 and cache.rendered == 3


def test_an_extension_that_may_read_files_turns_the_cache_off(project):
    config = MINIMAL_MKDOCS_YML + "markdown_extensions:\n  - pymdownx.snippets\n"
    root = project(PAGES, config=config)
    build_once(root)
    again = build_once(root)
    assert again.options is None and again.reused == 0
    assert not again.folder.exists() or not any(again.folder.rglob("*"))


def test_functions_in_options_are_written_by_what_they_do() -> None:
    def make(mark: str):
        def fence(source: str) -> str:
            return mark + source
        return fence

    assert _written(make("a")) == _written(make("a"))
    assert _written(make("a")) != _written(make("b"))

    def other(source: str) -> str:
        return source + "!"

    assert _written({"format": other}) != _written({"format": make("a")})


def test_options_with_an_object_that_cannot_be_written_turn_the_cache_off(project):
    root = project(PAGES)
    config = load(str(root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    assert _options_key(config) is not None
    config.mdx_configs["toc"] = {"slugify": object()}
    assert _options_key(config) is None


@pytest.mark.parametrize("name", ["pymdownx.snippets", "pymdownx.b64", "my_extension"])
def test_unknown_or_file_reading_extensions_are_not_vouched_for(project, name):
    root = project(PAGES)
    config = load(str(root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    config.markdown_extensions.append(name)
    assert _options_key(config) is None
