"""`hugomat check`: every problem of a book in one pass, each at its path:line:col."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from hugomat.cli import main

ROOT = Path(__file__).resolve().parent.parent


def picture(kind: str = "WEBP") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 80, 20)).save(buffer, kind)
    return buffer.getvalue()


def run(*args: str):
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


def where(rel: str) -> str:
    """A content file as check names it, run from the project folder."""
    return str(Path("content", *rel.split("/")))


CHAPTER = """\
---
title: Chapter
image: pics/banner.webp
---

# Chapter

## A Taste

Back to [the top](#chapter), on to [the guide](guide/index.md#set-up), the
[same guide by URL](../guide/#set-up), [home](/), [the docs](../) and
[a relref]({{< relref "guide#later-on" >}}). The [paper](/files/paper.pdf) and
![the banner](/pics/banner.webp). A [reference link][r].

[r]: ../guide/

Not links: `[x](nowhere.md)` and

```md
[y](missing.md) ![z](missing.png)
```

Elsewhere: [a site](https://example.org/nope), [mail](mailto:someone@example.org).

{{% details title="More" %}}
### Inside details
{{% /details %}}
"""

GUIDE = """\
---
title: Guide
---

## Set up

![diagram](diagram.png)

## Later {#later-on}

Back to [the chapter](../chapter.md#a-taste) and [the details](../chapter/#inside-details).
"""

CLEAN_PAGES = {
    "_index.md": "---\ntitle: Home\n---\n# Home\n\nRead [the chapter](docs/chapter.md).\n",
    "docs/_index.md": "---\ntitle: Docs\n---\n",
    "docs/chapter.md": CHAPTER,
    "docs/guide/index.md": GUIDE,
}


def clean_files() -> dict[str, bytes]:
    return {"assets/pics/banner.webp": picture(),
            "content/docs/guide/diagram.png": picture("PNG"),
            "static/files/paper.pdf": b"%PDF-1.4\n"}


BROKEN = """\
---
title: Broken
image: pics/missing.webp
---

# Broken

See [nothing](nothing.md) here.
[bad url](../nowhere/)
[bad anchor](#nope)
[bad remote anchor](chapter.md#nope)
{{< relref "missing" >}}
[x]({{< relref "chapter#nope" >}})
![gone](gone.png)
![broken](bad.png)
{{< unknown-thing >}}
"""


def test_a_clean_book_exits_0_and_prints_nothing(project):
    project(CLEAN_PAGES, files=clean_files())
    result = run()
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "0 errors, 0 warnings" in result.stderr


def test_every_problem_in_one_pass_with_its_place(project):
    pages = dict(CLEAN_PAGES)
    pages.update({
        "docs/broken.md": BROKEN,
        "docs/untitled.md": "Just text, no front matter.\n",
        "docs/dup.md": "---\ntitle: Dup\n---\nOne.\n",
        "docs/dup/index.md": "---\ntitle: Dup again\n---\nTwo.\n",
        "docs/malformed.md": "---\ntitle: M\n---\n\n{{< details >}}\nnever closed\n",
    })
    files = clean_files()
    files["content/docs/bad.png"] = b"this is not a picture"
    project(pages, files=files)
    result = run()
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    broken, dup = where("docs/broken.md"), where("docs/dup.md")
    expected_exact = [
        f"{broken}:8:15: link target 'nothing.md' does not exist",
        f"{broken}:9:11: warning: link target '../nowhere/' does not exist",
        f"{broken}:10:14: anchor '#nope' does not exist on this page (ids there: broken)",
        f"{broken}:11:21: anchor '#nope' does not exist on {where('docs/chapter.md')} "
        "(ids there: chapter, a-taste, inside-details)",
        f"{broken}:13:5: relref anchor '#nope' does not exist on {where('docs/chapter.md')} "
        "(ids there: chapter, a-taste, inside-details)",
        f"{dup}:1:1: page has the same URL /docs/dup/ as {where('docs/dup/index.md')}; "
        "only one of them can be built",
        f"{where('docs/dup/index.md')}:1:1: page has the same URL /docs/dup/ as {dup}; "
        "only one of them can be built",
        f"{where('docs/untitled.md')}:1:1: note: page has no title (the site shows "
        "'Untitled' instead)",
    ]
    for line in expected_exact:
        assert line in lines, f"missing: {line}\n" + result.stdout
    # Messages that come from the conversion the build uses: place and gist.
    expected_start = [
        f"{broken}:3:1: picture 'pics/missing.webp' not found",
        f"{broken}:12:1: relref target 'missing' does not exist",
        f"{broken}:14:9: picture 'gone.png' not found (looked in assets/, static/, content/)",
        f"{broken}:15:11: picture 'bad.png' is not a picture Pillow can read",
        f"{broken}:16:1: warning: unknown shortcode 'unknown-thing'",
        f"{where('docs/malformed.md')}:5:1: shortcode 'details' is never closed",
    ]
    for start in expected_start:
        assert any(line.startswith(start) for line in lines), f"missing: {start}\n" + (
            result.stdout)
    assert len(lines) == len(expected_exact) + len(expected_start), result.stdout
    # Sorted by path, then line, then column.
    keys = [_key(line) for line in lines]
    assert keys == sorted(keys)
    assert "Traceback" not in result.output


def _key(line: str) -> tuple[str, int, int]:
    match = re.match(r"(.*?):(\d+):(\d+): ", line)
    assert match, line
    return match[1], int(match[2]), int(match[3])


def test_bad_front_matter_is_located(project):
    pages = dict(CLEAN_PAGES)
    pages["docs/bad.md"] = "---\ntitle: [oops\n---\nText\n"
    project(pages, files=clean_files())
    result = run()
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{where('docs/bad.md')}:")
    assert "invalid YAML front matter" in result.stdout
    assert "Traceback" not in result.output


def test_warnings_fail_only_under_strict(project):
    pages = dict(CLEAN_PAGES)
    pages["docs/odd.md"] = "---\nweight: 3\n---\n{{< nope >}}\n"
    project(pages, files=clean_files())
    relaxed = run()
    assert relaxed.exit_code == 0
    assert relaxed.stdout.splitlines() == [
        f"{where('docs/odd.md')}:1:1: note: page has no title (the site shows 'Odd' "
        "instead)",
        relaxed.stdout.splitlines()[1],
    ]
    assert relaxed.stdout.splitlines()[1].startswith(
        f"{where('docs/odd.md')}:4:1: warning: unknown shortcode 'nope'")
    strict = run("--strict")
    assert strict.exit_code == 1
    # As build --strict says them: the warning is an error, the note still a note.
    assert strict.stdout == relaxed.stdout.replace(": warning: unknown shortcode",
                                                   ": unknown shortcode")


def test_json_format(project):
    pages = dict(CLEAN_PAGES)
    pages["docs/x.md"] = "---\ntitle: X\n---\n[a](#missing)\n{{< nope >}}\n"
    project(pages, files=clean_files())
    result = run("--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found == [
        {"path": where("docs/x.md"), "line": 4, "column": 5, "severity": "error",
         "message": "anchor '#missing' does not exist on this page (ids there: none)"},
        {"path": where("docs/x.md"), "line": 5, "column": 1, "severity": "warning",
         "message": found[1]["message"]},
    ]
    assert found[1]["message"].startswith("unknown shortcode 'nope'")
    assert json.loads(run("--format", "json", "-f", str(ROOT / "mkdocs.yml")).stdout) == []


def test_links_in_code_and_to_other_sites_are_not_followed(project):
    pages = dict(CLEAN_PAGES)
    text = ("---\ntitle: C\n---\n`[a](gone.md)` and ``[b](gone.md)``\n\n~~~\n[c](gone.md)\n~~~\n"
            "\n<!-- [d](gone.md) -->\n[e](https://example.org/gone) [f](mailto:x@example.org)\n")
    pages["docs/code.md"] = text
    project(pages, files=clean_files())
    assert run().exit_code == 0
    # The same link outside code is followed, and reported.
    (Path("content") / "docs" / "code.md").write_text(text + "[g](gone.md)\n", encoding="utf-8")
    result = run()
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{where('docs/code.md')}:12:5: link target 'gone.md' does not exist"]


@pytest.mark.parametrize(("pages", "first", "second"), [
    ({"docs/a.md": "---\ntitle: A\n---\n", "docs/a/index.md": "---\ntitle: B\n---\n"},
     "docs/a.md", "docs/a/index.md"),
    ({"docs/b/_index.md": "---\ntitle: A\n---\n", "docs/b/index.md": "---\ntitle: B\n---\n"},
     "docs/b/_index.md", "docs/b/index.md"),
])
def test_two_pages_with_one_url(project, pages, first, second):
    project(pages)
    result = run()
    assert result.exit_code == 1
    assert [line.split(": page has the same URL")[0] for line in result.stdout.splitlines()] == [
        f"{where(first)}:1:1", f"{where(second)}:1:1"]


def test_odd_targets_are_reported_not_raised(project):
    long_name = "x" * 300
    project({"docs/a.md": f"---\ntitle: A\n---\n[nul](%00.md) [u](bad%00/) ![p]({long_name}.png)\n"
                          f"[long]({long_name}/)\n"})
    result = run()
    assert result.exit_code == 1
    assert [line.split(": ", 1)[0] for line in result.stdout.splitlines()] == [
        f"{where('docs/a.md')}:4:7", f"{where('docs/a.md')}:4:19", f"{where('docs/a.md')}:4:33",
        f"{where('docs/a.md')}:5:8"]


def test_a_link_to_a_draft_is_broken_unless_drafts_are_built(project):
    project({"docs/a.md": "---\ntitle: A\n---\nSee [the draft](draft.md).\n",
             "docs/draft.md": "---\ntitle: D\ndraft: true\n---\nLater.\n"})
    result = run()
    assert result.exit_code == 1
    assert result.stdout == (f"{where('docs/a.md')}:4:17: link target 'draft.md' is not a page "
                             "of the site (a draft, or a file inside a leaf bundle)\n")
    assert run("--drafts").exit_code == 0


def test_an_alias_on_the_url_of_a_page(project):
    project({"docs/a.md": "---\ntitle: A\naliases:\n  - /docs/b/\n---\nA\n",
             "docs/b.md": "---\ntitle: B\n---\nB\n"})
    result = run()
    assert result.exit_code == 1
    assert result.stdout == (f"{where('docs/a.md')}:3:1: alias '/docs/b/' is already the URL "
                             f"of {where('docs/b.md')}\n")


LANGUAGES = """\
site_name: Book
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
        es: {content_dir: content.es}
"""


def test_every_language_is_checked(project):
    root = project({}, config=LANGUAGES)
    for rel, text in {"content.en/docs/intro.md": "---\ntitle: Intro\n---\n[ok](#intro)\n",
                      "content.es/docs/intro.md": "---\ntitle: Intro\n---\n## Uno\n[x](#dos)\n",
                      }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = run()
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{Path('content.en/docs/intro.md')}:4:6: anchor '#intro' does not exist on this page "
        "(ids there: none)",
        f"{Path('content.es/docs/intro.md')}:5:5: anchor '#dos' does not exist on this page "
        "(ids there: uno)",
    ]


def test_usage_errors_exit_2(project, tmp_path):
    project({"docs/a.md": "---\ntitle: A\n---\n"},
            config="site_name: X\ndocs_dir: content\nplugins: [search]\n")
    result = run()
    assert result.exit_code == 2
    assert "'hugomat' plugin is not listed" in result.stderr
    assert run("--format", "xml").exit_code == 2
    assert run("-f", str(tmp_path / "missing.yml")).exit_code == 2


def test_two_identical_mistakes_are_two_errors_each_at_its_place(project):
    project({"docs/a.md": "---\ntitle: A\n---\n![x](nope.png)\n\nText, then ![x](nope.png)\n"
                          "and [y](gone.md) [y](gone.md)\n"})
    result = run()
    assert result.exit_code == 1
    page = where("docs/a.md")
    assert result.stdout.splitlines() == [
        f"{page}:4:6: picture 'nope.png' not found (looked in assets/, static/, content/)",
        f"{page}:6:17: picture 'nope.png' not found (looked in assets/, static/, content/)",
        f"{page}:7:9: link target 'gone.md' does not exist",
        f"{page}:7:22: link target 'gone.md' does not exist",
    ]


def test_the_real_book_is_clean():
    result = run("-f", str(ROOT / "mkdocs.yml"), "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
