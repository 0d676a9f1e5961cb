"""`relref` / `ref` with an output format, compared with Hugo 0.168 + hugo-book.

Hugo's shortcode passes its arguments to the `relref` function: `path=`, `lang=` and
`outputFormat=` by name, or `"path"` and `"path" "format"` by position (a third is an error).
The format's name is read without regard to case; `html` (or none) is the page itself, `rss`
the feed that Hugo's home page, sections and taxonomies have (`/docs/index.xml`). A format
the page does not have (`rss` of a regular page) or that does not exist is Hugo's
REF_NOT_FOUND error. hugomat publishes HTML pages only: a link to a feed is a warning at the
shortcode (an error with --strict) that says so, and leads to the page itself.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from click.testing import CliRunner

from hugo_reference import (
    DEFAULT_CONFIG,
    MENU_SECTION,
    THEME,
    _hugo_env,
    article_of,
    hugo_binary,
    hugo_render,
    page_file,
    page_source,
    write_pages,
)
from hugomat.cli import main
from test_relative_pictures import originals
from test_taxonomies_differential import build_ours
from test_taxonomies_differential import run_hugo as run_two_language_hugo

# Hugo's default outputs, RSS feeds included.
CONFIG = DEFAULT_CONFIG.replace("'rss', ", "")
TARGET = page_source("Target", "## Part\n\nThe target.\n")

LINKS = {
    "html-named": '[a]({{< relref path="/docs/target" outputFormat="html" >}})',
    "html-positional": '[a]({{< relref "/docs/target" "HTML" >}})',
    "html-empty": '[a]({{< relref path="target" outputFormat="" >}})',
    "rss-section": '[a]({{< relref path="/docs" outputFormat="rss" >}})',
    "html-anchor": '[a]({{< relref path="target#part" outputFormat="html" >}})',
    "rss-section-upper": '[a]({{< relref path="/docs" outputFormat="RSS" >}})',
    "rss-home-ref": '[a]({{< ref "/" "rss" >}})',
}
FEEDS = ("rss-section", "rss-section-upper", "rss-home-ref")
REFUSED = {
    "rss-of-a-page": ('{{< relref path="/docs/target" outputFormat="rss" >}}',
                      'output format "rss"'),
    "unknown-format": ('{{< relref path="/docs" outputFormat="bogus" >}}',
                       'output format "bogus"'),
    "three-positional": ('{{< relref "/docs/target" "en" "rss" >}}',
                         "invalid number of arguments to ref"),
}


def pages_of(links: dict[str, str]) -> dict[str, str]:
    return {"target": TARGET, **{name: page_source(name, f"Link: {link}\n")
                                 for name, link in links.items()}}


def site_path(href: str, name: str) -> str:
    """An href of the page `name` as the path (and anchor) it leads to on the site."""
    return urljoin(f"https://example.org/docs/{name}/", href).removeprefix("https://example.org")


def hrefs(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', html)


def run_hugo(pages: dict[str, str], folder: Path,
             files: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Hugo over the pages and other files of the site (not --quiet, as hugo_render runs
    it, which keeps the reason of a failure to itself); the site is folder/hugo-site."""
    site = folder / "hugo-site"
    (site / "themes").mkdir(parents=True)
    (site / "themes" / "hugo-book").symlink_to(THEME, target_is_directory=True)
    (site / "hugo.toml").write_text(CONFIG, "utf-8")
    write_pages(site, pages)
    menu = {f"content/{MENU_SECTION}/_index.md": "---\ntitle: Menu\n---\n"}
    for rel, text in {**menu, **(files or {})}.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, "utf-8")
    return subprocess.run([str(hugo_binary()), "build", "--source", str(site)],
                          capture_output=True, text=True, env=_hugo_env(), timeout=120)


def hugo_errors(pages: dict[str, str], folder: Path) -> str:
    """What Hugo prints when it fails on the pages."""
    run = run_hugo(pages, folder)
    assert run.returncode != 0, "Hugo builds the pages"
    return run.stderr + run.stdout


def build(project, pages: dict[str, str], *flags: str, files: dict[str, str] | None = None):
    content = {f"{MENU_SECTION}/_index.md": "---\ntitle: Menu\n---\n"}
    content |= {page_file(name).removeprefix("content/"): text for name, text in pages.items()}
    root = project(content, config=originals(),
                   files={rel: text.encode() for rel, text in (files or {}).items()})
    return root, CliRunner().invoke(main, ["build", *flags], catch_exceptions=False)


def test_links_lead_where_hugos_lead(project):
    hugo = hugo_render(pages_of(LINKS), config=CONFIG)
    root, result = build(project, pages_of(LINKS))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    assert len(warnings) == len(FEEDS), result.output
    assert all("output format" in line and "is not published" in line for line in warnings)
    for name in LINKS:
        expected = [site_path(href, name) for href in hrefs(hugo.articles[name])]
        article = (root / "site/docs" / name / "index.html").read_text("utf-8")
        article = article[article.index('<article class="md-content__inner'):]
        ours = [site_path(href, name) for href in hrefs(article)
                if not href.startswith("#")][:1]
        if name in FEEDS:
            # Hugo links the feed; hugomat, which publishes none, the page it is the feed of.
            assert len(expected) == 1 and expected[0].endswith("index.xml"), expected
            assert ours == [expected[0].removeprefix("https://example.org")
                            .removesuffix("index.xml")], name
        else:
            anchor = "#part" if "anchor" in name else ""
            assert ours == expected == [f"/docs/target/{anchor}"], name


def test_a_feed_link_is_a_located_warning_and_strict_fails(project):
    _, result = build(project, pages_of({"rss-section": LINKS["rss-section"]}))
    assert result.exit_code == 0, result.output
    message = ("content/docs/rss-section/index.md:5:11: warning: relref output format "
               "'rss' of '/docs' is not published: hugomat writes HTML pages only, so the "
               "link leads to the page itself")
    assert message in result.output, result.output
    _, strict = build(project, pages_of({"rss-section": LINKS["rss-section"]}), "--strict")
    assert strict.exit_code == 1, strict.output
    assert message.replace("warning: ", "") in strict.output, strict.output


@pytest.mark.parametrize("name", list(REFUSED))
def test_what_hugo_refuses_is_a_located_error(project, tmp_path, name):
    link, hugo_says = REFUSED[name]
    pages = pages_of({name: f"[a]({link})"})
    assert hugo_says in hugo_errors(pages, tmp_path)
    _, result = build(project, pages)
    assert result.exit_code == 1, result.output
    assert re.search(rf"content/docs/{name}/index\.md:5:11: (?!warning)\S.*", result.output), (
        result.output)


# A site's own shortcodes calling the relref function: Hugo's relref shortcode copied under
# another name (its .Params, a map or a list, go to the function as they are), and a map.
SITE_SHORTCODES = {
    "layouts/_shortcodes/myref.html": "{{- relref . .Params -}}",
    "layouts/_shortcodes/feed.html": (
        '{{- relref .Page (dict "path" "/docs" "outputFormat" "rss") -}}'),
}
FUNCTION_LINKS = {
    "function-named": '[a]({{< myref path="/docs/target" outputFormat="HTML" >}})',
    "function-positional": '[a]({{< myref "/docs/target" "html" >}})',
    "function-feed": "[a]({{< feed >}})",
}


def test_the_relref_function_reads_the_format_as_hugo(project, tmp_path):
    pages = pages_of(FUNCTION_LINKS)
    run = run_hugo(pages, tmp_path, SITE_SHORTCODES)
    assert run.returncode == 0, run.stderr
    _, result = build(project, pages, files=SITE_SHORTCODES)
    assert result.exit_code == 0, result.output
    root = Path.cwd()
    for name in FUNCTION_LINKS:
        hugo = article_of(tmp_path / "hugo-site/public/docs" / name / "index.html")
        expected = [site_path(href, name) for href in hrefs(hugo)]
        ours = (root / "site/docs" / name / "index.html").read_text("utf-8")
        ours = ours[ours.index('<article class="md-content__inner'):]
        linked = [site_path(href, name) for href in hrefs(ours) if not href.startswith("#")]
        if name == "function-feed":
            assert expected == ["/docs/index.xml"] and linked[:1] == ["/docs/"], name
        else:
            assert linked[:1] == expected == ["/docs/target/"], name
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    assert warnings == [
        "content/docs/function-feed/index.md:5:11: warning: layouts/_shortcodes/feed.html:1:5: "
        + "relref " + "output format 'rss' of '/docs' is not published: hugomat writes HTML "
        "pages only, so the link leads to the page itself"], result.output
    _, strict = build(project, pages, "--strict", files=SITE_SHORTCODES)
    assert strict.exit_code == 1, strict.output


@pytest.mark.parametrize(("call", "hugo_says"), [
    ('{{< myref path="/docs/target" outputFormat="rss" >}}', 'output format "rss"'),
    ('{{< myref "/docs/target" "en" "rss" >}}', "invalid number of arguments to ref")])
def test_the_relref_function_refuses_what_hugo_refuses(project, tmp_path, call, hugo_says):
    pages = pages_of({"function-refused": f"[a]({call})"})
    run = run_hugo(pages, tmp_path, SITE_SHORTCODES)
    assert run.returncode != 0 and hugo_says in run.stderr + run.stdout
    _, result = build(project, pages, files=SITE_SHORTCODES)
    assert result.exit_code == 1, result.output
    assert re.search(r"content/docs/function-refused/index\.md:5:11: (?!warning)\S.*relref",
                     result.output), result.output


LANG_PAGES = {
    "layouts/_shortcodes/myref.html": "{{- relref . .Params -}}",
    "content.en/docs/a.md": (
        '---\ntitle: A\n---\n[fr]({{< myref path="/docs/b" lang="fr" >}}) '
        '[same]({{< myref path="b" lang="en" >}}) [home]({{< myref path="/" lang="fr" >}})\n'),
    "content.en/docs/b.md": "---\ntitle: B\n---\nB.\n",
    "content.fr/docs/b.md": "---\ntitle: B fr\n---\nB.\n",
}


def test_the_relref_function_follows_lang_as_hugo(tmp_path, monkeypatch):
    public = run_two_language_hugo(tmp_path, "", LANG_PAGES)
    expected = [site_path(href, "a") for href in hrefs(article_of(public / "docs/a/index.html"))]
    assert expected == ["/fr/docs/b/", "/docs/b/", "/fr/"]
    site = build_ours(tmp_path, monkeypatch)
    ours = (site / "docs/a/index.html").read_text("utf-8")
    ours = ours[ours.index('<article class="md-content__inner'):]
    assert [site_path(href, "a") for href in hrefs(ours) if not href.startswith("#")][
        :len(expected)] == expected
    (tmp_path / "hugo/content.en/docs/a.md").write_text(
        '---\ntitle: A\n---\n[x]({{< myref path="/docs/b" lang="de" >}})\n', "utf-8")
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert ("relref names language 'de', which the site does not have (languages: en, fr)"
            in result.output), result.output
