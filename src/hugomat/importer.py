"""`hugomat import`: a hugo-book site's configuration to a ready mkdocs.yml, and nothing else."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown
import yaml

from hugomat import layout_files
from hugomat.errors import ContentError, ContentErrors
from hugomat.read import book, hugo_config, permalinks, taxonomies
from hugomat.read.source import SiteSource
from hugomat.render.renderers.registry import REGISTRY
from hugomat.render.site_templates.catalog import unsupported_checker
from hugomat.site import picture_sets

FEATURES = [
    "navigation.instant", "navigation.indexes", "navigation.footer", "navigation.top",
    "toc.follow", "search.highlight", "search.suggest", "content.code.copy",
]

LIGHT = {"scheme": "default", "primary": "white", "accent": "blue"}
DARK = {"scheme": "slate", "primary": "black", "accent": "blue"}

# Hugo settings that change nothing a reader of the Material site sees, with the reason.
NOT_NEEDED = {
    "theme": "the Material theme replaces hugo-book",
    "themesdir": "the Material theme replaces hugo-book",
    "outputformats": "hugomat writes HTML pages (plus MkDocs' search index and sitemap)",
    "outputs": "hugomat writes HTML pages (plus MkDocs' search index and sitemap)",
    "enablegitinfo": "last-change dates from git are not shown",
    "markup": "Markdown is rendered by Python-Markdown with pymdown-extensions",
    "module": "Hugo modules are not read",
}
NOT_CARRIED_PARAMS = {
    "bookdateformat": "dates are not shown on pages",
    "booklastchangelink": "last-change links from git are not shown",
    "bookcomments": "comments are not supported",
    "bookportablelinks": "hugomat always resolves and checks internal links (`hugomat check`)",
    "bookserviceworker": "no offline service worker is generated",
    "booktranslatedonly": "the language selector always lists every language",
}
USED_TOP = {"title", "baseurl", "copyright", "languages", "defaultcontentlanguage",
            "contentdir", "menu", "params", "defaultcontentlanguageinsubdir", "permalinks",
            "uglyurls", "disablepathtolower", "languagecode", "menus", "removepathaccents",
            "taxonomies", "disablekinds", "locale", "enableemoji"}
# Addresses a site is previewed at with `hugo server`, never published at.
DEVELOPMENT_HOSTS = re.compile(r"^(localhost|0\.0\.0\.0|127\.\d+\.\d+\.\d+|\[?::1\]?)$")
USED_PARAMS = {"booktheme", "booktoc", "booklogo", "bookfavicon", "booksection", "bookrepo",
               "bookeditlink", "booksearch"}


@dataclass
class Imported:
    config: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    """What could not be carried over, one line each; written as comments and printed."""
    inferred: list[str] = field(default_factory=list)
    """What was found by looking at the site rather than read from its configuration."""
    source_shown: str = ""
    """The Hugo site's folder relative to the folder mkdocs.yml is written into."""
    layouts: list[str] = field(default_factory=list)
    """Each file of the site's layouts/ and what becomes of it, one line each."""

    def yaml_text(self, source: Path | None = None) -> str:
        # Named relative to mkdocs.yml: the file holds no path of the machine it was made on.
        shown = self.source_shown or (source.name if source else ".")
        head = [f"# Written by `hugomat import` from {shown}.",
                "# Build with `hugomat build`; the Hugo site itself is only read."]
        if self.inferred:
            head += ["#", "# Inferred from the site's files:"]
            head += [f"# - {line}" for line in self.inferred]
        body = yaml.safe_dump(self.config, sort_keys=False, allow_unicode=True, width=100)
        tail = ["", "# Not carried over from the Hugo configuration:"] if self.notes else []
        tail += [f"# - {note}" for note in self.notes]
        if self.layouts:
            tail += ["", "# The site's layouts/ (hugomat runs its shortcodes and inject partials):"]
            tail += [f"# - {line}" for line in self.layouts]
        return "\n".join(head) + "\n\n" + body + "\n".join(tail) + ("\n" if tail else "")


class Typed:
    """Reads the Hugo configuration's values as the types hugomat needs. A value of another
    type is recorded as a located error, so that all of them are reported together, and is
    read as missing meanwhile."""

    def __init__(self, hugo: hugo_config.HugoConfig) -> None:
        self.hugo = hugo
        self.errors: list[ContentError] = []

    def table(self, value: Any, *keys: str | int) -> dict[str, Any]:
        if value is None or isinstance(value, dict):
            return value or {}
        return self._wrong(keys, "a table", value, {})

    def array(self, value: Any, *keys: str | int) -> list[Any]:
        if value is None or isinstance(value, list):
            return value or []
        return self._wrong(keys, "a list", value, [])

    def text(self, value: Any, *keys: str | int) -> str | None:
        """A string; a number or true/false as written, as Hugo would print it."""
        if value is None or value == "":
            return None
        if isinstance(value, dict | list):
            return self._wrong(keys, "text", value, None)
        return str(value).lower() if isinstance(value, bool) else str(value)

    def number(self, value: Any, *keys: str | int) -> int | None:
        if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            return None if value is None else int(value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
        return self._wrong(keys, "a whole number", value, None)

    def error(self, keys: tuple[str | int, ...], message: str) -> None:
        """A mistake at `keys`, located in the configuration file."""
        self.errors.append(ContentError(self.hugo.locate(keys), message))

    def _wrong(self, keys: tuple[str | int, ...], expected: str, value: Any, empty: Any) -> Any:
        # As written where the spelling is known (the top level and params), list entries
        # as [index].
        spelled = 2 if keys[:1] == ("params",) and len(keys) > 1 else 1
        name = self.hugo.name(".".join(str(k) for k in keys[:spelled]))
        for key in keys[spelled:]:
            name += f"[{key}]" if isinstance(key, int) else f".{key}"
        self.errors.append(ContentError(self.hugo.locate(keys),
                                        f"{name}: expected {expected}, found {_shown(value)}"))
        return empty


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"the {type(value).__name__} {str(value)[:40]}"  # TOML's dates and times


def import_site(site: Path, out: Path) -> Imported:
    """The mkdocs.yml (as data) that builds the Hugo site at `site` from the folder `out`.
    Raises ContentError or ContentErrors (values of the wrong type) with their places."""
    hugo = hugo_config.read(site)
    typed = Typed(hugo)
    data = hugo.data
    params = typed.table(data.get("params"), "params")
    notes: list[str] = []
    for other in hugo.others:
        taken = next(f.path for f in hugo.files if f.path.parent == other.parent)
        notes.append(f"{other.relative_to(site).as_posix()}: not read ({taken.name} takes "
                     f"precedence, as in Hugo)")

    def rel(path: str) -> str:
        # Relative to mkdocs.yml, so that the file works wherever the two folders are moved
        # together (absolute only across Windows drives, where no relative path exists).
        try:
            return Path(os.path.relpath(site / path, out)).as_posix()
        except ValueError:
            return (site / path).as_posix()

    config: dict[str, Any] = {"site_name": typed.text(data.get("title"), "title") or site.name}
    site_url = _site_url(typed.text(data.get("baseurl"), "baseurl"), typed, notes)
    if site_url:
        config["site_url"] = site_url
    if data.get("uglyurls") is True:
        config["use_directory_urls"] = False  # /docs/page.html, as Hugo's uglyURLs
    copyright_line = typed.text(data.get("copyright"), "copyright")
    if copyright_line:
        config["copyright"] = _inline_html(copyright_line)
    repo = typed.text(params.get("bookrepo"), "params", "bookrepo")
    if repo:
        config["repo_url"] = repo

    languages, default, only_dir = _languages(data, notes, typed)
    content_dirs = {code: lang["content_dir"] for code, lang in languages.items()}
    default_dir = content_dirs.get(default) if languages else (
        only_dir or typed.text(data.get("contentdir"), "contentdir") or "content")
    if not (site / str(default_dir)).is_dir():
        notes.append(f"content folder {default_dir}/ does not exist in {site}")
    config["docs_dir"] = rel(str(default_dir))

    theme: dict[str, Any] = {"name": "material", "language": default or "en", "font": False,
                             "features": list(FEATURES)}
    book_theme = typed.text(params.get("booktheme"), "params", "booktheme") or "light"
    theme["palette"] = _palette(book_theme.lower(), notes)
    logo = typed.text(params.get("booklogo"), "params", "booklogo")
    if logo:
        theme["logo"] = logo
    favicon = typed.text(params.get("bookfavicon"), "params", "bookfavicon")
    if favicon:
        theme["favicon"] = favicon
    config["theme"] = theme

    plugin: dict[str, Any] = {"asset_dirs": [rel("assets"), rel("static")],
                              "static_dirs": [rel("static")]}
    plugin["book_section"] = typed.text(params.get("booksection"), "params",
                                        "booksection") or "docs"
    # Hugo publishes every URL in lower case unless told not to.
    plugin["lowercase_urls"] = data.get("disablepathtolower") is not True
    if data.get("defaultcontentlanguageinsubdir") is True:
        plugin["default_language_in_subdir"] = True
    if data.get("removepathaccents") is True:
        plugin["remove_path_accents"] = True
    if data.get("enableemoji") is True:
        plugin["emoji"] = True
    named, kinds_off = _taxonomies(data, typed, hugo, notes)
    if named != dict(taxonomies.DEFAULT_TAXONOMIES):
        plugin["taxonomies"] = named
    if kinds_off:
        plugin["taxonomy_kinds_off"] = kinds_off
    patterns = _permalinks(typed.table(data.get("permalinks"), "permalinks"), typed, notes)
    if patterns:
        plugin["permalinks"] = patterns
    if params.get("booktoc") is False:
        plugin["toc"] = False
    codes = _language_codes(data, typed)
    # Hugo's languageCode of the site is the default language's, unless it has its own.
    site_code = codes.get("") if languages else codes.get(default) or codes.get("")
    if site_code:
        plugin["language_code"] = site_code
    if languages:
        for code, lang in languages.items():
            lang["content_dir"] = rel(lang["content_dir"])
            if codes.get(code):
                lang["language_code"] = codes[code]
        plugin["languages"] = languages
        plugin["default_language"] = default
    edit = _edit_link(params, notes)
    if edit:
        plugin["edit_link"] = edit
        theme["features"].append("content.action.edit")
    menus = _menu_sources(data, default or "en", typed)
    for name in ("before", "after", "home"):
        entries = [entry for at, menu in menus
                   for entry in _menu(menu.get(name), (*at, name), notes, typed)]
        if entries:
            plugin[f"menu_{name}"] = _by_weight(entries)
    for name in sorted({name for _, menu in menus} - {"before", "after", "home"}):
        notes.append(f"menu.{name}: hugo-book draws only the before, after and home menus")

    plugins: list[Any] = []
    if params.get("booksearch", True) is not False:
        plugins.append("search")
    plugins.append({"hugomat": plugin})
    config["plugins"] = plugins

    for key in data:
        if key in USED_TOP:
            continue
        reason = NOT_NEEDED.get(key, "hugomat does not understand this setting")
        notes.append(f"{hugo.name(key)}: {reason}")
    for key in params:
        if key in USED_PARAMS:
            continue
        reason = NOT_CARRIED_PARAMS.get(key, "a parameter hugomat does not understand")
        notes.append(f"{hugo.name('params.' + key)}: {reason}")
    if typed.errors:
        raise ContentErrors(typed.errors)
    inferred: list[str] = []
    path_map = _picture_sets(site, list(content_dirs.values()) or [str(default_dir)],
                             plugin["book_section"], inferred, notes)
    if path_map:
        plugin["pictures"] = {"path_map": path_map}
    unsupported = unsupported_checker(site)
    layouts = [layout_files.fate(path, REGISTRY, unsupported)
               for path in layout_files.layout_files(site)]
    return Imported(config=config, notes=notes, inferred=inferred,
                    source_shown=rel("."), layouts=layouts)


def _picture_sets(site: Path, content_dirs: list[str], book_section: str,
                  inferred: list[str], notes: list[str]) -> dict[str, list[str]]:
    """path_map entries for the picture sets the site's pages imply (hugomat.site.picture_sets)."""
    roots = tuple(site / name for name in ("assets", "static"))
    refs = []
    for content_dir in content_dirs:
        folder = site / content_dir
        if not folder.is_dir():
            continue
        others = tuple(site / d for d in content_dirs if d != content_dir)
        source = SiteSource(root=site, content_dir=folder, asset_dirs=roots,
                            book_section=book_section, drafts=True,
                            site_dirs=(*others, site / "layouts", site / "data", site / "i18n"))
        try:
            refs += picture_sets.pictures_named(book.load(source))
        except (ContentError, ContentErrors) as error:
            count = len(error.errors) if isinstance(error, ContentErrors) else 1
            notes.append(f"{content_dir}/: {count} mistake(s) in pages (`hugomat build` lists "
                         "them); their pictures were not looked at for picture sets")
    found = picture_sets.infer(refs, roots, tuple(site / d for d in content_dirs))
    inferred += [picture_sets.described(s) for s in found]
    return {s.folder: s.targets for s in found}


def _inline_html(text: str) -> str:
    """Hugo renders the copyright line as Markdown; Material shows it as HTML."""
    html = markdown.markdown(text)
    return re.sub(r"^<p>(.*)</p>$", r"\1", html, flags=re.DOTALL)


def _site_url(baseurl: str | None, typed: Typed, notes: list[str]) -> str | None:
    """site_url from Hugo's baseURL: a published address as it is; a development address
    (localhost, 0.0.0.0, 127.x, port 1313) left out with a note; a path alone needs none."""
    if not baseurl or baseurl.strip() == "/":
        return None
    written = baseurl.strip()
    if written.startswith("/") and not written.startswith("//") and " " not in written:
        notes.append(f"baseURL: '{written}' is a path; pages link relatively, so the site "
                     f"works under {written} as it is (site_url is left unset)")
        return None
    parts = urlsplit(written)
    try:
        port = parts.port
    except ValueError:
        port = None
        parts = parts._replace(netloc="")
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in written:
        typed.error(("baseurl",), f"baseURL: expected an address such as "
                                  f"https://example.org/docs/ or a path such as /docs/, "
                                  f"found '{written}'")
        return None
    if DEVELOPMENT_HOSTS.match(parts.hostname) or port == 1313:
        notes.append(f"baseURL: '{written}' is a development address (hugo server); "
                     "site_url is left unset, set it to where the site is published")
        return None
    return written.rstrip("/") + "/"


def _taxonomies(data: dict[str, Any], typed: Typed, hugo: hugo_config.HugoConfig,
                notes: list[str]) -> tuple[dict[str, str], list[str]]:
    """Hugo's taxonomies (its own two unless the site names others), none when disableKinds
    turns both kinds of their pages off, else the kind it turns off; the other kinds
    disableKinds names are reported."""
    written = data.get("taxonomies")
    named = dict(taxonomies.DEFAULT_TAXONOMIES) if written is None else {
        singular: plural for singular, value in typed.table(written, "taxonomies").items()
        if (plural := typed.text(value, "taxonomies", singular))}
    kinds = [typed.text(kind, "disablekinds", at) or ""
             for at, kind in enumerate(typed.array(data.get("disablekinds"), "disablekinds"))]
    off = taxonomies.disabled_by(kinds)
    others = [kind for kind in kinds if kind.lower() not in taxonomies.TAXONOMY_KINDS]
    if others:
        notes.append(f"{hugo.name('disablekinds')}: {', '.join(others)}: not carried over "
                     "(hugomat makes its pages, sitemap and 404 page as MkDocs does)")
    return ({}, []) if len(off) == 2 else (named, off)


def _permalinks(written: dict[str, Any], typed: Typed, notes: list[str]) -> dict[str, str]:
    """Hugo's permalinks, in its older form (section = pattern) and its newer one
    ([permalinks.page] for pages; other kinds are reported)."""
    patterns: dict[str, str] = {}
    entries: list[tuple[tuple[str, ...], str, Any]] = []
    for key, value in written.items():
        if isinstance(value, dict):
            if key == "page":
                entries += [(("permalinks", key, k), k, v) for k, v in value.items()]
            else:
                notes.append(f"permalinks.{key}: only the URLs of pages are moved; "
                             f"{key} pages keep their folder's URL")
            continue
        entries.append((("permalinks", key), key, value))
    for keys, section, pattern in entries:
        problem = permalinks.problem(section, pattern)
        if problem is not None:
            typed.error(keys, problem)
            continue
        if "/" in section.strip("/"):
            notes.append(f"permalinks.{section}: only top-level sections are moved")
            continue
        patterns[section] = str(pattern)
    return patterns


def _languages(data: dict[str, Any], notes: list[str],
               typed: Typed) -> tuple[dict[str, dict[str, Any]], str, str | None]:
    """The languages of a site in several (empty for one), the default one's code, and the
    content folder of a site's one language when it names one."""
    configured = typed.table(data.get("languages"), "languages")
    default = typed.text(data.get("defaultcontentlanguage"), "defaultcontentlanguage") or "en"
    languages: dict[str, dict[str, Any]] = {}
    for code, written in configured.items():
        options = typed.table(written, "languages", code)
        content_dir = typed.text(options.get("contentdir"), "languages", code, "contentdir")
        if not content_dir:
            if len(configured) > 1:
                notes.append(f"languages.{code}: no contentDir; translation by file name "
                             f"(page.{code}.md) is not supported, the language is left out")
            continue
        same = next((c for c, e in languages.items()
                     if e["content_dir"].strip("/") == content_dir.strip("/")), None)
        if same is not None:
            typed.error(("languages", code, "contentdir"),
                        f"languages.{code}.contentDir: '{content_dir}' is the content folder "
                        f"of languages.{same} too; each language needs its own")
            continue
        entry: dict[str, Any] = {"content_dir": content_dir}
        label = (typed.text(options.get("label"), "languages", code, "label")
                 or typed.text(options.get("languagename"), "languages", code, "languagename"))
        if label:
            entry["label"] = label
        weight = typed.number(options.get("weight"), "languages", code, "weight")
        if weight:
            entry["weight"] = weight
        if "rtl" in ((typed.text(options.get(key), "languages", code, key) or "").lower()
                     for key in ("direction", "languagedirection")):
            entry["direction"] = "rtl"
        title = typed.text(options.get("title"), "languages", code, "title")
        if title:
            entry["site_name"] = title
        used = {"contentdir", "label", "languagename", "weight", "direction",
                "languagedirection", "title", "languagecode", "locale"}
        if code == default:
            used |= {"menu", "menus"}  # the site's menus (_menu_sources)
        for key in sorted(set(options) - used):
            notes.append(f"languages.{code}.{key}: a language setting hugomat does not use")
        languages[code] = entry
    if len(languages) <= 1:
        # One language: its contentDir (if written) is the site's content folder.
        only = next(iter(languages.items()), None)
        if only is None:
            return {}, default, None
        return {}, only[0], only[1]["content_dir"]
    if default not in languages:
        default = next(iter(languages))
    return languages, default, None


def _language_codes(data: dict[str, Any], typed: Typed) -> dict[str, str]:
    """Hugo's code of each language for `<html lang>` by its key, '' for the site's:
    `locale` (Hugo 0.158's name), else the older `languageCode`."""
    codes = {"": typed.text(data.get("locale"), "locale")
             or typed.text(data.get("languagecode"), "languagecode") or ""}
    languages = data.get("languages")
    for key, options in (languages.items() if isinstance(languages, dict) else ()):
        if not isinstance(options, dict):
            continue  # reported by _languages
        codes[key] = (typed.text(options.get("locale"), "languages", key, "locale")
                      or typed.text(options.get("languagecode"), "languages", key,
                                    "languagecode") or "")
    return {key: code.strip() for key, code in codes.items() if code.strip()}


def _palette(theme: str, notes: list[str]) -> list[dict[str, Any]] | dict[str, Any]:
    if theme == "dark":
        return dict(DARK)
    if theme == "auto":
        return [
            {"media": "(prefers-color-scheme: light)", **LIGHT,
             "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
            {"media": "(prefers-color-scheme: dark)", **DARK,
             "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"}},
        ]
    if theme != "light":
        notes.append(f"params.BookTheme: '{theme}' is not light, dark or auto; light is used")
    return dict(LIGHT)


def _edit_link(params: dict[str, Any], notes: list[str]) -> str | None:
    """BookEditLink is a Go template; the common form (repo + a path) becomes a pattern."""
    template = params.get("bookeditlink")
    if not template:
        return None
    text = str(template)
    repo = str(params.get("bookrepo", "")).rstrip("/")
    text = re.sub(r"\{\{\s*\.Site\.Params\.BookRepo\s*\}\}/?", repo + "/", text)
    text = re.sub(r"\{\{\s*\.(Path|File\.Path)\s*\}\}", "{path}", text)
    if "{{" in text or "{path}" not in text:
        notes.append(f"params.BookEditLink: the template '{template}' cannot be expressed; "
                     "pages have no edit link")
        return None
    return re.sub(r"(?<!:)//+", "/", text)


def _menu_sources(data: dict[str, Any], default: str,
                  typed: Typed) -> list[tuple[tuple[str, ...], dict[str, Any]]]:
    """The site's menus (`menu`, or `menus` as Hugo also reads it) and the default language's
    (`languages.<code>.menus`, a configuration folder's `menus.<code>.toml`), each with where
    it was written."""
    places: list[tuple[str, ...]] = [("menu",), ("menus",)]
    languages = data.get("languages")
    if isinstance(languages, dict) and isinstance(languages.get(default), dict):
        places += [("languages", default, "menu"), ("languages", default, "menus")]
    found = []
    for at in places:
        value: Any = data
        for key in at:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            found.append((at, typed.table(value, *at)))
    return found


def _menu(entries: Any, at: tuple[str, ...], notes: list[str],
          typed: Typed) -> list[dict[str, Any]]:
    result = []
    name = at[-1]
    for index, written in enumerate(typed.array(entries, *at)):
        if not isinstance(written, dict):
            typed.table(written, *at, index)
            continue
        where = (*at, index)
        label = typed.text(written.get("name"), *where, "name")
        url = typed.text(written.get("url"), *where, "url")
        target = url or typed.text(written.get("pageref"), *where, "pageref")
        if not label or not target:
            notes.append(f"menu.{name}: an entry without a name or a target is left out")
            continue
        item: dict[str, Any] = {"name": label}
        item["url" if url else "page"] = target
        weight = typed.number(written.get("weight"), *where, "weight")
        if weight:
            item["weight"] = weight
        result.append(item)
    return result


def _by_weight(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entries, key=lambda e: (e.get("weight", 0) == 0, e.get("weight", 0),
                                          e["name"]))
