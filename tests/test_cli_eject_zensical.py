"""`hugomat eject`'s output also builds with Zensical, which reads mkdocs.yml and Material's
template overrides but runs no MkDocs plugin and renders with a stricter template engine.

Zensical is not a test dependency (a large binary wheel, fetched from PyPI): the test runs
where it is installed (`.venv/bin/pip install zensical`) and is skipped elsewhere."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hugomat.cli import main
from site_configs import TWO_LANGUAGE_MKDOCS_YML

pytestmark = pytest.mark.skipif(importlib.util.find_spec("zensical") is None,
                                reason="zensical is not installed")

TWO_LANGUAGES = TWO_LANGUAGE_MKDOCS_YML

PAGES = {
    "content.en/_index.md": "---\ntitle: Home\n---\nHello.\n",
    "content.en/docs/a.md": "---\ntitle: A\n---\nEnglish text.\n",
    "content.es/_index.md": "---\ntitle: Inicio\n---\nHola.\n",
    "content.es/docs/a.md": "---\ntitle: A\n---\nTexto en español.\n",
}


def test_an_ejected_two_language_book_builds_with_zensical(project):
    root = project({}, config=TWO_LANGUAGES)
    for rel, text in PAGES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    ejected = CliRunner().invoke(main, ["eject", "--out", "ejected"], catch_exceptions=False)
    assert ejected.exit_code == 0, ejected.output

    for language, words in (("en", "English text."), ("es", "Texto en español.")):
        folder = root / "ejected" / language
        config = folder / "mkdocs.yml"
        # Zensical writes only inside the project folder; eject points every language at one
        # shared site beside them (../site), so each is built into its own folder here.
        config.write_text(re.sub(r"(?m)^site_dir: .*$", "site_dir: zensical-site",
                                 config.read_text("utf-8")), encoding="utf-8")
        built = subprocess.run([sys.executable, "-m", "zensical", "build"], cwd=folder,
                               capture_output=True, text=True, timeout=300)
        assert built.returncode == 0, built.stdout + built.stderr
        page = (folder / "zensical-site" / "docs" / "a" / "index.html").read_text("utf-8")
        assert words in page
        # hugomat's language selector, from its own override, names both languages.
        links = re.findall(r'<a href="[^"]*" hreflang="(\w+)" lang="\w+" '
                           r'class="md-select__link"', page)
        assert links == ["en", "es"], page
    assert Path(root / "ejected" / "en" / "overrides" / "partials" / "alternate.html").is_file()
