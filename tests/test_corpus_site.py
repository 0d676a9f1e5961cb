"""hugo-book's example site, imported and built unchanged, against Hugo's render of every page.

`hugomat import` then `hugomat build --strict`; every text block that Hugo's article holds must
appear in ours, in the same order (exceptions below, each with its reason); no shortcode is
left raw anywhere; every internal link leads to a file of the site; the English docs menu is in
Hugo's order.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from corpus_text import RENDER, SITE, Unmatched, blocks_of, compare, corpus_available
from hugomat.cli import main

MATHS = ("maths: Hugo's page holds the TeX source for KaTeX to draw in the browser; hugomat "
         "draws the formula as MathML when building, so the page holds the formula itself")
SITE_URL = "http://0.0.0.0:1313/hugo-book/"  # the corpus's baseURL

EXCEPTIONS: dict[str, list[Unmatched]] = {
    "docs/content/shortcodes/katex/": [
        Unmatched(MATHS, text="$$ f(x) = \\int_{-\\infty}^\\infty\\hat f(\\xi),e^{2 \\pi i \\xi x},"
                              "d\\xi $$"),
        Unmatched(MATHS, text="\\( \\pi(x) \\)"),
    ],
}
# Pages of Hugo's render that hugomat does not make, each with its reason (none left: the
# taxonomy pages are made, hugomat.read.taxonomies).
NOT_BUILT: dict[str, str] = {}


def url_of(render: Path) -> str:
    """The URL path of the page a render file holds: `docs__x.html` is docs/x/."""
    if render.name == "_root.html":
        return ""
    return render.stem.replace("__", "/") + "/"


def article(page: Path) -> str:
    html = page.read_text("utf-8")
    return html[html.index("<article"):html.index("</article>")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus_available()
    out = tmp_path_factory.mktemp("corpus-import")
    runner = CliRunner()
    imported = runner.invoke(main, ["import", str(SITE), "--out", str(out)])
    assert imported.exit_code == 0, imported.output
    built = runner.invoke(main, ["build", "--strict", "-f", str(out / "mkdocs.yml")])
    assert built.exit_code == 0, built.output
    return out / "site"


def render_files() -> list[Path]:
    return sorted(p for p in RENDER.glob("*.html") if p.name != "_menu.html") if (
        RENDER.is_dir()) else []


@pytest.mark.parametrize("render", render_files(), ids=lambda p: p.stem)
def test_page_holds_every_text_block_of_hugo(site: Path, render: Path, capsys):
    url = url_of(render)
    if url in NOT_BUILT:
        # An exception with its reason, checked: the page is indeed not made.
        assert not (site / url / "index.html").exists(), NOT_BUILT[url]
        with capsys.disabled():
            print(f"\n/{url}: not built: {NOT_BUILT[url]}")
        return
    page = site / url / "index.html"
    assert page.is_file(), f"no page at {url}"
    hugo = blocks_of(render.read_text("utf-8"))
    ours = blocks_of(article(page))
    coverage = compare(hugo, ours, EXCEPTIONS.get(url, []))
    with capsys.disabled():
        print(f"\n/{url}: {coverage.matched}/{coverage.total} Hugo text blocks found, "
              f"{len(coverage.excused)} excused")
    assert coverage.missing == [], f"/{url}: missing from our page: {coverage.missing}"


CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL)
SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def test_no_raw_shortcode_anywhere_in_the_site(site: Path):
    offenders = []
    for page in site.rglob("*.html"):
        text = SCRIPT.sub("", CODE.sub("", page.read_text("utf-8")))
        if "{{<" in text or "{{%" in text:
            offenders.append(str(page.relative_to(site)))
    assert offenders == []


LINK = re.compile(r'<(?:a|link|img|script|source)\b[^>]*?\s(?:href|src)="([^"]+)"')


def test_every_internal_link_leads_to_a_file_of_the_site(site: Path):
    # The 404 pages are served at any URL, so MkDocs links them from site_url's path.
    mount = urlsplit(SITE_URL).path
    broken = []
    for page in site.rglob("*.html"):
        base = posixpath.dirname("/" + page.relative_to(site).as_posix())
        for target in LINK.findall(page.read_text("utf-8")):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path or target.startswith("#"):
                continue
            link = unquote(parts.path)
            if link.startswith(mount):
                link = "/" + link[len(mount):]
            path = posixpath.normpath(posixpath.join(base, link))
            file = site / path.lstrip("/")
            if file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{page.relative_to(site)} -> {target}")
    assert broken == []


def menu_targets(html: str, base: str, pattern: str = r'<a href="([^"#][^"]*)"') -> list[str]:
    targets = []
    for href in re.findall(pattern, html):
        if href.startswith(("http://", "https://")):
            targets.append(href)
        else:
            targets.append(posixpath.normpath(posixpath.join(base, href)).strip("/") + "/")
    return list(dict.fromkeys(targets))


def test_english_docs_menu_order_matches_hugo(site: Path):
    hugo_menu = (RENDER / "_menu.html").read_text("utf-8")
    tree = hugo_menu[hugo_menu.index("</ul>", hugo_menu.index("book-languages")):]
    hugo = [t.removeprefix("hugo-book/") for t in menu_targets(tree, "/")]
    page = (site / "docs" / "getting-started" / "introduction" / "index.html").read_text("utf-8")
    primary = page[page.index('md-nav--primary'):page.index('data-md-type="toc"')]
    ours = menu_targets(primary, "/docs/getting-started/introduction/",
                        r'<a href="([^"#][^"]*)" class="md-nav__link')
    assert [t for t in ours if t in hugo] == hugo
