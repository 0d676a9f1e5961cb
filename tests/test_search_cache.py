"""Search index entries kept between builds (adapter.search_cache): the same index from the
cache as from Material's own reading, and a changed page read again."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from hugomat.adapter.build import build, load
from hugomat.adapter.search_cache import SearchEntries, page_key

PAGES = {
    "_index.md": "---\ntitle: Home\n---\n# Home\n\nWelcome.\n",
    "docs/guide.md": "---\ntitle: Guide\n---\n## Set up\n\nInstall it.\n\n## Run\n\nRun it.\n",
    "docs/chapter.md": "---\ntitle: Chapter\n---\nPlain words.\n",
}


def build_once(root: Path) -> tuple[SearchEntries, list[dict[str, str]]]:
    config = load(str(root / "mkdocs.yml"), strict=True)
    build(config, workers=1)
    entries = config.plugins["hugomat"].search_entries
    index = json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))
    return entries, index["docs"]


def test_an_unchanged_book_takes_every_page_from_the_cache_and_indexes_the_same(project):
    root = project(PAGES)
    cold, first = build_once(root)
    assert cold.reused == 0 and cold.made >= 3
    warm, second = build_once(root)
    assert warm.made == 0 and warm.reused == cold.made
    assert second == first
    assert any(doc["location"] == "docs/guide/#set-up" and doc["text"] == "<p>Install it.</p>"
               for doc in second)


def test_a_changed_page_is_read_again(project):
    root = project(PAGES)
    cold, _ = build_once(root)
    guide = root / "content" / "docs" / "guide.md"
    guide.write_text(guide.read_text("utf-8").replace("Install it.", "Build it."))
    again, docs = build_once(root)
    assert again.made == 1 and again.reused == cold.made - 1
    texts = [doc["text"] for doc in docs if doc["location"] == "docs/guide/#set-up"]
    assert texts == ["<p>Build it.</p>"]


def test_a_search_with_its_own_chinese_dictionary_is_not_cached(project, tmp_path):
    root = project(PAGES)
    for dictionary in (None, "jieba_dict", "jieba_dict_user"):
        config = load(str(root / "mkdocs.yml"))
        config = config.plugins.on_config(config)
        search = config.plugins["material/search"]
        if dictionary:
            setattr(search.config, dictionary, str(tmp_path / "words.txt"))
        SearchEntries(tmp_path / "search").attach(config)
        add = search.search_index.add_entry_from_context
        wrapped = getattr(add, "hugomat_cached", False)
        assert wrapped == (dictionary is None)


def _page(url_path: str, content: str, meta: dict, toc_ids: list[str]) -> Page:
    file = File(url_path, "/docs", "/site", True)
    page = Page("T", file, {"use_directory_urls": True})  # type: ignore[arg-type]
    page.content = content
    page.meta = meta
    page.toc = get_toc([{"level": 2, "id": i, "name": i, "html": i, "children": []}
                        for i in toc_ids])
    return page


def test_the_key_names_everything_the_index_reads() -> None:
    base = _page("a.md", "<h2 id='x'>x</h2>", {"tags": ["one"]}, ["x"])
    same = _page("a.md", "<h2 id='x'>x</h2>", {"tags": ["one"]}, ["x"])
    assert page_key(base) == page_key(same)
    others = [
        _page("b.md", "<h2 id='x'>x</h2>", {"tags": ["one"]}, ["x"]),
        _page("a.md", "<h2 id='y'>x</h2>", {"tags": ["one"]}, ["x"]),
        _page("a.md", "<h2 id='x'>x</h2>", {"tags": ["two"]}, ["x"]),
        _page("a.md", "<h2 id='x'>x</h2>", {"tags": ["one"], "search": {"boost": 2}}, ["x"]),
        _page("a.md", "<h2 id='x'>x</h2>", {"tags": ["one"]}, ["y"]),
    ]
    assert len({page_key(page) for page in others} | {page_key(base)}) == 6
