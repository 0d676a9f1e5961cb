"""`hugomat import`: a Hugo site's configuration to a ready mkdocs.yml, and nothing else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from hugomat.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hugo-book-example"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def imported(tmp_path: Path, files: dict[str, str]) -> tuple[dict, str, object]:
    site = write(tmp_path / "hugo", files)
    out = tmp_path / "out"
    result = run("import", str(site), "--out", str(out))
    assert result.exit_code == 0, result.output
    text = (out / "mkdocs.yml").read_text("utf-8")
    return yaml.safe_load(text), text, result


def plugin(config: dict) -> dict:
    return next(p["hugomat"] for p in config["plugins"] if isinstance(p, dict))


def test_site_settings_are_carried_over(tmp_path):
    config, _, _ = imported(tmp_path, {
        "hugo.toml": """
baseURL = 'https://example.org/book/'
title = 'My Book'
copyright = '[© Me](https://example.org/)'
[params]
  BookTheme = 'dark'
  BookToC = false
  BookSection = 'chapters'
  BookRepo = 'https://github.com/me/book'
  BookEditLink = '{{ .Site.Params.BookRepo }}/edit/main/{{ .Path }}'
  BookLogo = 'logo.png'
[[menu.before]]
  name = 'Start'
  pageRef = '/chapters/one'
  weight = 1
[[menu.after]]
  name = 'Site'
  url = 'https://example.org/'
""",
        "content/_index.md": "---\ntitle: Home\n---\n",
    })
    assert config["site_name"] == "My Book"
    assert config["site_url"] == "https://example.org/book/"
    assert config["copyright"] == '<a href="https://example.org/">© Me</a>'
    assert config["repo_url"] == "https://github.com/me/book"
    assert config["docs_dir"] == "../hugo/content"
    assert config["theme"]["palette"]["scheme"] == "slate"
    assert config["theme"]["logo"] == "logo.png"
    options = plugin(config)
    assert options["book_section"] == "chapters"
    assert options["toc"] is False
    assert options["edit_link"] == "https://github.com/me/book/edit/main/{path}"
    assert options["menu_before"] == [{"name": "Start", "page": "/chapters/one", "weight": 1}]
    assert options["menu_after"] == [{"name": "Site", "url": "https://example.org/"}]
    assert options["asset_dirs"] == ["../hugo/assets", "../hugo/static"]


@pytest.mark.parametrize(("theme", "schemes"), [
    ("light", ["default"]), ("dark", ["slate"]), ("auto", ["default", "slate"])])
def test_book_theme_becomes_palettes(tmp_path, theme, schemes):
    config, _, _ = imported(tmp_path, {"hugo.yaml": f"title: T\nparams:\n  BookTheme: {theme}\n"})
    palette = config["theme"]["palette"]
    palettes = palette if isinstance(palette, list) else [palette]
    assert [p["scheme"] for p in palettes] == schemes


def test_book_search_false_drops_the_search_plugin(tmp_path):
    config, _, _ = imported(tmp_path, {"hugo.json": '{"title": "T", "params": '
                                                    '{"BookSearch": false}}'})
    assert "search" not in config["plugins"]


def test_languages_and_their_content_folders(tmp_path):
    config, _, _ = imported(tmp_path, {"config.toml": """
title = 'T'
defaultContentLanguage = 'fr'
[languages.en]
  languageName = 'English'
  contentDir = 'content/en'
  weight = 2
[languages.fr]
  label = 'Français'
  contentDir = 'content/fr'
  weight = 1
[languages.ar]
  label = 'العربية'
  contentDir = 'content/ar'
  languageDirection = 'rtl'
"""})
    options = plugin(config)
    assert options["default_language"] == "fr"
    assert config["docs_dir"] == "../hugo/content/fr"
    assert options["languages"]["en"] == {"content_dir": "../hugo/content/en",
                                          "label": "English", "weight": 2}
    assert options["languages"]["ar"]["direction"] == "rtl"
    assert config["theme"]["language"] == "fr"


def test_what_cannot_be_carried_over_is_commented_and_printed(tmp_path):
    _, text, result = imported(tmp_path, {"hugo.toml": """
title = 'T'
enableEmoji = true
[params]
  BookComments = true
  MyOwnThing = 3
"""})
    assert "# - enableEmoji: hugomat does not understand this setting" in text
    assert "# - params.BookComments: comments are not supported" in text
    assert "# - params.MyOwnThing: a parameter hugomat does not understand" in text
    assert "not carried over: params.MyOwnThing" in result.stderr


def test_not_a_hugo_site_says_what_was_looked_for(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("import", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "not a Hugo site: none of hugo.toml, hugo.yaml" in result.stderr
    assert not (tmp_path / "out" / "mkdocs.yml").exists()


def test_bad_hugo_config_is_located(tmp_path):
    site = write(tmp_path / "hugo", {"hugo.toml": "title = 'T'\nbroken = \n"})
    result = run("import", str(site), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"{site / 'hugo.toml'}:2:" in result.stderr


def test_an_existing_mkdocs_yml_is_not_overwritten_without_force(tmp_path):
    site = write(tmp_path / "hugo", {"hugo.toml": "title = 'T'\n"})
    write(tmp_path / "out", {"mkdocs.yml": "site_name: mine\n"})
    assert run("import", str(site), "--out", str(tmp_path / "out")).exit_code == 2
    assert (tmp_path / "out" / "mkdocs.yml").read_text("utf-8") == "site_name: mine\n"
    assert run("import", str(site), "--out", str(tmp_path / "out"), "--force").exit_code == 0


def test_import_writes_only_mkdocs_yml(tmp_path):
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the corpus is missing at {CORPUS}")
        pytest.skip(f"the corpus is not at {CORPUS}")
    before = sorted(p.relative_to(CORPUS) for p in CORPUS.rglob("*"))
    out = tmp_path / "out"
    assert run("import", str(CORPUS), "--out", str(out)).exit_code == 0
    assert [p.name for p in out.iterdir()] == ["mkdocs.yml"]
    assert sorted(p.relative_to(CORPUS) for p in CORPUS.rglob("*")) == before
