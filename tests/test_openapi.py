"""The `openapi` shortcode: an OpenAPI 3.x spec of the site drawn as a documentation page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
import yaml

from hugomat.adapter.site_config import MARKDOWN_EXTENSIONS
from hugomat.errors import ContentErrors
from hugomat.read import book
from hugomat.read.source import SiteSource
from hugomat.render.convert import convert_page

PAGE = Path("content/docs/page.md")
FIRST = 4
"""The file line of the first body line (after three lines of front matter)."""

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Pets", "version": "2.1", "description": "Pets *everywhere*.\n"},
    "tags": [{"name": "pets", "description": "Everything about pets."}],
    "paths": {
        "/pets/{petId}": {
            "parameters": [{"$ref": "#/components/parameters/petId"}],
            "get": {
                "tags": ["pets"], "summary": "Show a pet", "operationId": "showPet",
                "parameters": [{
                    "name": "fields", "in": "query", "description": "Fields | to return",
                    "schema": {"type": "array",
                               "items": {"type": "string", "enum": ["name", "tag"]}},
                }],
                "responses": {
                    "200": {"description": "The pet", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Pet"}}}},
                    "404": {"$ref": "#/components/responses/NotFound"},
                },
            },
        },
        "/pets": {"post": {
            "tags": ["pets"], "summary": "Add a pet", "security": [{"key": []}],
            "requestBody": {"$ref": "#/components/requestBodies/NewPet"},
            "responses": {"201": {"description": "Created"}},
        }},
        "/health": {"get": {"responses": {"204": {"description": "Alive"}}}},
    },
    "components": {
        "schemas": {
            "Pet": {"type": "object", "required": ["id"], "properties": {
                "id": {"type": "integer", "format": "int64"},
                "name": {"type": "string", "description": "The pet's name"},
                "owner": {"$ref": "#/components/schemas/Person"},
                "address": {"type": "object", "properties": {"city": {"type": "string"}}},
            }},
            # Pet -> Person -> Pet: a recursive model, drawn by name, never copied in.
            "Person": {"type": "object", "description": "Who keeps pets.", "properties": {
                "pets": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}}},
            "Error": {"type": "string", "maxLength": 80, "description": "What went wrong"},
        },
        "parameters": {"petId": {"name": "petId", "in": "path", "required": True,
                                 "description": "The pet's id",
                                 "schema": {"type": "integer", "example": 7}}},
        "responses": {"NotFound": {"description": "No such pet", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"},
                                 "example": {"message": "gone"}}}}},
        "requestBodies": {"NewPet": {"required": True, "description": "The pet to add",
                                     "content": {"application/json": {
                                         "schema": {"$ref": "#/components/schemas/Pet"}}}}},
        "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key",
                                    "description": "An API key"}},
    },
}


def to_html(text: str) -> str:
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS),
                           extension_configs={k: v for k, v in MARKDOWN_EXTENSIONS.items() if v})
    return md.convert(text)


def convert(project, body: str, files: dict[str, bytes] | None = None):
    root = project({"docs/page.md": "---\ntitle: Page\n---\n" + body,
                    "_index.md": "---\ntitle: Home\n---\nHi\n"}, files=files)
    loaded = book.load(SiteSource(root=root, content_dir=root / "content",
                                  asset_dirs=(root / "assets", root / "static")))
    return convert_page(loaded.by_rel_path["docs/page.md"], loaded)


def spec_json(spec: object = SPEC) -> bytes:
    return json.dumps(spec, indent=2).encode()


def html_of(project, body: str = '{{% openapi src="api.json" %}}\n', **files: bytes) -> str:
    out = convert(project, body, files={f"assets/{k.replace('__', '.')}": v
                                        for k, v in (files or {"api__json": spec_json()}).items()})
    assert out.warnings == []
    return to_html(out.markdown)


def error_of(project, body: str, files: dict[str, bytes] | None = None) -> str:
    with pytest.raises(ContentErrors) as failure:
        convert(project, body, files=files)
    assert len(failure.value.errors) == 1, failure.value.errors
    return str(failure.value.errors[0])


def at(line: int, column: int) -> str:
    return f"{PAGE}:{line}:{column}: "


def headings(html: str) -> list[tuple[str, str]]:
    """(level, text) of every heading, its permalink left out."""
    found = re.findall(r"<h([1-6])[^>]*>(.*?)<a class=\"headerlink\"", html)
    return [(f"h{level}", re.sub(r"<[^>]+>", "", text)) for level, text in found]


def table_after(html: str, marker: str) -> list[list[str]]:
    """The rows of the first table after `marker`, as plain text cells."""
    start = html.index(marker)
    table = html[html.index("<table>", start):html.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
    return [[re.sub(r"<[^>]+>", "", cell).strip()
             for cell in re.findall(r"<t[hd]>(.*?)</t[hd]>", row, re.DOTALL)] for row in rows]


# -- the page -------------------------------------------------------------------------------


def test_spec_is_drawn_as_sections_operations_and_models_in_order(project):
    html = html_of(project)
    assert headings(html) == [
        ("h2", "Security"),
        ("h2", "pets"),
        ("h3", "Add a pet"),
        ("h4", "Request (requires key)"),
        ("h4", "Request body (required)"),
        ("h4", "Responses"),
        ("h3", "Show a pet"),
        ("h4", "Request"),
        ("h4", "Path parameters"),
        ("h4", "Query parameters"),
        ("h4", "Responses"),
        ("h2", "Other operations"),
        ("h3", "GET /health"),
        ("h4", "Request"),
        ("h4", "Responses"),
        ("h2", "Models"),
        ("h3", "Error"),
        ("h3", "Person"),
        ("h3", "Pet"),
    ]
    assert "<p>Pets <em>everywhere</em>.</p>\n<p><code>v2.1</code></p>" in html
    assert "<p>Everything about pets.</p>" in html
    assert '<h3 id="op-showpet">Show a pet' in html and '<h3 id="model-pet">Pet' in html


def test_security_schemes_are_a_definition_list_the_requests_link_to(project):
    html = html_of(project)
    assert ('<dt><span id="security-key"></span>An API key</dt>\n<dd><code>key</code></dd>\n'
            "<dd><code>apiKey</code> in <code>header</code> (<code>X-Key</code>)</dd>") in html
    assert 'Request (requires <a href="#security-key">key</a>)' in html


def test_each_operation_shows_its_method_and_path(project):
    html = html_of(project)
    codes = [re.sub(r"<[^>]+>", "", block) for block in re.findall(
        r'<div class="highlight"><pre>(.*?)</pre>', html, re.DOTALL)]
    assert [c.strip() for c in codes if c.strip().startswith(("GET", "POST"))] == [
        "POST /pets", "GET /pets/{petId}", "GET /health"]


def test_parameters_are_tables_by_place_path_level_ones_included(project):
    html = html_of(project)
    assert table_after(html, "Path parameters") == [
        ["Parameter name", "Value", "Description", "Additional"],
        ["petId", "integer", "The pet’s id", "Required, Example: 7"],
    ]
    assert table_after(html, "Query parameters") == [
        ["Parameter name", "Value", "Description", "Additional"],
        # A pipe in a description stays text, not a column.
        ["fields", "array of string (enum: name, tag)", "Fields | to return", ""],
    ]


def test_schema_tables_list_properties_with_type_requirement_and_description(project):
    html = html_of(project)
    rows = [["Property", "Type", "Required", "Description"],
            ["address", "object", "no", ""],
            ["address.city", "string", "no", ""],
            ["id", "integer (int64)", "yes", ""],
            ["name", "string", "no", "The pet’s name"],
            ["owner", "Person", "no", "Who keeps pets."]]
    assert table_after(html, "Schema: <a") == rows
    assert table_after(html, '<h3 id="model-pet">') == rows
    assert '<td><a href="#model-person">Person</a></td>' in html


def test_references_to_components_are_followed(project):
    html = html_of(project)
    # components/responses, with its example titled by its media type.
    assert "<p><code>404</code>: No such pet</p>" in html
    assert '<span class="filename">application/json</span>' in html
    assert re.search(r'"message".*?:.*?"gone"', html, re.DOTALL)
    assert ('<p>Schema: <a href="#model-error">Error</a> (<code>application/json</code>)</p>'
            in html)
    # components/requestBodies and components/parameters.
    assert "<p>The pet to add</p>" in html and "The pet’s id" in html


def test_recursive_models_are_linked_not_expanded(project):
    html = html_of(project)
    assert table_after(html, '<h3 id="model-person">')[1] == [
        "pets", "array of Pet", "no", ""]
    assert '<a href="#model-pet">Pet</a>' in html


def test_a_schema_that_contains_itself_through_all_of_does_not_hang(project):
    spec = {"openapi": "3.1.0", "paths": {}, "components": {"schemas": {
        "Loop": {"allOf": [{"$ref": "#/components/schemas/Loop"}],
                 "properties": {"next": {"$ref": "#/components/schemas/Loop"}}}}}}
    html = html_of(project, api__json=spec_json(spec))
    assert "<p>Type: object, all of: <a href=\"#model-loop\">Loop</a></p>" in html
    assert table_after(html, '<h3 id="model-loop">')[1] == ["next", "Loop", "no", ""]


def test_yaml_spec_gives_the_same_page_as_json(project):
    from_json = html_of(project)
    root = Path.cwd()
    (root / "assets" / "api.json").unlink()
    (root / "assets" / "api.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    page = root / "content" / "docs" / "page.md"
    page.write_text(page.read_text().replace("api.json", "api.yaml"))
    loaded = book.load(SiteSource(root=root, content_dir=root / "content",
                                  asset_dirs=(root / "assets", root / "static")))
    from_yaml = to_html(convert_page(loaded.by_rel_path["docs/page.md"], loaded).markdown)
    assert from_yaml == from_json


def test_yaml_numbers_as_keys_and_version_are_read_as_text(project):
    spec = (b"openapi: 3.1\ninfo: {version: 1}\npaths:\n  /a:\n    get:\n      responses:\n"
            b"        200:\n          description: Fine\n")
    html = html_of(project, '{{% openapi src="api.yml" %}}\n', api__yml=spec)
    assert "<p><code>200</code>: Fine</p>" in html and "<code>v1</code>" in html


def test_spec_is_found_in_static_when_assets_has_none(project):
    out = convert(project, '{{% openapi "api.json" %}}\n',
                  files={"static/api.json": spec_json()})
    assert "Show a pet" in out.markdown


def test_text_after_the_shortcode_is_kept_and_two_specs_get_distinct_ids(project):
    html = html_of(project, '{{% openapi src="api.json" %}}\n\nBetween.\n\n'
                            '{{< openapi src="api.json" >}}\nAfter.\n')
    assert html.count('id="op-showpet"') == 1 and html.count('id="api2-op-showpet"') == 1
    assert '<a href="#api2-model-person">Person</a>' in html
    assert html.index("Between.") < html.index("api2-op-showpet") < html.index("After.")


# -- mistakes -------------------------------------------------------------------------------


def test_missing_src_is_an_error_at_the_shortcode(project):
    message = error_of(project, "Intro.\n\n  {{% openapi %}}\n")
    assert message.startswith(at(FIRST + 2, 3) + 'openapi needs src="..."')


def test_missing_file_says_where_it_looked(project):
    message = error_of(project, 'Intro.\n{{% openapi src="nope.json" %}}\n')
    assert message == (at(FIRST + 1, 1) + "openapi spec 'nope.json' not found (looked in "
                       "assets/, static/)")


def test_path_out_of_the_site_is_refused(project):
    message = error_of(project, '{{% openapi src="../content/docs/page.md" %}}\n')
    assert message.startswith(at(FIRST, 1)) and "not a path within" in message


def test_invalid_json_is_an_error_with_its_place_in_the_file(project):
    message = error_of(project, 'x {{% openapi src="api.json" %}}\n',
                       files={"assets/api.json": b'{"openapi": "3.0.0",\n  "paths": }\n'})
    assert message.startswith(at(FIRST, 3) + f"openapi spec {Path('assets/api.json')} is not "
                              "valid JSON: Expecting value (line 2, column 12)")


def test_invalid_yaml_is_an_error_with_its_place_in_the_file(project):
    message = error_of(project, '{{% openapi src="api.yaml" %}}\n',
                       files={"assets/api.yaml": b"openapi: 3.0.0\npaths: [1,\n"})
    assert message.startswith(at(FIRST, 1) + f"openapi spec {Path('assets/api.yaml')} is not "
                              "valid YAML:")
    assert "(line 3, column 1)" in message


def test_other_text_is_neither_json_nor_yaml(project):
    message = error_of(project, '{{% openapi src="api.txt" %}}\n',
                       files={"assets/api.txt": b"key: [unclosed\n"})
    assert message.startswith(at(FIRST, 1) + f"openapi spec {Path('assets/api.txt')} is "
                              "neither JSON nor YAML: as YAML, ")
    # The wording is libyaml's or PyYAML's own, whichever reads it; the place is the same.
    assert message.endswith("(line 2, column 1)")


def test_a_url_is_not_fetched(project):
    message = error_of(project, '{{% openapi src="https://example.org/api.json" %}}\n')
    assert message.startswith(at(FIRST, 1) + "openapi spec 'https://example.org/api.json' is a "
                              "URL; openapi reads a file of the site's assets/ or static/")


def test_yaml_aliases_that_expand_without_end_are_refused(project):
    lines = ["openapi: 3.0.0", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 7)]
    message = error_of(project, '{{% openapi src="api.yaml" %}}\n',
                       files={"assets/api.yaml": "\n".join(lines).encode()})
    assert message == at(FIRST, 1) + (f"openapi spec {Path('assets/api.yaml')} expands to more "
                                      "than 1,000,000 values (through YAML aliases)")


@pytest.mark.parametrize(("content", "expected"), [
    (b'{"swagger": "2.0", "paths": {}}', "is a Swagger 2.0 document; openapi reads OpenAPI 3.x "
                                      "(convert it first)"),
    (b'{"openapi": "4.0.0"}', "is OpenAPI 4.0.0; openapi reads OpenAPI 3.x"),
    (b'{"info": {}}', "is not an OpenAPI 3.x document: it has no 'openapi' field"),
    (b"[1, 2]", "is not an OpenAPI 3.x document: it is a list, not a "
               "mapping of fields"),
])
def test_a_document_that_is_not_openapi_3_is_an_error(project, content, expected):
    message = error_of(project, '{{% openapi src="api.json" %}}\n',
                       files={"assets/api.json": content})
    assert message == at(FIRST, 1) + f"openapi spec {Path('assets/api.json')} {expected}"


def test_a_reference_that_does_not_resolve_is_named_with_where_it_is(project):
    spec = {"openapi": "3.0.0", "paths": {"/a": {"get": {"responses": {"200": {
        "description": "OK", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Nope"}}}}}}}}}
    message = error_of(project, 'Intro.\n\n{{% openapi src="api.json" %}}\n',
                       files={"assets/api.json": spec_json(spec)})
    assert message == (at(FIRST + 2, 1) + "openapi spec $ref '#/components/schemas/Nope' does "
                       "not resolve: # has no 'components' (at paths./a.get.responses.200."
                       "content.application/json.schema)")


def test_a_reference_to_another_file_is_an_error(project):
    spec = {"openapi": "3.0.0", "paths": {"/a": {"$ref": "other.yaml#/paths/a"}}}
    message = error_of(project, '{{% openapi src="api.json" %}}\n',
                       files={"assets/api.json": spec_json(spec)})
    assert message.startswith(at(FIRST, 1) + "openapi spec $ref 'other.yaml#/paths/a' points "
                              "outside the document (at paths./a)")


def test_a_cycle_of_references_is_an_error_not_a_hang(project):
    spec = {"openapi": "3.0.0", "paths": {}, "components": {"schemas": {
        "A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/C"},
        "C": {"$ref": "#/components/parameters/D"}},
        "parameters": {"D": {"$ref": "#/components/schemas/B"}}}}
    message = error_of(project, '{{% openapi src="api.json" %}}\n',
                       files={"assets/api.json": spec_json(spec)})
    assert message == at(FIRST, 1) + (
        "openapi spec has a reference cycle: #/components/parameters/D -> "
        "#/components/schemas/B -> #/components/schemas/C -> #/components/parameters/D")


def test_a_yaml_alias_that_contains_itself_is_an_error(project):
    message = error_of(project, '{{% openapi src="api.yaml" %}}\n',
                       files={"assets/api.yaml": b"openapi: 3.0.0\nloop: &x [1, *x]\n"})
    assert message == at(FIRST, 1) + (f"openapi spec {Path('assets/api.yaml')} contains a "
                                      "YAML alias that contains itself")


def test_a_closing_tag_is_an_error(project):
    with pytest.raises(ContentErrors) as failure:
        convert(project, '{{% openapi src="api.json" %}}Kept.{{% /openapi %}}\n',
                files={"assets/api.json": spec_json()})
    assert [str(e) for e in failure.value.errors] == [
        at(FIRST, 1) + "openapi takes no body, so it has no closing tag {{% /openapi %}}"]
