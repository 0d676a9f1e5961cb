"""canonical_html: each rule of the canonical form, and the differences it must not fold away.

The highlighter samples are what Hugo 0.168 (Chroma, with its default inline styles and with
classes) and Pygments (as pymdownx.highlight writes it for Material) made of the same code.
"""

from __future__ import annotations

import pytest

from canonical_html import canonical, difference_kind, differences, same_url

PAGE = "/docs/page/"


def same(one: str, other: str, page_url: str = PAGE) -> bool:
    return canonical(one, page_url=page_url) == canonical(other, page_url=page_url)


# -- what is listed --------------------------------------------------------------------------


def test_lists_tags_and_text_in_document_order():
    assert canonical("<p>Hello <em>world</em>!</p>") == [
        "<p>", '"Hello "', "<em>", '"world"', "</em>", '"!"', "</p>"]


def test_keeps_only_href_src_and_alt_sorted():
    html = ('<p class="x" style="color:red" data-line="3" title="t">'
            '<img title="t" src="/a.png" width="3" alt="An A"></p>')
    assert canonical(html) == ["<p>", '<img alt="An A" src="/a.png">', "</p>"]


def test_keeps_the_id_of_headings_only():
    assert canonical('<h2 id="intro" class="c">Intro</h2><p id="x">t</p><div id="y"></div>') \
        == ['<h2 id="intro">', '"Intro"', "</h2>", "<p>", '"t"', "</p>", "<div>", "</div>"]


def test_tags_are_lower_case():
    assert same('<DIV CLASS="foo"><P>x</P></DIV>', "<div><p>x</p></div>")


def test_text_is_written_as_a_json_string_so_it_cannot_pass_for_a_tag():
    assert canonical("<p>&lt;p&gt;</p>") == ["<p>", '"<p>"', "</p>"]


# -- rule 1: comments and other attributes go ------------------------------------------------


def test_comments_go_and_the_text_around_one_is_one_run():
    assert canonical("<p>a<!-- note -->b</p><!-- between -->") == ["<p>", '"ab"', "</p>"]


def test_entities_are_decoded():
    assert same("<p>&ldquo;Tom&rsquo;s&rdquo; &amp; &#39;x&#39; &quot;y&quot; &#x2013;</p>",
                "<p>“Tom’s” &amp; 'x' \"y\" –</p>")


# -- rule 2: br and void elements ------------------------------------------------------------


def test_br_written_any_way_is_one_tag():
    assert same("<p>a<br>\nb</p>", "<p>a<br />\nb</p>")
    assert same("<p>a<br/>b</p>", "<p>a<br>b</p>")
    assert canonical("<p>a<br />\nb</p>") == ["<p>", '"a"', "<br>", '"b"', "</p>"]


def test_void_elements_have_no_end_tag():
    assert canonical('<p><img src="/a.png"></img><input type="checkbox" disabled></p>') == [
        "<p>", '<img src="/a.png">', "<input>", "</p>"]


# -- rule 3: whitespace ----------------------------------------------------------------------


def test_whitespace_runs_are_one_space_and_none_at_block_edges():
    assert same("<ul>\n<li>\n  a\n\t b  </li>\n</ul>\n", "<ul><li>a b</li></ul>")


def test_whitespace_between_inline_elements_is_kept():
    assert not same("<p><em>a</em> <em>b</em></p>", "<p><em>a</em><em>b</em></p>")


def test_no_break_space_is_not_whitespace():
    assert not same("<p>a&nbsp;b</p>", "<p>a b</p>")


def test_whitespace_in_pre_is_kept():
    assert not same("<pre><code>a\n  b\n</code></pre>", "<pre><code>a\nb\n</code></pre>")
    assert not same("<pre><code>a\tb</code></pre>", "<pre><code>a    b</code></pre>")


def test_line_ends_that_end_a_pre_do_not_count():
    assert same("<pre><code>a\n</code></pre>", "<pre><code>a</code></pre>")
    assert canonical("<pre><code>a\n\n</code></pre>") == [
        "<pre>", "<code>", '"a"', "</code>", "</pre>"]


def test_a_line_end_right_after_pre_does_not_count_as_html_says():
    assert same("<pre>\nx</pre>", "<pre>x</pre>")
    assert not same("<pre>\n\nx</pre>", "<pre>x</pre>")
    assert not same("<pre><!-- c -->\nx</pre>", "<pre>x</pre>")


def test_carriage_returns_are_line_ends():
    assert same("<pre><code>a\r\nb\rc</code></pre>", "<pre><code>a\nb\nc</code></pre>")


# -- rule 4: highlighters --------------------------------------------------------------------

PLAIN = "<pre><code>x := 1\ny := 2\n</code></pre>"
CHROMA_STYLES = (  # Hugo's default: inline styles, no classes
    '<div class="highlight"><pre tabindex="0" style="color:#f8f8f2;background-color:#272822;">'
    '<code class="language-go" data-lang="go"><span style="display:flex;"><span>'
    '<span style="color:#a6e22e">x</span> <span style="color:#f92672">:=</span> '
    '<span style="color:#ae81ff">1</span>\n</span></span><span style="display:flex;"><span>'
    '<span style="color:#a6e22e">y</span> <span style="color:#f92672">:=</span> '
    '<span style="color:#ae81ff">2</span></span></span></code></pre></div>')
CHROMA_STYLES_TABLE = (
    '<div class="highlight"><div style="color:#f8f8f2;background-color:#272822;">\n'
    '<table style="border-spacing:0;"><tr><td style="vertical-align:top;">\n'
    '<pre tabindex="0" style="color:#f8f8f2;"><code><span style="white-space:pre;'
    '-webkit-user-select:none;user-select:none;margin-right:0.4em;color:#7f7f7f">1\n</span>'
    '<span style="white-space:pre;-webkit-user-select:none;user-select:none;color:#7f7f7f">2\n'
    '</span></code></pre></td>\n<td style="vertical-align:top;width:100%">\n'
    '<pre tabindex="0" style="color:#f8f8f2;"><code class="language-go" data-lang="go">'
    '<span style="display:flex;"><span><span style="color:#a6e22e">x</span> '
    '<span style="color:#f92672">:=</span> <span style="color:#ae81ff">1</span>\n</span></span>'
    '<span style="display:flex;"><span><span style="color:#a6e22e">y</span> '
    '<span style="color:#f92672">:=</span> <span style="color:#ae81ff">2</span></span></span>'
    '</code></pre></td></tr></table>\n</div>\n</div>')
CHROMA_STYLES_INLINE_NUMBERS = (
    '<div class="highlight"><pre tabindex="0" style="color:#f8f8f2;"><code class="language-go">'
    '<span style="display:flex;"><span style="white-space:pre;-webkit-user-select:none;'
    'user-select:none;color:#7f7f7f">1</span><span>x := 1\n</span></span>'
    '<span style="display:flex;"><span style="white-space:pre;-webkit-user-select:none;'
    'user-select:none;color:#7f7f7f">2</span><span>y := 2</span></span></code></pre></div>')
CHROMA_CLASSES_TABLE = (
    '<div class="highlight"><div class="chroma">\n<table class="lntable"><tr>'
    '<td class="lntd">\n<pre tabindex="0" class="chroma"><code><span class="lnt">1\n</span>'
    '<span class="lnt">2\n</span></code></pre></td>\n<td class="lntd">\n'
    '<pre tabindex="0" class="chroma"><code class="language-go" data-lang="go">'
    '<span class="line"><span class="cl"><span class="nx">x</span><span class="w"> </span>'
    '<span class="o">:=</span><span class="w"> </span><span class="mi">1</span>'
    '<span class="w">\n</span></span></span><span class="line"><span class="cl">'
    '<span class="nx">y</span><span class="w"> </span><span class="o">:=</span>'
    '<span class="w"> </span><span class="mi">2</span></span></span></code></pre></td></tr>'
    '</table>\n</div>\n</div>')
CHROMA_CLASSES_INLINE_NUMBERS = (
    '<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-go">'
    '<span class="line"><span class="ln">1</span><span class="cl">x := 1\n</span></span>'
    '<span class="line"><span class="ln">2</span><span class="cl">y := 2</span></span>'
    '</code></pre></div>')
PYGMENTS = (  # Material: pymdownx.highlight with anchor_linenums
    '<div class="language-go highlight"><pre><span></span><code>'
    '<a id="__codelineno-0-1" name="__codelineno-0-1" href="#__codelineno-0-1"></a>'
    '<span class="nx">x</span><span class="w"> </span><span class="o">:=</span>'
    '<span class="w"> </span><span class="mi">1</span>\n'
    '<a id="__codelineno-0-2" name="__codelineno-0-2" href="#__codelineno-0-2"></a>'
    '<span class="nx">y</span><span class="w"> </span><span class="o">:=</span>'
    '<span class="w"> </span><span class="mi">2</span>\n</code></pre></div>')
PYGMENTS_TABLE = (  # linenums: true
    '<div class="highlight"><table class="highlighttable"><tr><td class="linenos">'
    '<div class="linenodiv"><pre><span></span><span class="normal">'
    '<a href="#__codelineno-0-1">1</a></span>\n<span class="normal">'
    '<a href="#__codelineno-0-2">2</a></span></pre></div></td><td class="code"><div><pre>'
    '<span></span><code><a id="__codelineno-0-1" name="__codelineno-0-1"></a>'
    '<span class="n">x</span> <span class="o">:=</span> <span class="mi">1</span>\n'
    '<a id="__codelineno-0-2" name="__codelineno-0-2"></a><span class="n">y</span> '
    '<span class="o">:=</span> <span class="mi">2</span>\n</code></pre></div></td></tr>'
    '</table></div>')
PYGMENTS_INLINE_NUMBERS = (  # linenums_style: inline
    '<div class="highlight"><pre><span></span><code><span class="linenos">1</span>'
    '<span class="n">x</span> <span class="o">:=</span> <span class="mi">1</span>\n'
    '<span class="linenos">2</span><span class="n">y</span> <span class="o">:=</span> '
    '<span class="mi">2</span>\n</code></pre></div>')


@pytest.mark.parametrize("highlighted", [
    CHROMA_STYLES, CHROMA_STYLES_TABLE, CHROMA_STYLES_INLINE_NUMBERS, CHROMA_CLASSES_TABLE,
    CHROMA_CLASSES_INLINE_NUMBERS, PYGMENTS, PYGMENTS_TABLE, PYGMENTS_INLINE_NUMBERS],
    ids=["chroma-styles", "chroma-styles-table", "chroma-styles-inline-numbers",
         "chroma-classes-table", "chroma-classes-inline-numbers", "pygments-anchors",
         "pygments-table", "pygments-inline-numbers"])
def test_highlighted_code_is_its_code(highlighted: str):
    assert canonical(highlighted) == ["<pre>", "<code>", '"x := 1\\ny := 2"', "</code>",
                                      "</pre>"]
    assert same(highlighted, PLAIN)


def test_spans_in_inline_code_are_unwrapped():
    assert same('<p><code><span class="k">def</span> f</code></p>', "<p><code>def f</code></p>")


def test_a_span_outside_code_stays():
    assert not same("<p><span>a</span></p>", "<p>a</p>")


def test_highlighted_code_that_differs_still_differs():
    assert not same(CHROMA_STYLES, PLAIN.replace("y := 2", "y := 3"))


# -- rule 5: heading permalinks --------------------------------------------------------------


def test_heading_permalinks_of_hugo_and_material_go():
    hugo = '<h2 id="head-ing">Head <em>ing</em><a class="anchor" href="#head-ing">#</a></h2>'
    material = ('<h2 id="head-ing">Head <em>ing</em><a class="headerlink" href="#head-ing" '
                'title="Permanent link">&para;</a></h2>')
    assert same(hugo, material)
    assert canonical(hugo) == ['<h2 id="head-ing">', '"Head "', "<em>", '"ing"', "</em>",
                               "</h2>"]


def test_other_links_in_headings_stay():
    assert not same('<h2 id="a">A <a href="/x">x</a></h2>', '<h2 id="a">A x</h2>')


# -- rule 6: URLs ----------------------------------------------------------------------------


def test_site_absolute_and_page_relative_links_to_one_url_are_equal():
    assert same('<a href="/docs/other/">x</a>', '<a href="../other/">x</a>')
    assert same('<a href="#part">x</a>', '<a href="/docs/page/#part">x</a>')
    assert same('<img src="/docs/page/a.png" alt="">', '<img src="a.png" alt="">')
    assert same('<a href="">x</a>', '<a href="/docs/page/">x</a>')


def test_links_are_resolved_against_the_page_given():
    assert canonical('<a href="../other/">x</a>', page_url="/docs/page/")[0] == \
        '<a href="/docs/other/">'
    assert not same('<a href="../uri">x</a>', '<a href="/uri">x</a>')


def test_escapes_are_made_one_way():
    assert same_url("/f%c3%b6", PAGE) == same_url("/fö", PAGE) == "/f%C3%B6"
    assert same_url("/a(b)", PAGE) == same_url("/a%28b%29", PAGE) == "/a(b)"
    assert same_url("/my uri", PAGE) == same_url("/my%20uri", PAGE) == "/my%20uri"
    assert same_url("/a\\b", PAGE) == same_url("/a%5cb", PAGE) == "/a%5Cb"


def test_escapes_of_url_separators_stay_escaped():
    assert same_url("/a%2fb", PAGE) == "/a%2Fb" != same_url("/a/b", PAGE)
    assert same_url("/a%3Fb", PAGE) != same_url("/a?b", PAGE)
    assert same_url("/100%25", PAGE) == "/100%25"


def test_urls_of_other_sites_are_kept_whole():
    assert same_url("https://example.org/a?b=c#d", PAGE) == "https://example.org/a?b=c#d"
    assert same_url("mailto:me@example.org", PAGE) == "mailto:me@example.org"


# -- what is not folded ----------------------------------------------------------------------


@pytest.mark.parametrize(("hugo", "ours"), [
    ("<p>a</p>", "a"),
    ("<ul><li><p>a</p></li></ul>", "<ul><li>a</li></ul>"),
    ('<p><a href="/a">x</a></p>', '<p><a href="/b">x</a></p>'),
    ("<p>it’s</p>", "<p>it's</p>"),
    ("<p>“a”</p>", '<p>"a"</p>'),
    ("<p>a – b</p>", "<p>a -- b</p>"),
    ("<p>a — b</p>", "<p>a --- b</p>"),
    ("<p>…</p>", "<p>...</p>"),
    ('<img src="/a.png" alt="A">', '<img src="/a.png" alt="a">'),
    ('<h2 id="same-1">Same</h2>', '<h2 id="same_1">Same</h2>'),
    ("<p>a</p>", "<p>a</p><hr>"),
    ("<p>a b</p>", "<p>a c</p>"),
    ("<p><em>a</em></p>", "<p><strong>a</strong></p>"),
    ("<p>a</p>", "<p>a</p></div>"),
], ids=["missing-p", "tight-vs-loose", "href", "apostrophe", "double-quotes", "en-dash",
        "em-dash", "ellipsis", "alt", "heading-id", "extra-element", "text", "element",
        "stray-end-tag"])
def test_a_real_difference_is_not_folded_away(hugo: str, ours: str):
    assert not same(hugo, ours)


# -- reading the differences -----------------------------------------------------------------


def test_differences_is_a_unified_diff_from_hugo_to_hugomat():
    diff = differences(canonical("<p>a</p>"), canonical("<p>b</p>"))
    assert diff[:2] == ["--- hugo", "+++ hugomat"]
    assert '-"a"' in diff and '+"b"' in diff


@pytest.mark.parametrize(("hugo", "ours", "kind"), [
    ("<p>a</p>", "<p>a</p>", ""),
    ("<p>“a”</p>", '<p>"a"</p>', "text: typography"),
    ("<p>a</p>", "<p>b</p>", "text"),
    ('<a href="/a">x</a>', '<a href="/b">x</a>', "<a> href"),
    ('<h2 id="a">A</h2>', '<h2 id="b">A</h2>', "<h2> id"),
    ("<pre><code>a</code></pre>", "<p><code>a</code></p>", "<pre> / <p>"),
    ("<ul><li><p>a</p></li></ul>", "<ul><li>a</li></ul>", "<p> / nothing"),
])
def test_difference_kind_names_where_two_forms_first_part(hugo: str, ours: str, kind: str):
    assert difference_kind(canonical(hugo), canonical(ours)) == kind
