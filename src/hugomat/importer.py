"""`hugomat import`: a hugo-book site's configuration to a ready mkdocs.yml, and nothing else."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import yaml

from hugomat import hugo_config

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
    "disablepathtolower": "page URLs keep the case of their file names",
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
            "contentdir", "menu", "params", "defaultcontentlanguageinsubdir"}
USED_PARAMS = {"booktheme", "booktoc", "booklogo", "bookfavicon", "booksection", "bookrepo",
               "bookeditlink", "booksearch"}


@dataclass
class Imported:
    config: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    """What could not be carried over, one line each; written as comments and printed."""

    def yaml_text(self, source: Path) -> str:
        head = [f"# Written by `hugomat import` from {source}.",
                "# Build with `hugomat build`; the Hugo site itself is only read."]
        body = yaml.safe_dump(self.config, sort_keys=False, allow_unicode=True, width=100)
        tail = ["", "# Not carried over from the Hugo configuration:"] if self.notes else []
        tail += [f"# - {note}" for note in self.notes]
        return "\n".join(head) + "\n\n" + body + "\n".join(tail) + ("\n" if tail else "")


def import_site(site: Path, out: Path) -> Imported:
    """The mkdocs.yml (as data) that builds the Hugo site at `site` from the folder `out`."""
    hugo = hugo_config.read(site)
    data = hugo.data
    params = data.get("params") or {}
    notes: list[str] = []
    for other in hugo.others:
        notes.append(f"{other.name}: not read ({hugo.path.name} takes precedence, as in Hugo)")

    def rel(path: str) -> str:
        # Relative when the two folders share more than the file system's root.
        if Path(os.path.commonpath([site, out])) == Path(site.anchor):
            return (site / path).as_posix()
        return Path(os.path.relpath(site / path, out)).as_posix()

    config: dict[str, Any] = {"site_name": str(data.get("title") or site.name)}
    if data.get("baseurl") and re.match(r"https?://", str(data["baseurl"])):
        config["site_url"] = str(data["baseurl"]).rstrip("/") + "/"
    if data.get("copyright"):
        config["copyright"] = _inline_html(str(data["copyright"]))
    if params.get("bookrepo"):
        config["repo_url"] = str(params["bookrepo"])

    languages, default = _languages(data, notes)
    content_dirs = {code: lang["content_dir"] for code, lang in languages.items()}
    default_dir = content_dirs.get(default) if languages else str(data.get("contentdir") or
                                                                   "content")
    if not (site / str(default_dir)).is_dir():
        notes.append(f"content folder {default_dir}/ does not exist in {site}")
    config["docs_dir"] = rel(str(default_dir))

    theme: dict[str, Any] = {"name": "material", "language": default or "en", "font": False,
                             "features": list(FEATURES)}
    theme["palette"] = _palette(str(params.get("booktheme", "light")).lower(), notes)
    if params.get("booklogo"):
        theme["logo"] = str(params["booklogo"])
    if params.get("bookfavicon"):
        theme["favicon"] = str(params["bookfavicon"])
    config["theme"] = theme

    plugin: dict[str, Any] = {"asset_dirs": [rel("assets"), rel("static")],
                              "static_dirs": [rel("static")]}
    plugin["book_section"] = str(params.get("booksection", "docs"))
    if params.get("booktoc") is False:
        plugin["toc"] = False
    if languages:
        for lang in languages.values():
            lang["content_dir"] = rel(lang["content_dir"])
        plugin["languages"] = languages
        plugin["default_language"] = default
    edit = _edit_link(params, notes)
    if edit:
        plugin["edit_link"] = edit
        theme["features"].append("content.action.edit")
    menus = data.get("menu") or {}
    for name in ("before", "after", "home"):
        entries = _menu(menus.get(name), name, notes)
        if entries:
            plugin[f"menu_{name}"] = entries
    for name in sorted(set(menus) - {"before", "after", "home"}):
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
    return Imported(config=config, notes=notes)


def _inline_html(text: str) -> str:
    """Hugo renders the copyright line as Markdown; Material shows it as HTML."""
    html = markdown.markdown(text)
    return re.sub(r"^<p>(.*)</p>$", r"\1", html, flags=re.DOTALL)


def _languages(data: dict[str, Any], notes: list[str]) -> tuple[dict[str, dict[str, Any]], str]:
    configured = data.get("languages") or {}
    default = str(data.get("defaultcontentlanguage") or "en")
    languages: dict[str, dict[str, Any]] = {}
    for code, options in configured.items():
        options = options or {}
        content_dir = options.get("contentdir")
        if not content_dir:
            if len(configured) > 1:
                notes.append(f"languages.{code}: no contentDir; translation by file name "
                             f"(page.{code}.md) is not supported, the language is left out")
            continue
        entry: dict[str, Any] = {"content_dir": str(content_dir)}
        label = options.get("label") or options.get("languagename")
        if label:
            entry["label"] = str(label)
        if options.get("weight"):
            entry["weight"] = int(options["weight"])
        if str(options.get("direction", "ltr")).lower() == "rtl" or str(
                options.get("languagedirection", "")).lower() == "rtl":
            entry["direction"] = "rtl"
        if options.get("title"):
            entry["site_name"] = str(options["title"])
        for key in sorted(set(options) - {"contentdir", "label", "languagename", "weight",
                                          "direction", "languagedirection", "title"}):
            notes.append(f"languages.{code}.{key}: a language setting hugomat does not use")
        languages[code] = entry
    if len(languages) <= 1:
        return {}, default
    if default not in languages:
        default = next(iter(languages))
    return languages, default


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


def _menu(entries: Any, name: str, notes: list[str]) -> list[dict[str, Any]]:
    result = []
    for entry in entries or []:
        label = entry.get("name")
        target = entry.get("url") or entry.get("pageref")
        if not label or not target:
            notes.append(f"menu.{name}: an entry without a name or a target is left out")
            continue
        item: dict[str, Any] = {"name": str(label)}
        item["url" if entry.get("url") else "page"] = str(target)
        if entry.get("weight"):
            item["weight"] = int(entry["weight"])
        result.append(item)
    return sorted(result, key=lambda e: (e.get("weight", 0) == 0, e.get("weight", 0),
                                         e["name"]))
