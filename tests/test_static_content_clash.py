"""A static file published at the path of a page: Hugo publishes the page, and so does hugomat.

`static/index.html` beside `content/_index.md`, or `static/docs/page/index.html` beside
`content/docs/page.md`: on the Hugo site the page is served and the static file never reaches a
reader. hugomat publishes the page too, and says so in a warning at the static file naming the
page's file, which `check` reports as the build does (and --strict makes an error).
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from hugomat.cli import main
from site_configs import MINIMAL_MKDOCS_YML, TWO_LANGUAGE_MKDOCS_YML
from test_relative_pictures import hugo_site

PAGES = {
    "_index.md": "---\ntitle: Home\n---\nHome page text.\n",
    "docs/page.md": "---\ntitle: Page\n---\nContent page text.\n",
    "docs/sec/_index.md": "---\ntitle: Sec\n---\nSection text.\n",
}
FILES = {
    "static/index.html": b"<p>STATIC HOME</p>\n",
    "static/docs/page/index.html": b"<p>STATIC PAGE</p>\n",
    "static/docs/sec/index.html": b"<p>STATIC SECTION</p>\n",
    "static/docs/page/notes.txt": b"not in the way\n",
}
SERVED = {"index.html": "Home page text.", "docs/page/index.html": "Content page text.",
          "docs/sec/index.html": "Section text."}
CLASHES = [
    ("static/docs/page/index.html", "content/docs/page.md"),
    ("static/docs/sec/index.html", "content/docs/sec/_index.md"),
    ("static/index.html", "content/_index.md"),
]


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_page_is_published_where_hugo_publishes_it(project, tmp_path):
    public = hugo_site(tmp_path / "hugo-site", PAGES, FILES)
    root = project(PAGES, config=MINIMAL_MKDOCS_YML, files=FILES)
    result = invoke("build")
    assert result.exit_code == 0, result.output
    for path, text in SERVED.items():
        hugo = (public / path).read_text("utf-8")
        ours = (root / "site" / path).read_text("utf-8")
        assert text in hugo and "STATIC" not in hugo, path
        assert text in ours and "STATIC" not in ours, path
    assert (root / "site/docs/page/notes.txt").read_bytes() == FILES["static/docs/page/notes.txt"]


def test_each_clash_is_a_warning_at_the_static_file_naming_the_page(project):
    project(PAGES, config=MINIMAL_MKDOCS_YML, files=FILES)
    result = invoke("build")
    assert result.exit_code == 0, result.output
    for static, page in CLASHES:
        line = next((line for line in result.output.splitlines()
                     if line.startswith(f"{static}:1:1: ")), None)
        assert line is not None and page in line and "warning" in line, result.output
    assert "notes.txt" not in result.output


def test_check_reports_the_clashes_and_strict_fails_on_them(project):
    project(PAGES, config=MINIMAL_MKDOCS_YML, files=FILES)
    checked = invoke("check", "--format", "json")
    found = [(item["path"], item["severity"]) for item in json.loads(checked.output)
             if item["path"].startswith("static/")]
    assert sorted(found) == sorted((static, "warning") for static, _ in CLASHES), checked.output
    assert invoke("check", "--strict").exit_code == 1
    strict = invoke("build", "--strict")
    assert strict.exit_code == 1
    assert all(f"{static}:1:1: " in strict.output for static, _ in CLASHES), strict.output


def test_a_language_in_a_subfolder_keeps_its_page(project):
    # Hugo copies static/ to the site's root only; hugomat's build of the second language
    # publishes it under /es/ too, and must not put it over the Spanish page there.
    root = project({}, config=TWO_LANGUAGE_MKDOCS_YML,
                   files={"content.en/docs/page.md": b"---\ntitle: Page\n---\nEnglish text.\n",
                          "content.es/docs/page.md": b"---\ntitle: Page\n---\nTexto.\n",
                          "static/docs/page/index.html": b"<p>STATIC PAGE</p>\n"})
    result = invoke("build")
    assert result.exit_code == 0, result.output
    assert "English text." in (root / "site/docs/page/index.html").read_text("utf-8")
    spanish = (root / "site/es/docs/page/index.html").read_text("utf-8")
    assert "Texto." in spanish and "STATIC" not in spanish
    said = [line for line in result.output.splitlines() if line.startswith("static/")]
    assert len(said) == 1 and "content.en/docs/page.md" in said[0], result.output
