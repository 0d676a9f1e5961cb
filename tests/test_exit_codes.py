"""What every command exits with: 0 success, 1 content, 2 usage or configuration,
3 environment (git, network, file system), 130 interrupted; the README lists them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from hugomat import cli
from hugomat.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_codes_are_the_documented_ones():
    assert (cli.EXIT_CONTENT, cli.EXIT_USAGE, cli.EXIT_ENVIRONMENT,
            cli.EXIT_INTERRUPTED) == (1, 2, 3, 130)
    listed = README.read_text("utf-8")
    for code in ("0", "1", "2", "3", "130"):
        assert re.search(rf"\| `{code}` \|", listed), f"README does not list exit code {code}"
    help_text = " ".join(CliRunner().invoke(main, ["--help"]).output.split())
    assert "3 environment" in help_text and "130 interrupted" in help_text


def test_a_folder_that_is_no_hugo_site_is_a_usage_error_not_a_located_one(tmp_path,
                                                                       monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["import", "empty"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: empty is not a Hugo site: it has none of hugo.toml")
    assert ":1:1:" not in result.stderr


@pytest.mark.parametrize("command", [["check"], ["build"], ["eject", "--out", "out"],
                                     ["new", "chapter", "docs/x.md"]])
def test_an_interruption_exits_130_without_a_traceback(project, monkeypatch, command):
    from hugomat.adapter import build as builder

    project({"docs/a.md": "---\ntitle: A\n---\nA\n"})

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(builder, "load", interrupted)
    monkeypatch.setattr("hugomat.adapter.eject.load", interrupted, raising=False)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 130, result.output
    assert "interrupted" in result.stderr
    assert "Traceback" not in result.output and "Aborted!" not in result.output
