"""Picture sets in a browser: the set is chosen while the page is parsed, by the picker inlined
in <head>, not after the page's scripts have loaded; one set per visitor, on every page."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from conftest import QuietHandler, serve

pytestmark = pytest.mark.browser

CONFIG = """\
site_name: Sets
docs_dir: content
theme:
  name: material
  font: false
  features: [navigation.instant]
plugins:
  - search
  - hugomat:
      asset_dirs: [static]
      pictures:
        path_map: {_style: [style_1, style_2, style_3]}
"""
COLOURS = {1: (200, 30, 30), 2: (30, 200, 30), 3: (30, 30, 200)}


class SlowStylesHandler(QuietHandler):
    """Holds the style sheets back, as a slow network does: scripts after them wait."""

    def do_GET(self) -> None:
        if self.path.split("?")[0].endswith(".css"):
            threading.Event().wait(1.5)
        super().do_GET()


@pytest.fixture(scope="module")
def sets_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from hugomat.adapter import build as builder

    root = tmp_path_factory.mktemp("sets-book")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for name in ("a", "b"):
        page = root / "content" / "docs" / f"{name}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\ntitle: {name.upper()}\nimage: _style/banners/{name}.png\n---\n\n"
                        f"Text of {name}. See [the other page](../{'b' if name == 'a' else 'a'}/)"
                        ".\n", encoding="utf-8")
        for number, colour in COLOURS.items():
            picture = root / "static" / f"style_{number}" / "banners" / f"{name}.png"
            picture.parent.mkdir(parents=True, exist_ok=True)
            # Portrait in one set: the holder must not assume the sets share a shape.
            size = (300, 400) if number == 3 else (400, 300)
            Image.new("RGB", size, colour).save(picture)
    (root / "content" / "_index.md").write_text("---\ntitle: Home\n---\nHome.\n")
    config = builder.load(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    return builder.build(config)


@pytest.fixture(scope="module")
def sets_site(sets_folder: Path) -> Iterator[str]:
    yield from serve(sets_folder, QuietHandler)


@pytest.fixture(scope="module")
def slow_styles_site(sets_folder: Path) -> Iterator[str]:
    yield from serve(sets_folder, SlowStylesHandler)


def shown(page) -> str | None:
    return page.locator(".hugomat-sets").first.get_attribute("data-hugomat-shown")


def test_the_set_is_chosen_while_the_page_is_parsed(browser, sets_site):
    context = browser.new_context()
    page = context.new_page()
    # Without the page's deferred scripts (hugomat-sets.js among them) the inline picker
    # alone must fill the holder.
    page.route("**/*.js", lambda route: route.abort())
    try:
        page.goto(sets_site + "docs/a/", wait_until="domcontentloaded")
        index = shown(page)
        assert index in {"0", "1", "2"}
        banner = page.locator(".hugomat-sets > picture img, .hugomat-sets > img").first
        banner.wait_for(state="visible")
        assert page.evaluate("el => el.complete && el.naturalWidth > 0",
                             banner.element_handle())
        # Only the chosen set's picture was placed in the page.
        assert page.locator(".hugomat-sets img:not(noscript img)").count() == 1
    finally:
        context.close()


def test_one_set_per_visitor_on_every_page(browser, sets_site):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(sets_site + "docs/a/")
        first = shown(page)
        page.goto(sets_site + "docs/b/")
        assert shown(page) == first
        # Material's instant navigation swaps the page in without a reload.
        page.goto(sets_site + "docs/a/")
        page.locator("article a[href*='/b/'], article a[href^='../b/']").first.click()
        page.wait_for_url("**/docs/b/")
        page.locator(".hugomat-sets[data-hugomat-shown]").first.wait_for()
        assert shown(page) == first
        assert page.locator(".hugomat-sets img:not(noscript img)").count() == 1
    finally:
        context.close()


def test_without_javascript_the_first_set_is_shown(browser, sets_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(sets_site + "docs/a/")
        image = page.locator(".hugomat-sets noscript img, .hugomat-sets picture img").first
        image.wait_for(state="visible")
        # The first set is style_1's, the red one: sample the drawn banner's colour.
        source = page.evaluate("el => el.currentSrc", image.element_handle())
        assert source and shown(page) is None
        body = page.request.get(source).body()
        colour = Image.open(BytesIO(body)).convert("RGB").getpixel((5, 5))
        assert colour[0] > 150 and colour[1] < 80 and colour[2] < 80, colour
    finally:
        context.close()


def test_the_chosen_banner_is_requested_before_the_style_sheets_arrive(browser, slow_styles_site):
    """Scripts after a style sheet wait for it; the banner's request must not: the head
    preloads the visitor's set before the style sheets."""
    context = browser.new_context()
    page = context.new_page()
    requested: dict[str, float] = {}
    page.on("request", lambda request: requested.setdefault(request.url, time.monotonic()))
    finished: dict[str, float] = {}
    page.on("requestfinished",
            lambda request: finished.setdefault(request.url, time.monotonic()))
    try:
        page.goto(slow_styles_site + "docs/a/")
        page.locator(".hugomat-sets[data-hugomat-shown]").first.wait_for()
        banner = page.locator(".hugomat-sets > picture img").first
        banner.wait_for(state="visible")
        source = page.evaluate("el => el.currentSrc", banner.element_handle())
        styles = [url for url in finished if url.endswith(".css")]
        assert styles and source in requested
        assert requested[source] < min(finished[url] for url in styles) - 0.5
        # The preloaded picture is the one drawn: one picture of one set is fetched.
        pictures = [url for url in requested if "/assets/images/" in url
                    and not url.endswith("favicon.png")]
        assert pictures == [source]
    finally:
        context.close()
