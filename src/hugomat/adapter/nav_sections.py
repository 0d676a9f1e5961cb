"""hugo-book's section flags on MkDocs' nav sections, where Material's partials/nav-item.html,
as adapter.nav_item changes it, reads them: `bookFlatSection` sections are drawn flat and
always open, `bookCollapseSection` ones shut unless the current page is inside, the others
open."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, Literal

from mkdocs.structure.nav import Section as NavSection

from hugomat.read.book import Section

log = logging.getLogger("mkdocs.plugins.hugomat")

MenuState = Literal["open", "collapsed", "flat"]

MENU_ATTRIBUTE = "hugomat_menu"
"""The attribute of a nav section the partial reads (`nav_item.hugomat_menu`)."""


def menu_state(section: Section) -> MenuState:
    if section.flat_section:
        return "flat"
    if section.collapse_section:
        return "collapsed"
    return "open"


def nav_sections(items: list[Any]) -> Iterator[NavSection]:
    """The sections of a nav, depth first."""
    for item in items:
        if isinstance(item, NavSection):
            yield item
            yield from nav_sections(item.children)


def mark_sections(items: list[Any], sections: list[Section]) -> None:
    """Put each book section's state on the nav section made from it. `sections` holds them
    in the order of nav_sections(items): MkDocs builds the nav from site.navigation's."""
    made = list(nav_sections(items))
    if len(made) != len(sections) or any(
            nav.title != section.label for nav, section in zip(made, sections, strict=True)):
        # Another plugin changed the nav: its sections then keep Material's own behaviour.
        log.warning("the menu's sections are not the book's (another plugin changed the nav): "
                    "bookFlatSection and bookCollapseSection are not drawn")
        return
    for nav, section in zip(made, sections, strict=True):
        setattr(nav, MENU_ATTRIBUTE, menu_state(section))
