"""The theme's environments: its files listed without entering hidden folders (MkDocs
publishes the same files as with Jinja's own listing), and compiled templates kept."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from hugomat.adapter.theme_environment import VisibleFilesLoader, hugomat_environments


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
    hugomat_environments(config.theme, None)
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
    hugomat_environments(config.theme, None)
    hugomat_environments(config.theme, None)  # a second call changes nothing
    env = config.theme.get_env()
    assert isinstance(env.loader, VisibleFilesLoader)
    assert env.get_template("main.html") is not None


def test_every_environment_of_the_theme_keeps_its_compiled_templates(tmp_path: Path) -> None:
    # Material's search makes environments of its own before the build's: they too.
    custom = tmp_path / "overrides"
    custom.mkdir()
    config = _config(tmp_path, custom)
    compiled = tmp_path / "cache" / "templates"
    hugomat_environments(config.theme, compiled)
    first = config.theme.get_env()
    first.get_template("partials/language.html")
    kept = sorted(path.name for path in compiled.iterdir())
    assert kept
    second = config.theme.get_env()
    assert isinstance(second.bytecode_cache, jinja2.FileSystemBytecodeCache)
    second.get_template("partials/language.html")
    assert sorted(path.name for path in compiled.iterdir()) == kept


def test_a_folder_that_cannot_be_made_compiles_as_before(tmp_path: Path) -> None:
    custom = tmp_path / "overrides"
    custom.mkdir()
    config = _config(tmp_path, custom)
    (tmp_path / "file").write_text("", encoding="utf-8")
    hugomat_environments(config.theme, tmp_path / "file" / "templates")
    env = config.theme.get_env()
    assert env.bytecode_cache is None
    assert env.get_template("main.html") is not None
