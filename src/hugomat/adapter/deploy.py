"""Publishing: a strict build, then a commit on a gh-pages branch pushed to a remote, or a
folder swapped in whole.

MkDocs writes every link relative to its page, so the same files work from a domain root and
from a sub-path; only the 404 page needs site_url to know where the site lives.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import ghp_import
from mkdocs.config.defaults import MkDocsConfig

from hugomat import __version__
from hugomat.adapter import out_folder
from hugomat.adapter.build import UsageError, build, load
from hugomat.adapter.site_options import site_options
from hugomat.read.source import display

GH_PAGES = "gh-pages"
DEFAULT_MESSAGE = "Deploy {sha} with hugomat " + __version__
_GITHUB_REMOTE = re.compile(r"github\.com[:/]+(?P<owner>[^/]+)/(?P<repo>[^/]+?)(?:\.git)?/*$")
_SHOWN_CHANGES = 10

log = logging.getLogger("mkdocs.plugins.hugomat")


class DeployRefused(Exception):
    """git, the remote or the working tree stood in the way; the message says why (exit code
    3: the environment, not the content)."""


@dataclass(frozen=True)
class Deployed:
    where: str
    """The folder written, or `remote/branch` pushed."""
    url: str | None = None
    """Where readers find the site, when it can be told."""
    notes: list[str] = field(default_factory=list)


def deploy(config_file: str | None, *, to: str | None = None, remote: str = "origin",
           branch: str = GH_PAGES, force: bool = False, message: str | None = None,
           no_history: bool = False) -> Deployed:
    """Build `config_file` strictly and publish it `to` gh-pages or a folder; `no_history`
    makes the branch one commit, the site alone, pushed over the old one.

    Raises UsageError (nowhere to publish, a wrong folder), BuildFailed, DeployRefused.
    """
    if to is not None and to != GH_PAGES:
        return to_folder(config_file, Path(to), force=force)
    config = load(config_file, strict=True)
    project = Path(config.config_file_path).resolve().parent
    if _toplevel(project) is None:
        raise UsageError(f"{project} is not in a git repository, so there is no gh-pages branch "
                         "to publish to; use --to DIR to write the site into a folder")
    if remote not in _git(project, "remote").stdout.split():
        raise UsageError(f"this repository has no git remote '{remote}' to push the site to; "
                         "name one with --remote, or use --to DIR to write the site into a "
                         "folder")
    return to_gh_pages(config, remote=remote, branch=branch, force=force, message=message,
                       no_history=no_history)


# -- into a folder -----------------------------------------------------------------------------


def to_folder(config_file: str | None, target: Path, *, force: bool = False) -> Deployed:
    """Build straight into `target`: the build renders beside it and swaps it in whole (at
    the folder it links to, when `target` is a symlink)."""
    target = target.expanduser().absolute()
    project = out_folder.project_folder(config_file)
    out_folder.refuse_sources(target, out_folder.project_sources(project), option="--to",
                              kind=out_folder.Kind.SITE)
    config = load(config_file, strict=True, site_dir=str(target))
    out_folder.refuse_unsafe(target, out_folder.book_sources(config), option="--to",
                             kind=out_folder.Kind.SITE, force=force)
    log.info(f"Building the site in strict mode into {display(target)}/ ...")
    build(config)
    return Deployed(where=f"{display(target)}/", url=config.site_url or None,
                    notes=_notes(config))


# -- onto a gh-pages branch --------------------------------------------------------------------


def to_gh_pages(config: MkDocsConfig, *, remote: str = "origin", branch: str = GH_PAGES,
                force: bool = False, message: str | None = None,
                no_history: bool = False) -> Deployed:
    """Commit the built site (and `.nojekyll`) on `branch` with ghp-import and push it."""
    project = Path(config.config_file_path).resolve().parent
    options = site_options(config)
    watched = [*options.content_dirs, *options.asset_dirs, *options.template_dirs,
               Path(config.config_file_path)]
    if not force:
        changes = _uncommitted(project, watched)
        if changes:
            shown = "\n".join(f"  {line}" for line in changes[:_SHOWN_CHANGES])
            more = f"\n  ... and {len(changes) - _SHOWN_CHANGES} more" if (
                len(changes) > _SHOWN_CHANGES) else ""
            raise DeployRefused("the content has uncommitted changes, so the published site "
                                "would match no commit:\n"
                                f"{shown}{more}\nCommit them, or use --force to deploy anyway.")
    _require_identity(project)
    if not no_history:
        log.info(f"Fetching '{branch}' from '{remote}' ...")
        _fetch_branch(project, remote, branch)

    with tempfile.TemporaryDirectory(prefix="hugomat-deploy-") as scratch:
        config.site_dir = str(Path(scratch) / "site")
        log.info("Building the site in strict mode ...")
        site = build(config)
        log.info(f"Committing the site to '{branch}' ...")
        sha = _git(project, "rev-parse", "--short", "HEAD").stdout.strip() or "(no commit)"
        text = (message or DEFAULT_MESSAGE).replace("{sha}", sha)
        # ghp-import may first move the branch to the remote's; a new commit is neither.
        before = {_revision(project, f"refs/heads/{branch}"),
                  _revision(project, f"refs/remotes/{remote}/{branch}")}
        # ghp-import works in the current folder's repository; it writes its complaints as
        # bytes to sys.stdout, so they go to a buffer that accepts them.
        with contextlib.chdir(project), contextlib.redirect_stdout(_Discard()):
            try:
                ghp_import.ghp_import(str(site), mesg=text, remote=remote, branch=branch,
                                      push=False, nojekyll=True, no_history=no_history)
            except ghp_import.GhpError as error:
                raise DeployRefused(f"ghp-import could not commit the site: {error.message}") \
                    from None
        after = _revision(project, f"refs/heads/{branch}")
        if after is None or after in before:
            raise DeployRefused(f"git fast-import could not commit the site to '{branch}'")

    log.info(f"Pushing '{branch}' to '{remote}' ...")
    # Without history the new commit does not follow the remote's: it replaces it.
    forced = ["--force"] if no_history else []
    pushed = _git(project, "push", "--quiet", *forced, remote,
                  f"refs/heads/{branch}:refs/heads/{branch}")
    if pushed.returncode:
        raise DeployRefused(f"git push {remote} {branch} failed; the site is committed on the "
                            f"local '{branch}' branch:\n{pushed.stderr.strip()}")
    remote_url = _git(project, "remote", "get-url", remote).stdout.strip()
    url = config.site_url or github_pages_url(remote_url)
    return Deployed(where=f"{remote}/{branch}", url=url, notes=_notes(config))


def github_pages_url(remote_url: str) -> str | None:
    """https://OWNER.github.io/REPO/ for a github.com remote (the bare domain for the
    OWNER.github.io repository itself); None for any other host."""
    match = _GITHUB_REMOTE.search(remote_url.strip())
    if match is None:
        return None
    owner, repo = match["owner"].lower(), match["repo"]
    if repo.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{repo}/"


def _notes(config: MkDocsConfig) -> list[str]:
    if config.site_url:
        return []
    return ["site_url is not set in mkdocs.yml: pages work from any folder, but the 404 page "
            "only works at the top level of the site"]


class _Discard(io.StringIO):
    def write(self, text: str | bytes) -> int:  # type: ignore[override]
        return len(text)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              check=False)
    except FileNotFoundError:
        raise DeployRefused("git is not installed; use --to DIR to write the site into a "
                            "folder") from None


def _toplevel(project: Path) -> Path | None:
    result = _git(project, "rev-parse", "--show-toplevel")
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def _revision(project: Path, ref: str) -> str | None:
    result = _git(project, "rev-parse", "--verify", "--quiet", ref)
    return result.stdout.strip() if result.returncode == 0 else None


def _uncommitted(project: Path, paths: list[Path]) -> list[str]:
    """`git status` lines for changed or new files under `paths`."""
    top = _toplevel(project)
    assert top is not None
    inside = [os.path.relpath(p, project) for p in paths if p.resolve().is_relative_to(
        top.resolve())]
    if not inside:
        return []
    result = _git(project, "status", "--porcelain", "--untracked-files=all", "--", *inside)
    if result.returncode:
        raise DeployRefused(f"git status failed: {result.stderr.strip()}")
    return [line for line in result.stdout.splitlines() if line.strip()]


def _require_identity(project: Path) -> None:
    # ghp-import signs the commit with these, as `git commit` would.
    for key, variable in (("user.name", "GIT_COMMITTER_NAME"),
                          ("user.email", "GIT_COMMITTER_EMAIL")):
        if not (os.environ.get(variable) or _git(project, "config", key).stdout.strip()):
            raise DeployRefused(f"git does not know who is committing: set it with "
                                f"git config {key} ...")


def _fetch_branch(project: Path, remote: str, branch: str) -> None:
    """Bring the remote's branch here first, so the new commit follows the last deploy even
    from a fresh clone or another machine (ghp-import starts from remote/branch)."""
    ref = f"refs/heads/{branch}"
    listed = _git(project, "ls-remote", "--heads", remote, ref)
    if listed.returncode:
        raise DeployRefused(f"cannot reach git remote '{remote}':\n{listed.stderr.strip()}")
    if not any(line.endswith(f"\t{ref}") for line in listed.stdout.splitlines()):
        return  # the first deploy: the branch starts here
    fetched = _git(project, "fetch", "--quiet", remote, f"+{ref}:refs/remotes/{remote}/{branch}")
    if fetched.returncode:
        raise DeployRefused(f"cannot fetch '{branch}' from '{remote}':\n"
                            f"{fetched.stderr.strip()}")
