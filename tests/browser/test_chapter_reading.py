"""Reading the chapter: the "What is an MMDiT?" block, search, and the light/dark toggle."""

from __future__ import annotations

import re

import pytest
from hugomat_browser import (
    CHAPTER,
    DETAILS_SUMMARY,
    SCHEMES,
    VIEWPORTS,
    click_palette_toggle,
    open_search,
    palette_state,
)

pytestmark = pytest.mark.browser

ALL_VIEWPORTS = pytest.mark.parametrize("viewport", list(VIEWPORTS))
DETAILS_TEXT = "communicate through joint attention"
MAX_TABS = 200


def details_parts(page):
    details = page.locator("article details", has=page.get_by_text(DETAILS_SUMMARY, exact=True))
    assert details.count() == 1, "the chapter has no single 'What is an MMDiT?' block"
    return details, details.locator("summary"), details.get_by_text(DETAILS_TEXT)


def tab_to(page, target) -> int:
    """Press Tab until `target` has the focus, as a keyboard user does; the presses taken."""
    handle = target.element_handle()
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(element) => document.activeElement === element", handle):
            return presses
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {target}")


@ALL_VIEWPORTS
@pytest.mark.parametrize("how", ["click", "Enter", "Space"])
def test_details_block_starts_closed_and_opens(visit, viewport, how):
    # Each way of opening it gets a fresh page.
    page = visit(CHAPTER, viewport).page
    details, summary, text = details_parts(page)
    assert details.evaluate("(element) => element.open") is False
    assert summary.is_visible()
    assert not text.is_visible(), "the block's text shows before it is opened"
    if how == "click":
        summary.click()
    else:
        tab_to(page, summary)
        page.keyboard.press(how)
    assert details.evaluate("(element) => element.open") is True
    assert text.is_visible()
    box = text.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0


@ALL_VIEWPORTS
def test_search_for_mmdit_lists_the_chapter_and_leads_to_the_passage(visit, viewport):
    chapter = visit(CHAPTER, viewport)
    page = chapter.page
    open_search(page)
    page.locator(".md-search__input").press_sequentially("MMDiT")
    results = page.locator(".md-search-result__link")
    results.first.wait_for()
    hrefs = [link.get_attribute("href") or "" for link in results.all()]
    assert any("/docs/13_flames_on/" in href for href in hrefs), hrefs
    # The result whose excerpt shows the word found, not the page's bare title.
    passage = page.locator(".md-search-result__link",
                           has=page.locator("mark", has_text=re.compile("mmdit", re.I))).first
    assert passage.count() == 1, f"no result marks MMDiT: {hrefs}"
    passage.click()
    page.wait_for_url(re.compile(r"/docs/13_flames_on/"))
    assert "/docs/13_flames_on/" in page.url
    # Material marks the words searched for on the page it opens and scrolls to the section.
    marks = page.locator("article mark", has_text=re.compile("mmdit", re.I))
    marks.first.wait_for()
    in_view = page.evaluate(
        """() => [...document.querySelectorAll('article mark')]
            .filter(mark => /mmdit/i.test(mark.textContent))
            .map(mark => mark.getBoundingClientRect())
            .filter(r => r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight)
            .length""")
    assert in_view > 0, "no highlighted MMDiT is on screen after following the result"


@ALL_VIEWPORTS
def test_palette_toggle_goes_through_three_entries_and_remembers_the_choice(visit, viewport):
    # The system prefers dark, so choosing light is seen to override it, also after a reload.
    chapter = visit(CHAPTER, viewport, color_scheme="dark")
    page = chapter.page
    assert palette_state(page) == ("system", SCHEMES["dark"])
    seen = [click_palette_toggle(page) for _ in range(3)]
    assert seen == [
        ("light", SCHEMES["light"]),
        ("dark", SCHEMES["dark"]),
        ("system", SCHEMES["dark"]),
    ]
    assert click_palette_toggle(page) == ("light", SCHEMES["light"])
    chapter.reload()
    assert palette_state(page) == ("light", SCHEMES["light"])
    # And drawn so: the page's background is light although the system prefers dark.
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert luminance(background) > 0.5, background
    assert click_palette_toggle(page) == ("dark", SCHEMES["dark"])
    chapter.reload()
    assert palette_state(page) == ("dark", SCHEMES["dark"])
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert luminance(background) < 0.5, background


def luminance(css_color: str) -> float:
    """0 (black) to 1 (white), from a computed 'rgb(r, g, b)' or 'rgba(...)' colour."""
    channels = [float(c) for c in re.findall(r"[\d.]+", css_color)[:3]]
    assert len(channels) == 3, css_color
    red, green, blue = (c / 255 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
