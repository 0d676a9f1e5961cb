"""The hugomat command: exit codes, messages for people, and builds that never break site/."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from hugomat.cli import main

CHAPTER = """\
---
title: "Chapter"
image: pics/banner.webp
---

# Chapter

{{% details title="More" %}}
Hidden text.
{{% /details %}}
"""


def webp(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 80, 20)).save(buffer, "WEBP")
    return buffer.getvalue()


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_build_writes_the_site(project):
    root = project({"docs/chapter.md": CHAPTER}, files={"assets/pics/banner.webp": webp()})
    result = run("build", "--strict")
    assert result.exit_code == 0, result.output
    page = (root / "site" / "docs" / "chapter" / "index.html").read_text(encoding="utf-8")
    assert "<summary>More</summary>" in page
    # The banner is drawn from variants made of it, not from the original.
    assert list((root / "site" / "assets" / "images").glob("banner-*-64.webp"))
    assert not (root / "site" / "pics" / "banner.webp").exists()
    assert not list(root.glob("site.tmp-*"))


def test_content_error_prints_location_exits_1_and_keeps_the_last_site(project):
    root = project({"docs/chapter.md": CHAPTER}, files={"assets/pics/banner.webp": webp()})
    assert run("build").exit_code == 0
    before = snapshot(root / "site")
    broken = CHAPTER.replace("{{% /details %}}", "")
    (root / "content" / "docs" / "chapter.md").write_text(broken, encoding="utf-8")
    result = run("build")
    assert result.exit_code == 1
    assert f"{Path('content/docs/chapter.md')}:8:1: shortcode 'details' is never closed" in (
        result.stderr)
    assert "Traceback" not in result.output
    assert snapshot(root / "site") == before
    assert not list(root.glob("site.tmp-*"))


def test_missing_banner_names_page_line_and_path(project):
    project({"docs/chapter.md": CHAPTER})
    result = run("build")
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if "banner.webp" in x)
    assert line.startswith(f"{Path('content/docs/chapter.md')}:3:1: picture 'pics/banner.webp'")
    assert "not found" in line


def test_bad_front_matter_is_a_located_error(project):
    project({"docs/chapter.md": "---\ntitle: [oops\n---\nText\n"})
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{Path('content/docs/chapter.md')}:")
    assert "Traceback" not in result.output


def test_unknown_shortcode_warns_but_fails_under_strict(project):
    root = project({"docs/chapter.md": "---\ntitle: C\n---\n{{< nope >}}\n"})
    result = run("build")
    assert result.exit_code == 0
    assert f"{Path('content/docs/chapter.md')}:4:1: warning: unknown shortcode 'nope'" in (
        result.stderr)
    html = (root / "site" / "docs" / "chapter" / "index.html").read_text(encoding="utf-8")
    assert "nope" in html and "{{" not in html
    strict = run("build", "--strict")
    assert strict.exit_code == 1
    assert f"{Path('content/docs/chapter.md')}:4:1: unknown shortcode 'nope'" in strict.stderr


def test_drafts_only_with_the_flag(project):
    root = project({"docs/draft.md": "---\ntitle: D\ndraft: true\n---\nDraft text\n",
                    "docs/a.md": "---\ntitle: A\n---\nA\n"})
    assert run("build").exit_code == 0
    assert not (root / "site" / "docs" / "draft").exists()
    assert run("build", "--drafts").exit_code == 0
    assert (root / "site" / "docs" / "draft" / "index.html").is_file()


def test_usage_errors_exit_2(project, tmp_path):
    project({"docs/a.md": "---\ntitle: A\n---\nA\n"},
            config="site_name: X\ndocs_dir: content\nplugins: [search]\n")
    result = run("build")
    assert result.exit_code == 2
    assert "'hugomat' plugin is not listed" in result.stderr
    assert run("build", "--no-such-flag").exit_code == 2
    assert run("build", "-f", str(tmp_path / "missing.yml")).exit_code == 2


def test_every_command_has_help():
    for command in ([], ["build"], ["serve"]):
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


UNREADABLE_CONFIGS = {
    "a folder": (None, "mkdocs.yml: is a folder"),
    "not UTF-8": (b"site_name: X\ndocs_dir: content\n\xff\xfe: x\n",
                  "mkdocs.yml:3:1: is not UTF-8 text (byte 0xff)"),
    "bad YAML": (b"site_name: X\nplugins: [hugomat\n  - : x\n",
                 "mkdocs.yml:3:5: not valid YAML: expected ',' or ']'"),
    "a number": (b"7\n", "mkdocs.yml:1:1: expected settings written as `key: value`"),
    "a NUL": (b"site_name: X\x00\n", "mkdocs.yml:1:13: not valid YAML"),
}


@pytest.mark.parametrize("command", [["build"], ["check"], ["serve"], ["eject", "--out", "EJ"],
                                     ["deploy", "--to", "PUB"]])
@pytest.mark.parametrize("case", list(UNREADABLE_CONFIGS))
def test_an_unreadable_mkdocs_yml_is_a_usage_error_for_every_command(project, tmp_path,
                                                                      command, case):
    root = project({"docs/a.md": "---\ntitle: A\n---\nA\n"})
    data, message = UNREADABLE_CONFIGS[case]
    (root / "mkdocs.yml").unlink()
    if data is None:
        (root / "mkdocs.yml").mkdir()
    else:
        (root / "mkdocs.yml").write_bytes(data)
    args = [str(tmp_path / a) if a in ("EJ", "PUB") else a for a in command]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {message}"), result.stderr


def test_a_full_disk_is_a_message_not_a_traceback_and_keeps_the_last_site(project, monkeypatch):
    import errno

    from hugomat.adapter import build as builder

    root = project({"docs/chapter.md": CHAPTER}, files={"assets/pics/banner.webp": webp()})
    assert run("build").exit_code == 0
    before = snapshot(root / "site")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "site.tmp-1/index.html")

    monkeypatch.setattr(builder, "mkdocs_build", full)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 3  # the environment, not the content
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.strip() == "error: No space left on device: site.tmp-1/index.html"
    assert snapshot(root / "site") == before
    assert not list(root.glob("site.tmp-*"))


def test_a_build_imports_neither_the_preview_server_nor_the_tex_converter():
    # Each costs every build some 20-30 ms of start-up; only `serve` and pages with maths
    # need them.
    import subprocess
    import sys

    code = ("import sys, hugomat.cli, hugomat.adapter.build, hugomat.render.convert; "
            "print(sorted(m for m in ('mkdocs.livereload', 'watchdog', 'latex2mathml') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
