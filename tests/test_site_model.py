"""hugomat.site: a site read once, every language's book linked, seen from one language."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hugomat.adapter.loading import load as load_config
from hugomat.adapter.site_options import site_options
from hugomat.cli import main
from hugomat.site import model as site_model
from hugomat.site.options import SiteOptions
from site_configs import TWO_LANGUAGE_MKDOCS_YML

SRC = Path(__file__).resolve().parents[1] / "src"
MENU = "\n      menu_after:\n        - {name: Intro, page: docs/intro.md}"

PAGES = {
    "content.en/_index.md": "---\ntitle: Home\n---\nSee [la página]({{< relref path=\"docs/"
                            "intro.md\" lang=\"es\" >}}).\n",
    "content.en/docs/intro.md": "---\ntitle: Intro\n---\nEnglish.\n",
    # A URL from the site's root, inside the language's own pages (Hugo's /es/...).
    "content.es/docs/intro.md": "---\ntitle: Intro\nurl: /es/especial/\n---\nEspañol.\n",
    "content.es/_index.md": "---\ntitle: Inicio\n---\nHola.\n",
}


@pytest.fixture
def book(project):
    def make(default: str = "en") -> Path:
        config = TWO_LANGUAGE_MKDOCS_YML.replace("default_language: en",
                                                 f"default_language: {default}{MENU}")
        root = project({}, config=config)
        for rel, text in PAGES.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        return root
    return make


def options(root: Path) -> SiteOptions:
    return site_options(load_config(str(root / "mkdocs.yml")))


def test_every_language_is_read_once_and_linked(book):
    site = site_model.load(options(book("es")))
    assert [lang.code for lang in site.languages] == ["en", "es"]  # Hugo's order: weight
    assert [lang.code for lang in site.languages if lang.is_default] == ["es"]
    assert site.current == "es" and site.codes == ["es", "en"]  # the default one first
    assert site.books["en"].languages is site.books and site.books["es"].languages is site.books
    assert site.books["en"].prefix == "en/" and site.books["es"].prefix == ""
    assert site.translations is not None
    english = site.in_language("en")
    assert english.books is site.books  # nothing read again
    assert english.book is site.books["en"] and english.language.code == "en"
    assert english.navigation.after[0].url != site.navigation.after[0].url


@pytest.mark.parametrize("seen_from", ["en", "es"])
def test_each_language_is_read_from_its_own_root_whichever_is_built(book, seen_from):
    site = site_model.load(options(book()), seen_from)
    page = site.books["es"].find("docs/intro.md")
    assert page is not None
    assert page.src_uri == "especial/index.md"
    assert page.warnings == []


def test_a_link_to_another_language_follows_its_url_from_the_sites_root(book):
    root = book()
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    home = (root / "site" / "index.html").read_text("utf-8")
    assert re.search(r'<a href="(?:\./)?es/especial/">la página</a>', home), home


def test_a_language_that_is_not_configured_is_said(book):
    with pytest.raises(site_model.LanguageNotFound, match="'fr' is not configured"):
        site_model.load(options(book()), "fr")
    site = site_model.load(options(book()))
    with pytest.raises(site_model.LanguageNotFound):
        site.in_language("fr")


def test_a_book_in_one_language_is_its_only_book(project):
    root = project({"_index.md": "---\ntitle: Home\n---\nHi\n",
                    "docs/a.md": "---\ntitle: A\n---\nA\n"})
    site = site_model.load(options(root))
    assert site.languages == [] and site.codes == [""] and site.language is None
    assert site.translations is None
    written = sorted(page.rel_path for page in site.book.pages if not page.made)
    assert written == ["_index.md", "docs/a.md"]


def test_check_eject_and_the_commands_read_the_site_not_the_plugins_state():
    """They share hugomat.site and the adapter's steps; none runs a plugin event by hand or
    reads what a plugin's events left behind."""
    src = SRC / "hugomat"
    for path in [src / "cli.py", src / "check.py", *(src / "adapter").glob("*.py")]:
        if path.name == "plugin.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\.on_(config|files|nav|page_\w+|env|post_build)\(", text), path
        assert not re.search(r'plugins\["hugomat"\]\.(?!config\b|language\b|preview\b|'
                             r'pictures_at_root\b|root_pictures\b|root_static\b|'
                             r'rendered_pages\b|search_entries\b)', text), path


def test_reading_the_options_loads_no_converter():
    # serve, deploy and new read the options alone: that must not import the whole build.
    script = ("import sys, hugomat.adapter.site_options\n"
              "print('hugomat.render.convert' in sys.modules, 'markdown_it' in sys.modules)\n")
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONPATH": str(SRC)})
    assert found.stdout.split() == ["False", "False"]
