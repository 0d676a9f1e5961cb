"""Hugo's youtube and vimeo shortcodes in a browser: nothing is asked of the video's site
until the reader clicks; the click makes the player; without scripts the link leads there."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from conftest import QuietHandler, serve

pytestmark = pytest.mark.browser

CONFIG = """\
site_name: Videos
docs_dir: content
theme:
  name: material
  font: false
  features: [navigation.instant]
plugins:
  - search
  - hugomat
"""


@pytest.fixture(scope="module")
def video_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from hugomat.adapter import build as builder

    root = tmp_path_factory.mktemp("video-book")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    page = root / "content" / "docs" / "talks.md"
    page.parent.mkdir(parents=True)
    page.write_text('---\ntitle: Talks\n---\n\n{{< youtube id="0RKpf3rK57I" title="A talk" '
                    "start=30 >}}\n\n{{< vimeo 19899678 >}}\n", encoding="utf-8")
    (root / "content" / "_index.md").write_text("---\ntitle: Home\n---\nHome.\n")
    config = builder.load(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    yield from serve(builder.build(config), QuietHandler)


def test_the_player_comes_only_on_click(browser, video_site):
    context = browser.new_context()
    outside: list[str] = []

    def refuse(route) -> None:
        outside.append(route.request.url)
        route.abort()

    context.route(lambda url: urlsplit(url).hostname not in ("127.0.0.1", None), refuse)
    page = context.new_page()
    try:
        page.goto(video_site + "docs/talks/", wait_until="networkidle")
        assert outside == [] and page.locator("iframe").count() == 0
        link = page.locator(".hugomat-video__link").first
        assert link.inner_text().startswith("A talk")
        link.click()
        frame = page.locator(".hugomat-video iframe").first
        frame.wait_for(state="attached")
        assert frame.get_attribute("src") == ("https://www.youtube-nocookie.com/embed/"
                                              "0RKpf3rK57I?autoplay=1&start=30")
        assert frame.get_attribute("title") == "A talk"
        # The first request to another origin is the player's, after the click; the other
        # video stays a link.
        page.wait_for_timeout(200)
        assert outside and all("youtube-nocookie.com" in url for url in outside)
        assert page.url.endswith("/docs/talks/")
        assert page.locator(".hugomat-video__link").count() == 1
    finally:
        context.close()


def test_without_javascript_the_link_leads_to_the_video(browser, video_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(video_site + "docs/talks/")
        links = page.locator(".hugomat-video__link")
        assert links.nth(0).get_attribute("href") == ("https://www.youtube.com/watch?"
                                                      "v=0RKpf3rK57I&t=30s")
        assert links.nth(1).get_attribute("href") == "https://vimeo.com/19899678"
        assert links.nth(1).is_visible()
    finally:
        context.close()
