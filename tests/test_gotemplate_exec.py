"""Executing Go templates: Go's text/template semantics (cases in the spirit of its exec tests)."""

from __future__ import annotations

from typing import Any

import pytest

from hugomat.gotemplate import Environment, SafeHTML, TemplateError


def run(text: str, data: Any = None, *, escape: bool = False, **env: Any) -> str:
    return Environment(escape=escape, **env).parse("t", text, path="t.html").execute(data)


def failure(text: str, data: Any = None, **env: Any) -> str:
    with pytest.raises(TemplateError) as caught:
        run(text, data, **env)
    return str(caught.value)


class Page:
    """A struct-like value with fields and methods, as the caller's page objects are."""

    Title = "Flames"
    Count = 3
    Empty = ""

    def __init__(self) -> None:
        self.Params = {"colour": "red", "Nested": {"deep": 7}}

    def Upper(self, text: str) -> str:
        return text.upper()

    def Add(self, a: int, b: int) -> int:
        return a + b

    def Self(self) -> Page:
        return self

    def Fails(self) -> str:
        raise ValueError("it broke")


@pytest.mark.parametrize(("text", "expected"), [
    ("{{ .Title }}", "Flames"),
    ("{{ .Params.colour }}", "red"),
    ("{{ .Params.nested.deep }}", "7"),            # parameter keys ignore case, as Hugo's do
    ("{{ .Upper \"x\" }}", "X"),
    ("{{ .Add 2 3 }}", "5"),
    ("{{ .Self.Self.Title }}", "Flames"),
    ("{{ \"abc\" | .Upper }}", "ABC"),
    ("{{ (.Self).Title }}", "Flames"),
    ("{{ $p := .Self }}{{ $p.Params.colour }}", "red"),
    ("{{ $.Title }}", "Flames"),
    ("{{ .Params.missing }}", "<no value>"),
    ("{{ .Params.missing.deeper }}", "<no value>"),
])
def test_fields_methods_and_chains(text: str, expected: str) -> None:
    assert run(text, Page()) == expected


@pytest.mark.parametrize(("value", "truth"), [
    (None, False), (False, False), (0, False), (0.0, False), ("", False), ([], False),
    ({}, False), (True, True), (1, True), (-1.5, True), ("0", True), ([0], True),
    ({"a": 0}, True), (Page(), True),
])
def test_truth_is_gos(value: Any, truth: bool) -> None:
    assert run("{{ if .v }}T{{ else }}F{{ end }}", {"v": value}) == ("T" if truth else "F")


def test_with_sets_dot_and_else_with_chains() -> None:
    text = "{{ with .a }}{{ . }}{{ else with .b }}b={{ . }}{{ else }}none{{ end }}"
    assert run(text, {"a": "A", "b": "B"}) == "A"
    assert run(text, {"a": "", "b": "B"}) == "b=B"
    assert run(text, {}) == "none"


def test_range_over_lists_maps_in_key_order_and_ints() -> None:
    assert run("{{ range . }}[{{ . }}]{{ end }}", ["x", "y"]) == "[x][y]"
    assert run("{{ range $i, $e := . }}{{ $i }}={{ $e }};{{ end }}", ["x", "y"]) == "0=x;1=y;"
    assert run("{{ range $k, $v := . }}{{ $k }}:{{ $v }} {{ end }}",
               {"b": 2, "a": 1, "c": 3}) == "a:1 b:2 c:3 "
    assert run("{{ range 3 }}{{ . }}{{ end }}") == "012"
    assert run("{{ range $i := 2 }}<{{ $i }}>{{ end }}") == "<0><1>"


def test_range_else_runs_for_empty_and_nil() -> None:
    text = "{{ range .items }}x{{ else }}empty{{ end }}"
    assert run(text, {"items": []}) == "empty"
    assert run(text, {"items": None}) == "empty"
    assert run(text, {}) == "empty"


def test_break_and_continue() -> None:
    text = ("{{ range . }}{{ if eq . 2 }}{{ continue }}{{ end }}"
            "{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}")
    assert run(text, [1, 2, 3, 4, 5]) == "13"


def test_variables_declare_assign_and_scope() -> None:
    text = ("{{ $x := 1 }}{{ range .L }}{{ $x = . }}{{ $y := 9 }}{{ end }}{{ $x }}"
            "{{ if true }}{{ $x := 5 }}{{ $x }}{{ end }}{{ $x }}")
    assert run(text, {"L": [2, 3]}) == "353"


def test_dot_inside_range_is_the_element_and_dollar_the_data() -> None:
    text = "{{ range .L }}{{ . }}{{ $.sep }}{{ end }}"
    assert run(text, {"L": ["a", "b"], "sep": "/"}) == "a/b/"


def test_pipelines_pass_the_value_as_the_last_argument() -> None:
    assert run('{{ "x" | printf "%s-%s" "a" }}') == "a-x"
    assert run('{{ 3 | printf "%d" | printf "<%s>" }}') == "<3>"
    assert run("{{ (printf \"%d\" 4) }}") == "4"


def test_parenthesised_pipelines_and_nested_calls() -> None:
    assert run('{{ printf "%d-%s" (len "abc") (printf "%q" "b") }}') == '3-"b"'


def test_and_or_stop_at_the_deciding_argument() -> None:
    # The missing method would fail if `and`/`or` evaluated every argument.
    assert run("{{ and .Empty .Fails }}|{{ or .Title .Fails }}", Page()) == "|Flames"
    assert run("{{ and 1 2 3 }} {{ or 0 \"\" 4 }} {{ or 0 \"\" }}") == "3 4 "


def test_define_template_and_block() -> None:
    text = ('{{ define "item" }}<{{ . }}>{{ end }}'
            '{{ range .L }}{{ template "item" . }}{{ end }}'
            '{{ block "footer" .f }}[{{ . }}]{{ end }}')
    assert run(text, {"L": [1, 2], "f": "end"}) == "<1><2>[end]"


def test_template_without_data_gets_nil_dot() -> None:
    assert run('{{ define "inner" }}{{ if . }}data{{ else }}nil{{ end }}{{ end }}'
               '{{ template "inner" }}') == "nil"


def test_templates_parsed_into_the_environment_and_the_loader_are_found() -> None:
    env = Environment(escape=False, loader=lambda name: ("partials/" + name, "L:{{ . }}")
                      if name == "lib" else None)
    env.parse("other", '{{ define "shared" }}S:{{ . }}{{ end }}')
    main = env.parse("main", '{{ template "shared" 1 }} {{ template "lib" 2 }}')
    assert main.execute() == "S:1 L:2"


def test_trim_markers_in_a_real_template() -> None:
    text = "<ul>\n  {{- range . }}\n  <li>{{ . }}</li>\n  {{- end }}\n</ul>"
    assert run(text, [1, 2]) == "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>"


def test_comments_print_nothing() -> None:
    assert run("a{{/* a comment\nover lines */}}b") == "ab"


def test_printing_values_as_go_prints_them() -> None:
    data = {"l": [1, "a", 2.5, None], "m": {"b": 1, "a": [True]}, "f": 1e6, "n": None}
    assert run("{{ .l }} {{ .m }} {{ .f }} {{ .n }}", data) == \
        "[1 a 2.5 <nil>] map[a:[true] b:1] 1e+06 <nil>"


@pytest.mark.parametrize(("text", "data", "expected"), [
    ("{{ .a.b }}", {"a": None}, "t.html:1:4: nil pointer evaluating interface {}.b"),
    ("{{ .x.y }}", {"x": 1}, "t.html:1:4: can't evaluate field y in type int"),
    ("\n {{ .Fails }}", Page(), "t.html:2:5: error calling Fails: it broke"),
    ("{{ .Nope }}", Page(), "t.html:1:4: can't evaluate field Nope in type Page"),
    ("{{ .Title 1 }}", Page(), "t.html:1:4: Title is not a method but has arguments"),
    ('{{ "x" 1 }}', None, 't.html:1:4: can\'t give argument to non-function "x"'),
    ("{{ index .l 5 }}", {"l": [1]}, "t.html:1:4: error calling index: index out of range: 5"),
    ('{{ template "nope" }}', None, 't.html:1:4: no such template "nope"'),
    ("{{ eq }}", None, "t.html:1:4: wrong number of args for eq: want at least 1 got 0"),
    ("{{ not 1 2 }}", None, "t.html:1:4: wrong number of args for not: want 1 got 2"),
    ("{{ range 1.5 }}{{ end }}", None, "t.html:1:4: range can't iterate over 1.5"),
    ("{{ range $i, $e := 3 }}{{ end }}", None,
     "t.html:1:4: can't use two variables when ranging over an int"),
    ("{{ .x._y }}", {"x": Page()}, "t.html:1:4: can't evaluate field _y in type Page"),
    ('{{ errorf "bad %d" 3 }}', None, "t.html:1:4: error calling errorf: bad 3"),
])
def test_execution_errors_are_located_at_the_action(text: str, data: Any, expected: str) -> None:
    assert failure(text, data) == expected


def test_python_internals_are_not_reachable_as_fields() -> None:
    assert failure("{{ .Title.upper }}", Page()) == \
        "t.html:1:4: can't evaluate field upper in type string"


def test_an_error_in_a_called_template_names_its_own_file() -> None:
    env = Environment(escape=False)
    env.parse("partials/bad.html", "ok\n{{ .x.y }}", path="layouts/partials/bad.html")
    main = env.parse("main", '{{ template "partials/bad.html" . }}', path="layouts/main.html")
    with pytest.raises(TemplateError) as caught:
        main.execute({"x": 1})
    assert str(caught.value) == "layouts/partials/bad.html:2:4: can't evaluate field y in type int"


def test_registered_functions_and_context_functions() -> None:
    calls: list[Any] = []

    def partial(ctx: Any, name: str, data: Any = None) -> SafeHTML:
        calls.append(ctx.depth)
        template = ctx.env.get("partials/" + name)
        return SafeHTML(ctx.execute(template, data))

    env = Environment(functions={"shout": lambda s: s.upper() + "!"},
                      context_functions={"partial": partial})
    env.parse("partials/p.html", "<b>{{ shout . }}</b>")
    page = env.parse("page", '{{ partial "p.html" "hi" }}')
    assert page.execute() == "<b>HI!</b>"
    assert calls == [0]


def test_a_function_may_replace_a_builtin() -> None:
    assert run('{{ upper "x" }}', functions={"upper": lambda s: "replaced"}) == "replaced"


def test_nil_prints_nothing_in_html_but_no_value_in_text() -> None:
    assert run("[{{ .missing }}]", {}, escape=True) == "[]"
    assert run("[{{ .missing }}]", {}) == "[<no value>]"


def test_a_partial_may_return_a_value_instead_of_output() -> None:
    env = Environment()
    env.parse("partials/sum.html", "ignored {{ return (add . 1) }} never")
    env.parse("partials/out.html", "<b>{{ . }}</b>")
    assert env.get("partials/sum.html").call(41) == 42
    assert env.get("partials/out.html").call("x") == "<b>x</b>"


def test_return_from_a_template_run_for_output_is_located() -> None:
    assert failure("a\n  {{ return 1 }}") == "t.html:2:6: return outside a partial"


def test_a_context_function_can_run_a_partial_for_its_returned_value() -> None:
    def partial(ctx: Any, name: str, data: Any = None) -> Any:
        return ctx.call_template(ctx.env.get(name), data)

    env = Environment(context_functions={"partial": partial})
    env.parse("double", "{{ return (mul . 2) }}")
    env.parse("shown", "<i>{{ . }}</i>")
    page = env.parse("page", '{{ partial "double" 4 }} {{ partial "shown" "<" }}')
    assert page.execute() == "8 <i>&lt;</i>"


def test_gos_own_escaping_functions() -> None:
    assert run('{{ html "<a href=\\"x\\">" }}|{{ js "it\'s <b>" }}|{{ urlquery "a b&c" }}') == \
        "&lt;a href=&#34;x&#34;&gt;|it\\'s \\u003Cb\\u003E|a+b%26c"
    # In html/template a trailing `| html` is the contextual escaper itself: no double escaping.
    assert Environment().parse("t", '{{ "<x>" | html }}').execute() == "&lt;x&gt;"
