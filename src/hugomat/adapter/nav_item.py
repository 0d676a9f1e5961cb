"""Material's `partials/nav-item.html`, read from the installed theme and changed in a few
places to draw hugo-book's section flags (`nav_item.hugomat_menu`: "open", "collapsed" or
"flat", set by adapter.nav_sections). A section without the flag is drawn exactly as Material
draws it.

The changes are made when the site is built, on the partial of the Material that is
installed: each replaces one exact piece of Material's text, found exactly once. If a release
of Material changes a piece, the partial is left as Material's, with a warning (the menu then
ignores the flags; tests/test_menu_sections_nav.py fails first).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, DictLoader

NAME = "partials/nav-item.html"
FLAG = "nav_item.hugomat_menu"
# (Material's text, what it becomes).
CHANGES = (
    # A flat section is drawn whole even where navigation.prune folds the others.
    ("{% if not is_section and not nav_item.active %}",
     '{% if not is_section and not nav_item.active and nav_item.hugomat_menu != "flat" %}'),
    ('<li class="{{ class }} md-nav__item--nested">',
     '<li class="{{ class }} md-nav__item--nested'
     '{{ " hugomat-nav__item--flat" if nav_item.hugomat_menu == "flat" else "" }}">'),
    # Open and flat sections are open; a collapsed one stays shut under navigation.expand.
    ('{% set checked = "checked" if nav_item.active %}',
     '{% set checked = "checked" if nav_item.active '
     'or nav_item.hugomat_menu in ("open", "flat") %}'),
    ('{% if "navigation.expand" in features and not checked %}',
     '{% if "navigation.expand" in features and not checked '
     'and nav_item.hugomat_menu != "collapsed" %}'),
    # Screen readers are told what is shown.
    ('aria-expanded="{{ nav_item.active | tojson }}"',
     'aria-expanded="{{ (nav_item.active or nav_item.hugomat_menu in ("open", "flat")) '
     '| tojson }}"'),
)


class PartialChanged(Exception):
    """Material's partial no longer holds a piece hugomat changes."""


def flagged_partial(material_templates: Path) -> str:
    """Material's nav-item partial, drawing the section flags."""
    text = (material_templates / NAME).read_text(encoding="utf-8")
    for old, new in CHANGES:
        if text.count(old) != 1:
            raise PartialChanged(f"Material's {NAME} does not hold {old!r} once; hugo-book's "
                                 "flat and collapsed sections are drawn as Material's")
        text = text.replace(old, new)
    return text


def with_flagged_partial(loader: BaseLoader, material_templates: Path) -> BaseLoader:
    """`loader`, with the flagged partial found first (raises PartialChanged)."""
    return ChoiceLoader([DictLoader({NAME: flagged_partial(material_templates)}), loader])
