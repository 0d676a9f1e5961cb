"""The GitHub Pages workflows: this repository's, and the one `hugomat new site` gives authors.

Both are read as YAML and their steps checked; GitHub itself cannot run here."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from hugomat import __version__
from hugomat.scaffold.workflow import AUTHORS_WORKFLOW, PICTURE_FILES

ROOT = Path(__file__).resolve().parents[1]
PICTURE_CACHE = ".cache/hugomat/pictures"


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def runs(workflow: dict, job: str) -> list[str]:
    return [step["run"] for step in steps(workflow, job) if "run" in step]


def uses(workflow: dict, job: str) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(workflow, job) if "uses" in step]


def picture_cache_key(workflow: dict) -> str:
    cached = [s for s in steps(workflow, "build") if s.get("uses", "").startswith(
        "actions/cache@")]
    assert len(cached) == 1
    assert cached[0]["with"]["path"] == PICTURE_CACHE
    return cached[0]["with"]["key"]


def assert_publishes_with_pages(workflow: dict) -> None:
    # PyYAML reads the key `on` as True (YAML 1.1).
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert "actions/upload-pages-artifact" in uses(workflow, "build")
    assert uses(workflow, "deploy") == ["actions/deploy-pages"]
    upload = next(s for s in steps(workflow, "build") if "upload-pages-artifact" in s.get(
        "uses", ""))
    assert upload["with"]["path"] == "site"


def test_this_repository_s_workflow_runs_ci_then_checks_and_builds_strictly():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    commands = runs(workflow, "build")
    # .ci/run installs what the tests need (Chromium, axe-core, the CommonMark spec) and runs
    # them; the strict check and build come after it, in that order.
    ci = next(i for i, c in enumerate(commands) if ".ci/run" in c)
    check = commands.index(".venv/bin/hugomat check --strict")
    build = commands.index(".venv/bin/hugomat build --strict")
    assert ci < check < build
    assert (ROOT / ".ci" / "run").is_file()
    ci_script = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "axe-core" in ci_script and "chromium" in ci_script
    # The picture cache is restored before the build, keyed by the pictures' own bytes.
    key = picture_cache_key(workflow)
    assert key == f"hugomat-pictures-${{{{ hashFiles({PICTURE_FILES}) }}}}"
    cache_at = next(i for i, s in enumerate(steps(workflow, "build"))
                    if s.get("uses", "").startswith("actions/cache@"))
    build_at = next(i for i, s in enumerate(steps(workflow, "build"))
                    if s.get("run") == ".venv/bin/hugomat build --strict")
    assert cache_at < build_at
    assert_publishes_with_pages(workflow)


def test_the_authors_workflow_installs_hugomat_checks_builds_with_the_cache_and_publishes():
    workflow = yaml.safe_load(AUTHORS_WORKFLOW)
    assert workflow["env"]["HUGOMAT"] == f"hugomat=={__version__}"
    commands = runs(workflow, "build")
    install = next(i for i, c in enumerate(commands) if "pip install" in c and "$HUGOMAT" in c)
    assert install < commands.index("hugomat check --strict") < commands.index(
        "hugomat build --strict")
    assert "actions/setup-python" in uses(workflow, "build")
    key = picture_cache_key(workflow)
    assert re.fullmatch(r"hugomat-pictures-\$\{\{ hashFiles\(.*'assets/\*\*'.*\) \}\}", key)
    assert_publishes_with_pages(workflow)


def test_new_site_writes_the_authors_workflow(tmp_path):
    from hugomat.scaffold.site import new_site

    new_site(tmp_path / "book")
    written = (tmp_path / "book" / ".github" / "workflows" / "pages.yml").read_text("utf-8")
    assert written == AUTHORS_WORKFLOW
