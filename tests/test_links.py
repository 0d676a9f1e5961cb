"""Links written for Hugo become links relative to the page."""

from __future__ import annotations

import pytest

from hugomat import book, links
from hugomat.convert import convert_page
from hugomat.source import SiteSource


@pytest.fixture
def loaded(project) -> book.Book:
    root = project({
        "_index.md": "---\ntitle: Home\n---\n",
        "docs/_index.md": "---\ntitle: Docs\n---\n",
        "docs/a/page.md": "---\ntitle: Page\n---\nx\n",
        "docs/b/other.md": "---\ntitle: Other\n---\nx\n",
        "docs/b/ünï cödé.md": "---\ntitle: Unicode\n---\nx\n",
    })
    return book.load(SiteSource(root=root, content_dir=root / "content"))


def page(loaded: book.Book) -> book.Page:
    return loaded.by_rel_path["docs/a/page.md"]


@pytest.mark.parametrize(("written", "source_path", "url"), [
    ("/docs/b/other/", "../b/other.md", "../../b/other/"),
    ("/docs/b/other", "../b/other.md", "../../b/other/"),
    ("/docs/b/other/#part", "../b/other.md#part", "../../b/other/#part"),
    ("/docs/", "../index.md", "../../"),
    ("/", "../../index.md", "../../../"),
    ("../b/other.md", "../b/other.md", "../../b/other/"),
    ("../b/other.md?x=1#part", "../b/other.md?x=1#part", "../../b/other/?x=1#part"),
    # Not a page: relative to the page's URL, where the browser resolves it.
    ("/images/p.png", "../../../images/p.png", "../../../images/p.png"),
    ("/url", "../../../url", "../../../url"),
    # As the parser writes an address: %-escaped; the file's own name is found.
    ("../b/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9.md", "../b/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9.md",
     "../../b/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9/"),
])
def test_links_to_pages_point_at_their_source_files_or_urls(loaded, written, source_path, url):
    assert links.as_source_path(written, page(loaded), loaded) == source_path
    assert links.as_url(written, page(loaded), loaded, directory_urls=True) == url


@pytest.mark.parametrize("written", [
    "https://example.org/docs/", "#local", "mailto:a@b.c", "../b/missing.md", "relative/"])
def test_other_links_are_left_as_written(loaded, written):
    assert links.as_source_path(written, page(loaded), loaded) is None
    assert links.as_url(written, page(loaded), loaded, directory_urls=True) == written


def test_code_is_left_alone_and_reference_links_are_resolved(loaded):
    path = loaded.by_rel_path["docs/a/page.md"].path
    path.write_text("---\ntitle: Page\n---\n```\n[x](/docs/b/other/)\n```\n\n"
                    "and `[y](/docs/)` but [z](/docs/) and [r][ref]\n\n[ref]: /docs/b/other/\n",
                    encoding="utf-8")
    reloaded = book.load(loaded.source)
    markdown = convert_page(reloaded.by_rel_path["docs/a/page.md"], reloaded).markdown
    assert markdown == ("```\n[x](/docs/b/other/)\n```\n\n"
                        "and `[y](/docs/)` but [z](../index.md) and [r](../b/other.md)\n")
