"""A book's own templates are looked up once for the whole book, also when it has none (that
lookup reads the Hugo configuration and walks layouts/)."""

from __future__ import annotations

import pytest

from hugomat import book, convert
from hugomat.source import SiteSource

PAGES = {f"docs/p{n}.md": f"---\ntitle: P{n}\n---\nText {n}.\n" for n in range(4)}


@pytest.mark.parametrize("with_layouts", [False, True])
def test_the_site_templates_are_looked_up_once_a_book(project, monkeypatch, with_layouts):
    root = project(PAGES)
    if with_layouts:
        (root / "layouts" / "shortcodes").mkdir(parents=True)
        (root / "layouts" / "shortcodes" / "hi.html").write_text("hi", encoding="utf-8")
    loaded = book.load(SiteSource(root=root, content_dir=root / "content"))
    looked_up = []
    real = convert.site_templates
    monkeypatch.setattr(convert, "site_templates", lambda r: looked_up.append(r) or real(r))
    conversion = convert.converted_book(loaded)
    assert len(conversion.converted) >= 4 and not conversion.errors
    assert looked_up == [root]
    one = convert.convert(loaded.pages[0], loaded)  # alone: looked up for it
    assert not one.errors and looked_up == [root, root]
