"""hugomat.read.shortcode_parser: Hugo shortcode lexing and parsing with exact positions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hugomat.errors import ContentError
from hugomat.read import shortcode_parser
from hugomat.read.shortcode_parser import Node, Shortcode, Text
from hugomat.render.renderers.registry import REGISTRY

CHAPTER = Path(__file__).resolve().parents[1] / "content" / "docs" / "13_flames_on.md"


def parse(text: str, path: str, first_line: int = 1, **names: frozenset[str]) -> list[Node]:
    """The parser as a page is read: with the name sets of hugomat's own shortcodes, unless
    a test hands in others."""
    return shortcode_parser.parse(text, path, first_line, **{**REGISTRY.parser_names(), **names})


def sc(
    name: str,
    line: int,
    column: int,
    source: str,
    children: list[Node] | None = None,
    positional: list | None = None,
    named: dict | None = None,
    delimiter: str = "<",
    self_closing: bool = False,
) -> Shortcode:
    """A Shortcode with the defaults most tests need."""
    return Shortcode(
        name=name,
        positional=positional or [],
        named=named or {},
        children=children,
        delimiter=delimiter,
        line=line,
        column=column,
        source=source,
        self_closing=self_closing,
    )


def error_of(text: str, first_line: int = 1, **kwargs) -> str:
    """The full `path:line:col: message` string of the error parsing `text` raises."""
    with pytest.raises(ContentError) as info:
        parse(text, "book/page.md", first_line, **kwargs)
    return str(info.value)


# --- plain text ----------------------------------------------------------------------------------


def test_empty_body_gives_no_nodes() -> None:
    assert parse("", "p.md") == []


def test_plain_text_is_one_text_node() -> None:
    assert parse("# Title\n\nSome *text*.\n", "p.md") == [Text("# Title\n\nSome *text*.\n", 1, 1)]


def test_double_brace_without_angle_or_percent_is_text() -> None:
    body = "a {{ .Title }} {{x}} {{- y -}} {{ <b> }} %}} >}}"
    assert parse(body, "p.md") == [Text(body, 1, 1)]


# --- delimiters and arguments --------------------------------------------------------------------


def test_angle_delimiter_leaf() -> None:
    assert parse('see {{< relref "a.md" >}}.', "p.md") == [
        Text("see ", 1, 1),
        sc("relref", 1, 5, '{{< relref "a.md" >}}', positional=["a.md"]),
        Text(".", 1, 26),
    ]


def test_percent_delimiter_block() -> None:
    body = "{{% hint warning %}}\n**Careful**\n{{% /hint %}}\n"
    assert parse(body, "p.md") == [
        sc(
            "hint",
            1,
            1,
            "{{% hint warning %}}",
            children=[Text("\n**Careful**\n", 1, 21)],
            positional=["warning"],
            delimiter="%",
        ),
        Text("\n", 3, 14),
    ]


def test_named_arguments_of_every_kind() -> None:
    body = '{{< image src="a.png" alt=bare w=42 ratio=1.5 neg=-3 lazy=true big=false n="7" >}}'
    [node] = parse(body, "p.md")
    assert node == sc(
        "image",
        1,
        1,
        body,
        named={
            "src": "a.png",
            "alt": "bare",
            "w": 42,
            "ratio": 1.5,
            "neg": -3,
            "lazy": True,
            "big": False,
            "n": "7",
        },
    )
    assert type(node.named["w"]) is int
    assert type(node.named["ratio"]) is float
    assert type(node.named["lazy"]) is bool


def test_positional_arguments_are_typed_like_named_ones() -> None:
    body = '{{< badge "x y" word 42 -1 3.5 true false "42" "true" `3` 1.2.3 v1 >}}'
    [node] = parse(body, "p.md")
    assert node.positional == [
        "x y",
        "word",
        42,
        -1,
        3.5,
        True,
        False,
        "42",
        "true",
        "3",
        "1.2.3",
        "v1",
    ]
    assert [type(v) for v in node.positional[2:5]] == [int, int, float]


def test_positional_and_named_may_mix() -> None:
    [node] = parse('{{< link "a" href="/x" b >}}', "p.md", leaf_names=frozenset({"link"}))
    assert node.positional == ["a", "b"]
    assert node.named == {"href": "/x"}


def test_named_names_are_kept_as_written_and_last_repeat_wins() -> None:
    [node] = parse("{{< toc Max-Depth=2 a.b=1 a_B=x Max-Depth=3 >}}", "p.md")
    assert node.named == {"Max-Depth": 3, "a.b": 1, "a_B": "x"}


def test_string_escapes() -> None:
    body = r'{{< toc t="say \"hi\" \\ back\nnew\ttab \z \' end" >}}'
    [node] = parse(body, "p.md")
    assert node.named["t"] == 'say "hi" \\ back\nnew\ttab \\z \\\' end'


def test_raw_string_spans_lines_without_escapes() -> None:
    body = '{{< toc `line one\n  two \\n "q"` >}}\nafter {{< ref x >}}'
    nodes = parse(body, "p.md", 10)
    assert nodes == [
        sc(
            "toc",
            10,
            1,
            '{{< toc `line one\n  two \\n "q"` >}}',
            positional=['line one\n  two \\n "q"'],
        ),
        Text("\nafter ", 11, 18),
        sc("ref", 12, 7, "{{< ref x >}}", positional=["x"]),
    ]


def test_raw_and_quoted_strings_keep_surrounding_spaces() -> None:
    [node] = parse('{{< toc `  raw\t` "  q " >}}', "p.md")
    assert node.positional == ["  raw\t", "  q "]


def test_quoted_value_may_hold_delimiters_and_tags() -> None:
    [node] = parse('{{< toc a=">}} %}} {{< x >}}" b=`{{% y %}}` >}}', "p.md")
    assert node.named == {"a": ">}} %}} {{< x >}}", "b": "{{% y %}}"}


def test_bare_words_take_any_characters_up_to_space_or_delimiter() -> None:
    [node] = parse("{{< ref https://x.org/?a=b&c=d 50% a>b ü€ >}}", "p.md")
    assert node.positional == ["https://x.org/?a=b&c=d", "50%", "a>b", "ü€"]


def test_whitespace_and_newlines_inside_tags() -> None:
    body = "{{<\n\thint\n  info\n\ttitle=x\n>}}body{{<\n  /hint\n>}}"
    assert parse(body, "p.md") == [
        sc(
            "hint",
            1,
            1,
            "{{<\n\thint\n  info\n\ttitle=x\n>}}",
            children=[Text("body", 5, 4)],
            positional=["info"],
            named={"title": "x"},
        )
    ]


def test_tag_without_any_space() -> None:
    assert parse("{{<toc>}}{{%ref x%}}", "p.md") == [
        sc("toc", 1, 1, "{{<toc>}}"),
        sc("ref", 1, 10, "{{%ref x%}}", positional=["x"], delimiter="%"),
    ]


def test_names_with_dirs_dots_dashes_underscores_digits() -> None:
    body = "{{< foo/bar.baz-q_1 >}}{{< _x >}}{{< 9lives >}}{{< ñandú >}}"
    nodes = parse(body, "p.md")
    assert [n.name for n in nodes if isinstance(n, Shortcode)] == [
        "foo/bar.baz-q_1",
        "_x",
        "9lives",
        "ñandú",
    ]


def test_arg_method() -> None:
    node = sc("x", 1, 1, "", positional=["info", 3], named={"title": "T", "open": False})
    assert node.arg("title") == "T"
    assert node.arg("open", 0) is False
    assert node.arg("kind", 0) == "info"
    assert node.arg("kind", 1) == 3
    assert node.arg("kind", 2) is None
    assert node.arg("kind", 5, "dflt") == "dflt"
    assert node.arg("kind") is None
    assert node.arg("kind", default=7) == 7


# --- self-closing and closing tags --------------------------------------------------------------


def test_self_closing_block_name_is_a_leaf() -> None:
    body = '{{< details title="x" />}}after'
    assert parse(body, "p.md") == [
        sc("details", 1, 1, '{{< details title="x" />}}', named={"title": "x"}, self_closing=True),
        Text("after", 1, 27),
    ]


def test_self_closing_variants() -> None:
    body = "{{% hint /%}}{{< x/>}}{{< tab a/>}}{{< tabs / >}}"
    assert parse(body, "p.md") == [
        sc("hint", 1, 1, "{{% hint /%}}", delimiter="%", self_closing=True),
        sc("x", 1, 14, "{{< x/>}}", self_closing=True),
        sc("tab", 1, 23, "{{< tab a/>}}", positional=["a"], self_closing=True),
        sc("tabs", 1, 36, "{{< tabs / >}}", self_closing=True),
    ]


def test_closing_tags_with_whitespace() -> None:
    body = "{{< hint >}}a{{<   /  hint   >}}{{% tab %}}b{{%\n/tab\n%}}"
    assert parse(body, "p.md") == [
        sc("hint", 1, 1, "{{< hint >}}", children=[Text("a", 1, 13)]),
        sc("tab", 1, 33, "{{% tab %}}", children=[Text("b", 1, 44)], delimiter="%"),
    ]


def test_empty_block_has_an_empty_list() -> None:
    [node] = parse("{{< tabs >}}{{< /tabs >}}", "p.md")
    assert node.children == []


def test_block_body_keeps_exact_text() -> None:
    body = "{{% details x %}}\n\n  indented\n\n{{% /details %}}"
    [node] = parse(body, "p.md")
    assert node.children == [Text("\n\n  indented\n\n", 1, 18)]


def test_nesting_four_deep() -> None:
    body = (
        "{{< tabs id >}}\n"
        '{{< tab "One" >}}\n'
        "{{% details title=D %}}\n"
        "{{< hint info >}}deep{{< /hint >}}\n"
        "{{% /details %}}\n"
        "{{< /tab >}}\n"
        "{{< /tabs >}}\n"
    )
    hint = sc(
        "hint", 4, 1, "{{< hint info >}}", children=[Text("deep", 4, 18)], positional=["info"]
    )
    details = sc(
        "details",
        3,
        1,
        "{{% details title=D %}}",
        children=[Text("\n", 3, 24), hint, Text("\n", 4, 35)],
        named={"title": "D"},
        delimiter="%",
    )
    tab = sc(
        "tab",
        2,
        1,
        '{{< tab "One" >}}',
        children=[Text("\n", 2, 18), details, Text("\n", 5, 17)],
        positional=["One"],
    )
    tabs = sc(
        "tabs",
        1,
        1,
        "{{< tabs id >}}",
        children=[Text("\n", 1, 16), tab, Text("\n", 6, 13)],
        positional=["id"],
    )
    assert parse(body, "p.md") == [tabs, Text("\n", 7, 14)]


def test_closing_delimiter_need_not_match_opening_one() -> None:
    [node] = parse("{{% hint %}}x{{< /hint >}}", "p.md")
    assert node == sc("hint", 1, 1, "{{% hint %}}", children=[Text("x", 1, 13)], delimiter="%")


# --- escaped shortcodes --------------------------------------------------------------------------


def test_escaped_forms_are_literal_text() -> None:
    body = '{{</* hint info */>}}x{{</* /hint */>}} {{%/* details t="a" */%}}'
    assert parse(body, "p.md") == [
        Text('{{< hint info >}}x{{< /hint >}} {{% details t="a" %}}', 1, 1)
    ]


def test_escaped_forms_with_whitespace_around_comment_markers() -> None:
    assert parse("{{< /* x */ >}}|{{%\n/*y*/\n%}}", "p.md") == [
        Text("{{<  x  >}}|{{%\ny\n%}}", 1, 1)
    ]


def test_escaped_form_inside_code_fence_and_block() -> None:
    body = '{{< hint >}}\n```md\n{{</* tab "A" */>}}\n```\n{{< /hint >}}'
    assert parse(body, "p.md") == [
        sc("hint", 1, 1, "{{< hint >}}", children=[Text('\n```md\n{{< tab "A" >}}\n```\n', 1, 13)])
    ]


def test_escaped_form_may_contain_anything_up_to_its_end() -> None:
    assert parse('{{</* x a="%}}" {{< y >}} */>}}', "p.md") == [
        Text('{{< x a="%}}" {{< y >}} >}}', 1, 1)
    ]


# --- code is not skipped -------------------------------------------------------------------------


def test_shortcodes_inside_code_fence_and_span_are_parsed() -> None:
    body = "```\n{{< ref a >}}\n```\nand `{{% ref b %}}`"
    assert parse(body, "p.md") == [
        Text("```\n", 1, 1),
        sc("ref", 2, 1, "{{< ref a >}}", positional=["a"]),
        Text("\n```\nand `", 2, 14),
        sc("ref", 4, 6, "{{% ref b %}}", positional=["b"], delimiter="%"),
        Text("`", 4, 19),
    ]


# --- unknown names -------------------------------------------------------------------------------


def test_unknown_name_with_closing_tag_is_a_block() -> None:
    assert parse("{{< quote who >}}hi{{< /quote >}}", "p.md") == [
        sc("quote", 1, 1, "{{< quote who >}}", children=[Text("hi", 1, 18)], positional=["who"])
    ]


def test_unknown_name_without_closing_tag_is_a_leaf_and_its_body_stays_siblings() -> None:
    body = "a{{< x >}}b{{< ref r >}}c{{< y >}}d"
    assert parse(body, "p.md") == [
        Text("a", 1, 1),
        sc("x", 1, 2, "{{< x >}}"),
        Text("b", 1, 11),
        sc("ref", 1, 12, "{{< ref r >}}", positional=["r"]),
        Text("c", 1, 25),
        sc("y", 1, 26, "{{< y >}}"),
        Text("d", 1, 35),
    ]


def test_unknown_leaf_inside_known_block_is_closed_over() -> None:
    body = "{{< hint >}}a{{< x >}}b{{< y >}}c{{< /hint >}}d"
    assert parse(body, "p.md") == [
        sc(
            "hint",
            1,
            1,
            "{{< hint >}}",
            children=[
                Text("a", 1, 13),
                sc("x", 1, 14, "{{< x >}}"),
                Text("b", 1, 23),
                sc("y", 1, 24, "{{< y >}}"),
                Text("c", 1, 33),
            ],
        ),
        Text("d", 1, 47),
    ]


def test_unknown_names_nested_same_name() -> None:
    # The inner x is closed; the outer one never is, so it is a leaf followed by the block.
    assert parse("{{< x >}}{{< x >}}in{{< /x >}}", "p.md") == [
        sc("x", 1, 1, "{{< x >}}"),
        sc("x", 1, 10, "{{< x >}}", children=[Text("in", 1, 19)]),
    ]


def test_unknown_block_containing_unknown_leaf() -> None:
    assert parse("{{< x >}}{{< y >}}in{{< /x >}}", "p.md") == [
        sc("x", 1, 1, "{{< x >}}", children=[sc("y", 1, 10, "{{< y >}}"), Text("in", 1, 19)])
    ]


def test_custom_name_sets() -> None:
    body = "{{< hint >}}a"
    assert parse(body, "p.md", block_names=frozenset(), leaf_names=frozenset({"hint"})) == [
        sc("hint", 1, 1, "{{< hint >}}"),
        Text("a", 1, 13),
    ]
    assert error_of("{{< note >}}", block_names=frozenset({"note"})) == (
        "book/page.md:1:1: shortcode 'note' is never closed (expected {{< /note >}})"
    )


def test_name_in_both_sets_is_a_block() -> None:
    both = frozenset({"note"})
    assert parse("{{< note >}}a{{< /note >}}", "p.md", block_names=both, leaf_names=both) == [
        sc("note", 1, 1, "{{< note >}}", children=[Text("a", 1, 13)])
    ]


def test_default_name_sets() -> None:
    names = REGISTRY.parser_names()
    assert {
        "details", "hint", "tabs", "tab", "columns", "card",
        "button", "steps", "mermaid", "katex", "expand", "html", "highlight", "comment",
    } == names["block_names"]  # fmt: skip
    # Hugo's `x` and `qr` stay undecided: `x` is this file's unknown name, and `qr` may have a
    # body; so does `openapi`, whose renderer reports a body. No `toc`: hugomat draws none.
    assert {
        "relref", "ref", "image", "section", "asciinema", "badge",
        "figure", "param", "youtube", "vimeo", "gist", "twitter", "tweet", "instagram",
    } == names["leaf_names"]  # fmt: skip


# --- positions -----------------------------------------------------------------------------------


def test_first_line_offsets_every_node() -> None:
    body = "x\n{{< hint >}}\ny {{< ref a >}}\n{{< /hint >}}\nz"
    assert parse(body, "p.md", 40) == [
        Text("x\n", 40, 1),
        sc(
            "hint",
            41,
            1,
            "{{< hint >}}",
            children=[
                Text("\ny ", 41, 13),
                sc("ref", 42, 3, "{{< ref a >}}", positional=["a"]),
                Text("\n", 42, 16),
            ],
        ),
        Text("\nz", 43, 14),
    ]


def test_columns_count_characters_not_bytes() -> None:
    body = "ñ—{{< ref a >}}\n€😀 {{% toc %}}"
    nodes = parse(body, "p.md")
    assert [(n.line, n.column) for n in nodes] == [(1, 1), (1, 3), (1, 16), (2, 4)]
    assert error_of("ñ—😀{{< hint >}}", 5) == (
        "book/page.md:5:4: shortcode 'hint' is never closed (expected {{< /hint >}})"
    )


# --- errors --------------------------------------------------------------------------------------


def test_unclosed_block() -> None:
    assert error_of("intro\n\n  {{% details title=x %}}\nbody\n", 7) == (
        "book/page.md:9:3: shortcode 'details' is never closed (expected {{% /details %}})"
    )


def test_unclosed_innermost_block_is_reported() -> None:
    assert error_of("{{< tabs >}}\n{{< tab >}}\n{{< x >}}") == (
        "book/page.md:2:1: shortcode 'tab' is never closed (expected {{< /tab >}})"
    )


def test_closing_tag_without_opener() -> None:
    assert error_of("text\nmore {{< /hint >}}", 3) == (
        "book/page.md:4:6: closing tag {{< /hint >}} has no opening {{< hint >}}"
    )
    assert error_of("{{< tab >}}{{% /tabs %}}{{< /tab >}}") == (
        "book/page.md:1:12: closing tag {{% /tabs %}} has no opening {{% tabs %}}"
    )


def test_closing_tag_of_a_leaf_name() -> None:
    assert error_of("{{< ref a >}}{{< /ref >}}") == (
        "book/page.md:1:14: closing tag {{< /ref >}} has no opening {{< ref >}} "
        "('ref' never takes a body)"
    )


def test_mismatched_nesting() -> None:
    body = "{{< tabs >}}\n{{< tab >}}\nx\n{{< /tabs >}}"
    assert error_of(body, 11) == (
        "book/page.md:14:1: {{< /tabs >}} closes 'tabs' but 'tab' opened at 12:1 is still open"
    )


def test_mismatched_nesting_skips_unknown_names_but_not_known_blocks() -> None:
    body = "{{< tabs >}}{{< x >}}{{< hint >}}{{< y >}}{{< /tabs >}}"
    assert error_of(body) == (
        "book/page.md:1:43: {{< /tabs >}} closes 'tabs' but 'hint' opened at 1:22 is still open"
    )


def test_unterminated_quoted_string() -> None:
    assert error_of('a\n{{< hint title="oops >}}\nx\n{{< /hint >}}', 20) == (
        'book/page.md:21:16: unterminated string: the " here is not closed on its line'
    )
    assert error_of('{{< x "a\\" >}}') == (
        'book/page.md:1:7: unterminated string: the " here is not closed on its line'
    )


def test_quoted_string_may_not_span_lines() -> None:
    assert error_of('{{< ref "a\nb" >}}') == (
        'book/page.md:1:9: unterminated string: the " here is not closed on its line'
    )


def test_unterminated_raw_string() -> None:
    assert error_of("x\n{{% ref k=`never >}}\n", 2) == (
        "book/page.md:3:11: unterminated raw string: the ` here is never closed"
    )


def test_unterminated_tag() -> None:
    assert error_of("ok\n  {{< hint info", 4) == (
        "book/page.md:5:3: shortcode tag {{< is never closed (expected >}})"
    )
    assert error_of("{{%") == "book/page.md:1:1: shortcode tag {{% is never closed (expected %}})"
    assert (
        error_of("{{< x k=") == "book/page.md:1:1: shortcode tag {{< is never closed (expected >}})"
    )
    assert (
        error_of("{{< /x ") == "book/page.md:1:1: shortcode tag {{< is never closed (expected >}})"
    )


def test_tag_running_into_the_next_tag() -> None:
    assert error_of("{{< hint info\n{{% /hint %}}") == (
        "book/page.md:1:1: shortcode tag {{< is never closed (expected >}} before the next {{%)"
    )
    assert error_of("{{< {{< x >}}") == (
        "book/page.md:1:1: shortcode tag {{< is never closed (expected >}} before the next {{<)"
    )


def test_unterminated_escaped_form() -> None:
    assert error_of("a {{</* hint */%}}", 3) == (
        "book/page.md:3:3: escaped shortcode {{</* is never closed (expected */>}})"
    )


def test_mismatched_closing_delimiter() -> None:
    assert error_of("{{< hint info %}}") == (
        "book/page.md:1:15: shortcode opened with {{< must end with >}}, not %}}"
    )
    assert error_of("\n{{% ref a>}}", 9) == (
        "book/page.md:10:10: shortcode opened with {{% must end with %}}, not >}}"
    )
    assert error_of("{{< x /%}}") == (
        "book/page.md:1:8: shortcode opened with {{< must end with />}}, not /%}}"
    )
    assert error_of("{{< /hint %}}") == (
        "book/page.md:1:11: shortcode opened with {{< must end with >}}, not %}}"
    )


def test_missing_name() -> None:
    assert error_of("x {{<  >}}", 2) == "book/page.md:2:8: missing shortcode name after {{<"
    assert error_of("{{% / %}}") == "book/page.md:1:7: missing shortcode name after {{% /"


def test_invalid_name() -> None:
    rule = (
        "a name starts with a letter, digit or underscore and holds only letters, digits, "
        "'_', '-', '.' and '/'"
    )
    assert (
        error_of("{{< -x >}}")
        == f"book/page.md:1:5: invalid shortcode name '-x' after {{{{<: {rule}"
    )
    assert error_of("{{< foo:bar >}}") == (
        f"book/page.md:1:5: invalid shortcode name 'foo:bar' after {{{{<: {rule}"
    )
    assert error_of('{{< "hint" >}}') == (
        f"book/page.md:1:5: invalid shortcode name '\"hint\"' after {{{{<: {rule}"
    )
    assert error_of("{{< /a=b >}}") == (
        f"book/page.md:1:6: invalid shortcode name 'a=b' after {{{{< /: {rule}"
    )


def test_equals_without_name() -> None:
    assert error_of("{{< x =1 >}}") == "book/page.md:1:7: '=' without an argument name before it"
    assert error_of("{{< x k =1 >}}") == "book/page.md:1:9: '=' without an argument name before it"


def test_equals_without_value() -> None:
    assert error_of("{{< x k= 1 >}}") == "book/page.md:1:8: argument 'k=' has no value after '='"
    assert error_of("\n{{% x title=%}}", 5) == (
        "book/page.md:6:12: argument 'title=' has no value after '='"
    )


def test_closing_tag_with_arguments() -> None:
    assert error_of("{{< hint >}}{{< /hint info >}}") == (
        "book/page.md:1:23: closing tag {{< /hint >}} cannot have arguments"
    )
    assert error_of("{{< hint >}}{{< /hint />}}") == (
        "book/page.md:1:23: closing tag {{< /hint >}} cannot be self-closing"
    )


def test_error_carries_location_and_message() -> None:
    with pytest.raises(ContentError) as info:
        parse("{{< hint >}}", "a/b.md", 3)
    assert (info.value.location.path, info.value.location.line, info.value.location.column) == (
        "a/b.md",
        3,
        1,
    )
    assert info.value.message == "shortcode 'hint' is never closed (expected {{< /hint >}})"


# --- the real chapter ----------------------------------------------------------------------------


def test_real_chapter() -> None:
    source = CHAPTER.read_text(encoding="utf-8")
    _, front, body = source.split("---\n", 2)
    assert front.count("\n") + 2 == 6  # the two '---' lines plus four keys
    nodes = parse(body, str(CHAPTER), 7)
    shortcodes = [n for n in nodes if isinstance(n, Shortcode)]
    assert len(shortcodes) == 1
    [details] = shortcodes
    assert details.name == "details"
    assert details.named == {"title": "What is an MMDiT?", "open": False}
    assert details.positional == []
    assert details.delimiter == "%"
    # `grep -n '{{% details' content/docs/13_flames_on.md` says line 37.
    lines = source.split("\n")
    assert lines[36].startswith("{{% details")
    assert (details.line, details.column) == (37, 1)
    assert details.source == '{{% details title="What is an MMDiT?" open=false %}}'
    assert details.children is not None
    [inner] = details.children
    assert isinstance(inner, Text)
    assert inner.text.startswith("\nAn MMDiT is a multimodal DiT")
    assert inner.text.endswith("subsequent layers.\n")
    assert nodes[0] == Text(body[: body.index("{{%")], 7, 1)


# --- fuzzing -------------------------------------------------------------------------------------

FRAGMENTS = [
    "{{<", "{{%", ">}}", "%}}", "/*", "*/", '"', "`", "/", "=", " ", "\n", "\t", "\\",
    "{{", "}}", "{", "<", ">", "%", "hint", "details", "tabs", "tab", "ref", "x", "y", "ñ",
    "info", "k", "3", "-1", "2.5", "true", "false", "```", "a b", "/>}}", "/%}}",
]  # fmt: skip

fragment_text = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)


def _walk(nodes: list[Node]):
    for node in nodes:
        yield node
        if isinstance(node, Shortcode) and node.children is not None:
            yield from _walk(node.children)


def _offset(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column in `text`."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


def _check(text: str, first_line: int) -> None:
    try:
        nodes = parse(text, "f.md", first_line)
    except ContentError as error:
        assert str(error).startswith(f"f.md:{error.location.line}:{error.location.column}: ")
        assert error.location.line >= first_line
        return
    assert isinstance(nodes, list)
    for node in _walk(nodes):
        assert isinstance(node, Text | Shortcode)
        assert node.line >= first_line and node.column >= 1
        offset = _offset(text, node.line - first_line + 1, node.column)
        if isinstance(node, Shortcode):
            assert text.startswith(node.source, offset)
        elif "/*" not in text:
            # Without escaped forms, every Text is a verbatim slice at its position.
            assert text.startswith(node.text, offset)
    if "{{" not in text:
        assert all(isinstance(n, Text) for n in nodes)
        assert "".join(n.text for n in nodes) == text  # type: ignore[union-attr]
        assert len(nodes) == (1 if text else 0)


@settings(max_examples=300)
@given(st.text(), st.integers(min_value=1, max_value=500))
def test_fuzz_arbitrary_text(text: str, first_line: int) -> None:
    _check(text, first_line)


@settings(max_examples=1000)
@given(fragment_text, st.integers(min_value=1, max_value=50))
def test_fuzz_shortcode_fragments(text: str, first_line: int) -> None:
    _check(text, first_line)


@given(st.text(st.characters(blacklist_characters="{")), st.text(), st.text())
def test_fuzz_text_without_braces_round_trips(a: str, b: str, c: str) -> None:
    text = (a + b + c).replace("{{", "{ {")
    nodes = parse(text, "f.md")
    assert "".join(n.text for n in nodes if isinstance(n, Text)) == text
    assert all(isinstance(n, Text) for n in nodes)


def test_the_parser_knows_only_the_names_handed_in() -> None:
    # The parser knows no renderer: without name sets every name is undecided.
    [node] = shortcode_parser.parse("{{< hint >}}", "p.md")
    assert node.name == "hint" and node.children is None
    with pytest.raises(ContentError, match="never closed"):
        shortcode_parser.parse("{{< hint >}}", "p.md", **REGISTRY.parser_names())
