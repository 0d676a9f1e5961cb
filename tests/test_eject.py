"""`hugomat eject`: plain MkDocs sources whose stock build gives the same articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from hugomat.cli import main

ROOT = Path(__file__).resolve().parent.parent

MULTILINGUAL = """\
site_name: Book
docs_dir: content.en
theme:
  name: material
  font: false
plugins:
  - search
  - hugomat:
      languages:
        en: {content_dir: content.en, label: English, weight: 1}
        fr: {content_dir: content.fr, label: Français, weight: 2}
      menu_after: [{name: Elsewhere, url: "https://example.org/"}]
"""


def articles(site: Path) -> dict[str, str]:
    found = {}
    for page in sorted(site.rglob("index.html")):
        html = page.read_text("utf-8")
        if "<article" in html:
            found[str(page.relative_to(site))] = html[html.index("<article"):
                                                      html.index("</article>")]
    return found


def stock_mkdocs_build(config: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr


def test_ejected_chapter_builds_with_stock_mkdocs_to_the_same_articles(tmp_path):
    runner = CliRunner()
    built = tmp_path / "hugomat-site"
    config = str(ROOT / "mkdocs.yml")
    assert runner.invoke(main, ["build", "-f", config, "-d", str(built)]).exit_code == 0
    out = tmp_path / "ejected"
    result = runner.invoke(main, ["eject", "-f", config, "--out", str(out)])
    assert result.exit_code == 0, result.output
    plain = yaml.safe_load((out / "mkdocs.yml").read_text("utf-8").replace(
        "!!python/name:", ""))
    assert all("hugomat" not in (p if isinstance(p, str) else next(iter(p)))
               for p in plain["plugins"])
    assert (out / "docs" / "docs" / "13_flames_on.md").is_file()
    assert (out / "overrides" / "partials" / "source.html").is_file()
    stock_mkdocs_build(out / "mkdocs.yml")
    ours, theirs = articles(built), articles(out / "site")
    assert "docs/13_flames_on/index.html" in ours
    assert theirs == ours


def test_ejected_multilingual_book_builds_each_language(project):
    root = project({}, config=MULTILINGUAL)
    pages = {
        "content.en/_index.md": "---\ntitle: Home\n---\nHello {{< hint info >}}Hi{{< /hint >}}\n",
        "content.en/docs/a.md": "---\ntitle: A\naliases: [/old-a/]\n---\n# A\n\n"
                                "{{% details \"More\" %}}Text{{% /details %}}\n\n"
                                # Written as raw HTML (a fence the ejected hook reads).
                                "- item\n\n  <div class=\"box\">\n\n  *kept*\n\n  </div>\n",
        "content.fr/_index.md": "---\ntitle: Accueil\n---\nBonjour\n",
        "content.fr/docs/a.md": "---\ntitle: A fr\n---\n# A\n\nTexte [lien](/docs/a/)\n",
    }
    for rel, text in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--strict"]).exit_code == 0
    result = runner.invoke(main, ["eject", "--out", "ejected"])
    assert result.exit_code == 0, result.output
    for code in ("en", "fr"):
        stock_mkdocs_build(root / "ejected" / code / "mkdocs.yml")
    ours, theirs = articles(root / "site"), articles(root / "ejected" / "site")
    assert "fr/docs/a/index.html" in ours and "old-a/index.html" not in ours
    assert '<div class="box">' in ours["docs/a/index.html"]
    assert "hugomat-raw-html" in (root / "ejected" / "en" / "docs" / "docs" / "a.md").read_text()
    assert theirs == ours


def test_a_menu_entry_missing_in_another_language_stops_eject_at_its_place(project):
    config = MULTILINGUAL.replace('url: "https://example.org/"', "page: docs/a.md")
    root = project({}, config=config)
    for rel, text in {"content.en/_index.md": "---\ntitle: Home\n---\nHello\n",
                      "content.en/docs/a.md": "---\ntitle: A\n---\nA\n",
                      "content.fr/_index.md": "---\ntitle: Accueil\n---\nBonjour\n"}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["eject", "--out", "ejected"])
    assert result.exit_code == 1, result.output
    assert ("mkdocs.yml:1:1: menu entry 'Elsewhere': page 'docs/a.md' does not exist"
            in result.output)
    assert not (root / "ejected" / "en" / "mkdocs.yml").exists()  # nothing written first
