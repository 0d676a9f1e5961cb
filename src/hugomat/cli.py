"""The `hugomat` command: build and serve a hugo-book site with Material for MkDocs."""

from __future__ import annotations

import os
import sys

import click

from hugomat import __version__

CONFIG_HELP = "The site's mkdocs.yml (default: ./mkdocs.yml)."


def _config_option(function):
    return click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False),
                        default=None, help=CONFIG_HELP)(function)


def _fail(code: int, message: str | None = None) -> None:
    if message:
        click.echo(message, err=True)
    sys.exit(code)


class _Commands(click.Group):
    """Every command: what the system refuses (a full disk, a folder removed meanwhile) is
    said in a line, exit 1, never a traceback; a build's staging folder keeps the last site."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OSError as error:
            where = f": {error.filename}" if error.filename else ""
            _fail(1, f"error: {error.strerror or error}{where}")
        return None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hugomat")
def main() -> None:
    """Publish a book written for Hugo's hugo-book theme as a Material for MkDocs site.

    Exit codes: 0 success, 1 content errors (printed as path:line:col: message),
    2 usage errors.
    """


@main.command()
@_config_option
@click.option("--strict", is_flag=True, help="Treat warnings (unknown shortcodes, bad links) "
              "as errors.")
@click.option("--clean", is_flag=True, help="Discard the caches (picture variants, converted "
              "pages) and make them again.")
@click.option("--drafts", is_flag=True, help="Also build pages marked draft: true.")
@click.option("-d", "--site-dir", type=click.Path(file_okay=False), default=None,
              help="Where to write the site (default: site_dir of mkdocs.yml, ./site).")
@click.option("--force", is_flag=True, help="Replace the site folder even when it is not "
              "empty and does not look like a site hugomat built.")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print MkDocs' debug messages too.")
def build(config_file: str | None, strict: bool, clean: bool, drafts: bool,
          site_dir: str | None, force: bool, quiet: bool, verbose: bool) -> None:
    """Build the site into site/.

    The site is rendered into a temporary folder beside site/ and put in place only when the
    build succeeds, so a failed build leaves the previous site/ as it was. The site folder is
    never the project or one of its sources, nor (unless --force) a folder of other files.
    """
    from pathlib import Path

    from hugomat.adapter import build as builder
    from hugomat.adapter import logs, out_folder

    logs.setup(verbose=verbose, quiet=quiet)
    try:
        if site_dir is not None:
            out_folder.refuse_sources(Path(site_dir), out_folder.project_sources(
                out_folder.project_folder(config_file)), option="-d",
                kind=out_folder.Kind.SITE)
        config = builder.load(config_file, strict=strict, drafts=drafts, site_dir=site_dir)
        out_folder.refuse_unsafe(Path(site_dir or config.site_dir), out_folder.book_sources(
            config), option="-d" if site_dir else "site_dir", kind=out_folder.Kind.SITE,
            force=force)
        site = builder.build(config, clean_cache=clean)
    except builder.UsageError as error:
        _fail(2, f"error: {error}")
    except builder.BuildFailed:
        _fail(1)
    except KeyboardInterrupt:
        _fail(130, "interrupted; the previous site is unchanged")
    if not quiet:
        click.echo(f"Site written to {os.path.relpath(site)}/", err=True)


@main.command()
@_config_option
@click.option("-a", "--dev-addr", metavar="IP:PORT", default=None,
              help="Address to serve on (default: 127.0.0.1:8000).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--drafts", is_flag=True, help="Also show pages marked draft: true.")
@click.option("-v", "--verbose", is_flag=True, help="Print MkDocs' debug messages too.")
def serve(config_file: str | None, dev_addr: str | None, strict: bool, drafts: bool,
          verbose: bool) -> None:
    """Preview the site with live reload.

    Rebuilds when anything under the content folder, the picture folders, mkdocs.yml or the
    template overrides changes. When a change breaks the build, the last good site stays up
    with the error shown over it, and the next good change brings it back.
    """
    from hugomat.adapter import build as builder
    from hugomat.adapter import logs
    from hugomat.adapter.serve import serve as run_server

    logs.setup(verbose=verbose)
    try:
        run_server(config_file, dev_addr=dev_addr, strict=strict, drafts=drafts)
    except builder.UsageError as error:
        _fail(2, f"error: {error}")


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

    out_dir = Path(out).resolve()
    target = out_dir / "mkdocs.yml"
    if target.exists() and not force:
        _fail(2, f"error: {target} exists; use --force to overwrite it")
    try:
        imported = import_site(Path(hugo_site).resolve(), out_dir)
    except ContentError as error:
        _fail(1, str(error))
    except ContentErrors as errors:
        _fail(1, "\n".join(str(error) for error in errors.errors))
    out_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(imported.yaml_text(Path(hugo_site).resolve()), encoding="utf-8")
    for line in imported.inferred:
        click.echo(f"inferred: {line}", err=True)
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
    from hugomat.adapter.plugin import ContentBuildError

    logs.setup(quiet=True)
    try:
        ejected = run_eject(config_file, Path(out), drafts=drafts, force=force)
    except builder.UsageError as error:
        _fail(2, f"error: {error}")
    except ContentBuildError as error:
        _fail(1, str(error))
    for folder in ejected.folders:
        click.echo(f"Wrote {folder / 'mkdocs.yml'}; build it with: mkdocs build -f "
                   f"{folder / 'mkdocs.yml'}", err=True)


@main.command()
@_config_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one `path:line:col: message` per line; json: an "
              "array of {path, line, column, severity, message} for editors and CI.")
@click.option("--strict", is_flag=True, help="Warnings (unknown shortcodes, wrong shortcode "
              "arguments, pages without a title) fail the check too.")
@click.option("--drafts", is_flag=True, help="Also check pages marked draft: true.")
def check(config_file: str | None, output_format: str, strict: bool, drafts: bool) -> None:
    """Check the whole book without building it, and report every problem at once.

    Front matter, shortcodes, relref targets, links between pages and their #anchors,
    pictures, pages sharing a URL, pages without a title. Links to other sites are not
    followed. Exits 1 when there are errors (or, with --strict, warnings).
    """
    import json
    from dataclasses import replace

    from hugomat import check as checker
    from hugomat.adapter import build as builder
    from hugomat.adapter import logs

    logs.setup(quiet=True)
    try:
        config = builder.load(config_file, strict=strict, drafts=drafts)
    except builder.UsageError as error:
        _fail(2, f"error: {error}")
    plugin = config.plugins["hugomat"]
    source = plugin.source_for(config)
    # A multilingual book: every language's content folder, each its own book.
    sources = [replace(source, content_dir=d) for d in plugin.other_content_dirs(config)] or [
        source]
    report = checker.check(sources, static_dirs=plugin.static_dirs(config),
                           copied_dirs=plugin.copied_dirs(config),
                           directory_urls=config.use_directory_urls,
                           cache=plugin.conversion_cache(config))
    if output_format == "json":
        click.echo(json.dumps([f.as_dict() for f in report.findings], indent=2,
                              ensure_ascii=False))
    else:
        for finding in report.findings:
            click.echo(str(finding))
        click.echo(report.summary(), err=True)
    if report.failed(strict=plugin.config.strict):
        _fail(1)


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
@click.option("-m", "--message", default=None,
              help="Commit message on the branch; {sha} is the source commit.")
def deploy(config_file: str | None, destination: str | None, remote: str, branch: str,
           force: bool, message: str | None) -> None:
    """Build the site in strict mode, then publish it.

    To a gh-pages branch pushed to a git remote (a commit per deploy, history kept), or into
    a folder, swapped in whole so that nobody is ever served half a site.
    """
    from hugomat.adapter import build as builder
    from hugomat.adapter import deploy as deployer
    from hugomat.adapter import logs

    logs.setup(quiet=True)
    try:
        done = deployer.deploy(config_file, to=destination, remote=remote, branch=branch,
                               force=force, message=message)
    except builder.UsageError as error:
        _fail(2, f"error: {error}")
    except builder.BuildFailed:
        _fail(1)
    except deployer.DeployRefused as error:
        _fail(1, f"error: {error}")
    except KeyboardInterrupt:
        _fail(130, "interrupted; nothing was published")
    click.echo(f"Published to {done.where}", err=True)
    if done.url:
        click.echo(f"The site is at {done.url}", err=True)
    for note in done.notes:
        click.echo(f"note: {note}", err=True)


if __name__ == "__main__":
    main()
