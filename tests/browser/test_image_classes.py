"""A site's style hook sizes and places the `image` shortcode's picture in the text's column,
as on the Hugo site: `img-medium img-center` is at most 500 px wide and centred, `img-right`
floats right (assets/_custom.scss written for hugo-book's `.markdown .book-image img`)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image

from conftest import QuietHandler, serve
from site_configs import MINIMAL_MKDOCS_YML

pytestmark = pytest.mark.browser

CUSTOM = """\
.markdown .book-image img {
  &.img-medium { max-width: 500px; }
  &.img-center { display: block; margin: 0 auto; }
  &.img-right { float: right; }
}
"""


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def pictures_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from hugomat.adapter import build as builder

    root = tmp_path_factory.mktemp("pictures-book")
    (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML, encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "_custom.scss").write_text(CUSTOM, encoding="utf-8")
    (root / "static").mkdir()
    (root / "static" / "wide.png").write_bytes(_png(1200, 600))
    (root / "static" / "small.png").write_bytes(_png(200, 100))
    page = root / "content" / "docs" / "pictures.md"
    page.parent.mkdir(parents=True)
    page.write_text('---\ntitle: Pictures\n---\nText before.\n\n'
                    '{{< image src="/wide.png" alt="Wide" class="img-medium img-center" >}}\n\n'
                    '{{< image src="/small.png" alt="Small" class="img-right" >}}\n\n'
                    "Text after.\n", encoding="utf-8")
    (root / "content" / "_index.md").write_text("---\ntitle: Home\n---\nHome.\n")
    config = builder.load(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    yield from serve(builder.build(config), QuietHandler)


def test_the_sites_image_classes_size_and_place_the_picture(browser, pictures_site):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(pictures_site + "docs/pictures/", wait_until="networkidle")
        column = page.locator("article.md-content__inner").bounding_box()
        wide = page.locator('img[alt="Wide"]').first.bounding_box()
        small = page.locator('img[alt="Small"]').first.bounding_box()
    finally:
        page.close()
    assert column is not None and wide is not None and small is not None
    assert wide["width"] == 500
    middle = column["x"] + column["width"] / 2
    assert abs(wide["x"] + wide["width"] / 2 - middle) <= 1
    assert abs(small["x"] + small["width"] - (column["x"] + column["width"])) <= 1
