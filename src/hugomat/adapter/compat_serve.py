"""The private surfaces of MkDocs' preview server that `hugomat serve` relies on (see
adapter.compat; tests/test_compat.py fails when one changes)."""

from __future__ import annotations

from mkdocs.livereload import LiveReloadServer, _serve_url


def serve_url(host: str, port: int, path: str) -> str:
    """The address MkDocs' preview server prints for itself."""
    return _serve_url(host, port, path)


class PageFilteringServer(LiveReloadServer):
    """MkDocs' preview server, every HTML page it serves passed through `served_html` after
    its live-reload script is added (that happens in LiveReloadServer._inject_js_into_html)."""

    livereload = True
    """False: pages are served without MkDocs' live-reload script."""

    def served_html(self, content: bytes) -> bytes:
        return content

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        if self.livereload:
            content = super()._inject_js_into_html(content, epoch)
        return self.served_html(content)
