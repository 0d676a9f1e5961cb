"""Building the real book: the chapter page as a reader gets it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hugomat.adapter import build as builder

ROOT = Path(__file__).resolve().parent.parent


class Outline(HTMLParser):
    """The parts of a page the tests look at: article headings, details, images, nav links."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text_of: str | None = None
        self.buffer = ""
        self.headings: list[tuple[str, str]] = []
        self.summaries: list[str] = []
        self.details: list[dict[str, str | None]] = []
        self.images: list[dict[str, str | None]] = []
        self.links: list[tuple[str, str]] = []
        self.in_article = 0
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if self.in_article and tag in ("h1", "h2", "summary"):
            self.text_of, self.buffer = tag, ""
        if self.in_article and tag == "details":
            self.details.append(attributes)
        if tag == "img":
            self.images.append(attributes)
        if tag == "a":
            self.href, self.buffer_a = attributes.get("href"), ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1
        if tag == self.text_of:
            text = " ".join(self.buffer.split()).replace("¶", "").strip()
            if tag == "summary":
                self.summaries.append(text)
            else:
                self.headings.append((tag, text))
            self.text_of = None
        if tag == "a" and self.href is not None:
            self.links.append((self.href, " ".join(self.buffer_a.split())))
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.text_of:
            self.buffer += data
        if self.href is not None:
            self.buffer_a += data


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "site"
    config = builder.load(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(out))
    return builder.build(config)


def test_chapter_headings_in_order(site: Path):
    page = outline(site / "docs" / "13_flames_on" / "index.html")
    assert page.headings == [
        ("h1", "Flames On"),
        ("h2", "A Taste"),
        ("h2", "The World Learns What’s Possible"),
        ("h2", "Meanwhile, in OSS"),
    ]


def test_chapter_details_block_is_closed_with_its_summary(site: Path):
    page = outline(site / "docs" / "13_flames_on" / "index.html")
    assert page.summaries == ["What is an MMDiT?"]
    assert len(page.details) == 1 and "open" not in page.details[0]


def test_chapter_banner_is_one_of_the_books_three_styles_with_size_and_alt(site: Path):
    page = outline(site / "docs" / "13_flames_on" / "index.html")
    banners = [i for i in page.images if "13_fo" in (i.get("src") or "")]
    # The picture set: the first style for readers without JavaScript, then one inert
    # template per style (static/style_1/, style_2/, style_3/, as path_map lists them).
    assert len(banners) == 4 and banners[0] == banners[1]
    assert len({banner["src"] for banner in banners}) == 3
    for style, banner in enumerate(banners[1:], start=1):
        assert banner["width"] == "2464" and banner["height"] == "1856"
        assert banner["alt"] == "13 – Flames On"
        assert banner.get("fetchpriority") == "high" and "loading" not in banner
        # The <img> is the fallback for browsers without AVIF or WebP: a JPEG variant.
        target = (site / "docs" / "13_flames_on" / banner["src"]).resolve()
        assert target.suffix == ".jpg" and target.is_file()
        source = ROOT / "static" / f"style_{style}" / "banner_images" / "13_fo.webp"
        assert target.stat().st_size < source.stat().st_size


def test_chapter_banner_is_a_responsive_picture_with_a_placeholder(site: Path):
    html = (site / "docs" / "13_flames_on" / "index.html").read_text("utf-8")
    figure = html[html.index('<figure class="hugomat-banner">'):html.index("</figure>")]
    assert '<span class="hugomat-sets" data-hugomat-sets="&quot;_din_style&quot;">' in figure
    sources = re.findall(r'<source type="([^"]+)" srcset="([^"]+)" sizes="([^"]+)">', figure)
    assert [kind for kind, _, _ in sources] == ["image/avif", "image/webp"] * 4
    for _, srcset, sizes in sources:
        widths = [int(entry.rsplit(" ", 1)[1][:-1]) for entry in srcset.split(", ")]
        assert widths == [480, 960, 1600, 2400]
        for entry in srcset.split(", "):
            assert (site / "docs" / "13_flames_on" / entry.rsplit(" ", 1)[0]).is_file()
        assert sizes.endswith("calc(100vw - 32px)") and "(min-width: 76.25em) 688px" in sizes
    placeholders = re.findall(r"background-image:url\((data:image/webp;base64,[^)]+)\)", figure)
    assert placeholders and all(len(p) < 1000 for p in placeholders)


def test_chapter_has_a_link_preview_cut_from_its_banner(site: Path):
    html = (site / "docs" / "13_flames_on" / "index.html").read_text("utf-8")
    meta = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" '
                           r'content="([^"]*)">', html))
    assert meta["og:title"] == "13 – Flames On" and meta["og:type"] == "article"
    assert meta["og:image:width"] == "1200" and meta["og:image:height"] == "630"
    assert meta["og:image:alt"] == "13 – Flames On" and meta["og:description"]
    assert meta["twitter:card"] == "summary_large_image"
    card = (site / "docs" / "13_flames_on" / meta["og:image"]).resolve()
    assert card.suffix == ".jpg" and card.is_file()


def test_chapter_is_in_the_navigation(site: Path):
    page = outline(site / "index.html")
    assert ("docs/13_flames_on/", "13 – Flames On") in page.links


def test_home_page_links_to_the_chapter_and_credits_the_book(site: Path):
    html = (site / "index.html").read_text(encoding="utf-8")
    article = " ".join(html[html.index("<article"):html.index("</article>")].split())
    assert 'href="docs/13_flames_on/"' in article
    assert "Radient Institute" in article and "CC BY 4.0" in article
    footer = " ".join(html[html.index("<footer"):].split())
    assert "Radient Institute" in footer and "CC BY 4.0" in footer


def test_no_raw_shortcode_anywhere_in_the_site(site: Path):
    offenders = [str(p.relative_to(site)) for p in site.rglob("*")
                 if p.suffix in (".html", ".json", ".xml") and "{{" in p.read_text("utf-8")]
    assert offenders == []


def test_pages_say_their_language_and_load_no_google_fonts(site: Path):
    html = (site / "docs" / "13_flames_on" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="en"', html)
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_plain_mkdocs_build_works_with_the_plugin(tmp_path: Path):
    out = tmp_path / "plain"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(out)],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    page = outline(out / "docs" / "13_flames_on" / "index.html")
    assert ("h1", "Flames On") in page.headings and page.summaries == ["What is an MMDiT?"]
