"""Converted documents kept between builds: reused only when their page answers as before."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from hugomat.errors import ContentErrors
from hugomat.read import book
from hugomat.read.source import SiteSource
from hugomat.render.conversion_cache import ConversionCache, code_version
from hugomat.render.convert import convert, convert_book

PAGES = {
    "_index.md": "---\ntitle: Home\n---\n# Home\n\nSee [the guide](docs/guide.md#set-up).\n",
    "docs/_index.md": "---\ntitle: Docs\n---\n",
    "docs/guide.md": "---\ntitle: Guide\n---\n## Set up\n\nText.\n\n## Set up\n",
    "docs/chapter.md": (
        "---\ntitle: Chapter\n---\n## Same\n\n"
        '{{% details "More" %}}\n## Same\n\nA [relref]({{< relref "guide" >}}).\n'
        "{{% /details %}}\n\n## Same\n"),
}


def load(root: Path) -> book.Book:
    return book.load(SiteSource(root=root, content_dir=root / "content",
                                asset_dirs=(root / "assets",)))


def markdown_of(root: Path, cache: ConversionCache, rel: str) -> str:
    loaded = load(root)
    return convert(loaded.by_rel_path[rel], loaded, cache=cache).markdown


@pytest.fixture
def site(project) -> Path:
    return project(PAGES)


def test_an_unchanged_book_is_read_from_the_cache(site, tmp_path):
    cold = ConversionCache(tmp_path / "cache")
    first = [c.markdown for c in convert_book(load(site), cache=cold)]
    assert cold.converted == 5 and cold.reused == 0  # four pages, one details body
    warm = ConversionCache(tmp_path / "cache")
    again = [c.markdown for c in convert_book(load(site), cache=warm)]
    assert again == first
    assert warm.converted == 0 and warm.reused == 5


def test_heading_ids_of_a_body_follow_the_page_as_hugo_numbers_them(site, tmp_path):
    cache = ConversionCache(tmp_path / "cache")
    markdown = markdown_of(site, cache, "docs/chapter.md")
    assert [line for line in markdown.splitlines() if line.startswith("## ")] == [
        "## Same {: #same }", "## Same {: #same-1 }", "## Same {: #same-2 }"]


def test_a_body_whose_heading_ids_move_is_converted_again(site, tmp_path):
    cache = ConversionCache(tmp_path / "cache")
    markdown_of(site, cache, "docs/chapter.md")
    chapter = site / "content" / "docs" / "chapter.md"
    # A heading before the details: the body's text is the same, its heading's id is not.
    chapter.write_text(chapter.read_text().replace("## Same\n\n{{%", "## Same\n\n## Same\n\n{{%"))
    again = ConversionCache(tmp_path / "cache")
    markdown = markdown_of(site, again, "docs/chapter.md")
    assert "## Same {: #same-2 }" in markdown and "## Same {: #same-3 }" in markdown
    assert again.converted == 2 and again.reused == 0


def test_a_link_whose_target_moves_is_written_again(site, tmp_path):
    cache = ConversionCache(tmp_path / "cache")
    assert "[relref](../guide/)" in markdown_of(site, cache, "docs/chapter.md")
    (site / "content" / "docs" / "guide.md").rename(site / "content" / "guide.md")
    again = ConversionCache(tmp_path / "cache")
    assert "[relref](../../guide/)" in markdown_of(site, again, "docs/chapter.md")
    # The body changed (its link moved), so the page did too; the body, converted, is then
    # taken from the cache when the page is converted again.
    assert again.converted == 2 and again.reused == 1


def test_mistakes_are_reported_again_from_the_cache(project, tmp_path):
    root = project({"docs/a.md": "---\ntitle: A\n---\n![gone](gone.png) [x](missing.md)\n"})
    for _ in range(2):
        cache = ConversionCache(tmp_path / "cache")
        with pytest.raises(ContentErrors) as failure:
            convert_book(load(root), cache=cache)
        assert [str(e) for e in failure.value.errors] == [
            f"{Path('content/docs/a.md')}:4:9: picture 'gone.png' not found (looked in "
            "assets/, content/)",
            f"{Path('content/docs/a.md')}:4:23: link target 'missing.md' does not exist"]
    assert cache.reused == 3  # the page, and the home and docs/ pages Hugo makes


def test_a_changed_picture_is_drawn_again(project, tmp_path):
    def png(colour: tuple[int, int, int]) -> bytes:
        out = io.BytesIO()
        Image.new("RGB", (8, 6), colour).save(out, "PNG")
        return out.getvalue()

    root = project({"docs/a.md": "---\ntitle: A\n---\n![pic](pic.png)\n"},
                   files={"assets/pic.png": png((200, 0, 0))})
    cache = ConversionCache(tmp_path / "cache")
    assert 'width="8" height="6"' in markdown_of(root, cache, "docs/a.md")
    Image.new("RGB", (16, 12), (0, 0, 200)).save(root / "assets" / "pic.png")
    again = ConversionCache(tmp_path / "cache")
    markdown = markdown_of(root, again, "docs/a.md")
    assert 'width="16" height="12"' in markdown and again.reused == 0


def test_a_damaged_entry_is_converted_again(site, tmp_path):
    cache = ConversionCache(tmp_path / "cache")
    first = markdown_of(site, cache, "docs/guide.md")
    for entry in (tmp_path / "cache").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"\x00not marshal")
    again = ConversionCache(tmp_path / "cache")
    assert markdown_of(site, again, "docs/guide.md") == first
    assert again.converted == 1 and again.reused == 0


def test_entries_of_another_version_of_hugomat_are_removed(tmp_path):
    stale = tmp_path / "cache" / "0123456789abcdef" / "ab"
    stale.mkdir(parents=True)
    (stale / "abcd").write_bytes(b"x")
    ConversionCache(tmp_path / "cache")
    assert [p.name for p in (tmp_path / "cache").iterdir()] == []
    assert len(code_version()) == 16


def test_a_document_is_named_by_whether_emoji_codes_are_read():
    # A site that turns enableEmoji on converts its pages again.
    from hugomat.render.conversion_cache import document_key

    assert document_key("A :smile:", [], False, True) != document_key("A :smile:", [], False)
