"""html/template's contextual escaping; the expected strings are what Hugo 0.168 writes."""

from __future__ import annotations

from typing import Any

import pytest

from hugomat.gotemplate import Environment


def html(text: str, data: Any = None) -> str:
    return Environment().parse("t", text).execute({} if data is None else data)


@pytest.mark.parametrize(("text", "expected"), [
    # HTML text: < > & ' " and + are escaped, nil prints nothing.
    ("{{ \"a+b<'\\\"&\" }}", "a&#43;b&lt;&#39;&#34;&amp;"),
    ("[{{ .nope }}]", "[]"),
    ("{{ print nil }}", "&lt;nil&gt;"),
    # Quoted attribute values.
    ('<a title="{{ "a\\"b" }}">', '<a title="a&#34;b">'),
    # URL attributes: unsafe schemes are replaced, the rest normalised or query-escaped.
    ('<a href="{{ "javascript:alert(1)" }}">', '<a href="#ZgotmplZ">'),
    ('<a href="{{ "a?b=1&c=d e" }}">', '<a href="a?b=1&amp;c=d%20e">'),
    ('<a href="/x?q={{ "a b&c" }}">', '<a href="/x?q=a%20b%26c">'),
    ('<img src="{{ "https://example.org/é.png" }}">', '<img src="https://example.org/%C3%A9.png">'),
    # Script: values become JavaScript, strings inside literals are escaped for them.
    ('<script>var x = {{ "a\\"b<" }};</script>', '<script>var x = "a\\"b\\u003c";</script>'),
    ("<script>var y = \"{{ \"q'z\" }}\";</script>", '<script>var y = "q\\u0027z";</script>'),
    ('<script>var z = {{ dict "a" 1 }};</script>', '<script>var z = {"a":1};</script>'),
    # Template comments of HTML vanish with the actions inside them.
    ("a<!-- comment {{ 1 }} -->b", "ab"),
    # Attribute names and CSS values that are not plainly safe are replaced.
    ('<div {{ "data-x" }}></div>', "<div ZgotmplZ></div>"),
    ('<p style="color: {{ "red;x" }}"></p>', '<p style="color: ZgotmplZ"></p>'),
    ('<p style="color: {{ "red" }}"></p>', '<p style="color: red"></p>'),
    # Raw text elements: a textarea's content is always escaped.
    ("<textarea>{{ safeHTML \"<b>\" }}</textarea>", "<textarea>&lt;b&gt;</textarea>"),
    # Printed numbers keep their '+' escaped as Hugo does.
    ("{{ 1234567.0 }}", "1.234567e&#43;06"),
])
def test_values_are_escaped_for_where_they_land(text: str, expected: str) -> None:
    assert html(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('{{ safeHTML "<b>x</b>" }}', "<b>x</b>"),
    # The scheme filter is lifted; the URL is still normalised (Go escapes parentheses).
    ('<a href="{{ safeURL "javascript:void(0)" }}">', '<a href="javascript:void%280%29">'),
    ('<div {{ safeHTMLAttr "data-x=\\"1\\"" }}>', '<div data-x="1">'),
    ('<p style="{{ safeCSS "a;b" }}">', '<p style="a;b">'),
    ('<script>{{ safeJS "f(1)" }}</script>', "<script>f(1)</script>"),
])
def test_safe_functions_lift_the_escaping(text: str, expected: str) -> None:
    assert html(text) == expected


def test_escaping_follows_the_context_through_branches_and_loops() -> None:
    text = ('{{ range . }}<a href="{{ .u }}" title="{{ .t }}">{{ .t }}</a>{{ end }}')
    data = [{"u": "/a b", "t": "<x>"}, {"u": "data:x", "t": "&"}]
    assert html(text, data) == ('<a href="/a%20b" title="&lt;x&gt;">&lt;x&gt;</a>'
                                '<a href="#ZgotmplZ" title="&amp;">&amp;</a>')


def test_escaping_can_be_switched_off_per_template() -> None:
    env = Environment()
    assert env.parse("raw", "{{ \"<b>\" }}", escape=False).execute() == "<b>"
    assert env.parse("esc", "{{ \"<b>\" }}").execute() == "&lt;b&gt;"
    assert Environment(escape=False).parse("x", "<!-- kept -->").execute() == "<!-- kept -->"


def test_safe_html_in_an_attribute_loses_its_tags() -> None:
    assert html('<a title="{{ safeHTML "<b>bold</b> &amp; more" }}">') == \
        '<a title="bold &amp; more">'


def test_quotes_in_javascript_comments_do_not_open_strings() -> None:
    # Go also drops the comments of scripts and style sheets.
    assert html("<script>// don't\nvar x = {{ \"a\" }}; /* it's */</script>") == \
        '<script>\nvar x = "a";  </script>'
    assert html("<script>/* it's */ var y = {{ 1 }}; var n = {{ .nope }};</script>") == \
        "<script>  var y =  1 ; var n =  null ;</script>"
    assert html("<style>/* a */ p { color: {{ \"red\" }} }</style>") == \
        "<style>  p { color: red }</style>"


def test_on_attributes_are_javascript() -> None:
    assert html('<button onclick="f({{ "x" }})">') == '<button onclick="f(&#34;x&#34;)">'


def test_unquoted_attribute_values_escape_spaces() -> None:
    assert html("<a title={{ \"a b\" }}>") == "<a title=a&#32;b>"


def test_jsonify_output_is_not_escaped_again() -> None:
    assert html('{{ jsonify (dict "b" "<x>" "a" (slice 1 2.5)) }}') == \
        '{"a":[1,2.5],"b":"\\u003cx\\u003e"}'
