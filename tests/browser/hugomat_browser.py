"""What the browser tests share: the windows they look through, a record of each page's
traffic, and the steps a reader takes (wait for the banner, pick a palette, open search)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response

# House rules: headless, no sandbox (root in a container), no GPU, and nothing that phones
# home. Host names resolve to nothing and every other address goes to a proxy that is not
# there, so a page that reaches past 127.0.0.1 gets a failed request instead of the network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
]

VIEWPORTS: dict[str, dict[str, Any]] = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3,
              "is_mobile": True, "has_touch": True},
    "desktop-1x": {"viewport": {"width": 1440, "height": 900}, "device_scale_factor": 1},
    "desktop-2x": {"viewport": {"width": 1440, "height": 900}, "device_scale_factor": 2},
}
"""The phone and the desktop window of the issue; the desktop at two pixel ratios."""

CHAPTER = "docs/13_flames_on/"
BANNER = ".hugomat-banner img"
DETAILS_SUMMARY = "What is an MMDiT?"

PALETTE_MEDIA = {
    "system": "(prefers-color-scheme)",
    "light": "(prefers-color-scheme: light)",
    "dark": "(prefers-color-scheme: dark)",
}
SCHEMES = {"light": "default", "dark": "slate"}
"""Material's name for each palette's colour scheme (body data-md-color-scheme)."""


@dataclass
class Traffic:
    """Every request a context makes, the ones that failed, and the page errors it logs."""

    context: BrowserContext
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # On the context, so that the search worker's requests are seen too.
        self.context.on("request", self._request)
        self.context.on("requestfailed", self._failed)
        self.context.on("response", self._response)

    def watch(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _failed(self, request: Request) -> None:
        self.failures.append(f"{request.url}: {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.failures.append(f"{response.url}: HTTP {response.status}")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location or {}
            self.errors.append(f"console: {message.text} ({location.get('url', '?')})")

    def outside(self) -> list[str]:
        """Requests that would leave 127.0.0.1 (data: and blob: URLs never leave the page)."""
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob")
                and urlsplit(url).hostname != "127.0.0.1"]


@dataclass
class Visit:
    """A page opened at one viewport, with its traffic."""

    page: Page
    traffic: Traffic
    base: str
    viewport: str

    def url(self, path: str) -> str:
        return urljoin(self.base, path)

    def goto(self, path: str) -> None:
        self.page.goto(self.url(path), wait_until="load")

    def reload(self) -> None:
        self.page.reload(wait_until="load")


def wait_for_banner(page: Page) -> None:
    """Until the banner has loaded and been decoded (its load event has fired)."""
    page.wait_for_function(
        """(selector) => {
            const img = document.querySelector(selector);
            return img !== null && img.complete && img.naturalWidth > 0;
        }""", arg=BANNER)
    page.evaluate("(selector) => document.querySelector(selector).decode()", BANNER)


def settle(page: Page) -> None:
    """Two frames and a short pause, for whatever reacts to the banner's arrival to be drawn
    and reported (no test asserts how long anything takes)."""
    page.evaluate("""() => new Promise(done => requestAnimationFrame(() =>
        requestAnimationFrame(() => setTimeout(done, 300))))""")


def palette_state(page: Page) -> tuple[str, str]:
    """(the chosen palette entry, as a key of PALETTE_MEDIA; the body's colour scheme), once
    Material has applied one: it writes the entry's media and scheme on the body."""
    page.wait_for_function("document.body.hasAttribute('data-md-color-media')")
    media, scheme = page.evaluate("""() => ['media', 'scheme'].map(
        key => document.body.getAttribute('data-md-color-' + key))""")
    names = {value: key for key, value in PALETTE_MEDIA.items()}
    return names.get(media, f"unknown ({media})"), scheme


def click_palette_toggle(page: Page) -> tuple[str, str]:
    """Click the header's palette button once (it moves to the next entry); the new state."""
    before = palette_state(page)
    page.locator('form[data-md-component="palette"] label:visible').click()
    page.wait_for_function(
        "(before) => document.body.getAttribute('data-md-color-media') !== before",
        arg=PALETTE_MEDIA.get(before[0], before[0]))
    return palette_state(page)


def choose_palette(page: Page, name: str) -> None:
    """Click through the palette entries until `name` is chosen, then reload, so the page is
    drawn in that palette from the start (no colour transition half done)."""
    for _ in range(len(PALETTE_MEDIA)):
        if palette_state(page)[0] == name:
            break
        click_palette_toggle(page)
    assert palette_state(page)[0] == name, f"palette {name!r} cannot be chosen"
    page.reload(wait_until="load")


def open_search(page: Page) -> None:
    """Open Material's search as a reader does: the header's search button on a phone, the
    search field in the header on a desktop."""
    button = page.locator('label.md-header__button[for="__search"]')
    if button.is_visible():
        button.click()
    else:
        page.locator(".md-search__input").click()


def srcset_candidates(srcset: str, base: str) -> list[tuple[str, int]]:
    """(absolute URL, width) of each `URL NNNw` candidate of a srcset."""
    candidates = []
    for part in re.split(r",\s+", srcset.strip()):
        match = re.fullmatch(r"(\S+)\s+(\d+)w", part.strip())
        if match is None:
            raise AssertionError(f"srcset candidate without a width descriptor: {part!r}")
        candidates.append((urljoin(base, match[1]), int(match[2])))
    return candidates
