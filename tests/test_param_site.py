"""Hugo's `param` shortcode falls back on the site's `params`, as `.Page.Param` does.

The site's params are those of its Hugo configuration (the file beside mkdocs.yml, as the
site's own templates read them). A page's own parameter wins. A converted page is kept in the
conversion cache between builds; a changed site parameter must still reach it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical_html import canonical, differences
from hugo_reference import DEFAULT_CONFIG, hugo_render, page_file, page_url
from hugomat.cli import main
from hugomat_reference import MKDOCS_YML, content_of

SITE_PARAMS = """\
  colour = 'red'
  emphasis = '*strong* words'
  [params.deep]
    key = 'inside'
"""
HUGO_CONFIG = DEFAULT_CONFIG + SITE_PARAMS
"""DEFAULT_CONFIG ends in its [params] table: the site's parameters join it."""

CASES: dict[str, str] = {
    "param-site": '---\ntitle: "Param site"\nbookHidden: true\n---\n'
                  'Value: {{< param "colour" >}} and {{< param "Deep.Key" >}}.\n',
    "param-page-wins": '---\ntitle: "Param page"\nbookHidden: true\ncolour: blue\n---\n'
                       'Value: {{< param colour >}}.\n',
    "param-markdown": '---\ntitle: "Param markdown"\nbookHidden: true\n---\n'
                      'Value: {{% param "emphasis" %}}.\n',
}


def write_book(root: Path, pages: dict[str, str], hugo_config: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    (root / "hugo.toml").write_text(hugo_config, "utf-8")
    for name, text in pages.items():
        (root / page_file(name)).parent.mkdir(parents=True, exist_ok=True)
        (root / page_file(name)).write_text(text, "utf-8")


def build(root: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(root)
    return CliRunner().invoke(main, ["build", "--strict"], catch_exceptions=False)


def article(root: Path, name: str, title: str) -> str:
    html = (root / "site" / page_url(name).strip("/") / "index.html").read_text("utf-8")
    start = html.index('<article class="md-content__inner md-typeset">')
    return content_of(html[html.index(">", start) + 1:html.rindex("</article>")], title)


def test_param_reads_the_site_params_as_hugo_does(tmp_path, monkeypatch):
    hugo = hugo_render(CASES, config=HUGO_CONFIG)
    root = tmp_path / "book"
    write_book(root, CASES, HUGO_CONFIG)
    result = build(root, monkeypatch)
    assert result.exit_code == 0, result.output
    for name, text in CASES.items():
        title = re.search(r'title: "([^"]+)"', text).group(1)
        expected = canonical(hugo.articles[name], page_url=page_url(name))
        actual = canonical(article(root, name, title), page_url=page_url(name))
        assert actual == expected, "\n".join([name, *differences(expected, actual)])


def test_a_changed_site_param_reaches_a_page_the_cache_kept(tmp_path, monkeypatch):
    pages = {"param-site": CASES["param-site"],
             "other": '---\ntitle: "Other"\n---\nNo parameter here.\n'}
    root = tmp_path / "book"
    write_book(root, pages, HUGO_CONFIG)
    first = build(root, monkeypatch)
    assert first.exit_code == 0, first.output
    assert "Value: red and inside." in article(root, "param-site", "Param site")
    (root / "hugo.toml").write_text(HUGO_CONFIG.replace("'red'", "'green'"), "utf-8")
    second = build(root, monkeypatch)
    assert second.exit_code == 0, second.output
    assert re.search(r"[1-9]\d* reused from the cache", second.output), second.output
    assert "Value: green and inside." in article(root, "param-site", "Param site")


def test_a_param_neither_the_page_nor_the_site_has_is_a_located_error(tmp_path, monkeypatch):
    root = tmp_path / "book"
    write_book(root, {"param-none": '---\ntitle: "None"\n---\nA {{< param "nowhere" >}}.\n'},
               HUGO_CONFIG)
    result = build(root, monkeypatch)
    assert result.exit_code == 1
    assert (f"{page_file('param-none')}:4:3: param 'nowhere' not found in the page's front "
            "matter or the site's params") in result.output, result.output
