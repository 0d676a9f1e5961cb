"""`hugomat check` and `hugomat build --strict` report the same located mistakes.

Each small book below holds one or several mistakes, in one language or two. Both commands
run over it, with --strict and without; the mistakes each prints (path, line, column,
severity, message) must be the same set, and both must exit alike. What `check` alone says,
notes (a page without a title), is no mistake: it must never make check fail.
"""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from hugomat.cli import main


def _picture(size: tuple[int, int] = (40, 30), kind: str = "WEBP") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, kind)
    return buffer.getvalue()


ONE_LANGUAGE = """\
site_name: Broken
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - hugomat:
      pictures:
        widths: [20]
        formats: [webp]
        jpeg_fallback: false
"""

TWO_LANGUAGES = """\
site_name: Broken
docs_dir: content.en
theme:
  name: material
  font: false
plugins:
  - search
  - hugomat:
      default_language: en
      languages:
        en: {content_dir: content.en}
        es: {content_dir: content.es, label: Español}
      pictures:
        widths: [20]
        formats: [webp]
        jpeg_fallback: false
"""


def page(title: str | None, body: str, **front: str) -> str:
    lines = [f"title: {title}"] if title is not None else []
    lines += [f"{key}: {value}" for key, value in front.items()]
    return "---\n" + "".join(f"{line}\n" for line in lines) + "---\n" + body


HOME = page("Home", "Welcome.\n")
INTRO = page("Intro", "# Intro\n\n## Start here\n\nText.\n")


@dataclass
class Book:
    name: str
    files: dict[str, str | bytes]
    config: str = ONE_LANGUAGE
    links: dict[str, str] = field(default_factory=dict)
    """Symbolic links to make: path -> where it points."""
    clean: bool = False
    """A book without mistakes (a note is none): both commands must say nothing."""
    strict_only: bool = False
    """Its mistakes are warnings only --strict gives: without it, both say nothing."""

    def write(self, root: Path) -> None:
        (root / "mkdocs.yml").write_text(self.config, encoding="utf-8")
        for rel, data in self.files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        for rel, target in self.links.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, root / rel)


def one(name: str, pages: dict[str, str], *, files: dict[str, str | bytes] | None = None,
        config: str = ONE_LANGUAGE, links: dict[str, str] | None = None,
        clean: bool = False) -> Book:
    """A book in one language: pages under content/ besides a home and an intro."""
    written: dict[str, str | bytes] = {"content/_index.md": HOME,
                                       "content/docs/intro.md": INTRO}
    written.update({f"content/{rel}": text for rel, text in pages.items()})
    written.update(files or {})
    return Book(name, written, config, links or {}, clean)


def two(name: str, en: dict[str, str], es: dict[str, str],
        files: dict[str, str | bytes] | None = None, clean: bool = False) -> Book:
    """A book in English and Spanish, each with a home and an intro."""
    written: dict[str, str | bytes] = {}
    for code, pages in (("en", en), ("es", es)):
        written[f"content.{code}/_index.md"] = HOME
        written[f"content.{code}/docs/intro.md"] = INTRO
        written.update({f"content.{code}/{rel}": text for rel, text in pages.items()})
    written.update(files or {})
    return Book(name, written, TWO_LANGUAGES, clean=clean)


DEEP = "".join("{{< hint >}}\n" for _ in range(201)) + "x\n" + "".join(
    "{{< /hint >}}\n" for _ in range(201))

BOOKS = [
    one("missing picture", {"docs/a.md": page("A", "![x](nope.png)\n")}),
    one("missing banner", {"docs/a.md": page("A", "Text.\n", image="gone.webp")}),
    one("unknown shortcode", {"docs/a.md": page("A", "{{< nope >}}\n")}),
    one("bad relref", {"docs/a.md": page("A", '[x]({{< relref "zzz" >}})\n')}),
    one("ambiguous relref", {"docs/a.md": page("A", '[x]({{< relref "same" >}})\n'),
                             "docs/one/same.md": page("S1", "One.\n"),
                             "docs/two/same.md": page("S2", "Two.\n")}),
    one("missing anchor here", {"docs/a.md": page("A", "## Here\n\n[x](#there)\n")}),
    one("missing anchor there", {"docs/a.md": page("A", "[x](intro.md#nowhere)\n")}),
    one("relref missing anchor", {"docs/a.md": page("A", '[x]({{< relref "intro#no" >}})\n')}),
    one("broken md link", {"docs/a.md": page("A", "[x](missing.md) [y](../docs/gone.md)\n")}),
    one("link to a path that is nothing", {"docs/a.md": page("A", "[x](../nowhere/)\n")}),
    one("link to a draft", {"docs/a.md": page("A", "[x](d.md)\n"),
                            "docs/d.md": page("D", "Later.\n", draft="true")}),
    one("front matter types", {"docs/a.md": page("A", "Text.\n", weight='"abc"',
                                                 draft='"yes"'),
                               "docs/b.md": page("B", "Text.\n", date="notadate"),
                               "docs/c.md": page("[1, 2]", "Text.\n", bookToC='"no"')}),
    one("front matter that does not parse", {"docs/a.md": "---\ntitle: [oops\n---\nText\n"}),
    one("unclosed shortcode", {"docs/a.md": page("A", "{{< details x >}}\nnever closed\n")}),
    one("shortcodes nested too deep", {"docs/a.md": page("A", DEEP)}),
    one("symlink out of the site", {}, files={"static/ok.txt": "ok\n"},
        links={"static/passwd.txt": "/etc/hostname"}),
    Book("unknown hint kind", {"content/docs/a.md": page("A", "{{< hint warn >}}\nCareful.\n"
                                                              "{{< /hint >}}\n")},
         strict_only=True),
    one("fence attributes", {"docs/a.md": page("A", "```go {linenostart=abc}\nx\n```\n\n"
                                                    "```go {linenos=true\ny\n```\n\n"
                                                    "```go {nowrap}\nz\n```\n")}),
    one("duplicate heading ids", {"docs/a.md": page("A", "## Same\n\n## Same\n\n[x](#same)"
                                                         " [y](#same-1)\n")}, clean=True),
    one("missing title", {"docs/a.md": "Just text.\n", "docs/b.md": page("", "Text.\n")},
        clean=True),
    one("two pages on one URL", {"docs/a.md": page("A", "One.\n"),
                                 "docs/a/index.md": page("A2", "Two.\n")}),
    one("alias on a page's URL", {"docs/a.md": page("A", "A.\n", aliases="[/docs/intro/]")}),
    one("javascript link", {"docs/a.md": page("A", "[x](javascript:alert(1))\n")}),
    one("javascript bookHref", {"docs/a.md": page("A", "Text.\n",
                                                  bookHref="'javascript:alert(1)'")}),
    one("tab outside tabs", {"docs/a.md": page("A", "{{< tab \"x\" >}}\nX\n{{< /tab >}}\n")}),
    one("columns without a list", {"docs/a.md": page("A", "{{% columns %}}\nJust text.\n"
                                                          "{{% /columns %}}\n")}),
    one("TeX mistake", {"docs/a.md": page("A", "{{< katex >}}\n\\frac{1}{\n{{< /katex >}}\n")}),
    one("bad picture file", {"docs/a.md": page("A", "![x](bad.png)\n"),
                             "docs/bad.png": "not a picture\n"}),
    one("several mistakes, several pages", {
        "docs/a.md": page("A", "![x](nope.png)\n{{< nope >}}\n[y](#nowhere)\n"),
        "docs/b.md": page("B", "[z](a.md#gone) [w](missing.md)\n", weight='"x"'),
        "docs/c.md": "---\ntitle: [oops\n---\n"}),
    one("mistakes in pages and a static link out", {
        "docs/a.md": page("A", "![x](nope.png)\n")},
        files={"static/ok.txt": "ok\n"}, links={"static/out.txt": "/etc/hostname"}),
    one("a clean book with pictures", {"docs/a.md": page("A", "![x](pic.webp)\n",
                                                         image="pic.webp")},
        files={"assets/pic.webp": _picture()}, clean=True),
    one("menu entry to no page", {}, config=ONE_LANGUAGE.replace(
        "      pictures:", "      menu_before: [{name: Go, page: /docs/nope}]\n      pictures:")),
    one("menu in front matter of the wrong type", {"docs/a.md": page("A", "x\n",
                                                                     menu="{after: 5}")}),
    one("bad permalink pattern", {}, config=ONE_LANGUAGE.replace(
        "      pictures:", "      permalinks: {docs: /:bogus/}\n      pictures:")),
    one("Sass mistake in a style hook", {}, files={"assets/_custom.scss": ".x { color: ;\n"}),
    one("picture too tall for WebP", {"docs/a.md": page("A", "![x](tall.png)\n")},
        files={"content/docs/tall.png": _picture((1, 17000), "PNG")}),
    one("truncated picture", {"docs/a.md": page("A", "![x](cut.png)\n")},
        files={"content/docs/cut.png": _picture((300, 200), "PNG")[:200]}),
    one("symlink loop in the content", {}, links={"content/docs/loop": ".."}),
    one("site shortcode that fails", {"docs/a.md": page("A", '{{< boom >}}\n')},
        files={"hugo.toml": 'title = "x"\n',
               "layouts/shortcodes/boom.html": '{{ errorf "boom %s" "here" }}\n'}),
    one("inject partial that does not parse", {"docs/a.md": page("A", "Text.\n")},
        files={"hugo.toml": 'title = "x"\n',
               "layouts/partials/docs/inject/body.html": "{{ if }\n"}),
    one("shortcode links and pictures", {"docs/a.md": page(
        "A", '{{< button href="javascript:x()" >}}Go{{< /button >}}\n\n'
             '{{< button relref="nowhere" >}}Go{{< /button >}}\n\n'
             '{{< image src="nope.png" alt="x" >}}\n\n'
             '{{< card href="/docs/nope/" >}}Card{{< /card >}}\n')}),
    one("links to static files and page files", {"docs/a.md": page(
        "A", "[ok](/files/a.pdf) [gone](/files/b.pdf) [res](pic.webp) [nores](no.webp)\n")},
        files={"static/files/a.pdf": b"%PDF-1.4\n", "content/docs/pic.webp": _picture()}),
    one("hidden, out-of-menu and headless pages", {
        "docs/a.md": page("A", "[x](b.md#gone)\n", bookHidden="true"),
        "docs/b.md": page("B", "## Here\n"),
        "blog/post.md": page("Post", "[y](/docs/a/#nada)\n")}),
    two("bookHref in the second language", {},
        {"docs/a.md": page("A", "x\n", bookHref="'javascript:alert(1)'")}),
    two("aliases clashing in the second language", {},
        {"docs/a.md": page("A", "x\n", aliases="[/docs/intro/, /docs/x/]"),
         "docs/b.md": page("B", "x\n", aliases="[/docs/x/]")}),
    two("clean in two languages", {"docs/a.md": page("A", "[x](intro.md#start-here)\n")},
        {"docs/a.md": page("A", "[x](intro.md#start-here)\n")}, clean=True),
    two("broken only in the second language", {"docs/a.md": page("A", "Fine.\n")},
        {"docs/a.md": page("A", "![x](nope.png)\n[y](#nada)\n{{< nope >}}\n")}),
    two("relref lang= to the other language",
        {"docs/a.md": page("A", '[es]({{< relref path="intro" lang="es" >}})\n')},
        {"docs/a.md": page("A", '[en]({{< relref path="/docs/intro.md" lang="en" >}})\n')},
        clean=True),
    two("relref lang= to a page the other language lacks",
        {"docs/a.md": page("A", '[es]({{< relref path="solo-en" lang="es" >}})\n'),
         "docs/solo-en.md": page("Solo", "Only here.\n")}, {}),
    two("link to the other language's page", {"docs/a.md": page("A", "[es](/es/docs/intro/)\n")},
        {"docs/a.md": page("A", "[en](/docs/intro/) [gone](/docs/nope/)\n")}),
    two("front matter broken in both languages",
        {"docs/a.md": page("A", "Text.\n", date="notadate")},
        {"docs/a.md": "---\ntitle: [oops\n---\n"}),
    two("drafts in the second language", {},
        {"docs/a.md": page("A", "[d](d.md)\n"), "docs/d.md": page("D", "x\n", draft="true")}),
    two("missing titles and unknown shortcodes in both",
        {"docs/a.md": "Text.\n\n{{< nope >}}\n"}, {"docs/a.md": "Texto.\n\n{{< nada >}}\n"}),
    Book("default language in a subfolder", {
        "content.en/_index.md": HOME, "content.es/_index.md": HOME,
        "content.en/docs/a.md": page("A", "[x](/en/docs/a/) [y](/es/docs/b/#nada) [z](/docs/a/)\n"),
        "content.es/docs/b.md": page("B", '[x]({{< relref path="a" lang="en" >}})\n')},
        TWO_LANGUAGES.replace("      default_language: en\n", "      default_language: en\n"
                              "      default_language_in_subdir: true\n"), clean=True),
    two("front matter read as JSON in both", {"docs/a.md": "{{< nope >}}\n"},
        {"docs/a.md": "{{< nada >}}\n"}),
    two("two pages on one URL in the second language", {},
        {"docs/b.md": page("B", "One.\n"), "docs/b/index.md": page("B2", "Two.\n")}),
]

LOCATED = re.compile(r"^(?P<path>[^\s:][^:\n]*):(?P<line>\d+):(?P<column>\d+): "
                     r"(?:(?P<severity>warning|note): )?(?P<message>.*)$")

Mistake = tuple[str, int, int, str, str]


def _located(text: str) -> set[Mistake]:
    found = set()
    for line in text.splitlines():
        match = LOCATED.match(line)
        if match:
            found.add((match["path"], int(match["line"]), int(match["column"]),
                       match["severity"] or "error", match["message"]))
    return found


def _check(*flags: str) -> tuple[int, set[Mistake], set[Mistake]]:
    """check's exit code, its mistakes, and its notes (said, never failing)."""
    result = CliRunner().invoke(main, ["check", "--format", "json", *flags],
                                catch_exceptions=False)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        return 2, {("", 0, 0, "error", result.stderr.strip())}, set()
    found = {(f["path"], f["line"], f["column"], f["severity"], f["message"])
             for f in json.loads(result.stdout)}
    notes = {f for f in found if f[3] == "note"}
    return result.exit_code, found - notes, notes


def _build(*flags: str) -> tuple[int, set[Mistake]]:
    result = CliRunner().invoke(main, ["build", "-q", *flags], catch_exceptions=False)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        return 2, {("", 0, 0, "error", result.stderr.strip())}
    return result.exit_code, _located(result.stderr)


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "relaxed"])
@pytest.mark.parametrize("book", [pytest.param(b, id=b.name) for b in BOOKS])
def test_check_and_build_report_the_same_mistakes(book, strict, tmp_path, monkeypatch):
    monkeypatch.setenv("HUGOMAT_PAGE_WORKERS", "1")
    book.write(tmp_path)
    monkeypatch.chdir(tmp_path)
    flags = ["--strict"] if strict else []
    checked_code, checked, notes = _check(*flags)
    built_code, built = _build(*flags)
    assert (checked_code, sorted(checked)) == (built_code, sorted(built))
    assert bool(built) is not (book.clean or (book.strict_only and not strict)), built
    if not built:
        assert checked_code == 0, notes  # a note alone never fails


def test_the_books_are_many_and_in_one_and_two_languages():
    assert len(BOOKS) >= 30
    assert sum(b.config == ONE_LANGUAGE for b in BOOKS) >= 20
    assert sum(b.config == TWO_LANGUAGES for b in BOOKS) >= 8
    assert len({b.name for b in BOOKS}) == len(BOOKS)


DRAFTS = [b for b in BOOKS if "draft" in b.name]


@pytest.mark.parametrize("book", DRAFTS, ids=[b.name for b in DRAFTS])
def test_with_drafts_built_a_link_to_a_draft_is_no_mistake_in_either(book, tmp_path,
                                                                     monkeypatch):
    monkeypatch.setenv("HUGOMAT_PAGE_WORKERS", "1")
    book.write(tmp_path)
    monkeypatch.chdir(tmp_path)
    checked_code, checked, _ = _check("--strict", "--drafts")
    built_code, built = _build("--strict", "--drafts")
    assert (checked_code, checked) == (built_code, built) == (0, set())
    assert _check("--strict")[0] == _build("--strict")[0] == 1
