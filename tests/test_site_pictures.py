"""Pictures in a built site: Markdown pictures, picture sets, remote pictures, the cache."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from hugomat.cli import main

CONFIG = """\
site_name: Pictures
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - hugomat:
      pictures:
        widths: [100, 200]
        path_map: {PATH_MAP}
"""


def picture(width: int, colour: tuple[int, int, int] = (200, 90, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, width * 3 // 4), colour).save(buffer, "PNG")
    return buffer.getvalue()


def build(*args: str):
    result = CliRunner().invoke(main, ["build", "--strict", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def page_html(root: Path, path: str) -> str:
    return (root / "site" / path / "index.html").read_text("utf-8")


def test_markdown_pictures_are_drawn_as_responsive_pictures(project):
    root = project(
        {"docs/a.md": '---\ntitle: A\n---\nText ![A chart](/charts/chart.png "The chart")\n\n'
                      "![Beside](beside.png)\n\n![Remote](https://example.org/x.png)\n\n"
                      "`![code](not-a-picture.png)`\n",
         "docs/bundle/index.md": "---\ntitle: Bundle\n---\n![Own](own.png)\n"},
        config=CONFIG.replace("{PATH_MAP}", "{}"),
        files={"static/charts/chart.png": picture(300), "content/docs/beside.png": picture(150),
               "content/docs/bundle/own.png": picture(120)})
    build()
    html = page_html(root, "docs/a")
    chart = re.search(r'<picture><source type="image/avif" srcset="([^"]+)"[^>]*>.*?'
                      r'<img ([^>]+)></picture>', html)
    assert chart is not None
    assert [e.rsplit(" ", 1)[1] for e in chart.group(1).split(", ")] == ["100w", "200w"]
    assert 'alt="A chart"' in chart.group(2) and 'title="The chart"' in chart.group(2)
    assert 'loading="lazy"' in chart.group(2) and "fetchpriority" not in chart.group(2)
    assert 'sizes="(min-width: ' in html and "300px" in html
    assert html.count("<picture>") == 2  # the chart and the picture beside the page
    assert re.search(r'<img alt="Remote" src="https://example.org/x.png"', html)
    assert "<code>![code](not-a-picture.png)</code>" in html
    assert "<picture>" in page_html(root, "docs/bundle")


def test_a_rebuild_encodes_nothing_and_unused_variants_stay_out_of_the_site(project):
    root = project({"docs/a.md": "---\ntitle: A\nimage: one.png\n---\nx\n"},
                   config=CONFIG.replace("{PATH_MAP}", "{}"),
                   files={"assets/one.png": picture(300),
                          "assets/two.png": picture(300, (1, 2, 3))})
    first = build()
    assert re.search(r"Pictures: [1-9]\d* variants encoded, 0 reused", first.stderr)
    second = build()
    assert re.search(r"Pictures: 0 variants encoded, [1-9]\d* reused", second.stderr)
    published = {p.name for p in (root / "site" / "assets" / "images").rglob("*.*")} - {
        "favicon.png"}
    assert published and all(name.startswith("one-") for name in published)
    page = root / "content" / "docs" / "a.md"
    page.write_text(page.read_text("utf-8").replace("one.png", "two.png"), encoding="utf-8")
    build()
    published = {p.name for p in (root / "site" / "assets" / "images").rglob("*.*")} - {
        "favicon.png"}
    assert published and all(name.startswith("two-") for name in published)


def test_a_mapped_folder_stands_for_one_folder(project):
    root = project({"docs/a.md": "---\ntitle: A\nimage: _style/banners/a.png\n---\nx\n"},
                   config=CONFIG.replace("{PATH_MAP}", "{_style: style_2}"),
                   files={"static/style_2/banners/a.png": picture(300)})
    build()
    html = page_html(root, "docs/a")
    assert "hugomat-sets" not in html and "hugomatSets" not in html
    assert "hugomatPreload" not in html
    assert re.search(r'srcset="\.\./\.\./assets/images/a-[0-9a-f]+-100\.avif 100w', html)


def test_a_mapped_folder_with_several_sets_lets_each_visitor_have_one(project):
    root = project({"docs/a.md": "---\ntitle: A\nimage: _style/banners/a.png\n---\nx\n"},
                   config=CONFIG.replace("{PATH_MAP}", "{_style: [style_1, style_2, style_3]}"),
                   files={f"static/style_{n}/banners/a.png": picture(300, (n * 60, 20, 20))
                          for n in (1, 2, 3)})
    build()
    html = page_html(root, "docs/a")
    holder = html[html.index('<span class="hugomat-sets"'):]
    holder = holder[:holder.index("</span>") + 7]
    assert 'data-hugomat-sets="&quot;_style&quot;"' in holder
    # Without JavaScript the first set; with it, one of three inert templates.
    noscript = holder[holder.index("<noscript>"):holder.index("</noscript>")]
    assert noscript.count("<picture>") == 1
    assert holder.count("<template>") == 3
    digests = re.findall(r"a-([0-9a-f]+)-100\.avif", holder)
    assert len(set(digests)) == 3 and digests[0] == digests[1]
    # The picker is inlined once in <head> and called right after the holder, so the set is
    # chosen while the page is parsed; the deferred script (with the same picker) fills pages
    # that instant navigation swaps in.
    head = html[:html.index("</head>")]
    assert head.count("window.hugomatSets = window.hugomatSets ||") == 1
    # ... and, before the style sheets, the banner's sets for the head to preload one.
    preload = json.loads(re.search(r"<script>hugomatPreload\((.*?)\)</script>", head).group(1))
    assert preload["key"] == "_style" and len(preload["sets"]) == 3
    assert [s["type"] for s in preload["sets"]] == ["image/avif"] * 3
    assert all(s["srcset"].startswith("../../assets/images/a-") for s in preload["sets"])
    assert head.index("hugomatPreload(") < head.index('rel="stylesheet"')
    after = html[html.index('<span class="hugomat-sets"'):]
    after = after[after.index("</span>") + 7:]
    assert after.startswith("<script>if(window.hugomatSets)hugomatSets("
                            "document.currentScript.previousElementSibling)</script>")
    assert 'src="../../assets/hugomat/hugomat-sets.js"' in html
    script = (root / "site" / "assets" / "hugomat" / "hugomat-sets.js").read_text()
    assert "window.hugomatSets = window.hugomatSets ||" in script
    assert "document$.subscribe(show)" in script


def banner_project(project, config: str = CONFIG.replace("{PATH_MAP}", "{}")) -> Path:
    return project({"docs/a.md": "---\ntitle: A\nimage: one.png\n---\nx\n"}, config=config,
                   files={"assets/one.png": picture(300)})


def test_a_damaged_cache_entry_is_encoded_again_with_a_warning_never_published(project):
    root = banner_project(project)
    CliRunner().invoke(main, ["build"], catch_exceptions=False)
    cache = root / ".cache" / "hugomat" / "pictures"
    avif = next(cache.glob("one-*-200.avif"))
    good = avif.read_bytes()
    avif.write_bytes(good[: len(good) // 2])
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (f"warning: picture cache: {avif.name} is {len(good) // 2:,} bytes, but "
            f"{len(good):,} were written; encoded again") in result.stderr
    assert re.search(r"Pictures: 1 variants encoded, [1-9]\d* reused", result.stderr)
    assert (root / "site" / "assets" / "images" / avif.name).read_bytes() == good


def test_a_file_in_place_of_the_picture_cache_is_a_clear_error(project):
    root = banner_project(project)
    (root / ".cache" / "hugomat").mkdir(parents=True)
    (root / ".cache" / "hugomat" / "pictures").write_text("oops")
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 1
    assert ("error: the picture cache .cache/hugomat/pictures cannot be made: "
            ".cache/hugomat/pictures is a file, not a folder; remove it, or set cache_dir "
            "in mkdocs.yml") in result.stderr
    assert "Traceback" not in result.output


BAD_SETTINGS = [
    ("widths: [-5, 0]", "widths", "expected a whole number of at least 1, got -5"),
    ("widths: []", "widths", "expected at least one item"),
    ("formats: []", "formats", "expected at least one item"),
    ("avif_quality: 500", "avif_quality", "expected a whole number from 1 to 100, got 500"),
    ("avif_quality: 0", "avif_quality", "expected a whole number from 1 to 100, got 0"),
    ("webp_quality: -1", "webp_quality", "from 1 to 100, got -1"),
    ("jpeg_quality: true", "jpeg_quality", "from 1 to 100, got True"),
    ("avif_speed: 11", "avif_speed", "expected a whole number from 0 to 10, got 11"),
]


@pytest.mark.parametrize(("setting", "option", "message"), BAD_SETTINGS)
@pytest.mark.parametrize("command", ["build", "check"])
def test_out_of_range_picture_settings_are_configuration_errors(project, command, setting,
                                                                option, message):
    banner_project(project, CONFIG.replace("{PATH_MAP}", "{}").replace(
        "        widths: [100, 200]\n", f"        {setting}\n"))
    result = CliRunner().invoke(main, [command], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert f"'{option}'" in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_serve_refuses_out_of_range_picture_settings_before_serving(project):
    root = banner_project(project, CONFIG.replace("{PATH_MAP}", "{}").replace(
        "widths: [100, 200]", "avif_quality: 500"))
    result = subprocess.run([sys.executable, "-m", "hugomat.cli", "serve"], cwd=root,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "'avif_quality'" in result.stderr and "got 500" in result.stderr
    assert "Traceback" not in result.stderr


def _variants(root: Path) -> list[Path]:
    return [p for p in (root / "site" / "assets" / "images").rglob("*.*")
            if p.name != "favicon.png"]


def _cached(root: Path, variant: Path) -> Path:
    return next((root / ".cache" / "hugomat" / "pictures").rglob(variant.name))


def test_variants_reach_the_site_as_hard_links_to_the_cache(project):
    root = project({"docs/a.md": "---\ntitle: A\nimage: one.png\n---\nx\n"},
                   config=CONFIG.replace("{PATH_MAP}", "{}"),
                   files={"assets/one.png": picture(300)})
    build()
    variants = _variants(root)
    assert variants
    umask = os.umask(0)
    os.umask(umask)
    for variant in variants:
        assert variant.samefile(_cached(root, variant)), variant.name
        # Readable as a copied file was: a web server may run as another user.
        assert stat.S_IMODE(variant.stat().st_mode) == 0o666 & ~umask
    for variant in variants:  # as an older hugomat left its cache: private files
        _cached(root, variant).chmod(0o600)
    build()  # and again over the last site
    assert all(v.samefile(_cached(root, v)) for v in _variants(root))
    assert all(stat.S_IMODE(v.stat().st_mode) == 0o666 & ~umask for v in _variants(root))


def test_variants_are_copied_where_the_file_system_refuses_links(project, monkeypatch):
    import errno
    import os

    def refuse(source, target, *args, **kwargs):
        raise OSError(errno.EXDEV, "Invalid cross-device link", source)

    root = project({"docs/a.md": "---\ntitle: A\nimage: one.png\n---\nx\n"},
                   config=CONFIG.replace("{PATH_MAP}", "{}"),
                   files={"assets/one.png": picture(300)})
    monkeypatch.setattr(os, "link", refuse)
    build()
    variants = _variants(root)
    assert variants
    for variant in variants:
        cached = _cached(root, variant)
        assert not variant.samefile(cached)
        assert variant.read_bytes() == cached.read_bytes()
