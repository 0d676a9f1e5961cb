"""The site: read once (`load`), validated (`validate`), the one model the build, `check`,
`serve` and `eject` use."""

from hugomat.site.model import LanguageNotFound, Site, load
from hugomat.site.options import LanguageOptions, PictureOptions, SiteOptions
from hugomat.site.resources import conversion_cache, picture_maker
from hugomat.site.validate import Validation, validate

__all__ = ["LanguageNotFound", "LanguageOptions", "PictureOptions", "Site", "SiteOptions",
           "Validation", "conversion_cache", "load", "picture_maker", "validate"]
