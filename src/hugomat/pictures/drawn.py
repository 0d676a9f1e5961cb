"""Pictures drawn on pages: a reference in content to the HTML a reader's browser gets.

ResponsivePictures plans each picture's variants while pages are converted (names only; no
pixel is touched), the plugin encodes what the cache lacks in one parallel batch, then fills
in the banners' placeholders. OriginalPictures copies each file as it is (`hugomat check`,
`pictures: {enabled: false}`).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hugomat.errors import Location
from hugomat.pictures import (
    PicturePlan,
    PictureSettings,
    VariantCache,
    column_sizes,
    content_sizes,
    lookup,
    picture_html,
    plan,
    plan_social_card,
)
from hugomat.pictures.made import MadePicture, SocialCard
from hugomat.read.book import relative_url

# Stands in a page's Markdown for a banner's placeholder until it is encoded.
PLACEHOLDER_TOKEN = "hugomat-placeholder:"


class OriginalPictures:
    """Draws each picture from its original file, copied into the site as it is."""

    def __init__(self, roots: tuple[Path, ...], display: Callable[[Path], str] = str,
                 path_map: dict[str, str | list[str]] | None = None) -> None:
        self.roots = roots
        self.display = display
        self.path_map = path_map or {}
        self._found: dict[str, lookup.Picture] = {}

    def find(self, ref: str, at: Location) -> lookup.Picture:
        """The picture `ref` names (looked up once a build: a banner is on many pages)."""
        found = self._found.get(ref)
        if found is None:
            found = self._found[ref] = lookup.find(ref, self.roots, at, self.display)
        return found

    def html(self, ref: str, at: Location, *, page_url: str, alt: str, title: str | None = None,
             priority: bool = False, css_class: str | None = None,
             toc: bool = True) -> MadePicture:
        if lookup.is_remote(ref):
            # A picture on another site is linked as it is, never fetched.
            return MadePicture(_img(ref, alt=alt, title=title, priority=priority), {})
        folder, sets = mapped(ref, self.path_map)
        made = [self.one(r, at, page_url=page_url, alt=alt, title=title, priority=priority,
                         css_class=css_class, toc=toc) for r in sets]
        files: dict[str, Path] = {}
        for one in made:
            files.update(one.files)
        if folder is None or len(made) == 1:
            return MadePicture(made[0].html, files)
        return MadePicture(picture_sets(folder, [m.html for m in made]), files)

    def one(self, ref: str, at: Location, *, page_url: str, alt: str, title: str | None,
            priority: bool, css_class: str | None, toc: bool) -> MadePicture:
        picture = self.find(ref, at)
        return MadePicture(self.original(picture, page_url, alt, title, priority, css_class),
                           {picture.site_path: picture.path})

    @staticmethod
    def original(picture: lookup.Picture, page_url: str, alt: str, title: str | None,
                 priority: bool, css_class: str | None) -> str:
        size = (picture.width, picture.height) if picture.width and picture.height else None
        tag = _img(relative_url(picture.site_path, page_url), alt=alt, title=title,
                   priority=priority, size=size)
        if css_class:
            tag = f'<span class="{html.escape(css_class)}">{tag}</span>'
        return tag

    def social_card(self, ref: str, at: Location, alt: str) -> SocialCard | None:
        return None


class ResponsivePictures(OriginalPictures):
    """Draws each picture as a <picture> of AVIF and WebP variants sized for the column."""

    def __init__(self, roots: tuple[Path, ...], cache: VariantCache,
                 settings: PictureSettings | None = None,
                 display: Callable[[Path], str] = str,
                 path_map: dict[str, str | list[str]] | None = None) -> None:
        super().__init__(roots, display, path_map)
        self.cache = cache
        self.settings = settings or PictureSettings()
        self.root_prefix = ""
        """Written before each variant's URL: `../` in a language under `/es/`, whose variants
        are the default language's files (a reader who switches language downloads none
        again)."""
        self.plans: dict[Path, PicturePlan] = {}
        self.cards: dict[Path, PicturePlan] = {}

    def one(self, ref: str, at: Location, *, page_url: str, alt: str, title: str | None,
            priority: bool, css_class: str | None, toc: bool) -> MadePicture:
        picture = self.find(ref, at)
        if lookup.is_vector(picture.path):
            return MadePicture(self.original(picture, page_url, alt, title, priority,
                                             css_class), {picture.site_path: picture.path})
        planned = self.plans.get(picture.path)
        if planned is None:
            planned = self.plans[picture.path] = plan(picture, self.settings, at=at)
        # The banner spans the column; a picture in the text is drawn at most its own width.
        sizes = column_sizes(toc=toc) if priority else content_sizes(planned.width, toc=toc)
        placeholder = None
        if priority and planned.placeholder is not None:
            placeholder = PLACEHOLDER_TOKEN + planned.placeholder.name
        def url_of(path: str) -> str:
            return self.root_prefix + relative_url(path, page_url)

        markup = picture_html(planned, url_of, alt, sizes, priority=priority,
                              placeholder=placeholder, css_class=css_class)
        if title:
            markup = markup.replace("<img ", f'<img title="{html.escape(title)}" ', 1)
        # The variants join the site once encoded (site_files), so none is listed here.
        return MadePicture(markup, {})

    def social_card(self, ref: str, at: Location, alt: str) -> SocialCard | None:
        if lookup.is_remote(ref):
            return None
        picture = self.find(mapped(ref, self.path_map)[1][0], at)
        if lookup.is_vector(picture.path):
            return None
        card = self.cards.get(picture.path)
        if card is None:
            card = plan_social_card(picture, self.settings, at=at)
            if card is None:
                return None
            self.cards[picture.path] = card
        variant = card.variants[0]
        assert variant.site_path is not None
        return SocialCard(variant.site_path, variant.width, variant.height, alt)

    def all_plans(self) -> list[PicturePlan]:
        return [*self.plans.values(), *self.cards.values()]

    def site_files(self) -> dict[str, Path]:
        """The encoded variants of every picture drawn in this build, and nothing else."""
        return self.cache.site_files(self.all_plans())

    def variant_files(self) -> dict[str, Path]:
        """The variants pages draw (site_files without the link previews' cards)."""
        return self.cache.site_files(self.plans.values())

    def card_files(self) -> dict[str, Path]:
        """The link previews' cards, which stay in each language's own folder."""
        return self.cache.site_files(self.cards.values())

    def fill_placeholders(self, markdown: str) -> str:
        """A page's Markdown with each banner placeholder token replaced by its data URI."""
        if PLACEHOLDER_TOKEN not in markdown:
            return markdown
        for planned in self.plans.values():
            if planned.placeholder is None:
                continue
            token = PLACEHOLDER_TOKEN + planned.placeholder.name
            if token in markdown:
                markdown = markdown.replace(token, self.cache.placeholder(planned) or "")
        return markdown


def mapped(ref: str, path_map: dict[str, str | list[str]]) -> tuple[str | None, list[str]]:
    """The folder of `ref` that path_map names (None if none), and the picture paths the
    reference stands for: the folder replaced by its target, or by each of a list of targets
    (sets a visitor chooses between)."""
    parts = ref.strip().lstrip("/").split("/")
    for index, part in enumerate(parts[:-1]):
        if part in path_map:
            targets = path_map[part]
            choices = [targets] if isinstance(targets, str) else list(targets)
            return part, [posixpath.join(*parts[:index], target, *parts[index + 1:])
                          for target in choices]
    return None, [ref]


# Right after a holder: the picker inlined in <head> (hugomat-sets-picker.js) fills it while the
# page is parsed, so the chosen picture is requested at once. Nothing Python-Markdown would read
# as Markdown or as an entity: it may stand inside a paragraph.
SETS_CALL = ("<script>if(window.hugomatSets)"
             "hugomatSets(document.currentScript.previousElementSibling)</script>")


def picture_sets(folder: str, pictures: list[str]) -> str:
    """One picture of several sets, picked once per visitor and remembered for every page;
    without JavaScript the first set's is shown. The templates are inert: only the chosen
    picture is downloaded."""
    templates = "".join(f"<template>{markup}</template>" for markup in pictures)
    key = html.escape(json.dumps(folder), quote=True)
    return (f'<span class="hugomat-sets" data-hugomat-sets="{key}">'
            f"<noscript>{pictures[0]}</noscript>{templates}</span>{SETS_CALL}")


# A banner of several sets, as banner_html(picture_sets(...)) and picture_html write it.
_SETS_BANNER = re.compile(r'<figure class="hugomat-banner"><span class="hugomat-sets" '
                          r'data-hugomat-sets="([^"]*)">')
_TEMPLATE = re.compile(r"<template>(.*?)</template>", re.DOTALL)
_FIRST_SOURCE = re.compile(r'<source type="([^"]+)" srcset="([^"]*)" sizes="([^"]*)">')


def banner_preload(markdown: str) -> dict[str, Any] | None:
    """For a converted page that opens with a banner of several sets: each set's first
    <source> (AVIF where there is one), for the <head> to preload the visitor's set before
    the style sheets, which hold up every script after them (the one that fills the holder
    too). None for any other page."""
    start = _SETS_BANNER.match(markdown)
    if start is None:
        return None
    end = markdown.find(SETS_CALL, start.end())
    sets = []
    for template in _TEMPLATE.finditer(markdown, start.end(), end if end >= 0 else len(markdown)):
        source = _FIRST_SOURCE.search(template.group(1))
        if source is None:
            return None
        sets.append({"type": source.group(1), "srcset": html.unescape(source.group(2)),
                     "sizes": html.unescape(source.group(3))})
    return {"key": json.loads(html.unescape(start.group(1))), "sets": sets} if sets else None


def _img(src: str, *, alt: str, title: str | None, priority: bool,
         size: tuple[int, int] | None = None) -> str:
    attributes = [f'src="{html.escape(src)}"', f'alt="{html.escape(alt)}"']
    if size:
        attributes.append(f'width="{size[0]}" height="{size[1]}"')
    if title:
        attributes.append(f'title="{html.escape(title)}"')
    attributes.append('decoding="async"')
    # The banner is the largest thing at the top of the page: fetched first, never lazily.
    attributes.append('fetchpriority="high"' if priority else 'loading="lazy"')
    return f"<img {' '.join(attributes)}>"


def banner_html(picture_html: str) -> str:
    return f'<figure class="hugomat-banner">{picture_html}</figure>'
