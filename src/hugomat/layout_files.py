"""What becomes of each file under a Hugo site's `layouts/`: hugomat runs the site's shortcodes
and hugo-book's inject partials (hugomat.render.site_templates), not its page templates, so `hugomat
import` says, file by file, what is run, what is not and what the site loses."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection
from pathlib import Path

# hugo-book's injection points (layouts/partials/docs/inject/NAME.html) and where each lands.
INJECT_POINTS = {
    "head": "<head>", "body": "the end of <body>", "footer": "the page's footer",
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


def fate(path: str, known_shortcodes: Collection[str],
         unsupported: Callable[[str], list[str]] | None = None) -> str:
    """What becomes of the layout file at `path` ('layouts/...'), in a line. `unsupported`
    names the functions a template uses that hugomat does not have."""
    rel = path.removeprefix("layouts/")
    folder, name = posixpath.split(rel)
    stem = name.split(".")[0]
    missing = unsupported(path) if unsupported is not None and name.endswith(".html") else []
    lacking = f"; unsupported: {', '.join(missing)}" if missing else ""
    top = folder.split("/", 1)[0]
    if top in ("shortcodes", "_shortcodes") and name.endswith(".html"):
        shortcode = posixpath.join(folder.removeprefix(top).strip("/"), stem)
        replaces = (f", in place of hugomat's own '{shortcode}'"
                    if shortcode in known_shortcodes else "")
        if missing:
            return (f"{path}: site shortcode '{shortcode}'{lacking} (a page using it shows its "
                    "body instead, with a warning; an error with --strict)")
        return f"{path}: site shortcode '{shortcode}'; run for the pages that use it{replaces}"
    if folder in ("partials/docs/inject", "_partials/docs/inject"):
        where = INJECT_POINTS.get(stem, "a place hugo-book does not have")
        if stem not in INJECT_POINTS:
            return f"{path}: inject partial (hugo-book adds it {where}); not run"
        if missing:
            return (f"{path}: inject partial (hugo-book adds it {where}){lacking} (left out, "
                    "with a warning; an error with --strict)")
        return f"{path}: inject partial (hugo-book adds it {where}); run for every page"
    if folder == "_markup" or folder.startswith("_markup/"):
        return (f"{path}: render hook; not run, hugomat renders "
                f"{stem.removeprefix('render-')}s its own way")
    if top in ("partials", "_partials"):
        return (f"{path}: partial template; run only when a site shortcode or inject partial "
                f"calls it, Material draws the page{lacking}")
    if name.endswith((".html", ".xml", ".json", ".txt", ".ics")):
        return f"{path}: page template; not run, Material's templates draw every page"
    return f"{path}: not used"
