"""Tests for hugomat.read.frontmatter: splitting Hugo content files the way Hugo does."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from hugomat.errors import ContentError, Location
from hugomat.read import frontmatter
from hugomat.read.frontmatter import FrontMatter, read, split

CHAPTER = Path(__file__).resolve().parents[1] / "content" / "docs" / "13_flames_on.md"

_LOADERS = [yaml.SafeLoader]
if hasattr(yaml, "CSafeLoader"):
    _LOADERS.insert(0, yaml.CSafeLoader)


@pytest.fixture(params=_LOADERS, ids=lambda loader: loader.__name__)
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run a YAML test with libyaml and with the pure-Python loader: positions must agree."""
    monkeypatch.setattr(frontmatter, "_YamlLoader", request.param)


def error_of(text: str, path: str = "p.md") -> ContentError:
    with pytest.raises(ContentError) as info:
        split(text, path)
    return info.value


# --- the three formats -------------------------------------------------------------------


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_front_matter() -> None:
    text = "---\ntitle: Hello\nweight: 3\ndate: 2024-05-01\n---\nBody line\n"
    assert split(text, "p.md") == FrontMatter(
        data={"title": "Hello", "weight": 3, "date": datetime.date(2024, 5, 1)},
        format="yaml",
        body="Body line\n",
        body_line=6,
        key_lines={"title": 2, "weight": 3, "date": 4},
    )


def test_toml_front_matter() -> None:
    text = (
        "+++\n"
        'title = "Hello"\n'
        '"Quoted Key" = 1\n'
        "date = 2024-05-01\n"
        "[params]\n"
        'Image = "x.png"\n'
        "+++\n"
        "# Body\n"
    )
    fm = split(text, "p.md")
    assert fm.format == "toml"
    assert fm.data == {
        "title": "Hello",
        "quoted key": 1,
        "date": datetime.date(2024, 5, 1),
        "params": {"image": "x.png"},
    }
    assert fm.body == "# Body\n"
    assert fm.body_line == 8
    # `Image` lives in [params], so it is not a top-level key.
    assert fm.key_lines == {"title": 2, "quoted key": 3, "date": 4, "params": 5}


def test_toml_key_lines_ignore_multiline_strings_and_use_dotted_keys() -> None:
    text = (
        "+++\n"
        'summary = """\n'
        "title = not a key\n"
        '"""\n'
        "title = 'real'\n"
        "site.Name = 'n'\n"
        "[[Items]]\n"
        "a = 1\n"
        "[[Items]]\n"
        "a = 2\n"
        "+++\n"
    )
    fm = split(text, "p.md")
    assert fm.data == {
        "summary": "title = not a key\n",
        "title": "real",
        "site": {"name": "n"},
        "items": [{"a": 1}, {"a": 2}],
    }
    assert fm.key_lines == {"summary": 2, "title": 5, "site": 6, "items": 7}


def test_json_front_matter() -> None:
    text = (
        "{\n"
        '  "params": {"image": "nested.png"},\n'
        '  "Title": "Hello",\n'
        '  "image": "top.png",\n'
        '  "weight": 2\n'
        "}\n"
        "# Body\n"
    )
    fm = split(text, "p.md")
    assert fm.format == "json"
    assert fm.data == {
        "params": {"image": "nested.png"},
        "title": "Hello",
        "image": "top.png",
        "weight": 2,
    }
    assert fm.body == "# Body\n"
    assert fm.body_line == 7
    # The nested "image" on line 2 is not the top-level one on line 4.
    assert fm.key_lines == {"params": 2, "title": 3, "image": 4, "weight": 5}


def test_json_drops_trailing_whitespace_after_closing_brace() -> None:
    fm = split('{"a": 1}   \nbody\n', "p.md")
    assert (fm.data, fm.body, fm.body_line) == ({"a": 1}, "body\n", 2)


def test_json_keeps_text_after_closing_brace_on_the_same_line() -> None:
    fm = split('{"a": 1} tail\nnext\n', "p.md")
    assert (fm.data, fm.body, fm.body_line) == ({"a": 1}, " tail\nnext\n", 1)


def test_json_object_at_end_of_file() -> None:
    fm = split('{"a": {"b": [1, 2]}}', "p.md")
    assert (fm.data, fm.body, fm.body_line) == ({"a": {"b": [1, 2]}}, "", 2)


def test_json_may_be_indented_after_blank_lines() -> None:
    fm = split('\n\n  {"Weight": 4}\nbody', "p.md")
    assert (fm.data, fm.format, fm.body, fm.body_line) == ({"weight": 4}, "json", "body", 4)
    assert fm.key_lines == {"weight": 3}


# --- delimiters, blank lines, BOM, line ends -----------------------------------------------


def test_leading_blank_lines_are_skipped() -> None:
    fm = split("\n  \n\t\n---\ntitle: x\n---\nbody\n", "p.md")
    assert (fm.data, fm.format, fm.body, fm.body_line) == ({"title": "x"}, "yaml", "body\n", 7)
    assert fm.key_lines == {"title": 5}


def test_trailing_spaces_allowed_on_delimiters() -> None:
    fm = split("---  \ntitle: x\n--- \t\nbody", "p.md")
    assert (fm.data, fm.body, fm.body_line) == ({"title": "x"}, "body", 4)
    fm = split("+++ \ntitle = 'x'\n+++  \nbody", "p.md")
    assert (fm.data, fm.format, fm.body, fm.body_line) == ({"title": "x"}, "toml", "body", 4)


def test_closing_delimiter_at_end_of_file() -> None:
    fm = split("---\ntitle: x\n---", "p.md")
    assert (fm.data, fm.body, fm.body_line) == ({"title": "x"}, "", 4)


def test_byte_order_mark_is_ignored() -> None:
    fm = split("\ufeff---\ntitle: x\n---\nbody", "p.md")
    assert (fm.data, fm.format, fm.body, fm.body_line) == ({"title": "x"}, "yaml", "body", 4)
    assert split("\ufeffjust text\n", "p.md").body == "just text\n"


def test_byte_order_mark_does_not_shift_columns() -> None:
    assert str(error_of('\ufeff{"a" 1}')) == (
        "p.md:1:6: invalid JSON front matter: Expecting ':' delimiter"
    )


def test_crlf_line_ends() -> None:
    text = "---\r\ntitle: x\r\n---\r\n\r\nline one\r\nline two\r\n"
    fm = split(text, "p.md")
    assert fm.data == {"title": "x"}
    assert fm.body == "\nline one\nline two\n"
    assert fm.body_line == 4
    assert fm.key_lines == {"title": 2}


def test_lone_cr_line_ends() -> None:
    fm = split("---\rtitle: x\rtags: [a]\r---\rbody\rmore\r", "p.md")
    assert (fm.data, fm.body, fm.body_line) == ({"title": "x", "tags": ["a"]}, "body\nmore\n", 5)
    assert fm.key_lines == {"title": 2, "tags": 3}


@pytest.mark.usefixtures("yaml_loader")
def test_crlf_error_positions_match_the_file() -> None:
    err = error_of("---\r\na: 1\r\nb: c: d\r\n---\r\n")
    assert str(err).startswith("p.md:3:5: invalid YAML front matter: mapping values are not")
    assert err.location == Location("p.md", 3, 5)


def test_horizontal_rules_in_body_stay_in_body() -> None:
    fm = split("---\ntitle: x\n---\nintro\n\n---\n\nmore\n---\n", "p.md")
    assert fm.data == {"title": "x"}
    assert fm.body == "intro\n\n---\n\nmore\n---\n"
    assert fm.body_line == 4


def test_body_first_then_dashes_means_no_front_matter() -> None:
    text = "Intro\n---\ntitle: x\n---\n"
    assert split(text, "p.md") == FrontMatter({}, None, text, 1, {})


def test_indented_or_longer_dashes_do_not_open_front_matter() -> None:
    for text in ("  ---\ntitle: x\n---\n", "----\ntitle: x\n----\n", "--- x\ntitle: x\n---\n"):
        assert split(text, "p.md") == FrontMatter({}, None, text, 1, {})


def test_no_front_matter() -> None:
    text = "\n# Title\n\nText with --- inside\n"
    assert split(text, "p.md") == FrontMatter({}, None, text, 1, {})


def test_no_front_matter_with_crlf_is_normalised() -> None:
    assert split("# T\r\n\r\nx\r\n", "p.md") == FrontMatter({}, None, "# T\n\nx\n", 1, {})


def test_empty_and_blank_files() -> None:
    assert split("", "p.md") == FrontMatter({}, None, "", 1, {})
    assert split("\n \n", "p.md") == FrontMatter({}, None, "\n \n", 1, {})


@pytest.mark.usefixtures("yaml_loader")
def test_empty_yaml_front_matter() -> None:
    assert split("---\n---\nbody", "p.md") == FrontMatter({}, "yaml", "body", 3, {})
    assert split("---\n# only a comment\n---\n", "p.md") == FrontMatter({}, "yaml", "", 4, {})


def test_empty_toml_front_matter() -> None:
    assert split("+++\n+++\nbody", "p.md") == FrontMatter({}, "toml", "body", 3, {})


# --- keys and values ----------------------------------------------------------------------


@pytest.mark.usefixtures("yaml_loader")
def test_keys_are_lower_cased_recursively_but_values_are_not() -> None:
    text = (
        "---\n"
        "bookToC: false\n"
        "BookFlatSection: true\n"
        "Title: MiXed Case\n"
        "params:\n"
        "  SubKey: 1\n"
        "  List:\n"
        "    - InnerKey: Two\n"
        "---\n"
    )
    fm = split(text, "p.md")
    assert fm.data == {
        "booktoc": False,
        "bookflatsection": True,
        "title": "MiXed Case",
        "params": {"subkey": 1, "list": [{"innerkey": "Two"}]},
    }
    assert fm.key_lines == {"booktoc": 2, "bookflatsection": 3, "title": 4, "params": 5}


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_values_keep_their_types() -> None:
    text = (
        "---\n"
        "date: 2024-05-01\n"
        "lastmod: 2024-05-01T10:30:00Z\n"
        "weight: 7\n"
        "ratio: 0.5\n"
        "draft: false\n"
        "tags: [a, b]\n"
        "empty:\n"
        "---\n"
    )
    data = split(text, "p.md").data
    assert data == {
        "date": datetime.date(2024, 5, 1),
        "lastmod": datetime.datetime(2024, 5, 1, 10, 30, tzinfo=datetime.UTC),
        "weight": 7,
        "ratio": 0.5,
        "draft": False,
        "tags": ["a", "b"],
        "empty": None,
    }
    assert type(data["date"]) is datetime.date


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_merge_keys_and_aliases() -> None:
    text = "---\nbase: &b\n  Color: red\n<<: {Extra: 1}\nmerged:\n  <<: *b\n  Size: 2\n---\n"
    fm = split(text, "p.md")
    assert fm.data == {
        "base": {"color": "red"},
        "extra": 1,
        "merged": {"color": "red", "size": 2},
    }
    # `<<` is not a key anyone writes on purpose; it must not show up.
    assert fm.key_lines == {"base": 2, "merged": 5}


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_non_string_keys_are_kept() -> None:
    fm = split("---\n2024: year\nName: n\n---\n", "p.md")
    assert fm.data == {2024: "year", "name": "n"}
    assert fm.key_lines == {"name": 3}


def test_libyaml_loader_is_preferred() -> None:
    expected = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert frontmatter._YamlLoader is expected


# --- errors -------------------------------------------------------------------------------


def test_unclosed_yaml() -> None:
    err = error_of("\n---\ntitle: x\n\nbody\n")
    assert str(err) == (
        "p.md:2:1: front matter opened here is never closed (expected a closing '---')"
    )


def test_unclosed_toml() -> None:
    # A YAML closer does not close TOML.
    err = error_of("+++\ntitle = 'x'\n---\nbody\n")
    assert str(err) == (
        "p.md:1:1: front matter opened here is never closed (expected a closing '+++')"
    )


def test_lone_opening_delimiter_is_unclosed() -> None:
    assert str(error_of("\n---")) == (
        "p.md:2:1: front matter opened here is never closed (expected a closing '---')"
    )


@pytest.mark.usefixtures("yaml_loader")
def test_bad_yaml_points_into_the_file() -> None:
    # Line 1 blank, line 2 `---`, line 3 fine, line 4 has a second `:` at column 7.
    err = error_of("\n---\ntitle: ok\nbad: a: b\n---\nbody\n")
    assert str(err).startswith(
        "p.md:4:7: invalid YAML front matter: mapping values are not allowed"
    )
    assert err.location == Location("p.md", 4, 7)


@pytest.mark.usefixtures("yaml_loader")
def test_bad_yaml_columns_count_characters() -> None:
    err = error_of("---\ntitle: Ünïcödé: x\n---\n")
    assert err.location == Location("p.md", 2, 15)


@pytest.mark.usefixtures("yaml_loader")
def test_bad_yaml_names_the_context_line() -> None:
    err = error_of("---\ntitle: x\ntags: [a, b\n---\n")
    # The flow sequence runs into the end of the front matter: the closing line.
    assert str(err).startswith("p.md:4:1: invalid YAML front matter: ")
    assert str(err).endswith("(while parsing a flow sequence on line 3)")


@pytest.mark.usefixtures("yaml_loader")
def test_bad_yaml_date_is_located() -> None:
    err = error_of("---\ntitle: x\ndate: 2024-13-01\n---\n")
    assert str(err) == "p.md:3:7: invalid YAML front matter: month must be in 1..12"


@pytest.mark.usefixtures("yaml_loader")
def test_unsafe_yaml_tag_is_rejected() -> None:
    err = error_of("---\nx: !!python/object/apply:os.system [echo]\n---\n")
    assert err.location == Location("p.md", 2, 4)
    assert "could not determine a constructor" in err.message


def test_bad_toml_points_into_the_file() -> None:
    # Line 1 blank, line 2 `+++`, line 3 fine, line 4 has a second `=` at column 10.
    err = error_of('\n+++\ntitle = "x"\nweight = = 3\n+++\n')
    assert str(err) == "p.md:4:10: invalid TOML front matter: Invalid value"


def test_bad_toml_at_end_of_document_points_at_closing_line() -> None:
    err = error_of("+++\ntitle = 'x'\ntags = [1,\n+++\nbody\n")
    assert str(err) == "p.md:4:1: invalid TOML front matter: Invalid value"


def test_toml_exact_duplicate_key() -> None:
    err = error_of("+++\ntitle = 'a'\ntitle = 'b'\n+++\n")
    assert str(err) == "p.md:3:12: invalid TOML front matter: Cannot overwrite a value"


def test_bad_json_points_into_the_file() -> None:
    # The trailing comma makes the `}` on line 5 unexpected.
    err = error_of('\n{\n  "title": "x",\n  "weight": 3,\n}\nbody\n')
    assert str(err) == (
        "p.md:5:1: invalid JSON front matter: Expecting property name enclosed in double quotes"
    )


def test_unclosed_json() -> None:
    err = error_of('{"title": "x"\nbody\n')
    assert str(err) == "p.md:2:1: invalid JSON front matter: Expecting ',' delimiter"


def test_shortcode_at_start_is_read_as_json_like_hugo() -> None:
    err = error_of("{{< hint >}}\ntext\n")
    assert err.location == Location("p.md", 1, 2)


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_list_is_not_a_mapping() -> None:
    err = error_of("\n---\n- a\n- b\n---\n")
    assert str(err) == "p.md:2:1: front matter must be a mapping of keys to values, not a list"


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_scalar_is_not_a_mapping() -> None:
    err = error_of("---\njust text\n---\n")
    assert str(err) == (
        "p.md:1:1: front matter must be a mapping of keys to values, not a single str value"
    )


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_keys_equal_apart_from_case() -> None:
    err = error_of("---\ntitle: a\nweight: 1\nTitle: b\n---\n")
    assert str(err) == (
        "p.md:4:1: key 'Title' clashes with 'title' on line 2: "
        "front matter keys are case-insensitive"
    )


def test_toml_keys_equal_apart_from_case() -> None:
    err = error_of("\n+++\nbookToC = true\n  BookToC = false\n+++\n")
    assert str(err) == (
        "p.md:4:3: key 'BookToC' clashes with 'bookToC' on line 3: "
        "front matter keys are case-insensitive"
    )


def test_json_keys_equal_apart_from_case() -> None:
    err = error_of('{"title": "a",\n "Title": "b"}')
    assert str(err) == (
        "p.md:2:2: key 'Title' clashes with 'title' on line 1: "
        "front matter keys are case-insensitive"
    )


@pytest.mark.usefixtures("yaml_loader")
def test_nested_keys_equal_apart_from_case() -> None:
    err = error_of("---\nparams:\n  Foo: 1\n  foo: 2\n---\n")
    assert str(err) == (
        "p.md:1:1: keys 'Foo' and 'foo' under 'params' differ only in case, "
        "and front matter keys are case-insensitive"
    )


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_exact_duplicate_key() -> None:
    err = error_of("---\ntitle: a\ntitle: b\n---\n")
    assert str(err) == "p.md:3:1: key 'title' is set twice (first on line 2)"


# --- read() -------------------------------------------------------------------------------


def test_read_decodes_and_splits(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes("\ufeff---\r\ntitle: Café\r\n---\r\nbody\r\n".encode())
    assert read(path) == FrontMatter({"title": "Café"}, "yaml", "body\n", 4, {"title": 2})


def test_read_reports_invalid_utf8_position(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    # Line 3 is `text: café ` followed by 0xff: 11 characters, so the bad byte is column 12.
    path.write_bytes(b"---\r\ntitle: ok\r\ntext: caf\xc3\xa9 \xff\n---\n")
    with pytest.raises(ContentError) as info:
        read(path, "docs/page.md")
    assert str(info.value) == "docs/page.md:3:12: file is not valid UTF-8 (invalid start byte 0xff)"


def test_read_invalid_utf8_after_bom_and_lone_cr(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"\xef\xbb\xbfone\rab\xe2\x82")
    with pytest.raises(ContentError) as info:
        read(path, "x.md")
    assert info.value.location == Location("x.md", 2, 3)


def test_read_errors_default_to_the_path(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text("---\ntitle: x\n")
    with pytest.raises(ContentError) as info:
        read(path)
    assert str(info.value).startswith(f"{path}:1:1: front matter opened here is never closed")


def test_real_chapter() -> None:
    fm = read(CHAPTER, "content/docs/13_flames_on.md")
    assert fm.format == "yaml"
    assert fm.data["title"] == "13 – Flames On"
    assert fm.data["weight"] == 13
    assert fm.data["bookflatsection"] is True
    assert fm.data["image"] == "_din_style/banner_images/13_fo.webp"
    # The closing `---` is line 6; line 7 is blank and line 8 is the heading.
    assert fm.body.startswith("\n# Flames On\n")
    assert fm.body_line == 7
    lines = CHAPTER.read_text(encoding="utf-8").splitlines()
    assert lines[fm.body_line - 1] == "" and lines[fm.body_line] == "# Flames On"
    assert fm.key_lines["image"] == 5
    assert lines[fm.key_lines["image"] - 1].startswith("image:")


# --- nesting: any depth is a located error, never a RecursionError -----------------------

DEEP = 5000


def test_json_nested_thousands_deep_is_located() -> None:
    text = '{"title": "T",\n "p": ' + "[" * DEEP + "]" * DEEP + "}\nBody\n"
    assert str(error_of(text)) == (
        f"p.md:2:{6 + frontmatter.MAX_NESTING}: front matter is nested {DEEP + 1} deep; "
        f"the limit is {frontmatter.MAX_NESTING}")


def test_toml_nested_thousands_deep_is_located() -> None:
    text = '+++\ntitle = "T"\np = ' + "[" * DEEP + "]" * DEEP + "\n+++\nBody\n"
    assert str(error_of(text)) == (
        f"p.md:3:{5 + frontmatter.MAX_NESTING}: front matter is nested {DEEP} deep; "
        f"the limit is {frontmatter.MAX_NESTING}")


def test_toml_inline_tables_nested_deep_are_located() -> None:
    text = "+++\np = " + "{a = " * DEEP + "1" + "}" * DEEP + "\n+++\n"
    assert "front matter is nested 5000 deep" in str(error_of(text))


def test_toml_dotted_keys_nested_deep_are_located_at_their_key() -> None:
    text = '+++\ntitle = "T"\n' + ".".join(["k"] * DEEP) + " = 1\n+++\n"
    assert str(error_of(text)) == (
        f"p.md:3:1: front matter is nested {DEEP} deep; the limit is "
        f"{frontmatter.MAX_NESTING}")


def test_toml_brackets_in_strings_and_comments_do_not_count() -> None:
    deep = "[" * 300
    text = f'+++\ntitle = "{deep}"\nx = \'{deep}\'\n# {deep}\ny = """\n{deep}\n"""\n+++\n'
    assert split(text, "p.md").data["title"] == deep


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_nested_thousands_deep_is_located() -> None:
    # libyaml stops past 1000 levels by itself, PyYAML's composer before: located either way.
    text = "---\ntitle: T\np: " + "[" * DEEP + "]" * DEEP + "\n---\n"
    error = error_of(text)
    assert error.location.line in (1, 3)
    assert "nest" in error.message


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_nested_deep_is_located() -> None:
    deep = 150
    text = "---\ntitle: T\np: " + "[" * deep + "]" * deep + "\n---\n"
    assert str(error_of(text)) == (
        f"p.md:3:{3 + frontmatter.MAX_NESTING}: front matter is nested {deep + 1} deep; "
        f"the limit is {frontmatter.MAX_NESTING}")


@pytest.mark.usefixtures("yaml_loader")
def test_nesting_up_to_the_limit_is_read() -> None:
    depth = frontmatter.MAX_NESTING - 1  # YAML's and JSON's own map is a level
    for text, lists in (("---\np: " + "[" * depth + "]" * depth + "\n---\n", depth),
                        ('{"p": ' + "[" * depth + "]" * depth + "}\n", depth),
                        ("+++\np = " + "[" * (depth + 1) + "]" * (depth + 1) + "\n+++\n",
                         depth + 1)):
        value = split(text, "p.md").data["p"]
        for _ in range(lists - 1):
            value = value[0]
        assert value == []


@pytest.mark.usefixtures("yaml_loader")
def test_yaml_anchor_used_inside_itself_is_read() -> None:
    data = split("---\na: &x [1, *x]\n---\n", "p.md").data
    assert data["a"][1] is data["a"]
