"""A preview server that rebuilds on change and keeps the last good site when a build fails."""

from __future__ import annotations

import errno
import html
import ipaddress
import logging
import re
import shutil
import signal
import socket
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from hugomat.adapter.build import BuildFailed, UsageError, build, build_changes, load
from hugomat.adapter.compat_serve import PageFilteringServer, serve_url
from hugomat.adapter.plugin import watch_links_as_links, watched_paths
from hugomat.adapter.preview import (
    PreviewState,
    fingerprint,
    merge_search_index,
    read_search_index,
)
from hugomat.adapter.site_config import TEMPLATES
from hugomat.adapter.site_options import site_options

log = logging.getLogger("mkdocs.plugins.hugomat")

OVERLAY = (
    '<div id="hugomat-build-error" role="alert" style="position:fixed;inset:auto 0 0 0;'
    "z-index:1000;max-height:50vh;overflow:auto;margin:0;padding:1em 1.5em;background:#b71c1c;"
    'color:#fff;font:14px/1.5 monospace;white-space:pre-wrap">'
    "<strong>The last change broke the build; this is the last good site.</strong>\n{message}"
    "</div>"
)


# The names a browser on this machine may use for the preview. A DNS-rebinding page reaches
# the preview under its own domain name, so any other name is refused.
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

# A Host header: a bracketed IPv6 address or a name, then an optional port. Anything else
# (user info, paths, spaces) is not a Host a browser sends.
HOST_HEADER = re.compile(r"(?:\[(?P<v6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9._-]+))(?::\d*)?")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def host_allowed(header: str | None, bound: str) -> bool:
    """Whether a request whose Host header is `header` may read a preview bound to `bound`.

    The port is not compared: a rebinding page uses the preview's own port anyway, and a
    forwarded port (a container's) must keep working."""
    if header is None:
        return True  # rebinding needs a browser, and browsers always send Host
    match = HOST_HEADER.fullmatch(header.strip().lower())
    if match is None:
        return False
    name = match["v6"] or match["name"]
    if name in LOCAL_NAMES or name == bound:
        return True
    # Bound to every interface, other machines reach the preview by one of this machine's
    # addresses; an address, unlike a name, cannot be rebound to another host.
    return _is_wildcard(bound) and _is_address(name)


def is_loopback(host: str) -> bool:
    return host == "localhost" or (_is_address(host) and ipaddress.ip_address(host).is_loopback)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_wildcard(host: str) -> bool:
    return _is_address(host) and ipaddress.ip_address(host).is_unspecified


class PreviewServer(PageFilteringServer):
    """MkDocs' live-reload server, plus a banner over every page while the build is broken,
    answering only to the names of this machine (see host_allowed)."""

    build_error: str | None = None

    def __init__(self, *, builder: Callable[[], None], host: str, port: int, root: str,
                 mount_path: str = "/", livereload: bool = True) -> None:
        super().__init__(builder=builder, host=host, port=port, root=root,
                         mount_path=mount_path)
        self.bound_host = host
        self.livereload = livereload
        self._bound = False
        # Where to send a refused reader: 0.0.0.0 is no address a browser can open.
        self.own_url = serve_url("localhost" if _is_wildcard(host) else host, port, mount_path)
        # wsgiref's own hook for the application, so every request passes the check first.
        self.set_app(self._only_own_hosts(self.get_app()))

    def _only_own_hosts(self, app: WSGIApp) -> WSGIApp:
        def checked(environ: dict[str, Any], start_response: Callable[..., Any]
                    ) -> Iterable[bytes]:
            if host_allowed(environ.get("HTTP_HOST"), self.bound_host):
                return app(environ, start_response)
            start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8"),
                                             ("X-Content-Type-Options", "nosniff")])
            return [f"403 Forbidden: this preview answers only to localhost, 127.0.0.1, "
                    f"[::1] or the address it serves on; open {self.own_url}\n".encode()]
        return checked

    def bind_now(self) -> None:
        """Take the port before the first build, so that a taken port is said at once, in
        one line (PortTaken), not after a build and as a traceback."""
        try:
            super().server_bind()
            super().server_activate()
        except OSError as error:
            self.server_close()
            host, port = self.server_address[:2]
            raise PortTaken(_bind_problem(str(host), int(port), error)) from None
        self._bound = True

    def server_bind(self) -> None:
        if not self._bound:
            super().server_bind()

    def server_activate(self) -> None:
        if not self._bound:
            super().server_activate()

    def served_html(self, content: bytes) -> bytes:
        if self.build_error is None:
            return content
        banner = OVERLAY.format(message=html.escape(self.build_error)).encode()
        end = content.rfind(b"</body>")
        return content + banner if end < 0 else content[:end] + banner + content[end:]


class PortTaken(UsageError):
    """The address to serve on is in use or cannot be served on (exit code 2)."""


def _bind_problem(host: str, port: int, error: OSError) -> str:
    shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if error.errno == errno.EADDRINUSE:
        free = _free_port_after(host, port)
        hint = f"; try --dev-addr {shown.rsplit(':', 1)[0]}:{free}" if free else ""
        return f"{shown} is in use{hint}"
    return f"cannot serve on {shown}: {error.strerror or error}"


def _free_port_after(host: str, port: int, tries: int = 20) -> int | None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, candidate))
            except OSError:
                continue
            return candidate
    return None


def serve(config_file: str | None, *, dev_addr: str | None = None, strict: bool = False,
          drafts: bool = False, open_browser: bool = False, watch: Iterable[str] = (),
          livereload: bool = True) -> None:
    """Serve the book at dev_addr (default 127.0.0.1:8000) until interrupted (Ctrl-C,
    SIGTERM or SIGHUP), then remove the folder it served from.

    Raises UsageError (mkdocs.yml) and PortTaken before anything is served."""
    previous = _interrupt_on_signals()
    served = Path(tempfile.mkdtemp(prefix="hugomat-serve-")) / "site"
    try:
        _serve_from(served, config_file, dev_addr=dev_addr, strict=strict, drafts=drafts,
                    open_browser=open_browser, watch=watch, livereload=livereload)
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        shutil.rmtree(served.parent, ignore_errors=True)
        _restore_signals(previous)


def _serve_from(served: Path, config_file: str | None, *, dev_addr: str | None, strict: bool,
                drafts: bool, open_browser: bool, watch: Iterable[str],
                livereload: bool) -> None:
    def configured() -> MkDocsConfig:
        return load(config_file, strict=strict, drafts=drafts, site_dir=str(served),
                    dev_addr=dev_addr)

    config = configured()
    watched = watched_paths(site_options(config))
    extra_watched = [Path(p).absolute() for p in watch if not any(
        Path(p).absolute().is_relative_to(w.absolute()) for w in watched)]
    host, port = config.dev_addr
    if not is_loopback(host):
        log.warning(f"Serving on {host}:{port}: the preview is reachable from other machines "
                    f"on the network, not only from this one.")
    mount_path = urlsplit(config.site_url or "/").path
    url = serve_url(host, port, mount_path)

    state = PreviewState()

    def builder() -> None:
        log.info("Building the book...")
        try:
            fresh = configured()
            fresh.site_url = url
            fresh.plugins["hugomat"].preview = state
            # An edit of an extra watched path (-w) may change any page: a full build.
            settings = fingerprint([*_site_wide_files(fresh), *extra_watched])
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
        except BuildFailed as error:  # its lines have been logged already
            broken(str(error) or "the build failed; see the terminal")
            return
        except UsageError as error:
            broken(str(error), logged=False)
            return
        except Exception as error:
            # A bug in hugomat. Raised out of here it would leave MkDocs' server waiting for a
            # build that never finishes, and every request would hang.
            log.debug("The build raised an unexpected exception:", exc_info=True)
            broken(f"internal error: {type(error).__name__}: {error} (a bug in hugomat; "
                   f"`hugomat serve -v` prints the traceback)", logged=False)
            return
        server.build_error = None

    def broken(message: str, *, logged: bool = True) -> None:
        state.nav = None  # the next good build starts afresh
        server.build_error = message
        if not logged:
            log.error(message)
        log.error("The build failed; still serving the last good site.")

    server = PreviewServer(builder=builder, host=host, port=port, root=str(served),
                           mount_path=mount_path, livereload=livereload)
    watch_links_as_links(server)  # a loop of links in the content is never walked

    def error_page(code: int) -> bytes | None:
        if server.build_error is not None:
            return OVERLAY.format(message=html.escape(server.build_error)).encode()
        page = served / f"{code}.html"
        return page.read_bytes() if page.is_file() else None

    server.error_handler = error_page
    server.bind_now()
    try:
        builder()
        if livereload:
            if config.config_file_path:
                server.watch(config.config_file_path)
            for path in (*watched, *extra_watched):
                server.watch(str(path))
        if open_browser:
            server.serve(open_in_browser=True)
        else:
            server.serve()
    finally:
        server.shutdown()


def _interrupt_on_signals() -> dict[int, Any]:
    """SIGTERM and SIGHUP (a closed terminal) stop the preview as Ctrl-C does, so that its
    temporary folder goes with it."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    for number in (signal.SIGTERM, signal.SIGHUP):
        try:
            previous[number] = signal.signal(number, interrupt)
        except ValueError:  # not the main thread (a test's): the caller owns the signals
            break
    return previous


def _restore_signals(previous: dict[int, Any]) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)


def _site_wide_files(config: MkDocsConfig) -> list[Path]:
    """Files an edit of which changes every page: mkdocs.yml and the template overrides."""
    paths = [Path(config.config_file_path), TEMPLATES]
    if config.theme.custom_dir:
        paths.append(Path(config.theme.custom_dir))
    return [p for p in paths if p.exists()]
