"""The plugin's options in mkdocs.yml, declared and validated with MkDocs' own config classes."""

from __future__ import annotations

from dataclasses import Field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from hugomat.adapter.compat import config_schema
from hugomat.pictures.settings import option_settings, setting_problem
from hugomat.read import permalinks
from hugomat.render.url_policy import refusal, refused_scheme


class ClosedConfig(Config):
    """Options of which a misspelt name is an error: MkDocs' warning scrolls by, and the book
    is built without the setting its author meant."""

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        failed, warnings = super().validate()
        names = option_names(type(self))
        unknown = [key for key in self.keys() if key not in names]
        if not unknown:
            return failed, warnings
        unknown_errors = [(key, c.ValidationError(unknown_option(names))) for key in unknown]
        return ([*failed, *unknown_errors],
                [(key, warning) for key, warning in warnings if key not in unknown])


def option_names(config_class: type[Config]) -> list[str]:
    return [name for name, _ in config_schema(config_class)]


def unknown_option(names: list[str]) -> str:
    return f"unknown option (the options are: {', '.join(names)})"


class LanguageConfig(ClosedConfig):
    """One language of a multilingual book (Hugo's [languages.xx])."""

    content_dir = c.Type(str)
    label = c.Optional(c.Type(str))
    """The name in the language selector; by default the language code."""
    weight = c.Type(int, default=0)
    direction = c.Choice(("ltr", "rtl"), default="ltr")
    site_name = c.Optional(c.Type(str))
    """The site's title in this language; by default site_name."""
    language_code = c.Optional(c.Type(str))
    """The language's code in `<html lang>` (Hugo's languageCode, `pt-BR`); by default the
    plugin's language_code for the default language, else the language's own code."""


class LinkURL(c.Type[str]):
    """A URL the site links to: http, https, mailto or a path (hugomat.render.url_policy)."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value)
        scheme = refused_scheme(url)
        if scheme is not None:
            raise c.ValidationError(refusal("menu link", url, scheme))
        return url


class Permalinks(c.DictOfItems):
    """Hugo's permalinks: a top-level section -> the URL pattern of its pages."""

    def __init__(self) -> None:
        super().__init__(c.Type(str), default={})

    def run_validation(self, value: object) -> dict:
        patterns = super().run_validation(value)
        for section, pattern in patterns.items():
            wrong = permalinks.problem(section, pattern)
            if wrong is not None:
                raise c.ValidationError(wrong)
        return patterns


class Taxonomies(c.DictOfItems):
    """Hugo's taxonomies: singular -> plural, the front matter key and the folder of its
    pages; an empty map makes no taxonomy pages."""

    def __init__(self) -> None:
        super().__init__(c.Type(str), default={"tag": "tags", "category": "categories"})

    def run_validation(self, value: object) -> dict:
        named = super().run_validation(value)
        for singular, plural in named.items():
            if not plural.strip() or not plural.isprintable() or any(
                    mark in plural for mark in "/\\.") or plural != plural.strip():
                raise c.ValidationError(f"taxonomies.{singular}: '{plural}' is no folder name "
                                        "(expected a plural such as 'tags')")
        return named


class Languages(c.DictOfItems):
    """The languages of a book; no two may share a content folder."""

    def __init__(self) -> None:
        super().__init__(c.SubConfig(LanguageConfig), default={})

    def run_validation(self, value: object) -> dict:
        languages = super().run_validation(value)
        seen: dict[str, str] = {}
        for code, options in languages.items():
            folder = str(options.content_dir).strip("/")
            if folder in seen:
                raise c.ValidationError(f"languages '{seen[folder]}' and '{code}' have the "
                                        f"same content_dir '{options.content_dir}'")
            seen[folder] = code
        return languages


class MenuEntry(ClosedConfig):
    """A link of Hugo's menu.before, menu.after or menu.home."""

    name = c.Type(str)
    url = c.Optional(LinkURL())
    """A URL, opened as it is."""
    page = c.Optional(c.Type(str))
    """A page of the book, found the way relref finds one (Hugo's pageRef)."""
    weight = c.Type(int, default=0)


class PictureSetting(c.BaseConfigOption):
    """One of PictureSettings' settings as an option: its default and the values it accepts
    are declared there, once (hugomat.pictures.settings)."""

    def __init__(self, setting: Field[Any]) -> None:
        super().__init__()
        self.setting = setting.name
        self.default = list(setting.default) if isinstance(setting.default, tuple) else (
            setting.default)

    def run_validation(self, value: object) -> object:
        problem = setting_problem(self.setting, value)
        if problem is not None:
            raise c.ValidationError(problem)
        return value


# The picture pipeline's options (defaults measured in bench/PICTURES.md): whether it runs,
# its settings as PictureSettings declares them, and picture sets.
PicturesConfig = type("PicturesConfig", (ClosedConfig,), {
    "__module__": __name__,
    "__doc__": "The picture pipeline: `enabled`, PictureSettings' options, `path_map`.",
    # False: every picture is copied and drawn as it is, without variants.
    "enabled": c.Type(bool, default=True),
    **{setting.name: PictureSetting(setting) for setting in option_settings()},
    # A folder name in picture paths -> the folder it stands for, or a list of folders of
    # which each visitor gets one, chosen once and remembered (the first without JavaScript).
    "path_map": c.DictOfItems(c.Type((str, list)), default={}),
})


class HugomatConfig(ClosedConfig):
    content_dir = c.Optional(c.Type(str))
    """The Hugo content folder; by default MkDocs' docs_dir."""
    asset_dirs = c.ListOfItems(c.Type(str), default=["assets", "static"])
    """Folders pictures are looked up in, in order (Hugo's assets/ and static/)."""
    book_section = c.Type(str, default="docs")
    """The content folder drawn as the menu; '*' for the whole content folder."""
    strict = c.Type(bool, default=False)
    """Turn content warnings (unknown shortcodes, wrong arguments) into errors."""
    drafts = c.Type(bool, default=False)
    """Build pages whose front matter says draft: true."""
    static_dirs = c.ListOfItems(c.Type(str), default=["static"])
    """Folders copied into the site as they are (Hugo's static/)."""
    cache_dir = c.Type(str, default=".cache/hugomat")
    pictures = c.SubConfig(PicturesConfig)
    prune_navigation_above = c.Type(int, default=150)
    """Above this many pages, Material's navigation.prune is turned on: every page otherwise
    draws the whole menu, which makes building a large book grow faster than its size
    (bench/BUILD-SPEED.md). 0 never prunes."""
    toc = c.Type(bool, default=True)
    """False hides the table of contents on every page (hugo-book's BookToC = false)."""
    edit_link = c.Optional(c.Type(str))
    """An edit link per page; {path} is the page's file under the site, e.g. content/docs/x.md."""
    menu_before = c.ListOfItems(c.SubConfig(MenuEntry), default=[])
    """Links above the book's tree in the navigation."""
    menu_after = c.ListOfItems(c.SubConfig(MenuEntry), default=[])
    """Links below the book's tree in the navigation."""
    menu_home = c.ListOfItems(c.SubConfig(MenuEntry), default=[])
    """Links in the header of a `layout: landing` page."""
    languages = Languages()
    """Language code -> its content folder and label; empty for a book in one language."""
    default_language = c.Optional(c.Type(str))
    """The language built at the site's root; by default the lightest (then first) one."""
    language_code = c.Optional(c.Type(str))
    """The site's code in `<html lang>` (Hugo's languageCode, `en-us`), that of the default
    language when several; Material's interface strings stay those of a language it has."""
    permalinks = Permalinks()
    """Hugo's permalinks: {posts: /:year/:month/:slug/} puts the pages of content/posts/ at
    such URLs (tokens :year :month :day :section :sections :title :slug :filename ...)."""
    lowercase_urls = c.Type(bool, default=False)
    """Page URLs in lower case, as Hugo makes them (unless its disablePathToLower is set)."""
    remove_path_accents = c.Type(bool, default=False)
    """Page URLs without accents (café.md at cafe/), as Hugo's removePathAccents."""
    emoji = c.Type(bool, default=False)
    """Hugo's enableEmoji: emoji codes (`:smile:`) in pages are drawn as emoji."""
    default_language_in_subdir = c.Type(bool, default=False)
    """The default language under /<code>/ too, the site's root sending readers there
    (Hugo's defaultContentLanguageInSubdir)."""
    taxonomies = Taxonomies()
    """Hugo's taxonomies (by default tags and categories): a page of each one's terms and a
    page per term; {} for none."""
    taxonomy_kinds_off = c.ListOfItems(c.Choice(("taxonomy", "term")), default=[])
    """Hugo's disableKinds for these pages: `taxonomy` makes no page of a taxonomy's terms
    (/tags/), `term` no page per term (/tags/x/)."""

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        failed, warnings = super().validate()
        default, languages = self.get("default_language"), self.get("languages")
        if not failed and default is not None and languages and default not in languages:
            failed.append(("default_language", c.ValidationError(
                f"'{default}' is not one of the languages: {', '.join(languages)}")))
        return failed, warnings


# -- one located line for a wrong option -------------------------------------------------------

PLUGIN = "hugomat"
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


def options_problem(config_file: str | None) -> str | None:
    """The first wrong option under the plugin's entry, as `mkdocs.yml:line:col: option 'x'
    (in hugomat > pictures): message`, or None. The options are validated by the classes above,
    as MkDocs validates them; only the place is found here, in the file's YAML nodes. A file
    that INHERITs, or writes the options with MkDocs' own tags (!ENV), is left to MkDocs."""
    names = CONFIG_NAMES if config_file is None else (config_file,)
    path = next((Path(name) for name in names if Path(name).is_file()), None)
    if path is None:
        return None
    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
        entry = _plugin_entry(root)
        if entry is None:
            return None
        if not isinstance(entry, yaml.MappingNode):
            if isinstance(entry, yaml.ScalarNode) and entry.tag.endswith(":null"):
                return None  # `- hugomat:` with nothing after it: every default
            mark = entry.start_mark
            return (f"{path}:{mark.line + 1}:{mark.column + 1}: the {PLUGIN} plugin's options "
                    "are written as `key: value` settings under it")
        options = yaml.SafeLoader("").construct_document(entry)
    except (OSError, UnicodeError, yaml.YAMLError):
        return None  # said by config_file_problem, or by MkDocs
    if not isinstance(options, dict):
        return None
    options = {k: v for k, v in options.items() if k != "enabled"}  # MkDocs' own, for any plugin
    found = _first_problem(HugomatConfig, options, str(path))
    if found is None:
        return None
    keys, message, at_key = found
    node = _node_at(entry, keys, at_key)
    where = f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
    section = " > ".join((PLUGIN, *keys[:-1]))
    return f"{where}: option '{keys[-1]}' (in {section}): {message}"


def _plugin_entry(root: yaml.Node | None) -> yaml.Node | None:
    """The node written after the plugin's name in `plugins:` (a list of names and one-key
    maps, or a map), or None when it is named without options or not at all."""
    if not isinstance(root, yaml.MappingNode):
        return None
    top = {key.value: value for key, value in root.value if isinstance(key, yaml.ScalarNode)}
    if "INHERIT" in top:
        return None
    plugins = top.get("plugins")
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    if isinstance(plugins, yaml.MappingNode):
        pairs = list(plugins.value)
    elif isinstance(plugins, yaml.SequenceNode):
        pairs = [pair for item in plugins.value if isinstance(item, yaml.MappingNode)
                 for pair in item.value]
    return next((value for key, value in pairs
                 if isinstance(key, yaml.ScalarNode) and key.value == PLUGIN), None)


def _first_problem(config_class: type[Config], options: dict[str, Any], config_path: str,
                   keys: tuple[str, ...] = ()) -> tuple[tuple[str, ...], str, bool] | None:
    """(the keys down to the wrong option, what is wrong, whether the key itself is) of the
    first wrong option, looking into sub-sections for the deepest one."""
    config = config_class(config_file_path=config_path)
    config.load_dict(dict(options))
    failed, _ = config.validate()
    if not failed:
        return None
    key, error = failed[0]
    option = dict(config_schema(config_class)).get(key)
    if option is None:
        return (*keys, key), str(error), True
    if isinstance(option, c.SubConfig) and isinstance(options.get(key), dict):
        deeper = _first_problem(option.config_class, options[key], config_path, (*keys, key))
        if deeper is not None:
            return deeper
    return (*keys, key), str(error), False


def _node_at(entry: yaml.Node, keys: tuple[str, ...], at_key: bool) -> yaml.Node:
    """The node of the option `keys` (its key's node when `at_key`), or the deepest one found."""
    node = entry
    for index, key in enumerate(keys):
        if not isinstance(node, yaml.MappingNode):
            break
        pair = next(((k, v) for k, v in node.value
                     if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if pair is None:
            break
        last = index == len(keys) - 1
        node = pair[0] if last and at_key else pair[1]
    return node
