"""The flags MkDocs and Hugo users type, with their familiar meaning; folder modes; progress
lines; check and build agreeing on what fails under --strict."""

from __future__ import annotations

import io
import logging
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from hugomat.cli import main
from site_configs import TWO_LANGUAGE_MKDOCS_YML

TWO_LANGUAGES = TWO_LANGUAGE_MKDOCS_YML


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def page(title: str = "A", text: str = "A") -> str:
    return f"---\ntitle: {title}\n---\n{text}\n"


def test_short_strict_and_hugo_s_draft_flags(project):
    root = project({"docs/a.md": page(text="{{< nope >}}"),
                    "docs/d.md": "---\ntitle: D\ndraft: true\n---\nDraft\n"})
    assert run("build", "-s").exit_code == 1
    assert run("check", "-s").exit_code == 1
    (root / "content" / "docs" / "a.md").write_text(page(), encoding="utf-8")
    for flag in ("-D", "--buildDrafts", "--drafts"):
        assert run("build", flag).exit_code == 0
        assert (root / "site" / "docs" / "d" / "index.html").is_file(), flag
        assert run("build").exit_code == 0
        assert not (root / "site" / "docs" / "d").exists()


@pytest.mark.parametrize("flag", ["-b", "--baseURL", "--base-url"])
def test_base_url_sets_the_site_s_address(project, flag):
    root = project({"docs/a.md": page()})
    assert run("build", flag, "https://example.org/book/").exit_code == 0
    sitemap = (root / "site" / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/book/docs/a/</loc>" in sitemap


def test_destination_is_site_dir_and_dirty_is_accepted(project):
    root = project({"docs/a.md": page()})
    result = run("build", "--destination", "public", "--dirty")
    assert result.exit_code == 0, result.output
    assert (root / "public" / "docs" / "a" / "index.html").is_file()


def picture_cache(root: Path) -> Path:
    return root / ".cache" / "hugomat" / "pictures"


def test_clear_cache_discards_the_caches_and_old_clean_warns(project):
    from PIL import Image

    # A small banner, so that the build fills the picture cache.
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (10, 200, 30)).save(buffer, "WEBP")
    root = project({"docs/a.md": "---\ntitle: A\nimage: b.webp\n---\nA\n"},
                   files={"assets/b.webp": buffer.getvalue()})
    assert run("build").exit_code == 0
    marker = picture_cache(root) / "left-by-an-earlier-build"
    marker.write_bytes(b"x")
    cleared = run("build", "--clear-cache")
    assert cleared.exit_code == 0 and "--clean" not in cleared.stderr
    assert not marker.exists() and any(picture_cache(root).iterdir())

    marker.write_bytes(b"x")
    for spelling in ("--clean", "-c"):
        old = run("build", spelling)
        assert old.exit_code == 0
        assert "warning: --clean is now --clear-cache" in old.stderr
        assert not marker.exists()
        marker.write_bytes(b"x")


def test_server_is_serve(monkeypatch, project):
    from hugomat.adapter import serve as serve_module

    project({"docs/a.md": page()})
    calls: list[dict] = []
    monkeypatch.setattr(serve_module, "serve", lambda config, **kw: calls.append(kw))
    assert run("server", "-p", "8123", "--bind", "0.0.0.0", "-o", "-D").exit_code == 0
    assert run("serve", "-a", "127.0.0.1:8124", "--no-livereload", "-w", "content").exit_code == 0
    assert run("serve", "-p", "8125").exit_code == 0
    first, second, third = calls
    assert first["dev_addr"] == "0.0.0.0:8123" and first["open_browser"] and first["drafts"]
    assert first["livereload"] is True
    assert second["dev_addr"] == "127.0.0.1:8124" and second["livereload"] is False
    assert list(second["watch"]) == ["content"]
    assert third["dev_addr"] == "127.0.0.1:8125"
    both = run("serve", "-a", "127.0.0.1:8000", "-p", "9000")
    assert both.exit_code == 2 and "not both" in both.stderr


# -- folder modes -------------------------------------------------------------------------------


@pytest.fixture
def umask():
    def set_mask(mask: int) -> None:
        os.umask(mask)

    before = os.umask(0o022)
    os.umask(before)
    yield set_mask
    os.umask(before)


def modes(site: Path) -> set[int]:
    return {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}


@pytest.mark.parametrize(("mask", "folder_mode"), [(0o022, 0o755), (0o027, 0o750)])
def test_build_creates_folders_as_the_umask_says_in_every_language(project, umask, mask,
                                                                    folder_mode):
    umask(mask)
    root = project({}, config=TWO_LANGUAGES)
    for language in ("en", "es"):
        path = root / f"content.{language}" / "docs" / "a.md"
        path.parent.mkdir(parents=True)
        path.write_text(page(), encoding="utf-8")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert (root / "site" / "es" / "docs" / "a" / "index.html").is_file()
    assert modes(root / "site") == {folder_mode}


def test_a_rebuilt_site_keeps_the_mode_it_was_given(project, umask):
    umask(0o022)
    root = project({"docs/a.md": page()})
    assert run("build").exit_code == 0
    os.chmod(root / "site", 0o711)
    assert run("build").exit_code == 0
    assert stat.S_IMODE((root / "site").stat().st_mode) == 0o711


# -- progress ---------------------------------------------------------------------------------


def test_progress_off_a_terminal_is_a_line_at_the_start_and_one_at_the_end(caplog):
    from hugomat.pictures.progress import Progress

    caplog.set_level(logging.INFO, logger="mkdocs.plugins.hugomat")
    stream = io.StringIO()
    progress = Progress(40, 2, "auto", stream)
    for _ in range(40):
        progress.advance(1, "a.webp")
    progress.finish()
    assert stream.getvalue() == ""
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert messages[0] == "Encoding 40 picture variants in 2 processes"
    assert messages[1].startswith("Encoded 40 picture variants in ")
    assert len(messages) == 2


# -- check --strict and build --strict ----------------------------------------------------------


def test_check_and_build_agree_under_strict_on_a_page_without_a_title(project):
    project({"docs/_index.md": "---\nbookFlatSection: true\n---\n",
             "docs/a.md": page()})
    checked = run("check", "--strict")
    assert checked.exit_code == 0, checked.output
    assert f"{Path('content/docs/_index.md')}:1:1: note: page has no title" in checked.stdout
    assert "1 note" in checked.stderr
    assert run("build", "--strict").exit_code == 0
