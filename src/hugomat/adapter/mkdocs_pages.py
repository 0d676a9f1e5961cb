"""The private parts of MkDocs 1.6's build that rendering pages in parallel relies on, in one
place (tests/test_parallel_build.py fails when they change).

`mkdocs.commands.build.build` reads each page (`_populate_page`: Markdown to HTML) in one loop
and writes each page (`_build_page`: the theme's templates) in another, looking both functions
up in its module at every call. `deferred` puts stand-ins there for the time of one build, so
that the pages of each loop can be handed over all at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import mkdocs.commands.build as mkdocs_build_module
from mkdocs.structure.files import File

POPULATE_NAME = "_populate_page"
BUILD_NAME = "_build_page"
populate_page: Callable[..., None] = getattr(mkdocs_build_module, POPULATE_NAME)
"""(page, config, files, dirty=False): read the page and render its Markdown."""
build_page: Callable[..., None] = getattr(mkdocs_build_module, BUILD_NAME)
"""(page, config, doc_files, nav, env, dirty=False, excluded=False): render and write it."""

POPULATE_PARAMETERS = ("page", "config", "files", "dirty")
BUILD_PARAMETERS = ("page", "config", "doc_files", "nav", "env", "dirty", "excluded")

# What populate_page sets on a Page (besides what plugins add): a worker sends these back.
POPULATED_FIELDS = ("markdown", "meta", "content", "toc", "_title_from_render",
                    "present_anchor_ids", "links_to_anchors")


def populated_state(page: Any) -> dict[str, Any]:
    """A populated page's fields, picklable: links_to_anchors is keyed by File, which would
    drag the whole site along; it travels keyed by src_uri."""
    state = {name: getattr(page, name, None) for name in POPULATED_FIELDS}
    links = state["links_to_anchors"]
    if links is not None:
        state["links_to_anchors"] = {file.src_uri: anchors for file, anchors in links.items()}
    return state


def apply_populated_state(page: Any, state: dict[str, Any], files: Any) -> None:
    links = state.get("links_to_anchors")
    if links is not None:
        by_uri: dict[File, dict[str, str]] = {}
        for src_uri, anchors in links.items():
            file = files.get_file_from_path(src_uri)
            if file is not None:
                by_uri[file] = anchors
        state = {**state, "links_to_anchors": by_uri}
    for name, value in state.items():
        setattr(page, name, value)


@contextmanager
def deferred(populate: Callable[..., None], build: Callable[..., None]) -> Iterator[None]:
    """MkDocs' page loops call `populate` and `build` (same parameters as populate_page and
    build_page) instead, while the block runs."""
    setattr(mkdocs_build_module, POPULATE_NAME, populate)
    setattr(mkdocs_build_module, BUILD_NAME, build)
    try:
        yield
    finally:
        setattr(mkdocs_build_module, POPULATE_NAME, populate_page)
        setattr(mkdocs_build_module, BUILD_NAME, build_page)


def page_files(files: Any) -> Sequence[File]:
    """The pages MkDocs' build populates, in its order (`mkdocs build`, not the preview)."""
    return files.documentation_pages()
