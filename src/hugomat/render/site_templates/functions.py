"""The Hugo functions that need the site (hugomat.gotemplate leaves them to its caller):
markdownify, relref, readFile, resources.Get, partial, i18n, highlight, the URL helpers,
emojify, getenv, warnf and errorf."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from hugomat.gotemplate import (
    CallContext,
    FunctionError,
    SafeHTML,
    read_inside,
    resolve_inside,
)
from hugomat.gotemplate.values import sprintf
from hugomat.read.book import Book, page_url, relative_url
from hugomat.render.renderers import page_links
from hugomat.render.site_templates.hugo_context import (
    PageInfo,
    Resource,
    Resources,
    ShortcodeInfo,
    source_page,
)
from hugomat.render.site_templates.markdown_html import markdown_html

if TYPE_CHECKING:
    from hugomat.render.site_templates.catalog import SiteTemplates

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:|//")
_EMOJI = re.compile(r":[A-Za-z0-9_+\-]+:")


def _page_of(value: Any) -> PageInfo | None:
    if isinstance(value, ShortcodeInfo):
        return value.Page
    return value if isinstance(value, PageInfo) else None


def _emoji_table() -> dict[str, str]:
    from pymdownx import gemoji_db

    return {name: "".join(chr(int(code, 16)) for code in entry["unicode"].split("-"))
            for name, entry in gemoji_db.emoji.items()}


def site_functions(site: SiteTemplates) -> tuple[dict[str, Callable[..., Any]],
                                                  dict[str, Callable[..., Any]]]:
    """(functions, context functions) to register in the site's Environment."""
    emoji: dict[str, str] = {}

    def markdownify(text: Any) -> SafeHTML:
        return SafeHTML(markdown_html(str(text if text is not None else "")))

    def emojify(text: Any) -> SafeHTML:
        if not emoji:
            emoji.update(_emoji_table())
        return SafeHTML(_EMOJI.sub(lambda m: emoji.get(m.group(), m.group()), str(text)))

    def relref(call: CallContext, where: Any, target: Any) -> str:
        ctx = site.current_ctx()
        page = _page_of(where)
        ref, output_format, language = _ref_arguments(call, target)
        path, _, anchor = ref.strip().partition("#")
        here = source_page(page) if page is not None else ctx.page
        book = _language_book(call, ctx.book, language)
        if book is not ctx.book:  # a translation: looked up in that language's content
            here, path = None, path or "/"
        found = book.find(path, here) if path else ctx.page
        if found is None:
            raise FunctionError(f"page '{ref}' {book.why_not_found(path)}")
        kind = (page_links.output_format_kind(output_format, found) if output_format
                else page_links.PAGE)
        if kind == page_links.FEED:
            site.warn(call.location(),
                      f"relref {page_links.feed_not_published(output_format, ref)}")
        elif kind == page_links.MISSING:
            raise failed(call, f"relref {page_links.no_such_format(output_format, ref)}")
        suffix = f"#{anchor}" if anchor else ""
        if book is ctx.book:
            return ctx.link_to(found) + suffix
        target_url = book.prefix + page_url(found.src_uri, ctx.directory_urls)
        return relative_url(target_url, ctx.book.prefix + ctx.url) + suffix

    def _ref_arguments(call: CallContext, target: Any) -> tuple[str, str, str]:
        """The path, output format and language of relref's second argument, as Hugo reads
        it: a path, a map (path, outputFormat, lang), or a list (a shortcode's positional
        .Params: the path, then the format)."""
        if isinstance(target, dict):
            named = {str(key).lower(): value for key, value in target.items()}
            return (str(named.get("path") or ""), str(named.get("outputformat") or ""),
                    str(named.get("lang") or ""))
        if isinstance(target, list | tuple):
            if not 1 <= len(target) <= 2:
                raise failed(call, "invalid number of arguments to ref: it takes the path "
                                   f"and an output format, not {len(target)} values")
            return str(target[0]), str(target[1]) if len(target) == 2 else "", ""
        return str(target), "", ""

    def _language_book(call: CallContext, book: Book, language: str) -> Book:
        """The book of the language `lang` names ('' or the page's own: the page's)."""
        if not language:
            return book
        other = book.languages.get(language)
        if other is None:
            known = ", ".join(sorted(book.languages)) or "none; the site has one language"
            raise failed(call, f"relref names language '{language}', which the site does "
                               f"not have (languages: {known})")
        return other

    def failed(call: CallContext, message: str) -> FunctionError:
        """A mistake Hugo fails on: the page's error, never only a warning."""
        site.fail(call.location(), f"error calling relref: {message}")
        return FunctionError(message)

    def rel_url(value: Any) -> str:
        text = str(value)
        if _SCHEME.match(text):
            return text
        return relative_url(text.lstrip("/"), site.current_ctx().url) if text else "./"

    def abs_url(value: Any) -> str:
        text = str(value)
        if _SCHEME.match(text):
            return text
        base = site.info().BaseURL
        return base.rstrip("/") + "/" + text.lstrip("/") if base else rel_url(text)

    def rel_lang_url(value: Any) -> str:
        return rel_url(site.current_ctx().book.prefix + str(value).lstrip("/"))

    def abs_lang_url(value: Any) -> str:
        return abs_url(site.current_ctx().book.prefix + str(value).lstrip("/"))

    def refused(call: CallContext, error: FunctionError, name: str) -> FunctionError:
        """A path out of the site is the page's error, never only a warning."""
        if "outside the site folder" in str(error):
            site.fail(call.location(), f"error calling {name}: {error}")
        return error

    def read_file(call: CallContext, path: Any) -> str:
        try:
            return read_inside(site.root, str(path))
        except FunctionError as error:
            raise refused(call, error, "readFile") from None

    def file_exists(call: CallContext, path: Any) -> bool:
        try:
            resolve_inside(site.root, str(path))
        except FunctionError as error:
            if "does not exist" in str(error):
                return False
            raise refused(call, error, "fileExists") from None
        return True

    def resources_get(call: CallContext, path: Any) -> Resource | None:
        name = str(path).lstrip("/")
        try:
            source = resolve_inside(site.root / "assets", name)
        except FunctionError as error:
            if "does not exist" in str(error):
                return None  # as in Hugo: `with resources.Get` tests for it
            raise refused(call, error, "resources.Get") from None
        ctx = site.current_ctx()
        url = ctx.site_file(name, source)
        return Resource(source, name, url)

    def resources_get_match(call: CallContext, pattern: Any) -> Resource | None:
        found = resources_match(call, pattern)
        return found[0] if found else None

    def resources_match(call: CallContext, pattern: Any) -> list[Resource]:
        assets = site.root / "assets"
        if not assets.is_dir():
            return []
        names = sorted(p.relative_to(assets).as_posix() for p in assets.rglob("*")
                       if p.is_file())
        matched = Resources([Resource(assets / n, n, "") for n in names]).Match(pattern)
        return [found for found in (resources_get(call, r.name) for r in matched) if found]

    def minify(resource: Any) -> Any:
        return resource  # the same file, not made smaller: the page reads the same

    def translate(key: Any, *args: Any) -> str:
        return site.translations().get(str(key).lower(), "")

    def highlight(code: Any, language: Any = "", options: Any = "") -> SafeHTML:
        lang = html.escape(str(language or "text"), quote=True)
        return SafeHTML(f'<div class="highlight"><pre><code class="language-{lang}" '
                        f'data-lang="{lang}">{html.escape(str(code), quote=False)}'
                        "</code></pre></div>")

    def getenv(name: Any) -> str:
        return ""  # Hugo's default security policy lets templates read no variable

    def warnf(call: CallContext, fmt: Any, *args: Any) -> str:
        site.warn(call.location(), sprintf(str(fmt), *args))
        return ""

    def errorf(call: CallContext, fmt: Any, *args: Any) -> str:
        message = sprintf(str(fmt), *args)
        site.fail(call.location(), message)
        raise FunctionError(message)

    def partial(call: CallContext, name: Any, data: Any = None) -> Any:
        template = site.partial(str(name))
        if template is None:
            raise FunctionError(f'partial "{name}" not found')
        return call.call_template(template, data)

    def partial_cached(call: CallContext, name: Any, data: Any = None, *variants: Any) -> Any:
        return partial(call, name, data)

    functions: dict[str, Callable[..., Any]] = {
        "markdownify": markdownify, "transform.Markdownify": markdownify,
        "emojify": emojify, "transform.Emojify": emojify,
        "relURL": rel_url, "urls.RelURL": rel_url, "absURL": abs_url, "urls.AbsURL": abs_url,
        "relLangURL": rel_lang_url, "urls.RelLangURL": rel_lang_url,
        "absLangURL": abs_lang_url, "urls.AbsLangURL": abs_lang_url,
        "i18n": translate, "T": translate, "lang.Translate": translate,
        "highlight": highlight, "transform.Highlight": highlight,
        "getenv": getenv, "os.Getenv": getenv,
        "minify": minify, "resources.Minify": minify,
        "site": site.info, "hugo": site.hugo,
    }
    context_functions: dict[str, Callable[..., Any]] = {
        "warnf": warnf, "fmt.Warnf": warnf, "errorf": errorf, "fmt.Errorf": errorf,
        "relref": relref, "ref": relref, "urls.RelRef": relref, "urls.Ref": relref,
        "partial": partial, "partials.Include": partial,
        "partialCached": partial_cached, "partials.IncludeCached": partial_cached,
        "readFile": read_file, "os.ReadFile": read_file,
        "fileExists": file_exists, "os.FileExists": file_exists,
        "resources.Get": resources_get, "resources.GetMatch": resources_get_match,
        "resources.Match": resources_match,
    }
    return functions, context_functions

