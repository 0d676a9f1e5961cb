"""The built-in function table, and the names of Hugo functions a caller may add."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any
from urllib.parse import quote_plus

from ..executor import CallContext, PartialReturn
from ..values import sprint, sprintf, sprintln
from . import core, dates, encoding, lists, markup, maths, text, urls


def _path_functions() -> dict[str, Callable[..., Any]]:
    def split(path: Any) -> dict[str, str]:
        head, tail = posixpath.split(str(path))
        return {"Dir": head + "/" if head else "", "File": tail}

    return {
        "path.Base": lambda p: posixpath.basename(str(p).rstrip("/")) or (
            "/" if str(p).startswith("/") else "."),
        "path.Dir": lambda p: posixpath.dirname(str(p)) or ".",
        "path.Ext": lambda p: posixpath.splitext(str(p))[1],
        "path.Join": lambda *parts: posixpath.normpath(posixpath.join(*map(str, parts)))
        if parts else "",
        "path.Clean": lambda p: posixpath.normpath(str(p)) if str(p) else ".",
        "path.Split": split,
    }


def builtin_functions() -> dict[str, Callable[..., Any]]:
    table: dict[str, Callable[..., Any]] = {
        "eq": core.eq, "ne": core.ne, "lt": core.lt, "le": core.le, "gt": core.gt,
        "ge": core.ge, "and": core.and_, "or": core.or_, "not": core.not_, "cond": core.cond,
        "default": core.default, "len": core.length,
        "compare.Eq": core.eq, "compare.Ne": core.ne, "compare.Lt": core.lt,
        "compare.Le": core.le, "compare.Gt": core.gt, "compare.Ge": core.ge,
        "compare.Default": core.default, "compare.Conditional": core.cond,
        "printf": sprintf, "print": sprint, "println": sprintln,
        "fmt.Printf": sprintf, "fmt.Print": sprint, "fmt.Println": sprintln,
        "errorf": core.errorf, "fmt.Errorf": core.errorf,
        "int": core.to_int, "float": core.to_float, "string": core.to_string,
        "cast.ToInt": core.to_int, "cast.ToFloat": core.to_float, "cast.ToString": core.to_string,
        "now": dates.now, "time.Now": dates.now, "time": dates.as_time,
        "time.AsTime": dates.as_time, "dateFormat": dates.date_format,
        "time.Format": dates.date_format,
    }
    for module in (text, markup, maths, lists, encoding, urls):
        table.update(module.functions())
    table.update(_path_functions())
    table.update(_go_builtins())
    return table


def _return(value: Any = None) -> Any:
    raise PartialReturn(value)


def _go_builtins() -> dict[str, Callable[..., Any]]:
    """text/template's own escapers (html/template folds a trailing `html` into its own)."""
    html_table = {0: "\ufffd", ord('"'): "&#34;", ord("'"): "&#39;", ord("&"): "&amp;",
                  ord("<"): "&lt;", ord(">"): "&gt;"}
    js_table = {ord("\\"): "\\\\", ord("'"): "\\'", ord('"'): '\\"', ord("<"): "\\u003C",
                ord(">"): "\\u003E", ord("&"): "\\u0026", ord("="): "\\u003D"}

    def js(*args: Any) -> str:
        text = sprint(*args).translate(js_table)
        return "".join(c if c.isprintable() else f"\\u{ord(c):04X}" for c in text)

    return {
        "html": lambda *args: sprint(*args).translate(html_table),
        "js": js,
        "urlquery": lambda *args: quote_plus(sprint(*args), safe=""),
        "return": _return,
    }


def _template_exists(ctx: CallContext, name: Any) -> bool:
    return ctx.env.get(str(name)) is not None


def builtin_context_functions() -> dict[str, Callable[..., Any]]:
    return {"apply": core.apply, "collections.Apply": core.apply,
            "templates.Exists": _template_exists}


# Hugo functions this package leaves to the caller (they need the site); a template using one
# the caller did not register fails with "is not supported" rather than "not defined".
_SITE_FUNCTIONS = """
markdownify emojify highlight relref ref relURL absURL relLangURL absLangURL urls.RelURL
urls.AbsURL urls.Ref urls.RelRef urls.RelLangURL urls.AbsLangURL
readFile os.ReadFile fileExists os.FileExists os.Stat readDir os.ReadDir getenv os.Getenv
resources.Get resources.GetMatch resources.Match resources.ByType resources.FromString
resources.GetRemote resources.ExecuteAsTemplate resources.Minify resources.Fingerprint
resources.ToCSS resources.PostCSS resources.Concat resources.Babel resources.Copy css.Sass
css.PostCSS css.TailwindCSS js.Build js.Babel partial partialCached partials.Include
partials.IncludeCached T i18n lang.Translate lang.FormatNumber lang.FormatNumberCustom
lang.FormatPercent lang.FormatCurrency lang.FormatAccounting lang.Merge site hugo images.Filter
images.Config imageConfig transform.Highlight transform.HighlightCodeBlock
transform.CanHighlight transform.Markdownify transform.Emojify transform.ToMath
transform.XMLEscape transform.Remarshal transform.Portable transform.PortableText getJSON getCSV
data.GetJSON data.GetCSV debug.Dump debug.Timer warnf erroridf warnidf fmt.Warnf fmt.Erroridf
fmt.Warnidf   inflect.Pluralize inflect.Singularize pluralize
singularize collections.Querify querify collections.Group group collections.KeyVals keyVals
collections.Shuffle shuffle collections.D math.Rand math.Counter hash.FNV32a hash.XxHash
crypto.HMAC crypto.FNV32a strings.Diff diagrams.Goat openapi3.Unmarshal
templates.Defer os.Getenv time.ParseDuration time.Duration duration images.Text images.Process
images.Overlay images.QR ref relref page
minify fingerprint toCSS postCSS babel resources.PostProcess safeJSStr safe.JSStr
"""
HUGO_FUNCTIONS = frozenset(_SITE_FUNCTIONS.split())
