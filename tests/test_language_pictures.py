"""One set of picture files for every language: a page under /es/ draws the default language's
variants, so a reader who switches language downloads no banner again."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from click.testing import CliRunner
from PIL import Image

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
      asset_dirs: [static]
      default_language: en
      languages:
        en: {content_dir: content.en, label: English, weight: 1}
        es: {content_dir: content.es, label: Español, weight: 2}
"""


def picture(width: int, colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    # Portrait: the shared files must not depend on the picture's shape.
    Image.new("RGB", (width, width * 4 // 3), colour).save(buffer, "PNG")
    return buffer.getvalue()


def page(title: str, image: str, text: str) -> str:
    return f"---\ntitle: {title}\nimage: {image}\n---\n{text}\n"


def built(root: Path) -> Path:
    files = {
        "content.en/_index.md": "---\ntitle: Home\n---\nWelcome\n",
        "content.es/_index.md": "---\ntitle: Inicio\n---\nBienvenida\n",
        "content.en/docs/a.md": page("A", "shared.png", "English words"),
        "content.es/docs/a.md": page("A es", "shared.png", "Palabras"),
        # A picture only the Spanish book draws, in the text of a page.
        "content.es/docs/b.md": "---\ntitle: B\n---\n![solo](/only-es.png)\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "static").mkdir(exist_ok=True)
    (root / "static" / "shared.png").write_bytes(picture(600, (200, 40, 40)))
    (root / "static" / "only-es.png").write_bytes(picture(500, (40, 40, 200)))
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site"


def variant_urls(html: str) -> list[str]:
    return [url for srcset in re.findall(r'srcset="([^"]+)"', html)
            for url in re.findall(r"(\S+) \d+w", srcset)]


def test_other_languages_draw_the_default_languages_picture_files(project):
    site = built(project({}, config=CONFIG))
    english = variant_urls((site / "docs" / "a" / "index.html").read_text("utf-8"))
    spanish = variant_urls((site / "es" / "docs" / "a" / "index.html").read_text("utf-8"))
    assert english and all(url.startswith("../../assets/images/") for url in english)
    # One folder deeper, one more step up: the very same files.
    assert spanish == ["../" + url for url in english]
    for url in spanish:
        assert (site / "es" / "docs" / "a" / url).resolve().is_file()
    assert not (site / "es" / "assets" / "images").exists() or not [
        p for p in (site / "es" / "assets" / "images").iterdir()
        if p.suffix in (".avif", ".webp")]


def test_a_picture_only_another_language_draws_is_placed_at_the_root(project):
    site = built(project({}, config=CONFIG))
    urls = variant_urls((site / "es" / "docs" / "b" / "index.html").read_text("utf-8"))
    assert urls
    for url in urls:
        placed = (site / "es" / "docs" / "b" / url).resolve()
        assert placed.is_file() and placed.parent == (site / "assets" / "images").resolve()
        # Linked from the picture cache, not copied.
        assert os.stat(placed).st_nlink >= 2


def test_a_second_build_in_one_process_encodes_in_every_language(project):
    """`serve` rebuilds in one process: another language's worker must encode its pictures
    then too (it once inherited its parent's fork server and failed with ECHILD)."""
    root = project({}, config=CONFIG)
    built(root)
    (root / "static" / "only-es.png").write_bytes(picture(520, (40, 200, 40)))
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    urls = variant_urls((root / "site" / "es" / "docs" / "b" / "index.html").read_text("utf-8"))
    assert urls and all((root / "site" / "es" / "docs" / "b" / u).resolve().is_file()
                        for u in urls)


def test_static_files_are_stored_once_for_every_language(project):
    """Hugo serves static/ once; hugomat's languages keep their own URLs for its files, as
    links to the default language's copies: no byte is stored or copied twice."""
    root = project({}, config=CONFIG)
    (root / "static" / "files").mkdir(parents=True)
    (root / "static" / "files" / "guide.pdf").write_bytes(b"%PDF-1.4 guide")
    site = built(root)
    english, spanish = site / "files" / "guide.pdf", site / "es" / "files" / "guide.pdf"
    assert spanish.read_bytes() == b"%PDF-1.4 guide"
    assert os.stat(english).st_ino == os.stat(spanish).st_ino
    # Not a link to the book's own file: a tool that edits the site must not edit the book.
    assert os.stat(spanish).st_ino != os.stat(root / "static" / "files" / "guide.pdf").st_ino
    original = site / "es" / "shared.png"
    assert original.is_file() and os.stat(original).st_ino == os.stat(site / "shared.png").st_ino
