"""What becomes of each file under a Hugo site's `layouts/`: hugomat runs no Go template, so
`hugomat import` says, file by file, what the site loses or gets instead."""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from pathlib import Path

# hugo-book's injection points (layouts/partials/docs/inject/NAME.html) and where each lands.
INJECT_POINTS = {
    "head": "<head>", "body": "the start of <body>", "footer": "the page's footer",
    "content-before": "above each page's text", "content-after": "below each page's text",
    "menu-before": "above the menu", "menu-after": "below the menu",
    "toc-before": "above the table of contents", "toc-after": "below the table of contents",
}


def layout_files(site: Path) -> list[str]:
    """Every file under the site's layouts/ (hidden files too), as paths under the site."""
    root = site / "layouts"
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() or path.is_symlink():
            found.append(path.relative_to(site).as_posix())
    return found


def fate(path: str, known_shortcodes: Collection[str]) -> str:
    """What becomes of the layout file at `path` ('layouts/...'), in a line."""
    rel = path.removeprefix("layouts/")
    folder, name = posixpath.split(rel)
    stem = name.split(".")[0]
    if folder == "shortcodes" or folder.startswith("shortcodes/"):
        shortcode = posixpath.join(folder.removeprefix("shortcodes").strip("/"), stem)
        if shortcode in known_shortcodes:
            return (f"{path}: site shortcode '{shortcode}'; not run, hugomat draws its own "
                    f"'{shortcode}' in its place")
        return (f"{path}: site shortcode '{shortcode}'; not run, so `{{{{< {shortcode} >}}}}` "
                "is shown as an unsupported shortcode (a warning, an error with --strict)")
    if folder == "partials/docs/inject":
        where = INJECT_POINTS.get(stem, "a place hugo-book does not have")
        return (f"{path}: inject partial (hugo-book adds it {where}); not run, copy its "
                "HTML into a Material template override if the site needs it")
    if folder == "_markup" or folder.startswith("_markup/"):
        return (f"{path}: render hook; not run, hugomat renders "
                f"{stem.removeprefix('render-')}s its own way")
    if folder == "partials" or folder.startswith("partials/"):
        return f"{path}: partial template; not run, Material draws the page"
    if name.endswith((".html", ".xml", ".json", ".txt", ".ics")):
        return f"{path}: page template; not run, Material's templates draw every page"
    return f"{path}: not used"
