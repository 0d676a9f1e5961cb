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
enableRobotsTXT = true
[params]
  BookComments = true
  MyOwnThing = 3
"""})
    assert "enableEmoji" not in text.split("plugins:")[0] and "emoji: true" in text
    assert "# - enableRobotsTXT: hugomat does not understand this setting" in text
    assert "# - params.BookComments: comments are not supported" in text
    assert "# - params.MyOwnThing: a parameter hugomat does not understand" in text
    assert "not carried over: params.MyOwnThing" in result.stderr


def test_not_a_hugo_site_says_what_was_looked_for(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("import", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2  # a usage mistake, not one in content
    assert "is not a Hugo site: it has none of hugo.toml, hugo.yaml" in result.stderr
    assert not (tmp_path / "out" / "mkdocs.yml").exists()


def test_bad_hugo_config_is_located(tmp_path):
    site = write(tmp_path / "hugo", {"hugo.toml": "title = 'T'\nbroken = \n"})
    result = run("import", str(site), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2  # a configuration mistake
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


def import_fails(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    """Imports a site that must fail; its error lines, with the site's path cut off."""
    site = tmp_path / "hugo"
    for rel, data in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    out = tmp_path / "out"
    result = run("import", str(site), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not (out / "mkdocs.yml").exists()
    prefix = str(site.resolve()) + os.sep
    lines = result.stderr.strip().splitlines()
    assert all(line.startswith(prefix) for line in lines), lines
    return [line[len(prefix):] for line in lines]


def test_languages_of_the_wrong_type_is_a_located_error(tmp_path):
    assert import_fails(tmp_path, {"hugo.toml": "title = 'Book'\nlanguages = 7\n"}) == [
        "hugo.toml:2:1: languages: expected a table, found the number 7"]


def test_every_value_of_the_wrong_type_is_reported_at_once_where_it_was_written(tmp_path):
    lines = import_fails(tmp_path, {"hugo.toml": """\
title = 'Book'
menu = 5

[params]
  BookTheme = ['dark']

[languages.en]
  contentDir = 'content'
  weight = 'first'
[languages.fr]
  contentDir = ['content.fr']
"""})
    assert lines == [
        "hugo.toml:2:1: menu: expected a table, found the number 5",
        "hugo.toml:5:3: params.BookTheme: expected text, found a list",
        "hugo.toml:9:3: languages.en.weight: expected a whole number, found the text 'first'",
        "hugo.toml:11:3: languages.fr.contentdir: expected text, found a list",
    ]


def test_menu_entries_of_the_wrong_type_are_located_in_toml_yaml_and_json(tmp_path):
    toml = """\
[[menu.before]]
  name = 'A'
  pageRef = '/a'
[[menu.before]]
  name = 'B'
  pageRef = '/b'
  weight = 'heavy'
"""
    assert import_fails(tmp_path / "t", {"hugo.toml": toml}) == [
        "hugo.toml:7:3: menu.before[1].weight: expected a whole number, found the text "
        "'heavy'"]
    yaml_text = "menu:\n  after:\n    - name: A\n      url: https://x/\n    - 7\n"
    assert import_fails(tmp_path / "y", {"hugo.yaml": yaml_text}) == [
        "hugo.yaml:5:7: menu.after[1]: expected a table, found the number 7"]
    json_text = '{\n  "title": "B",\n  "params": 7\n}\n'
    assert import_fails(tmp_path / "j", {"hugo.json": json_text}) == [
        "hugo.json:3:3: params: expected a table, found the number 7"]


def test_a_config_that_is_not_utf8_is_a_located_error(tmp_path):
    assert import_fails(tmp_path, {"hugo.toml": b"title = 'Book'\ncopyright = '\xa9 Me'\n"}) == [
        "hugo.toml:2:14: the Hugo configuration is not UTF-8 text (byte 0xa9)"]


def test_remove_path_accents_is_carried_over(tmp_path):
    config, _, result = imported(tmp_path, {"hugo.toml": "title = 'T'\nremovePathAccents = true\n",
                                            "content/docs/a.md": "# A\n"})
    assert plugin(config)["remove_path_accents"] is True
    assert "removePathAccents" not in result.output
    config, _, _ = imported(tmp_path / "off", {"hugo.toml": "title = 'T'\n",
                                               "content/docs/a.md": "# A\n"})
    assert "remove_path_accents" not in plugin(config)
