"""A relative `src` in Hugo's `figure` and hugo-book's `image` shortcodes, found as Hugo finds it.

Both look the path up as a resource of the page's bundle first (a leaf or branch bundle's
files at any depth, but not those of a section below), then as a global resource under
assets/; failing both, the src is written as it is and the browser reads it from the page's
URL (as a Markdown picture is: test_relative_pictures). hugo-book's `image` also takes
`/assets/...` for the global resource. Each picture here has its own size, so the bytes a
page's `<img>` loads tell which file was chosen, on the Hugo site and on hugomat's.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from click.testing import CliRunner

from hugomat.cli import main
from test_relative_pictures import hugo_site, img_sources, originals, picture, served_pictures

FILES = {
    # Where a page resource and a global resource of the same name both exist.
    "content/docs/a/bundle/own.png": picture(50, 50),
    "assets/own.png": picture(51, 50),
    "content/docs/a/bundle/sub/deep.png": picture(52, 50),
    "content/docs/a/b/same.png": picture(53, 50),
    "content/docs/a/pics/p.png": picture(59, 50),  # a branch bundle's, in a folder of its own
    "assets/pics/p.png": picture(60, 50),
    "assets/same.png": picture(54, 50),
    "assets/global/g.png": picture(55, 50),
    "static/global/g.png": picture(56, 50),
    # Found only from the page's URL (/docs/a/page/s.png, /docs/a/images/x.png).
    "static/docs/a/page/s.png": picture(57, 50),
    "static/s.png": picture(58, 50),
    "content/docs/a/images/x.png": picture(120, 90),
    "static/images/x.png": picture(200, 90),
}
PAGES = {
    "docs/a/_index.md": '---\ntitle: A\n---\n{{< figure src="pics/p.png" >}}\n',
    "docs/a/bundle/index.md": (
        '---\ntitle: Bundle\n---\n{{< figure src="own.png" >}}\n\n'
        '{{< image src="./sub/deep.png" alt="d" >}}\n\n'
        '{{< figure src="global/g.png" caption="Global" >}}\n'),
    "docs/a/b/_index.md": (
        '---\ntitle: B\n---\n{{< image src="same.png" alt="s" >}}\n\n'
        '{{< image src="/assets/global/g.png" alt="g" >}}\n'),
    "docs/a/page.md": (
        '---\ntitle: Page\n---\n{{< figure src="s.png" >}}\n\n'
        '{{< image src="../images/x.png" alt="x" >}}\n\n'
        '{{< figure src="own.png" >}}\n'),
}
URLS = ("/docs/a/", "/docs/a/bundle/", "/docs/a/b/", "/docs/a/page/")


def loaded(public: Path, url: str, sources: list[str]) -> list[bytes]:
    """The bytes of each picture the page at `url` shows, once each, in order (hugomat's
    `image` draws its enlarged view with the same file)."""
    shown = [(public / urlsplit(urljoin(url, src)).path.lstrip("/")).read_bytes()
             for src in sources]
    return list(dict.fromkeys(shown))


def test_shortcode_pictures_load_the_bytes_hugo_serves(project, tmp_path):
    public = hugo_site(tmp_path / "hugo-site", PAGES, FILES)
    root = project(PAGES, config=originals(), files=FILES)
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for url in URLS:
        hugo_html = (public / url.strip("/") / "index.html").read_text("utf-8")
        expected = served_pictures(public, url, hugo_html)
        ours = (root / "site" / url.strip("/") / "index.html").read_text("utf-8")
        article = ours[ours.index('<article class="md-content__inner'):]
        assert expected, url
        assert loaded(root / "site", url, img_sources(article)) == expected, url


@pytest.mark.parametrize("shortcode", ["figure", "image"])
def test_a_relative_src_found_nowhere_names_where_the_page_url_leads(project, shortcode):
    body = f'{{{{< {shortcode} src="../pics/no.png" >}}}}\n'
    project({"docs/a/page.md": f"---\ntitle: Page\n---\n{body}"}, config=originals(),
            files={"static/pics/no.png": picture(10, 10)})
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "content/docs/a/page.md:4:1: picture '../pics/no.png' not found" in result.output
    assert "/docs/a/pics/no.png" in result.output, result.output
