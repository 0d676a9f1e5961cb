"""The theme's files are listed without entering hidden folders, and MkDocs publishes the same
files as with Jinja's own listing."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from hugomat.adapter.theme_listing import VisibleFilesLoader, list_visible_files


def _config(tmp_path: Path, custom_dir: Path) -> MkDocsConfig:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(tmp_path / "site"),
                      "theme": {"name": "material", "custom_dir": str(custom_dir)}})
    errors, _ = config.validate()
    assert errors == []
    return config


def _theme_files(config: MkDocsConfig) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted((file.src_uri, file.abs_src_path) for file in files)


def test_mkdocs_publishes_the_same_theme_files(tmp_path: Path) -> None:
    custom = tmp_path / "overrides"
    (custom / "assets" / ".hidden").mkdir(parents=True)
    (custom / "assets" / ".hidden" / "x.css").write_text("", encoding="utf-8")
    (custom / "assets" / ".secret.js").write_text("", encoding="utf-8")
    (custom / "assets" / "site.js").write_text("", encoding="utf-8")
    (custom / ".icons" / "a").mkdir(parents=True)
    (custom / ".icons" / "a" / "b.svg").write_text("<svg/>", encoding="utf-8")
    config = _config(tmp_path, custom)
    stock = _theme_files(config)
    list_visible_files(config.theme)
    ours = _theme_files(config)
    assert ours == stock
    assert ("assets/site.js", str(custom / "assets" / "site.js")) in ours
    # Material's own stylesheets and scripts are among them.
    assert any(uri.startswith("assets/javascripts/bundle.") for uri, _ in ours)


def test_hidden_folders_and_files_are_not_listed(tmp_path: Path) -> None:
    (tmp_path / ".icons" / "deep").mkdir(parents=True)
    (tmp_path / ".icons" / "deep" / "i.svg").write_text("", encoding="utf-8")
    (tmp_path / "a" / ".b").mkdir(parents=True)
    (tmp_path / "a" / ".b" / "c.txt").write_text("", encoding="utf-8")
    (tmp_path / "a" / ".d.txt").write_text("", encoding="utf-8")
    (tmp_path / "a" / "e.txt").write_text("", encoding="utf-8")
    (tmp_path / "f.html").write_text("", encoding="utf-8")
    listed = VisibleFilesLoader([str(tmp_path)]).list_templates()
    assert listed == ["a/e.txt", "f.html"]
    every = jinja2.FileSystemLoader([str(tmp_path)]).list_templates()
    assert set(listed) < set(every)


def test_templates_still_load(tmp_path: Path) -> None:
    custom = tmp_path / "overrides"
    custom.mkdir()
    config = _config(tmp_path, custom)
    list_visible_files(config.theme)
    list_visible_files(config.theme)  # a second call changes nothing
    env = config.theme.get_env()
    assert isinstance(env.loader, VisibleFilesLoader)
    assert env.get_template("main.html") is not None
