"""html/template's contextual escaping: where an action lands in the HTML decides its escaping.

The text around the actions is followed with a small HTML state machine (text, tag, attribute
name and value, comment, script, style, RCDATA); each action gets the escaper of its place, as
Go's html/template does. HTML comments in the template text are dropped, as Go drops them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from . import nodes as n
from .values import MISSING, SafeCSS, SafeHTML, SafeHTMLAttr, SafeJS, SafeURL, go_str

TEXT, TAG, ATTR_NAME, AFTER_NAME, BEFORE_VALUE, ATTR = "text", "tag", "attr-name", "after-name", \
    "before-value", "attr"
COMMENT, SCRIPT, STYLE, RCDATA = "comment", "script", "style", "rcdata"
FAILSAFE = "ZgotmplZ"

_RAW_ELEMENTS = {"script": SCRIPT, "style": STYLE, "textarea": RCDATA, "title": RCDATA}
_URL_ATTRS = {"action", "archive", "background", "cite", "classid", "codebase", "data",
              "formaction", "href", "icon", "longdesc", "manifest", "poster", "profile", "src",
              "usemap", "xmlns"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)")
_SPACE = " \t\n\r\f"


@dataclass(frozen=True)
class Context:
    state: str = TEXT
    element: str = ""     # a raw-text element whose start tag we are in
    attr: str = ""        # "", "url", "js", "css": the kind of the attribute
    delim: str = ""       # the quote of the attribute value, or " " when unquoted
    url_part: int = 0     # 0: start of a URL, 1: before '?', 2: query or fragment
    js_quote: str = ""    # inside a JavaScript string literal opened by this quote


def attr_kind(name: str) -> str:
    name = name.lower()
    if ":" in name:
        prefix, name = name.split(":", 1)
        if prefix == "xmlns":
            return "url"
    if name.startswith("data-"):
        name = name[5:]
    if name in _URL_ATTRS or name == "srcset":
        return "url"
    if name.startswith("on"):
        return "js"
    if name == "style":
        return "css"
    if "src" in name or "uri" in name or "url" in name:
        return "url"
    return ""


def _scan_js(quote: str, text: str) -> tuple[str, str]:
    """Follows JavaScript strings; returns the open quote after `text` and `text` without its
    comments (Go drops them: a block comment becomes a space, a line comment nothing)."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if quote and char == "\\":
            out.append(text[index:index + 2])
            index += 2
            continue
        if not quote and text.startswith(("//", "/*"), index):
            line = text[index + 1] == "/"
            end = text.find("\n" if line else "*/", index + 2)
            out.append("" if line else " ")
            index = len(text) if end < 0 else (end if line else end + 2)
            continue
        if not quote and char in "\"'`":
            quote = char
        elif quote and char == quote:
            quote = ""
        out.append(char)
        index += 1
    return quote, "".join(out)


def _track_js(quote: str, text: str) -> str:
    return _scan_js(quote, text)[0]


def _strip_css_comments(text: str) -> str:
    return re.sub(r"/\*.*?(\*/|$)", " ", text, flags=re.DOTALL)


def _track_value(ctx: Context, value: str) -> Context:
    if not value:
        return ctx
    if ctx.attr == "url":
        part = 2 if ("?" in value or "#" in value or ctx.url_part == 2) else 1
        return replace(ctx, url_part=part)
    if ctx.attr == "js":
        return replace(ctx, js_quote=_track_js(ctx.js_quote, value))
    return ctx


def advance(ctx: Context, text: str) -> tuple[Context, str]:
    """Follows the HTML of a text node; returns the context after it and the text to write."""
    out: list[str] = []
    i, size = 0, len(text)
    while i < size:
        state = ctx.state
        if state == TEXT:
            j = text.find("<", i)
            if j < 0:
                out.append(text[i:])
                break
            out.append(text[i:j])
            if text.startswith("<!--", j):
                ctx, i = Context(COMMENT), j + 4
                continue
            match = _TAG.match(text, j)
            if match is None:
                out.append("<")
                i = j + 1
                continue
            out.append(match.group(0))
            name = match.group(2).lower()
            element = name if not match.group(1) and name in _RAW_ELEMENTS else ""
            ctx, i = Context(TAG, element=element), match.end()
        elif state == COMMENT:
            j = text.find("-->", i)
            if j < 0:
                break
            ctx, i = Context(TEXT), j + 3
        elif state in (TAG, AFTER_NAME, BEFORE_VALUE):
            j = i
            while j < size and text[j] in _SPACE:
                j += 1
            out.append(text[i:j])
            i = j
            if i >= size:
                break
            char = text[i]
            if state == BEFORE_VALUE:
                if char in "\"'":
                    out.append(char)
                    ctx, i = replace(ctx, state=ATTR, delim=char), i + 1
                elif char == ">":
                    ctx = replace(ctx, state=TAG)
                else:
                    ctx = replace(ctx, state=ATTR, delim=" ")
            elif char == ">" or text.startswith("/>", i):
                end = i + (1 if char == ">" else 2)
                out.append(text[i:end])
                ctx, i = Context(_RAW_ELEMENTS.get(ctx.element, TEXT), element=ctx.element), end
            elif state == AFTER_NAME and char == "=":
                out.append("=")
                ctx, i = replace(ctx, state=BEFORE_VALUE), i + 1
            else:
                j = i
                while j < size and text[j] not in _SPACE and text[j] not in "=>" \
                        and not text.startswith("/>", j):
                    j += 1
                j = max(j, i + 1)
                out.append(text[i:j])
                name_state = ATTR_NAME if j >= size else AFTER_NAME
                ctx, i = Context(name_state, ctx.element, attr_kind(text[i:j])), j
        elif state == ATTR_NAME:
            j = i
            while j < size and text[j] not in _SPACE and text[j] not in "=>":
                j += 1
            out.append(text[i:j])
            ctx, i = replace(ctx, state=AFTER_NAME), j
        elif state == ATTR:
            if ctx.delim == " ":
                j = i
                while j < size and text[j] not in _SPACE and text[j] != ">":
                    j += 1
            else:
                j = text.find(ctx.delim, i)
                j = size if j < 0 else j
            value = text[i:j]
            out.append(value)
            ctx = _track_value(ctx, value)
            if j >= size:
                break
            if ctx.delim != " ":
                out.append(ctx.delim)
                j += 1
            ctx, i = Context(TAG, ctx.element), j
        else:  # script, style, rcdata: until the element's end tag
            closing = re.compile(rf"</{ctx.element}(?=[\s/>])", re.IGNORECASE)
            match = closing.search(text, i)
            end = match.start() if match else size
            if state == SCRIPT:
                quote, kept = _scan_js(ctx.js_quote, text[i:end])
                ctx = replace(ctx, js_quote=quote)
                out.append(kept)
            elif state == STYLE:
                out.append(_strip_css_comments(text[i:end]))
            else:
                out.append(text[i:end])
            if match is None:
                break
            ctx, i = Context(TEXT), end
    return ctx, "".join(out)


# -- escapers ---------------------------------------------------------------------------------
_HTML = {0: "\ufffd", ord('"'): "&#34;", ord("&"): "&amp;", ord("'"): "&#39;", ord("+"): "&#43;",
         ord("<"): "&lt;", ord(">"): "&gt;"}
_HTML_NORM = {k: v for k, v in _HTML.items() if k != ord("&")}
_HTML_NOSPACE = {**_HTML, ord("\t"): "&#9;", ord("\n"): "&#10;", ord("\v"): "&#11;",
                 ord("\f"): "&#12;", ord("\r"): "&#13;", ord(" "): "&#32;", ord("="): "&#61;",
                 ord("`"): "&#96;"}
_JS_STR = {0: "\\u0000", ord("\t"): "\\t", ord("\n"): "\\n", ord("\v"): "\\u000b",
           ord("\f"): "\\f", ord("\r"): "\\r", ord('"'): "\\u0022", ord("&"): "\\u0026",
           ord("'"): "\\u0027", ord("+"): "\\u002b", ord("/"): "\\/", ord("<"): "\\u003c",
           ord(">"): "\\u003e", ord("\\"): "\\\\", ord("`"): "\\u0060", 0x2028: "\\u2028",
           0x2029: "\\u2029"}
_JSON_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
              0x2028: "\\u2028", 0x2029: "\\u2029"}
_TAGS = re.compile(r"<[^>]*>?")
_URL_KEEP = set("!#$&*+,/:;=?@[]")
_URL_UNRESERVED = set("-._~")
_CSS_BAD = set("\0\"'()/;@[\\]`{}<>")


def to_text(value: Any) -> str:
    """What an action prints before escaping; nil prints nothing in html/template."""
    if value is None or value is MISSING:
        return ""
    return go_str(value)


def escape_html(value: Any) -> str:
    if isinstance(value, SafeHTML):
        return str(value)
    return to_text(value).translate(_HTML)


def escape_rcdata(value: Any) -> str:
    return to_text(value).translate(_HTML)


def escape_attr(value: Any) -> str:
    if isinstance(value, SafeHTML):
        return _TAGS.sub("", str(value)).translate(_HTML_NORM)
    return to_text(value).translate(_HTML)


def escape_attr_unquoted(value: Any) -> str:
    if isinstance(value, SafeHTML):
        return _TAGS.sub("", str(value)).translate(_HTML_NOSPACE)
    return to_text(value).translate(_HTML_NOSPACE)


def url_process(text: str, normalize: bool) -> str:
    out: list[str] = []
    for char in text:
        if char.isascii() and (char.isalnum() or char in _URL_UNRESERVED
                               or (normalize and (char in _URL_KEEP or char == "%"))):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


def is_safe_url(text: str) -> bool:
    scheme, colon, _ = text.partition(":")
    if not colon or "/" in scheme:
        return True
    return scheme.lower() in ("http", "https", "mailto")


def url_start(value: Any) -> str:
    text = to_text(value)
    if not isinstance(value, SafeURL) and not is_safe_url(text):
        return "#" + FAILSAFE
    return url_process(text, normalize=True)


def url_middle(value: Any) -> str:
    return url_process(to_text(value), normalize=True)


def url_query(value: Any) -> str:
    return url_process(to_text(value), normalize=isinstance(value, SafeURL))


def _json_default(value: Any) -> Any:
    if value is MISSING:
        return None
    if isinstance(value, range):
        return list(value)
    return go_str(value)


def js_value(value: Any) -> str:
    if isinstance(value, SafeJS):
        return str(value)
    if value is None or value is MISSING:
        return " null "
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                      default=_json_default).translate(_JSON_SAFE)
    if text and (_js_ident(text[0]) or _js_ident(text[-1])):
        return f" {text} "
    return text


def _js_ident(char: str) -> bool:
    return char.isalnum() or char in "_$"


def js_string(value: Any) -> str:
    return to_text(value).translate(_JS_STR)


def css_value(value: Any) -> str:
    if isinstance(value, SafeCSS):
        return str(value)
    text = to_text(value)
    lowered = text.lower()
    if any(char in _CSS_BAD for char in text) or "expression" in lowered \
            or "mozbinding" in lowered:
        return FAILSAFE
    return text


def attr_name(value: Any) -> str:
    if isinstance(value, SafeHTMLAttr):
        return str(value)
    text = to_text(value).lower()
    if not text or attr_kind(text) or not all(c.isascii() and c.isalnum() for c in text):
        return FAILSAFE
    return text


def _nothing(value: Any) -> str:
    return ""


def _then_attr(first: Callable[[Any], str], unquoted: bool) -> Callable[[Any], str]:
    table = _HTML_NOSPACE if unquoted else _HTML

    def escape(value: Any) -> str:
        return first(value).translate(table)
    return escape


def escaper_for(ctx: Context) -> tuple[Callable[[Any], str], Context]:
    """The escaper of an action written at ctx, and the context after its output."""
    state = ctx.state
    if state == TEXT:
        return escape_html, ctx
    if state == RCDATA:
        return escape_rcdata, ctx
    if state == COMMENT:
        return _nothing, ctx
    if state == SCRIPT:
        return (js_string if ctx.js_quote else js_value), ctx
    if state == STYLE:
        return css_value, ctx
    if state in (TAG, AFTER_NAME, ATTR_NAME):
        return attr_name, replace(ctx, state=TAG)
    if state == BEFORE_VALUE:
        ctx = replace(ctx, state=ATTR, delim=" ")
    unquoted = ctx.delim == " "
    if ctx.attr == "url":
        first = (url_start, url_middle, url_query)[ctx.url_part]
        return _then_attr(first, unquoted), replace(ctx, url_part=max(ctx.url_part, 1))
    if ctx.attr == "js":
        return _then_attr(js_string if ctx.js_quote else js_value, unquoted), ctx
    if ctx.attr == "css":
        return _then_attr(css_value, unquoted), ctx
    return (escape_attr_unquoted if unquoted else escape_attr), ctx


# -- the pass over a tree ---------------------------------------------------------------------
def escape_tree(root: n.ListNode, ctx: Context | None = None) -> Context:
    """Sets each action's escaper and each text's output; returns the context at the end."""
    return _walk_list(root, ctx or Context())


def _walk_list(body: n.ListNode, ctx: Context) -> Context:
    for node in body.nodes:
        ctx = _walk(node, ctx)
    return ctx


def _walk(node: n.Node, ctx: Context) -> Context:
    if isinstance(node, n.TextNode):
        ctx, node.output = advance(ctx, node.text)
        return ctx
    if isinstance(node, n.ActionNode):
        if node.pipe.decl:
            return ctx  # a declaration prints nothing
        node.escaper, ctx = escaper_for(ctx)
        last = node.pipe.cmds[-1].args[0]
        if isinstance(last, n.IdentifierNode) and last.name == "html" \
                and node.escaper in (escape_html, escape_attr, escape_rcdata):
            node.escaper = to_text  # `| html` already escaped it, as Go's would have
        return ctx
    if isinstance(node, n.BranchNode):
        after = _walk_list(node.body, ctx)
        if node.else_body is not None:
            _walk_list(node.else_body, ctx)
        return after
    return ctx
