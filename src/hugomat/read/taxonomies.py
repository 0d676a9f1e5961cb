"""Hugo's taxonomy pages: for each taxonomy of the site (`tags` and `categories` unless the
site names its own), a page that lists its terms (`/tags/`) and, for each term, a page that
lists the pages carrying it (`/tags/hugo-stuff/`), made in every language as Hugo makes them.

The pages are made as pages of the Book (so links, `relref`, translations and search find
them like any other), outside the menu; `listing_markdown` draws what each one lists.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from babel import Locale, UnknownLocaleError

from hugomat.errors import ContentError
from hugomat.markdown.escape import escape
from hugomat.read import permalinks

if TYPE_CHECKING:
    from hugomat.read.book import Page

DEFAULT_TAXONOMIES: tuple[tuple[str, str], ...] = (("tag", "tags"), ("category", "categories"))
"""Hugo's taxonomies when the site names none: singular -> plural (the front matter key and
the folder of its pages)."""

# Hugo's page kinds of the taxonomy pages (`taxonomyTerm` is the older name of `taxonomy`).
TAXONOMY_KINDS = {"taxonomy": "taxonomy", "taxonomyterm": "taxonomy", "term": "term"}

# Hugo's default title case (titleCaseStyle "ap"): these stay in lower case inside a title.
_AP_SMALL_WORDS = frozenset({"a", "an", "and", "at", "but", "by", "for", "in", "nor", "of",
                             "on", "or", "so", "the", "to", "up", "yet"})
_TITLE_WORD = re.compile(r"[^\W_]+[^\s\-/]*")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass
class Term:
    """One term of a taxonomy and the pages that carry it, in Hugo's default order."""

    name: str
    """As first written (in the order of the pages' paths)."""
    page: Page
    pages: list[Page] = field(default_factory=list)


@dataclass
class Taxonomy:
    plural: str
    page: Page | None
    """None when its kind of page is turned off (Hugo's disableKinds `taxonomy`)."""
    terms: list[Term] = field(default_factory=list)
    """In Hugo's default order of term pages: newest page first, then by title."""


@dataclass
class Taxonomies:
    """Every taxonomy of one language, and where each page's terms are."""

    taxonomies: list[Taxonomy] = field(default_factory=list)
    """In the order hugo-book lists them: by plural name."""
    terms_of: dict[str, list[tuple[Taxonomy, list[Term]]]] = field(default_factory=dict)
    """Page rel_path -> its terms per taxonomy (taxonomies by name, terms as written)."""
    listing: dict[str, Taxonomy | Term] = field(default_factory=dict)
    """rel_path of each taxonomy page and term page -> what it lists."""


MakePage = Callable[[str, str], "Page"]
"""(rel_path of the page's `_index.md`, title) -> a page Hugo makes without a file."""


def disabled_by(kinds: Iterable[str]) -> list[str]:
    """The kinds of taxonomy page Hugo's `disableKinds` turns off, by their names in Hugo
    0.168 (`taxonomy`: the lists of terms, `term`: a term's page), in that order."""
    off = {TAXONOMY_KINDS[kind.lower()] for kind in kinds if kind.lower() in TAXONOMY_KINDS}
    return [kind for kind in ("taxonomy", "term") if kind in off]


def written_terms(value: Any) -> list[str] | None:
    """The terms a front matter value names: a string is one term, a list of strings one
    each; None for anything else (a number, a map, a list holding one)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def problems(pages: Iterable[Page], plurals: Iterable[str]) -> list[ContentError]:
    """A located error for each taxonomy value Hugo would not read as terms."""
    keys = [plural.lower() for plural in plurals]
    errors = []
    for page in pages:
        for key in keys:
            value = page.data.get(key)
            if value is not None and written_terms(value) is None:
                errors.append(ContentError(page.location(key), f"{key}: expected a list of "
                                           f"strings such as [\"hugo\", \"theme\"], got "
                                           f"{_shown(value)}"))
    return errors


def _shown(value: Any) -> str:
    if isinstance(value, list):
        odd = next(item for item in value if not isinstance(item, str))
        return f"a list holding {type(odd).__name__} {odd!r}"
    return f"{type(value).__name__} {value!r}"


def term_key(name: str, *, lower: bool = True, plain: bool = False) -> str:
    """What makes two spellings one term: their URL path in lower case (`Hugo Stuff` and
    `hugo stuff` are one term, as in Hugo), without accents when URLs have none (`plain`):
    spellings with one URL are one page."""
    key = term_path(name, lower=lower).lower()
    return permalinks.without_accents(key) if plain else key


def term_path(name: str, *, lower: bool) -> str:
    """The term's URL path under its taxonomy. Lower-cased, each space is a '-'; Hugo keeps
    the case only with disablePathToLower, and then also folds runs of '-' into one."""
    path = _urlized(name, lower=lower)
    return path if lower else re.sub(r"-{2,}", "-", path)


def _urlized(name: str, *, lower: bool) -> str:
    # A '/' in a term stays a '/' in its URL (`a/b` is /tags/a/b/), as in Hugo.
    parts = (permalinks.urlized(part, lower) for part in name.split("/"))
    return "/".join(part for part in parts if part)


def title_case(text: str) -> str:
    """Hugo's title of a term page or taxonomy page: each word's first letter made upper
    case (the rest kept), small words such as `of` and `the` kept lower inside the title."""
    words = list(_TITLE_WORD.finditer(text))
    out = []
    last = 0
    for number, word in enumerate(words):
        out.append(text[last:word.start()])
        last = word.end()
        written = word.group(0)
        inside = 0 < number < len(words) - 1
        before = text[word.start() - 1] if word.start() else ""
        if inside and written.lower() in _AP_SMALL_WORDS and before in (" ", "-", "/"):
            out.append(written.lower())
        else:
            out.append(written[:1].upper() + written[1:])
    out.append(text[last:])
    return "".join(out)


def collect(pages: list[Page], taxonomies: Iterable[tuple[str, str]], make_page: MakePage, *,
            lower: bool, plain: bool = False, disabled: Iterable[str] = ()) -> Taxonomies:
    """Every taxonomy's page and term pages, but the `disabled` kinds (`taxonomy`, `term`):
    pages already written at their paths (`content/tags/_index.md`) are used, the others
    made with `make_page` and added to `pages`. Values are read as `problems` checks them
    (call that first)."""
    off = set(disabled)
    found = Taxonomies()
    written = {page.rel_path: page for page in pages}
    readers = sorted(pages, key=lambda page: page.rel_path)
    for plural in sorted({plural for _, plural in taxonomies}):
        key = plural.lower()

        def page_at(rel_path: str, title: str) -> Page:
            page = written.get(rel_path)
            if page is None:
                page = make_page(rel_path, title)
                pages.append(page)
                written[rel_path] = page
            return page

        taxonomy = Taxonomy(plural, None if "taxonomy" in off else page_at(
            f"{plural}/_index.md", title_case(plural)))
        if taxonomy.page is not None:
            found.listing[taxonomy.page.rel_path] = taxonomy
        by_key: dict[str, Term] = {}
        # Without term pages, a taxonomy lists no terms and a page links to none (Hugo's
        # GetTerms gives term pages).
        for page in [] if "term" in off else readers:
            if page.made or page.rel_path in found.listing:
                continue
            names = written_terms(page.data.get(key)) or []
            carried: list[Term] = []
            for name in names:
                same = term_key(name, lower=lower, plain=plain)
                if not same:
                    if name.strip():  # an empty one names nothing, in Hugo too
                        page.warnings.append(ContentError(page.location(key), (
                            f"{key}: {name!r} has no letter or digit to make a URL of; the "
                            f"term is left out (Hugo draws its page over /{plural}/)")))
                    continue
                term = by_key.get(same)
                if term is None:
                    rel_path = f"{plural}/{term_path(name, lower=lower)}/_index.md"
                    term = Term(name, page_at(rel_path, title_case(name)))
                    by_key[same] = term
                    found.listing[rel_path] = term
                if term not in carried:
                    carried.append(term)
                    term.pages.append(page)
            if carried:
                found.terms_of.setdefault(page.rel_path, []).append((taxonomy, carried))
        for term in by_key.values():
            term.pages.sort(key=_page_order)
        taxonomy.terms = sorted(by_key.values(), key=_term_order)
        found.taxonomies.append(taxonomy)
    return found


def listed_date(page: Page) -> dt.datetime | None:
    """The date Hugo gives a page: its own, or for a section's page without one, that of
    the newest page in the section."""
    if page.date is not None or not page.is_section_index or page.section is None:
        return page.date
    dates = [p.date for p in page.section.walk() if p.date is not None]
    return max(dates) if dates else None


def _order(weight: int | float, date: dt.datetime | None, title: str, path: str
           ) -> tuple[Any, ...]:
    """Hugo's default order: weight (unset or 0 last), date newest first, title, path."""
    return (weight == 0, weight, date is None, -date.timestamp() if date else 0.0, title, path)


def _page_order(page: Page) -> tuple[Any, ...]:
    return _order(page.weight, listed_date(page), page.sort_title, page.rel_path)


def ugly_term_pages(found: Taxonomies) -> None:
    """Each term's page placed as Hugo's uglyURLs place it, at `tags/x.html` (its section's
    `index.html` otherwise): called once the pages' paths are known."""
    for listed in found.listing.values():
        if isinstance(listed, Term) and listed.page.src_uri.endswith("/index.md"):
            listed.page.moved_to = listed.page.src_uri.removesuffix("/index.md") + ".md"


def _term_order(term: Term) -> tuple[Any, ...]:
    """A term page is dated by its newest page."""
    dates = [date for page in term.pages if (date := listed_date(page)) is not None]
    return _order(term.page.weight, max(dates) if dates else None, term.page.sort_title,
                  term.page.rel_path)


def listing_markdown(found: Taxonomies, page: Page, language: str = "en") -> str | None:
    """What the taxonomy or term page `page` lists, as Markdown for MkDocs (links to the
    pages' files, relative to this one, dates in `language`); None for another page."""
    listed = found.listing.get(page.rel_path)
    if isinstance(listed, Taxonomy):
        return "\n".join(f"- {_link(term.page.label, term.page, page)} ({len(term.pages)})"
                         for term in listed.terms) + "\n"
    if isinstance(listed, Term):
        return "\n".join(_entry(found, carrier, page, language)
                         for carrier in listed.pages) + "\n"
    return None


def _entry(found: Taxonomies, carrier: Page, here: Page, language: str) -> str:
    """A page as hugo-book's term page lists it: its title, then its date and its terms."""
    facts = []
    date = listed_date(carrier)
    if date is not None:
        facts.append(escape(hugo_book_date(date, language)))
    for _, terms in found.terms_of.get(carrier.rel_path, []):
        facts.append(", ".join(_link(term.page.label, term.page, here) for term in terms))
    line = f"- {_link(carrier.label, carrier, here)}"
    # A hard line break keeps the facts in the item, under its title.
    return f"{line}  \n    {' · '.join(facts)}" if facts else line


def _link(text: str, target: Page, here: Page) -> str:
    folder = posixpath.dirname(here.src_uri)
    relative = posixpath.relpath(target.src_uri, folder or ".")
    return f"[{escape(text)}]({quote(relative)})"


def hugo_book_date(date: dt.datetime, language: str = "en") -> str:
    """hugo-book's default date format, `January 2, 2006`, with the month named in the
    language as Hugo names it (`janvier 2, 2024`; CLDR's names, English for a language
    CLDR does not know)."""
    return f"{month_name(date.month, language)} {date.day}, {date.year}"


def month_name(month: int, language: str) -> str:
    try:
        locale = Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return _MONTHS[month - 1]
    return str(locale.months["format"]["wide"][month])
