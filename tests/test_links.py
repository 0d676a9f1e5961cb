"""Links written for Hugo become links relative to the page."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from hugomat.cli import main
from hugomat.errors import ContentErrors
from hugomat.read import book
from hugomat.read.source import SiteSource
from hugomat.render import links
from hugomat.render.convert import convert_page


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


REFS_SITE = {
    "_index.md": "---\ntitle: Home\n---\nHi\n",
    "docs/_index.md": "---\ntitle: Docs\n---\n",
    "docs/Getting-Started.md": "---\ntitle: Start\n---\nx\n",
    "docs/guide/Install.md": "---\ntitle: Install\n---\n## Steps\nx\n",
    "docs/a/x.md": "---\ntitle: X1\n---\nx\n",
    "docs/b/x.md": "---\ntitle: X2\n---\nx\n",
}


@pytest.mark.parametrize(("ref", "expected"), [
    ("/docs/getting-started", "docs/Getting-Started.md"),  # by path, in any case
    ("/DOCS/Guide/install.md", "docs/guide/Install.md"),
    ("getting-started.md", "docs/Getting-Started.md"),  # relative to the page's folder
    ("INSTALL", "docs/guide/Install.md"),  # by a file name that is unique
])
def test_relref_targets_are_found_without_regard_to_case(project, ref, expected):
    root = project(REFS_SITE)
    loaded = book.load(SiteSource(root=root, content_dir=root / "content"))
    found = loaded.find(ref, loaded.by_rel_path["docs/_index.md"])
    assert found is not None and found.rel_path == expected


def test_an_ambiguous_name_is_an_error_listing_the_candidates(project):
    root = project({**REFS_SITE,
                    "docs/page.md": "---\ntitle: P\n---\n[x]({{< relref \"X\" >}})\n"})
    loaded = book.load(SiteSource(root=root, content_dir=root / "content"))
    with pytest.raises(ContentErrors) as failure:
        convert_page(loaded.by_rel_path["docs/page.md"], loaded)
    message = str(failure.value.errors[0])
    assert message.endswith("relref target 'X' is ambiguous: it names docs/a/x.md, "
                            "docs/b/x.md; write the path of the one meant")


def test_relrefs_in_any_case_build_to_the_pages_urls(project):
    root = project({**REFS_SITE, "docs/page.md": (
        "---\ntitle: P\n---\n[a]({{< relref \"/Docs/Getting-Started\" >}}) "
        "[b]({{< ref \"install#steps\" >}}) [c]({{< relref \"A/X.md\" >}})\n")})
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html = (root / "site" / "docs" / "page" / "index.html").read_text("utf-8")
    assert '<a href="../Getting-Started/">a</a>' in html
    assert '<a href="../guide/Install/#steps">b</a>' in html
    assert '<a href="../a/x/">c</a>' in html
