"""The Go template lexer and parser: tokens with positions, Go's syntax checks, located errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hugomat.gotemplate import Environment, TemplateError
from hugomat.gotemplate.errors import Source
from hugomat.gotemplate.lexer import Kind, lex


def kinds(text: str) -> list[tuple[Kind, str]]:
    return [(t.kind, t.text) for t in lex(Source("t.html", text)) if t.kind is not Kind.SPACE]


def test_text_and_actions_become_tokens_in_order() -> None:
    assert kinds("a {{ .Title | printf \"%s\" }} b") == [
        (Kind.TEXT, "a "), (Kind.LEFT, "{{"), (Kind.FIELD, ".Title"), (Kind.PIPE, "|"),
        (Kind.IDENT, "printf"), (Kind.STRING, '"%s"'), (Kind.RIGHT, "}}"), (Kind.TEXT, " b"),
        (Kind.EOF, "")]


def test_every_kind_of_operand_is_recognised() -> None:
    found = kinds("{{ $x := .A.b | eq 0x1F 1.5e3 'a' `raw` true nil . ($y = 2) }}")
    assert [k for k, _ in found] == [
        Kind.LEFT, Kind.VARIABLE, Kind.DECLARE, Kind.FIELD, Kind.FIELD, Kind.PIPE, Kind.IDENT,
        Kind.NUMBER, Kind.NUMBER, Kind.CHAR, Kind.RAW_STRING, Kind.BOOL, Kind.NIL, Kind.DOT,
        Kind.LPAREN, Kind.VARIABLE, Kind.ASSIGN, Kind.NUMBER, Kind.RPAREN, Kind.RIGHT, Kind.EOF]


def test_keywords_are_their_own_tokens() -> None:
    words = [t for k, t in kinds("{{ if }}{{ else }}{{ range }}{{ with }}{{ end }}{{ break }}")
             if k is Kind.KEYWORD]
    assert words == ["if", "else", "range", "with", "end", "break"]


def test_trim_markers_remove_the_white_space_beside_them() -> None:
    assert kinds("a  \n {{- 1 -}} \n\t b") == [
        (Kind.TEXT, "a"), (Kind.LEFT, "{{"), (Kind.NUMBER, "1"), (Kind.RIGHT, "}}"),
        (Kind.TEXT, "b"), (Kind.EOF, "")]


def test_a_minus_without_a_space_is_a_negative_number_not_a_trim() -> None:
    assert (Kind.NUMBER, "-3") in kinds("x {{-3}} y")
    assert kinds("x {{-3}} y")[0] == (Kind.TEXT, "x ")


def test_comments_vanish_and_may_trim() -> None:
    assert kinds("a {{/* note */}} b") == [(Kind.TEXT, "a "), (Kind.TEXT, " b"), (Kind.EOF, "")]
    assert kinds("a {{- /* note */ -}} b") == [(Kind.TEXT, "a"), (Kind.TEXT, "b"),
                                               (Kind.EOF, "")]


def test_positions_are_offsets_that_map_to_line_and_column() -> None:
    source = Source("t.html", "one\ntwo {{ .X }}")
    field = next(t for t in lex(source) if t.kind is Kind.FIELD)
    assert source.line_col(field.pos) == (2, 8)


@pytest.mark.parametrize(("text", "where", "message"), [
    ("a\n  {{ .x ", "2:3", "unclosed action"),
    ("{{ \"abc }}", "1:4", "unterminated quoted string"),
    ("{{ `abc }}", "1:4", "unterminated raw quoted string"),
    ("{{ 'ab }}", "1:4", "unterminated character constant"),
    ("{{ # }}", "1:4", "unrecognized character in action: U+0023 '#'"),
    ("{{ 3k }}", "1:4", "bad number syntax"),
    ("{{/* x }}", "1:1", "unclosed comment"),
    ("{{ /* x */ }}", "1:4", "unrecognized character in action: U+002F '/'"),
    ("{{/* x */ 1 }}", "1:1", "comment ends before closing delimiter"),
    ("{{ (1 }}", "1:1", "unclosed left paren"),
    ("{{ 1) }}", "1:5", "unexpected right paren"),
    ("{{ .a: }}", "1:6", "expected :="),
])
def test_lexer_errors_are_located(text: str, where: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        lex(Source("layouts/x.html", text))
    assert str(caught.value).startswith(f"layouts/x.html:{where}: {message}")


def parse_error(text: str) -> str:
    with pytest.raises(TemplateError) as caught:
        Environment().parse("x", text, path="layouts/shortcodes/x.html")
    return str(caught.value)


@pytest.mark.parametrize(("text", "expected"), [
    ("{{ if .a }}x", "layouts/shortcodes/x.html:1:13: unexpected EOF: missing {{end}}"),
    ("x{{ end }}", "layouts/shortcodes/x.html:1:5: unexpected {{end}}"),
    ("{{ else }}", "layouts/shortcodes/x.html:1:4: unexpected {{else}}"),
    ("\n\n  {{ nosuch 1 }}", 'layouts/shortcodes/x.html:3:6: function "nosuch" not defined'),
    ("{{ $x }}", 'layouts/shortcodes/x.html:1:4: undefined variable "$x"'),
    ("{{ if 1 }}{{ $x := 1 }}{{ end }}{{ $x }}",
     'layouts/shortcodes/x.html:1:36: undefined variable "$x"'),
    ("{{ $x = 1 }}", 'layouts/shortcodes/x.html:1:4: undefined variable "$x"'),
    ("{{ break }}", "layouts/shortcodes/x.html:1:4: {{break}} outside {{range}}"),
    ("{{ continue }}", "layouts/shortcodes/x.html:1:4: {{continue}} outside {{range}}"),
    ("{{ }}", "layouts/shortcodes/x.html:1:4: missing value for command"),
    ("{{ if }}{{ end }}", "layouts/shortcodes/x.html:1:7: missing value for if"),
    ("{{ 1 | 2 }}", "layouts/shortcodes/x.html:1:8: non executable command in pipeline stage 2"),
    ("{{ template .x }}", "layouts/shortcodes/x.html:1:13: unexpected '.x' in template clause"),
    ('{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}',
     'layouts/shortcodes/x.html:1:30: template: multiple definition of template "a"'),
    ("{{ if 1 }}{{ define \"a\" }}{{ end }}{{ end }}",
     "layouts/shortcodes/x.html:1:14: unexpected {{define}}"),
    ('{{ "x".y }}', "layouts/shortcodes/x.html:1:4: unexpected . after term"),
    ("{{ range 1 }}{{ else if 1 }}{{ end }}",
     "layouts/shortcodes/x.html:1:17: {{else if}} inside {{range}}"),
    ('{{ "\\q" }}', 'layouts/shortcodes/x.html:1:4: bad string syntax: "\\q"'),
])
def test_parse_errors_are_located_like_go_reports_them(text: str, expected: str) -> None:
    assert parse_error(text) == expected


def test_a_hugo_function_the_caller_did_not_register_is_named_as_not_supported() -> None:
    with pytest.raises(TemplateError) as caught:
        Environment().parse("x", "a\n  b {{ markdownify .Inner }}",
                            path="layouts/shortcodes/x.html")
    assert str(caught.value) == \
        'layouts/shortcodes/x.html:2:8: function "markdownify" is not supported'
    assert caught.value.unsupported_function == "markdownify"
    assert (caught.value.line, caught.value.column) == (2, 8)


def test_an_unknown_namespaced_function_is_an_error_at_parse_time() -> None:
    assert parse_error("x\n{{ transform.Foo 1 }}") == \
        'layouts/shortcodes/x.html:2:4: function "transform.Foo" not defined'
    assert parse_error('{{ resources.Get "a" }}') == \
        'layouts/shortcodes/x.html:1:4: function "resources.Get" is not supported'


def test_else_if_and_else_with_chains_need_one_end() -> None:
    env = Environment()
    template = env.parse("x", "{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}"
                              "{{ with .a }}1{{ else with .b }}2{{ end }}")
    assert template.execute({"a": 0, "b": 1}) == "B2"


def test_numbers_are_read_as_go_reads_them() -> None:
    template = Environment().parse(
        "x", "{{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }} {{ 1e3 }} {{ 1.5 }} "
             "{{ 'a' }} {{ '\\n' }} {{ -7 }} {{ .5 }} {{ 0x1p-2 }}")
    assert template.execute() == "31 15 15 5 1000 1000 1.5 97 10 -7 0.5 0.25"


def test_string_escapes_are_decoded() -> None:
    template = Environment(escape=False).parse(
        "x", '{{ "tab\\there\\x41\\u00e9\\101\\"" }}|{{ `raw\\n` }}')
    assert template.execute() == 'tab\thereAé A"|raw\\n'.replace(" A", "A")


_PIECES = st.sampled_from([
    "{{", "}}", "{{-", "-}}", " ", "\n", ".", ".Title", "$x", "$", ":=", "=", "|", "(", ")",
    "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
    '"s"', '"', "`", "'a'", "'", "1", "-2", "0x", "1e", "nil", "true", "printf", "eq", "and",
    "/*", "*/", ",", "<a href=\"", "<script>", "nosuch", "strings.Contains", "transform.Foo",
    "#", "\\", "é", "{", "}",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join) | st.text(max_size=60))
def test_lexing_and_parsing_any_text_raises_only_located_template_errors(text: str) -> None:
    env = Environment()
    try:
        env.parse("fuzz", text, path="layouts/fuzz.html")
    except TemplateError as error:
        assert str(error).startswith("layouts/fuzz.html:")
        assert error.line >= 1 and error.column >= 1


def test_every_unsupported_function_of_a_template_can_be_listed() -> None:
    env = Environment(functions={"relURL": lambda path: path})
    text = ('{{ markdownify .Inner }}\n{{ relURL "x" }}{{ with resources.Get "a" }}'
            '{{ partial "p" . }}{{ end }}')
    found = env.unsupported_functions(text, path="layouts/shortcodes/x.html")
    assert [str(error) for error in found] == [
        'layouts/shortcodes/x.html:1:4: function "markdownify" is not supported',
        'layouts/shortcodes/x.html:2:25: function "resources.Get" is not supported',
        'layouts/shortcodes/x.html:2:48: function "partial" is not supported']
    assert [error.unsupported_function for error in found] == [
        "markdownify", "resources.Get", "partial"]


def test_listing_unsupported_functions_still_reports_syntax_errors() -> None:
    with pytest.raises(TemplateError, match="unclosed action"):
        Environment().unsupported_functions("{{ markdownify ", path="x.html")
