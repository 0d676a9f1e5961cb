"""Front matter checked by type (hugomat.read.page_schema): a value Hugo refuses is a located
error, a value Hugo reads otherwise than written a located warning; `check` and `build`
report the same, and nothing is dropped or shown as a Python repr."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from hugomat.cli import main
from hugomat.read import book, page_schema
from hugomat.read.source import SiteSource

PAGE = str(Path("content/docs/x.md"))


def checked(project, front: str, body: str = "Text.\n", fence: str = "---") -> list[str]:
    """`hugomat check` of a book whose page docs/x.md has this front matter: its lines."""
    project({"docs/x.md": f"{fence}\n{front}\n{fence}\n{body}"})
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    # Errors fail the check; warnings and notes alone do not.
    assert result.exit_code == (1 if any(": warning: " not in line and ": note: " not in line
                                         for line in lines) else 0)
    return lines


def built(project, front: str, *args: str) -> tuple[int, str]:
    project({"docs/x.md": f"---\n{front}\n---\nText.\n"})
    result = CliRunner().invoke(main, ["build", *args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def read_as(data: dict) -> tuple[dict, list[page_schema.Problem]]:
    problems = page_schema.validate(data)
    return data, problems


# -- errors: values Hugo fails on ----------------------------------------------------------


def test_a_date_that_is_no_date_is_an_error(project):
    assert checked(project, 'title: X\ndate: "notadate"') == [
        f"{PAGE}:3:1: date is not a date: the text 'notadate' (write a date like "
        "2024-05-01, 2024-05-01T10:30:00Z or 2024-05-01 10:30:00+02:00)"]


@pytest.mark.parametrize("key", ["lastmod", "publishDate", "expiryDate"])
def test_every_date_of_a_page_is_checked(project, key):
    assert checked(project, f"title: X\n{key}: [1]") == [
        f"{PAGE}:3:1: {key} is not a date: a list (write a date like 2024-05-01, "
        "2024-05-01T10:30:00Z or 2024-05-01 10:30:00+02:00)"]


def test_a_menu_entry_that_is_no_map_is_an_error(project):
    assert checked(project, "title: X\nmenu: {after: 5}") == [
        f"{PAGE}:3:1: menu.after must be a map (weight, name, ...), not the number 5"]


def test_a_menu_weight_that_is_no_number_is_an_error(project):
    assert checked(project, 'title: X\nmenu: {after: {weight: "x"}}') == [
        f"{PAGE}:3:1: menu.after.weight must be a whole number, not the text 'x'"]


def test_params_that_are_no_map_are_an_error(project):
    assert checked(project, "title: X\nparams: 5") == [
        f"{PAGE}:3:1: params must be a map of parameters, not the number 5"]


def test_an_alias_that_is_a_url_is_an_error(project):
    assert checked(project, "title: X\naliases: [https://x.org/a]") == [
        f"{PAGE}:3:1: alias 'https://x.org/a' is a URL; an alias is a path of this site"]


def test_a_banner_that_is_a_list_is_an_error(project):
    assert checked(project, "title: X\nimage: [a.webp]") == [
        f"{PAGE}:3:1: image must be a picture's path, not a list"]


def test_the_mistake_is_at_the_key_s_column(project):
    # JSON keys stand inside the braces: the column is the key's own.
    assert checked(project, '{"title": "X",\n  "date": [3]\n}', fence="") == [
        f"{PAGE}:2:3: date is not a date: a list (write a date like 2024-05-01, "
        "2024-05-01T10:30:00Z or 2024-05-01 10:30:00+02:00)"]


def test_front_matter_errors_fail_the_build_too(project):
    code, output = built(project, 'title: X\ndate: "notadate"')
    assert code == 1
    assert f"{PAGE}:3:1: date is not a date: the text 'notadate'" in output


# -- warnings: values Hugo reads otherwise than written ------------------------------------


def test_a_title_that_is_a_list_is_a_warning_not_a_repr(project):
    assert checked(project, "weight: 1\ntitle: [1, 2]") == [
        f"{PAGE}:3:1: note: page has no title (the site shows 'X' instead)",
        f"{PAGE}:3:1: warning: title is a list, which Hugo reads as no text: write it as "
        "text, in quotes"]


def test_a_weight_that_is_no_number_is_a_warning(project):
    assert checked(project, 'title: X\nweight: "abc"') == [
        f"{PAGE}:3:1: warning: weight is the text 'abc', which Hugo reads as 0 (unset): "
        "write a whole number"]


def test_a_date_that_is_a_number_is_a_warning_saying_how_hugo_reads_it(project):
    assert checked(project, "title: X\ndate: 12") == [
        f"{PAGE}:3:1: warning: date is the number 12, which Hugo reads as 12 seconds after "
        "1970-01-01 (1970-01-01T00:00:12Z): write a date like 2024-05-01, "
        "2024-05-01T10:30:00Z or 2024-05-01 10:30:00+02:00"]


def test_a_layout_that_is_a_number_is_a_warning(project):
    assert checked(project, "title: X\nlayout: 7") == [
        f"{PAGE}:3:1: warning: layout is the number 7, which Hugo reads as the text '7': "
        "write it as text, in quotes"]


def test_a_menu_that_is_a_number_is_a_warning(project):
    assert checked(project, "title: X\nmenu: 5") == [
        f"{PAGE}:3:1: warning: menu is the number 5, which Hugo reads as the menu named '5': "
        "write a menu's name (before, after), a list of them or a map"]


def test_book_toc_no_is_a_warning_and_read_as_hugo_book_reads_it(project):
    assert checked(project, 'title: X\nbookToC: "no"') == [
        f"{PAGE}:3:1: warning: bookToC is the text 'no', which hugo-book reads as true: "
        "write true or false, without quotes"]


def test_draft_yes_is_a_warning_and_the_page_is_built_as_in_hugo(project):
    code, output = built(project, 'title: X\ndraft: "yes"')
    assert code == 0, output
    assert (f"{PAGE}:3:1: warning: draft is the text 'yes', which Hugo reads as false: "
            "write true or false, without quotes") in output
    assert Path("site/docs/x/index.html").is_file()


def test_aliases_that_are_a_number_are_a_warning_not_a_traceback(project):
    code, output = built(project, "title: X\naliases: 5")
    assert code == 0, output
    assert (f"{PAGE}:3:1: warning: aliases is the number 5, which Hugo reads as the list "
            "['5']: write a list of texts") in output


def test_warnings_fail_check_and_build_under_strict(project):
    project({"docs/x.md": "---\ntitle: X\nlayout: 7\n---\nText.\n"})
    line = (f"{PAGE}:3:1: warning: layout is the number 7, which Hugo reads as the text '7': "
            "write it as text, in quotes")
    relaxed = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert relaxed.exit_code == 0
    assert line in relaxed.output
    strict_check = CliRunner().invoke(main, ["check", "--strict"], catch_exceptions=False)
    assert strict_check.exit_code == 1
    # Under --strict, check reports a warning as the build does: as an error.
    assert line.replace("warning: ", "") in strict_check.stdout
    strict_build = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    assert strict_build.exit_code == 1
    assert line.replace("warning: ", "") in strict_build.output


# -- how values are read ---------------------------------------------------------------------


@pytest.mark.parametrize(("key", "value", "read"), [
    ("booktoc", "no", True),
    ("booktoc", False, False),
    ("booktoc", None, True),
    ("bookhidden", "yes", False),
    ("booksearchexclude", 1, False),
    ("bookflatsection", "no", True),
    ("bookcollapsesection", 0, False),
    ("weight", "5", 5),
    ("weight", 2.0, 2),
    ("weight", 2.7, 2),
    ("weight", "abc", 0),
    ("weight", [1], 0),
    ("draft", "yes", False),
    ("draft", "true", True),
    ("draft", 1, True),
    ("title", [1, 2], ""),
    ("aliases", 5, ["5"]),
    ("aliases", {"a": "b"}, []),
    ("menu", 5, "5"),
    ("title", 1984, "1984"),
    ("title", True, "true"),
    ("aliases", "/old/", ["/old/"]),
    ("tags", ["a", 1], ["a", "1"]),
    ("date", "2024-05-01", dt.datetime(2024, 5, 1, tzinfo=dt.UTC)),
    ("date", "Wed, 01 May 2024 10:00:00 +0200",
     dt.datetime(2024, 5, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))),
    # Forms Hugo 0.168 builds with, besides ISO 8601 and the e-mail forms.
    ("date", "02 Jan 2006", dt.datetime(2006, 1, 2, tzinfo=dt.UTC)),
    ("date", "2006-01-02 15:04:05.5 -0700 MST",
     dt.datetime(2006, 1, 2, 15, 4, 5, 500000, tzinfo=dt.timezone(dt.timedelta(hours=-7)))),
    ("date", "2006-01-02 15:04:05 +0000 UTC", dt.datetime(2006, 1, 2, 15, 4, 5, tzinfo=dt.UTC)),
    ("date", "Mon Jan  2 15:04:05 MST 2006",
     dt.datetime(2006, 1, 2, 15, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-7)))),
])
def test_values_are_read_as_hugo_and_hugo_book_read_them(key, value, read):
    data, _ = read_as({key: value})
    assert data[key] == read


def test_pages_use_the_values_as_read(project):
    root = project({"docs/x.md": '---\ntitle: X\nweight: "2"\nbookToC: "no"\n'
                                 "bookHidden: 'yes'\ndate: 2024-05-01\n---\nText\n"})
    page = book.load(SiteSource(root=root, content_dir=root / "content")).pages[0]
    assert (page.weight, page.toc, page.hidden) == (2, True, False)
    assert page.date == dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    assert [w.message for w in page.warnings] == [
        "weight is the text '2', which Hugo reads as 2: write a whole number, without quotes",
        "bookToC is the text 'no', which hugo-book reads as true: write true or false, "
        "without quotes",
        "bookHidden is the text 'yes', which hugo-book reads as false: write true or false, "
        "without quotes",
    ]


def test_well_typed_front_matter_has_no_problems():
    data = {"title": "T", "linktitle": "L", "description": "D", "weight": 3,
            "date": dt.date(2024, 5, 1), "lastmod": "2024-05-02T10:00:00Z", "draft": False,
            "aliases": ["/a/"], "layout": "landing", "type": "docs", "menu": {"after": {
                "weight": 2, "name": "N"}}, "url": "/u/", "slug": "s", "booktoc": False,
            "bookhidden": True, "bookflatsection": True, "bookcollapsesection": False,
            "bookcomments": False, "booksearchexclude": True, "bookhref": "https://x.org/",
            "bookicon": "x", "image": "a.webp", "tags": ["a"], "categories": ["b"],
            "params": {"k": 1}, "publishdate": "2024-05-01", "expirydate": "2030-01-01"}
    assert page_schema.validate(data) == []


# -- aliases onto the site's own files -------------------------------------------------------


@pytest.mark.parametrize(("alias", "message"), [
    ("/sitemap.xml", "alias '/sitemap.xml' is the site's own /sitemap.xml (MkDocs' sitemap)"),
    ("/404.html", "alias '/404.html' is the site's own /404.html (MkDocs' page for missing "
                  "pages)"),
    ("/search/search_index.json", "alias '/search/search_index.json' is in /search/, which "
                                  "holds the search index; choose another path"),
    ("/assets/javascripts/bundle.js", "alias '/assets/javascripts/bundle.js' is in /assets/, "
                                      "which holds Material's and hugomat's files; choose "
                                      "another path"),
])
def test_an_alias_onto_the_site_s_own_files_is_an_error(project, alias, message):
    assert checked(project, f"title: X\naliases: [{alias}]") == [f"{PAGE}:3:1: {message}"]
    code, output = built(project, f"title: X\naliases: [{alias}]")
    assert code == 1
    assert f"{PAGE}:3:1: {message}" in output


# -- pictures named by URL -------------------------------------------------------------------


def test_a_picture_destination_is_percent_decoded_to_find_the_file(project):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (10, 20, 30)).save(buffer, "WEBP")
    root = project({"docs/x.md": "---\ntitle: X\n---\n![a](my%20pic.webp) ![b](<my pic.webp>)"
                                 " ![c](f%C3%B6o.webp)\n"},
                   files={"assets/my pic.webp": buffer.getvalue(),
                          "assets/föo.webp": buffer.getvalue()})
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert root.exists()
