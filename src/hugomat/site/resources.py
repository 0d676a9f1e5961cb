"""What validating and building a site draw on: its picture maker and its caches."""

from __future__ import annotations

from hugomat.pictures import VariantCache
from hugomat.pictures import facts as picture_facts
from hugomat.pictures.drawn import OriginalPictures, ResponsivePictures
from hugomat.render.conversion_cache import ConversionCache
from hugomat.site.model import Site
from hugomat.site.options import SiteOptions

# In the picture cache's folder: what earlier builds learnt of each source (pictures.facts).
SOURCE_FACTS = "sources.json"


def picture_maker(site: Site, *, at_root: bool = False) -> OriginalPictures:
    """The current language's pictures: responsive sets from the cache, or the originals
    when `pictures.enabled` is off. `at_root`: the language's pages draw the picture files
    of the site's root (those of the default language), as another language's build does."""
    options = site.options.pictures
    source = site.source
    path_map = dict(options.path_map)
    if not options.enabled:
        return OriginalPictures(source.picture_roots, source.display, path_map)
    cache = VariantCache(site.options.cache_dir / "pictures")
    # Sources untouched since an earlier build are planned from its record, unread.
    picture_facts.use(cache.cache_dir / SOURCE_FACTS)
    pictures = ResponsivePictures(source.picture_roots, cache, options.settings, source.display,
                                  path_map)
    language = site.language
    if at_root and language is not None and not language.is_default:
        pictures.root_prefix = "../" * len(language.prefix.strip("/").split("/"))
    return pictures


def conversion_cache(options: SiteOptions) -> ConversionCache:
    """Documents converted by earlier builds and checks."""
    return ConversionCache(options.cache_dir / "markdown")
