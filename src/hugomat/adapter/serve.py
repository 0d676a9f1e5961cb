"""A preview server that rebuilds on change and keeps the last good site when a build fails."""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _serve_url

from hugomat.adapter.build import BuildFailed, UsageError, build, build_changes, load
from hugomat.adapter.plugin import TEMPLATES, watched_paths
from hugomat.adapter.preview import (
    PreviewState,
    fingerprint,
    merge_search_index,
    read_search_index,
)

log = logging.getLogger("mkdocs.plugins.hugomat")

OVERLAY = (
    '<div id="hugomat-build-error" role="alert" style="position:fixed;inset:auto 0 0 0;'
    "z-index:1000;max-height:50vh;overflow:auto;margin:0;padding:1em 1.5em;background:#b71c1c;"
    'color:#fff;font:14px/1.5 monospace;white-space:pre-wrap">'
    "<strong>The last change broke the build; this is the last good site.</strong>\n{message}"
    "</div>"
)


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, plus a banner over every page while the build is broken."""

    build_error: str | None = None

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        if self.build_error is None:
            return content
        banner = OVERLAY.format(message=html.escape(self.build_error)).encode()
        end = content.rfind(b"</body>")
        return content + banner if end < 0 else content[:end] + banner + content[end:]


def serve(config_file: str | None, *, dev_addr: str | None = None, strict: bool = False,
          drafts: bool = False) -> None:
    """Serve the book at dev_addr (default 127.0.0.1:8000) until interrupted."""
    served = Path(tempfile.mkdtemp(prefix="hugomat-serve-")) / "site"
    def configured() -> MkDocsConfig:
        return load(config_file, strict=strict, drafts=drafts, site_dir=str(served),
                    dev_addr=dev_addr)

    config = configured()
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    url = _serve_url(host, port, mount_path)

    state = PreviewState()

    def builder() -> None:
        log.info("Building the book...")
        try:
            fresh = configured()
            fresh.site_url = url
            fresh.plugins["hugomat"].preview = state
            settings = fingerprint(_site_wide_files(fresh))
            # Only the pages that changed, when nothing that shapes every page did.
            state.dirty = served.is_dir() and settings == state.settings and state.nav is not None
            state.rendered = set()
            if state.dirty:
                previous_index = read_search_index(served)
                build_changes(fresh, url)
                merge_search_index(served, previous_index, state.rendered,
                                   fresh.use_directory_urls)
            else:
                build(fresh)
            state.settings = settings
        except (BuildFailed, UsageError) as error:
            state.nav = None  # the next good build starts afresh
            server.build_error = str(error) or "the build failed; see the terminal"
            log.error("The build failed; still serving the last good site.")
            return
        server.build_error = None

    server = PreviewServer(builder=builder, host=host, port=port, root=str(served),
                           mount_path=mount_path)

    def error_page(code: int) -> bytes | None:
        if server.build_error is not None:
            return OVERLAY.format(message=html.escape(server.build_error)).encode()
        page = served / f"{code}.html"
        return page.read_bytes() if page.is_file() else None

    server.error_handler = error_page
    try:
        builder()
        if config.config_file_path:
            server.watch(config.config_file_path)
        plugin = config.plugins["hugomat"]
        for path in watched_paths(config, plugin.source_for(config),
                                  plugin.other_content_dirs(config)):
            server.watch(str(path))
        log.info(f"Serving on {url}")
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(served.parent, ignore_errors=True)


def _site_wide_files(config: MkDocsConfig) -> list[Path]:
    """Files an edit of which changes every page: mkdocs.yml and the template overrides."""
    paths = [Path(config.config_file_path), TEMPLATES]
    if config.theme.custom_dir:
        paths.append(Path(config.theme.custom_dir))
    return [p for p in paths if p.exists()]
