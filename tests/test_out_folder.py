"""Where a site or an ejected book is written: never over the sources, never over a folder of
other files unasked, through a symlink rather than over it, never half-replaced, and nothing
left behind by a killed build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from hugomat.adapter import atomic
from hugomat.cli import main
from site_configs import MINIMAL_MKDOCS_YML

PAGES = {"_index.md": "---\ntitle: Home\n---\nHome\n",
         "docs/chapter.md": "---\ntitle: Chapter\n---\n# Chapter\n\nFirst version.\n"}
SOURCES = {"assets/pics/banner.webp": b"RIFF-not-really", "static/files/paper.pdf": b"%PDF\n",
           "src/tool.py": b"print()\n", ".git/HEAD": b"ref: refs/heads/main\n",
           "layouts/partials/x.html": b"<p>\n", "data/x.yaml": b"a: 1\n",
           "pictures/p.webp": b"RIFF"}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "site" not in p.relative_to(folder).parts[:1]}


def chapter_text(site: Path) -> str:
    return (site / "docs" / "chapter" / "index.html").read_text(encoding="utf-8")


def edit_chapter(root: Path, text: str) -> None:
    (root / "content" / "docs" / "chapter.md").write_text(
        f"---\ntitle: Chapter\n---\n# Chapter\n\n{text}\n", encoding="utf-8")


@pytest.fixture
def book(project) -> Path:
    config = MINIMAL_MKDOCS_YML.replace("  - hugomat\n",
                                        "  - hugomat:\n      asset_dirs: [assets, pictures]\n")
    return project(PAGES, files=SOURCES, config=config)


# -- build -d and eject --out: sources are never the output ------------------------------------


@pytest.mark.parametrize("folder", ["assets", "src", ".git", "content", "content/docs",
                                    "assets/pics", "static", "layouts", "data", "pictures",
                                    ".", ".."])
@pytest.mark.parametrize("force", [False, True])
def test_build_never_writes_over_the_sources_or_a_folder_holding_them(book, folder, force):
    before = snapshot(book)
    result = run("build", "-d", folder, *(["--force"] if force else []))
    assert result.exit_code == 2, result.output
    assert f"-d {folder}: that folder " in result.stderr
    assert "Choose another folder." in result.stderr and "Traceback" not in result.output
    assert snapshot(book) == before


def test_site_dir_of_mkdocs_yml_is_held_to_the_same_rule(project):
    root = project(PAGES, files=SOURCES, config=MINIMAL_MKDOCS_YML + "site_dir: assets\n")
    before = snapshot(root)
    result = run("build")
    assert result.exit_code == 2
    assert "assets: that folder is a picture or static folder (assets)" in result.stderr
    assert snapshot(root) == before


@pytest.mark.parametrize("folder", ["content", ".", "assets", ".git"])
def test_eject_never_writes_over_the_sources(book, folder):
    before = snapshot(book)
    result = run("eject", "--out", folder, "--force")
    assert result.exit_code == 2, result.output
    assert f"--out {folder}: that folder " in result.stderr
    assert "would delete it" in result.stderr
    assert snapshot(book) == before
    assert not (book / "content" / "mkdocs.yml").exists()


def test_build_into_a_folder_of_other_files_only_with_force(book, tmp_path):
    other = tmp_path / "notes"
    other.mkdir()
    (other / "thesis.tex").write_text("years of work\n", encoding="utf-8")
    refused = run("build", "-d", str(other))
    assert refused.exit_code == 2
    assert f"-d {other}: that folder is not empty and does not look like a built site" in (
        refused.stderr)
    assert "--force" in refused.stderr
    assert (other / "thesis.tex").is_file() and not (other / "index.html").exists()

    assert run("build", "-d", str(other), "--force").exit_code == 0
    assert (other / "index.html").is_file() and not (other / "thesis.tex").exists()
    # Now it is a site hugomat built: the next build replaces it without being asked.
    assert (other / ".hugomat-site").is_file()
    edit_chapter(book, "Second version.")
    assert run("build", "-d", str(other)).exit_code == 0
    assert "Second version." in chapter_text(other)


def test_a_site_built_before_the_mark_is_still_replaced(book):
    old = book / "site"
    (old / "assets").mkdir(parents=True)
    for name in ("sitemap.xml", "404.html", "stale.html"):
        (old / name).write_text("old\n", encoding="utf-8")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert (old / ".hugomat-site").is_file() and not (old / "stale.html").exists()


def test_eject_into_a_folder_of_other_files_only_with_force(book, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine\n", encoding="utf-8")
    refused = run("eject", "--out", str(other))
    assert refused.exit_code == 2
    assert f"--out {other}: that folder is not empty and does not look like an ejected book" in (
        refused.stderr)
    assert sorted(p.name for p in other.iterdir()) == ["keep.txt"]
    assert run("eject", "--out", str(other), "--force").exit_code == 0
    assert (other / "mkdocs.yml").is_file() and (other / ".hugomat-eject").is_file()
    # A folder eject wrote is its own to rewrite; one written before the mark too.
    assert run("eject", "--out", str(other)).exit_code == 0
    (other / ".hugomat-eject").unlink()
    assert run("eject", "--out", str(other)).exit_code == 0
    # But a built site is not an ejected book, nor an ejected book a site.
    assert run("build").exit_code == 0
    assert run("eject", "--out", "site").exit_code == 2
    assert run("build", "-d", str(other)).exit_code == 2
    assert (other / "mkdocs.yml").is_file()


def test_a_file_is_not_a_folder(book):
    (book / "notes.txt").write_text("x\n", encoding="utf-8")
    assert run("build", "-d", "notes.txt", "--force").exit_code == 2  # click says why
    result = run("deploy", "--to", "notes.txt", "--force")
    assert result.exit_code == 2
    assert f"--to {book / 'notes.txt'}: that is a file, not a folder" in result.stderr
    assert (book / "notes.txt").read_text(encoding="utf-8") == "x\n"


# -- a symlinked site/ or deploy folder is written through the link ----------------------------


@pytest.mark.parametrize("command", [("build",), ("deploy", "--to", "site")])
def test_a_symlinked_site_is_updated_through_the_link(book, tmp_path, command):
    webroot = tmp_path / "www" / "book"
    webroot.mkdir(parents=True)
    (book / "site").symlink_to(webroot, target_is_directory=True)
    first = run(*command)
    assert first.exit_code == 0, first.output
    assert (book / "site").is_symlink() and os.readlink(book / "site") == str(webroot)
    assert "First version." in chapter_text(webroot)

    edit_chapter(book, "Second version.")
    second = run(*command)
    assert second.exit_code == 0, second.output
    assert (book / "site").is_symlink()
    assert "Second version." in chapter_text(webroot)
    # The temporary folders lived beside the web root, and are gone.
    assert sorted(p.name for p in webroot.parent.iterdir()) == ["book"]
    assert not [p for p in book.iterdir() if p.name.startswith("site.")]


# -- a site that cannot be replaced whole is not touched ---------------------------------------


def test_a_read_only_old_site_is_refused_before_anything_changes(book, monkeypatch):
    assert run("build").exit_code == 0
    site = book / "site"
    before = {str(p): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    read_only = os.path.realpath(site / "docs")
    access = os.access

    # Tests may run as root, whom permissions do not stop: what the check sees is faked.
    def fake_access(path, mode, **kwargs):
        if os.path.realpath(path) == read_only:
            return False
        return access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", fake_access)
    edit_chapter(book, "Second version.")
    result = run("build")
    assert result.exit_code == 2
    assert "cannot write the site to" in result.stderr
    assert f"{read_only} is read-only" in result.stderr and "Traceback" not in result.output
    assert {str(p): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not [p for p in book.iterdir() if p.name.startswith("site.")]


def test_a_read_only_parent_is_refused_before_anything_changes(book, tmp_path, monkeypatch):
    parent = tmp_path / "locked"
    parent.mkdir()
    access = os.access
    locked = os.path.realpath(parent)
    monkeypatch.setattr(os, "access", lambda path, mode, **kwargs: (
        os.path.realpath(path) != locked and access(path, mode, **kwargs)))
    result = run("build", "-d", str(parent / "site"))
    assert result.exit_code == 2
    assert f"{locked} is read-only" in result.stderr
    assert list(parent.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions do not stop root")
def test_a_really_read_only_site_is_refused(book):
    assert run("build").exit_code == 0
    site = book / "site"
    folders = [site, *(p for p in site.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        result = run("build")
        assert result.exit_code == 2 and "read-only" in result.stderr
        assert "First version." in chapter_text(site)
    finally:
        for folder in folders:
            folder.chmod(0o755)


def test_an_old_site_left_after_the_swap_is_reported_not_a_traceback(book, monkeypatch):
    assert run("build").exit_code == 0
    (book / "site" / "old-only.txt").write_text("old\n", encoding="utf-8")
    rmtree = atomic.shutil.rmtree

    # What a file that cannot be deleted does: rmtree(ignore_errors=True) leaves it there.
    def stubborn_rmtree(path, *args, **kwargs):
        if not (Path(path) / "old-only.txt").exists():
            rmtree(path, *args, **kwargs)

    monkeypatch.setattr(atomic.shutil, "rmtree", stubborn_rmtree)
    edit_chapter(book, "Second version.")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert "Second version." in chapter_text(book / "site")
    assert "the new site is in place, but the old one could not be removed" in result.stderr
    assert "Traceback" not in result.output


# -- killed builds leave nothing behind for long -----------------------------------------------


def dead_pid() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    return int(finished.stdout)


def test_the_next_build_removes_what_killed_builds_left(book):
    dead = dead_pid()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        left = [f"site.tmp-{dead}-abc123", f"site.old-{dead}",
                f".hugomat-zh-cn-{dead}-abcd_123"]  # another language's build folder
        kept = [f"site.tmp-{sleeper.pid}-running", "site.tmp-notapid", f"other.tmp-{dead}-x",
                "site.backup", f".hugomat-es-{sleeper.pid}-abcd_123", ".hugomat-es-abcd_123"]
        for name in [*left, *kept]:
            (book / name / "docs").mkdir(parents=True)
        assert run("build").exit_code == 0
        names = {p.name for p in book.iterdir()}
        assert not names & set(left)
        assert set(kept) <= names
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_build_killed_with_sigkill_is_cleaned_up_by_the_next(book):
    hugomat = [sys.executable, "-c", "from hugomat.cli import main; main()"]
    process = subprocess.Popen([*hugomat, "build", "-q"], cwd=book,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(book.glob("site.tmp-*")) and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    if process.poll() is not None:
        pytest.skip("the build finished before it could be killed")
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert list(book.glob("site.tmp-*"))
    assert run("build").exit_code == 0
    assert not list(book.glob("site.tmp-*"))
    assert (book / "site" / "index.html").is_file()
