"""`languageCode` (or Hugo 0.158's `locale`), site-wide and per language, against Hugo 0.168.

hugo-book writes the language's code into `<html lang>`: a language's own `languageCode`,
else (for the default language) the site's, else the language's key. Hugo takes the theme's
interface strings for that code when the theme has them exactly (`pt-BR`), else for the
language's key (`en` for `en-us`). The Hugo site is rendered by Hugo with hugo-book, then
imported (`hugomat import`) and built by hugomat: each page's `<html lang>` must be Hugo's,
and Material's interface language the one Hugo chose (told by the search box's placeholder,
from the theme's translation files on each side).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from material import templates as material_templates

from hugo_reference import THEME, _hugo_env, hugo_binary, unavailable
from hugomat.cli import main
from test_taxonomies_differential import build_ours

ONE_LANGUAGE = """\
baseURL = 'https://example.org/'
title = 'One'
theme = 'hugo-book'
languageCode = 'en-us'
"""
# The site's languageCode is the default language's, which has none of its own; pt has its
# own (a code the themes have translations for); zh none, so its key.
THREE_LANGUAGES = """\
baseURL = 'https://example.org/'
title = 'Three'
theme = 'hugo-book'
languageCode = 'en-us'
defaultContentLanguage = 'en'
[languages.en]
contentDir = 'content.en'
weight = 1
[languages.pt]
contentDir = 'content.pt'
languageCode = 'pt-BR'
weight = 2
[languages.zh]
contentDir = 'content.zh'
weight = 3
"""
# A language's own code that no theme has translations for: the key's strings (English).
REGIONAL = """\
baseURL = 'https://example.org/'
title = 'Regional'
theme = 'hugo-book'
[languages.en]
locale = 'de-DE'
"""

# URL -> (<html lang>, the language whose interface strings the page shows).
CASES = {
    "one-language": (ONE_LANGUAGE, ["content"], {"/": ("en-us", "en"),
                                                 "/docs/page/": ("en-us", "en")}),
    "per-language": (THREE_LANGUAGES, ["content.en", "content.pt", "content.zh"], {
        "/": ("en-us", "en"), "/docs/page/": ("en-us", "en"),
        "/pt/": ("pt-BR", "pt-BR"), "/pt/docs/page/": ("pt-BR", "pt-BR"),
        "/zh/docs/page/": ("zh", "zh")}),
    "regional-locale": (REGIONAL, ["content"], {"/docs/page/": ("de-DE", "en")}),
}


def hugo_site(folder: Path, config: str, content_dirs: list[str]) -> Path:
    """The Hugo site (its sources at `folder`), rendered into folder/public."""
    if not THEME.is_dir():
        unavailable(f"the hugo-book theme is not at {THEME} (the test corpus)")
    (folder / "themes").mkdir(parents=True)
    (folder / "themes" / "hugo-book").symlink_to(THEME, target_is_directory=True)
    (folder / "hugo.toml").write_text(config, "utf-8")
    for content in content_dirs:
        (folder / content / "docs").mkdir(parents=True)
        (folder / content / "_index.md").write_text("---\ntitle: Home\n---\nHome.\n", "utf-8")
        (folder / content / "docs" / "page.md").write_text("---\ntitle: Page\n---\nText.\n",
                                                          "utf-8")
    run = subprocess.run([str(hugo_binary()), "build", "--quiet", "--source", str(folder),
                          "--cacheDir", str(folder.parent / "hugo-cache"), "--noBuildLock"],
                         capture_output=True, text=True, env=_hugo_env(), timeout=300)
    assert run.returncode == 0, run.stderr + run.stdout
    return folder / "public"


def page_of(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text("utf-8")


def html_lang(html: str) -> str:
    found = re.search(r'<html\b[^>]*\blang="([^"]*)"', html)
    assert found, html[:300]
    return found.group(1)


def placeholder(html: str, within: str) -> str:
    box = re.search(rf'<input\b[^>]*{within}[^>]*>', html)
    assert box, f"no search box ({within})"
    found = re.search(r'placeholder="([^"]*)"', box.group(0))
    assert found, box.group(0)
    return found.group(1)


def hugo_book_string(language: str) -> str:
    entries = yaml.safe_load((THEME / "i18n" / f"{language}.yaml").read_text("utf-8"))
    return next(entry["translation"] for entry in entries if entry["id"] == "Search")


def material_string(language: str) -> str:
    text = (Path(material_templates.__file__).parent / "partials" / "languages"
            / f"{language}.html").read_text("utf-8")
    found = re.search(r'"search\.placeholder": "([^"]*)"', text)
    assert found, language
    return found.group(1)


@pytest.mark.parametrize("case", list(CASES))
def test_html_lang_and_interface_language_are_hugos(tmp_path, monkeypatch, case):
    config, content_dirs, expected = CASES[case]
    public = hugo_site(tmp_path / "hugo", config, content_dirs)
    site = build_ours(tmp_path, monkeypatch)
    for url, (lang, interface) in expected.items():
        hugo = page_of(public, url)
        assert html_lang(hugo) == lang, url  # what Hugo does, as the case says
        assert placeholder(hugo, 'id="book-search-input"') == hugo_book_string(interface), url
        ours = page_of(site, url)
        assert html_lang(ours) == lang, url
        assert placeholder(ours, 'name="query"') == material_string(interface), url


def test_import_writes_the_codes_without_a_note(tmp_path):
    folder = tmp_path / "hugo"
    folder.mkdir()
    (folder / "hugo.toml").write_text(THREE_LANGUAGES, "utf-8")
    for content in ("content.en", "content.pt", "content.zh"):
        (folder / content).mkdir()
    result = CliRunner().invoke(main, ["import", str(folder), "--out", str(tmp_path / "ours")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((tmp_path / "ours" / "mkdocs.yml").read_text("utf-8"))
    plugin = next(p["hugomat"] for p in written["plugins"] if isinstance(p, dict))
    assert plugin["language_code"] == "en-us"
    assert plugin["languages"]["pt"]["language_code"] == "pt-BR"
    assert "language_code" not in plugin["languages"]["zh"]
    assert "languageCode" not in result.output, result.output
