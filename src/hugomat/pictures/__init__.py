"""Responsive pictures: each source becomes AVIF, WebP and JPEG files at a few widths, named by
a hash of what they are made of, encoded once on every core and offered in a <picture>.

    settings = PictureSettings()
    plans = [plan(picture, settings, at=location), ...]        # reads, hashes, decodes nothing
    stats = VariantCache(cache_dir).ensure(plans)               # encodes only what is missing
    html = picture_html(plans[0], url_of, alt, BANNER_SIZES, priority=True, placeholder=...)
"""

from hugomat.pictures.cache import EncodeStats, VariantCache
from hugomat.pictures.markup import picture_html
from hugomat.pictures.placeholder import placeholder_data_uri
from hugomat.pictures.planning import PicturePlan, Variant, plan, plan_social_card
from hugomat.pictures.settings import PictureSettings
from hugomat.pictures.sizes import (
    BANNER_SIZES,
    BANNER_SIZES_NO_TOC,
    column_sizes,
    content_sizes,
)

__all__ = [
    "BANNER_SIZES",
    "BANNER_SIZES_NO_TOC",
    "EncodeStats",
    "PicturePlan",
    "PictureSettings",
    "Variant",
    "VariantCache",
    "column_sizes",
    "content_sizes",
    "picture_html",
    "placeholder_data_uri",
    "plan",
    "plan_social_card",
]
