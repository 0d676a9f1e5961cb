"""The plugin's options in mkdocs.yml, declared and validated with MkDocs' own config classes."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from hugomat import permalinks
from hugomat.url_policy import refusal, refused_scheme


class LanguageConfig(Config):
    """One language of a multilingual book (Hugo's [languages.xx])."""

    content_dir = c.Type(str)
    label = c.Optional(c.Type(str))
    """The name in the language selector; by default the language code."""
    weight = c.Type(int, default=0)
    direction = c.Choice(("ltr", "rtl"), default="ltr")
    site_name = c.Optional(c.Type(str))
    """The site's title in this language; by default site_name."""


class LinkURL(c.Type[str]):
    """A URL the site links to: http, https, mailto or a path (hugomat.url_policy)."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value)
        scheme = refused_scheme(url)
        if scheme is not None:
            raise c.ValidationError(refusal("menu link", url, scheme))
        return url


class Permalinks(c.DictOfItems):
    """Hugo's permalinks: a top-level section -> the URL pattern of its pages."""

    def __init__(self) -> None:
        super().__init__(c.Type(str), default={})

    def run_validation(self, value: object) -> dict:
        patterns = super().run_validation(value)
        for section, pattern in patterns.items():
            wrong = permalinks.problem(section, pattern)
            if wrong is not None:
                raise c.ValidationError(wrong)
        return patterns


class Languages(c.DictOfItems):
    """The languages of a book; no two may share a content folder."""

    def __init__(self) -> None:
        super().__init__(c.SubConfig(LanguageConfig), default={})

    def run_validation(self, value: object) -> dict:
        languages = super().run_validation(value)
        seen: dict[str, str] = {}
        for code, options in languages.items():
            folder = str(options.content_dir).strip("/")
            if folder in seen:
                raise c.ValidationError(f"languages '{seen[folder]}' and '{code}' have the "
                                        f"same content_dir '{options.content_dir}'")
            seen[folder] = code
        return languages


class MenuEntry(Config):
    """A link of Hugo's menu.before, menu.after or menu.home."""

    name = c.Type(str)
    url = c.Optional(LinkURL())
    """A URL, opened as it is."""
    page = c.Optional(c.Type(str))
    """A page of the book, found the way relref finds one (Hugo's pageRef)."""
    weight = c.Type(int, default=0)


class WholeNumber(c.Type):
    """An integer from `low` up to `high` (no bound when None); true and false are not."""

    def __init__(self, low: int, high: int | None = None, *, default: int | None = None):
        super().__init__(int, default=default)
        self.low, self.high = low, high

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        too_high = self.high is not None and number > self.high
        if isinstance(number, bool) or number < self.low or too_high:
            span = (f"from {self.low} to {self.high}" if self.high is not None
                    else f"of at least {self.low}")
            raise c.ValidationError(f"expected a whole number {span}, got {value!r}")
        return number


class NonEmptyList(c.ListOfItems):
    """A list of at least one item: the picture pipeline has nothing to make from none."""

    def run_validation(self, value: object) -> list:
        items = super().run_validation(value)
        if not items:
            raise c.ValidationError("expected at least one item, got an empty list")
        return items


class PicturesConfig(Config):
    """The picture pipeline (defaults measured in bench/PICTURES.md)."""

    enabled = c.Type(bool, default=True)
    """False: every picture is copied and drawn as it is, without variants."""
    widths = NonEmptyList(WholeNumber(1), default=[480, 960, 1600, 2400])
    formats = NonEmptyList(c.Choice(("avif", "webp", "jpeg")), default=["avif", "webp"])
    avif_quality = WholeNumber(1, 100, default=60)
    webp_quality = WholeNumber(1, 100, default=85)
    jpeg_quality = WholeNumber(1, 100, default=80)
    avif_speed = WholeNumber(0, 10, default=6)
    """libavif's 0 (slowest, smallest) to 10 (fastest)."""
    jpeg_fallback = c.Type(bool, default=True)
    """One JPEG for browsers that read neither AVIF nor WebP."""
    placeholders = c.Type(bool, default=True)
    """A tiny blurred preview under each banner until it arrives."""
    social_cards = c.Type(bool, default=True)
    """A 1200x630 link preview (og:image) cut from each page's banner."""
    path_map = c.DictOfItems(c.Type((str, list)), default={})
    """A folder name in picture paths -> the folder it stands for, or a list of folders of
    which each visitor gets one, chosen once and remembered (the first without JavaScript)."""


class HugomatConfig(Config):
    content_dir = c.Optional(c.Type(str))
    """The Hugo content folder; by default MkDocs' docs_dir."""
    asset_dirs = c.ListOfItems(c.Type(str), default=["assets", "static"])
    """Folders pictures are looked up in, in order (Hugo's assets/ and static/)."""
    book_section = c.Type(str, default="docs")
    """The content folder drawn as the menu; '*' for the whole content folder."""
    strict = c.Type(bool, default=False)
    """Turn content warnings (unknown shortcodes, wrong arguments) into errors."""
    drafts = c.Type(bool, default=False)
    """Build pages whose front matter says draft: true."""
    static_dirs = c.ListOfItems(c.Type(str), default=["static"])
    """Folders copied into the site as they are (Hugo's static/)."""
    cache_dir = c.Type(str, default=".cache/hugomat")
    pictures = c.SubConfig(PicturesConfig)
    prune_navigation_above = c.Type(int, default=150)
    """Above this many pages, Material's navigation.prune is turned on: every page otherwise
    draws the whole menu, which makes building a large book grow faster than its size
    (bench/BUILD-SPEED.md). 0 never prunes."""
    toc = c.Type(bool, default=True)
    """False hides the table of contents on every page (hugo-book's BookToC = false)."""
    edit_link = c.Optional(c.Type(str))
    """An edit link per page; {path} is the page's file under the site, e.g. content/docs/x.md."""
    menu_before = c.ListOfItems(c.SubConfig(MenuEntry), default=[])
    """Links above the book's tree in the navigation."""
    menu_after = c.ListOfItems(c.SubConfig(MenuEntry), default=[])
    """Links below the book's tree in the navigation."""
    menu_home = c.ListOfItems(c.SubConfig(MenuEntry), default=[])
    """Links in the header of a `layout: landing` page."""
    languages = Languages()
    """Language code -> its content folder and label; empty for a book in one language."""
    default_language = c.Optional(c.Type(str))
    """The language built at the site's root; by default the lightest (then first) one."""
    permalinks = Permalinks()
    """Hugo's permalinks: {posts: /:year/:month/:slug/} puts the pages of content/posts/ at
    such URLs (tokens :year :month :day :section :sections :title :slug :filename ...)."""
    lowercase_urls = c.Type(bool, default=False)
    """Page URLs in lower case, as Hugo makes them (unless its disablePathToLower is set)."""
    default_language_in_subdir = c.Type(bool, default=False)
    """The default language under /<code>/ too, the site's root sending readers there
    (Hugo's defaultContentLanguageInSubdir)."""
