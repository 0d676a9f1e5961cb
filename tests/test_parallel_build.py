"""Pages rendered by forked workers: the same site, the same messages, nothing left behind."""

from __future__ import annotations

import inspect
import io
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import mkdocs.commands.build as mkdocs_build_module
import pytest
from click.testing import CliRunner
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from PIL import Image

from hugomat.adapter import logs, mkdocs_pages, parallel
from hugomat.cli import main
from hugomat.processes import alive

PLUGINS = """\
plugins:
  - search
  - hugomat:
      pictures:
        widths: [100, 200]
        formats: [webp]
"""
ONE_LANGUAGE = f"""\
site_name: Book
site_url: https://example.org/book/
docs_dir: content
theme:
  name: material
  font: false
{PLUGINS}"""
TWO_LANGUAGES = ONE_LANGUAGE.replace("docs_dir: content", "docs_dir: content.en") + """\
      default_language: en
      languages:
        en: {content_dir: content.en, label: English, weight: 1}
        es: {content_dir: content.es, label: Español, weight: 2}
"""


def picture(width: int, colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, width * 3 // 4), colour).save(buffer, "PNG")
    return buffer.getvalue()


def chapter(number: int, language: str) -> str:
    words = "palabras" if language == "es" else "words"
    return (f"---\ntitle: Chapter {number} {language}\nweight: {number}\n"
            f"description: About {number}\n---\n# Chapter {number}\n\nSome {words} "
            f"[next](/docs/chapter-{number % 12 + 1}/) and **more**.\n\n"
            f"![Banner](/banners/b{number % 3}.png)\n\n## Part {number}\n\n"
            f"```python\nprint({number})\n```\n\n{{{{< hint info >}}}}\nA hint {number}\n"
            "{{< /hint >}}\n\n| a | b |\n| - | - |\n| 1 | 2 |\n")


def write_book(root: Path, config: str, languages: tuple[str, ...], chapters: int = 12) -> Path:
    (root / "mkdocs.yml").parent.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for language in languages:
        content = root / ("content" if len(languages) == 1 else f"content.{language}")
        (content / "docs").mkdir(parents=True, exist_ok=True)
        (content / "_index.md").write_text(f"---\ntitle: Home {language}\n---\nWelcome\n",
                                           encoding="utf-8")
        for number in range(1, chapters + 1):
            (content / "docs" / f"chapter-{number}.md").write_text(
                chapter(number, language), encoding="utf-8")
    for index, colour in enumerate(((200, 90, 30), (30, 90, 200), (90, 200, 30))):
        path = root / "static" / "banners" / f"b{index}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(picture(300, colour))
    return root


def site_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def hugomat(root: Path, workers: int, *args: str) -> subprocess.CompletedProcess[str]:
    """`hugomat build` in a process of its own, as people run it."""
    env = {**os.environ, parallel.WORKERS_VARIABLE: str(workers), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([str(Path(sys.executable).parent / "hugomat"), "build", *args],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("config, languages", [(ONE_LANGUAGE, ("en",)),
                                               (TWO_LANGUAGES, ("en", "es"))],
                         ids=["one language", "two languages"])
def test_workers_build_the_same_site_byte_for_byte(tmp_path, config, languages):
    root = write_book(tmp_path / "book", config, languages)
    sites = {}
    for workers in (1, 3):
        done = hugomat(root, workers, "--strict", "-v", "-d", f"site-{workers}")
        assert done.returncode == 0, done.stderr
        # 12 chapters, the home and docs/ pages, Hugo's (empty) /tags/ and /categories/.
        rendered = "16 pages rendered by 3 processes" in done.stderr
        assert rendered == (workers == 3)  # for each of MkDocs' two page loops
        sites[workers] = site_bytes(root / f"site-{workers}")
    one, three = sites[1], sites[3]
    assert sorted(one) == sorted(three)
    for path in ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json",
                 "docs/chapter-12/index.html"):
        assert path in one
    if len(languages) == 2:
        assert "es/docs/chapter-12/index.html" in one
    assert any(path.endswith(".webp") for path in one)
    different = [path for path in one if one[path] != three[path]]
    assert different == []


# A mistake MkDocs meets while it renders one page (after hugomat has converted them all).
MISTAKE_TEMPLATE = """\
{% extends "base.html" %}
{% block content %}
{% if page.title == "Chapter 11 en" %}{{ page.title.no_such_method() }}{% endif %}
{{ super() }}
{% endblock %}
"""


def test_a_mistake_in_a_workers_page_is_reported_as_in_one_process(tmp_path):
    config = ONE_LANGUAGE.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    root = write_book(tmp_path / "book", config, ("en",))
    (root / "overrides").mkdir()
    assert hugomat(root, 1, "-q").returncode == 0  # pictures encoded, pages converted
    before = site_bytes(root / "site")
    (root / "overrides" / "main.html").write_text(MISTAKE_TEMPLATE, encoding="utf-8")
    outcomes = []
    for workers in (1, 3):
        done = hugomat(root, workers, "--strict")
        outcomes.append((done.returncode, done.stderr))
    # A mistake in a template override: the site's configuration, one located line.
    assert outcomes[0][0] == 2
    assert "Error building page 'docs/chapter-11.md'" in outcomes[0][1]
    assert "error: overrides/main.html:3: template: " in outcomes[0][1]
    assert "Traceback" not in outcomes[0][1]
    assert outcomes[1] == outcomes[0]
    assert site_bytes(root / "site") == before


def test_what_workers_log_is_logged_in_page_order():
    logger = logging.getLogger("mkdocs.test_parallel")

    def work(item: int) -> None:
        logger.warning(f"page {item}")

    split = parallel.Split(work, lambda item, value: None, work)
    with logs.collected() as problems:
        parallel.run_split(list(range(9)), 3, split)
    assert problems == [(logging.WARNING, f"page {n}") for n in range(9)]


def test_a_page_a_worker_fails_on_is_rendered_again_by_the_build_process():
    done: list[int] = []

    def work(item: int) -> int:
        if item == 7:
            raise ValueError("seven")
        if item == 9:
            os._exit(3)  # a worker that dies outright sends nothing back
        return item * 10

    def direct(item: int) -> None:
        if item == 7:
            raise ValueError(f"page {item} is wrong")
        done.append(item)

    split = parallel.Split(work, lambda item, value: done.append(value), direct)
    with pytest.raises(ValueError, match="page 7 is wrong"):
        parallel.run_split(list(range(12)), 3, split)
    # 0-4 here, 50 and 60 from a worker, then 7 here, which raised; 8-11 never merged.
    assert done == [0, 1, 2, 3, 4, 50, 60]
    done.clear()
    parallel.run_split([0, 1, 2, 9, 10, 11], 3, split)
    # 9 and 10 in a worker that died: rendered here again.
    assert done == [0, 1, 2, 9, 10, 110]


def test_workers_setting_is_checked(project, monkeypatch):
    project({"_index.md": "---\ntitle: Home\n---\nHi\n"})
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "many")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 2
    assert "HUGOMAT_PAGE_WORKERS must be a whole number of at least 1" in result.output


def test_a_small_book_is_rendered_in_one_process(tmp_path):
    root = write_book(tmp_path / "book", ONE_LANGUAGE, ("en",), chapters=parallel.MIN_PAGES - 5)
    env = {key: value for key, value in os.environ.items()
           if key != parallel.WORKERS_VARIABLE}
    done = subprocess.run([str(Path(sys.executable).parent / "hugomat"), "build", "-v"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Building page docs/chapter-1.md" in done.stderr
    assert "pages rendered by" not in done.stderr


# -- the private MkDocs surface (adapter.mkdocs_pages) ---------------------------------------


def test_mkdocs_build_calls_the_page_functions_this_relies_on():
    names = mkdocs_build_module.build.__code__.co_names
    assert mkdocs_pages.POPULATE_NAME in names and mkdocs_pages.BUILD_NAME in names
    assert tuple(inspect.signature(mkdocs_pages.populate_page).parameters) == \
        mkdocs_pages.POPULATE_PARAMETERS
    assert tuple(inspect.signature(mkdocs_pages.build_page).parameters) == \
        mkdocs_pages.BUILD_PARAMETERS
    assert "documentation_pages" in names


def test_populating_a_page_sets_only_the_fields_workers_send_back(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("---\ntitle: A\n---\n# A\n\n[b](b.md#x)\n",
                                            encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text("# B\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins: []\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    file, other = (File(name, config.docs_dir, config.site_dir, True) for name in ("a.md", "b.md"))
    files = Files([file, other])
    page = Page(None, file, config)
    Page(None, other, config)
    before = dict(vars(page))
    mkdocs_pages.populate_page(page, config, files)
    changed = {name for name, value in vars(page).items()
               if name not in before or before[name] is not value}
    assert changed <= set(mkdocs_pages.POPULATED_FIELDS)
    state = mkdocs_pages.populated_state(page)
    assert state["links_to_anchors"] == {"b.md": {"x": "b.md#x"}}
    copy = Page(None, File("a.md", config.docs_dir, config.site_dir, True), config)
    mkdocs_pages.apply_populated_state(copy, state, files)
    assert copy.content == page.content and copy.links_to_anchors == page.links_to_anchors


# -- interruption ------------------------------------------------------------------------------


def _forked_children(pid: int) -> set[int]:
    """Children running the build's own program: forked, not started from another one (the
    picture encoders' fork server and resource tracker run other command lines)."""
    found: set[int] = set()
    try:
        own = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return found
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            text = (task / "children").read_text()
        except OSError:
            continue
        for child in map(int, text.split()):
            try:
                if Path(f"/proc/{child}/cmdline").read_bytes() == own and _running(child):
                    found.add(child)
            except OSError:
                pass
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return alive(pid) and state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_build_keeps_the_site_and_leaves_no_worker(tmp_path, signum):
    root = write_book(tmp_path / "book", ONE_LANGUAGE, ("en",), chapters=150)
    command = [str(Path(sys.executable).parent / "hugomat"), "build", "-q", "-f",
               str(root / "mkdocs.yml")]
    env = {**os.environ, parallel.WORKERS_VARIABLE: "2", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(command, env=env, check=True, capture_output=True)
    before = site_bytes(root / "site")
    build_process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while not workers and build_process.poll() is None and time.monotonic() < deadline:
        workers = _forked_children(build_process.pid)
        time.sleep(0.005)
    assert workers, "the build ended before any worker started"
    assert build_process.poll() is None, "the build ended before it could be interrupted"
    build_process.send_signal(signum)
    _, stderr = build_process.communicate(timeout=60)
    assert build_process.returncode == 130, stderr
    assert b"Traceback" not in stderr
    for _ in range(200):
        if not any(_running(pid) for pid in workers):
            break
        time.sleep(0.01)
    assert [pid for pid in workers if _running(pid)] == []
    assert site_bytes(root / "site") == before
    assert [p.name for p in root.iterdir() if ".tmp-" in p.name] == []
