"""`hugomat serve`: rebuilds on change, survives a broken change, recovers on the next one."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PAGE = "---\ntitle: Live\n---\n# Live\n\n{text}\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def without_reload_script(html: str) -> str:
    return re.sub(r"<script>[^<]*livereload[^<]*</script>", "", html)


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def server(project) -> Iterator[tuple[Path, str]]:
    root = project({"docs/live.md": PAGE.format(text="First version.")})
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "hugomat.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        yield root, f"http://127.0.0.1:{port}/docs/live/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_serve_rebuilds_survives_a_broken_change_and_recovers(server):
    root, url = server
    page = root / "content" / "docs" / "live.md"
    wait_for(lambda: "First version." in fetch(url), "the first build")
    assert "livereload" in fetch(url)

    page.write_text(PAGE.format(text="Second version."), encoding="utf-8")
    wait_for(lambda: "Second version." in fetch(url), "the rebuild after an edit")

    page.write_text(PAGE.format(text="{{< hint info >}}\nnever closed"), encoding="utf-8")
    wait_for(lambda: "hugomat-build-error" in fetch(url), "the error banner")
    broken = fetch(url)
    assert "Second version." in broken  # the last good site is still served
    assert "shortcode &#x27;hint&#x27; is never closed" in broken

    page.write_text(PAGE.format(text="Third version."), encoding="utf-8")
    wait_for(lambda: "Third version." in fetch(url), "recovery")
    assert "hugomat-build-error" not in fetch(url)


def test_serve_binds_to_loopback_by_default():
    from hugomat.adapter.build import load

    config = load(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    assert config.dev_addr.host == "127.0.0.1"


def test_an_edit_renders_only_the_edited_page_and_keeps_search_whole(project):
    root = project({"docs/live.md": PAGE.format(text="First version."),
                    "docs/other.md": PAGE.format(text="Other words.").replace("Live", "Other")})
    port = free_port()
    log = root.parent / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "hugomat.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root, stdout=output, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "First version." in fetch(base + "docs/live/"), "the first build")
        other_before = fetch(base + "docs/other/")
        (root / "content" / "docs" / "live.md").write_text(
            PAGE.format(text="Second version."), encoding="utf-8")
        wait_for(lambda: "Second version." in fetch(base + "docs/live/"), "the rebuild")
        # Only the edited page was rendered again; the other one is served as it was.
        wait_for(lambda: "Rendered 1 changed of 2 pages" in log.read_text(), "the log line")
        assert without_reload_script(fetch(base + "docs/other/")) == without_reload_script(
            other_before)
        index = fetch(base + "search/search_index.json")
        assert "Second version." in index and "Other words." in index
        assert "First version." not in index

        (root / "content" / "docs" / "new.md").write_text(
            PAGE.format(text="A new page.").replace("Live", "New"), encoding="utf-8")
        wait_for(lambda: "A new page." in fetch(base + "docs/new/"), "a new page")
        assert 'href="../new/"' in fetch(base + "docs/other/")  # every menu has it
        (root / "content" / "docs" / "new.md").unlink()
        wait_for(lambda: 'href="../new/"' not in fetch(base + "docs/other/"), "removal")
        with pytest.raises(urllib.error.HTTPError) as gone:
            fetch(base + "docs/new/")
        assert gone.value.code == 404
    finally:
        process.terminate()
        process.wait(timeout=10)
