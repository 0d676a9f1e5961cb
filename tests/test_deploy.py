"""`hugomat deploy`: onto a gh-pages branch of a local bare repository, or into a folder; and
the published site works from a sub-path as well as from a domain root."""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from click.testing import CliRunner
from PIL import Image

from hugomat.adapter.deploy import github_pages_url
from hugomat.cli import main
from site_configs import MINIMAL_MKDOCS_YML

CONFIG = MINIMAL_MKDOCS_YML

PAGES = {
    "_index.md": ("---\ntitle: Home\n---\n# Home\n\n"
                  "Read [the chapter]({{< relref \"chapter\" >}}).\n"),
    "docs/_index.md": "---\ntitle: Docs\n---\nThe docs.\n",
    "docs/chapter.md": (
        "---\ntitle: Chapter\nimage: pics/banner.webp\n---\n# Chapter\n\nFirst version.\n\n"
        "See [the guide](guide/index.md) and [home](/).\n"),
    "docs/guide/index.md": "---\ntitle: Guide\n---\n## Set up\n\n![diagram](diagram.png)\n",
}


def picture(kind: str = "WEBP") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 80, 20)).save(buffer, kind)
    return buffer.getvalue()


def files() -> dict[str, bytes]:
    return {"assets/pics/banner.webp": picture(), "content/docs/guide/diagram.png": picture("PNG"),
            "static/files/paper.pdf": b"%PDF-1.4\n", ".gitignore": b"site/\n.cache/\n"}


def run(*args: str):
    return CliRunner().invoke(main, ["deploy", *args], catch_exceptions=False)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git that reads no configuration of this machine and finds no repository above tmp."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for variable in ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def repo(project, tmp_path: Path, isolated_git) -> tuple[Path, Path]:
    """The project committed in a work repository whose `origin` is a bare repository."""
    config = CONFIG + "site_url: https://example.org/book/\n"
    root = project(PAGES, files=files(), config=config)
    bare = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    git(root, "init", "--quiet", "-b", "main")
    for key, value in (("user.name", "Test Author"), ("user.email", "author@example.org"),
                       ("commit.gpgsign", "false")):
        git(root, "config", key, value)
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "The book")
    git(root, "remote", "add", "origin", str(bare))
    git(root, "push", "--quiet", "origin", "main")
    return root, bare


def edit_chapter(root: Path, text: str) -> None:
    path = root / "content" / "docs" / "chapter.md"
    path.write_text(path.read_text(encoding="utf-8").replace("First version.", text),
                    encoding="utf-8")


def test_gh_pages_holds_the_site_and_each_deploy_adds_a_commit(repo):
    root, bare = repo
    pushed_main = git(bare, "rev-parse", "main")
    first = run()
    assert first.exit_code == 0, first.output
    assert "Published to origin/gh-pages" in first.stderr
    assert "https://example.org/book/" in first.stderr
    tree = git(bare, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    for name in (".nojekyll", "index.html", "404.html", "docs/chapter/index.html",
                 "docs/guide/diagram.png", "files/paper.pdf"):
        assert name in tree
    # The banner is published as the variants made of it.
    assert any(n.startswith("assets/images/banner-") and n.endswith(".avif") for n in tree)
    source_commit = git(root, "rev-parse", "--short", "HEAD")
    assert source_commit in git(bare, "log", "-1", "--format=%s", "gh-pages")
    first_commit = git(bare, "rev-parse", "gh-pages")

    edit_chapter(root, "Second version.")
    git(root, "commit", "--quiet", "-am", "Second version")
    second = run("--message", "Site of {sha}")
    assert second.exit_code == 0, second.output
    assert git(bare, "rev-parse", "gh-pages~1") == first_commit
    assert git(bare, "rev-list", "--count", "gh-pages") == "2"
    assert git(bare, "log", "-1", "--format=%s", "gh-pages") == (
        f"Site of {git(root, 'rev-parse', '--short', 'HEAD')}")
    page = git(bare, "show", "gh-pages:docs/chapter/index.html")
    assert "Second version." in page and "First version." not in page
    # Only gh-pages is pushed: the source branch is the author's to push.
    assert git(bare, "rev-parse", "main") == pushed_main


def test_uncommitted_content_is_refused_unless_forced(repo):
    root, bare = repo
    # Files outside the content, the picture folders and mkdocs.yml do not matter.
    (root / "notes.txt").write_text("todo\n", encoding="utf-8")
    assert run().exit_code == 0
    deployed = git(bare, "rev-parse", "gh-pages")

    edit_chapter(root, "Not committed yet.")
    (root / "content" / "docs" / "new.md").write_text("---\ntitle: New\n---\nNew.\n",
                                                      encoding="utf-8")
    refused = run()
    assert refused.exit_code == 3  # the working tree, not the content
    assert "uncommitted changes" in refused.stderr and "--force" in refused.stderr
    assert "content/docs/chapter.md" in refused.stderr
    assert "content/docs/new.md" in refused.stderr
    assert "notes.txt" not in refused.stderr
    assert git(bare, "rev-parse", "gh-pages") == deployed

    forced = run("--force")
    assert forced.exit_code == 0, forced.output
    assert git(bare, "rev-parse", "gh-pages~1") == deployed
    assert "Not committed yet." in git(bare, "show", "gh-pages:docs/chapter/index.html")


def test_a_second_clone_deploys_on_top_of_the_first(repo, tmp_path, monkeypatch):
    _, bare = repo
    assert run().exit_code == 0
    first = git(bare, "rev-parse", "gh-pages")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--branch", "main", str(bare), str(clone))
    git(clone, "config", "user.name", "Someone Else")
    git(clone, "config", "user.email", "else@example.org")
    monkeypatch.chdir(clone)
    assert run().exit_code == 0
    assert git(bare, "rev-parse", "gh-pages~1") == first


def test_no_remote_and_no_destination_exits_2(project, isolated_git):
    root = project(PAGES, files=files(), config=CONFIG)
    outside = run()
    assert outside.exit_code == 2
    assert "not in a git repository" in outside.stderr and "--to DIR" in outside.stderr
    git(root, "init", "--quiet")
    no_remote = run()
    assert no_remote.exit_code == 2
    assert "no git remote 'origin'" in no_remote.stderr and "--to DIR" in no_remote.stderr
    assert run("--to", "gh-pages").exit_code == 2
    assert not (root / "site").exists()


def test_deploy_to_a_folder_replaces_it_whole(project, tmp_path):
    project(PAGES, files=files())
    target = tmp_path / "www" / "book"
    first = run("--to", str(target))
    assert first.exit_code == 0, first.output
    assert (target / "docs" / "chapter" / "index.html").is_file()
    assert (target / "files" / "paper.pdf").is_file()
    before = target.stat().st_ino
    (target / "stale.txt").write_text("from before\n", encoding="utf-8")

    edit_chapter(Path.cwd(), "Second version.")
    second = run("--to", str(target))
    assert second.exit_code == 0, second.output
    assert "Second version." in (target / "docs" / "chapter" / "index.html").read_text("utf-8")
    assert not (target / "stale.txt").exists()
    # A new folder took the old one's place in one step; nothing is left beside it.
    assert target.stat().st_ino != before
    assert [p.name for p in target.parent.iterdir()] == ["book"]


def test_a_failed_build_leaves_the_folder_as_it_was(project, tmp_path):
    root = project(PAGES, files=files())
    target = tmp_path / "www"
    assert run("--to", str(target)).exit_code == 0
    before = {p.relative_to(target): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    # Strict: a warning (an unknown shortcode) stops the deploy.
    (root / "content" / "docs" / "chapter.md").write_text(
        "---\ntitle: Chapter\n---\n{{< nope >}}\n", encoding="utf-8")
    failed = run("--to", str(target))
    assert failed.exit_code == 1
    assert "unknown shortcode 'nope'" in failed.stderr
    after = {p.relative_to(target): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("www")] == ["www"]


def test_a_folder_that_is_not_a_site_is_kept_unless_forced(project, tmp_path):
    root = project(PAGES, files=files())
    target = tmp_path / "important"
    target.mkdir()
    (target / "thesis.tex").write_text("years of work\n", encoding="utf-8")
    refused = run("--to", str(target))
    assert refused.exit_code == 2
    assert "does not look like a built site" in refused.stderr
    assert (target / "thesis.tex").is_file()
    # The project itself is never replaced, not even with --force.
    for folder in (root, root.parent):
        kept = run("--to", str(folder), "--force")
        assert kept.exit_code == 2
        assert "would delete" in kept.stderr
    assert (root / "mkdocs.yml").is_file()
    forced = run("--to", str(target), "--force")
    assert forced.exit_code == 0
    assert (target / "index.html").is_file() and not (target / "thesis.tex").exists()


@pytest.mark.parametrize(("remote", "url"), [
    ("git@github.com:Owner/repo.git", "https://owner.github.io/repo/"),
    ("https://github.com/owner/repo", "https://owner.github.io/repo/"),
    ("https://github.com/owner/repo.git/", "https://owner.github.io/repo/"),
    ("ssh://git@github.com/owner/owner.github.io.git", "https://owner.github.io/"),
    ("https://gitlab.com/owner/repo.git", None),
    ("/srv/git/book.git", None),
])
def test_github_pages_url(remote, url):
    assert github_pages_url(remote) == url


# -- the published site from a sub-path and from a domain root ---------------------------------


class _References(HTMLParser):
    """Every URL a page makes the browser load or follow."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in ("href", "src"):
                self.urls.append(value)
            elif value and name == "srcset":
                self.urls.extend(part.split()[0] for part in value.split(",") if part.strip())


def _references(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    return parser.urls


@pytest.fixture
def serve_under():
    """Serve a folder at http://127.0.0.1:PORT{mount} only, with its 404.html for what is
    missing, as a static host does."""
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path, mount: str) -> str:
        class Handler(SimpleHTTPRequestHandler):
            def translate_path(self, path: str) -> str:
                url_path = urlsplit(path).path
                if not url_path.startswith(mount):
                    return str(folder / "__outside_the_mount__")
                return super().translate_path("/" + url_path[len(mount):])

            def send_error(self, code: int, message: str | None = None,
                           explain: str | None = None) -> None:
                page = folder / "404.html"
                if code != 404 or not page.is_file():
                    super().send_error(code, message, explain)
                    return
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0),
                                     functools.partial(Handler, directory=str(folder)))
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}{mount}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def _crawl(start: str) -> Iterator[tuple[str, str, int]]:
    """(page, URL, status) for every URL reachable from `start` on the same server."""
    origin = urlsplit(start).netloc
    seen: set[str] = set()
    queue = [(start, start)]
    while queue:
        page, url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = _fetch(url)
        yield page, url, status
        if status == 200 and "html" in kind:
            for ref in _references(body.decode("utf-8")):
                target = urldefrag(urljoin(url, ref)).url
                if urlsplit(target).scheme == "http" and urlsplit(target).netloc == origin:
                    queue.append((url, target))


@pytest.mark.parametrize(("site_url", "mount"), [
    ("https://example.org/book/", "/book/"),
    ("https://example.org/", "/"),
])
def test_the_site_works_from_a_sub_path_and_from_a_root(project, tmp_path, serve_under,
                                                        site_url, mount):
    project(PAGES, files=files(), config=CONFIG + f"site_url: {site_url}\n")
    folder = tmp_path / "public"
    assert run("--to", str(folder)).exit_code == 0
    base = serve_under(folder, mount)

    visited = list(_crawl(base))
    broken = [(page, url, status) for page, url, status in visited if status != 200]
    assert broken == []
    urls = {url for _, url, _ in visited}
    assert all(url.startswith(base) for url in urls)
    for expected in ("docs/chapter/", "docs/guide/"):
        assert base + expected in urls
    # Pictures are published as the variants made of them.
    for name in ("banner", "diagram"):
        assert any(url.startswith(base + f"assets/images/{name}-") for url in urls)

    # A static host answers a missing page deep in the site with 404.html; its links must
    # still lead into the site.
    missing = base + "no/such/page/"
    status, _, body = _fetch(missing)
    assert status == 404 and b"<html" in body
    for ref in _references(body.decode("utf-8")):
        target = urldefrag(urljoin(missing, ref)).url
        if urlsplit(target).netloc == urlsplit(base).netloc:
            assert target.startswith(base), ref
            assert _fetch(target)[0] == 200, ref


# -- gh-deploy, --no-history, what it says, exit codes, folder modes ----------------------------


def test_gh_deploy_is_deploy_to_gh_pages_and_no_history_keeps_one_commit(repo):
    root, bare = repo
    first = CliRunner().invoke(main, ["gh-deploy"], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert first.stderr.count("Published to origin/gh-pages") == 1
    edit_chapter(root, "Second version.")
    git(root, "commit", "--quiet", "-am", "Second")
    second = CliRunner().invoke(main, ["gh-deploy", "--no-history", "-m", "Only {sha}"],
                                catch_exceptions=False)
    assert second.exit_code == 0, second.output
    # One commit, the site alone: the first deploy's commit is gone from the branch.
    assert git(bare, "rev-list", "--count", "gh-pages") == "1"
    assert git(bare, "log", "-1", "--format=%s", "gh-pages").startswith("Only ")
    assert "Second version." in git(bare, "show", "gh-pages:docs/chapter/index.html")


def test_deploy_says_what_it_is_doing(repo):
    result = run()
    assert result.exit_code == 0, result.output
    said = result.stderr
    steps = ["Fetching 'gh-pages' from 'origin'", "Building the site in strict mode",
             "Committing the site to 'gh-pages'", "Pushing 'gh-pages' to 'origin'",
             "Published to origin/gh-pages"]
    at = [said.find(step) for step in steps]
    assert all(i >= 0 for i in at) and at == sorted(at), said


def test_no_history_is_for_gh_pages_only(project, tmp_path):
    project(PAGES, files=files())
    result = run("--to", str(tmp_path / "www"), "--no-history")
    assert result.exit_code == 2 and "--no-history" in result.stderr
    assert not (tmp_path / "www").exists()


def test_an_unreachable_remote_or_no_git_is_the_environment_exit_3(repo, monkeypatch, tmp_path):
    root, _ = repo
    git(root, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    unreachable = run()
    assert unreachable.exit_code == 3
    assert "cannot reach git remote 'origin'" in unreachable.stderr
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    no_git = run()
    assert no_git.exit_code == 3 and "git is not installed" in no_git.stderr


def test_deploy_to_a_folder_keeps_its_mode(project, tmp_path):
    import os
    import stat

    project(PAGES, files=files())
    target = tmp_path / "www"
    assert run("--to", str(target)).exit_code == 0
    os.chmod(target, 0o751)
    assert run("--to", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o751
