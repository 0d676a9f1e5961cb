"""Taxonomy pages against Hugo's: the same URLs, and on each the same links in the same order.

A small two-language site (tags and categories with spellings that differ in case, spaces,
accents, a `/`, a small word to title-case, pages ordered by weight and by date) is rendered
by Hugo 0.168 with hugo-book, and imported and built by hugomat, with Hugo's URLs, with
disablePathToLower, with uglyURLs and with a taxonomy of the site's own. Hugo's taxonomy and
term pages are the pages whose `<body>` hugo-book marks `book-kind-taxonomy` or
`book-kind-term`.

What each page lists, in Hugo's: a term page's articles (`book-post`: each page's title, then
its terms); a taxonomy page's own article is empty in hugo-book, which lists the terms (with
their counts) in the side panel of every term page, so that panel's entry for the taxonomy is
its list. hugomat draws those lists in the page itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from click.testing import CliRunner

from hugo_reference import THEME, _hugo_env, hugo_binary, unavailable
from hugomat.cli import main

HUGO_TOML = """\
baseURL = 'https://example.org/'
title = 'Taxonomies'
theme = 'hugo-book'
defaultContentLanguage = 'en'
{extra}
[languages.en]
contentDir = 'content.en'
weight = 1
[languages.fr]
contentDir = 'content.fr'
weight = 2
"""

PAGES = {
    "content.en/docs/_index.md": "---\ntitle: Docs\ntags: [Section Tag]\n---\nThe docs.\n",
    "content.en/docs/alpha.md": (
        "---\ntitle: Alpha page\ndate: 2024-01-02\ntags: [Hugo Stuff, theme, the art of war]\n"
        "categories: [Guides]\nseries: [Getting Started]\n---\nAlpha text.\n"),
    "content.en/docs/beta.md": (
        "---\ntitle: Beta\nweight: 2\ntags: [hugo stuff, iOS tips, a/b]\n---\nBeta text.\n"),
    "content.en/docs/gamma.md": (
        "---\nlinkTitle: Gamma link\ntitle: Gamma title\ndate: 2023-05-06\n"
        "tags: [Ünïcode Tag, theme, Hello  World]\ncategories: [Guides, News]\n---\nGamma.\n"),
    "content.en/docs/delta.md": (
        "---\ntitle: Delta\nweight: 1\ndate: 2022-03-04\ntags: theme\n---\nDelta.\n"),
    "content.en/posts/post.md": (
        "---\ntitle: A post\ndate: 2025-02-03\ncategories: [news]\n---\nPost.\n"),
    "content.fr/docs/alpha.md": (
        "---\ntitle: Alpha fr\ndate: 2024-03-05\ntags: [hugo stuff, thème]\n---\nTexte.\n"),
    "content.fr/docs/beta.md": "---\ntitle: Bêta\n---\nSans étiquette.\n",
}

# With disablePathToLower, a term written in two cases gets the URL of either spelling, one
# Hugo run or another (seen with Hugo 0.168): the site compared then spells each term once.
ONE_SPELLING = {name: text.replace("[hugo stuff", "[Hugo Stuff").replace("[news]", "[News]")
                for name, text in PAGES.items()}


class _Links(HTMLParser):
    """Each `<a href>` (target, text) inside the elements `within` picks, in order, and the
    label of each `<a>` without a target (hugo-book's heading of a taxonomy in its panel)."""

    def __init__(self, within) -> None:
        super().__init__(convert_charrefs=True)
        self.within = within
        self.depth = 0  # > 0 inside a picked element: its nesting of elements since
        self.links: list[tuple[str | None, str]] = []
        self._open: list[str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("img", "br", "input", "meta", "link"):
            return
        if self.depth:
            self.depth += 1
        elif self.within(tag, dict(attrs)):
            self.depth = 1
        if self.depth and tag == "a":
            self._open = [dict(attrs).get("href")]
            self._text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # `<img />` and the like: no element is opened or closed

    def handle_endtag(self, tag: str) -> None:
        if tag in ("img", "br", "input", "meta", "link"):
            return
        if self.depth and tag == "a" and self._open is not None:
            self.links.append((self._open[0], " ".join("".join(self._text).split())))
            self._open = None
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)


def links_in(html: str, within) -> list[tuple[str | None, str]]:
    reader = _Links(within)
    reader.feed(html)
    reader.close()
    return reader.links


def absolute(links: list[tuple[str | None, str]], page_url: str, base: str = ""
             ) -> list[tuple[str, str]]:
    """Targets as decoded site paths, so that Hugo's `/tags/x/` and hugomat's `../x/` compare;
    `base` is the path of Hugo's baseURL (`/hugo-book/`), which its links start with."""
    origin, prefix = "https://example.org", base.rstrip("/")
    found = []
    for href, text in links:
        if href is not None:
            path = unquote(urljoin(origin + prefix + page_url, href)).removeprefix(origin)
            found.append((path.removeprefix(prefix), text))
    return found


def hugo_pages(public: Path) -> dict[str, tuple[str, str]]:
    """URL -> (kind, html) of Hugo's taxonomy and term pages."""
    found = {}
    for path in sorted(public.rglob("*.html")):
        html = path.read_text("utf-8")
        kind = re.search(r'<body[^>]*class="book-kind-(taxonomy|term)\b', html)
        if kind:
            found[url_of(path, public)] = (kind.group(1), html)
    return found


def url_of(path: Path, site: Path) -> str:
    """The URL a file of the built site is served at: a folder's for an index.html."""
    relative = path.relative_to(site).as_posix()
    return "/" + relative.removesuffix("index.html")


def file_of(url: str, site: Path) -> Path:
    return site / (url.strip("/") + "/index.html" if url.endswith("/") else url.strip("/"))


def hugo_lists(public: Path, *, base: str = "", languages: tuple[str, ...] = ("en", "fr"),
               summaries: bool = True) -> dict[str, list[tuple[str, str]]]:
    """URL -> the links Hugo lists for each taxonomy and term page; without those of the
    pages' summaries unless asked."""
    pages = hugo_pages(public)
    if not summaries:
        pages = {url: (kind, _SUMMARY.sub("</article>", html))
                 for url, (kind, html) in pages.items()}
    lists: dict[str, list[tuple[str, str]]] = {}
    panels: dict[str, dict[str, list[tuple[str, str]]]] = {}  # language root -> taxonomy
    for url, (kind, html) in pages.items():
        if kind != "term":
            continue
        lists[url] = absolute(links_in(html, lambda tag, attrs: tag == "article"), url, base)
        panel = links_in(html, lambda tag, attrs: tag == "aside"
                         and attrs.get("class") == "book-toc")
        heading = ""
        by_heading: dict[str, list[tuple[str, str]]] = {}
        for href, text in panel:
            if href is None:
                heading = text
                by_heading[heading] = []
            else:
                by_heading[heading].append(*absolute([(href, text)], url, base))
        panels[language_root(url, languages)] = by_heading
    for url, (kind, html) in pages.items():
        if kind == "taxonomy":
            title = re.search(r"<h3>([^<]*)</h3>", html).group(1)
            lists[url] = panels.get(language_root(url, languages), {}).get(title, [])
    return lists


_SUMMARY = re.compile(r'<div class="book-post-content">.*?</div>\s*</article>', re.DOTALL)


def language_root(url: str, languages: tuple[str, ...]) -> str:
    return next((f"/{code}/" for code in languages if url.startswith(f"/{code}/")), "/")


def our_lists(site: Path, urls: list[str]) -> dict[str, list[tuple[str, str]]]:
    lists = {}
    for url in urls:
        page = file_of(url, site)
        if not page.is_file():
            continue
        html = page.read_text("utf-8")
        lists[url] = absolute(links_in(html, lambda tag, attrs: tag == "article"), url)
    return lists


_HUGO_DATE = re.compile(r'book-post-date">.*?<span>([^<]*)</span>', re.DOTALL)
_OUR_DATE = re.compile(r"<br />\s*([^<·]+?)\s*(?:·|</li>)")


def hugo_dates(public: Path, url: str) -> list[str]:
    """The dates a term page of Hugo's shows, in order (hugo-book's `January 2, 2006`)."""
    return _HUGO_DATE.findall(file_of(url, public).read_text("utf-8"))


def our_dates(site: Path, url: str) -> list[str]:
    html = file_of(url, site).read_text("utf-8")
    start = html.index('<article class="md-content__inner md-typeset">')
    return _OUR_DATE.findall(html[start:html.index("</article>", start)])


def our_taxonomy_urls(site: Path, languages: tuple[str, ...] = ("en", "fr")) -> set[str]:
    """Our pages in a taxonomy's folder: any of the test's, whichever the site has."""
    folders = [site / language / plural for language in ("", *languages)
               for plural in ("tags", "categories", "series")]
    return {url_of(path, site)
            for folder in folders if folder.is_dir() for path in folder.rglob("*.html")}


def run_hugo(root: Path, extra: str, pages: dict[str, str]) -> Path:
    if not THEME.is_dir():
        unavailable(f"the hugo-book theme is not at {THEME} (the test corpus)")
    site = root / "hugo"
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    (site / "hugo.toml").write_text(HUGO_TOML.format(extra=extra), encoding="utf-8")
    (site / "themes").mkdir()
    (site / "themes" / "hugo-book").symlink_to(THEME, target_is_directory=True)
    return hugo_build(site, root)


def hugo_build(site: Path, root: Path) -> Path:
    run = subprocess.run([str(hugo_binary()), "build", "--quiet", "--source", str(site),
                          "--destination", str(site / "public"), "--cacheDir",
                          str(root / "hugo-cache"), "--noBuildLock"],
                         capture_output=True, text=True, env=_hugo_env(), timeout=300)
    assert run.returncode == 0, run.stderr + run.stdout
    return site / "public"


def build_ours(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Hugo site imported (`hugomat import`) and built, as a person would."""
    project = root / "ours"
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(root / "hugo"), "--out", str(project)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(project)
    result = runner.invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return project / "site"


SITE_TAXONOMIES = "[taxonomies]\n  tag = 'tags'\n  series = 'series'"


@pytest.mark.parametrize(("extra", "lower", "pages"),
                         [("", True, PAGES), ("disablePathToLower = true", False, ONE_SPELLING),
                          (SITE_TAXONOMIES, True, PAGES), ("uglyURLs = true", True, PAGES),
                          ("defaultContentLanguageInSubdir = true", True, PAGES)],
                         ids=["lower-case-urls", "disablePathToLower", "site-taxonomies",
                              "uglyURLs", "defaultContentLanguageInSubdir"])
def test_taxonomy_pages_list_what_hugos_list(tmp_path, monkeypatch, extra, lower, pages):
    public = run_hugo(tmp_path, extra, pages)
    hugo = hugo_lists(public)
    site = build_ours(tmp_path, monkeypatch)
    assert_same_lists(hugo, public, site)
    # The site has what the test is about: a term of two pages in two spellings, both
    # languages, a taxonomy without terms, a title made of small words.
    ugly = "uglyURLs" in extra
    home = "/en" if "InSubdir" in extra else ""
    stuff = home + "/tags/" + ("hugo-stuff" if lower else "Hugo-Stuff") + (".html" if ugly else "/")
    assert [target for target, _ in hugo[stuff] if "/docs/" in target] == (
        ["/docs/beta.html", "/docs/alpha.html"] if ugly else
        [f"{home}/docs/beta/", f"{home}/docs/alpha/"])
    assert "/fr" + stuff.removeprefix(home) in hugo
    assert hugo_dates(public, "/fr" + stuff.removeprefix(home)) == ["mars 5, 2024"]
    if extra == SITE_TAXONOMIES:
        assert "/series/getting-started/" in hugo and "/fr/series/" in hugo
        assert "/categories/" not in hugo
    else:
        assert hugo["/fr/categories/"] == []
    assert (f"{home}/tags/the-art-of-war" + (".html" if ugly else "/"), "The Art of War") in hugo[
        f"{home}/tags/"]


def assert_same_lists(hugo: dict[str, list[tuple[str, str]]], public: Path, site: Path,
                      languages: tuple[str, ...] = ("en", "fr")) -> None:
    """Our site has Hugo's taxonomy pages, each listing the same links and dates."""
    assert our_taxonomy_urls(site, languages) == set(hugo)
    ours = our_lists(site, sorted(hugo))
    for url in sorted(hugo):
        assert ours[url] == hugo[url], url
        # And the dates shown, with the month named in the page's language.
        assert our_dates(site, url) == hugo_dates(public, url), url


@pytest.mark.parametrize(("kinds", "made", "not_made"), [
    # hugo-book's older example configuration; Hugo 0.168 reads taxonomyTerm as taxonomy.
    ("['taxonomy', 'taxonomyTerm']", "/tags/hugo-stuff/", "/tags/"),
    ("['term']", "/tags/", "/tags/hugo-stuff/"),
])
def test_the_kinds_disable_kinds_turns_off_are_left_out(tmp_path, monkeypatch, kinds, made,
                                                        not_made):
    public = run_hugo(tmp_path, f"disableKinds = {kinds}", PAGES)
    hugo = hugo_lists(public)
    site = build_ours(tmp_path, monkeypatch)
    assert_same_lists(hugo, public, site)
    assert made in hugo and not_made not in hugo


CORPUS_SITE = THEME.parent / "hugo-book-example"


def test_the_corpus_sites_taxonomy_pages_list_what_hugos_do(tmp_path, monkeypatch):
    """hugo-book's example site (three languages, its posts tagged, a baseURL with a path)
    as its authors wrote it. hugo-book also shows each page's summary on a term page, which
    hugomat does not draw: the links in summaries are left out of Hugo's lists."""
    if not CORPUS_SITE.is_dir():
        unavailable(f"the example site is not at {CORPUS_SITE} (the test corpus)")
    site = tmp_path / "hugo"
    shutil.copytree(CORPUS_SITE, site)
    (site / "themes").mkdir()
    (site / "themes" / "hugo-book").symlink_to(THEME, target_is_directory=True)
    # Its configuration sets enableGitInfo: Hugo needs a repository with a commit.
    git = ["git", "-C", str(site), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "site"]):
        subprocess.run([*git, *command], check=True, capture_output=True)
    public = hugo_build(site, tmp_path)
    hugo = hugo_lists(public, base="/hugo-book/", languages=("zh", "he"), summaries=False)
    ours = build_ours(tmp_path, monkeypatch)
    assert_same_lists(hugo, public, ours, ("zh", "he"))
    assert ("/posts/example-post/", "Example Blog Post") in hugo["/tags/hugo/"]
