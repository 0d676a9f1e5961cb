"""The Book: pages and sections read from a Hugo content folder, in Hugo's menu order."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from hugomat.errors import ContentError, ContentErrors, Location
from hugomat.read import frontmatter, page_schema, permalinks, taxonomies
from hugomat.read.frontmatter import FrontMatter
from hugomat.read.safe_files import Folder, SiteFolders, scan
from hugomat.read.source import SiteSource

MARKDOWN_SUFFIXES = (".md", ".markdown")


def _flag(data: dict[str, Any], key: str, default: bool = False) -> bool:
    value = data.get(key, default)
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return bool(value)


def _readable(name: str) -> str:
    """A file or folder name made into a label, as Hugo does for pages without a title."""
    stem = name.rsplit(".", 1)[0] if name.endswith(MARKDOWN_SUFFIXES) else name
    words = stem.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else name


def _as_datetime(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if isinstance(value, str):
        try:
            return _as_datetime(dt.datetime.fromisoformat(value.strip()))
        except ValueError:
            return None
    return None


@dataclass
class Page:
    """One Markdown file of the content folder."""

    path: Path
    """The file on disk."""
    rel_path: str
    """Its path under the content folder, with '/' separators: 'docs/13_flames_on.md'."""
    display_path: str
    front: FrontMatter
    is_section_index: bool = False
    """True for a section's own page (`_index.md`)."""
    section: Section | None = field(default=None, repr=False)
    warnings: list[ContentError] = field(default_factory=list)
    """Front matter values Hugo reads otherwise than written (hugomat.read.page_schema)."""
    made: bool = False
    """A page Hugo makes without a file: the home page, a top-level section's page."""
    moved_to: str | None = None
    """The page's path in the MkDocs site when Hugo's configuration moves its URL
    (permalinks, URLs lower-cased): 'posts/2024/01/hello/index.md'."""

    @property
    def data(self) -> dict[str, Any]:
        return self.front.data

    @property
    def src_uri(self) -> str:
        """The page's path in the MkDocs site: `_index.md` becomes its folder's `index.md`."""
        if self.moved_to is not None:
            return self.moved_to
        return self.file_uri

    @property
    def file_uri(self) -> str:
        """The page's path in the MkDocs site as its file's path gives it."""
        parent, name = posixpath.split(self.rel_path)
        if self.is_section_index:
            return posixpath.join(parent, "index.md")
        return posixpath.join(parent, posixpath.splitext(name)[0] + ".md")

    @property
    def title(self) -> str:
        title = self.data.get("title")
        if title not in (None, ""):
            return str(title)
        name = posixpath.basename(posixpath.dirname(self.rel_path)) if self.is_section_index else (
            posixpath.basename(self.rel_path)
        )
        return _readable(name) if name else "Home"

    @property
    def label(self) -> str:
        """The menu label: linkTitle, then title, then the file name made readable."""
        link_title = self.data.get("linktitle")
        return str(link_title) if link_title not in (None, "") else self.title

    @property
    def sort_title(self) -> str:
        """What Hugo sorts by: linkTitle, else title, else nothing (a page without a title
        comes before titled ones of the same weight and date, not under its file name)."""
        value = self.data.get("linktitle") or self.data.get("title")
        return str(value) if value not in (None, "") else ""

    @property
    def weight(self) -> int | float:
        value = self.data.get("weight", 0)
        return value if isinstance(value, int | float) and not isinstance(value, bool) else 0

    @property
    def date(self) -> dt.datetime | None:
        return _as_datetime(self.data.get("date"))

    @property
    def draft(self) -> bool:
        return _flag(self.data, "draft")

    @property
    def hidden(self) -> bool:
        return _flag(self.data, "bookhidden")

    @property
    def flat_section(self) -> bool:
        return _flag(self.data, "bookflatsection")

    @property
    def collapse_section(self) -> bool:
        return _flag(self.data, "bookcollapsesection")

    @property
    def toc(self) -> bool:
        return _flag(self.data, "booktoc", default=True)

    @property
    def search_exclude(self) -> bool:
        return _flag(self.data, "booksearchexclude")

    @property
    def href(self) -> str | None:
        href = self.data.get("bookhref")
        return str(href) if href else None

    @property
    def description(self) -> str | None:
        value = self.data.get("description")
        return str(value) if value not in (None, "") else None

    @property
    def image(self) -> str | None:
        value = self.data.get("image")
        return str(value) if value not in (None, "") else None

    @property
    def body_is_empty(self) -> bool:
        return not self.front.body.strip()

    def location(self, key: str | None = None) -> Location:
        """Where the page, or one of its front matter keys, is written."""
        if not key or key not in self.front.key_lines:
            return Location(self.display_path)
        return Location(self.display_path, self.front.key_lines[key],
                        self.front.key_columns.get(key, 1))


@dataclass
class Section:
    """A folder of the content folder: its own page (`_index.md`) and its children."""

    rel_dir: str
    """The folder under the content folder, '' for the top."""
    index: Page | None = None
    children: list[Page | Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False)

    @property
    def data(self) -> dict[str, Any]:
        return self.index.data if self.index else {}

    @property
    def label(self) -> str:
        if self.index:
            return self.index.label
        return _readable(posixpath.basename(self.rel_dir)) if self.rel_dir else "Home"

    @property
    def weight(self) -> int | float:
        return self.index.weight if self.index else 0

    @property
    def sort_title(self) -> str:
        return self.index.sort_title if self.index else ""

    @property
    def date(self) -> dt.datetime | None:
        return self.index.date if self.index else None

    @property
    def hidden(self) -> bool:
        return self.index.hidden if self.index else False

    @property
    def flat_section(self) -> bool:
        return self.index.flat_section if self.index else False

    @property
    def collapse_section(self) -> bool:
        return self.index.collapse_section if self.index else False

    @property
    def sort_path(self) -> str:
        return self.rel_dir

    def walk(self) -> list[Page]:
        """Every page in this section and below it, the section's own page first."""
        pages = [self.index] if self.index else []
        for child in self.children:
            pages.extend(child.walk() if isinstance(child, Section) else [child])
        return pages


def menu_key(item: Page | Section) -> tuple[Any, ...]:
    """Hugo's default order: weight (unset or 0 last), date newest first, link title, path."""
    weight = item.weight
    date = item.date
    path = item.sort_path if isinstance(item, Section) else item.rel_path
    return (
        weight == 0,
        weight,
        date is None,
        -date.timestamp() if date else 0.0,
        item.sort_title,
        path,
    )


@dataclass
class Book:
    """One language of a book: its pages, its sections and the menu's root."""

    source: SiteSource
    root: Section
    pages: list[Page]
    by_rel_path: dict[str, Page]
    prefix: str = ""
    """Where this language's site lives under the whole site: '' or 'zh/'."""
    languages: dict[str, Book] = field(default_factory=dict)
    """Every language's Book by its code, this one included (empty for one language)."""
    taxonomies: taxonomies.Taxonomies = field(default_factory=lambda: taxonomies.Taxonomies())
    """The taxonomy and term pages (hugomat.read.taxonomies), which are pages of `pages` too."""

    @property
    def home(self) -> Page | None:
        return self.root.index

    @property
    def menu_root(self) -> Section | None:
        """The section whose tree is drawn as the menu (hugo-book's BookSection)."""
        if self.source.book_section in ("*", "", "/"):
            return self.root
        wanted = self.source.book_section.strip("/")
        section: Section | None = self.root
        # Walked by folder path: a folder without _index.md on the way is no section.
        while section is not None and section.rel_dir != wanted:
            section = next((c for c in section.children if isinstance(c, Section)
                            and (wanted + "/").startswith(c.rel_dir + "/")), None)
        return section

    def find(self, ref: str, from_page: Page | None = None) -> Page | None:
        """The page a `relref`/`ref` path names, the way Hugo looks it up: without regard to
        case, relative to the page's folder, then from the content root, then by a file (or
        bundle) name that is unique in the book. None when nothing, or several pages, match
        (`candidates` tells which)."""
        path = ref.strip()
        if not path:
            return from_page
        for base in self._bases(path, from_page):
            page = self._lookup(base)
            if page is not None:
                return page
        matches = self.candidates(path)
        return matches[0] if len(matches) == 1 else None

    def candidates(self, ref: str) -> list[Page]:
        """The pages a bare file name (no folder) names, for Hugo's lookup by name; several
        mean the name is ambiguous. Empty for a path with folders."""
        name = ref.strip().strip("/").lower()
        if not name or "/" in name:
            return []
        return list(self._names.get(name, []))

    def why_not_found(self, ref: str) -> str:
        """Why `find` found no page for `ref`: what a message says after the target."""
        matches = self.candidates(ref.partition("#")[0])
        if len(matches) > 1:
            named = ", ".join(sorted(page.rel_path for page in matches))
            return f"is ambiguous: it names {named}; write the path of the one meant"
        return "does not exist"

    @staticmethod
    def _bases(path: str, from_page: Page | None) -> list[str]:
        if path.startswith("/"):
            return [path.lstrip("/")]
        bases = []
        if from_page is not None:
            here = posixpath.dirname(from_page.rel_path)
            bases.append(posixpath.normpath(posixpath.join(here, path)))
        bases.append(posixpath.normpath(path))
        return bases

    def _lookup(self, base: str) -> Page | None:
        base = "" if base in (".", "") else base.strip("/").lower()
        stem = base[: -len(".md")] if base.endswith(".md") else base
        candidates = [base, stem + ".md", stem + ".markdown",
                      posixpath.join(stem, "_index.md"), posixpath.join(stem, "index.md")]
        by_path = self._lower_paths
        for candidate in candidates:
            page = by_path.get(candidate.lstrip("/"))
            if page is not None:
                return page
        return None

    @functools.cached_property
    def _lower_paths(self) -> dict[str, Page]:
        # Hugo keeps its content tree in lower case: `/Docs/Intro` finds docs/Intro.md.
        index: dict[str, Page] = {}
        for rel_path, page in self.by_rel_path.items():
            index.setdefault(rel_path.lower(), page)
        return index

    @functools.cached_property
    def _names(self) -> dict[str, list[Page]]:
        index: dict[str, list[Page]] = {}
        for page in self.pages:
            for name in _stem_names(page):
                index.setdefault(name.lower(), []).append(page)
        return index


def _stem_names(page: Page) -> set[str]:
    """The names a page can be referred to by alone: 'x', 'x.md', and its folder's for bundles."""
    name = posixpath.basename(page.rel_path)
    stem = posixpath.splitext(name)[0]
    names = {name, stem}
    if stem in ("_index", "index"):
        folder = posixpath.basename(posixpath.dirname(page.rel_path))
        names = {folder} if folder else set()
    return names


def load(source: SiteSource) -> Book:
    """Read every page under the content folder; all front matter mistakes are reported at once."""
    content = source.content_dir
    if not content.is_dir():
        raise ContentErrors([ContentError(
            Location(source.display(content)), "content folder does not exist")])
    errors: list[ContentError] = []
    root = Section(rel_dir="")
    pages: list[Page] = []
    # The whole tree is listed first, so that a link out of the site's folders, a loop of
    # links or a special file anywhere in it (page resources, hidden files too: MkDocs can be
    # told to publish those) is an error, never read.
    tree = scan(content, SiteFolders.of(source.site_folders, source.display), errors)
    _read_section(source, tree, root, pages, errors, is_root=True)
    errors += taxonomies.problems(pages, (plural for _, plural in source.taxonomies))
    if errors:
        raise ContentErrors(errors)
    _make_missing_pages(source, root, pages)
    found = taxonomies.collect(pages, source.taxonomies, functools.partial(
        _taxonomy_page, source, root), lower=source.lowercase_urls,
        plain=source.remove_path_accents, disabled=source.taxonomy_kinds_off)
    _move_pages(source, pages)
    if not source.directory_urls:
        taxonomies.ugly_term_pages(found)
    _sort(root)
    return Book(source=source, root=root, pages=pages, by_rel_path={p.rel_path: p for p in pages},
                taxonomies=found)


def _read_section(source: SiteSource, folder: Folder, section: Section, pages: list[Page],
                  errors: list[ContentError], *, is_root: bool = False) -> None:
    markdown = [e for e in folder.files if e.name.endswith(MARKDOWN_SUFFIXES)]
    # A folder with an index.md (and no _index.md) is a leaf bundle: one page, not a section.
    for entry in markdown:
        page = _read_page(source, entry, errors)
        if page is None or (page.draft and not source.drafts):
            continue
        page.section = section
        pages.append(page)
        if entry.name in ("_index.md", "_index.markdown"):
            page.is_section_index = True
            section.index = page
        else:
            section.children.append(page)
    for entry in folder.folders:
        if entry.path.name.startswith("."):
            continue
        rel_dir = PurePosixPath(entry.path.relative_to(source.content_dir)).as_posix()
        if _is_leaf_bundle(entry):
            page = _read_page(source, _bundle_index(entry), errors)
            if page is not None and (source.drafts or not page.draft):
                page.section = section
                pages.append(page)
                section.children.append(page)
            continue
        if not is_root and not _has_section_index(entry):
            # Below the top, a folder without _index.md is no section in Hugo: its pages
            # (and sections) belong to the section above it, under their own URLs.
            _read_section(source, entry, section, pages, errors)
            continue
        child = Section(rel_dir=rel_dir, parent=section)
        _read_section(source, entry, child, pages, errors)
        if child.index is not None and child.index.draft and not source.drafts:
            continue
        section.children.append(child)


def _make_missing_pages(source: SiteSource, root: Section, pages: list[Page]) -> None:
    """The pages Hugo makes where no _index.md is written: the home page, and the page of
    each top-level section (a folder of the content folder), titled as Hugo titles it.
    Deeper folders without _index.md are no sections in Hugo, and get no page."""
    sections = [c for c in root.children if isinstance(c, Section) and c.index is None]
    for section in [root, *sections]:
        if section.index is not None:
            continue
        name = posixpath.basename(section.rel_dir)
        data = {"title": _section_title(name)} if name else {}
        rel_path = posixpath.join(section.rel_dir, "_index.md")
        page = Page(path=source.content_dir / rel_path, rel_path=rel_path,
                    display_path=source.display(source.content_dir / section.rel_dir),
                    front=FrontMatter(data=data, format=None, body="", body_line=1,
                                      key_lines={}),
                    is_section_index=True, section=section, made=True)
        section.index = page
        pages.append(page)


def _taxonomy_page(source: SiteSource, root: Section, rel_path: str, title: str) -> Page:
    """A taxonomy's or a term's page, made as Hugo makes it: outside the menu (its section
    is not among the root's children)."""
    folder = posixpath.dirname(rel_path)
    section = Section(rel_dir=folder, parent=root)
    page = Page(path=source.content_dir / rel_path, rel_path=rel_path,
                display_path=source.display(source.content_dir / folder),
                front=FrontMatter(data={"title": title}, format=None, body="", body_line=1,
                                  key_lines={}),
                is_section_index=True, section=section, made=True)
    section.index = page
    return page


def _move_pages(source: SiteSource, pages: list[Page]) -> None:
    """Each page's URL as Hugo's configuration makes it: a section's permalinks pattern for
    its pages, every URL lower-cased (Hugo's default, undone by disablePathToLower), and
    without accents if asked (removePathAccents)."""
    # A section's slug renames its folder in the URL of every page in it, as in Hugo.
    renamed = {posixpath.dirname(page.rel_path): permalinks.urlized(str(slug), False)
               for page in pages if page.is_section_index and posixpath.dirname(page.rel_path)
               and (slug := str(page.data.get("slug") or "").strip())}
    for page in pages:
        pattern = None if page.is_section_index else dict(source.permalinks).get(
            permalinks.section_of(page.rel_path))
        url = str(page.data.get("url") or "").strip()
        if url:
            # Published at exactly that URL: neither lower-cased nor stripped of accents.
            page.moved_to = _url_front_matter(source, page, url)
        elif pattern is not None:
            path = permalinks.expand(pattern, page, lower=source.lowercase_urls,
                                     section_dir=page.section.rel_dir if page.section else None)
            page.moved_to = posixpath.join(path, "index.md") if path else "index.md"
        else:
            slug = str(page.data.get("slug") or "").strip()
            uri = page.file_uri
            if slug and not page.is_section_index:
                uri = _slugged(uri, permalinks.urlized(slug, False))
            uri = _renamed_folders(uri, renamed)
            if source.lowercase_urls:
                uri = uri.lower()
            if uri != page.file_uri:
                page.moved_to = uri
        if source.remove_path_accents and not url:
            plain = permalinks.without_accents(page.src_uri)
            if plain != page.src_uri:
                page.moved_to = plain
        if source.url_prefix:
            page.moved_to = source.url_prefix + (page.moved_to or page.file_uri)
            if page.rel_path == "_index.md":
                # The site's root sends the reader to this language's home, as Hugo's does.
                page.front.data["aliases"] = [*_aliases(page.data), "/"]


def _url_front_matter(source: SiteSource, page: Page, url: str) -> str:
    """The page's path in the MkDocs site for its `url:`. Hugo reads a URL without a leading
    '/' from the language's root, and one with it from the site's root; a language's build
    holds only its own pages, so a URL outside them is placed under them, with a warning."""
    path = url.strip("/")
    root = source.language_root or source.url_prefix
    if url.startswith("/") and root:
        if (path + "/").startswith(root):
            path = path[len(root):].strip("/")
        else:
            page.warnings.append(ContentError(
                page.location("url"), f"url: '{url}' is outside this language's pages "
                f"(/{root}); it is published at /{root}{path}/"))
    stem, extension = posixpath.splitext(path)
    if extension in (".html", ".htm"):
        return stem + ".md"  # file.html, when MkDocs writes pages as files
    return posixpath.join(path, "index.md") if path else "index.md"


def _slugged(file_uri: str, slug: str) -> str:
    """A page's path with its own name (its file's, a leaf bundle's folder's) made `slug`."""
    folder, name = posixpath.split(file_uri)
    if name == "index.md" and folder:  # a leaf bundle: its folder names it
        return posixpath.join(posixpath.dirname(folder), slug, "index.md")
    return posixpath.join(folder, slug + ".md")


def _renamed_folders(file_uri: str, renamed: dict[str, str]) -> str:
    """A page's path with each folder that is a section with a slug named by that slug."""
    if not renamed:
        return file_uri
    parts = file_uri.split("/")
    folders = [renamed.get("/".join(parts[:i + 1]), part) for i, part in enumerate(parts[:-1])]
    return "/".join([*folders, parts[-1]])


def _aliases(data: dict[str, Any]) -> list[Any]:
    written = data.get("aliases") or []
    return [written] if isinstance(written, str) else list(written)


def _section_title(name: str) -> str:
    """Hugo's title of a section without _index.md: its folder name, each word (parted by
    '-' or spaces) capitalised, pluralised as English (`blog` is Blogs, `category`
    Categories, `news` News)."""
    words = re.split(r"([- ]+)", name)
    title = "".join(w[:1].upper() + w[1:] for w in words)
    lower = title.lower()
    if lower.endswith("s"):
        return title
    if lower.endswith("y") and lower[-2:-1] not in ("", *"aeiou"):
        return title[:-1] + "ies"
    if lower.endswith(("x", "z", "ch", "sh")):
        return title + "es"
    return title + "s"


def _is_leaf_bundle(folder: Folder) -> bool:
    names = {p.name for p in folder.files}
    return bool(names & {"index.md", "index.markdown"}) and not names & {
        "_index.md", "_index.markdown"}


def _has_section_index(folder: Folder) -> bool:
    return any(p.name in ("_index.md", "_index.markdown") for p in folder.files)


def _bundle_index(folder: Folder) -> Path:
    md = folder.path / "index.md"
    return md if md in folder.files else folder.path / "index.markdown"


def _read_page(source: SiteSource, path: Path, errors: list[ContentError]) -> Page | None:
    display = source.display(path)
    try:
        front = frontmatter.read(path, display)
    except ContentError as error:
        errors.append(error)
        return None
    except OSError as error:  # made unreadable since the folder was listed
        errors.append(ContentError(Location(display), f"file cannot be read: {error.strerror}"))
        return None
    rel_path = PurePosixPath(path.relative_to(source.content_dir)).as_posix()
    page = Page(path=path, rel_path=rel_path, display_path=display, front=front)
    # Values are read as Hugo reads them before anything else looks at them (draft first).
    for problem in page_schema.validate(front.data):
        located = ContentError(page.location(problem.key), problem.message)
        (errors if problem.error else page.warnings).append(located)
    return page


def _sort(section: Section) -> None:
    section.children.sort(key=menu_key)
    for child in section.children:
        if isinstance(child, Section):
            _sort(child)


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL path (without a leading '/') MkDocs gives a page, e.g. 'docs/x/'."""
    stem, _ = posixpath.splitext(src_uri)
    name = posixpath.basename(stem)
    parent = posixpath.dirname(stem)
    if name in ("index", "README"):
        return parent + "/" if parent else ""
    if directory_urls:
        return stem + "/"
    return stem + ".html"


@functools.lru_cache(maxsize=65536)  # the same few links are made from every page of a book
def relative_url(target: str, from_page_url: str) -> str:
    """A link from the page at `from_page_url` to the site path `target` (both without '/')."""
    base = from_page_url if from_page_url.endswith("/") else posixpath.dirname(from_page_url)
    rel = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") or target == "":
        rel = "./" if rel == "." else rel.rstrip("/") + "/"
    return rel
