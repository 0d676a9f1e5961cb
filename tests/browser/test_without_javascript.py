"""The book with JavaScript turned off: text, banner, the details block and the navigation."""

from __future__ import annotations

import re

import pytest
from hugomat_browser import BANNER, CHAPTER, DETAILS_SUMMARY, VIEWPORTS, wait_for_banner

pytestmark = pytest.mark.browser

ALL_VIEWPORTS = pytest.mark.parametrize("viewport", list(VIEWPORTS))


def open_navigation(page) -> None:
    """On a phone the navigation is a drawer, opened by the header's menu button (a label for
    a checkbox: no script needed)."""
    button = page.locator('label.md-header__button[for="__drawer"]')
    if button.is_visible():
        button.click()


@ALL_VIEWPORTS
def test_without_javascript_the_navigation_leads_to_the_chapter(visit, viewport):
    home = visit("", viewport, javascript=False)
    page = home.page
    assert page.evaluate("typeof document$") == "undefined", "Material's script ran"
    open_navigation(page)
    link = page.locator(".md-nav--primary a.md-nav__link", has_text="13 – Flames On").first
    assert link.is_visible()
    link.click()
    page.wait_for_url(re.compile(r"/docs/13_flames_on/$"))
    assert page.locator("article h1").inner_text().strip().rstrip("¶").strip() == "Flames On"
    # Every page the navigation names is there.
    hrefs = {page.evaluate("(a) => a.href", a) for a in
             page.locator(".md-nav--primary a[href]").element_handles()}
    pages = sorted(href.split("#")[0] for href in hrefs if href.split("#")[0])
    assert pages
    for href in pages:
        assert home.page.request.get(href).status == 200, href
    assert home.traffic.outside() == []


@ALL_VIEWPORTS
def test_without_javascript_the_chapter_reads_and_its_details_open(visit, viewport):
    chapter = visit(CHAPTER, viewport, javascript=False)
    page = chapter.page
    text = page.get_by_text("Google was the first to let us actually try", exact=False)
    assert text.is_visible()
    wait_for_banner(page)
    assert page.eval_on_selector(BANNER, "(img) => img.naturalWidth") > 0
    assert page.locator(BANNER).is_visible()
    details = page.locator("article details", has=page.get_by_text(DETAILS_SUMMARY, exact=True))
    inside = details.get_by_text("communicate through joint attention")
    assert not inside.is_visible()
    details.locator("summary").click()
    assert inside.is_visible()
    assert chapter.traffic.failures == [] and chapter.traffic.outside() == []
