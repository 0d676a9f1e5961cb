"""A book's own templates are looked up once for the whole book, also when it has none (that
lookup reads the Hugo configuration and walks layouts/); the Go template interpreter is
imported only for a site that has templates."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hugomat.read import book
from hugomat.read.source import SiteSource
from hugomat.render import convert

PAGES = {f"docs/p{n}.md": f"---\ntitle: P{n}\n---\nText {n}.\n" for n in range(4)}


@pytest.mark.parametrize("with_layouts", [False, True])
def test_the_site_templates_are_looked_up_once_a_book(project, monkeypatch, with_layouts):
    root = project(PAGES)
    if with_layouts:
        (root / "layouts" / "shortcodes").mkdir(parents=True)
        (root / "layouts" / "shortcodes" / "hi.html").write_text("hi", encoding="utf-8")
    loaded = book.load(SiteSource(root=root, content_dir=root / "content"))
    looked_up = []
    real = convert.layout_dirs
    monkeypatch.setattr(convert, "layout_dirs", lambda r: looked_up.append(r) or real(r))
    conversion = convert.converted_book(loaded)
    assert len(conversion.converted) >= 4 and not conversion.errors
    assert looked_up == [root]
    one = convert.convert(loaded.pages[0], loaded)  # alone: looked up for it
    assert not one.errors and looked_up == [root, root]


def test_the_template_interpreter_is_imported_only_for_a_site_with_templates(tmp_path):
    # A new interpreter: the modules imported by the test session do not count.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from hugomat.read import book\n"
        "from hugomat.render import convert\n"
        "from hugomat.read.source import SiteSource\n"
        "root = Path(sys.argv[1])\n"
        "loaded = book.load(SiteSource(root=root, content_dir=root / 'content'))\n"
        "assert not convert.converted_book(loaded).errors\n"
        "print('hugomat.gotemplate' in sys.modules)\n")
    answers = []
    for with_layouts in (False, True):
        root = tmp_path / str(with_layouts)
        (root / "content" / "docs").mkdir(parents=True)
        (root / "content" / "docs" / "p.md").write_text("---\ntitle: P\n---\nText.\n")
        if with_layouts:
            (root / "layouts" / "shortcodes").mkdir(parents=True)
            (root / "layouts" / "shortcodes" / "hi.html").write_text("hi", encoding="utf-8")
        done = subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True,
                              text=True, check=True)
        answers.append(done.stdout.strip())
    assert answers == ["False", "True"]
