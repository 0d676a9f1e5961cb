"""A loaded site validated and its pictures encoded: what the build and `eject` publish.

Every mistake is found before anything is encoded, by the validation `check` runs
(hugomat.site.validate); warnings are logged, errors stop with ContentBuildError.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from hugomat.adapter.failures import ContentBuildError
from hugomat.errors import ContentError, ContentErrors
from hugomat.pictures import facts as picture_facts
from hugomat.pictures.cache import CacheError
from hugomat.pictures.drawn import OriginalPictures, ResponsivePictures
from hugomat.render.convert import ConvertedPage
from hugomat.site.model import Site
from hugomat.site.resources import conversion_cache
from hugomat.site.validate import validate

log = logging.getLogger("mkdocs.plugins.hugomat")


@dataclass
class Prepared:
    converted: list[ConvertedPage]
    """Every page, its pictures' placeholders filled in."""
    static_files: dict[Path, list[Path]]
    """The files of each static folder, by folder."""


def prepare(site: Site, pictures: OriginalPictures) -> Prepared:
    """Validate the current language of `site`, then encode what the picture cache lacks.
    Raises ContentBuildError with every mistake."""
    cache = conversion_cache(site.options)
    checked = validate(site, pictures=pictures, cache=cache)
    log_warnings(checked.warnings)
    if checked.errors:
        raise ContentBuildError(ContentErrors(checked.errors).errors)
    converted = checked.conversion.converted
    try:
        encode_pictures(pictures, converted)
    except ContentErrors as failure:
        log_warnings(failure.warnings)
        raise ContentBuildError(failure.errors) from None
    log.info(f"Markdown: {cache.converted} documents converted, {cache.reused} reused from the "
             "cache")
    return Prepared(converted, checked.static_files)


def encode_pictures(pictures: OriginalPictures, converted: list[ConvertedPage]) -> None:
    """Encode what the cache lacks, all pictures at once, then fill in the placeholders."""
    if not isinstance(pictures, ResponsivePictures):
        return
    try:
        stats = pictures.cache.ensure(pictures.all_plans())
    except CacheError as error:
        raise PluginError(str(error)) from None
    picture_facts.KNOWN.save()
    for damaged in stats.damaged:
        log.warning(f"picture cache: {damaged}; encoded again")
    if stats.unrecorded:
        # Not a warning: every cache an older hugomat wrote is so, once.
        log.info(f"Pictures: {stats.unrecorded} cached variants had no record of their bytes "
                 "and were encoded again")
    if stats.encoded or stats.reused:
        log.info(f"Pictures: {stats.encoded} variants encoded, {stats.reused} reused from the "
                 "cache")
    for page in converted:
        page.markdown = pictures.fill_placeholders(page.markdown)


def log_warnings(warnings: list[ContentError]) -> None:
    for warning in sorted(warnings, key=lambda w: (w.location.path, w.location.line)):
        log.warning(str(warning))
