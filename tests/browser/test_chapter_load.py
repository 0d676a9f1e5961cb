"""Loading the chapter page: what it fetches, the banner the browser picks, and that nothing
moves while it arrives."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hugomat_browser import BANNER, CHAPTER, VIEWPORTS, settle, srcset_candidates, wait_for_banner

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# The book's three banners, one per visual style; each visitor is shown one of them.
BANNER_SOURCES = sorted((ROOT / "static").glob("style_*/banner_images/13_fo.webp"))
# The smallest source: whichever style is shown, its file must weigh less than this.
BANNER_SOURCE = min(BANNER_SOURCES, key=lambda path: path.stat().st_size)
ALL_VIEWPORTS = pytest.mark.parametrize("viewport", list(VIEWPORTS))


@ALL_VIEWPORTS
def test_chapter_loads_without_errors_and_only_from_localhost(visit, viewport):
    chapter = visit(CHAPTER, viewport)
    wait_for_banner(chapter.page)
    settle(chapter.page)
    traffic = chapter.traffic
    assert traffic.requests, "no request was recorded"
    assert chapter.url(CHAPTER) in traffic.requests
    # The search index is fetched by Material's search worker: seeing it proves the worker's
    # requests are recorded too.
    assert any(url.endswith("/search/search_index.json") for url in traffic.requests)
    assert traffic.outside() == [], "requests that leave 127.0.0.1"
    assert traffic.failures == [], "failed requests"
    assert traffic.errors == [], "console errors"


def banner_choice(page) -> dict:
    return page.evaluate(
        """(selector) => {
            const img = document.querySelector(selector);
            const picture = img.closest('picture');
            const sources = picture === null ? [] : [...picture.querySelectorAll('source')];
            return {
                currentSrc: img.currentSrc,
                clientWidth: img.clientWidth,
                devicePixelRatio: window.devicePixelRatio,
                sources: sources.map(s => ({type: s.type, srcset: s.getAttribute('srcset'),
                                            sizes: s.getAttribute('sizes')})),
                imgSrcset: img.getAttribute('srcset'),
            };
        }""", BANNER)


def file_width(page, url: str) -> int:
    """The width in pixels of the picture file at `url` (an Image without srcset, so
    naturalWidth is not divided by a density)."""
    return page.evaluate("""(url) => new Promise((done, fail) => {
        const probe = new Image();
        probe.onload = () => done(probe.naturalWidth);
        probe.onerror = () => fail(new Error('cannot load ' + url));
        probe.src = url;
    })""", url)


@ALL_VIEWPORTS
def test_banner_file_is_the_smallest_variant_that_fills_its_box(visit, viewport):
    chapter = visit(CHAPTER, viewport)
    page = chapter.page
    wait_for_banner(page)
    choice = banner_choice(page)
    chosen = choice["currentSrc"]
    offered = [(source, srcset_candidates(source["srcset"] or "", page.url))
               for source in choice["sources"]]
    matching = [(source, candidates) for source, candidates in offered
                if chosen in [url for url, _ in candidates]]
    assert matching, (
        f"the banner's file {chosen} is not one of a <picture> <source srcset>: the banner "
        f"is not responsive (sources: {choice['sources']}, img srcset: {choice['imgSrcset']})")
    source, candidates = matching[0]
    assert source["sizes"], f"the chosen <source> has no sizes: {source}"
    widths = sorted(width for _, width in candidates)
    chosen_width = dict(candidates)[chosen]
    needed = choice["clientWidth"] * choice["devicePixelRatio"]
    assert choice["clientWidth"] > 0
    assert chosen_width >= needed, (
        f"{chosen} is {chosen_width}w, the box is {choice['clientWidth']} CSS px at "
        f"{choice['devicePixelRatio']}x = {needed} device px: the banner is drawn blurred")
    smaller_sufficient = [w for w in widths if needed <= w < chosen_width]
    assert smaller_sufficient == [], (
        f"{chosen} is {chosen_width}w but {smaller_sufficient} also fill {needed} device px "
        f"(offered: {widths})")
    assert file_width(page, chosen) == chosen_width, "the srcset's width descriptor is wrong"


@ALL_VIEWPORTS
def test_banner_is_the_largest_contentful_paint_and_fetched_first(visit, viewport):
    chapter = visit(CHAPTER, viewport)
    page = chapter.page
    wait_for_banner(page)
    settle(page)
    lcp = page.evaluate(
        """(selector) => new Promise(done => {
            const banner = document.querySelector(selector);
            new PerformanceObserver((list, observer) => {
                const entries = list.getEntries();
                const last = entries[entries.length - 1];
                observer.disconnect();
                done({isBanner: last.element === banner, url: last.url, size: last.size,
                      element: last.element ? last.element.outerHTML.slice(0, 160) : null});
            }).observe({type: 'largest-contentful-paint', buffered: true});
            setTimeout(() => done(null), 5000);
        })""", BANNER)
    assert lcp is not None, "no largest-contentful-paint entry was reported"
    assert lcp["isBanner"], f"the largest contentful paint is not the banner but {lcp}"
    assert page.get_attribute(BANNER, "fetchpriority") == "high"
    assert page.get_attribute(BANNER, "loading") in (None, "eager")


@ALL_VIEWPORTS
def test_banner_transfers_fewer_bytes_than_its_source_file(visit, viewport):
    chapter = visit(CHAPTER, viewport)
    page = chapter.page
    wait_for_banner(page)
    timing = page.evaluate(
        """(selector) => {
            const url = document.querySelector(selector).currentSrc;
            const entry = performance.getEntriesByName(url, 'resource')[0];
            return {url, encodedBodySize: entry ? entry.encodedBodySize : null};
        }""", BANNER)
    assert timing["encodedBodySize"] is not None, f"no resource timing for {timing['url']}"
    # One file of the banner is fetched, not also the <img>'s fallback or a second size.
    banner_files = [url for url in chapter.traffic.requests
                    if BANNER_SOURCE.stem in urlsplit(url).path]
    assert banner_files == [timing["url"]]
    source_bytes = BANNER_SOURCE.stat().st_size
    assert 0 < timing["encodedBodySize"] < source_bytes, (
        f"{timing['url']} transferred {timing['encodedBodySize']} bytes, the source file "
        f"{BANNER_SOURCE.name} has {source_bytes}")


@ALL_VIEWPORTS
def test_nothing_moves_while_the_page_and_its_banner_load(visit, slow_pictures_url, viewport):
    # The pictures are held back by the server, so the text is drawn before the banner comes:
    # only a box reserved for the banner keeps it from being pushed down.
    chapter = visit(CHAPTER, viewport, base=slow_pictures_url)
    page = chapter.page
    wait_for_banner(page)
    settle(page)
    shifts = page.evaluate(
        """() => new Promise(done => {
            const describe = node => node ? (node.nodeName + (node.className
                ? '.' + String(node.className).split(' ').join('.') : '')) : '?';
            new PerformanceObserver((list, observer) => {
                observer.disconnect();
                done(list.getEntries().map(e => ({
                    value: e.value, hadRecentInput: e.hadRecentInput,
                    sources: e.sources.map(s => describe(s.node) + ' '
                        + JSON.stringify(s.previousRect) + ' -> '
                        + JSON.stringify(s.currentRect)),
                })));
            }).observe({type: 'layout-shift', buffered: true});
            setTimeout(() => done([]), 1000);
        })""")
    counted = [shift for shift in shifts if not shift["hadRecentInput"]]
    assert sum(shift["value"] for shift in counted) == 0, counted
