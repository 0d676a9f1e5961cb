"""What the build reads: only regular, readable files really inside the site's folders.

Each case below was found by an attacker: a symlink published a host file or the build's
environment, a link to /dev/zero ate memory, a loop of links or an unreadable file gave a
traceback. Each is now an error at `path:1:1`, from `build` and `check` alike.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from hugomat.cli import main
from hugomat.errors import ContentErrors
from hugomat.read import book, safe_files
from hugomat.read.safe_files import Refused, SiteFolders, scan
from hugomat.read.source import SiteSource

PAGE = """\
---
title: Chapter
---

# Chapter

Text.
"""

PAGES = {"_index.md": "---\ntitle: Home\n---\n\nHome.\n", "docs/chapter.md": PAGE}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def fails_with(command: str, pattern: str) -> str:
    """Runs `hugomat COMMAND` and asserts it exits 1 with a line matching `pattern`."""
    result = run(command)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert re.search(pattern, result.output, re.MULTILINE), result.output
    return result.output


def where(*parts: str) -> str:
    """A path as hugomat names it, run from the project folder, made a pattern."""
    return re.escape(str(Path(*parts)))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, outside every folder of the site."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text("the host's secret\n", encoding="utf-8")
    (folder / "host.md").write_text("---\ntitle: Host\n---\n\nhost secret\n", encoding="utf-8")
    return folder


# -- links out of the site's folders -----------------------------------------------------------


def test_a_static_link_to_a_host_file_is_refused_by_build_and_check(project, outside):
    root = project(PAGES)
    (root / "static").mkdir()
    (root / "static" / "passwd.txt").symlink_to(outside / "secret.txt")
    pattern = (rf"^{where('static', 'passwd.txt')}:1:1: file is a link to .*secret\.txt, "
               r"outside the site's folders")
    fails_with("build", pattern)
    assert not (root / "site").exists()
    fails_with("check", pattern)


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="no /etc/passwd here")
def test_static_passwd_is_not_published(project):
    root = project(PAGES)
    (root / "static").mkdir()
    (root / "static" / "passwd.txt").symlink_to("/etc/passwd")
    fails_with("build", rf"^{where('static', 'passwd.txt')}:1:1: file is a link to "
                        r"/etc/passwd, outside the site's folders")
    assert not list(root.rglob("site/passwd.txt"))


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="no /proc here")
def test_the_builds_environment_is_not_published(project, monkeypatch):
    monkeypatch.setenv("HUGOMAT_TEST_SECRET", "s3cr3t-token-for-the-test")
    root = project(PAGES)
    (root / "static").mkdir()
    (root / "static" / "env.txt").symlink_to("/proc/self/environ")
    fails_with("build", rf"^{where('static', 'env.txt')}:1:1: file is a link to /proc/"
                        r".*environ, outside the site's folders")
    published = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    assert not any(b"s3cr3t-token" in p.read_bytes() for p in published)


def test_a_content_page_linked_to_a_host_file_is_not_a_page(project, outside):
    root = project(PAGES)
    (root / "content" / "docs" / "host.md").symlink_to(outside / "host.md")
    pattern = (rf"^{where('content', 'docs', 'host.md')}:1:1: file is a link to .*host\.md, "
               r"outside the site's folders")
    fails_with("build", pattern)
    fails_with("check", pattern)
    assert not (root / "site").exists()


def test_a_page_resource_linked_to_a_host_file_is_refused(project, outside):
    root = project(PAGES)
    (root / "content" / "docs" / "notes.txt").symlink_to(outside / "secret.txt")
    fails_with("build", rf"^{where('content', 'docs', 'notes.txt')}:1:1: file is a link to "
                        r".*secret\.txt, outside")


def test_a_content_folder_linked_outside_is_refused(project, outside):
    root = project(PAGES)
    (root / "content" / "docs" / "more").symlink_to(outside, target_is_directory=True)
    fails_with("check", rf"^{where('content', 'docs', 'more')}:1:1: folder is a link to "
                        r".*outside, outside the site's folders")


def test_a_link_in_the_template_overrides_is_refused(project, outside):
    config = ("site_name: T\ndocs_dir: content\ntheme:\n  name: material\n  font: false\n"
              "  custom_dir: overrides\nplugins:\n  - hugomat\n")
    root = project(PAGES, config=config)
    (root / "overrides").mkdir()
    (root / "overrides" / "leak.txt").symlink_to(outside / "secret.txt")
    pattern = rf"^{where('overrides', 'leak.txt')}:1:1: file is a link to .*secret\.txt"
    fails_with("check", pattern)
    fails_with("build", pattern)


def test_a_hidden_link_that_mkdocs_may_publish_is_refused(project, outside):
    # MkDocs leaves hidden files out unless told (`!.well-known/`); hugomat refuses them anyway.
    config = ("site_name: T\ndocs_dir: content\nexclude_docs: |\n  !.well-known/\ntheme:\n"
              "  name: material\n  font: false\nplugins:\n  - hugomat\n")
    root = project(PAGES, config=config)
    (root / "content" / ".well-known").mkdir()
    (root / "content" / ".well-known" / "leak.txt").symlink_to(outside / "secret.txt")
    pattern = rf"^{where('content', '.well-known', 'leak.txt')}:1:1: file is a link to "
    fails_with("build", pattern)
    fails_with("check", pattern)


def test_eject_copies_no_host_file(project, outside, tmp_path):
    root = project(PAGES)
    (root / "static").mkdir()
    (root / "static" / "passwd.txt").symlink_to(outside / "secret.txt")
    result = run("eject", "--out", str(tmp_path / "ejected"))
    assert result.exit_code == 1, result.output
    assert re.search(rf"^{where('static', 'passwd.txt')}:1:1: file is a link to ",
                     result.output, re.MULTILINE), result.output
    assert not list(tmp_path.glob("ejected/**/passwd.txt"))


# -- special files -------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_page_linked_to_dev_zero_is_never_read(project):
    # Checked, not built: without the rule, a build copies /dev/zero until memory runs out.
    root = project(PAGES)
    (root / "content" / "docs" / "zero.md").symlink_to("/dev/zero")
    fails_with("check", rf"^{where('content', 'docs', 'zero.md')}:1:1: file is a link to "
                        r"/dev/zero, outside the site's folders")


def test_a_fifo_is_never_read(project):
    root = project(PAGES)
    os.mkfifo(root / "content" / "docs" / "pipe.md")
    (root / "static").mkdir()
    os.mkfifo(root / "static" / "pipe.bin")
    output = fails_with("build", rf"^{where('content', 'docs', 'pipe.md')}:1:1: file is a "
                                 r"FIFO, not a regular file; it is never read")
    # The content is read first; the static folder's FIFO is reported once that is fixed.
    assert "pipe.bin" not in output
    (root / "content" / "docs" / "pipe.md").unlink()
    fails_with("build", rf"^{where('static', 'pipe.bin')}:1:1: file is a FIFO")
    fails_with("check", rf"^{where('static', 'pipe.bin')}:1:1: file is a FIFO")


def test_special_files_are_named_by_kind(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    folders = SiteFolders.of([tmp_path])
    with pytest.raises(Refused, match="is a FIFO"):
        folders.inspect(tmp_path / "pipe")
    assert folders.inspect(tmp_path).is_dir


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="no /proc here")
def test_a_file_of_proc_is_never_read_even_from_a_site_folder_there():
    folders = SiteFolders.of([Path("/proc/self")])
    with pytest.raises(Refused, match=r"in the system's /proc/; it is never read"):
        folders.inspect(Path("/proc/self/environ"))


# -- loops and unreadable files ------------------------------------------------------------------


def test_a_loop_of_links_is_an_error_not_a_traceback(project):
    root = project(PAGES)
    (root / "content" / "docs" / "loop").symlink_to("..", target_is_directory=True)
    pattern = (rf"^{where('content', 'docs', 'loop')}:1:1: folder is a link to content, a "
               r"folder that contains it \(a loop of links\)")
    fails_with("build", pattern)
    fails_with("check", pattern)


def test_folders_linked_to_each_other_are_a_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "to_b").symlink_to(tmp_path / "b", target_is_directory=True)
    (tmp_path / "b" / "to_a").symlink_to(tmp_path / "a", target_is_directory=True)
    errors: list = []
    scan(tmp_path, SiteFolders.of([tmp_path]), errors)
    assert [(str(e.location), e.message) for e in errors] == [
        (f"{tmp_path / 'a' / 'to_b' / 'to_a'}:1:1",
         f"folder is a link to {tmp_path / 'a'}, a folder that contains it (a loop of links)"),
        (f"{tmp_path / 'b' / 'to_a' / 'to_b'}:1:1",
         f"folder is a link to {tmp_path / 'b'}, a folder that contains it (a loop of links)")]


def test_a_link_to_itself_and_a_dangling_link_are_errors(tmp_path):
    (tmp_path / "self.md").symlink_to(tmp_path / "self.md")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nothing.md")
    errors: list = []
    listed = scan(tmp_path, SiteFolders.of([tmp_path]), errors)
    assert listed.files == []
    assert [str(e.location) for e in errors] == [f"{tmp_path / 'gone.md'}:1:1",
                                                 f"{tmp_path / 'self.md'}:1:1"]
    assert "which does not exist" in errors[0].message
    assert "cannot be followed" in errors[1].message


def unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Makes `path` unreadable; as root, whom chmod 000 does not stop, by pretending so."""
    if os.geteuid() != 0:
        path.chmod(0)  # restored by the restore_modes fixture
        return
    real = os.path.realpath(path)
    if path.is_dir():
        listing = os.scandir

        def scandir(folder: os.PathLike[str] | str | int = ".") -> object:
            # shutil.rmtree lists folders by file descriptor: those are left alone.
            if not isinstance(folder, int) and os.path.realpath(folder) == real:
                raise PermissionError(13, "Permission denied", str(folder))
            return listing(folder)

        monkeypatch.setattr(safe_files.os, "scandir", scandir)
    else:
        readable = safe_files._readable
        monkeypatch.setattr(safe_files, "_readable",
                            lambda p: os.path.realpath(p) != real and readable(p))


@pytest.fixture
def restore_modes(tmp_path: Path):
    yield
    for path in tmp_path.rglob("*"):  # so that pytest can remove the folder
        if not path.is_symlink():
            path.chmod(stat.S_IRWXU)


def test_an_unreadable_page_is_an_error(project, monkeypatch, restore_modes):
    root = project(PAGES)
    unreadable(root / "content" / "docs" / "chapter.md", monkeypatch)
    pattern = (rf"^{where('content', 'docs', 'chapter.md')}:1:1: file cannot be read: "
               r"permission denied")
    fails_with("build", pattern)
    fails_with("check", pattern)


def test_an_unreadable_folder_is_an_error(project, monkeypatch, restore_modes):
    root = project(PAGES)
    (root / "content" / "locked").mkdir()
    (root / "content" / "locked" / "page.md").write_text(PAGE, encoding="utf-8")
    unreadable(root / "content" / "locked", monkeypatch)
    pattern = rf"^{where('content', 'locked')}:1:1: folder cannot be read: Permission denied"
    fails_with("build", pattern)
    fails_with("check", pattern)


def test_a_page_made_unreadable_after_the_listing_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.md").write_text(PAGE, encoding="utf-8")

    def refuse(path: Path, display: str | None = None) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(book.frontmatter, "read", refuse)
    with pytest.raises(ContentErrors) as failure:
        book.load(SiteSource(root=tmp_path, content_dir=tmp_path / "content"))
    assert [e.message for e in failure.value.errors] == ["file cannot be read: Permission denied"]


# -- links that stay inside keep working ---------------------------------------------------------


def test_links_inside_the_sites_folders_are_followed(project, recwarn):
    root = project({**PAGES}, files={"data/shared.md": PAGE.encode(),
                                     "assets/files/guide.txt": b"the guide\n",
                                     "assets/more/a.txt": b"a\n"})
    (root / "content" / "docs" / "shared.md").symlink_to(root / "data" / "shared.md")
    (root / "static").mkdir()
    (root / "static" / "guide.txt").symlink_to(Path("..", "assets", "files", "guide.txt"))
    (root / "static" / "more").symlink_to(root / "assets" / "more", target_is_directory=True)
    (root / "content" / "docs" / "again.md").symlink_to("chapter.md")
    result = run("build")
    assert result.exit_code == 0, result.output
    site = root / "site"
    assert "Text." in (site / "docs" / "shared" / "index.html").read_text(encoding="utf-8")
    assert "Text." in (site / "docs" / "again" / "index.html").read_text(encoding="utf-8")
    assert (site / "guide.txt").read_bytes() == b"the guide\n"
    assert (site / "more" / "a.txt").read_bytes() == b"a\n"
    # The page is built from its link, never taken for a raw file that the page replaces.
    assert not (site / "docs" / "shared.md").exists()
    assert not [w for w in recwarn if "replace an existing file" in str(w.message)]
    assert run("check").exit_code == 0


def test_serve_watches_a_loop_of_links_without_walking_it(tmp_path):
    from mkdocs.livereload import LiveReloadServer

    from hugomat.adapter.plugin import watch_links_as_links

    content = tmp_path / "content"
    (content / "docs").mkdir(parents=True)
    (content / "docs" / "x.md").write_text(PAGE, encoding="utf-8")
    (content / "docs" / "loop").symlink_to("..", target_is_directory=True)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(tmp_path))
    try:
        watch_links_as_links(server)
        server.watch(str(content))
        (emitter,) = server.observer.emitters
        # Followed, the link would be walked 40 deep (the kernel's limit), twice as deep
        # for each more such link; as a link it is one path.
        assert len(emitter._take_snapshot().paths) == 4
    finally:
        server.server_close()


def test_the_listing_keeps_leaf_bundles_and_leaves_hidden_folders_out(tmp_path):
    content = tmp_path / "content"
    for rel in ("docs/_index.md", "docs/guide/index.md", "docs/guide/part.md",
                ".drafts/x.md", "docs/.hidden/y.md"):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(PAGE, encoding="utf-8")
    (content / "docs" / "guide" / "notes.txt").write_text("notes", encoding="utf-8")
    loaded = book.load(SiteSource(root=tmp_path, content_dir=content))
    assert sorted(p.rel_path for p in loaded.pages if not p.made) == [
        "docs/_index.md", "docs/guide/index.md"]
