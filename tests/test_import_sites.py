"""`hugomat import` on sites shaped like real hugo-book sites: what it infers from the site's
files, and that the written mkdocs.yml then builds the site as it stands."""

from __future__ import annotations

import io
from pathlib import Path

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
