"""A site read whole: its languages, each language's book, their menus and translations.

`load(options)` is the one reading of a site that the build, `check`, `serve` and `eject`
share; `site.validate` then finds every mistake, and the adapter renders what it found.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from hugomat.errors import ContentError, ContentErrors
from hugomat.read import book as book_model
from hugomat.read.book import Book
from hugomat.read.source import SiteSource
from hugomat.read.translations import Language, Translations, ordered
from hugomat.site.navigation import Navigation, navigation
from hugomat.site.options import LanguageOptions, SiteOptions
from hugomat.site.styles import SiteStyles, site_styles


class LanguageNotFound(ValueError):
    """The language asked for is not one of the site's."""


@dataclass
class Site:
    """Every language's book, linked to the others, seen from one language: the one a build
    makes (`current`), which `in_language` changes without reading anything again."""

    options: SiteOptions
    languages: list[Language]
    """In Hugo's order, the default one marked; empty for a book in one language."""
    books: dict[str, Book]
    """By language code; "" for a book in one language."""
    translations: Translations | None
    styles: SiteStyles | None
    """The site's hugo-book style hooks, compiled (None: it has none)."""
    current: str = ""
    _navigations: dict[str, Navigation] = field(default_factory=dict, repr=False)

    @property
    def language(self) -> Language | None:
        """The language seen from; None for a book in one language."""
        return next((lang for lang in self.languages if lang.code == self.current), None)

    @property
    def book(self) -> Book:
        return self.books[self.current]

    @property
    def source(self) -> SiteSource:
        return self.book.source

    @property
    def navigation(self) -> Navigation:
        """The current language's menu (MkDocs' nav). Raises ContentErrors for a menu entry
        that names no page."""
        if self.current not in self._navigations:
            self._navigations[self.current] = navigation(
                self.book, before=list(self.options.menu_before),
                after=list(self.options.menu_after), config_path=self.options.config_path,
                directory_urls=self.options.directory_urls)
        return self._navigations[self.current]

    @property
    def language_options(self) -> LanguageOptions | None:
        return next((o for o in self.options.languages if o.code == self.current), None)

    @property
    def language_code(self) -> str | None:
        """Hugo's languageCode of the current language: its own, else for the default
        language (or the only one) the site's."""
        own = self.language_options
        if own is None:
            return self.options.language_code
        language = self.language
        return own.language_code or (self.options.language_code
                                     if language is not None and language.is_default else None)

    def in_language(self, code: str) -> Site:
        """The same site seen from another of its languages."""
        if code not in self.books:
            raise LanguageNotFound(f"language '{code}' is not configured")
        return replace(self, current=code)

    @property
    def codes(self) -> list[str]:
        """The languages' codes, the default one first, as the build makes them; [""] for a
        book in one language."""
        return [lang.code for lang in sorted(self.languages, key=lambda x: not x.is_default)] \
            or [""]


def languages(options: SiteOptions) -> list[Language]:
    """The book's languages in Hugo's order, the default one marked; empty for one language."""
    if not options.languages:
        return []
    found = ordered([Language(o.code, o.label, o.weight, o.direction)
                     for o in options.languages])
    default = options.default_language or found[0].code
    if default not in {lang.code for lang in found}:
        raise LanguageNotFound(f"default_language '{default}' is not one of the languages: "
                               f"{', '.join(lang.code for lang in found)}")
    return [replace(lang, is_default=lang.code == default) for lang in found]


def source(options: SiteOptions, language: Language | None = None) -> SiteSource:
    """How one language's content is read (the book's, for a book in one language)."""
    content = options.content_dir
    if language is not None:
        content = next(o.content_dir for o in options.languages if o.code == language.code)
    return SiteSource(
        root=options.root,
        content_dir=content,
        asset_dirs=options.asset_dirs,
        book_section=options.book_section,
        drafts=options.drafts,
        site_dirs=(*options.copied_dirs,
                   *(o.content_dir for o in options.languages), *options.hugo_dirs),
        permalinks=options.permalinks,
        lowercase_urls=options.lowercase_urls,
        remove_path_accents=options.remove_path_accents,
        emoji=options.emoji,
        language_root=f"{language.code}/" if language and not language.is_default else "",
        url_prefix=_url_prefix(options, language),
        taxonomies=options.taxonomies,
        taxonomy_kinds_off=options.taxonomy_kinds_off,
        directory_urls=options.directory_urls,
    )


def _url_prefix(options: SiteOptions, language: Language | None) -> str:
    """'en/' for the default language kept in a subfolder, '' otherwise."""
    if not options.default_language_in_subdir:
        return ""
    if language is None:  # a book in one language
        return f"{options.default_language or 'en'}/"
    return f"{language.code}/" if language.is_default else ""


def load(options: SiteOptions, language: str | None = None) -> Site:
    """Read the site: every language's book, linked to the others as relref's `lang=` and
    links between languages need them, their translations, the site's style hooks, and the
    menu of `language` (the default one when None). Raises ContentErrors with the mistakes
    of the first step that has any, those of every language's files at once."""
    found = languages(options)
    books: dict[str, Book] = {}
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    for lang in found or [None]:
        try:
            books[lang.code if lang else ""] = book_model.load(source(options, lang))
        except ContentErrors as failure:
            errors += failure.errors
            warnings += failure.warnings
    if errors:
        raise ContentErrors(errors, warnings)
    for lang in found:
        books[lang.code].prefix = lang.prefix
        books[lang.code].languages = books
    current = language or next((lang.code for lang in found if lang.is_default), "")
    if current not in books:
        raise LanguageNotFound(f"language '{current}' is not configured")
    translations = Translations(found, books, options.directory_urls) if found else None
    site = Site(options, found, books, translations, None, current)
    site.navigation  # noqa: B018 - its mistakes stop the load, as the build stops on them
    try:
        site.styles = site_styles(site.source.asset_dirs, options.cache_dir / "sass",
                                  site.source.display)
    except ContentError as error:
        raise ContentErrors([error]) from None
    return site

