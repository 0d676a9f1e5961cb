"""Links written for Hugo become links relative to the page."""

from __future__ import annotations

import pytest

from hugomat import book, links
from hugomat.source import SiteSource


@pytest.fixture
def loaded(project) -> book.Book:
    root = project({
        "_index.md": "---\ntitle: Home\n---\n",
        "docs/_index.md": "---\ntitle: Docs\n---\n",
        "docs/a/page.md": "---\ntitle: Page\n---\nx\n",
        "docs/b/other.md": "---\ntitle: Other\n---\nx\n",
    })
    return book.load(SiteSource(root=root, content_dir=root / "content"))


def rewrite(loaded: book.Book, text: str) -> str:
    return links.rewrite(text, loaded.by_rel_path["docs/a/page.md"], loaded)


@pytest.mark.parametrize(("written", "expected"), [
    ("[x](/docs/b/other/)", "[x](../b/other.md)"),
    ("[x](/docs/b/other)", "[x](../b/other.md)"),
    ("[x](/docs/b/other/#part)", "[x](../b/other.md#part)"),
    ("[x](/docs/)", "[x](../index.md)"),
    ("[x](/)", "[x](../../index.md)"),
    ("[x](../b/other.md)", "[x](../b/other.md)"),
    ("[x](../b/other.md#part \"Title\")", "[x](../b/other.md#part \"Title\")"),
    ("[x](<../b/other.md>)", "[x](<../b/other.md>)"),
    ("![pic](/images/p.png)", "![pic](../../images/p.png)"),
    ("[id]: /docs/b/other/", "[id]: ../b/other.md"),
    ("[x](https://example.org/docs/)", "[x](https://example.org/docs/)"),
    ("[x](#local)", "[x](#local)"),
    ("[x](mailto:a@b.c)", "[x](mailto:a@b.c)"),
    ("[x](../b/missing.md)", "[x](../b/missing.md)"),
    ("[x](relative/)", "[x](relative/)"),
])
def test_links_to_pages_point_at_their_source_files(loaded, written, expected):
    assert rewrite(loaded, written) == expected


def test_code_is_left_alone(loaded):
    text = "```\n[x](/docs/b/other/)\n```\n\nand `[y](/docs/)` but [z](/docs/)\n"
    assert rewrite(loaded, text) == (
        "```\n[x](/docs/b/other/)\n```\n\nand `[y](/docs/)` but [z](../index.md)\n")
