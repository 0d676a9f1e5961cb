"""A real site's own shortcodes run by hugomat: which render, which fail and why, and what
running them costs.

Converts (hugomat's core, no MkDocs) every page of the site that uses one of its own
shortcodes, and prints per shortcode its uses and failures, the failure messages, and the
median time of converting those pages with the site's shortcodes run and without (then they
are unknown shortcodes), over three rounds.

    .venv/bin/python bench/site_shortcodes.py /tmp/realsites/from-oracle-to-postgresql content.en

The site must load (hugomat refuses a page whose front matter it cannot read).
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections import Counter
from pathlib import Path

import hugomat.render.convert as conversion
from hugomat.read import book
from hugomat.read.source import SiteSource

_USE = re.compile(r"\{\{[<%]\s*([\w/.-]+)")
_TEMPLATE = re.compile(r"(layouts/(?:_?shortcodes|_?partials)/[\w/.-]+)\.html:\d+:\d+: (.*)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("content", nargs="?", default="content")
    args = parser.parse_args()
    site: Path = args.site.resolve()
    loaded = book.load(SiteSource(root=site, content_dir=site / args.content,
                                  asset_dirs=(site / "assets", site / "static")))
    templates = conversion.book_templates(loaded)
    if templates is None:
        print(f"{site.name}: no shortcodes or partials of its own")
        return
    pages = [page for page in loaded.pages
             if any(name in templates.shortcodes for name in _USE.findall(page.front.body))]
    used: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    messages: Counter[str] = Counter()
    for page in pages:
        used.update(n for n in _USE.findall(page.front.body) if n in templates.shortcodes)
        converted = conversion.convert(page, loaded, site=templates)
        for problem in [*converted.warnings, *converted.errors]:
            found = _TEMPLATE.search(problem.message)
            if found:
                failed[found.group(1)] += 1
                messages[found.group(2)[:160]] += 1
    print(f"{site.name}: {len(pages)} pages use {len(used)} of its shortcodes")
    for name, count in used.most_common():
        print(f"  {name}: {count} uses")
    for where, count in failed.most_common():
        print(f"  failed in {where}: {count}")
    for message, count in messages.most_common(12):
        print(f"  [{count}] {message}")
    timings: dict[str, list[float]] = {"run": [], "not run": []}
    for _ in range(3):
        for label, given in (("run", templates), ("not run", None)):
            started = time.perf_counter()
            for page in pages:
                if given is None:
                    conversion.convert(page, loaded, site=_NoShortcodes(templates))
                else:
                    conversion.convert(page, loaded, site=given)
            timings[label].append(time.perf_counter() - started)
    print("  converting those pages, median of 3: " + ", ".join(
        f"{label} {statistics.median(values):.2f} s" for label, values in timings.items()))


class _NoShortcodes:
    """The site's templates with no shortcodes: hugomat's own renderers only."""

    def __init__(self, templates: conversion.SiteTemplates) -> None:
        self._templates = templates
        self.shortcodes: dict[str, object] = {}

    def parser_names(self) -> dict[str, frozenset[str]]:
        return {}

    def __getattr__(self, name: str) -> object:
        return getattr(self._templates, name)


if __name__ == "__main__":
    main()
