"""Browser tests: headless Chromium, driven by Playwright, against the built book on 127.0.0.1.

The site is built once per session into a temporary folder (or, with HUGOMAT_TEST_SITE=DIR, an
already built site is served as it is) and served by a threaded http.server on a free port.
Chromium is Debian's (/usr/bin/chromium, or HUGOMAT_CHROMIUM); no browser is ever downloaded.
Without Chromium, Playwright or axe-core the tests skip, saying what is missing; under CI=true
they fail instead, since CI installs all three (.ci/run).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import pytest
from hugomat_browser import CHROMIUM_ARGS, VIEWPORTS, Traffic, Visit

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("HUGOMAT_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = Path(os.environ.get("HUGOMAT_AXE_JS")
              or ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js")
SCREENSHOTS = pytest.StashKey[Path]()


def unavailable(what: str) -> None:
    """Skip the test because `what` is missing, or fail it under CI, which installs it."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} (CI=true: CI must install it, see .ci/run)", pytrace=False)
    pytest.skip(what)


class QuietHandler(SimpleHTTPRequestHandler):
    # Python 3.11's own table lacks AVIF where the system has no mime.types.
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map, ".avif": "image/avif",
        ".webp": "image/webp"}

    def log_message(self, format: str, *args: Any) -> None:
        pass


class SlowPicturesHandler(QuietHandler):
    """Serves pictures only after a pause, so the page is drawn before its banner arrives."""

    delay = 0.8

    def do_GET(self) -> None:
        if self.path.split("?")[0].lower().endswith((".avif", ".webp", ".jpg", ".jpeg", ".png")):
            threading.Event().wait(self.delay)
        super().do_GET()


def serve(folder: Path, handler: type[SimpleHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler,
                                                                     directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("HUGOMAT_TEST_SITE")
    if given:
        return Path(given).resolve()
    from hugomat.adapter import build as builder

    out = tmp_path_factory.mktemp("browser-site") / "site"
    config = builder.load(str(ROOT / "mkdocs.yml"), site_dir=str(out))
    return builder.build(config)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    yield from serve(built_site, QuietHandler)


@pytest.fixture(scope="session")
def slow_pictures_url(built_site: Path) -> Iterator[str]:
    """The same site, its pictures held back until the text has been drawn."""
    yield from serve(built_site, SlowPicturesHandler)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set "
                    f"HUGOMAT_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    # launch() gives every run a fresh, temporary user data dir of its own.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def visit(browser: Browser, site_url: str) -> Iterator[Callable[..., Visit]]:
    """visit(path, viewport=..., color_scheme=..., javascript=..., base=...) -> Visit: a page
    opened in a context of its own, its traffic and console recorded from the first request."""
    contexts = []

    def open_page(path: str, viewport: str = "desktop-1x", *, color_scheme: str = "light",
                  javascript: bool = True, base: str | None = None) -> Visit:
        context = browser.new_context(color_scheme=color_scheme, java_script_enabled=javascript,
                                      **VIEWPORTS[viewport])
        context.set_default_timeout(15_000)
        contexts.append(context)
        traffic = Traffic(context)
        page = context.new_page()
        traffic.watch(page)
        result = Visit(page, traffic, base or site_url, viewport)
        result.goto(path)
        return result

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE_JS.is_file():
        unavailable(f"axe-core not found at {AXE_JS} (npm install --no-save --prefix "
                    f".cache/npm axe-core, or set HUGOMAT_AXE_JS)")
    return AXE_JS


@pytest.fixture(scope="session")
def screenshot_dir(pytestconfig: pytest.Config) -> Path:
    """Where the screenshots go: .cache/browser-screenshots/ (git-ignored; outside pytest's
    temporary folders, which other pytest runs on the machine prune), or
    HUGOMAT_SCREENSHOTS. The previous run's screenshots are removed first."""
    folder = Path(os.environ.get("HUGOMAT_SCREENSHOTS")
                  or ROOT / ".cache" / "browser-screenshots").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    pytestconfig.stash[SCREENSHOTS] = folder
    return folder


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int,
                            config: pytest.Config) -> None:
    folder = config.stash.get(SCREENSHOTS, None)
    if folder is None:
        return
    shots = sorted(folder.glob("*.png"))
    terminalreporter.write_sep("-", "browser screenshots")
    terminalreporter.write_line(f"{len(shots)} screenshots in {folder}")
