"""A built site with diagrams, maths and a recording: every file it needs is its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hugomat.adapter import build as builder

PAGE = """---
title: Everything
---
# Everything

```mermaid
graph LR
  A --> B
```

{{< katex display=true >}}
e^{i\\pi} + 1 = 0
{{< /katex >}}

{{< asciinema cast="demo.cast" loop=true >}}

> [!CAUTION]
> Hot.
"""

# Where a page or its scripts could load something from: src=, href= of link tags, url().
_LOADS = re.compile(r"""<(?:script|img|iframe|source)\b[^>]*\bsrc="([^"]+)"|"""
                    r"""<link\b[^>]*\bhref="([^"]+)"|url\(["']?([^"')]+)""")


CONFIG = """site_name: Shortcodes
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - hugomat:
      asset_dirs: [assets]
"""
FILES = {
    "mkdocs.yml": CONFIG,
    "content/_index.md": "---\ntitle: Home\n---\nHome.\n",
    "content/docs/everything.md": PAGE,
    "assets/demo.cast": '{"version": 2, "width": 20, "height": 2}\n[0.1, "o", "hi"]\n',
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shortcodes")
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    config = builder.load(str(root / "mkdocs.yml"), strict=True, site_dir=str(root / "site"))
    return builder.build(config)


def test_page_scripts_and_their_libraries_are_in_the_site(site: Path):
    page = (site / "docs" / "everything" / "index.html").read_text(encoding="utf-8")
    for path in ("assets/hugomat/hugomat-mermaid.js", "assets/hugomat/mermaid/mermaid.min.js",
                 "assets/hugomat/hugomat-asciinema.js",
                 "assets/hugomat/asciinema/asciinema-player.min.js",
                 "assets/hugomat/asciinema/asciinema-player.css", "demo.cast"):
        assert (site / path).is_file(), path
    assert '<div class="hugomat-mermaid">graph LR' in page
    assert '<math class="hugomat-math"' in page
    assert '<div class="admonition caution">' in page


def test_the_page_loads_nothing_from_another_origin(site: Path):
    page = (site / "docs" / "everything" / "index.html").read_text(encoding="utf-8")
    css = (site / "assets" / "hugomat" / "hugomat.css").read_text(encoding="utf-8")
    loads = [next(g for g in m.groups() if g) for m in _LOADS.finditer(page + css)]
    assert loads, "the check found nothing to look at"
    outside = [url for url in loads if re.match(r"(?:[a-z]+:)?//", url) and not url.startswith(
        "data:")]
    assert outside == []
    for script in ("hugomat-mermaid.js", "hugomat-asciinema.js"):
        text = (site / "assets" / "hugomat" / script).read_text(encoding="utf-8")
        assert "http" not in text


def test_pages_without_diagrams_load_no_diagram_script(site: Path):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "hugomat-mermaid.js" not in home and "asciinema" not in home
