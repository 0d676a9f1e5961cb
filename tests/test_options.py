"""The plugin's options: declared once, and every wrong one a located line, exit 2."""

from __future__ import annotations

from dataclasses import fields

import pytest
from click.testing import CliRunner
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from hugomat.adapter.config import PicturesConfig
from hugomat.cli import main
from hugomat.pictures.settings import PictureSettings, option_settings

CONFIG = """\
site_name: Options
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - hugomat:
      book_section: docs
      pictures:
        enabled: true
"""

PAGES = {"docs/a.md": "---\ntitle: A\n---\nText.\n"}

# (what replaces `enabled: true` or, with no indent, `book_section: docs`; the line and
# column of the mistake; the option named; what the line says of it)
WRONG = [
    ("        avif_quality: 0", "11:23", "'avif_quality' (in hugomat > pictures)",
     "expected a whole number from 1 to 100, got 0"),
    ("        widths: [0]", "11:17", "'widths' (in hugomat > pictures)",
     "expected a whole number of at least 1, got 0"),
    ("        formats: [gif]", "11:18", "'formats' (in hugomat > pictures)",
     "expected one of avif, webp, jpeg, got 'gif'"),
    ("        avif_speed: 11", "11:21", "'avif_speed' (in hugomat > pictures)",
     "expected a whole number from 0 to 10, got 11"),
    ("        jpeg_fallback: 1", "11:24", "'jpeg_fallback' (in hugomat > pictures)",
     "expected true or false, got 1"),
    ("        avif_qualty: 50", "11:9", "'avif_qualty' (in hugomat > pictures)",
     "unknown option (the options are: enabled, widths, formats, avif_quality,"),
    ("book_sektion: docs", "9:7", "'book_sektion' (in hugomat)",
     "unknown option (the options are: content_dir, asset_dirs, book_section,"),
    ("default_language: fr\n      languages: {en: {content_dir: content}}", "9:25",
     "'default_language' (in hugomat)", "'fr' is not one of the languages: en"),
    ("languages: {en: {content_dir: content, lable: English}}", "9:18",
     "'languages' (in hugomat)", "Sub-option 'lable': unknown option"),
]


def _config(replacement: str) -> str:
    if replacement.startswith(" "):
        return CONFIG.replace("        enabled: true", replacement)
    return CONFIG.replace("book_section: docs", replacement)


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize(("replacement", "place", "option", "message"), WRONG)
def test_a_wrong_option_is_one_located_line_and_exit_2(project, command, replacement, place,
                                                       option, message):
    project(PAGES, config=_config(replacement))
    result = CliRunner().invoke(main, [command], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: mkdocs.yml:{place}: option {option}: {message}"), (
        lines[0])
    assert result.stdout == ""
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("plugins", "place"), [
    ("plugins:\n  - search\n  - hugomat: 5\n", "8:14"),
    ("plugins:\n  search: {}\n  hugomat: [strict]\n", "8:12"),
])
def test_options_that_are_no_settings_are_one_located_line(project, plugins, place):
    project(PAGES, config=CONFIG.split("plugins:")[0] + plugins)
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr == (f"error: mkdocs.yml:{place}: the hugomat plugin's options are "
                             "written as `key: value` settings under it\n")


def test_the_plugin_named_without_options_takes_every_default(project):
    project(PAGES, config=CONFIG.split("plugins:")[0] + "plugins:\n  - hugomat:\n")
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_the_line_names_the_file_given_with_f(project):
    root = project(PAGES, config=_config("        avif_quality: 0"))
    (root / "sub").mkdir()
    (root / "mkdocs.yml").rename(root / "sub" / "book.yml")
    (root / "sub" / "book.yml").write_text(_config("        avif_quality: 0").replace(
        "docs_dir: content", "docs_dir: ../content"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-f", "sub/book.yml"], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: sub/book.yml:11:23: option 'avif_quality'")


def test_plain_mkdocs_refuses_an_unknown_option_too(project):
    project(PAGES, config=_config("        avif_qualty: 50"))
    with pytest.raises(Abort):
        load_config("mkdocs.yml")


def test_the_options_are_the_settings_declared_once():
    # Every setting a book may set is an option, with the settings' own default.
    options = [name for name, _ in PicturesConfig._schema]
    assert options == ["enabled", *(s.name for s in option_settings()), "path_map"]
    config = PicturesConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    assert PictureSettings.from_options(config) == PictureSettings()
    # The code's own knobs are no options.
    assert {s.name for s in fields(PictureSettings)} - set(options) == {
        "webp_method", "fallback_width"}


def test_options_set_reach_the_settings():
    config = PicturesConfig()
    config.load_dict({"widths": [800, 400], "formats": ["webp"], "avif_quality": 40,
                      "jpeg_fallback": False})
    assert config.validate() == ([], [])
    settings = PictureSettings.from_options(config)
    assert settings == PictureSettings(widths=(400, 800), formats=("webp",), avif_quality=40,
                                       jpeg_fallback=False)


def test_the_settings_and_the_options_say_the_same():
    for name, value in [("avif_quality", 0), ("widths", (0,)), ("formats", ("gif",)),
                        ("widths", ())]:
        config = PicturesConfig()
        config.load_dict({name: list(value) if isinstance(value, tuple) else value})
        ((option, error),) = config.validate()[0]
        assert option == name
        with pytest.raises(ValueError) as raised:
            PictureSettings(**{name: value})
        assert str(raised.value) == f"picture setting {name}: {error}"
