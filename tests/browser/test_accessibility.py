"""axe-core on the home page and the chapter, in both palettes, at the phone and the desktop;
and a screenshot of the chapter per viewport and palette, for a person to look at."""

from __future__ import annotations

import struct

import pytest
from hugomat_browser import (
    BANNER,
    CHAPTER,
    SCHEMES,
    VIEWPORTS,
    choose_palette,
    palette_state,
    settle,
    wait_for_banner,
)

pytestmark = pytest.mark.browser

PAGES = {"home": "", "chapter": CHAPTER}

# Violations in Material for MkDocs' own markup and stylesheet, which this site does not write.
# Each is (axe rule, CSS selector the element must match): why it is not ours.
MATERIAL_EXCEPTIONS = {
    ("aria-dialog-name", "div.md-search[role=dialog]"):
        "Material's partials/search.html gives the search overlay role=\"dialog\" without "
        "aria-label or aria-labelledby",
    ("color-contrast", "footer .md-copyright"):
        "Material's footer draws .md-copyright in --md-footer-fg-color--lighter (white at 45%) "
        "on --md-footer-bg-color--dark, 4.47:1 for 12.8 px text in the light scheme; both "
        "colours are Material's defaults, not this site's palette",
}

AXE_RUN = """async (exceptions) => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    const problems = [];
    for (const violation of result.violations) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        for (const node of violation.nodes) {
            const element = node.target.length === 1
                ? document.querySelector(node.target[0]) : null;
            const excused = exceptions.some(([rule, selector]) =>
                rule === violation.id && element !== null && element.matches(selector));
            if (excused) continue;
            problems.push(violation.id + ' (' + violation.impact + ') ' + node.target.join(' ')
                + '\\n    ' + node.html.slice(0, 200)
                + '\\n    ' + node.failureSummary.replace(/\\n/g, '\\n    '));
        }
    }
    return problems;
}"""


@pytest.mark.parametrize("viewport", ["phone", "desktop-1x"])
@pytest.mark.parametrize("palette", list(SCHEMES))
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violations(visit, axe_script, name, palette,
                                                     viewport):
    page = visit(PAGES[name], viewport, color_scheme=palette).page
    choose_palette(page, palette)
    assert palette_state(page) == (palette, SCHEMES[palette])
    if name == "chapter":
        wait_for_banner(page)
    settle(page)
    page.add_script_tag(path=str(axe_script))
    problems = page.evaluate(AXE_RUN, [list(key) for key in MATERIAL_EXCEPTIONS])
    assert problems == [], "\n" + "\n".join(problems)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("palette", list(SCHEMES))
def test_screenshot_of_the_chapter(visit, screenshot_dir, palette, viewport):
    page = visit(CHAPTER, viewport, color_scheme=palette).page
    choose_palette(page, palette)
    wait_for_banner(page)
    settle(page)
    path = screenshot_dir / f"chapter-{viewport}-{palette}.png"
    page.screenshot(path=str(path), full_page=True)
    ratio = VIEWPORTS[viewport]["device_scale_factor"]
    width, height = png_size(path.read_bytes())
    assert width == VIEWPORTS[viewport]["viewport"]["width"] * ratio
    assert height >= VIEWPORTS[viewport]["viewport"]["height"] * ratio
    # What the screenshot shows: the banner drawn (not an empty box), the page in its palette.
    from PIL import Image, ImageStat

    box = page.locator(BANNER).bounding_box()
    assert box is not None
    scroll = page.evaluate("[window.scrollX, window.scrollY]")
    with Image.open(path) as shot:
        banner = shot.convert("L").crop(tuple(round(v * ratio) for v in (
            box["x"] + scroll[0], box["y"] + scroll[1],
            box["x"] + scroll[0] + box["width"], box["y"] + scroll[1] + box["height"])))
        page_grey = ImageStat.Stat(shot.convert("L")).median[0]
    assert ImageStat.Stat(banner).stddev[0] > 20, "the banner looks empty in the screenshot"
    if palette == "dark":
        assert page_grey < 100, f"the page is not dark (median grey {page_grey})"
    else:
        assert page_grey > 155, f"the page is not light (median grey {page_grey})"
