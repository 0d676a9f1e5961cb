"""`hugomat import` on sites shaped like real hugo-book sites: what it infers from the site's
files, and that the written mkdocs.yml then builds the site as it stands."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from PIL import Image

from hugomat.cli import main


def picture(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return buffer.getvalue()


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def import_site(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[dict, str, str]:
    site = write(tmp_path / "hugo", files)
    out = tmp_path / "out"
    result = run("import", str(site), "--out", str(out))
    assert result.exit_code == 0, result.output
    text = (out / "mkdocs.yml").read_text("utf-8")
    return yaml.safe_load(text), text, result.output


def options(config: dict) -> dict:
    return next(p["hugomat"] for p in config["plugins"] if isinstance(p, dict))


def build(tmp_path: Path):
    return run("build", "--strict", "-f", str(tmp_path / "out" / "mkdocs.yml"),
               "-d", str(tmp_path / "out" / "site"))


BANNER_SITE: dict[str, str | bytes] = {
    "hugo.toml": "title = 'Styles'\n",
    "content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
    "content/docs/one.md": "---\ntitle: One\nimage: _din_style/banner_images/one.png\n---\n"
                           "Text.\n\n![Chart](/_din_style/charts/chart.png)\n",
    "content/docs/two.md": "---\ntitle: Two\nimage: _din_style/banner_images/two.png\n---\n"
                           '{{< image src="_din_style/charts/chart.png" alt="Again" >}}\n',
    # Sibling folders in natural order: style_2 comes before style_10.
    **{f"static/style_{n}/banner_images/{name}.png": picture((n * 20, 90, 30))
       for n in (1, 2, 10) for name in ("one", "two")},
    **{f"static/style_{n}/charts/chart.png": picture((30, n * 20, 90)) for n in (1, 2, 10)},
    "static/other/readme.txt": "not a picture folder of the set",
}


def test_a_placeholder_folder_over_sibling_folders_becomes_a_picture_set(tmp_path):
    config, text, output = import_site(tmp_path, BANNER_SITE)
    assert options(config)["pictures"] == {
        "path_map": {"_din_style": ["style_1", "style_2", "style_10"]}}
    comment = next(line for line in text.splitlines() if "_din_style" in line)
    assert comment.startswith("# - pictures.path_map._din_style:") and "picture set" in comment
    assert "inferred: pictures.path_map._din_style" in output
    result = build(tmp_path)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "site" / "docs" / "one" / "index.html").read_text("utf-8")
    assert 'data-hugomat-sets="&quot;_din_style&quot;"' in html
    assert html.count("data-hugomat-sets=") == 2  # the banner and the chart


def test_a_folder_lacking_one_picture_is_left_out_of_the_set_with_a_note(tmp_path):
    files = {k: v for k, v in BANNER_SITE.items() if k != "static/style_10/charts/chart.png"}
    config, text, _ = import_site(tmp_path, files)
    assert options(config)["pictures"]["path_map"] == {"_din_style": ["style_1", "style_2"]}
    assert "style_10/ is left out, it lacks '/_din_style/charts/chart.png'" in text


def test_pictures_that_exist_as_written_imply_no_picture_set(tmp_path):
    files = {**BANNER_SITE, "static/_din_style/banner_images/one.png": picture((1, 2, 3))}
    files = {k: v for k, v in files.items() if not k.startswith("content/docs/two")}
    files["content/docs/one.md"] = ("---\ntitle: One\nimage: _din_style/banner_images/one.png"
                                    "\n---\nText.\n")
    config, text, _ = import_site(tmp_path, files)
    assert "pictures" not in options(config)
    assert "Inferred" not in text


def test_one_languages_content_dir_is_the_content_folder(tmp_path):
    config, _, _ = import_site(tmp_path, {
        "hugo.toml": "title = 'T'\n[languages.en]\ncontentDir = 'content/en'\nweight = 1\n",
        "content/en/_index.md": "---\ntitle: Home\n---\nHi\n",
    })
    assert config["docs_dir"] == "../hugo/content/en"
    assert "languages" not in options(config)


@pytest.mark.parametrize("base", ["http://0.0.0.0:1313/", "http://localhost/", "http://127.0.0.1:8080/",
                                  "https://docs.example.org:1313/"])
def test_a_development_base_url_is_left_out_with_a_note(tmp_path, base):
    config, text, output = import_site(tmp_path, {"hugo.toml": f"baseURL = '{base}'\n",
                                                  "content/_index.md": "Hi\n"})
    assert "site_url" not in config
    assert "is a development address" in text and "is a development address" in output


def test_a_published_base_url_keeps_its_path(tmp_path):
    config, _, _ = import_site(tmp_path, {"hugo.toml": "baseURL = 'https://e.org/book/'\n",
                                          "content/_index.md": "Hi\n"})
    assert config["site_url"] == "https://e.org/book/"


def test_mkdocs_yml_holds_no_absolute_path(tmp_path):
    _, text, _ = import_site(tmp_path, {**BANNER_SITE, "hugo.toml": "title = 'T'\n"})
    assert str(tmp_path) not in text
    assert "# Written by `hugomat import` from ../hugo." in text


def test_url_settings_are_carried_over(tmp_path):
    config, text, _ = import_site(tmp_path, {
        "hugo.toml": "uglyURLs = true\nlanguageCode = 'en-us'\n"
                     "defaultContentLanguageInSubdir = true\n"
                     "[permalinks]\nposts = '/:year/:month/:slug/'\n"
                     "[permalinks.section]\nposts = '/writing/'\n",
        "content/_index.md": "Hi\n"})
    assert config["use_directory_urls"] is False
    assert options(config)["permalinks"] == {"posts": "/:year/:month/:slug/"}
    assert options(config)["lowercase_urls"] is True
    assert options(config)["language_code"] == "en-us"  # <html lang>, as Hugo writes it
    assert "languageCode" not in text
    assert options(config)["default_language_in_subdir"] is True
    assert "# - permalinks.section: only the URLs of pages are moved" in text
    config, _, _ = import_site(tmp_path / "lower", {"hugo.toml": "disablePathToLower = true\n",
                                                    "content/_index.md": "Hi\n"})
    assert options(config)["lowercase_urls"] is False


@pytest.mark.parametrize(("hugo_toml", "where", "message"), [
    ("title = 'T'\n[permalinks]\nposts = '/:year/:bogus/'\n", "hugo.toml:3:1",
     "permalinks.posts: unknown token ':bogus' in '/:year/:bogus/'"),
    ("baseURL = 'not a url'\n", "hugo.toml:1:1", "baseURL: expected an address such as"),
    ("baseURL = 'ftp://e.org/'\n", "hugo.toml:1:1", "baseURL: expected an address"),
    ("[languages.en]\ncontentDir = 'content'\n[languages.fr]\ncontentDir = 'content/'\n",
     "hugo.toml:4:1", "languages.fr.contentDir: 'content/' is the content folder of "
                      "languages.en too"),
    ("title = 'T'\nthis is not toml\n", "hugo.toml:2:6", "cannot read the Hugo configuration"),
])
def test_bad_configuration_is_located_and_exits_2(tmp_path, hugo_toml, where, message):
    site = write(tmp_path / "hugo", {"hugo.toml": hugo_toml, "content/_index.md": "Hi\n"})
    result = run("import", str(site), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert f"{where}: {message}" in result.output.replace(str(site) + "/", "")
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "mkdocs.yml").exists()


def test_every_layout_file_and_unused_param_is_listed(tmp_path):
    _, text, output = import_site(tmp_path, {
        "hugo.toml": "title = 'T'\n[params]\nBookSection = 'docs'\nMyBanner = true\n"
                     "[params.Social]\nx = 'me'\n",
        "content/_index.md": "Hi\n",
        "layouts/shortcodes/mine.html": "<b>{{ .Inner }}</b>",
        "layouts/shortcodes/hint.html": "<div>{{ .Inner }}</div>",
        "layouts/partials/docs/inject/head.html": "<meta name='x'>",
        "layouts/partials/docs/inject/footer.html": "{{ images.Text 1 }}{{ getJSON 2 }}",
        "layouts/partials/docs/menu.html": "<nav></nav>",
        "layouts/_default/single.html": "{{ .Content }}",
        "layouts/_markup/render-image.html": "<img>",
        "layouts/robots.txt": "User-agent: *",
    })
    expected = [
        "layouts/_default/single.html: page template; not run",
        "layouts/_markup/render-image.html: render hook; not run, hugomat renders images",
        "layouts/partials/docs/inject/footer.html: inject partial (hugo-book adds it the "
        "page's footer); unsupported: images.Text, getJSON (left out",
        "layouts/partials/docs/inject/head.html: inject partial (hugo-book adds it <head>); run "
        "for every page",
        "layouts/partials/docs/menu.html: partial template; run only when",
        "layouts/robots.txt: page template; not run",
        "layouts/shortcodes/hint.html: site shortcode 'hint'; run for the pages that use it, "
        "in place of hugomat's own 'hint'",
        "layouts/shortcodes/mine.html: site shortcode 'mine'; run for the pages that use it",
    ]
    comments = [line for line in text.splitlines() if line.startswith("# - layouts/")]
    printed = [line for line in output.splitlines() if line.startswith("layouts: ")]
    assert len(comments) == len(printed) == len(expected)
    for line, start in zip(comments, expected, strict=True):
        assert line.startswith("# - " + start), line
    for line, start in zip(printed, expected, strict=True):
        assert line.startswith("layouts: " + start), line
    assert "# - params.MyBanner: a parameter hugomat does not understand" in text
    assert "# - params.Social: a parameter hugomat does not understand" in text
    assert "not carried over: params.MyBanner" in output


@pytest.mark.parametrize(("name", "text", "where", "message"), [
    ("hugo.json", '{"title": "T",\n "baseURL": }\n', "hugo.json:2:", "cannot read the Hugo "
                                                                     "configuration"),
    ("hugo.yaml", "title: T\nparams: [unclosed\n", "hugo.yaml:3:", "cannot read the Hugo "
                                                                   "configuration"),
    ("hugo.yaml", "- a list\n- not keys\n", "hugo.yaml:1:1", "the Hugo configuration is not a "
                                                             "table of keys"),
    ("hugo.toml", "\x00\x01binary", "hugo.toml:1:", "cannot read the Hugo configuration"),
])
def test_a_configuration_that_is_not_toml_yaml_or_json_exits_2(tmp_path, name, text, where,
                                                              message):
    site = write(tmp_path / "hugo", {name: text, "content/_index.md": "Hi\n"})
    result = run("import", str(site), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    shown = result.output.replace(str(site) + "/", "")
    assert shown.startswith(where) and message in shown, shown
    assert "Traceback" not in result.output
