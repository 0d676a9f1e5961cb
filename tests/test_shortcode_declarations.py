"""One declaration per shortcode: the parser's names, the renderers, the argument warnings and
the "known:" list all come from the registry, so they cannot disagree."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from hugomat.cli import main
from hugomat.errors import ContentError, ContentErrors
from hugomat.read import book
from hugomat.read.shortcode_parser import parse
from hugomat.read.source import SiteSource
from hugomat.render.conversion_cache import ConversionCache
from hugomat.render.convert import ConvertedPage, convert_page
from hugomat.render.renderers.registry import REGISTRY
from hugomat.render.shortcode_declarations import Body, Closing, Declaration
from hugomat.render.site_templates.catalog import site_templates
from hugomat.render.site_templates.shortcodes import render_site_shortcode, site_registry

PAGE = "content/docs/page.md"
FIRST = 4
"""The file line of the first body line (after three lines of front matter)."""


def convert(project, body: str, *, strict: bool = False,
            files: dict[str, bytes] | None = None) -> ConvertedPage:
    root = project({"docs/page.md": "---\ntitle: Page\n---\n" + body,
                    "_index.md": "---\ntitle: Home\n---\nHi\n"}, files=files)
    loaded = book.load(SiteSource(root=root, content_dir=root / "content",
                                  asset_dirs=(root / "assets", root / "static")))
    return convert_page(loaded.by_rel_path["docs/page.md"], loaded, strict=strict)


def warnings_of(project, body: str, **kwargs) -> list[str]:
    return [str(warning) for warning in convert(project, body, **kwargs).warnings]


def at(line: int, column: int) -> str:
    return f"{PAGE}:{line}:{column}: "


# -- one registry: parser, renderers and the known list agree --------------------------------------


def _parser_reading(name: str) -> Closing:
    """How the parser treats `name` with the registry's name sets, found by parsing."""
    names = REGISTRY.parser_names()
    try:
        parse(f"{{{{< {name} >}}}}", "p.md", **names)
    except ContentError as error:
        assert "is never closed" in error.message
        return Closing.REQUIRED
    try:
        [node] = parse(f"{{{{< {name} >}}}}x{{{{< /{name} >}}}}", "p.md", **names)
    except ContentError as error:
        assert "never takes a body" in error.message
        return Closing.NEVER
    assert node.children is not None
    return Closing.OPTIONAL


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_declared_shortcode_is_parsed_as_declared_and_has_a_renderer(name):
    declaration = REGISTRY.declaration(name)
    assert declaration is not None and callable(REGISTRY[name])
    assert _parser_reading(name) is declaration.closed


def test_every_name_the_parser_knows_is_declared_with_a_renderer():
    names = REGISTRY.parser_names()
    known_to_parser = names["block_names"] | names["leaf_names"]
    assert known_to_parser <= set(REGISTRY)
    # `toc` was once a name the parser knew that nothing drew.
    assert "toc" not in known_to_parser
    # A name the registry does not have is undecided, as any unknown name.
    assert _parser_reading("toc") is Closing.OPTIONAL


def test_declarations_say_what_the_body_is_and_whether_it_closes():
    assert REGISTRY.declaration("hint").body is Body.MARKDOWN
    assert REGISTRY.declaration("mermaid").body is Body.RAW
    assert REGISTRY.declaration("image").closed is Closing.NEVER
    # openapi takes no body, and its renderer says so when it is given one.
    assert REGISTRY.declaration("openapi").closed is Closing.OPTIONAL


def test_a_declaration_of_positional_arguments_without_the_arguments_is_refused():
    with pytest.raises(ValueError, match="'mine' declares positional"):
        Declaration("mine", lambda node, ctx: "", positional=("src",))


def test_the_known_list_of_an_unknown_shortcode_is_the_registry(project):
    [warning] = warnings_of(project, "{{< nope >}}\n")
    assert warning == at(FIRST, 1) + f"unknown shortcode 'nope' (known: {REGISTRY.known()})"
    assert REGISTRY.known() == ", ".join(sorted(REGISTRY))


def test_a_site_shortcode_replaces_hugomats_in_the_parser_and_the_renderers(tmp_path):
    shortcodes = tmp_path / "layouts" / "shortcodes"
    shortcodes.mkdir(parents=True)
    (shortcodes / "hint.html").write_text("<aside>{{ .Get 0 }}</aside>")  # no .Inner
    (shortcodes / "note.html").write_text("<aside>{{ .Inner }}</aside>")
    site = site_templates(tmp_path)
    assert site is not None
    registry = site_registry(site)
    assert registry["hint"] is render_site_shortcode
    assert registry["note"] is render_site_shortcode
    assert registry["image"] is REGISTRY["image"]
    names = registry.parser_names()
    assert "hint" in names["leaf_names"] and "hint" not in names["block_names"]
    assert "note" not in names["leaf_names"] | names["block_names"]  # closed or not
    assert set(REGISTRY) | {"note"} == set(registry)


# -- argument warnings, at the argument -----------------------------------------------------------


def test_a_misspelt_named_argument_is_a_warning_at_its_column(project):
    warnings = warnings_of(project, '{{% details title="More" opne=true %}}\nx\n'
                                    "{{% /details %}}\n")
    assert warnings == [at(FIRST, 26) + "unknown argument 'opne' of details is ignored "
                        "(known: class, id, name, open, summary, title); did you mean 'open'?"]


def test_a_named_argument_of_a_shortcode_without_any_is_a_warning(project):
    warnings = warnings_of(project, "{{< steps\n    class=wide >}}\n1. a\n{{< /steps >}}\n")
    assert warnings == [at(FIRST + 1, 5) + "steps takes no named arguments; 'class' is ignored"]


def test_too_many_positional_arguments_is_a_warning_at_the_first_extra_one(project):
    warnings = warnings_of(project, '{{< hint info "extra" more >}}\nx\n{{< /hint >}}\n')
    assert warnings == [
        at(FIRST, 15) + "hint takes 1 positional argument (type); 'extra' is ignored",
        at(FIRST, 23) + "hint takes 1 positional argument (type); 'more' is ignored",
    ]


def test_declared_words_may_follow_the_positional_arguments(project):
    assert warnings_of(project, '{{< details "More" open >}}\nx\n{{< /details >}}\n') == []
    warnings = warnings_of(project, '{{< details "More" shut >}}\nx\n{{< /details >}}\n')
    assert warnings == [at(FIRST, 20) + "details takes 1 positional argument (title) and the "
                        "word 'open'; 'shut' is ignored"]


def test_a_value_that_is_no_number_where_a_number_is_declared_is_a_warning(project):
    files = {"assets/demo.cast": b'{"version": 2, "width": 80, "height": 24}\n'}
    warnings = warnings_of(project, '{{< asciinema cast="demo.cast" cols=wide speed="1.5" '
                                    'rows=24 >}}\n', files=files)
    assert warnings == [at(FIRST, 32) + "argument 'cols' of asciinema must be a whole "
                        "number, not 'wide'"]


def test_a_value_that_is_no_flag_where_a_flag_is_declared_is_a_warning(project):
    warnings = warnings_of(project, "{{< katex display=maybe >}}x^2{{< /katex >}}\n")
    assert warnings == [at(FIRST, 11) + "argument 'display' of katex must be true or false "
                        "(default false), not 'maybe'"]


def test_an_argument_its_renderer_checks_is_not_reported_twice(project):
    warnings = warnings_of(project, '{{< youtube id="abc" start=soon >}}\n')
    assert warnings == [at(FIRST, 1) + "youtube start=soon is not a number of seconds; ignored"]


def test_an_argument_warning_is_an_error_under_strict(project):
    with pytest.raises(ContentErrors) as failure:
        convert(project, '{{< hint info "extra" >}}\nx\n{{< /hint >}}\n', strict=True)
    assert [str(e) for e in failure.value.errors] == [
        at(FIRST, 15) + "hint takes 1 positional argument (type); 'extra' is ignored"]


def test_arguments_hugo_defines_but_the_site_does_not_need_are_no_mistake(project):
    assert warnings_of(project, '{{< youtube id="abc" loading="lazy" allowFullScreen=false >}}\n'
                                '{{< tabs "id" >}}\n{{% tab "A" %}}a{{% /tab %}}\n'
                                "{{< /tabs >}}\n"
                                '[home]({{< relref path="/" outputFormat="html" >}})\n') == []


def test_a_site_shortcode_takes_any_argument(project):
    files = {"layouts/shortcodes/hint.html": b'<aside>{{ .Get "kind" }}{{ .Inner }}</aside>'}
    assert warnings_of(project, '{{< hint kind="x" any=1 "two" >}}x{{< /hint >}}\n',
                       files=files) == []


def test_check_reports_the_argument_warning_as_build_does(project):
    project({"docs/page.md": '---\ntitle: Page\n---\n{{< hint info "extra" >}}\nx\n'
                             "{{< /hint >}}\n",
             "_index.md": "---\ntitle: Home\n---\nHi\n"})
    message = "hint takes 1 positional argument (type); 'extra' is ignored"
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert (result.exit_code, at(FIRST, 15) + "warning: " + message) == (
        0, result.output.splitlines()[0])
    result = CliRunner().invoke(main, ["check", "--strict"], catch_exceptions=False)
    assert (result.exit_code, at(FIRST, 15) + message) == (1, result.output.splitlines()[0])


def test_a_page_taken_from_the_conversion_cache_warns_again(project, tmp_path):
    root = project({"docs/page.md": '---\ntitle: Page\n---\nText {{< badge "a" "b" "c" >}}.\n',
                    "_index.md": "---\ntitle: Home\n---\nHi\n"})
    loaded = book.load(SiteSource(root=root, content_dir=root / "content",
                                  asset_dirs=(root / "assets", root / "static")))
    page = loaded.by_rel_path["docs/page.md"]
    expected = [at(FIRST, 24) + "badge takes 2 positional arguments (title, value); 'c' is "
                "ignored"]
    for build in ("cold", "warm"):
        cache = ConversionCache(tmp_path / "cache")
        converted = convert_page(page, loaded, cache=cache)
        assert [str(w) for w in converted.warnings] == expected, build
    assert cache.reused == 1
