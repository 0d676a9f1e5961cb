"""A multilingual book: its languages, and which page translates which."""

from __future__ import annotations

from dataclasses import dataclass

from hugomat.read.book import Book, Page, page_url


@dataclass(frozen=True)
class Language:
    code: str
    label: str
    weight: int = 0
    direction: str = "ltr"
    is_default: bool = False

    @property
    def prefix(self) -> str:
        """Where the language's site lives under the site root: '' for the default one."""
        return "" if self.is_default else f"{self.code}/"


def ordered(languages: list[Language]) -> list[Language]:
    """Hugo's order of languages: weight (unset or 0 last), then code."""
    return sorted(languages, key=lambda lang: (lang.weight == 0, lang.weight, lang.code))


def translation_key(page: Page) -> str:
    """Pages at the same path in each language's content folder translate each other, unless
    their front matter names a `translationKey`."""
    key = page.data.get("translationkey")
    return f"key:{key}" if key else page.rel_path


class Translations:
    """Every language's pages by translation key, to link a page to its translations."""

    def __init__(self, languages: list[Language], books: dict[str, Book],
                 directory_urls: bool = True) -> None:
        self.languages = ordered(languages)
        self.directory_urls = directory_urls
        self.pages = {code: {translation_key(p): p for p in book.pages}
                      for code, book in books.items()}

    def alternates(self, page: Page | None, current: Language) -> list[Alternate]:
        """The language selector's entries for a page: each language's translation of it, or
        that language's home page when it has none."""
        key = translation_key(page) if page is not None else None
        entries = []
        for language in self.languages:
            match = self.pages.get(language.code, {}).get(key) if key is not None else None
            target = page_url(match.src_uri, self.directory_urls) if match else ""
            entries.append(Alternate(language, language.prefix + target, match is not None,
                                     language.code == current.code))
        return entries


@dataclass(frozen=True)
class Alternate:
    language: Language
    site_path: str
    """The page's path from the root of the whole site (all languages), without a '/'."""
    is_translation: bool
    is_current: bool
