"""`hugomat eject`: the book as plain Material for MkDocs sources that need no hugomat plugin.

Everything the plugin would hand MkDocs (converted pages, picture variants, static files, the
stylesheet and scripts) is written under DIR/docs, the template overrides under DIR/overrides,
and a mkdocs.yml without the plugin beside them. A book in several languages gets one such
folder per language, DIR/<code>/, whose sites land where `hugomat build` puts them.
"""

from __future__ import annotations

import os
import shutil
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, get_files
from mkdocs.utils.yaml import yaml_load

from hugomat.adapter import out_folder
from hugomat.adapter.compat import generating_as
from hugomat.adapter.failures import ContentBuildError, UsageError
from hugomat.adapter.loading import load
from hugomat.adapter.prepare import log_warnings, prepare
from hugomat.adapter.site_config import TEMPLATES, configure, ejected_nav
from hugomat.adapter.site_files import site_files
from hugomat.adapter.site_options import site_options
from hugomat.errors import ContentError, ContentErrors
from hugomat.markdown import raw_html_fence
from hugomat.site.model import LanguageNotFound, Site
from hugomat.site.model import load as load_site
from hugomat.site.resources import picture_maker

# The hook that gives an ejected book the raw-HTML fences its pages are written with.
RAW_HTML_HOOK = "hooks/hugomat_raw_html.py"


@dataclass
class Ejected:
    folders: list[Path] = field(default_factory=list)
    """Each folder holding a mkdocs.yml, docs/ and overrides/."""
    files: int = 0


def eject(config_file: str | None, out: Path, *, drafts: bool = False,
          force: bool = False) -> Ejected:
    """Write the book into `out`, which must not be a source, nor (unless `force`) a
    non-empty folder that eject did not write. Raises UsageError (UnsafeFolder)."""
    project = out_folder.project_folder(config_file)
    out_folder.refuse_sources(out, out_folder.project_sources(project), option="--out",
                              kind=out_folder.Kind.EJECTED)
    config = load(config_file, drafts=drafts)
    out_folder.refuse_unsafe(out, out_folder.book_sources(config), option="--out",
                             kind=out_folder.Kind.EJECTED, force=force)
    try:
        site = load_site(site_options(config))
        errors = [error for code in site.codes for error in _menu_errors(site.in_language(code))]
    except ContentErrors as failure:
        log_warnings(failure.warnings)
        raise ContentBuildError(failure.errors) from None
    except LanguageNotFound as error:
        raise UsageError(str(error)) from None
    if errors:  # every language's menu, before anything is written
        raise ContentBuildError(errors)
    out.mkdir(parents=True, exist_ok=True)
    out_folder.mark(out, out_folder.Kind.EJECTED)
    result = Ejected()
    if not site.languages:
        _eject_one(config_file, site, out, out / "site", drafts, result)
        return result
    built = out / "site"
    for language in site.languages:
        _eject_one(config_file, site.in_language(language.code), out / language.code,
                   built if language.is_default else built / language.code, drafts, result)
    return result


def _eject_one(config_file: str | None, site: Site, out: Path, site_dir: Path, drafts: bool,
               result: Ejected) -> None:
    """Write one language of `site` as MkDocs sources, configured as its build is."""
    config = load(config_file, drafts=drafts)
    configure(config, site, config.plugins["hugomat"].config)
    generating_as(config, "hugomat")
    pictures = picture_maker(site)
    files = site_files(get_files(config), config, site, prepare(site, pictures), pictures).files
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for file in files:
        _write(file, docs / file.src_uri)
        result.files += 1
    _write_overrides(config, out / "overrides")
    hook = out / RAW_HTML_HOOK
    hook.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(raw_html_fence.__file__, hook)
    text = yaml.dump(_plain_config(config, site, out, site_dir), Dumper=_Dumper,
                     sort_keys=False, allow_unicode=True, width=100)
    (out / "mkdocs.yml").write_text(
        "# Written by `hugomat eject`: plain Material for MkDocs, no hugomat plugin.\n" + text,
        encoding="utf-8")
    result.folders.append(out)


def _menu_errors(site: Site) -> list[ContentError]:
    """The mistakes of the menu of the language `site` is seen from."""
    try:
        site.navigation  # noqa: B018 - made here, kept for configure
    except ContentErrors as failure:
        return failure.errors
    return []


def _write(file: File, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if file.abs_src_path is None:
        target.write_bytes(file.content_bytes)
    else:
        shutil.copyfile(file.abs_src_path, target)


def _write_overrides(config: MkDocsConfig, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(TEMPLATES, target)
    if config.theme.custom_dir:
        # The site's own overrides win over hugomat's, as they do in a hugomat build.
        shutil.copytree(config.theme.custom_dir, target, dirs_exist_ok=True)


def _plain_config(config: MkDocsConfig, site: Site, out: Path,
                  site_dir: Path) -> dict[str, Any]:
    raw = yaml_load(Path(config.config_file_path).read_text(encoding="utf-8")) or {}
    plain: dict[str, Any] = {key: value for key, value in raw.items()
                             if key not in ("docs_dir", "site_dir", "nav", "plugins",
                                            "markdown_extensions", "extra_css",
                                            "extra_javascript", "watch")}
    plain["site_name"] = config.site_name
    if config.site_url:
        plain["site_url"] = config.site_url
    plain["docs_dir"] = "docs"
    plain["site_dir"] = _relative(site_dir, out)
    theme = dict(raw.get("theme") or {"name": "material"})
    theme["custom_dir"] = "overrides"
    theme["language"] = config.theme["language"]
    if config.theme["direction"]:
        theme["direction"] = config.theme["direction"]
    theme["features"] = list(config.theme["features"])
    plain["theme"] = theme
    plain["nav"] = ejected_nav(site)
    plugins = [p for p in (raw.get("plugins") or []) if _plugin_name(p) != "hugomat"]
    plain["plugins"] = plugins
    plain["markdown_extensions"] = [
        {name: _without_raw_fence(config.mdx_configs[name])} if config.mdx_configs.get(name)
        else name for name in config.markdown_extensions]
    plain["hooks"] = [*(raw.get("hooks") or []), RAW_HTML_HOOK]
    plain["extra_css"] = [str(path) for path in config.extra_css]
    scripts = [_script(script) for script in config.extra_javascript]
    if scripts:
        plain["extra_javascript"] = scripts
    extra = dict(raw.get("extra") or {})
    if config.extra.get("alternate"):
        extra["alternate"] = config.extra["alternate"]
    if extra:
        plain["extra"] = extra
    return plain


def _without_raw_fence(options: dict[str, Any]) -> dict[str, Any]:
    """Markdown options without the raw-HTML fence, which the hook adds."""
    fences = options.get("custom_fences")
    if not fences:
        return options
    kept = [f for f in fences if f.get("name") != raw_html_fence.RAW_FENCE]
    return {**options, "custom_fences": kept}


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()


def _plugin_name(entry: Any) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def _script(script: Any) -> Any:
    path = getattr(script, "path", None)
    if path is None:
        return str(script)
    options = {k: v for k, v in (("type", getattr(script, "type", "")),
                                 ("defer", getattr(script, "defer", False)),
                                 ("async", getattr(script, "async_", False))) if v}
    return {"path": path, **options} if options else path


class _Dumper(yaml.SafeDumper):
    """YAML that MkDocs reads back: functions in Markdown options as !!python/name tags."""


def _name_of(dumper: yaml.SafeDumper, function: Any) -> yaml.Node:
    return dumper.represent_scalar(
        f"tag:yaml.org,2002:python/name:{function.__module__}.{function.__qualname__}", "")


_Dumper.add_representer(types.FunctionType, _name_of)
_Dumper.add_representer(types.BuiltinFunctionType, _name_of)
