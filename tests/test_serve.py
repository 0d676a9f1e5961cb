"""`hugomat serve`: rebuilds on change, survives a broken change, recovers on the next one."""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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
        # Six pages: the two, the home and docs/ pages Hugo makes for them, and Hugo's
        # (empty) /tags/ and /categories/.
        wait_for(lambda: "Rendered 1 changed of 6 pages" in log.read_text(), "the log line")
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


@pytest.fixture
def in_process(project, monkeypatch) -> Iterator[tuple[Path, str]]:
    """`serve` running in a thread of the test, so that the test can monkeypatch the build."""
    from hugomat.adapter import serve as serve_module

    root = project({"docs/live.md": PAGE.format(text="First version.")})
    port = free_port()
    started: list[serve_module.PreviewServer] = []

    class Recorded(serve_module.PreviewServer):
        def __init__(self, **kwargs) -> None:
            super().__init__(**kwargs)
            started.append(self)

    monkeypatch.setattr(serve_module, "PreviewServer", Recorded)
    thread = threading.Thread(target=serve_module.serve, args=(None,),
                              kwargs={"dev_addr": f"127.0.0.1:{port}"}, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{port}/docs/live/"
    finally:
        wait_for(lambda: bool(started), "the server to start", seconds=30)
        started[0].shutdown()
        thread.join(timeout=30)


def test_an_unexpected_exception_keeps_the_last_site_and_recovers(in_process, monkeypatch):
    from hugomat.render import convert

    root, url = in_process
    page = root / "content" / "docs" / "live.md"
    wait_for(lambda: "First version." in fetch(url), "the first build")

    # A bug, not a content mistake: the renderer raises while armed.
    armed = threading.Event()
    render_markdown = convert.render_markdown

    def exploding(*args, **kwargs):
        if armed.is_set():
            raise RuntimeError("the renderer exploded")
        return render_markdown(*args, **kwargs)

    monkeypatch.setattr(convert, "render_markdown", exploding)
    armed.set()
    page.write_text(PAGE.format(text="Second version."), encoding="utf-8")
    wait_for(lambda: "hugomat-build-error" in fetch(url), "the error banner", seconds=30)
    broken = fetch(url)
    assert "First version." in broken  # the last good site, not a hung request
    assert "RuntimeError: the renderer exploded" in broken

    armed.clear()
    page.write_text(PAGE.format(text="Third version."), encoding="utf-8")
    wait_for(lambda: "Third version." in fetch(url), "recovery", seconds=30)
    assert "hugomat-build-error" not in fetch(url)


def fetch_as(url: str, host: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_serve_answers_only_to_its_own_host_names(in_process):
    _, url = in_process
    port = urllib.parse.urlsplit(url).port
    wait_for(lambda: "First version." in fetch(url), "the first build")
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost:{port}", "localhost",
                 f"[::1]:{port}"):
        status, text = fetch_as(url, host)
        assert (status, "First version." in text) == (200, True), host
    # A DNS-rebinding page reaches the preview under its own name.
    for host in (f"rebind.example:{port}", "rebind.example", f"localhost.example:{port}",
                 f"user@localhost:{port}", ""):
        status, text = fetch_as(url, host)
        assert status == 403, host
        assert "First version." not in text
        assert "answers only to localhost" in text


@pytest.mark.parametrize(("header", "bound", "allowed"), [
    ("localhost:8000", "127.0.0.1", True),
    ("127.0.0.1:8000", "127.0.0.1", True),
    ("[::1]:8000", "::1", True),
    (None, "127.0.0.1", True),  # no Host: not a browser, so no rebinding
    ("evil.example:8000", "127.0.0.1", False),
    ("192.168.1.5:8000", "127.0.0.1", False),
    ("192.168.1.5:8000", "192.168.1.5", True),  # the address it was started with
    ("192.168.1.5:8000", "0.0.0.0", True),  # bound to all: any address, never a name
    ("[fe80::1]:8000", "::", True),
    ("evil.example:8000", "0.0.0.0", False),
    ("localhost:8000/x", "127.0.0.1", False),
])
def test_host_allowed(header, bound, allowed):
    from hugomat.adapter.serve import host_allowed

    assert host_allowed(header, bound) is allowed


@pytest.mark.parametrize(("addr", "warned"), [("0.0.0.0", True), ("127.0.0.1", False)])
def test_serve_warns_when_reachable_from_other_machines(project, monkeypatch, addr, warned):
    from hugomat.adapter import serve as serve_module

    project({"docs/live.md": PAGE.format(text="First version.")})
    # Build once, never bind: this checks the words, not the network.
    monkeypatch.setattr(serve_module.PreviewServer, "serve", lambda self: None)
    warnings: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: warnings.append(record.getMessage())  # type: ignore[method-assign]
    serve_module.log.addHandler(handler)
    try:
        serve_module.serve(None, dev_addr=f"{addr}:{free_port()}")
    finally:
        serve_module.log.removeHandler(handler)
    assert any("reachable from other machines" in w for w in warnings) is warned


# -- the command's edges: a taken port, signals, flags ------------------------------------------


def serve_process(root: Path, tmp: Path, *args: str, log: Path | None = None
                  ) -> subprocess.Popen:
    """`hugomat serve` in its own process, its temporary folders under `tmp`."""
    output = log.open("w") if log is not None else subprocess.PIPE
    return subprocess.Popen(
        [sys.executable, "-m", "hugomat.cli", "serve", *args], cwd=root, stdout=output,
        stderr=subprocess.STDOUT if log is not None else subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(tmp)})


def test_a_taken_port_is_one_line_and_exit_2(project, tmp_path):
    root = project({"docs/live.md": PAGE.format(text="First version.")})
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = serve_process(root, temporary, "--dev-addr", f"127.0.0.1:{port}")
        out, err = process.communicate(timeout=60)
    assert process.returncode == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert re.fullmatch(rf"error: 127\.0\.0\.1:{port} is in use; try --dev-addr "
                        r"127\.0\.0\.1:(\d+)", lines[0]), lines[0]
    assert "Traceback" not in out + err
    assert list(temporary.iterdir()) == []  # nothing built, nothing left


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_stop_the_preview_and_remove_its_folder(project, tmp_path,
                                                                   signal_name):
    import signal

    root = project({"docs/live.md": PAGE.format(text="First version.")})
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    process = serve_process(root, temporary, "-a", f"127.0.0.1:{port}",
                            log=tmp_path / "serve.log")
    try:
        wait_for(lambda: "First version." in fetch(f"http://127.0.0.1:{port}/docs/live/"),
                 "the first build")
        assert [p.name[:14] for p in temporary.iterdir()] == ["hugomat-serve-"]
        process.send_signal(getattr(signal, signal_name))
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert list(temporary.iterdir()) == []
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


def test_a_broken_mkdocs_yml_while_serving_is_said_in_the_terminal(project, tmp_path):
    root = project({"docs/live.md": PAGE.format(text="First version.")})
    port = free_port()
    log = tmp_path / "serve.log"
    process = serve_process(root, tmp_path, "-a", f"127.0.0.1:{port}", log=log)
    url = f"http://127.0.0.1:{port}/docs/live/"
    try:
        wait_for(lambda: "First version." in fetch(url), "the first build")
        config = root / "mkdocs.yml"
        config.write_text(config.read_text("utf-8") + "nav: [3\n", encoding="utf-8")
        wait_for(lambda: "hugomat-build-error" in fetch(url), "the error banner")
        wait_for(lambda: "mkdocs.yml:" in log.read_text() and "not valid YAML" in
                 log.read_text(), "the error in the terminal")
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def started(project, monkeypatch) -> Iterator[Callable[..., tuple[Path, str, Any]]]:
    """Start `serve` in a thread with the given options; yields (root, url, server)."""
    from hugomat.adapter import serve as serve_module

    servers: list[serve_module.PreviewServer] = []
    watched: list[str] = []
    threads: list[threading.Thread] = []

    class Recorded(serve_module.PreviewServer):
        def __init__(self, **kwargs) -> None:
            super().__init__(**kwargs)
            servers.append(self)

        def watch(self, path, *args, **kwargs) -> None:
            watched.append(str(path))
            super().watch(path, *args, **kwargs)

    monkeypatch.setattr(serve_module, "PreviewServer", Recorded)

    def start(**options: Any) -> tuple[Path, str, list[str]]:
        root = project({"docs/live.md": PAGE.format(text="First version.")})
        port = free_port()
        thread = threading.Thread(target=serve_module.serve, args=(None,), daemon=True,
                                  kwargs={"dev_addr": f"127.0.0.1:{port}", **options})
        thread.start()
        threads.append(thread)
        url = f"http://127.0.0.1:{port}/docs/live/"
        wait_for(lambda: "First version." in fetch(url), "the first build")
        return root, url, watched

    yield start
    for server in servers:
        server.shutdown()
    for thread in threads:
        thread.join(timeout=30)


def test_open_opens_the_browser_at_the_site(started, monkeypatch):
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    _, url, _ = started(open_browser=True)
    wait_for(lambda: bool(opened), "the browser")
    assert opened == [url.removesuffix("docs/live/")]


def test_watch_adds_paths_and_no_livereload_serves_the_site_as_built(started, tmp_path):
    extra = tmp_path / "notes.txt"
    extra.write_text("x\n", encoding="utf-8")
    _, url, watched = started(watch=[str(extra)])
    assert str(extra) in watched and "content" in {Path(p).name for p in watched}
    assert "livereload" in fetch(url)


def test_no_livereload_watches_nothing_and_injects_no_script(started):
    _, url, watched = started(livereload=False)
    assert watched == []
    assert "livereload" not in fetch(url)
    assert "First version." in fetch(url)


def test_an_edit_of_a_watched_extra_path_rebuilds_every_page(started, tmp_path, monkeypatch):
    from hugomat.adapter import serve as serve_module

    full_builds: list[int] = []
    build = serve_module.build

    def counted(config, *args, **kwargs):
        full_builds.append(1)
        return build(config, *args, **kwargs)

    monkeypatch.setattr(serve_module, "build", counted)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "theme-notes.txt").write_text("one\n", encoding="utf-8")
    root, url, _ = started(watch=[str(extra)])
    assert len(full_builds) == 1
    # A page edit renders only that page; an edit under the extra path renders them all.
    page = root / "content" / "docs" / "live.md"
    page.write_text(PAGE.format(text="Second version."), encoding="utf-8")
    wait_for(lambda: "Second version." in fetch(url), "the page's rebuild")
    assert len(full_builds) == 1
    time.sleep(0.05)  # a new modification time
    (extra / "theme-notes.txt").write_text("two\n", encoding="utf-8")
    wait_for(lambda: len(full_builds) == 2, "a full build")
