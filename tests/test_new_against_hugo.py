"""`hugomat new chapter` writes what `hugo new content` (Hugo 0.168) writes from the same
archetypes, and from none; only the time in `.Date` may differ."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from hugo_reference import hugo_binary
from hugomat.cli import main

ARCHETYPES = {
    "docs.md": """\
---
title: "{{ replace .File.ContentBaseName "-" " " | title }}"
date: {{ .Date }}
draft: true
section: "{{ .Section }} / {{ .Type }} / {{ .Name }}"
file: "{{ .File.Path }} {{ .File.Dir }} {{ .File.LogicalName }}"
base: "{{ .File.BaseFileName }} {{ .File.Ext }}"
site: "{{ .Site.Title }} at {{ .Site.BaseURL }}"
{{- with .Site.Params.nothing }}
never: here
{{- end }}
---

# {{ .Name | humanize }} in {{ .Section | upper }}
""",
    "default.md": """\
+++
title = '{{ replace .File.ContentBaseName "-" " " | title }}'
date = '{{ .Date }}'
weight = 10
+++
{{ printf "%q" .Name }} and {{ len .Name }}
""",
}
PATHS = ["docs/lesson-of-the-day.md", "docs/guide/index.md", "notes-on-a-sea.md"]
DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)")


def hugo_new(site: Path, path: str) -> str:
    # A HUGO_* variable of the person running the tests would change what Hugo writes.
    env = {key: value for key, value in os.environ.items() if not key.startswith("HUGO_")}
    subprocess.run([str(hugo_binary()), "new", "content", path], cwd=site, check=True,
                   capture_output=True, env=env, timeout=120)
    return (site / "content" / path).read_text("utf-8")


def hugomat_new(project: Path, path: str) -> str:
    result = CliRunner().invoke(main, ["new", "chapter", "-f", str(project / "mkdocs.yml"),
                                       path], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "note:" not in result.stderr
    return (project / "content" / path).read_text("utf-8")


@pytest.mark.parametrize("with_archetypes", [True, False], ids=["archetypes", "none"])
def test_new_chapter_writes_what_hugo_new_content_writes(tmp_path, with_archetypes):
    hugo_site, ours = tmp_path / "hugo", tmp_path / "hugomat"
    for root in (hugo_site, ours):
        (root / "content").mkdir(parents=True)
        if with_archetypes:
            (root / "archetypes").mkdir()
            for name, text in ARCHETYPES.items():
                (root / "archetypes" / name).write_text(text, encoding="utf-8")
    (hugo_site / "hugo.toml").write_text('title = "Test Book"\nbaseURL = "https://example.org/"\n',
                                         encoding="utf-8")
    (ours / "mkdocs.yml").write_text("site_name: Test Book\nsite_url: https://example.org/\n"
                                     "docs_dir: content\ntheme: {name: material}\n"
                                     "plugins: [hugomat]\n", encoding="utf-8")
    for path in PATHS:
        theirs = hugo_new(hugo_site, path)
        mine = hugomat_new(ours, path)
        assert DATE.search(theirs) and DATE.search(mine)
        if with_archetypes:
            assert DATE.sub("DATE", mine) == DATE.sub("DATE", theirs), path
        else:
            # Hugo's own default archetype makes a draft; hugomat's page without archetypes
            # has a weight, which orders hugo-book's menu, instead. The title is the same.
            title = re.search(r'^title: ".*"$', theirs, re.MULTILINE)
            assert title and title[0] in mine.splitlines(), (theirs, mine)
