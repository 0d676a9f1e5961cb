"""Bad templates end quickly in a located error: no hang, no traceback, no read outside the site."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hugomat.gotemplate import (
    CallContext,
    Environment,
    FunctionError,
    Limits,
    TemplateError,
    read_inside,
    resolve_inside,
)


def fails_quickly(text: str, data: Any = None, *, seconds: float = 3.0, **env: Any) -> str:
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        Environment(**env).parse("x", text, path="layouts/shortcodes/x.html").execute(data)
    assert time.monotonic() - started < seconds
    return str(caught.value)


def test_an_unclosed_action_is_located() -> None:
    assert fails_quickly("<p>\n  {{ .Get 0 \n") == \
        "layouts/shortcodes/x.html:2:3: unclosed action"


def test_an_undefined_template_is_located() -> None:
    assert fails_quickly('a\n{{ template "nowhere" . }}') == \
        'layouts/shortcodes/x.html:2:4: no such template "nowhere"'


def test_infinite_recursion_stops_at_the_depth_limit() -> None:
    text = '{{ define "loop" }}x{{ template "loop" . }}{{ end }}{{ template "loop" . }}'
    assert fails_quickly(text) == ('layouts/shortcodes/x.html:1:24: template "loop" nested too'
                                   " deeply (more than 40 calls)")


def test_recursion_through_a_context_function_shares_the_depth_limit() -> None:
    def partial(ctx: CallContext, name: str, data: Any = None) -> str:
        return ctx.execute(ctx.env.get(name), data)

    env = Environment(context_functions={"partial": partial})
    env.parse("p", '{{ partial "p" . }}', path="layouts/partials/p.html")
    with pytest.raises(TemplateError) as caught:
        env.parse("x", '{{ partial "p" . }}', path="layouts/shortcodes/x.html").execute()
    assert str(caught.value).startswith("layouts/partials/p.html:1:4: template \"p\" nested too"
                                        " deeply")


def test_a_range_over_ten_million_items_ends_in_about_a_second() -> None:
    message = fails_quickly("<ul>\n{{ range seq 10000000 }}<li>{{ . }}</li>{{ end }}</ul>")
    assert message.startswith("layouts/shortcodes/x.html:2:")
    assert "template ran too long" in message


def test_a_range_over_a_huge_int_ends_too() -> None:
    assert "template ran too long" in fails_quickly("{{ range 100000000 }}{{ end }}")


def test_the_step_budget_is_a_limit_of_its_own() -> None:
    message = fails_quickly("{{ range seq 100 }}{{ . }}{{ end }}",
                            limits=Limits(max_steps=50, max_seconds=60))
    assert message.startswith("layouts/shortcodes/x.html:1:")
    assert message.endswith("template ran too long (more than 50 steps)")


def test_output_is_capped() -> None:
    message = fails_quickly('{{ range seq 100 }}{{ strings.Repeat 1000 "x" }}{{ end }}',
                            limits=Limits(max_output=5000))
    assert message == ("layouts/shortcodes/x.html:1:20: template output too large (more than"
                       " 5000 characters)")


def test_limits_may_be_given_per_execution() -> None:
    template = Environment().parse("x", "{{ range seq 100 }}.{{ end }}")
    assert template.execute() == "." * 100
    with pytest.raises(TemplateError):
        template.execute(limits=Limits(max_steps=10))


def test_deeply_nested_parentheses_are_an_error_not_a_crash() -> None:
    text = "{{ " + "(" * 500 + "1" + ")" * 500 + " }}"
    assert fails_quickly(text).endswith("template nested too deeply")


# -- the sandbox for file-reading callbacks -----------------------------------------------------
@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "data").mkdir(parents=True)
    (root / "data" / "a.txt").write_text("inside", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", root / "data" / "link.txt")
    os.symlink(root / "data" / "a.txt", root / "data" / "inner-link.txt")
    return root


def test_resolve_inside_accepts_paths_and_links_that_stay_in_the_site(site: Path) -> None:
    assert resolve_inside(site, "data/a.txt") == (site / "data" / "a.txt").resolve()
    assert read_inside(site, "data/inner-link.txt") == "inside"
    assert read_inside(site, "/data/a.txt") == "inside"


@pytest.mark.parametrize("path", ["../secret.txt", "../../etc/passwd", "data/../../secret.txt",
                                  "data/link.txt"])
def test_resolve_inside_refuses_what_leads_out(site: Path, path: str) -> None:
    with pytest.raises(FunctionError, match="is outside the site folder"):
        resolve_inside(site, path)


def test_a_missing_file_inside_is_named(site: Path) -> None:
    with pytest.raises(FunctionError, match=r"'data/none\.txt' does not exist"):
        read_inside(site, "data/none.txt")


def test_a_read_file_callback_reports_an_escape_at_the_action(site: Path) -> None:
    env = Environment(functions={"readFile": lambda path: read_inside(site, path)})
    template = env.parse("x", '<pre>\n  {{ readFile "../../etc/passwd" }}</pre>',
                         path="layouts/shortcodes/code.html")
    with pytest.raises(TemplateError) as caught:
        template.execute()
    assert str(caught.value) == ("layouts/shortcodes/code.html:2:6: error calling readFile: "
                                 "'../../etc/passwd' is outside the site folder")
    assert "inside" in env.parse("y", '{{ readFile "data/a.txt" }}').execute()


def test_the_time_budget_is_a_limit_of_its_own() -> None:
    message = fails_quickly("{{ range seq 10000000 }}{{ . }}{{ end }}",
                            limits=Limits(max_steps=10**12, max_seconds=0.2), seconds=1.5)
    assert message.endswith("template ran too long (more than 0.2 seconds)")


_WORDS = ["." , ".a", ".b.c", "$", "(", ")", "|", '"s"', "1", "-2", "1.5", "nil", "true",
          "printf", "eq", "and", "or", "not", "len", "index", "slice", "dict", "first", "where",
          "in", "isset", "default", "add", "div", "mod", "seq", "apply", "sort", "append",
          "jsonify", "split", "substr", "print", "int", "delimit", "merge", "md5", "time",
          "findRE", "replaceRE", '"%d"', '"a,b"', "'x'", "transform.Unmarshal", "html",
          "strings.Repeat", "math.Max", "truncate", "urls.Parse", "return"]
_ACTIONS = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=5).map(
    lambda words: "{{ " + " ".join(words) + " }}")
_CONTROL = st.sampled_from(["{{ if .a }}", "{{ range .a }}", "{{ with .b }}", "{{ else }}",
                            "{{ end }}", "{{ break }}", '<a href="', '">', "<script>", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ACTIONS | _CONTROL, min_size=1, max_size=8).map("".join))
def test_running_any_template_raises_only_located_template_errors(text: str) -> None:
    env = Environment(limits=Limits(max_steps=5000, max_seconds=0.5))
    data = {"a": [1, "x", None, {"k": 2}], "b": {"c": "<s>", "z": [1, 2]}}
    try:
        env.parse("fuzz", text, path="layouts/fuzz.html").execute(data)
    except TemplateError as error:
        assert str(error).startswith("layouts/fuzz.html:")
