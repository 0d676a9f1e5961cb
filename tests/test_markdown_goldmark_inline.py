"""Goldmark's typographer, linkify and strikethrough as markdown-it-py rules.

Each case is Markdown and the HTML that Hugo 0.168 (Goldmark, hugo-book theme) rendered from
it, written down here so that the tests run without Hugo. The HTML is compared after
`html.unescape` (Hugo writes `&ldquo;` where markdown-it writes the character) and without
the line breaks between tags. `bench/inline_vs_hugo.py` compares many more snippets with Hugo
itself.
"""

from __future__ import annotations

import html
import re
from types import ModuleType

import pytest
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from hugomat.markdown import linkify, strikethrough, typographer

ALL = (typographer, linkify, strikethrough)


def goldmark_inline(*modules: ModuleType) -> MarkdownIt:
    """The parser of hugomat's reader with the given modules installed (all three if none)."""
    md = MarkdownIt("commonmark", {"html": True})
    md.enable("table")
    for module in modules or ALL:
        module.install(md)
    return md


MD = goldmark_inline()


def comparable(text: str) -> str:
    text = re.sub(r"<br\s*/?>", "<br>", text)
    text = re.sub(r"\s*/>", ">", text)
    text = re.sub(r">[ \t]*\n\s*<", "><", text.strip())
    return html.unescape(text)


def render(markdown: str, md: MarkdownIt = MD) -> str:
    return comparable(md.render(markdown, {}))


TYPOGRAPHER = {
    "en_dash": (
        "a -- b 1--2",
        "<p>a – b 1–2</p>",
    ),
    "em_dash": (
        "a --- b",
        "<p>a — b</p>",
    ),
    "dash_runs": (
        "a ---- b ----- c - d",
        "<p>a —- b —– c - d</p>",
    ),
    "ellipsis": (
        "a... b .. c .... d ..... e",
        "<p>a… b .. c …. d ….. e</p>",
    ),
    "angle_quotes": (
        "<<a>> <<< b >>>",
        "<p>«a» «< b »></p>",
    ),
    "angle_quote_before_raw_html": (
        "<<b>x</b>",
        "<p>«b>x</b></p>",
    ),
    "autolink_before_angle_quote": (
        "<<http://a.org>>",
        '<p>«<a href="http://a.org">http://a.org</a>»</p>',
    ),
    "no_other_replacements": (
        "(c) (C) (tm) (r) +- ?? !!!! ,, -> =>",
        "<p>(c) (C) (tm) (r) +- ?? !!!! ,, -> =></p>",
    ),
    "double_quotes": (
        'say "hello" now',
        "<p>say “hello” now</p>",
    ),
    "single_quotes": (
        "say 'hello' now",
        "<p>say ‘hello’ now</p>",
    ),
    "contractions": (
        "don't I'm you're rock'n'roll O'Neil DON'T",
        "<p>don’t I’m you’re rock’n’roll O’Neil DON’T</p>",
    ),
    "clipped_words": (
        "'twas 'em 'net 'lo 'nice' 'tis",
        "<p>’twas ’em ’net ’lo ’nice’ ’tis</p>",
    ),
    "decades": (
        "the '90s, '80s. '70sx '60s'",
        "<p>the ’90s, ’80s. ‘70sx ’60s’</p>",
    ),
    "short_suffixes": (
        "a 's b 'm c 'd e 've f 'll g 're h 'sx",
        "<p>a ’s b ’m c ’d e ’ve f ’ll g ’re h ‘sx</p>",
    ),
    "plural_possessive": (
        "the Smiths' house",
        "<p>the Smiths’ house</p>",
    ),
    "possessive_at_end": (
        "the Smiths'",
        "<p>the Smiths'</p>",
    ),
    "possessive_before_digit": (
        "x '1' y'2",
        "<p>x ‘1’ y'2</p>",
    ),
    "quote_test": (
        "'test'",
        "<p>’test'</p>",
    ),
    "quote_run": (
        "a ''b'' \"\"c\"\"",
        "<p>a ‘‘b’’ ““c””</p>",
    ),
    "inch_marks": (
        'Monitor 21"" and "a 21"" b" and 5\'11"',
        '<p>Monitor 21"" and “a 21"” b" and 5\'11"</p>',
    ),
    "open_close_before_punct": (
        '"(x)". "a"! ("b")',
        "<p>“(x)”. “a”! (“b”)</p>",
    ),
    "closing_without_opener": (
        "a\" b' c",
        '<p>a" b’ c</p>',
    ),
    "quotes_span_paragraphs": (
        '"x\n\ny"',
        "<p>“x</p><p>y”</p>",
    ),
    "quotes_span_table_cells": (
        "| a | b |\n|---|---|\n| \"x | y\" |\n| 'p | q' |",
        (
            "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>“x</td><td>y”</td></tr><tr><td>‘p</td><td>q’</td></tr></tbody></table>"
        ),
    ),
    "quotes_into_alt_text": (
        '"a ![b"](c.png) d',
        '<p>“a <img src="c.png" alt="b”"> d</p>',
    ),
    "alt_text_flanking": (
        '!["*x*"](a.png) ![x"](a.png)',
        '<p><img src="a.png" alt=""x""> <img src="a.png" alt="x""></p>',
    ),
    "alt_text_lookahead": (
        "![the Smiths'](a.png)",
        '<p><img src="a.png" alt="the Smiths’"></p>',
    ),
    "quotes_in_link_label": (
        '["x"](u) [the Smiths\'](u)',
        '<p><a href="u">“x”</a> <a href="u">the Smiths’</a></p>',
    ),
    "escaped_quotes": (
        "\\\"x\\\" \\'y\\'",
        "<p>\"x\" 'y'</p>",
    ),
    "code_span_untouched": (
        '`"x" -- ... <<`',
        '<p><code>"x" -- ... <<</code></p>',
    ),
    "raw_html_untouched": (
        "<span title=\"a--b 'c'\">x</span>",
        "<p><span title=\"a--b 'c'\">x</span></p>",
    ),
    "autolink_untouched": (
        "<http://a.org/a--b...>",
        '<p><a href="http://a.org/a--b...">http://a.org/a--b...</a></p>',
    ),
    "link_destination_untouched": (
        "[a](u--v \"t--t 'q'\")",
        '<p><a href="u--v" title="t--t \'q\'">a</a></p>',
    ),
    "entities_untouched": (
        "&quot;x&quot; &#39;y&#39;",
        "<p>\"x\" 'y'</p>",
    ),
    "non_ascii_letters": (
        "l'été 中'文 \"é\" 'é",
        "<p>l’été 中’文 “é” ‘é</p>",
    ),
    "byte_length_quirk": (
        "a'—",
        "<p>a’—</p>",
    ),
    "byte_length_quirk_b": (
        "a'— b",
        "<p>a’— b</p>",
    ),
    "line_start_quotes": (
        "a\n'b' \"c\"\n--d",
        "<p>a\n‘b’ “c”\n–d</p>",
    ),
    "quote_before_link": (
        "\"[a](u)\" '[b](u)'",
        '<p>“<a href="u">a</a>” ‘<a href="u">b</a>’</p>',
    ),
    "emphasis_around_quotes": (
        '*"a"* "*b*" **\'c\'**',
        "<p><em>“a”</em> “<em>b</em>” <strong>‘c’</strong></p>",
    ),
    "placeholders": (
        'HugomatSc12Z "HugomatSc3Z" HugomatSc4Z\'s',
        "<p>HugomatSc12Z “HugomatSc3Z” HugomatSc4Z’s</p>",
    ),
}

LINKIFY = {
    "linkify_schemes": (
        "see http://x.org https://x.org/a?b=c#d ftp://f.org/f and www.x.org",
        (
            '<p>see <a href="http://x.org">http://x.org</a> '
            '<a href="https://x.org/a?b=c#d">https://x.org/a?b=c#d</a> '
            '<a href="ftp://f.org/f">ftp://f.org/f</a> and '
            '<a href="https://www.x.org">www.x.org</a></p>'
        ),
    ),
    "linkify_email": (
        "mail a.b-c+d@e.x.org now",
        '<p>mail <a href="mailto:a.b-c+d@e.x.org">a.b-c+d@e.x.org</a> now</p>',
    ),
    "linkify_not_mid_word": (
        "foo.www.x.org xhttp://x.org a:http://x.org",
        "<p>foo.www.x.org xhttp://x.org a:http://x.org</p>",
    ),
    "linkify_tab_and_nbsp": (
        "a\twww.x.org b\xa0www.y.org",
        "<p>a\twww.x.org b\xa0www.y.org</p>",
    ),
    "linkify_after_paren": (
        "a (www.x.org) b(www.y.org)",
        (
            '<p>a (<a href="https://www.x.org">www.x.org</a>) b('
            '<a href="https://www.y.org">www.y.org</a>)</p>'
        ),
    ),
    "linkify_after_escaped_paren": (
        "\\(www.x.org",
        "<p>(www.x.org</p>",
    ),
    "linkify_after_rejected_tilde": (
        "a ~~~www.x.org",
        '<p>a ~~~<a href="https://www.x.org">www.x.org</a></p>',
    ),
    "linkify_after_nodes": (
        "*www.x.org* snake_www.y.org x'www.z.org `c`www.w.org",
        (
            '<p><em><a href="https://www.x.org">www.x.org</a></em> snake_'
            '<a href="https://www.y.org">www.y.org</a> x’<a href="https://www.z.org">www.z.org</a>'
            ' <code>c</code><a href="https://www.w.org">www.w.org</a></p>'
        ),
    ),
    "linkify_after_lone_backtick": (
        "a `www.x.org",
        '<p>a `<a href="https://www.x.org">www.x.org</a></p>',
    ),
    "linkify_after_escapes": (
        "\\*www.x.org &amp;www.y.org \\ www.z.org",
        '<p>*www.x.org &www.y.org \\ <a href="https://www.z.org">www.z.org</a></p>',
    ),
    "linkify_line_head": (
        "a\nwww.x.org",
        '<p>a\n<a href="https://www.x.org">www.x.org</a></p>',
    ),
    "linkify_not_in_link_label": (
        "[www.x.org](u) [see http://y.org](u)",
        '<p><a href="u">www.x.org</a> <a href="u">see http://y.org</a></p>',
    ),
    "linkify_not_after_open_bracket": (
        "[see www.x.org",
        "<p>[see www.x.org</p>",
    ),
    "linkify_after_closed_bracket": (
        "[a] www.x.org",
        '<p>[a] <a href="https://www.x.org">www.x.org</a></p>',
    ),
    "linkify_in_raw_anchor": (
        '<a href="x">www.y.org</a>',
        '<p><a href="x"><a href="https://www.y.org">www.y.org</a></a></p>',
    ),
    "linkify_trailing_punctuation": (
        "http://x.org/a. www.x.org/b?! http://x.org/c:, www.x.org/x_ x",
        (
            '<p><a href="http://x.org/a">http://x.org/a</a>. '
            '<a href="https://www.x.org/b">www.x.org/b</a>?! '
            '<a href="http://x.org/c">http://x.org/c</a>:, '
            '<a href="https://www.x.org/x">www.x.org/x</a>_ x</p>'
        ),
    ),
    "linkify_parens": (
        "http://x.org/a_(b) http://x.org/a)b) (http://x.org/c) http://x.org/d)). e",
        (
            '<p><a href="http://x.org/a_%28b%29">http://x.org/a_(b)</a> '
            '<a href="http://x.org/a%29">http://x.org/a)</a>b) ('
            '<a href="http://x.org/c">http://x.org/c</a>) '
            '<a href="http://x.org/d">http://x.org/d</a>)). e</p>'
        ),
    ),
    "linkify_trim_order": (
        "(http://x.org/a.) http://x.org/b.). http://x.org/c&amp;. http://x.org/d&amp;).",
        (
            '<p>(<a href="http://x.org/a.">http://x.org/a.</a>) '
            '<a href="http://x.org/b.">http://x.org/b.</a>). '
            '<a href="http://x.org/c">http://x.org/c</a>&. '
            '<a href="http://x.org/d&amp;">http://x.org/d&</a>).</p>'
        ),
    ),
    "linkify_lowercase_tld": (
        "http://x.COM http://EXAMPLE.com",
        '<p>http://x.COM <a href="http://EXAMPLE.com">http://EXAMPLE.com</a></p>',
    ),
    "linkify_port": (
        "http://x.org:8080/p",
        '<p><a href="http://x.org:8080/p">http://x.org:8080/p</a></p>',
    ),
    "linkify_quotes_in_path": (
        "\"http://x.org/a\" 'www.x.org/b' http://x.org/c",
        (
            '<p>“<a href="http://x.org/a%22">http://x.org/a"</a> ‘'
            '<a href="https://www.x.org/b%27">www.x.org/b\'</a> '
            '<a href="http://x.org/c">http://x.org/c</a></p>'
        ),
    ),
    "linkify_swallows_markup": (
        "http://x.org/[a](b) www.x.org/`c`",
        (
            '<p><a href="http://x.org/[a]%28b%29">http://x.org/[a](b)</a> '
            '<a href="https://www.x.org/%60c%60">www.x.org/`c`</a></p>'
        ),
    ),
    "linkify_email_rules": (
        "x@y x@y.org- x@y.org_ a.b@c.org. git@h.org:r x@-y.org",
        (
            '<p>x@y x@y.org- x@y.org_ <a href="mailto:a.b@c.org">a.b@c.org</a>. '
            '<a href="mailto:git@h.org">git@h.org</a>:r x@-y.org</p>'
        ),
    ),
    "linkify_href_encoding": (
        "http://a.org/c(d)'e\" http://x.org/%41%zz www.x.org/p?q=1&r=2",
        (
            '<p><a href="http://a.org/c%28d%29%27e%22">http://a.org/c(d)\'e"</a> '
            '<a href="http://x.org/%41%25zz">http://x.org/%41%zz</a> '
            '<a href="https://www.x.org/p?q=1&r=2">www.x.org/p?q=1&r=2</a></p>'
        ),
    ),
    "linkify_label_entity": (
        "http://x.org/a&amp b",
        '<p><a href="http://x.org/a&amp">http://x.org/a&</a> b</p>',
    ),
    "linkify_stale_backslash": (
        '\\ www.x.org\\"a \\ www.y.org\\.b',
        (
            '<p>\\ <a href="https://www.x.org">www.x.org</a>\\“a \\ '
            '<a href="https://www.y.org">www.y.org</a>\\.b</p>'
        ),
    ),
}

STRIKETHROUGH = {
    "strike_in_alt_text": (
        # After `[`, a punctuation character, the opening `~~` may also close: rule of 3.
        "![~~*x*~ y](a.png) ~~*x*~ y",
        '<p><img src="a.png" alt="~~x~ y"> ~<del><em>x</em></del> y</p>',
    ),
    "strike_double_and_single": (
        "~~a~~ ~b~",
        "<p><del>a</del> <del>b</del></p>",
    ),
    "strike_long_runs": (
        "x ~~~a~~~ a~~~b",
        "<p>x ~~~a~~~ a~~~b</p>",
    ),
    "strike_uneven": (
        "~~a~ ~b~~",
        "<p><del><del>a</del> <del>b</del></del></p>",
    ),
    "strike_flanking": (
        "~ a ~ a~b~c a ~~ b ~~",
        "<p>~ a ~ a<del>b</del>c a ~~ b ~~</p>",
    ),
    "strike_escaped": (
        "\\~~a~~ ~~b\\~~",
        "<p>~~a~~ ~~b~~</p>",
    ),
    "strike_nested": (
        "~a ~~b~~ c~ ~~d ~e~ f~~",
        "<p><del>a <del>b</del> c</del> <del>d <del>e</del> f</del></p>",
    ),
    "strike_with_emphasis": (
        "*a ~~b* c~~ ~~d *e~~ f* ***~~g~~***",
        "<p><em>a ~~b</em> c~~ <del>d *e</del> f* <em><strong><del>g</del></strong></em></p>",
    ),
    "strike_rule_of_three": (
        "a~~b~c",
        "<p>a~~b~c</p>",
    ),
    "strike_with_quotes": (
        "\"~~x~~\" ~~'y'~~",
        "<p>“<del>x</del>” <del>‘y’</del></p>",
    ),
}

CASES = {**TYPOGRAPHER, **LINKIFY, **STRIKETHROUGH}


@pytest.mark.parametrize(("markdown", "expected"), CASES.values(), ids=CASES.keys())
def test_renders_as_hugo(markdown: str, expected: str) -> None:
    assert render(markdown) == expected


def test_quote_count_lasts_for_one_page() -> None:
    # Goldmark never resets its count of open quotes within a document; markdown-it keeps it
    # in `env`, which one `md.parse` shares between all blocks.
    page: dict = {}
    assert comparable(MD.render('"open', page)) == "<p>“open</p>"
    assert comparable(MD.render('closed"', page)) == "<p>closed”</p>"
    assert render('closed"') == '<p>closed"</p>'


def test_each_module_installs_alone() -> None:
    markdown = '"a" www.x.org ~~b~~'
    assert render(markdown, goldmark_inline(typographer)) == "<p>“a” www.x.org ~~b~~</p>"
    assert render(markdown, goldmark_inline(linkify)) == (
        '<p>"a" <a href="https://www.x.org">www.x.org</a> ~~b~~</p>'
    )
    assert render(markdown, goldmark_inline(strikethrough)) == '<p>"a" www.x.org <del>b</del></p>'


def test_installing_twice_changes_nothing() -> None:
    md = goldmark_inline(typographer, linkify, strikethrough, typographer, linkify, strikethrough)
    names = md.inline.ruler.get_all_rules()
    assert len(names) == len(set(names))
    assert render('"a" www.x.org ~b~', md) == (
        '<p>“a” <a href="https://www.x.org">www.x.org</a> <del>b</del></p>'
    )


def test_tokens() -> None:
    tokens = MD.parseInline("~~a~~ www.x.org 'b'")[0].children
    assert [(token.type, token.tag, token.markup) for token in tokens if token.nesting] == [
        ("s_open", "del", "~~"),
        ("s_close", "del", "~~"),
        ("link_open", "a", "linkify"),
        ("link_close", "a", "linkify"),
    ]
    link = next(token for token in tokens if token.type == "link_open")
    assert link.attrs == {"href": "https://www.x.org"}
    assert "".join(token.content for token in tokens if token.type == "text") == "a www.x.org ‘b’"


def test_no_link_inside_alt_text() -> None:
    # The alt text reads the same either way; the tokens show Goldmark's rule.
    image = MD.parseInline("![see www.x.org](a.png)")[0].children[0]
    assert image.type == "image"
    assert [token.type for token in image.children] == ["text"]


def test_text_rule_keeps_stopping_at_plugin_characters() -> None:
    md = goldmark_inline()
    seen = []

    def dollar(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != "$":
            return False
        seen.append(state.pos)
        return False

    md.inline.add_terminator_char("$")
    md.inline.ruler.push("dollar", dollar)
    assert render("a $b 'c' $d", md) == "<p>a $b ‘c’ $d</p>"
    assert seen == [2, 9]
