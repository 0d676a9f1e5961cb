"""`hugomat new site` and `hugomat new chapter` (alias `new content`)."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from hugomat import __version__
from hugomat.cli import main
from hugomat.read import frontmatter


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to connect over the network fails the test (local sockets, which the
    picture workers use, stay allowed)."""
    connect = socket.socket.connect

    def only_local(self, address, *args, **kwargs):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"the network was used: {address}")
        return connect(self, address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", only_local)


def page(path: Path) -> frontmatter.FrontMatter:
    return frontmatter.split(path.read_text("utf-8"), str(path))


# -- new site ---------------------------------------------------------------------------------


def test_a_new_site_builds_strictly_at_once_offline_with_its_banner_through_the_pipeline(
        tmp_path, monkeypatch, offline):
    monkeypatch.chdir(tmp_path)
    made = run("new", "site", "my-book")
    assert made.exit_code == 0, made.output
    assert "cd my-book" in made.stderr
    assert f"workflow installs hugomat=={__version__} (the HUGOMAT setting" in made.stderr
    book = tmp_path / "my-book"
    monkeypatch.chdir(book)
    config = yaml.safe_load((book / "mkdocs.yml").read_text("utf-8"))
    assert config["site_name"] == "My Book"
    assert config["theme"]["font"] is False  # no Google Fonts
    assert (book / "content" / "_index.md").is_file()
    assert (book / "static").is_dir() and (book / "assets" / "banners").is_dir()
    assert "site/" in (book / ".gitignore").read_text("utf-8").split()
    chapter = page(book / "content" / "docs" / "first-chapter.md")
    assert chapter.data["image"] == "banners/first-chapter.webp"

    built = run("build", "--strict")
    assert built.exit_code == 0, built.output
    html = (book / "site" / "docs" / "first-chapter" / "index.html").read_text("utf-8")
    # The banner is drawn from AVIF and WebP variants, not from the file as written.
    assert "<picture>" in html and ".avif" in html
    assert list((book / "site" / "assets" / "images").glob("first-chapter-*.webp"))
    assert 'src="../../banners/first-chapter.webp"' not in html
    assert not (book / "site" / "banners").exists()
    assert "fonts.googleapis" not in html
    assert run("check", "--strict").exit_code == 0


def test_new_site_refuses_a_folder_that_is_not_empty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine\n", encoding="utf-8")
    refused = run("new", "site", "full")
    assert refused.exit_code == 2
    assert refused.stderr.strip().startswith("error: ") and "not empty" in refused.stderr
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["notes.txt"]

    added = run("new", "site", "full", "--force")
    assert added.exit_code == 0, added.output
    assert (tmp_path / "full" / "notes.txt").read_text("utf-8") == "mine\n"
    assert (tmp_path / "full" / "mkdocs.yml").is_file()
    # A second time every file is there already: nothing is overwritten.
    before = (tmp_path / "full" / "mkdocs.yml").stat().st_mtime_ns
    again = run("new", "site", "full", "--force")
    assert again.exit_code == 2 and "already has mkdocs.yml" in again.stderr
    assert (tmp_path / "full" / "mkdocs.yml").stat().st_mtime_ns == before


# -- new chapter ------------------------------------------------------------------------------


@pytest.fixture
def book(project):
    return project({"_index.md": "---\ntitle: Home\n---\nHi\n",
                    "docs/one.md": "---\ntitle: One\nweight: 4\n---\nOne\n",
                    "docs/two.md": "---\ntitle: Two\nweight: 7\n---\nTwo\n"})


def test_new_chapter_without_archetypes_gets_a_title_the_last_weight_and_a_date(book):
    made = run("new", "chapter", "docs/my-third-chapter-of-the-book.md")
    assert made.exit_code == 0, made.output
    path = book / "content" / "docs" / "my-third-chapter-of-the-book.md"
    assert f"Wrote {Path('content/docs/my-third-chapter-of-the-book.md')}" in made.stderr
    written = page(path)
    # As Hugo's own default archetype titles it.
    assert written.data["title"] == "My Third Chapter of the Book"
    assert written.data["weight"] == 8  # after the highest beside it
    assert abs((datetime.now(UTC) - written.data["date"]).total_seconds()) < 60
    assert run("build", "--strict").exit_code == 0
    assert (book / "site" / "docs" / "my-third-chapter-of-the-book" / "index.html").is_file()


def test_new_content_is_new_chapter_and_takes_paths_as_hugo_does(book):
    # Hugo's spelling, with the content folder named and no suffix.
    assert run("new", "content", "content/docs/four").exit_code == 0
    assert page(book / "content" / "docs" / "four.md").data["title"] == "Four"
    bundle = run("new", "chapter", "docs/guide/index.md")
    assert bundle.exit_code == 0
    assert page(book / "content" / "docs" / "guide" / "index.md").data["title"] == "Guide"


@pytest.mark.parametrize("path", ["../outside.md", "/tmp/abs.md", "docs/picture.png"])
def test_new_chapter_refuses_paths_outside_the_content_or_not_markdown(book, path):
    result = run("new", "chapter", path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert not (book / "outside.md").exists()


def test_new_chapter_never_overwrites_a_page(book):
    before = (book / "content" / "docs" / "one.md").read_text("utf-8")
    result = run("new", "chapter", "docs/one.md")
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (book / "content" / "docs" / "one.md").read_text("utf-8") == before


HUGO_DEFAULT_ARCHETYPE = """\
+++
date = '{{ .Date }}'
draft = true
title = '{{ replace .File.ContentBaseName "-" " " | title }}'
+++
"""


def test_new_chapter_runs_hugo_s_default_archetype(book):
    (book / "archetypes").mkdir()
    (book / "archetypes" / "default.md").write_text(HUGO_DEFAULT_ARCHETYPE, encoding="utf-8")
    made = run("new", "chapter", "docs/from-the-archetype.md")
    assert made.exit_code == 0, made.output
    assert f"from {Path('archetypes/default.md')}" in made.stderr
    path = book / "content" / "docs" / "from-the-archetype.md"
    written = page(path)
    assert written.format == "toml"
    assert written.data["title"] == "From the Archetype"  # Hugo's title case (AP style)
    assert written.data["draft"] is True
    # Quoted in the archetype, so text (RFC 3339, as Go writes it), which Hugo reads as a date.
    assert written.data["date"].endswith("Z")
    written_date = datetime.fromisoformat(written.data["date"])
    assert abs((datetime.now(UTC) - written_date).total_seconds()) < 60
    assert "{{" not in path.read_text("utf-8")
    assert "note:" not in made.stderr


SECTION_ARCHETYPE = """\
---
title: "{{ .Name | upper }} in {{ .Section }}"
weight: 50
bookToC: false
{{- with .Site.Params.summary }}
summary: "{{ . }}"
{{- end }}
---

## Notes on {{ .Site.Title }}

Written on {{ .Date }}.
"""


def test_new_chapter_prefers_the_section_s_archetype_and_runs_it_as_a_go_template(book):
    (book / "archetypes").mkdir()
    (book / "archetypes" / "default.md").write_text(HUGO_DEFAULT_ARCHETYPE, encoding="utf-8")
    (book / "archetypes" / "docs.md").write_text(SECTION_ARCHETYPE, encoding="utf-8")
    made = run("new", "chapter", "docs/lesson.md")
    assert made.exit_code == 0, made.output
    assert f"from {Path('archetypes/docs.md')}" in made.stderr
    written = page(book / "content" / "docs" / "lesson.md")
    assert written.data == {"title": "LESSON in docs", "weight": 50, "booktoc": False}
    assert written.body.startswith("\n## Notes on Test Book\n\nWritten on 20")
    assert "note:" not in made.stderr


CANNOT_RUN = """\
---
title: "{{ .Name }}"
date: {{ .Date }}
weight: 50
related: "{{ someSiteFunction "x" }}"
---

## Notes

Made with {{ someSiteFunction "y" }}.
Keep this line.
"""


def test_an_archetype_the_interpreter_cannot_run_is_filled_by_key_with_notes(book):
    (book / "archetypes").mkdir()
    (book / "archetypes" / "default.md").write_text(HUGO_DEFAULT_ARCHETYPE, encoding="utf-8")
    (book / "archetypes" / "docs.md").write_text(CANNOT_RUN, encoding="utf-8")
    made = run("new", "chapter", "docs/lesson.md")
    assert made.exit_code == 0, made.output
    text = (book / "content" / "docs" / "lesson.md").read_text("utf-8")
    written = page(book / "content" / "docs" / "lesson.md")
    assert set(written.data) == {"title", "date", "weight"}
    assert written.data["title"] == "Lesson" and written.data["weight"] == 50
    assert "## Notes" in text and "Keep this line." in text and "{{" not in text
    archetype = Path("archetypes/docs.md")
    assert (f"note: {archetype}:5:14: function \"someSiteFunction\" not defined; the "
            "archetype's front matter keys were filled in instead") in made.stderr
    assert f"note: {archetype}:5:1: left out a template action" in made.stderr
    assert f"note: {archetype}:10:1: left out a template action" in made.stderr

    # --kind names the archetype; one that does not exist is a usage error.
    assert run("new", "chapter", "docs/other.md", "--kind", "default").exit_code == 0
    assert page(book / "content" / "docs" / "other.md").format == "toml"
    missing = run("new", "chapter", "docs/third.md", "--kind", "nope")
    assert missing.exit_code == 2 and "archetype" in missing.stderr
    assert not (book / "content" / "docs" / "third.md").exists()


def test_an_archetype_that_makes_broken_front_matter_is_a_located_error(book):
    (book / "archetypes").mkdir()
    (book / "archetypes" / "default.md").write_text("---\ntitle: [oops\n---\n",
                                                    encoding="utf-8")
    result = run("new", "chapter", "docs/broken.md")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{Path('archetypes/default.md')}:")
    assert "Traceback" not in result.output
    assert not (book / "content" / "docs" / "broken.md").exists()
