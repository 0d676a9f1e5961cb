"""A site's own shortcodes (layouts/shortcodes/*.html) run for its pages."""

from __future__ import annotations

import subprocess
from html import unescape
from pathlib import Path

import markdown
import pytest

import hugo_reference
from canonical_html import canonical, differences
from hugomat.adapter import build as builder
from hugomat.adapter.site_config import MARKDOWN_EXTENSIONS
from hugomat.read import book
from hugomat.read.source import SiteSource
from hugomat.render.convert import ConvertedPage, convert
from hugomat_reference import MKDOCS_YML, content_of

_MATERIAL_ARTICLE = '<article class="md-content__inner md-typeset">'

SHORTCODES = {
    # {{% %}}: Markdown output; {{< >}}: HTML output.
    "greet": "Hello **{{ .Get 0 }}**",
    "box": '<div class="box" data-kind="{{ .Get "kind" }}">{{ .Inner }}</div>',
    "args": "{{ if .IsNamedParams }}named:{{ .Get \"a\" }}{{ else }}"
            "positional:{{ .Get 0 }},{{ .Get 1 }}{{ end }}",
    "outer": '<section class="outer">{{ .Inner }}</section>',
    "inner": '<span class="inner" data-parent="{{ .Parent.Name }}" '
             'data-ordinal="{{ .Ordinal }}">{{ .Get 0 }}</span>',
    "version": "{{ .Site.Data.versions.current }}",
    "sample": "{{ readFile (.Get 0) }}",
    "hint": '<aside class="site-hint">{{ .Get 0 }}: {{ .Inner }}</aside>',
    "broken": "<p>\n{{ .Get 0 }} {{ transform.Remarshal \"json\" .Inner }}</p>",
    "shout": "{{ warnf \"careful with %s\" (.Get 0) }}{{ upper (.Get 0) }}",
    "stop": "{{ errorf \"bad value %q\" (.Get 0) }}",
    "page": "{{ .Page.Title }}|{{ .Page.Params.flavour }}|{{ .Page.File.BaseFileName }}"
            "|{{ .Page.Section }}|{{ hugo.Version }}|{{ site.Data.versions.current }}",
    "photo": "{{ with .Page.Resources.GetMatch \"*.png\" }}{{ .Name }}{{ end }}",
    "md": "{{ .Inner | markdownify }}",
    "rel": '{{ relref . "/docs/other" }}',
    "scratch": '{{ .Page.Scratch.Add "n" 1 }}{{ .Page.Scratch.Get "n" }}',
}


def to_html(text: str) -> str:
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS),
                           extension_configs={k: v for k, v in MARKDOWN_EXTENSIONS.items() if v})
    return md.convert(text)


@pytest.fixture
def site(project):
    def make(body: str, *, strict: bool = False, extra: dict[str, str] | None = None,
             front: str = "") -> ConvertedPage:
        files = {f"layouts/shortcodes/{name}.html": text.encode()
                 for name, text in SHORTCODES.items()}
        files["data/versions.yaml"] = b"current: 1.2.3\n"
        files["sample.txt"] = b"kind: Pod\n"
        files.update({k: v.encode() for k, v in (extra or {}).items()})
        root = project({"docs/page/index.md": f"---\ntitle: Page\n{front}---\n" + body,
                        "docs/other.md": "---\ntitle: Other\n---\n# O\n",
                        "_index.md": "---\ntitle: Home\n---\nHi\n"}, files=files)
        loaded = book.load(SiteSource(root=root, content_dir=root / "content"))
        return convert(loaded.by_rel_path["docs/page/index.md"], loaded, strict=strict)
    return make


def test_percent_output_is_markdown_and_angle_output_is_html(site):
    page = site("{{% greet World %}}\n\n{{< box >}}**World**{{< /box >}}\n")
    html = to_html(page.markdown)
    assert "Hello <strong>World</strong>" in html
    assert '<div class="box" data-kind="">**World**</div>' in html  # not read as Markdown
    assert not page.warnings and not page.errors


def test_positional_and_named_params(site):
    page = site('{{< args x y >}}\n\n{{< args a="z" >}}\n')
    html = to_html(page.markdown)
    assert "positional:x,y" in html and "named:z" in html


def test_inner_is_the_body_with_nested_shortcodes_run(site):
    page = site('{{< box kind="note" >}}Some *text*{{< /box >}}\n')
    html = to_html(page.markdown)
    assert '<div class="box" data-kind="note">Some *text*</div>' in html


def test_nested_shortcodes_see_their_parent_and_ordinal(site):
    page = site("{{< outer >}}{{< inner a >}}{{< inner b >}}{{< /outer >}}\n")
    html = to_html(page.markdown)
    assert ('<section class="outer"><span class="inner" data-parent="outer" '
            'data-ordinal="0">a</span><span class="inner" data-parent="outer" '
            'data-ordinal="1">b</span></section>') in html


def test_parent_may_be_one_of_hugomats_own_shortcodes(site):
    page = site('{{% details title="More" %}}{{< inner a >}}{{% /details %}}\n')
    assert 'data-parent="details"' in to_html(page.markdown)


def test_data_files_and_page_context(site):
    page = site("v{{< version >}}\n\n{{< page >}}\n", front="flavour: mint\n",
                extra={"content/docs/page/pic.png": "x"})
    html = to_html(page.markdown)
    assert "v1.2.3" in html
    assert "Page|mint|index|docs|0.168.0|1.2.3" in html


def test_page_resources(site):
    page = site("{{< photo >}}\n\n{{< files >}}\n", extra={
        "content/docs/page/pic.png": "x", "content/docs/page/img/background.jpg": "x",
        "content/docs/page/notes.txt": "x",
        "layouts/shortcodes/files.html":
            '{{ with (.Page.Resources.ByType "image").GetMatch "**background*" }}'
            "[{{ .Name }} {{ .RelPermalink }}]{{ end }}"
            '[{{ len (.Page.Resources.Match "*") }}]'
            '[{{ range .Page.Resources.Match "**.jpg" }}{{ .Name }}{{ end }}]'})
    html = to_html(page.markdown)
    assert "pic.png" in html
    assert "[img/background.jpg /docs/page/img/background.jpg][2][img/background.jpg]" in html


def test_read_file_inside_the_site(site):
    page = site("```yaml\n{{< sample sample.txt >}}\n```\n")
    assert "kind: Pod" in page.markdown


def test_read_file_outside_the_site_is_refused_at_its_place(site):
    page = site("Text\n\n{{< sample ../../etc/passwd >}}\n")
    messages = [str(e) for e in page.errors]
    assert messages == ["content/docs/page/index.md:6:1: layouts/shortcodes/sample.html:1:4: "
                        "error calling readFile: '../../etc/passwd' is outside the site folder"]
    assert not page.warnings
    assert "root:" not in page.markdown


def test_site_shortcode_replaces_hugo_books(site):
    page = site("{{< hint warning >}}Mind the step{{< /hint >}}\n")
    html = to_html(page.markdown)
    assert '<aside class="site-hint">warning: Mind the step</aside>' in html
    assert "admonition" not in html


def test_unsupported_function_shows_the_body_and_warns(site):
    page = site("{{< broken a >}}The *body* stays{{< /broken >}}\n")
    html = to_html(page.markdown)
    assert "The <em>body</em> stays" in html
    [warning] = page.warnings
    assert str(warning).startswith("content/docs/page/index.md:4:1: layouts/shortcodes/broken.html"
                                   ":2:17: function \"transform.Remarshal\" is not supported")
    assert not page.errors


def test_unsupported_function_fails_with_strict(site):
    page = site("{{< broken a >}}body{{< /broken >}}\n", strict=True)
    assert [e.message.split(":")[0] for e in page.errors] == ["layouts/shortcodes/broken.html"]


def test_warnf_and_errorf_are_located(site):
    page = site("{{< shout hey >}}\n\n{{< stop x >}}\n")
    assert "HEY" in to_html(page.markdown)
    assert [str(w) for w in page.warnings] == [
        "content/docs/page/index.md:4:1: layouts/shortcodes/shout.html:1:4: careful with hey"]
    assert [str(e) for e in page.errors] == [
        'content/docs/page/index.md:6:1: layouts/shortcodes/stop.html:1:4: bad value "x"']


def test_markdownify_relref_and_scratch(site):
    page = site("{{< md >}}*a*{{< /md >}} {{< rel >}} {{< scratch >}}{{< scratch >}}\n")
    html = to_html(page.markdown)
    assert "<em>a</em>" in html and "../other/" in html and "12" in html


def test_a_leaf_with_a_failing_template_leaves_nothing(site):
    page = site("before {{< sample missing.txt >}} after\n")
    assert "before  after" in to_html(page.markdown)
    assert "does not exist" in page.warnings[0].message


# -- compared with Hugo ------------------------------------------------------------------------
DIFF_SHORTCODES = {
    # Markdown output, read in the page's parse.
    "note": "**Note:** {{ .Inner }}",
    # HTML output around the body; a positional and a named argument.
    "panel": '<div class="panel panel-{{ .Get "kind" }}">\n<h4>{{ .Get "title" }}</h4>\n'
             "{{ .Inner }}\n</div>",
    # A table from a data file.
    "adopters": '<table>\n<tr><th>Name</th><th>Since</th></tr>\n{{ range .Site.Data.adopters }}'
                "<tr><td>{{ .name }}</td><td>{{ .since }}</td></tr>\n{{ end }}</table>",
    # A version number from the site's params, inline and inside code.
    "version": "{{ .Site.Params.release_version }}",
    # Nested: items that know their parent.
    "list": "<ul>{{ .Inner }}</ul>",
    "item": '<li data-parent="{{ .Parent.Name }}">{{ .Get 0 | upper }}</li>',
}
DIFF_PAGE = """\
---
title: "Site shortcodes"
---
Release {{< version >}} is out.

{{% note %}}Read *this* first.{{% /note %}}

{{< panel kind="info" title="Heads up" >}}
<p>Inside the panel.</p>
{{< /panel >}}

{{< adopters >}}

```sh
helm install app --version {{< version >}}
```

{{< list >}}{{< item one >}}{{< item two >}}{{< /list >}}
"""
DIFF_FILES = {
    "data/adopters.yaml": "- name: Acme\n  since: 2021\n- name: Globex\n  since: 2023\n",
    **{f"layouts/shortcodes/{name}.html": text for name, text in DIFF_SHORTCODES.items()},
}
HUGO_CONFIG = """\
baseURL = 'https://example.org/'
title = 'Reference'
theme = 'hugo-book'
disableKinds = ['taxonomy', 'term', 'rss', 'sitemap', 'robotsTXT', '404']
[markup.goldmark.renderer]
  unsafe = true
[params]
  release_version = '1.4.2'
"""


def _write_all(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def test_site_shortcodes_read_as_in_hugo(tmp_path: Path):
    if not hugo_reference.THEME.is_dir():
        hugo_reference.unavailable("the hugo-book theme of the test corpus is missing")
    binary = hugo_reference.hugo_binary()
    hugo_site = tmp_path / "hugo"
    _write_all(hugo_site, {**DIFF_FILES, "hugo.toml": HUGO_CONFIG,
                           "content/docs/sc/index.md": DIFF_PAGE})
    (hugo_site / "themes").mkdir()
    (hugo_site / "themes" / "hugo-book").symlink_to(hugo_reference.THEME,
                                                    target_is_directory=True)
    run = subprocess.run([str(binary), "build", "--quiet", "--source", str(hugo_site),
                          "--destination", str(hugo_site / "public"), "--noBuildLock"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    expected = hugo_reference.article_of(hugo_site / "public" / "docs" / "sc" / "index.html")

    project = tmp_path / "hugomat"
    _write_all(project, {**DIFF_FILES, "hugo.toml": HUGO_CONFIG, "mkdocs.yml": MKDOCS_YML,
                         "content/docs/sc/index.md": DIFF_PAGE,
                         "content/_index.md": "---\ntitle: Home\n---\nHome.\n"})
    config = builder.load(str(project / "mkdocs.yml"), strict=True,
                          site_dir=str(project / "site"))
    site = builder.build(config)
    page = (site / "docs" / "sc" / "index.html").read_text(encoding="utf-8")
    start = page.index(_MATERIAL_ARTICLE) + len(_MATERIAL_ARTICLE)
    actual = content_of(page[start:page.rindex("</article>")], "Site shortcodes")

    hugo_text = canonical(expected, page_url="/docs/sc/")
    ours = canonical(actual, page_url="/docs/sc/")
    assert ours == hugo_text, "\n".join(differences(hugo_text, ours))


def test_the_hugo_site_is_found_when_mkdocs_yml_is_elsewhere(tmp_path: Path):
    # `hugomat import SITE --out OUT` writes mkdocs.yml away from the site.
    hugo_site = tmp_path / "site"
    _write_all(hugo_site, {"hugo.toml": "title = 'T'\n[params]\nrelease = '9.9'\n",
                           "layouts/shortcodes/rel.html": "v{{ site.Params.release }}",
                           "content/docs/page.md": "---\ntitle: P\n---\n{{< rel >}}\n"})
    out = tmp_path / "out"
    out.mkdir()
    loaded = book.load(SiteSource(root=out, content_dir=hugo_site / "content"))
    page = convert(loaded.by_rel_path["docs/page.md"], loaded)
    assert "v9.9" in page.markdown and not page.warnings


def test_partials_i18n_resources_and_the_small_functions(site):
    page = site("{{< misc >}}\n", extra={
        "layouts/shortcodes/misc.html":
            '[{{ partial "sig.html" (dict "who" "Ada") }}][{{ i18n "hello" }}]'
            '[{{ with resources.Get "logo.svg" }}{{ .RelPermalink }}{{ end }}]'
            '[{{ emojify ":smile:" }}][{{ getenv "HOME" }}][{{ "a/b" | relURL }}]'
            '[{{ with resources.Get "none.svg" }}x{{ else }}none{{ end }}]'
            '[{{ with resources.GetMatch "*.svg" | minify }}{{ .Name }}{{ end }}]',
        "layouts/partials/sig.html": "by {{ .who }}",
        "i18n/en.toml": '[hello]\nother = "Hi there"\n',
        "assets/logo.svg": "<svg/>",
    })
    html = to_html(page.markdown)
    assert "[by Ada][Hi there][../../logo.svg][\U0001f604][][../../a/b][none][logo.svg]" in html
    assert "logo.svg" in page.files and not page.warnings


def test_highlight_and_inner_deindent(site):
    page = site("{{< code >}}\n    a < b\n      c\n{{< /code >}}\n", extra={
        "layouts/shortcodes/code.html": '{{ highlight .InnerDeindent "go" "" }}'})
    html = to_html(page.markdown)
    assert '<code class="language-go" data-lang="go">\na &lt; b\n  c\n</code>' in html


def test_each_template_is_parsed_once_per_build(site, monkeypatch):
    from hugomat.gotemplate import Environment

    parsed: list[str] = []
    original = Environment.parse

    def counting(self, name, text, **kwargs):
        parsed.append(name)
        return original(self, name, text, **kwargs)

    monkeypatch.setattr(Environment, "parse", counting)
    site("{{< greet a >}} {{< greet b >}}\n\n{{< greet c >}}\n")
    assert parsed.count("shortcodes/greet") == 1


def test_build_and_check_fail_with_strict_on_an_unsupported_function(project):
    from click.testing import CliRunner

    from hugomat.cli import main

    project({"docs/page.md": "---\ntitle: P\n---\n{{< broken >}}body{{< /broken >}}\n",
             "_index.md": "---\ntitle: Home\n---\nHi\n"},
            files={"layouts/shortcodes/broken.html": b"{{ getJSON .Inner }}"})
    for command in ("build", "check"):
        loose = CliRunner().invoke(main, [command], catch_exceptions=False)
        assert loose.exit_code == 0, loose.output
        strict = CliRunner().invoke(main, [command, "--strict"], catch_exceptions=False)
        assert strict.exit_code == 1, strict.output
        assert ('layouts/shortcodes/broken.html:1:4: function "getJSON" is not supported'
                in strict.output)
        assert "Traceback" not in strict.output


def test_another_themes_shortcodes_run_but_not_a_vendored_hugo_books(tmp_path: Path):
    _write_all(tmp_path, {
        "hugo.toml": "title = 'T'\ntheme = ['hugo-book-9', 'extras']\n",
        "themes/hugo-book-9/theme.toml": 'name = "Book"\nlicense = "MIT"\n',
        "themes/hugo-book-9/layouts/shortcodes/hint.html": "<i class=book-hint>{{ .Inner }}</i>",
        "themes/extras/layouts/shortcodes/stamp.html": "<b>stamped</b>",
        "content/docs/page.md": "---\ntitle: P\n---\n{{< stamp >}}\n\n"
                                "{{< hint info >}}Careful{{< /hint >}}\n"})
    loaded = book.load(SiteSource(root=tmp_path, content_dir=tmp_path / "content"))
    page = convert(loaded.by_rel_path["docs/page.md"], loaded)
    html = to_html(page.markdown)
    assert "<b>stamped</b>" in html
    assert "book-hint" not in html and 'class="admonition info"' in html


def test_serve_watches_the_sites_layouts_data_and_i18n(project):
    from hugomat.adapter.plugin import watched_paths
    from hugomat.adapter.site_options import site_options

    root = project({"_index.md": "---\ntitle: Home\n---\nHi\n"},
                   files={"layouts/shortcodes/x.html": b"x", "data/a.yaml": b"a: 1\n",
                          "i18n/en.toml": b"a = 'b'\n"})
    config = builder.load(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    watched = watched_paths(site_options(config))
    for name in ("layouts", "data", "i18n"):
        assert root / name in watched


def test_inline_html_output_is_not_read_as_markdown(site):
    page = site("Say {{< em >}} and v{{< version >}} now.\n", extra={
        "layouts/shortcodes/em.html": '<span class="x_y">**not bold** [not a link]</span>'})
    html = to_html(page.markdown)
    assert "<strong>" not in html and "<a " not in html
    assert ('Say <span class="x_y">**not bold** [not a link]</span> and v1.2.3 now.'
            in unescape(html))


def test_an_unreadable_data_file_is_reported_at_its_line(project):
    from hugomat.render.convert import converted_book

    root = project({"docs/page.md": "---\ntitle: P\n---\n{{< v >}}\n",
                    "_index.md": "---\ntitle: Home\n---\nHi\n"},
                   files={"layouts/shortcodes/v.html": b"{{ site.Data.bad.x }}",
                          "data/bad.yaml": b"a: 1\nb: [\n"})
    loaded = book.load(SiteSource(root=root, content_dir=root / "content"))
    result = converted_book(loaded)
    [problem] = [w for w in result.warnings if "data file" in w.message]
    assert str(problem).startswith("data/bad.yaml:3:1: cannot read this data file:")
    assert converted_book(loaded, strict=True).errors


def test_runaway_templates_stop_with_a_located_warning(site):
    import time

    started = time.monotonic()
    page = site("{{< loop >}}\n\n{{< count >}}\n", extra={
        "layouts/shortcodes/loop.html": '{{ partial "loop.html" . }}',
        "layouts/partials/loop.html": '{{ partial "loop.html" . }}',
        "layouts/shortcodes/count.html": "{{ range seq 10000000 }}{{ . }}{{ end }}"})
    assert time.monotonic() - started < 10
    messages = sorted(w.message for w in page.warnings)
    assert len(messages) == 2, messages
    assert messages[0].startswith("layouts/partials/loop.html:1:4: ")
    assert "nested too deeply" in messages[0]
    assert messages[1].startswith("layouts/shortcodes/count.html:1:")
    assert "too long" in messages[1] or "too large" in messages[1]
