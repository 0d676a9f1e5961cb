"""Hugo's permalinks and lower-cased URLs: where a page of a section is published."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from hugomat.cli import main
from hugomat.read import permalinks

CONFIG = """\
site_name: Blog
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - hugomat:
      book_section: "*"
{OPTIONS}"""


def build(project, pages: dict[str, str], options: str):
    root = project(pages, config=CONFIG.replace("{OPTIONS}", options))
    result = CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)
    return root, result


POSTS = {
    "_index.md": "---\ntitle: Home\n---\n[first]({{< relref \"/posts/First-Post\" >}})\n",
    "posts/_index.md": "---\ntitle: Posts\n---\n",
    "posts/First-Post.md": "---\ntitle: Hello, World!\ndate: 2024-03-05\n---\nOne\n",
    "posts/second.md": "---\ntitle: Second\nslug: my-slug\ndate: 2023-11-20T10:00:00Z\n"
                       "---\n[back](../First-Post.md)\n",
    "posts/trip/index.md": "---\ntitle: Trip\ndate: 2022-01-02\n---\nBundle\n",
    "docs/Guide.md": "---\ntitle: Guide\n---\nDocs\n",
}


def test_a_sections_pages_are_published_at_their_permalinks(project):
    root, result = build(project, POSTS, "      lowercase_urls: true\n      permalinks:\n"
                         "        posts: /:year/:month/:slug/\n")
    assert result.exit_code == 0, result.output
    site = root / "site"
    assert (site / "2024" / "03" / "hello-world" / "index.html").is_file()
    assert (site / "2023" / "11" / "my-slug" / "index.html").is_file()
    assert (site / "2022" / "01" / "trip" / "index.html").is_file()
    assert (site / "posts" / "index.html").is_file()  # the section's own page stays
    assert (site / "docs" / "guide" / "index.html").is_file()  # lower-cased, as Hugo does
    assert '<a href="2024/03/hello-world/">first</a>' in (site / "index.html").read_text("utf-8")
    second = (site / "2023" / "11" / "my-slug" / "index.html").read_text("utf-8")
    assert '<a href="../../../2024/03/hello-world/">back</a>' in second


@pytest.mark.parametrize(("pattern", "path"), [
    ("/:sections/:filename/", "posts/first-post"),
    ("/:section/:title", "posts/hello-world"),
    ("/blog/:year-:month-:day/:contentbasename/", "blog/2024-03-05/first-post"),
])
def test_tokens_fill_in_as_hugo_fills_them(project, pattern, path):
    root, result = build(project, POSTS, "      lowercase_urls: true\n      permalinks:\n"
                         f"        posts: '{pattern}'\n")
    assert result.exit_code == 0, result.output
    assert (root / "site" / path / "index.html").is_file()


def test_urls_keep_their_case_unless_asked(project):
    root, result = build(project, POSTS, "")
    assert result.exit_code == 0, result.output
    assert (root / "site" / "docs" / "Guide" / "index.html").is_file()


def test_an_unknown_token_is_a_configuration_error(project):
    _, result = build(project, POSTS, "      permalinks:\n        posts: /:year/:nope/\n")
    assert result.exit_code == 2  # a configuration mistake
    assert "unknown token ':nope' in '/:year/:nope/'" in result.output
    assert "Traceback" not in result.output


def test_two_languages_with_one_content_folder_are_a_configuration_error(project):
    _, result = build(project, POSTS, "      languages:\n        en: {content_dir: content}\n"
                      "        fr: {content_dir: content/}\n")
    assert result.exit_code == 2  # a configuration mistake
    assert "languages 'en' and 'fr' have the same content_dir" in result.output


def test_unknown_tokens_are_listed():
    assert permalinks.unknown_tokens("/:year/:Month/:bad/:slug/") == ["bad"]
    assert permalinks.urlized("Hello, World! Ça va?") == "hello-world-ça-va"


ACCENTED = {
    "_index.md": "---\ntitle: Home\n---\n[café]({{< relref \"/docs/Café-crème\" >}})\n",
    "docs/Café-crème.md": "---\ntitle: Café\n---\nOne\n",
    "docs/Résumé/_index.md": "---\ntitle: Résumé\n---\n[back](../Café-crème.md)\n",
    "docs/Résumé/naïve.md": "---\ntitle: Naïve\n---\nTwo\n",
}


def test_remove_path_accents_strips_accents_from_urls_as_hugo_does(project):
    root, result = build(project, ACCENTED,
                         "      lowercase_urls: true\n      remove_path_accents: true\n")
    assert result.exit_code == 0, result.output
    site = root / "site"
    assert (site / "docs" / "cafe-creme" / "index.html").is_file()
    assert (site / "docs" / "resume" / "index.html").is_file()
    assert (site / "docs" / "resume" / "naive" / "index.html").is_file()
    assert '<a href="docs/cafe-creme/">café</a>' in (site / "index.html").read_text("utf-8")
    section = (site / "docs" / "resume" / "index.html").read_text("utf-8")
    assert '<a href="../cafe-creme/">back</a>' in section


def test_urls_keep_their_accents_unless_asked(project):
    root, result = build(project, ACCENTED, "      lowercase_urls: true\n")
    assert result.exit_code == 0, result.output
    assert (root / "site" / "docs" / "café-crème" / "index.html").is_file()


@pytest.mark.parametrize(("text", "plain"), [
    ("Café", "Cafe"), ("naïve/Ångström", "naive/Angstrom"), ("Øre", "Øre"),
    ("ﬁlet", "ﬁlet"), ("Ελληνικά", "Ελληνικα"), ("zhōng文", "zhong文")])
def test_without_accents_removes_combining_marks_only(text, plain):
    assert permalinks.without_accents(text) == plain
