"""Each shortcode renderer: content -> Markdown -> HTML through Python-Markdown, as MkDocs does."""

from __future__ import annotations

import io
import re
from pathlib import Path

import markdown
import pytest
from PIL import Image

from hugomat.adapter.site_config import MARKDOWN_EXTENSIONS
from hugomat.errors import ContentErrors
from hugomat.read import book
from hugomat.read.source import SiteSource
from hugomat.render.convert import convert_page

PAGE = Path("content/docs/page.md")
FIRST = 4
"""The file line of the first body line (after three lines of front matter)."""


def to_html(text: str) -> str:
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS),
                           extension_configs={k: v for k, v in MARKDOWN_EXTENSIONS.items() if v})
    return md.convert(text)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "orange").save(out, format="PNG")
    return out.getvalue()


def convert(project, body: str, *, strict: bool = False, extra: dict[str, str] | None = None,
            files: dict[str, bytes] | None = None, path: str = "docs/page.md"):
    pages = {"docs/page.md": "---\ntitle: Page\n---\n" + body,
             "docs/other.md": "---\ntitle: Other\ndescription: The other page.\n---\n# O\n",
             "_index.md": "---\ntitle: Home\n---\nHi\n"}
    pages.update(extra or {})
    root = project(pages, files=files)
    loaded = book.load(SiteSource(root=root, content_dir=root / "content",
                                  asset_dirs=(root / "assets", root / "static")))
    return convert_page(loaded.by_rel_path[path], loaded, strict=strict)


def html_of(project, body: str, **kwargs) -> str:
    return to_html(convert(project, body, **kwargs).markdown)


def error_of(project, body: str, **kwargs) -> str:
    with pytest.raises(ContentErrors) as failure:
        convert(project, body, **kwargs)
    return str(failure.value.errors[0])


def at(line: int, column: int) -> str:
    return f"{PAGE}:{line}:{column}: "


# -- tabs ----------------------------------------------------------------------------------------

TABS = ('{{< tabs >}}\n{{% tab "macOS" %}}\nbrew *install*\n{{% /tab %}}\n'
        '{{% tab "Linux" %}}\n```text\nsnap install\n```\n{{% /tab %}}\n{{< /tabs >}}\n')


def test_tabs_become_material_content_tabs_with_the_first_selected(project):
    html = html_of(project, TABS)
    assert html.count('class="tabbed-set tabbed-alternate"') == 1
    labels = re.findall(r'<label for="([^"]+)">([^<]+)</label>', html)
    assert [label for _, label in labels] == ["macOS", "Linux"]
    assert re.search(rf'<input checked="checked" id="{labels[0][0]}"', html)
    assert "<em>install</em>" in html and "snap install" in html


def test_adjacent_tab_sets_stay_apart(project):
    html = html_of(project, TABS + TABS)
    assert html.count('class="tabbed-set tabbed-alternate"') == 2


def test_tab_outside_tabs_is_an_error_saying_what_was_expected(project):
    message = error_of(project, 'Intro.\n\n{{% tab "A" %}}\nx\n{{% /tab %}}\n')
    assert message.startswith(at(FIRST + 2, 1))
    assert "tab must stand directly inside tabs" in message and "{{< tabs >}}" in message


def test_tab_inside_another_block_within_tabs_is_an_error(project):
    message = error_of(project, '{{< tabs >}}\n{{% details "D" %}}\n  {{% tab "A" %}}\nx\n'
                                '{{% /tab %}}\n{{% /details %}}\n{{< /tabs >}}\n')
    assert message.startswith(at(FIRST + 2, 3)) and "not inside 'details'" in message


def test_tab_without_label_is_an_error(project):
    message = error_of(project, "{{< tabs >}}\n{{% tab %}}\nx\n{{% /tab %}}\n{{< /tabs >}}\n")
    assert message.startswith(at(FIRST + 1, 1)) and "tab needs a label" in message


def test_text_between_tabs_is_kept_with_a_warning(project):
    out = convert(project, '{{< tabs >}}\n{{% tab "A" %}}a{{% /tab %}}\n  Stray words.\n'
                           '{{% tab "B" %}}b{{% /tab %}}\n{{< /tabs >}}\n')
    assert "Stray words." in to_html(out.markdown)
    assert [str(w)[: len(at(FIRST + 2, 3))] for w in out.warnings] == [at(FIRST + 2, 3)]


# -- columns -------------------------------------------------------------------------------------

COLUMNS = ("{{% columns %}}\n- ### Left\n  Left *text*.\n\n  Second paragraph.\n\n"
           "- ### Right\n  Right text.\n{{% /columns %}}\n")


def test_columns_are_a_grid_of_the_list_items(project):
    html = html_of(project, COLUMNS)
    grid = html[html.index('<div class="hugomat-columns">'):]
    items = re.findall(r"<li>(.*?)</li>", grid, re.DOTALL)
    assert len(items) == 2
    assert "Left <em>text</em>." in items[0] and "Second paragraph." in items[0]
    assert "Right text." in items[1]


def test_columns_ratio_sets_the_grid_columns(project):
    html = html_of(project, COLUMNS.replace("{{% columns %}}", '{{% columns ratio="1:2" %}}'))
    assert '<div class="hugomat-columns" style="--hugomat-columns: 1fr 2fr">' in html


def test_columns_class_is_added(project):
    html = html_of(project, COLUMNS.replace("{{% columns %}}", '{{% columns class="wide" %}}'))
    assert '<div class="hugomat-columns wide">' in html


def test_a_bad_ratio_is_a_warning_and_columns_are_equal(project):
    out = convert(project, COLUMNS.replace("{{% columns %}}", '{{% columns ratio="wide" %}}'))
    assert out.warnings[0].message.startswith("columns ratio 'wide' is not like")
    assert str(out.warnings[0]).startswith(at(FIRST, 1))
    assert "style=" not in to_html(out.markdown)


def test_old_columns_split_by_separator_lines(project):
    # Markdown after a blank line, as Goldmark reads hugo-book's output (and only in the
    # {{% %}} form): see test_columns_old_separator.
    html = html_of(project, "{{% columns %}}\n\nLeft *part*.\n\n<--->\n\nRight part.\n\n"
                            "<--->\n\nThird.\n{{% /columns %}}\n")
    assert html.count('<div class="hugomat-column">') == 3
    assert "<p>Left <em>part</em>.</p>" in html and "<p>Third.</p>" in html
    assert "<--->" not in html and "&lt;---&gt;" not in html


def test_columns_body_that_is_not_a_list_is_an_error(project):
    message = error_of(project, "Intro.\n\n  {{% columns %}}\nJust text.\n{{% /columns %}}\n")
    assert message.startswith(at(FIRST + 2, 3))
    assert "columns expects a Markdown list" in message and "'Just text.'" in message


def test_columns_text_after_the_list_is_an_error(project):
    message = error_of(project, "{{% columns %}}\n- a\n- b\n\nLoose text.\n{{% /columns %}}\n")
    assert "'Loose text.' outside any item" in message


# -- card ------------------------------------------------------------------------------------


def test_card_is_a_bordered_box_of_markdown(project):
    html = html_of(project, '{{% card class="special" %}}\n### Title\nSome *text*.\n'
                            "{{% /card %}}\n")
    assert '<div class="hugomat-card special">' in html and "<em>text</em>" in html


def test_card_with_href_is_linked_over_its_whole_box(project):
    html = html_of(project, '{{% card href="/docs/other" %}}\n### Other page\nText.\n'
                            "{{% /card %}}\n")
    assert '<div class="hugomat-card hugomat-card--link">' in html
    assert ('<a class="hugomat-card__link" href="../other/" aria-label="Open: Other page"></a>'
            in html)


def test_card_with_external_href_opens_a_new_tab(project):
    html = html_of(project, '{{% card href="https://example.org" %}}\nX\n{{% /card %}}\n')
    link = re.search(r"<a [^>]*hugomat-card__link[^>]*>", html).group()
    assert 'href="https://example.org"' in link
    assert 'target="_blank"' in link and 'rel="noopener"' in link


def test_card_with_image(project):
    html = html_of(project, '{{% card image="pic.png" alt="A picture" %}}\nX\n{{% /card %}}\n',
                   files={"assets/pic.png": png()})
    assert '<div class="hugomat-card__image"><img src="../../pic.png" alt="A picture"' in html


def test_cards_in_columns_form_a_grid(project):
    body = ("{{% columns %}}\n- {{% card %}}\n  One\n  {{% /card %}}\n"
            "- {{% card %}}\n  Two\n  {{% /card %}}\n{{% /columns %}}\n")
    html = html_of(project, body)
    grid = html[html.index('<div class="hugomat-columns">'):]
    items = re.findall(r"<li>(.*?)</li>", grid, re.DOTALL)
    assert len(items) == 2
    assert '<div class="hugomat-card">' in items[0] and "One" in items[0]
    assert '<div class="hugomat-card">' in items[1] and "Two" in items[1]


# -- button ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "href"), [
    ('href="/docs/other"', "../other/"),
    ('href="/"', "../../"),
    ('relref="other"', "../other/"),
    ('relref="/docs/other#part"', "../other/#part"),
    ('href="/files/report.pdf"', "../../files/report.pdf"),
    ('href="#here"', "#here"),
])
def test_button_to_a_page_or_file_of_the_site(project, args, href):
    html = html_of(project, f"{{{{< button {args} >}}}}Go **now**{{{{< /button >}}}}\n")
    assert f'<a class="md-button" href="{href}">Go <strong>now</strong></a>' in html


def test_button_to_another_site_opens_a_new_tab(project):
    html = html_of(project, '{{< button href="https://github.com/x" class="md-button--primary" >}}'
                            "GitHub{{< /button >}}\n")
    assert ('<a class="md-button md-button--primary" href="https://github.com/x" '
            'target="_blank" rel="noopener">GitHub</a>') in html


def test_button_relref_to_a_missing_page_is_an_error(project):
    message = error_of(project, 'x\n{{< button relref="nowhere" >}}Go{{< /button >}}\n')
    assert message.startswith(at(FIRST + 1, 1)) and "'nowhere' does not exist" in message


def test_button_without_target_is_an_error(project):
    assert "button needs href=" in error_of(project, "{{< button >}}Go{{< /button >}}\n")


# -- steps -------------------------------------------------------------------------------------


def test_steps_draw_the_numbered_list(project):
    html = html_of(project, "{{% steps %}}\n1. ## First\n   Do this.\n\n2. ## Second\n"
                            "   Then that.\n{{% /steps %}}\n")
    steps = html[html.index('<div class="hugomat-steps">'):]
    assert steps.index("<ol>") < steps.index("First") < steps.index("Do this.")
    assert len(re.findall(r"<li>", steps)) == 2
    assert "Then that." in re.findall(r"<li>(.*?)</li>", steps, re.DOTALL)[1]


def test_steps_without_a_list_is_an_error(project):
    message = error_of(project, "{{% steps %}}\nNo list here.\n{{% /steps %}}\n")
    assert message.startswith(at(FIRST, 1)) and "steps expects a numbered Markdown list" in message


# -- image ---------------------------------------------------------------------------------------


def test_image_enlarges_on_click_without_script(project):
    out = convert(project, '{{< image src="pic.png" alt="Orange" title="Click" >}}\n',
                  files={"assets/pic.png": png()})
    html = to_html(out.markdown)
    thumb = re.search(r'<a class="hugomat-image" href="#hugomat-image-1" '
                      r'aria-label="Enlarge picture: Orange"><img [^>]*></a>', html)
    assert thumb, html
    assert re.search(r'<a class="hugomat-lightbox" id="hugomat-image-1" href="#_" '
                     r'aria-label="Close picture" title="Close"><img [^>]*></a>', html)
    assert 'title="Click"' in thumb.group() and "<script" not in html
    assert out.files == {"pic.png": Path("assets/pic.png").resolve()}


def test_image_loading_and_class_are_respected(project):
    html = html_of(project, '{{< image src="pic.png" loading="eager" class="round" >}}\n',
                   files={"assets/pic.png": png()})
    first = re.search(r'class="hugomat-image"[^>]*>(.*?)</a>', html).group(1)
    assert 'loading="eager"' in first and 'class="round"' in first
    overlay = re.search(r'class="hugomat-lightbox"[^>]*>(.*?)</a>', html).group(1)
    assert 'loading="lazy"' in overlay


def test_image_ids_are_unique_on_a_page(project):
    html = html_of(project, '{{< image src="pic.png" >}}\n\n{{< image src="pic.png" >}}\n',
                   files={"assets/pic.png": png()})
    assert 'id="hugomat-image-1"' in html and 'id="hugomat-image-2"' in html


def test_image_without_src_is_an_error(project):
    message = error_of(project, 'x\n\n{{< image alt="x" >}}\n')
    assert message.startswith(at(FIRST + 2, 1)) and 'image needs src="..."' in message


def test_image_bad_loading_is_a_warning(project):
    out = convert(project, '{{< image src="pic.png" loading="soon" >}}\n',
                  files={"assets/pic.png": png()})
    assert "image loading 'soon' is not one of lazy, eager, auto" in out.warnings[0].message


# -- mermaid -------------------------------------------------------------------------------------


def test_mermaid_shortcode_and_fence_are_drawn_by_the_site_own_script(project):
    out = convert(project, "{{< mermaid >}}\ngraph LR\n  A --> B\n{{< /mermaid >}}\n\n"
                           "```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n")
    html = to_html(out.markdown)
    assert '<div class="hugomat-mermaid">graph LR\n  A --&gt; B</div>' in html
    assert '<div class="hugomat-mermaid">sequenceDiagram\n  A-&gt;&gt;B: hi</div>' in html
    assert html.count("<script") == 1
    script = re.search(r'<script defer src="([^"]+)" data-mermaid="([^"]+)"></script>', html)
    assert script.groups() == ("../../assets/hugomat/hugomat-mermaid.js",
                               "../../assets/hugomat/mermaid/mermaid.min.js")
    library = out.files["assets/hugomat/mermaid/mermaid.min.js"]
    assert library.is_file() and library.stat().st_size > 1_000_000
    assert out.files["assets/hugomat/hugomat-mermaid.js"].is_file()
    # Never Material's own class, whose loader fetches Mermaid from a CDN.
    assert 'class="mermaid"' not in html and "unpkg" not in html and "jsdelivr" not in html


def test_mermaid_shortcode_class(project):
    html = html_of(project, '{{< mermaid class="wide" >}}\ngraph TD\n{{< /mermaid >}}\n')
    assert '<div class="hugomat-mermaid wide">graph TD</div>' in html


def test_pages_without_diagrams_load_no_script(project):
    out = convert(project, "````md\n```mermaid\ngraph LR\n```\n````\n")
    assert "<script" not in out.markdown and out.files == {}


def test_the_page_script_reuses_a_loaded_mermaid_and_loads_nothing_from_elsewhere():
    script = (Path(__file__).parents[1] / "src/hugomat/assets/hugomat-mermaid.js").read_text()
    assert "window.mermaid.render" in script and "http" not in script


# -- katex ---------------------------------------------------------------------------------------


def test_katex_inline_and_display_become_mathml(project):
    html = html_of(project, "Inline {{< katex >}}\\pi(x){{< /katex >}} here.\n\n"
                            "{{< katex display=true >}}\nx^2\n{{< /katex >}}\n")
    assert re.search(r'<p>Inline <math class="hugomat-math" [^>]*display="inline">.*'
                     r"<mi>π</mi>.*</math> here\.</p>", html)
    assert re.search(r'<math class="hugomat-math" [^>]*display="block"><mrow><msup><mi>x</mi>'
                     r"<mn>2</mn></msup></mrow></math>", html)
    assert "<script" not in html


def test_katex_activates_dollar_and_bracket_delimiters(project):
    body = ("{{< katex />}}\n\n$$\na_1 * b_2\n$$\n\nInline \\\\( \\alpha \\\\) and `$$code$$`.\n\n"
            "```\n$$ not maths $$\n```\n")
    html = html_of(project, body)
    assert re.search(r'<math class="hugomat-math" [^>]*display="block"><mrow><msub><mi>a</mi>'
                     r"<mn>1</mn></msub><mo>&#42;</mo>", html)
    assert re.search(r'Inline <math class="hugomat-math" [^>]*display="inline"><mrow><mi>α</mi>',
                     html)
    assert "<code>$$code$$</code>" in html and "$$ not maths $$" in html


def test_dollars_stay_text_without_katex(project):
    html = html_of(project, "It costs $$5 and $$6.\n")
    assert "<math" not in html and "$$5" in html


def test_katex_fence_becomes_display_maths(project):
    html = html_of(project, "```katex\n\\frac{1}{2}\n```\n\nAnd $$x$$ too.\n")
    assert re.search(r'display="block"><mrow><mfrac><mrow><mn>1</mn></mrow>', html)
    assert re.search(r'And <math class="hugomat-math" [^>]*display="block">', html)


def test_tex_mistake_is_a_warning_with_location_and_the_source_shown(project):
    out = convert(project, "Text.\n\nSee {{< katex >}}a^{{< /katex >}}.\n")
    assert str(out.warnings[0]) == (f"{at(FIRST + 2, 5)}TeX cannot be drawn (missing "
                                    "superscript or subscript); it is shown as written")
    assert '<code class="hugomat-math-error">a&#94;</code>' in to_html(out.markdown)
    with pytest.raises(ContentErrors):
        convert(project, "See {{< katex >}}a^{{< /katex >}}.\n", strict=True)


def test_tex_mistake_in_dollars_is_located_in_the_page(project):
    out = convert(project, "{{< katex />}}\n\nOne.\n\n$$\n  b_\n$$\n")
    assert str(out.warnings[0]).startswith(at(FIRST + 4, 1))  # the maths' opening $$


def test_unknown_tex_command_is_a_warning(project):
    out = convert(project, "{{< katex >}}\\nosuchthing x{{< /katex >}}\n")
    assert "TeX command \\nosuchthing is not known" in out.warnings[0].message


# -- section -------------------------------------------------------------------------------------


def test_section_lists_child_pages_with_descriptions(project):
    extra = {"docs/_index.md": "---\ntitle: Docs\n---\n{{< section >}}\n",
             "docs/hidden.md": "---\ntitle: Hidden\nbookHidden: true\n---\nx\n",
             "docs/sub/_index.md": "---\ntitle: Sub\nweight: 1\n---\nSub text.\n"}
    html = html_of(project, "Page body.\n", extra=extra, path="docs/_index.md")
    section = html[html.index('<dl class="hugomat-section">'):]
    terms = re.findall(r'<dt><a href="([^"]+)">([^<]+)</a></dt>', section)
    assert terms == [("sub/", "Sub"), ("other/", "Other"), ("page/", "Page")]
    assert "<dd>The other page.</dd>" in section
    assert "Hidden" not in section and section.count("<dd>") == 1


def test_section_summary_is_the_beginning_of_each_page(project):
    extra = {"docs/_index.md": "---\ntitle: Docs\n---\n{{< section summary >}}\n"}
    html = html_of(project, "# Page\n\nFirst [paragraph](x) of *it*.\n\nSecond.\n",
                   extra=extra, path="docs/_index.md")
    assert "<dd>First paragraph of <em>it</em>.</dd>" in html
    assert "<dd>The other page.</dd>" in html and "Second." not in html


def test_section_summary_stops_at_more_and_skips_what_is_not_prose(project):
    extra = {"docs/_index.md": "---\ntitle: Docs\n---\n{{< section summary >}}\n"}
    body = ("# Page\n\n```\n*not prose*\n```\n\nOne *two* [three](x).\n\n| a |\n|---|\n| t |\n\n"
            "Four `five`.<!--more--> Not this.\n\nNor this.\n")
    html = html_of(project, body, extra=extra, path="docs/_index.md")
    assert "<dd>One <em>two</em> three. Four <code>five</code>.</dd>" in html


def test_section_summary_reads_a_page_with_the_sites_shortcodes(project):
    # The site's `hint` takes no body (its template reads no .Inner): the page is read so,
    # as its own conversion reads it, and has a summary.
    extra = {"docs/_index.md": "---\ntitle: Docs\n---\n{{< section summary >}}\n"}
    files = {"layouts/shortcodes/hint.html": b"<aside>{{ .Get 0 }}</aside>"}
    html = html_of(project, "Some {{< hint info >}} text.\n", extra=extra, files=files,
                   path="docs/_index.md")
    assert "<dd>Some" in html and "text.</dd>" in html


def test_section_on_a_page_without_children_is_a_warning(project):
    out = convert(project, "{{< section >}}\n")
    assert "section lists the pages of a section" in out.warnings[0].message


# -- asciinema -----------------------------------------------------------------------------------


def test_asciinema_plays_a_local_cast_with_the_site_own_player(project):
    out = convert(project, '{{< asciinema cast="demo.cast" loop=true speed=2 >}}\n',
                  files={"assets/demo.cast": b'{"version": 2, "width": 80, "height": 5}\n'})
    html = to_html(out.markdown)
    assert ('<div class="hugomat-asciinema" data-cast="../../demo.cast" data-options="{&quot;'
            'loop&quot;: true, &quot;speed&quot;: 2}">') in html
    assert '<a href="../../demo.cast">Terminal recording: demo.cast</a>' in html
    assert out.files["demo.cast"] == Path("assets/demo.cast").resolve()
    assert out.files["assets/hugomat/asciinema/asciinema-player.min.js"].is_file()
    assert re.search(r'<script defer src="\.\./\.\./assets/hugomat/hugomat-asciinema\.js" '
                     r'data-player="[^"]+" data-style="[^"]+\.css"></script>', html)


def test_asciinema_cast_beside_the_page(project):
    out = convert(project, '{{< asciinema cast="rec.cast" >}}\n',
                  files={"content/docs/rec.cast": b"{}\n"})
    assert out.files["docs/rec.cast"] == Path("content/docs/rec.cast").resolve()
    assert 'data-cast="../rec.cast"' in to_html(out.markdown)


def test_remote_asciinema_cast_is_a_link_not_a_player(project):
    out = convert(project, '{{< asciinema cast="https://example.org/x.cast" >}}\n')
    html = to_html(out.markdown)
    assert '<a href="https://example.org/x.cast">Terminal recording: x.cast</a>' in html
    assert "<script" not in html


def test_missing_cast_is_an_error(project):
    message = error_of(project, 'x\n{{< asciinema cast="none.cast" >}}\n')
    assert message.startswith(at(FIRST + 1, 1)) and "cast 'none.cast' not found" in message


# -- badge, html, expand, hint ---------------------------------------------------------------------


def test_badge_is_a_small_inline_label(project):
    html = html_of(project, 'Built with {{< badge style="info" title="Hugo" value="0.158" >}}.\n')
    assert ('<p>Built with <span class="hugomat-badge hugomat-badge--info"><span '
            'class="hugomat-badge__title">Hugo</span><span class="hugomat-badge__value">0.158'
            "</span></span>.</p>") in html


def test_badge_unknown_style_is_a_warning(project):
    out = convert(project, '{{< badge style="pink" title="x" >}}\n')
    assert out.warnings[0].message.startswith("badge style 'pink' does not exist")


def test_html_is_passed_through_as_written(project):
    html = html_of(project, "{{< html >}}\n<b>raw * text_</b>\n<i>more</i>\n{{< /html >}}\n")
    assert '<div class="hugomat-html"><b>raw * text_</b>\n<i>more</i></div>' in html


@pytest.mark.parametrize(("tag", "summary"), [
    ("{{% expand %}}", "Expand"),
    ('{{% expand "Show me" "⇩" %}}', "Show me"),
])
def test_expand_is_a_collapsible_block(project, tag, summary):
    html = html_of(project, f"{tag}\nHidden *text*.\n{{{{% /expand %}}}}\n")
    assert f"<details>\n<summary>{summary}</summary>\n<p>Hidden <em>text</em>.</p>" in html


def test_every_shortcode_of_hugo_book_has_a_renderer():
    from hugomat.render.documents import RENDERERS

    documented = {"details", "hint", "tabs", "tab", "columns", "card", "button", "steps",
                  "image", "mermaid", "katex", "section", "asciinema", "expand", "badge",
                  "html", "relref", "ref"}
    assert documented <= set(RENDERERS)


def test_hint_of_any_kind_is_a_plain_hint_keeping_its_kind_as_a_class(project):
    out = convert(project, "{{< hint warn >}}\nCareful.\n{{< /hint >}}\n")
    assert out.warnings == [] and out.errors == []
    assert '<div class="admonition warn">\n<p>Careful.</p>\n</div>' in to_html(out.markdown)


def test_hint_of_an_unstyled_kind_is_a_warning_under_strict_only(project):
    out = convert(project, "x\n{{< hint warn >}}\nCareful.\n{{< /hint >}}\n", strict=True)
    assert out.errors == []
    assert [str(w) for w in out.warnings] == [
        f"{at(FIRST + 1, 1)}hint type 'warn' is not styled by hugo-book (info, success, "
        "warning, danger); it is drawn as a plain hint"]


def test_hint_of_a_known_kind_keeps_its_style(project):
    assert '<div class="admonition danger">' in html_of(
        project, "{{< hint danger >}}\nNo.\n{{< /hint >}}\n", strict=True)
