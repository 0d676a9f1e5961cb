"""hugomat's render of test pages, cut to what its Markdown core made of each page.

`hugomat_render(pages, folder, files=...)` writes a project (MKDOCS_YML, the pages as the leaf
bundles of hugo_reference, `content/docs/NAME/index.md`, and the files hugo_reference supplied
to Hugo, at the same places), runs `hugomat build` on it as a person would, in a process of its
own, and returns, per page, the inside of Material's
`<article class="md-content__inner md-typeset">` less what Material adds around the page's
text (see `content_of`).

A page that hugomat refuses stops its whole build; such pages are set aside with hugomat's
messages (`HugomatRender.refused`) and the rest is built again, so one page cannot hide the
others' results. Pages are found from the `content/docs/NAME/index.md:line:column: message`
lines hugomat prints (not its warnings), or, when it names none (a crash), by building halves
of the pages apart. The supplied files are written for every build, those of a page set aside
in static/ (at the same URL), so that the pages left keep theirs.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from canonical_html import canonical, differences
from hugo_reference import (
    PAGE_FOLDER,
    HugoRender,
    page_source,
    page_url,
    write_pages,
    write_supplied,
)
from site_configs import MINIMAL_MKDOCS_YML


def _pictures_off(config: str) -> str:
    settings = yaml.safe_load(config)
    settings["plugins"] = [{"hugomat": {"pictures": {"enabled": False}}}
                           if plugin == "hugomat" else plugin for plugin in settings["plugins"]]
    return yaml.safe_dump(settings, sort_keys=False)


MKDOCS_YML = _pictures_off(MINIMAL_MKDOCS_YML)
"""site_configs' minimal project with hugomat's picture pipeline off: it draws a `<picture>`
with resized variants where Hugo writes an `<img>` (on purpose, a listed difference and not a
Markdown one); off, hugomat draws an `<img>` whose src is the URL Hugo writes."""

_ARTICLE_START = '<article class="md-content__inner md-typeset">'
_ARTICLE_END = "</article>"
# Before the page's text, Material's content.html draws the page's tags, then the edit and
# view buttons, then, when the text has no <h1>, an <h1> holding the page's title.
_TAGS = r'\s*(?:<nav class="md-tags"[^>]*>.*?</nav>)?'
_BUTTONS = r'\s*(?:<a\b[^>]*class="md-content__button[^"]*"[^>]*>.*?</a>\s*)*'
# After it: the source file's facts (dates, authors), the feedback form, the comments.
_AFTER_TEXT = re.compile(
    r'\s*(?:<aside class="md-source-file">.*?</aside>)?\s*'
    r'(?:<form class="md-feedback"[^>]*>.*?</form>)?\s*'
    r'(?:<h2 id="__comments">.*)?\s*$', re.DOTALL)
_ERROR_LINE = re.compile(rf"^content/{PAGE_FOLDER}/(?P<name>[^:]+)/index\.md:\d+:\d+: "
                         r"(?!warning:)(?P<message>.*)$", re.MULTILINE)


@dataclass
class HugomatRender:
    articles: dict[str, str] = field(default_factory=dict)
    """name -> the HTML of the page's text, as `content_of` cuts it."""
    refused: dict[str, str] = field(default_factory=dict)
    """name -> hugomat's messages, for the pages its build failed on."""
    probed: bool = False


def hugomat_render(pages: dict[str, str], folder: Path, *, config: str = MKDOCS_YML,
                   files: dict[str, str] | None = None) -> HugomatRender:
    """Builds the pages (name -> whole file text) with hugomat in `folder` (made empty), with
    the supplied `files` (hugo_reference.HugoRender.files)."""
    result = HugomatRender()
    _build_setting_aside(dict(pages), folder, config, files or {}, result)
    return result


def _build_setting_aside(pages: dict[str, str], folder: Path, config: str,
                         files: dict[str, str], result: HugomatRender) -> None:
    while pages:
        returncode, output = _build(pages, folder, config, files)
        if returncode == 0:
            _read_site(pages, folder, result)
            return
        named = _messages_by_page(output, pages)
        if not named and len(pages) == 1:
            named = {next(iter(pages)): _crash(output)}
        if not named:
            # A failure that names no page: find its pages in halves, each built apart.
            _check_builds_at_all(folder, config, result)
            names = sorted(pages)
            for half in (names[:len(names) // 2], names[len(names) // 2:]):
                _build_setting_aside({name: pages[name] for name in half}, folder, config,
                                     files, result)
            return
        result.refused.update(named)
        pages = {name: text for name, text in pages.items() if name not in named}


def _read_site(pages: dict[str, str], folder: Path, result: HugomatRender) -> None:
    for name, text in pages.items():
        article = _article(folder, name)
        if article is None:
            result.refused[name] = "hugomat built the site but no page for it"
        else:
            result.articles[name] = content_of(article, title_of(text))


def _check_builds_at_all(folder: Path, config: str, result: HugomatRender) -> None:
    """Before building pages one half at a time: if hugomat cannot build even a one-page
    book, no page is to blame, and halving would only take long to say so."""
    if result.probed:
        return
    result.probed = True
    probe = folder.with_name(folder.name + "-probe")
    returncode, output = _build({"probe": page_source("Probe", "A paragraph.\n")}, probe,
                                config, {})
    if returncode != 0:
        raise AssertionError(f"hugomat cannot build a one-page book:\n{_crash(output)}")


def _build(pages: dict[str, str], folder: Path, config: str,
           files: dict[str, str]) -> tuple[int, str]:
    _write_project(folder, pages, config, files)
    run = subprocess.run([*_hugomat_command(), "build", "--quiet"], cwd=folder,
                         capture_output=True, text=True, timeout=900)
    return run.returncode, run.stderr + run.stdout


def _hugomat_command() -> list[str]:
    script = Path(sys.executable).parent / "hugomat"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from hugomat.cli import main; main()"]


def _write_project(folder: Path, pages: dict[str, str], config: str,
                   files: dict[str, str]) -> None:
    # A fresh project each time: a page set aside must not stay in the next build.
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    write_pages(folder, pages)
    write_supplied(folder, files, pages)


def _messages_by_page(output: str, pages: dict[str, str]) -> dict[str, str]:
    named: dict[str, list[str]] = {}
    for match in _ERROR_LINE.finditer(output):
        if match["name"] in pages:
            named.setdefault(match["name"], []).append(match["message"])
    return {name: "\n".join(messages) for name, messages in named.items()}


def _crash(output: str, lines: int = 15) -> str:
    """A failure that names no page (a traceback): its last line, which names the exception,
    then its last lines."""
    tail = output.strip().splitlines()[-lines:] or ["hugomat failed and printed nothing"]
    return "\n".join([f"crash: {tail[-1]}", *tail])


def _article(folder: Path, name: str) -> str | None:
    page = folder / "site" / page_url(name).strip("/") / "index.html"
    if not page.is_file():
        return None
    text = page.read_text("utf-8")
    start = text.index(_ARTICLE_START) + len(_ARTICLE_START)
    # The page's text may hold an </article> of its own; Material's layout has none after.
    return text[start:text.rindex(_ARTICLE_END)]


def content_of(article: str, title: str | None) -> str:
    """The page's text in Material's article, without what Material adds around it:

    - `nav.md-tags`: the page's tags (front matter `tags`), not part of its text;
    - `a.md-content__button`: the edit and view buttons (`edit_uri` with the content.action
      features);
    - `<h1>TITLE</h1>`: Material adds the page's title as a heading when the text has no `<h1>`;
      hugo-book does not, so it is removed when it is there and holds exactly the title (test
      pages get titles no example's text can hold, so a heading of the text is never taken);
    - `aside.md-source-file` (dates, authors), `form.md-feedback` (the feedback widget) and the
      comments block (`h2#__comments` and what follows) after the text.

    Heading permalinks (`a.headerlink`) stay: canonical_html leaves them out as it leaves out
    Hugo's `a.anchor`.
    """
    # Material writes the title as it is; accept it escaped too, should that change.
    written = "|".join(re.escape(form) for form in {title, html.escape(title, quote=False)})
    heading = rf"\s*<h1>(?:{written})</h1>" if title else r"(?!)"
    before_text = re.compile(rf"^{_TAGS}{_BUTTONS}(?:{heading})?", re.DOTALL)
    article = before_text.sub("", article, count=1)
    return _AFTER_TEXT.sub("", article, count=1)


def title_of(page_text: str) -> str | None:
    """The title in a page's front matter: YAML (---), TOML (+++) or JSON ({)."""
    text = page_text.lstrip("\ufeff")
    for fence, load in (("---", yaml.safe_load), ("+++", tomllib.loads)):
        if text.startswith(fence + "\n"):
            end = text.find(f"\n{fence}", len(fence))
            meta = load(text[len(fence) + 1:end]) if end > 0 else None
            return _title(meta)
    if text.startswith("{"):
        meta, _ = json.JSONDecoder().raw_decode(text)
        return _title(meta)
    return None


def _title(meta: object) -> str | None:
    if isinstance(meta, dict):
        title = {str(key).lower(): value for key, value in meta.items()}.get("title")
        return str(title) if title is not None else None
    return None


def assert_reads_as_hugo(name: str, page: str, hugo: HugoRender, ours: HugomatRender,
                         *context: str) -> None:
    """The page as hugomat builds it has Hugo's canonical HTML, exactly; `context` lines
    go into the message (the case's Markdown, say)."""
    assert page not in ours.refused, f"hugomat refuses the page: {ours.refused.get(page)}"
    expected = canonical(hugo.articles[page], page_url=page_url(page))
    actual = canonical(ours.articles[page], page_url=page_url(page))
    assert actual == expected, "\n".join([
        f"{name}: hugomat renders the page differently from Hugo", *context,
        f"hugo:    {' '.join(expected)}", f"hugomat: {' '.join(actual)}",
        *differences(expected, actual)])
