"""The `hugomat` command: build and serve a hugo-book site with Material for MkDocs."""

from __future__ import annotations

import os
import sys

import click

from hugomat import __version__

CONFIG_HELP = "The site's mkdocs.yml (default: ./mkdocs.yml)."

# What every command exits with; the README lists them.
EXIT_CONTENT = 1  # mistakes in the book, printed as path:line:col: message
EXIT_USAGE = 2  # a wrong flag or command, an unusable mkdocs.yml
EXIT_ENVIRONMENT = 3  # git, the network or the file system stood in the way
EXIT_INTERRUPTED = 130  # Ctrl-C, SIGTERM, SIGHUP (128 + SIGINT, as shells report it)

# Other spellings of commands, for hands used to MkDocs or Hugo.
COMMAND_ALIASES = {"server": "serve"}


def _config_option(function):
    return click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False),
                        default=None, help=CONFIG_HELP)(function)


def _fail(code: int, message: str | None = None) -> None:
    if message:
        click.echo(message, err=True)
    sys.exit(code)


class _Commands(click.Group):
    """Every command: what the system refuses (a full disk, a folder removed meanwhile) is
    said in a line, exit 3, never a traceback; a build's staging folder keeps the last site.
    An interruption exits 130, not click's "Aborted!" and 1."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, COMMAND_ALIASES.get(cmd_name, cmd_name))

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OSError as error:
            where = f": {error.filename}" if error.filename else ""
            _fail(EXIT_ENVIRONMENT, f"error: {error.strerror or error}{where}")
        except KeyboardInterrupt:
            _fail(EXIT_INTERRUPTED, "interrupted")
        return None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hugomat")
def main() -> None:
    """Publish a book written for Hugo's hugo-book theme as a Material for MkDocs site.

    Exit codes: 0 success, 1 content errors (printed as path:line:col: message),
    2 usage or configuration errors, 3 environment (git, network, file system),
    130 interrupted.
    """


def _strict_option(function):
    return click.option("-s", "--strict", is_flag=True, help="Treat warnings (unknown "
                        "shortcodes, bad links) as errors.")(function)


def _drafts_option(function):
    return click.option("-D", "--drafts", "--buildDrafts", "drafts", is_flag=True,
                        help="Also build pages marked draft: true.")(function)


def _base_url_option(function):
    return click.option("-b", "--base-url", "--baseURL", "site_url", metavar="URL",
                        default=None, help="The site's address (site_url of mkdocs.yml), "
                        "e.g. https://example.org/book/.")(function)


@main.command()
@_config_option
@_strict_option
@click.option("--clear-cache", is_flag=True, help="Discard the caches (picture variants, "
              "converted pages) and make them again.")
@click.option("-c", "--clean", "old_clean", is_flag=True, hidden=True)
@click.option("--dirty", is_flag=True, help="Accepted as in MkDocs; every build already "
              "reuses what did not change (converted pages, picture variants).")
@_drafts_option
@_base_url_option
@click.option("-d", "--site-dir", "--destination", "site_dir", type=click.Path(file_okay=False),
              default=None, help="Where to write the site (default: site_dir of mkdocs.yml, "
              "./site).")
@click.option("--force", is_flag=True, help="Replace the site folder even when it is not "
              "empty and does not look like a site hugomat built.")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print MkDocs' debug messages too.")
def build(config_file: str | None, strict: bool, clear_cache: bool, old_clean: bool,
          dirty: bool, drafts: bool, site_url: str | None, site_dir: str | None, force: bool,
          quiet: bool, verbose: bool) -> None:
    """Build the site into site/.

    The site is rendered into a temporary folder beside site/ and put in place only when the
    build succeeds, so a failed build leaves the previous site/ as it was and no stale file
    behind. The site folder is never the project or one of its sources, nor (unless --force)
    a folder of other files.
    """
    from pathlib import Path

    from hugomat.adapter import build as builder
    from hugomat.adapter import logs, out_folder

    del dirty  # what it asks for is what every build does
    logs.setup(verbose=verbose, quiet=quiet)
    if old_clean:
        click.echo("warning: --clean is now --clear-cache; it still discards the caches in "
                   "this release, and will then mean what it means in MkDocs (stale files "
                   "are always removed: the site is replaced whole)", err=True)
    try:
        if site_dir is not None:
            out_folder.refuse_sources(Path(site_dir), out_folder.project_sources(
                out_folder.project_folder(config_file)), option="-d",
                kind=out_folder.Kind.SITE)
        config = builder.load(config_file, strict=strict, drafts=drafts, site_dir=site_dir,
                              site_url=site_url)
        out_folder.refuse_unsafe(Path(site_dir or config.site_dir), out_folder.book_sources(
            config), option="-d" if site_dir else "site_dir", kind=out_folder.Kind.SITE,
            force=force)
        site = builder.build(config, clean_cache=clear_cache or old_clean)
    except builder.UsageError as error:
        _fail(EXIT_USAGE, f"error: {error}")
    except builder.BuildFailed:
        _fail(EXIT_CONTENT)
    except KeyboardInterrupt:
        _fail(EXIT_INTERRUPTED, "interrupted; the previous site is unchanged")
    if not quiet:
        click.echo(f"Site written to {os.path.relpath(site)}/", err=True)


@main.command()
@_config_option
@click.option("-a", "--dev-addr", metavar="IP:PORT", default=None,
              help="Address to serve on (default: 127.0.0.1:8000).")
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=None,
              help="Port to serve on, as in Hugo (default: 8000).")
@click.option("--bind", metavar="IP", default=None,
              help="Interface to serve on, as in Hugo (default: 127.0.0.1).")
@click.option("-o", "--open", "open_browser", is_flag=True,
              help="Open the site in the default browser once it is served.")
@click.option("-w", "--watch", "watch", multiple=True, type=click.Path(exists=True),
              help="Also rebuild when this file or folder changes (repeatable).")
@click.option("--no-livereload", is_flag=True, help="Neither watch for changes nor reload "
              "pages: serve the site as first built.")
@click.option("--livereload", "livereload_flag", is_flag=True, hidden=True)
@click.option("--dirty", is_flag=True, help="Accepted as in MkDocs; a change always "
              "rebuilds only what it affects.")
@_strict_option
@_drafts_option
@click.option("-v", "--verbose", is_flag=True, help="Print MkDocs' debug messages too.")
def serve(config_file: str | None, dev_addr: str | None, port: int | None, bind: str | None,
          open_browser: bool, watch: tuple[str, ...], no_livereload: bool,
          livereload_flag: bool, dirty: bool, strict: bool, drafts: bool,
          verbose: bool) -> None:
    """Preview the site with live reload (also: hugomat server).

    Rebuilds when anything under the content folder, the picture folders, mkdocs.yml or the
    template overrides changes. When a change breaks the build, the last good site stays up
    with the error shown over it and in the terminal, and the next good change brings it
    back. Stops on Ctrl-C, SIGTERM or SIGHUP, leaving no temporary folder behind.
    """
    from hugomat.adapter import build as builder
    from hugomat.adapter import logs
    from hugomat.adapter.serve import serve as run_server

    del dirty, livereload_flag  # what they ask for is what serve does
    if dev_addr is not None and (port is not None or bind is not None):
        _fail(EXIT_USAGE, "error: give either --dev-addr or --bind/--port, not both")
    if dev_addr is None and (port is not None or bind is not None):
        host = bind or "127.0.0.1"
        dev_addr = f"[{host}]:{port or 8000}" if ":" in host else f"{host}:{port or 8000}"
    logs.setup(verbose=verbose)
    try:
        run_server(config_file, dev_addr=dev_addr, strict=strict, drafts=drafts,
                   open_browser=open_browser, watch=watch, livereload=not no_livereload)
    except builder.UsageError as error:
        _fail(EXIT_USAGE, f"error: {error}")


@main.command("import")
@click.argument("hugo_site", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--out", type=click.Path(file_okay=False), default=".",
              help="Folder to write mkdocs.yml into (default: the current folder).")
@click.option("--force", is_flag=True, help="Overwrite an existing mkdocs.yml.")
def import_(hugo_site: str, out: str, force: bool) -> None:
    """Write a ready mkdocs.yml for an existing hugo-book site, and nothing else.

    Reads HUGO_SITE's hugo.toml / hugo.yaml / hugo.json (or config.*). What cannot be carried
    over is listed as comments in the file and printed. Then `hugomat build` in OUT builds the
    Hugo site as it stands, without writing into it.
    """
    from pathlib import Path

    from hugomat.errors import ContentError, ContentErrors
    from hugomat.importer import import_site
    from hugomat.read import hugo_config

    if hugo_config.find(Path(hugo_site)) is None:
        _fail(EXIT_USAGE, f"error: {hugo_site} is not a Hugo site: it has none of "
              f"{', '.join(hugo_config.CONFIG_NAMES)}")
    out_dir = Path(out).resolve()
    target = out_dir / "mkdocs.yml"
    if target.exists() and not force:
        _fail(EXIT_USAGE, f"error: {target} exists; use --force to overwrite it")
    try:
        imported = import_site(Path(hugo_site).resolve(), out_dir)
    except ContentError as error:  # the Hugo configuration is configuration: exit 2
        _fail(EXIT_USAGE, str(error))
    except ContentErrors as errors:
        _fail(EXIT_USAGE, "\n".join(str(error) for error in errors.errors))
    out_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(imported.yaml_text(Path(hugo_site).resolve()), encoding="utf-8")
    for line in imported.inferred:
        click.echo(f"inferred: {line}", err=True)
    for line in imported.layouts:
        click.echo(f"layouts: {line}", err=True)
    for note in imported.notes:
        click.echo(f"not carried over: {note}", err=True)
    click.echo(f"Wrote {os.path.relpath(target)}; build it with: hugomat build -f "
               f"{os.path.relpath(target)}", err=True)


@main.command()
@_config_option
@click.option("-o", "--out", type=click.Path(file_okay=False), required=True,
              help="Folder to write the plain MkDocs sources into.")
@click.option("--drafts", is_flag=True, help="Also write pages marked draft: true.")
@click.option("--force", is_flag=True, help="Write into OUT even when it is not empty and "
              "does not look like a book hugomat ejected.")
def eject(config_file: str | None, out: str, drafts: bool, force: bool) -> None:
    """Write the book as plain Material for MkDocs sources, with no hugomat plugin.

    OUT gets mkdocs.yml, docs/ (converted pages, picture variants, static files, stylesheet)
    and overrides/ (the template overrides); stock `mkdocs build -f OUT/mkdocs.yml` builds the
    same site. A book in several languages gets one such folder per language, OUT/<code>/.
    """
    from pathlib import Path

    from hugomat.adapter import build as builder
    from hugomat.adapter import logs
    from hugomat.adapter.eject import eject as run_eject
    from hugomat.adapter.failures import ContentBuildError

    logs.setup(quiet=True)
    try:
        ejected = run_eject(config_file, Path(out), drafts=drafts, force=force)
    except builder.UsageError as error:
        _fail(EXIT_USAGE, f"error: {error}")
    except ContentBuildError as error:
        _fail(EXIT_CONTENT, str(error))
    for folder in ejected.folders:
        click.echo(f"Wrote {folder / 'mkdocs.yml'}; build it with: mkdocs build -f "
                   f"{folder / 'mkdocs.yml'}", err=True)


@main.command()
@_config_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one `path:line:col: message` per line; json: an "
              "array of {path, line, column, severity, message} for editors and CI.")
@click.option("-s", "--strict", is_flag=True, help="Warnings (unknown shortcodes, wrong "
              "shortcode arguments, links to nothing) fail the check too, as they fail "
              "build --strict.")
@_drafts_option
def check(config_file: str | None, output_format: str, strict: bool, drafts: bool) -> None:
    """Check the whole book without building it, and report every problem at once.

    Front matter, shortcodes, relref targets, links between pages and their #anchors,
    pictures, pages sharing a URL; pages without a title are noted. Links to other sites are
    not followed. Exits 1 when there are errors (or, with --strict, warnings).
    """
    import json

    from hugomat import check as checker
    from hugomat.adapter import build as builder
    from hugomat.adapter import logs
    from hugomat.adapter.site_options import site_options
    from hugomat.site.model import LanguageNotFound

    logs.setup(quiet=True)
    try:
        options = site_options(builder.load(config_file, strict=strict, drafts=drafts))
        report = checker.check(options)
    except (builder.UsageError, LanguageNotFound) as error:
        _fail(EXIT_USAGE, f"error: {error}")
    if output_format == "json":
        click.echo(json.dumps([f.as_dict() for f in report.findings], indent=2,
                              ensure_ascii=False))
    else:
        for finding in report.findings:
            click.echo(str(finding))
        click.echo(report.summary(), err=True)
    if report.failed(strict=options.strict):
        _fail(EXIT_CONTENT)


_MESSAGE_HELP = "Commit message on the branch; {sha} is the source commit."


@main.command()
@_config_option
@click.option("--to", "destination", metavar="gh-pages|DIR", default=None,
              help="gh-pages: commit the site to a branch and push it (the default when the "
              "repository has a remote). Anything else is a folder the site replaces "
              "atomically, e.g. a web server's document root.")
@click.option("--remote", default="origin", show_default=True,
              help="The git remote to push the branch to.")
@click.option("--branch", default="gh-pages", show_default=True,
              help="The branch that holds the built site.")
@click.option("--force", is_flag=True, help="Deploy even when the content has uncommitted "
              "changes, or into a folder that does not look like a built site.")
@click.option("--no-history", is_flag=True, help="gh-pages only: replace the branch with one "
              "commit of the site (force-pushed) instead of adding a commit.")
@click.option("-m", "--message", default=None, help=_MESSAGE_HELP)
def deploy(config_file: str | None, destination: str | None, remote: str, branch: str,
           force: bool, no_history: bool, message: str | None) -> None:
    """Build the site in strict mode, then publish it.

    To a gh-pages branch pushed to a git remote (a commit per deploy, history kept), or into
    a folder, swapped in whole so that nobody is ever served half a site.
    """
    _deploy(config_file, destination, remote=remote, branch=branch, force=force,
            no_history=no_history, message=message)


@main.command("gh-deploy")
@_config_option
@click.option("-r", "--remote-name", "remote", default="origin", show_default=True,
              help="The git remote to push the branch to.")
@click.option("-b", "--remote-branch", "branch", default="gh-pages", show_default=True,
              help="The branch that holds the built site.")
@click.option("--force", is_flag=True, help="Deploy even when the content has uncommitted "
              "changes.")
@click.option("--no-history", is_flag=True, help="Replace the branch with one commit of the "
              "site (force-pushed) instead of adding a commit.")
@click.option("-m", "--message", default=None, help=_MESSAGE_HELP)
def gh_deploy(config_file: str | None, remote: str, branch: str, force: bool,
              no_history: bool, message: str | None) -> None:
    """Build strictly, commit the site to the gh-pages branch and push it: `hugomat deploy
    --to gh-pages`, under MkDocs' name."""
    _deploy(config_file, "gh-pages", remote=remote, branch=branch, force=force,
            no_history=no_history, message=message)


def _deploy(config_file: str | None, destination: str | None, *, remote: str, branch: str,
            force: bool, no_history: bool, message: str | None) -> None:
    from hugomat.adapter import build as builder
    from hugomat.adapter import deploy as deployer
    from hugomat.adapter import logs

    # Its own lines say what it is doing; the build's say what it found.
    logs.setup()
    if no_history and destination not in (None, deployer.GH_PAGES):
        _fail(EXIT_USAGE, "error: --no-history is for --to gh-pages, not a folder")
    try:
        done = deployer.deploy(config_file, to=destination, remote=remote, branch=branch,
                               force=force, message=message, no_history=no_history)
    except builder.UsageError as error:
        _fail(EXIT_USAGE, f"error: {error}")
    except builder.BuildFailed:
        _fail(EXIT_CONTENT)
    except deployer.DeployRefused as error:
        _fail(EXIT_ENVIRONMENT, f"error: {error}")
    except KeyboardInterrupt:
        _fail(EXIT_INTERRUPTED, "interrupted; nothing was published")
    click.echo(f"Published to {done.where}", err=True)
    if done.url:
        click.echo(f"The site is at {done.url}", err=True)
    for note in done.notes:
        click.echo(f"note: {note}", err=True)


class _NewCommands(click.Group):
    """`new content` is `new chapter` under Hugo's name."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, "chapter" if cmd_name == "content" else cmd_name)


@main.group(cls=_NewCommands)
def new() -> None:
    """Start a book (new site DIR) or a chapter in one (new chapter PATH)."""


@new.command("site")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Add the book to a folder that is not empty "
              "(no file in it is overwritten).")
def new_site(folder: str, force: bool) -> None:
    """Write a small book into FOLDER that builds at once.

    mkdocs.yml, a home page, a first chapter with a banner (assets/), static/, .gitignore and
    a GitHub Pages workflow (.github/workflows/pages.yml) that checks, builds with the picture
    cache kept between runs, and publishes.
    """
    from pathlib import Path

    from hugomat.scaffold import ScaffoldRefused
    from hugomat.scaffold.site import new_site as write_site
    from hugomat.scaffold.workflow import AUTHORS_HUGOMAT, WORKFLOW_PATH

    try:
        made = write_site(Path(folder), force=force)
    except ScaffoldRefused as error:
        _fail(EXIT_USAGE, f"error: {error}")
    shown = os.path.relpath(made.folder)
    click.echo(f"Wrote a new book into {shown}/. Next:\n  cd {shown}\n  hugomat serve"
               "      # preview it at http://127.0.0.1:8000/\n"
               "  hugomat new chapter docs/second-chapter.md\n"
               f"Its GitHub Pages workflow installs {AUTHORS_HUGOMAT} (the HUGOMAT setting in "
               f"{WORKFLOW_PATH}); any pip requirement may go there.", err=True)


@new.command("chapter")
@_config_option
@click.argument("path")
@click.option("-k", "--kind", default=None, help="The archetype to use (archetypes/KIND.md), "
              "as in Hugo; by default the one named after the page's section, then "
              "archetypes/default.md.")
def new_chapter(config_file: str | None, path: str, kind: str | None) -> None:
    """Write a new page PATH in the content folder (also: new content PATH).

    PATH is relative to the content folder, e.g. docs/my-chapter.md. The page is made from
    the site's archetypes/ when it has one, run as the Go template it is, as `hugo new
    content` does; otherwise it gets a title (from the file name), a weight that puts it
    last, and today's date.
    """
    from hugomat.adapter import build as builder
    from hugomat.adapter import logs
    from hugomat.adapter.site_options import site_options
    from hugomat.errors import ContentError
    from hugomat.read.source import display
    from hugomat.scaffold import ScaffoldRefused
    from hugomat.scaffold.chapter import new_chapter as write_chapter

    logs.setup(quiet=True)
    try:
        config = builder.load(config_file)
    except builder.UsageError as error:
        _fail(EXIT_USAGE, f"error: {error}")
    content = site_options(config).content_dir
    try:
        made = write_chapter(content, content.parent / "archetypes", path, kind=kind,
                             display=display,
                             site={"Title": config.site_name, "BaseURL": config.site_url or "",
                                   "Params": {}})
    except ScaffoldRefused as error:
        _fail(EXIT_USAGE, f"error: {error}")
    except ContentError as error:
        _fail(EXIT_CONTENT, str(error))
    for note in made.notes:
        click.echo(f"note: {note}", err=True)
    made_from = f" from {display(made.archetype)}" if made.archetype else ""
    click.echo(f"Wrote {display(made.path)}{made_from}", err=True)


if __name__ == "__main__":
    main()
