"""A book in several languages: one site each, the default at the root, linked by translation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from hugomat.cli import main

CONFIG = """\
site_name: Book
site_url: https://example.org/book/
docs_dir: content.en
theme:
  name: material
  font: false
plugins:
  - search
  - hugomat:
      default_language: en
      languages:
        en: {content_dir: content.en, label: English, weight: 1}
        es: {content_dir: content.es, label: Español, weight: 2, site_name: Libro}
        he: {content_dir: content.he, label: עברית, weight: 3, direction: rtl}
"""


def page(title: str, text: str) -> str:
    return f"---\ntitle: {title}\n---\n{text}\n"


@pytest.fixture
def site(project) -> Path:
    root = project({}, config=CONFIG)
    files = {
        "content.en/_index.md": page("Home", "Welcome"),
        "content.en/docs/intro.md": page("Intro", "English words"),
        "content.en/docs/only-en.md": page("Only English", "Nothing to translate"),
        "content.es/_index.md": page("Inicio", "Bienvenida"),
        "content.es/docs/intro.md": page("Introducción", "Palabras españolas"),
        "content.he/_index.md": page("בית", "ברוכים הבאים"),
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site"


def selector(html: str) -> dict[str, str]:
    return dict(re.findall(r'<a href="([^"]*)" hreflang="([^"]+)"', html)[i][::-1]
                for i in range(len(re.findall(r'<a href="([^"]*)" hreflang="', html))))


def test_default_language_at_root_and_others_below(site: Path):
    assert "English words" in (site / "docs" / "intro" / "index.html").read_text("utf-8")
    assert "Palabras españolas" in (site / "es" / "docs" / "intro" / "index.html").read_text(
        "utf-8")
    assert (site / "he" / "index.html").is_file()
    assert not (site / "es" / "docs" / "only-en").exists()
    assert not list(site.parent.glob(".hugomat-*"))


def test_selector_links_translations_or_the_language_home(site: Path):
    english = selector((site / "docs" / "intro" / "index.html").read_text("utf-8"))
    assert english == {"en": "./", "es": "../../es/docs/intro/", "he": "../../he/"}
    spanish = selector((site / "es" / "docs" / "intro" / "index.html").read_text("utf-8"))
    assert spanish == {"en": "../../../docs/intro/", "es": "./", "he": "../../../he/"}
    only = selector((site / "docs" / "only-en" / "index.html").read_text("utf-8"))
    assert only["es"] == "../../es/"


def head_alternates(html: str) -> dict[str, str]:
    return {lang: href for href, lang in re.findall(
        r'<link rel="alternate" href="([^"]*)" hreflang="([^"]+)">', html)}


def test_head_alternates_name_each_pages_translation(site: Path):
    root = "https://example.org/book/"
    english = head_alternates((site / "docs" / "intro" / "index.html").read_text("utf-8"))
    assert english == {"en": f"{root}docs/intro/", "es": f"{root}es/docs/intro/",
                       "he": f"{root}he/"}
    spanish = head_alternates((site / "es" / "docs" / "intro" / "index.html").read_text(
        "utf-8"))
    assert spanish == english
    only = head_alternates((site / "docs" / "only-en" / "index.html").read_text("utf-8"))
    assert only == {"en": f"{root}docs/only-en/", "es": f"{root}es/", "he": f"{root}he/"}
    # A page rendered without a page of the book keeps the languages' homes, not the
    # translations of the page rendered last.
    missing = head_alternates((site / "404.html").read_text("utf-8"))
    assert sorted(missing) == ["en", "es", "he"]
    assert not any("docs" in link for link in missing.values())


def test_each_language_speaks_its_own_interface_and_direction(site: Path):
    spanish = (site / "es" / "index.html").read_text("utf-8")
    assert re.search(r'<html lang="es"', spanish)
    assert "<title>Inicio - Libro</title>" in spanish
    hebrew = (site / "he" / "index.html").read_text("utf-8")
    assert re.search(r'<html lang="he"', hebrew) and 'dir="rtl"' in hebrew
    assert 'dir="ltr"' in (site / "index.html").read_text("utf-8")


def test_search_index_per_language(site: Path):
    english = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    spanish = json.loads((site / "es" / "search" / "search_index.json").read_text("utf-8"))
    assert english["config"]["lang"] == ["en"] and spanish["config"]["lang"] == ["es"]
    assert any("English words" in d["text"] for d in english["docs"])
    assert not any("Palabras" in d["text"] for d in english["docs"])
    assert any("Palabras españolas" in d["text"] for d in spanish["docs"])


def test_site_urls_per_language(site: Path):
    spanish = (site / "es" / "docs" / "intro" / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://example.org/book/es/docs/intro/">' in spanish


def test_a_broken_page_in_another_language_fails_the_build(project):
    root = project({}, config=CONFIG)
    for rel, text in {"content.en/_index.md": page("Home", "x"),
                      "content.es/_index.md": page("Inicio", "{{< hint info >}}"),
                      "content.he/_index.md": page("בית", "x")}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"{Path('content.es/_index.md')}:4:1: shortcode 'hint' is never closed" in (
        result.stderr)
    assert not (root / "site").exists()
    assert not list(root.glob(".hugomat-*")) and not list(root.glob("site.tmp-*"))


def test_relref_to_a_translation(project):
    root = project({}, config=CONFIG)
    files = {
        "content.en/_index.md": page("Home", "x"),
        "content.en/docs/intro.md": page(
            "Intro", '[leer]({{< relref path="/docs/intro" lang="es" >}}) '
                     '[inicio]({{< relref path="/" lang="es" >}}) '
                     '[part]({{< relref path="/docs/intro#parte" lang="es" >}})'),
        "content.es/_index.md": page("Inicio", "x"),
        "content.es/docs/intro.md": page(
            "Intro", '## Parte\n\n[read]({{< relref path="/docs/intro" lang="en" >}})'),
        "content.he/_index.md": page("בית", "x"),
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    english = (root / "site" / "docs" / "intro" / "index.html").read_text("utf-8")
    assert '<a href="../../es/docs/intro/">leer</a>' in english
    assert '<a href="../../es/">inicio</a>' in english
    assert '<a href="../../es/docs/intro/#parte">part</a>' in english
    spanish = (root / "site" / "es" / "docs" / "intro" / "index.html").read_text("utf-8")
    assert '<a href="../../../docs/intro/">read</a>' in spanish
    (root / "content.en" / "docs" / "intro.md").write_text(
        page("Intro", '[x]({{< relref path="/docs/intro" lang="de" >}})'), encoding="utf-8")
    failed = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert failed.exit_code == 1
    assert "relref names language 'de', which the site does not have (languages: en, es, he)" in (
        failed.stderr)


@pytest.mark.parametrize(("code", "interface", "search_word"), [
    ("cn", "zh", "搜索"), ("pt-br", "pt-BR", "Pesquisar"), ("xx", "en", "Search")])
def test_a_language_material_lacks_falls_back_to_the_nearest(project, code, interface,
                                                             search_word):
    config = CONFIG.replace("es: {content_dir: content.es", f"{code}: {{content_dir: content.es")
    root = project({}, config=config)
    for rel, text in {"content.en/_index.md": page("Home", "Welcome"),
                      "content.es/_index.md": page("Casa", "Hola"),
                      "content.he/_index.md": page("בית", "שלום")}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (f"theme language '{code}': Material has no interface strings for it; "
            f"'{interface}' is used") in result.stderr
    # The interface speaks the language used: its word for "Search".
    assert search_word in (root / "site" / code / "index.html").read_text("utf-8")
    # The language keeps its own code in the selector and in its folder.
    assert f'hreflang="{code}"' in (root / "site" / "index.html").read_text("utf-8")


def test_a_one_language_site_in_a_language_material_lacks_builds(project):
    root = project({"_index.md": "---\ntitle: Home\n---\nHi\n"},
                   config=MINIMAL_CN)
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "theme language 'cn'" in result.stderr and "'zh' is used" in result.stderr
    # The page keeps the site's code, as Hugo writes it; the interface strings are zh's.
    assert '<html lang="cn"' in (root / "site" / "index.html").read_text("utf-8")


MINIMAL_CN = """\
site_name: Book
docs_dir: content
theme:
  name: material
  font: false
  language: cn
plugins:
  - hugomat
"""


def test_relref_with_lang_finds_the_translation_in_any_case_and_by_name(project):
    root = project({}, config=CONFIG)
    files = {
        "content.en/_index.md": page("Home", "x"),
        "content.en/docs/intro.md": page(
            "Intro", '[a]({{< relref path="/Docs/INTRO" lang="es" >}}) '
                     '[b]({{< ref path="Intro.md" lang="es" >}})'),
        "content.es/_index.md": page("Inicio", "x"),
        "content.es/docs/intro.md": page("Intro", "x"),
        "content.he/_index.md": page("בית", "x"),
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html = (root / "site" / "docs" / "intro" / "index.html").read_text("utf-8")
    assert '<a href="../../es/docs/intro/">a</a>' in html
    assert '<a href="../../es/docs/intro/">b</a>' in html


def test_the_default_language_in_a_subfolder_as_hugo_puts_it(project):
    config = CONFIG.replace("      default_language: en\n",
                            "      default_language: en\n      default_language_in_subdir: true\n")
    root = project({}, config=config)
    files = {
        "content.en/_index.md": page("Home", "Welcome"),
        "content.en/docs/intro.md": page("Intro", '[es]({{< relref path="/docs/intro" '
                                                  'lang="es" >}}) [home]({{< relref "/" >}})'),
        "content.es/_index.md": page("Inicio", "Bienvenida"),
        "content.es/docs/intro.md": page("Intro", '[en]({{< relref path="/docs/intro" '
                                                  'lang="en" >}})'),
        "content.he/_index.md": page("בית", "x"),
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    site = root / "site"
    assert "Welcome" in (site / "en" / "index.html").read_text("utf-8")
    intro = (site / "en" / "docs" / "intro" / "index.html").read_text("utf-8")
    assert '<a href="../../../es/docs/intro/">es</a>' in intro
    assert '<a href="../../">home</a>' in intro
    spanish = (site / "es" / "docs" / "intro" / "index.html").read_text("utf-8")
    assert '<a href="../../../en/docs/intro/">en</a>' in spanish
    # The site's root sends the reader to the default language's home.
    assert 'en/' in (site / "index.html").read_text("utf-8")
    assert not (site / "docs").exists()
