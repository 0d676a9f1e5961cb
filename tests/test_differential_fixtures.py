"""Hand-written pages, rendered by Hugo with hugo-book and by hugomat, compared one by one.

The machinery of test_differential_commonmark for the cases the spec does not cover: Hugo's
Goldmark extensions (typographer, linkify, tables, footnotes, ...), hugo-book's habits and
regressions found in real books. To add a case, add an entry to FIXTURES: a name (lower case,
digits, `-`) and the page's Markdown, which follows a front matter of a title and
`bookHidden` (see hugo_reference.page_source). Each page is a leaf bundle, and the pictures and
files it refers to are supplied to both tools (hugo_reference); hugomat's picture pipeline is
off (hugomat_reference.MKDOCS_YML). One Hugo render (cached) and one `hugomat build` serve all
of them.

A case hugomat renders differently carries `differs_today`, what differs, and runs as
`xfail(strict=True)`: when a change fixes it, the suite reports XPASS as a failure, and the
reason is to be removed. (Set against the hugomat of the commit that added this file.)
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

import hugo_reference
from hugo_reference import (
    DEFAULT_CONFIG,
    FILE,
    PICTURE,
    HugoRender,
    cache_key,
    check_names,
    hugo_binary,
    hugo_render,
    hugo_version,
    page_source,
    project_path,
    site_path,
    supplied_files,
    tiny_png,
    write_supplied,
)
from hugomat_reference import HugomatRender, assert_reads_as_hugo, hugomat_render


@dataclass(frozen=True)
class Fixture:
    markdown: str
    differs_today: str = ""
    """Empty when hugomat renders the page as Hugo does; else what differs (the xfail's
    reason)."""


FIXTURES: dict[str, Fixture] = {
    "typographer": Fixture(
        "He said \"hello\" -- it's 'quoted' --- and so on...\n\n<<French>> quotes.\n"),
    "linkify": Fixture(
        "See https://example.org/path, www.example.com and me@example.org.\n"),
    "strikethrough": Fixture(
        "This is ~~gone~~ and this ~stays~ (one tilde).\n"),
    "task-list": Fixture(
        "- [ ] to do\n- [x] done\n- plain\n"),
    # Goldmark puts the box in the item's first block: a loose item's paragraph, or the
    # heading its text becomes.
    "task-list-loose": Fixture("- [ ] to do\n\n- [x] done\n"),
    "task-item-heading": Fixture("- [ ] word\n- [x] done\n    -\n"),
    "footnote": Fixture(
        "Text with a note.[^1] And another.[^note]\n\n[^1]: The first note.\n"
        "[^note]: The second, *emphasised*.\n"),
    "definition-list": Fixture("Term\n: Its definition.\n\nAnother term\n: First.\n: Second.\n"),
    "table": Fixture("| Left | Centre | Right |\n|:-----|:------:|------:|\n"
                     "| a | *b* | `c` |\n| 1 | 2 | 3 |\n"),
    "heading-ids": Fixture(
        "# Héllo Wörld\n\n## Ünïcode: Ω & “quotes”\n\n## Same\n\n## Same\n\n"
        "## 日本語の見出し\n\n## 如何修改配置项的值？\n\n## Same\n"),
    "heading-attributes": Fixture("## Custom {#my-id}\n\n## Classy {.important}\n"),
    "escaped-dollar": Fixture(
        "Price: \\$5, or \\$10 with tax.\n"),
    "fence-in-tight-list": Fixture(
        "- item\n  ```\n  code\n  ```\n- next\n"),
    "fence-info-with-space": Fixture(
        "```python extra words\nprint('hi')\n```\n"),
    "bullets-after-ordered-list": Fixture(
        "1. one\n2. two\n- bullet\n- other\n"),
    "atx-heading-without-space": Fixture(
        "##Code\n\nText.\n"),
    "book-hero-html-block": Fixture(
        '<div class="book-hero">\n\n# A Hero Title\n\nSome *Markdown* with a '
        '[link](https://example.org/).\n\n</div>\n'),
    "bundle-resources": Fixture(
        "![A moon](moon.jpg) beside the page, ![a sun](/pictures/sun.png) in static/, "
        "[the notes](notes.pdf) and [the data](../data/table.csv).\n"),
}
TITLE = "hugomat-fixture-title-{name}"


def page_name(name: str) -> str:
    return f"fixture-{name}"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {page_name(name): page_source(TITLE.format(name=name), fixture.markdown)
            for name, fixture in FIXTURES.items()}


@pytest.fixture(scope="module")
def hugo(pages: dict[str, str]) -> HugoRender:
    return hugo_render(pages)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fixtures") / "book"


@pytest.fixture(scope="module")
def ours(pages: dict[str, str], hugo: HugoRender, book: Path) -> HugomatRender:
    # After `hugo`: without Hugo the module skips before building anything.
    return hugomat_render(pages, book, files=hugo.files)


def cases() -> list:
    return [pytest.param(name, id=name, marks=[pytest.mark.xfail(
                strict=True, reason=fixture.differs_today)] if fixture.differs_today else [])
            for name, fixture in FIXTURES.items()]


@pytest.mark.parametrize("name", cases())
def test_page_reads_as_hugo_renders_it(name: str, hugo: HugoRender, ours: HugomatRender):
    assert_reads_as_hugo(name, page_name(name), hugo, ours,
                         f"markdown: {FIXTURES[name].markdown!r}")


# -- the cache of Hugo's renders -------------------------------------------------------------


def fake_hugo(folder: Path, version: str) -> Path:
    """A `hugo` that tells its version and fails at anything else."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "hugo"
    script.write_text(f"#!/bin/sh\n[ \"$1\" = version ] && echo '{version}' && exit 0\nexit 1\n")
    script.chmod(0o755)
    return script


def test_a_second_render_comes_from_the_cache(pages: dict[str, str], hugo: HugoRender,
                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    same_version = fake_hugo(tmp_path, hugo_version(hugo_binary()))
    monkeypatch.setenv("HUGOMAT_HUGO", str(same_version))
    assert hugo_render(pages) == hugo


def test_the_cache_key_follows_pages_config_hugo_and_every_theme_file(tmp_path: Path):
    theme = tmp_path / "theme"
    (theme / "layouts").mkdir(parents=True)
    (theme / "layouts" / "single.html").write_text("a")
    old, new = fake_hugo(tmp_path / "old", "hugo v0.1"), fake_hugo(tmp_path / "new", "hugo v0.2")
    pages = {"a": page_source("A", "text")}
    key = cache_key(pages, DEFAULT_CONFIG, old, theme)
    assert key == cache_key(dict(pages), DEFAULT_CONFIG, old, theme)
    assert key != cache_key(pages, DEFAULT_CONFIG, new, theme)
    assert key != cache_key({"a": page_source("A", "text!")}, DEFAULT_CONFIG, old, theme)
    assert key != cache_key(pages, DEFAULT_CONFIG + "\n", old, theme)
    (theme / "layouts" / "single.html").write_text("b")
    changed = cache_key(pages, DEFAULT_CONFIG, old, theme)
    assert changed != key
    (theme / "layouts" / "list.html").write_text("")
    assert cache_key(pages, DEFAULT_CONFIG, old, theme) != changed


# -- pages hugomat refuses -------------------------------------------------------------------

FAKE_HUGOMAT = '''\
import pathlib, sys
pages = sorted(pathlib.Path("content/docs").glob("*/index.md"))
named = [p for p in pages if "MISSING" in p.read_text()]
for page in pages:
    if "WARN" in page.read_text():
        print(f"content/docs/{page.parent.name}/index.md:5:1: warning: link target '/y' does "
              "not exist", file=sys.stderr)
for page in named:
    print(f"content/docs/{page.parent.name}/index.md:4:1: picture 'x.png' not found",
          file=sys.stderr)
if named:
    sys.exit(1)
if any("BOOM" in p.read_text() for p in pages):
    sys.exit("Traceback (most recent call last):\\nKeyError: 'boom'")
for page in pages:
    if "SKIP" not in page.read_text():
        beside = sorted(f.name for f in page.parent.iterdir() if f.name != "index.md")
        out = pathlib.Path("site/docs", page.parent.name, "index.html")
        out.parent.mkdir(parents=True)
        out.write_text('<article class="md-content__inner md-typeset">'
                       f'<p>{" ".join(beside) or "ok"}</p></article>')
'''


def test_pages_hugomat_refuses_are_set_aside_and_the_rest_is_built(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import hugomat_reference

    script = tmp_path / "fake_hugomat.py"
    script.write_text(FAKE_HUGOMAT)
    monkeypatch.setattr(hugomat_reference, "_hugomat_command",
                        lambda: [sys.executable, str(script)])
    bodies = {"a": "fine", "b": "MISSING", "c": "BOOM", "d": "fine", "e": "SKIP", "f": "fine",
              "g": "WARN"}
    files = {"docs/a/moon.jpg": PICTURE, "docs/b/x.png": PICTURE, "url": PICTURE}
    render = hugomat_render({name: page_source(name, body) for name, body in bodies.items()},
                            tmp_path / "book", files=files)
    assert sorted(render.articles) == ["a", "d", "f", "g"]
    assert render.articles["a"] == "<p>moon.jpg</p>"  # in its bundle
    assert render.articles["g"] == "<p>ok</p>"  # a warning refuses nothing
    assert render.refused["b"] == "picture 'x.png' not found"
    assert render.refused["c"].startswith("crash: KeyError: 'boom'")
    assert render.refused["e"] == "hugomat built the site but no page for it"
    # A page set aside leaves its files at their URL, for the pages left.
    assert (tmp_path / "book" / "static" / "docs" / "b" / "x.png").read_bytes() == tiny_png()
    assert (tmp_path / "book" / "static" / "url").read_bytes() == tiny_png()


# -- the supplied files ----------------------------------------------------------------------


def test_bundle_resources_are_supplied_to_both(hugo: HugoRender, ours: HugomatRender):
    page = f"docs/{page_name('bundle-resources')}"
    assert {path: kind for path, kind in hugo.files.items() if page in path
            or path.startswith(("pictures/", "docs/data/"))} == {
        f"{page}/moon.jpg": PICTURE, "pictures/sun.png": PICTURE, f"{page}/notes.pdf": FILE,
        "docs/data/table.csv": FILE}
    assert page_name("bundle-resources") in ours.articles


def test_hugomat_serves_each_supplied_file_at_its_url(hugo: HugoRender, ours: HugomatRender,
                                                      book: Path):
    assert [path for path in hugo.files if not (book / "site" / path).is_file()] == []


def test_the_supplied_picture_is_a_valid_png():
    with Image.open(io.BytesIO(tiny_png())) as picture:
        assert (picture.format, picture.size) == ("PNG", (1, 1))


def test_site_paths_resolve_against_the_page_and_leave_out_what_names_no_plain_file():
    page = "/docs/p/"
    assert site_path("moon.jpg", page) == "docs/p/moon.jpg"
    assert site_path("./sub/moon.jpg?v=2#top", page) == "docs/p/sub/moon.jpg"
    assert site_path("../other/sun.png", page) == "docs/other/sun.png"
    assert site_path("/url", page) == "url"
    assert site_path("/caf%65.png", page) == "cafe.png"
    left_out = ["", "#frag", "//cdn.example.org/x.png", "https://example.org/x.png",
                "mailto:a@example.org", "MAILTO:A@EXAMPLE.ORG", "localhost:5001/foo",
                "my%20url.png", "my url.png", "a<b.png", '"q".png', "%22q%22.png",
                "a%5Cb.png", "my_(url).png", "f%C3%B6.png", "a%2Fb.png", "%ff.png", "/",
                "sub/", ".hidden.png", "/docs/p/%2E%2E/x.png"]
    assert {url: site_path(url, page) for url in left_out} == dict.fromkeys(left_out)


def test_supplied_files_follow_pictures_and_links_with_an_extension():
    articles = {
        "p": '<p><img src="moon.jpg" alt=""><img src="/url"><a href="notes.pdf">n</a>'
             '<a href="/page">a page</a><a href="../q/">a folder</a><a href="#x">x</a>'
             '<a href="target.md">md</a><img src="x.html"><a href="/both.png">l</a></p>',
        "q": '<img src="/both.png" /><a href="https://example.org/y.pdf">y</a>'
             '<pre><code>&lt;img src="code.png"&gt;</code></pre>'}
    assert supplied_files(articles) == {
        "both.png": PICTURE, "docs/p/moon.jpg": PICTURE, "docs/p/notes.pdf": FILE,
        "url": PICTURE}


def test_a_supplied_file_never_takes_the_name_of_a_folder():
    articles = {"p": '<img src="/docs"><img src="/docs/q"><img src="/reference-menu">'
                     '<img src="/a"><img src="/a/b.png"><img src="/docs/p/c">'}
    assert supplied_files(articles, {"p": "", "q": ""}) == {
        "a/b.png": PICTURE, "docs/p/c": PICTURE}


def test_supplied_files_go_in_the_bundle_of_the_page_whose_folder_holds_them(tmp_path: Path):
    pages = {"p": "", "p-2": ""}
    assert project_path("docs/p/moon.jpg", pages) == "content/docs/p/moon.jpg"
    assert project_path("docs/p/sub/moon.jpg", pages) == "content/docs/p/sub/moon.jpg"
    assert project_path("docs/p-2/x.png", pages) == "content/docs/p-2/x.png"
    assert project_path("docs/gone/x.png", pages) == "static/docs/gone/x.png"
    assert project_path("url", pages) == "static/url"
    write_supplied(tmp_path, {"docs/p/moon.jpg": PICTURE, "a/notes.pdf": FILE}, pages)
    assert (tmp_path / "content/docs/p/moon.jpg").read_bytes() == tiny_png()
    assert (tmp_path / "static/a/notes.pdf").read_bytes() == b""


def test_no_page_may_be_the_folder_of_another():
    check_names({"a": "", "a-b": "", "c/d": ""})
    with pytest.raises(ValueError, match="folder of another page"):
        check_names({"a": "", "a/b": ""})


FAKE_HUGO = '''\
import pathlib, sys
if sys.argv[1] == "version":
    print("hugo v0.0-fake")
    sys.exit(0)
source = pathlib.Path(sys.argv[sys.argv.index("--source") + 1])
public = pathlib.Path(sys.argv[sys.argv.index("--destination") + 1])
for page in (source / "content/docs").glob("*/index.md"):
    present = (page.parent / "x.png").is_file()
    out = public / "docs" / page.parent.name / "index.html"
    out.parent.mkdir(parents=True)
    out.write_text('<article class="markdown book-article"><img src="x.png">'
                   f'<p>x.png present: {present}</p></article>')
with open(source.parent / "runs", "a") as runs:
    runs.write("run\\n")
'''


def test_hugo_renders_again_with_the_files_its_render_calls_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    script = tmp_path / "hugo"
    script.write_text(f"#!{sys.executable}\n{FAKE_HUGO}")
    script.chmod(0o755)
    (tmp_path / "theme").mkdir()
    monkeypatch.setenv("HUGOMAT_HUGO", str(script))
    monkeypatch.setattr(hugo_reference, "THEME", tmp_path / "theme")
    monkeypatch.setattr(hugo_reference, "CACHE", tmp_path / "cache")
    runs = []
    real_run = hugo_reference._run_hugo

    def counted(site: Path, *args):
        articles = real_run(site, *args)
        runs.append((site.parent / "runs").read_text().count("run"))
        return articles

    monkeypatch.setattr(hugo_reference, "_run_hugo", counted)
    render = hugo_render({"a": page_source("A", "![](x.png)")})
    assert render.articles == {
        "a": '<img src="x.png"><p>x.png present: True</p>'}
    assert render.files == {"docs/a/x.png": PICTURE}
    assert runs == [1, 2]
    assert hugo_render({"a": page_source("A", "![](x.png)")}) == render  # from the cache
    assert runs == [1, 2]
