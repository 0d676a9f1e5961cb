"""A Hugo site configured through config/_default/ (and config/production/ over it), read as
Hugo merges it: the root file, then each file named after the top-level key it holds."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from hugomat.cli import main
from hugomat.read import hugo_config


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def run_import(tmp_path: Path, files: dict[str, str]):
    site = write(tmp_path / "hugo", files)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["import", str(site), "--out", str(out)],
                                catch_exceptions=False)
    return result, out


def plugin(config: dict) -> dict:
    return next(p["hugomat"] for p in config["plugins"] if isinstance(p, dict))


SPLIT = {
    "config/_default/hugo.toml": "baseURL = 'https://example.org/'\ntitle = 'Draft title'\n",
    "config/production/hugo.toml": "title = 'Published title'\n",
    "config/_default/params.toml": "BookSection = 'guide'\nBookTheme = 'dark'\n",
    "config/_default/menus.en.toml": "[[after]]\nname = 'Home page'\nurl = 'https://x.org/'\n",
    "content/guide/a.md": "# A\n",
}


def test_a_site_configured_only_in_config_default_imports(tmp_path):
    result, out = run_import(tmp_path, SPLIT)
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((out / "mkdocs.yml").read_text("utf-8"))
    assert config["site_name"] == "Published title"  # production over _default
    assert config["site_url"] == "https://example.org/"
    assert plugin(config)["book_section"] == "guide"  # params.toml is params
    assert config["theme"]["palette"]["scheme"] == "slate"
    assert plugin(config)["menu_after"] == [{"name": "Home page", "url": "https://x.org/"}]
    assert "menus" not in result.output and "menu" not in result.output


def test_config_dir_is_merged_over_the_root_file_and_tables_merge_deeply(tmp_path):
    data = hugo_config.read(write(tmp_path, {
        "hugo.toml": "title = 'Root'\nbaseURL = 'https://root.example/'\n"
                     "[params]\nBookTheme = 'dark'\nBookToC = false\n",
        "config/_default/config.toml": "baseURL = 'https://example.org/'\n",
        "config/_default/params.yaml": "BookTheme: auto\n",
        "config/_default/languages.toml": "[en]\nweight = 1\n[fr]\nweight = 2\n"
                                          "contentDir = 'content.fr'\n",
    })).data
    assert data["title"] == "Root"
    assert data["baseurl"] == "https://example.org/"
    assert data["params"] == {"booktheme": "auto", "booktoc": False}
    assert data["languages"]["fr"] == {"weight": 2, "contentdir": "content.fr"}


def test_a_split_file_that_is_not_toml_is_located_in_that_file(tmp_path):
    files = dict(SPLIT)
    files["config/_default/params.toml"] = "BookSection = 'guide'\n\n= oops\n"
    result, _ = run_import(tmp_path, files)
    assert result.exit_code == 2
    assert "config/_default/params.toml:3:1: cannot read the Hugo configuration" in result.output
    assert "Traceback" not in result.output


def test_a_value_of_the_wrong_type_is_located_in_the_split_file_that_set_it(tmp_path):
    files = dict(SPLIT)
    files["config/_default/params.toml"] = "BookTheme = 'dark'\nBookSection = ['a']\n"
    files["config/_default/menus.en.toml"] = "[[after]]\nname = 'A'\nweight = 'heavy'\nurl = '/a'\n"
    result, _ = run_import(tmp_path, files)
    assert result.exit_code == 2
    assert "config/_default/params.toml:2:1: params.BookSection" in result.output
    assert "config/_default/menus.en.toml:3:1: languages.en.menus.after[0].weight" in result.output
