"""`openapi`: an OpenAPI 3.x document drawn as a documentation page.

hugo-book's experimental shortcode (`{{% openapi src="spec.json" %}}`) reads the spec, JSON or
YAML, from the site's assets/ (here also static/) and draws, in this order: the API's
description and version; its security schemes; its operations grouped by their first tag, each
with the request line, its parameters, request body and responses; and the models of
components/schemas. Headings, paragraphs, tables and code blocks carry the same text in the
same order here. Maps are read in key order, as Hugo's templates do; lists in their own.

References (`$ref`) are followed within the document only. A model (`#/components/schemas/x`)
is named and linked, never copied in, so recursive schemas are drawn once; any other reference
is followed with the ones already being followed remembered, so a cycle stops instead of
hanging.
"""

from __future__ import annotations

import datetime
import http
import json
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import yaml

from hugomat.read.shortcode_parser import Shortcode
from hugomat.render.renderers.base import Block, one_line

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
"""The operations of a path item, in the order OpenAPI lists them."""
PLACES = ("path", "query", "header", "cookie")
"""Where parameters go, in the order their tables are drawn."""
MAX_VALUES = 1_000_000
"""A spec that YAML aliases expand beyond this many values is refused (an alias bomb)."""
MAX_DEPTH = 6
"""How deep inline schemas are described within one another."""
_MODEL_REF = re.compile(r"#/components/schemas/([^/]+)")
_REMOTE = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|>])")
_LINE_START = re.compile(r"^(-|[0-9]+\.)")
_CODE_SPAN = re.compile(r"(`+).*?(?<!`)\1(?!`)")
_CONSTRAINTS = (
    ("minimum", "minimum"), ("exclusiveMinimum", "more than"), ("maximum", "maximum"),
    ("exclusiveMaximum", "less than"), ("multipleOf", "multiple of"),
    ("minLength", "min length"), ("maxLength", "max length"), ("pattern", "pattern"),
    ("minItems", "min items"), ("maxItems", "max items"),
    ("minProperties", "min properties"), ("maxProperties", "max properties"),
)


class SpecError(Exception):
    """What is wrong with the spec, reported at the shortcode."""


def render_openapi(node: Shortcode, ctx: RenderContext) -> Block:
    """The spec `src` names as Markdown: headings, paragraphs, tables and code blocks."""
    src = node.arg("src", 0)
    if src is None or src is True or not str(src).strip():
        ctx.error(node, 'openapi needs src="...", the OpenAPI 3.x spec (JSON or YAML) in the '
                        "site's assets/, e.g. {{% openapi src=\"api.yaml\" %}}")
        return Block("")
    ref = str(src).strip()
    after = ""
    if node.children is not None:
        # The parser takes a name it does not know for a leaf unless a closing tag follows.
        ctx.error(node, "openapi takes no body, so it has no closing tag {{% /openapi %}}")
        after = ctx.body(node)
    count = int(ctx.unique("hugomat-openapi").rsplit("-", 1)[1])
    try:
        path = _find(ref, ctx)
        document = _load(path, ctx.book.source.display(path))
        try:
            text = _Spec(document, prefix="" if count == 1 else f"api{count}-").markdown()
        except RecursionError:
            raise SpecError(f"openapi spec '{ref}' is nested too deeply") from None
    except SpecError as error:
        ctx.error(node, str(error))
        return Block(f"`[openapi {one_line(ref)}]`\n")
    return Block(ctx.markdown(text, node) + ("\n\n" + after if after else "") + "\n")


# -- reading the spec -----------------------------------------------------------------------------


def _find(ref: str, ctx: RenderContext) -> Path:
    """The spec file, under the site's assets/ then static/, never outside them."""
    if _REMOTE.match(ref):
        raise SpecError(f"openapi spec '{ref}' is a URL; openapi reads a file of the site's "
                        "assets/ or static/ (the site loads nothing from other origins)")
    source = ctx.book.source
    rel = PurePosixPath(ref.replace("\\", "/").lstrip("/"))
    if ".." in rel.parts or not rel.parts:
        raise SpecError(f"openapi spec '{ref}' is not a path within the site's assets/ or "
                        "static/ folders")
    for root in source.asset_dirs:
        candidate = root / rel
        try:
            if not candidate.exists():
                continue
            real = candidate.resolve()
            inside = real.is_relative_to(root.resolve())
        except (OSError, RuntimeError) as error:
            raise SpecError(f"openapi spec '{ref}' cannot be looked up: "
                            f"{getattr(error, 'strerror', None) or error}") from None
        if not inside:
            raise SpecError(f"openapi spec '{ref}' is a link to {real}, outside {root}")
        if not real.is_file():
            raise SpecError(f"openapi spec '{ref}' is not a file")
        return real
    where = ", ".join(f"{source.display(root)}/" for root in source.asset_dirs)
    raise SpecError(f"openapi spec '{ref}' not found (looked in {where or 'no asset folders'})")


def _load(path: Path, shown: str) -> dict[str, Any]:
    """The spec as plain JSON values (string keys), checked to be OpenAPI 3.x."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpecError(f"openapi spec {shown} is not UTF-8 text ({error.reason} at byte "
                        f"{error.start})") from None
    except OSError as error:
        raise SpecError(f"openapi spec {shown} cannot be read: {error.strerror}") from None
    suffix = path.suffix.lower()
    readers = {".json": [_json], ".yaml": [_yaml], ".yml": [_yaml]}.get(suffix, [_json, _yaml])
    problems = []
    for reader in readers:
        try:
            loaded = reader(text)
            break
        except _Unreadable as problem:
            problems.append(problem)
    else:
        if len(problems) == 1:
            raise SpecError(f"openapi spec {shown} is not valid {problems[0]}")
        raise SpecError(f"openapi spec {shown} is neither JSON nor YAML: as YAML, "
                        f"{problems[-1].args[1]}")
    try:
        document = _Plain(shown).value(loaded)
    except RecursionError:
        raise SpecError(f"openapi spec {shown} is nested too deeply") from None
    if not isinstance(document, dict):
        raise SpecError(f"openapi spec {shown} is not an OpenAPI 3.x document: it is "
                        f"{_kind(document)}, not a mapping of fields")
    version = document.get("openapi")
    if version is None:
        if "swagger" in document:
            raise SpecError(f"openapi spec {shown} is a Swagger {document['swagger']} "
                            "document; openapi reads OpenAPI 3.x (convert it first)")
        raise SpecError(f"openapi spec {shown} is not an OpenAPI 3.x document: it has no "
                        "'openapi' field")
    if not str(version).startswith("3."):
        raise SpecError(f"openapi spec {shown} is OpenAPI {version}; openapi reads OpenAPI 3.x")
    return document


class _Unreadable(Exception):
    """A spec file that its format's reader refuses: (format, problem with its place)."""

    def __str__(self) -> str:
        return f"{self.args[0]}: {self.args[1]}"


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise _Unreadable("JSON", f"{error.msg} (line {error.lineno}, column "
                                  f"{error.colno})") from None
    except RecursionError:
        raise _Unreadable("JSON", "nested too deeply") from None


def _yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_YamlLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise _Unreadable("YAML", f"{problem}{where}") from None
    except RecursionError:
        raise _Unreadable("YAML", "nested too deeply") from None


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    if isinstance(value, str):
        return "text"
    return "a number" if isinstance(value, int | float) and not isinstance(value, bool) \
        else "true or false"


class _Plain:
    """YAML's values made JSON's: string keys, dates as text. Shared values (YAML aliases)
    stay shared; a value that contains itself, or that aliases expand beyond MAX_VALUES
    values, is refused."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.done: dict[int, tuple[Any, int]] = {}
        self.open: set[int] = set()

    def value(self, value: Any) -> Any:
        return self._plain(value)[0]

    def _plain(self, value: Any) -> tuple[Any, int]:
        if not isinstance(value, dict | list):
            return _scalar(value), 1
        key = id(value)
        if key in self.done:
            return self.done[key]
        if key in self.open:
            raise SpecError(f"openapi spec {self.shown} contains a YAML alias that contains "
                            "itself")
        self.open.add(key)
        size = 1
        made: Any
        if isinstance(value, dict):
            made = {}
            for name, item in value.items():
                made[_key(name)], count = self._plain(item)
                size += count
        else:
            made = []
            for item in value:
                plain, count = self._plain(item)
                made.append(plain)
                size += count
        if size > MAX_VALUES:
            raise SpecError(f"openapi spec {self.shown} expands to more than {MAX_VALUES:,} "
                            "values (through YAML aliases)")
        self.open.discard(key)
        self.done[key] = (made, size)
        return made, size


def _scalar(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _key(name: Any) -> str:
    if isinstance(name, str):
        return name
    if isinstance(name, bool) or name is None:
        return json.dumps(name)
    return str(_scalar(name))


# -- Markdown helpers ---------------------------------------------------------------------------


def _text(value: Any) -> str:
    """Plain text from the spec (a name, a summary) as inline Markdown that shows it as is."""
    text = one_line(value).replace("&", "&amp;").replace("<", "&lt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text)


def _code(value: Any) -> str:
    """A code span holding `value` as it is, backticks included."""
    text = one_line(value)
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _shown(value: Any) -> str:
    """A value of the spec as one line: text as it is, anything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _markdown(value: Any) -> str:
    """A description (CommonMark) as a block of Markdown."""
    return str(value).strip("\n").rstrip() if isinstance(value, str) else ""


def _cell(value: Any) -> str:
    """A description as one table cell: one line, its pipes outside code escaped."""
    text = one_line(_markdown(value))
    parts, position = [], 0
    for span in _CODE_SPAN.finditer(text):
        parts.append(text[position:span.start()].replace("|", "\\|"))
        parts.append(span.group(0))
        position = span.end()
    parts.append(text[position:].replace("|", "\\|"))
    return "".join(parts)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join([_row(header), _row(["---"] * len(header)), *(_row(r) for r in rows)])


def _fence(text: str, language: str, title: str | None = None) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    # Hugo's fence attribute, which the conversion makes a pymdownx.highlight title.
    label = ' {filename="' + one_line(title).replace('"', "'") + '"}' if title else ""
    return f"{ticks}{language}{label}\n{text}\n{ticks}"


def _anchor(text: str) -> str:
    """An id made of a name as Hugo's anchorize makes it: lower case, words joined by '-'."""
    return re.sub(r"[^\w-]+", "-", text.lower()).strip("-") or "x"


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _sequence(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _pointer_part(part: str) -> str:
    return unquote(part).replace("~1", "/").replace("~0", "~")


# -- the spec -------------------------------------------------------------------------------------


class _Spec:
    """One OpenAPI document and the ids its page gives its models and operations."""

    def __init__(self, document: dict[str, Any], prefix: str) -> None:
        self.doc = document
        self.prefix = prefix
        self.used: set[str] = set()
        components = _mapping(document.get("components"))
        self.models = _mapping(components.get("schemas"))
        self.model_ids = {name: self._id("model-" + _anchor(name)) for name in sorted(self.models)}
        self.schemes = _mapping(components.get("securitySchemes"))
        self.scheme_ids = {name: self._id("security-" + _anchor(name))
                           for name in sorted(self.schemes)}

    def _id(self, base: str) -> str:
        candidate, number = self.prefix + base, 1
        while candidate in self.used:
            number += 1
            candidate = f"{self.prefix}{base}-{number}"
        self.used.add(candidate)
        return candidate

    # -- references --

    def resolve(self, value: Any) -> Any:
        """`value` with its `$ref` followed (a chain of them too); the referring object's other
        fields (3.1 allows a description or summary beside `$ref`) win over the target's."""
        seen: list[str] = []
        extra: dict[str, Any] = {}
        while isinstance(value, dict) and "$ref" in value:
            ref = value["$ref"]
            if not isinstance(ref, str):
                raise SpecError(f"openapi spec has a $ref that is not text: {_shown(ref)}"
                                f"{self._used_at(value)}")
            if ref in seen:
                raise SpecError(f"openapi spec has a reference cycle: "
                                f"{' -> '.join([*seen, ref])}")
            seen.append(ref)
            extra = {**{k: v for k, v in value.items() if k != "$ref"}, **extra}
            value = self.target(ref)
        if extra and isinstance(value, dict):
            return {**value, **extra}
        return value

    def target(self, ref: str) -> Any:
        """What the reference `ref` points to in this document."""
        if not ref.startswith("#"):
            raise SpecError(f"openapi spec $ref '{ref}' points outside the document"
                            f"{self._used_at(ref)}; only references within it (#/...) are "
                            "followed")
        value: Any = self.doc
        walked = "#"
        for raw in ref[1:].split("/")[1:] if ref != "#" else []:
            part = _pointer_part(raw)
            if isinstance(value, dict) and part in value:
                value = value[part]
            elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            else:
                raise SpecError(f"openapi spec $ref '{ref}' does not resolve: {walked} has no "
                                f"'{part}'{self._used_at(ref)}")
            walked += "/" + raw
        return value

    def _used_at(self, ref: Any) -> str:
        """Where the document uses `ref`, for a message: ' (at paths./a.get...)'."""
        for where, value in _walk(self.doc, []):
            if isinstance(value, dict) and (value.get("$ref") is ref or value is ref):
                return f" (at {'.'.join(where) or 'the top'})"
        return ""

    def model_name(self, value: Any) -> str | None:
        """The model a schema names by reference, if it is one of components/schemas."""
        if not isinstance(value, dict) or not isinstance(value.get("$ref"), str):
            return None
        match = _MODEL_REF.fullmatch(value["$ref"])
        name = _pointer_part(match.group(1)) if match else None
        if name in self.models:
            self.target(value["$ref"])
            return name
        return None

    def link(self, name: str) -> str:
        return f"[{_text(name)}](#{self.model_ids[name]})"

    # -- the page --

    def markdown(self) -> str:
        parts: list[str] = []
        parts += self.info()
        parts += self.security()
        for tag, operations in self.groups():
            parts.append(f"## {_text(tag['name'])}")
            parts.append(_markdown(tag.get("description")))
            parts.append(_see_also(tag.get("externalDocs")))
            for path, method, operation, item in operations:
                parts += self.operation(path, method, operation, item)
        parts += self.model_section()
        return "\n\n".join(part for part in parts if part)

    def info(self) -> list[str]:
        info = _mapping(self.doc.get("info"))
        parts = [_markdown(info.get("description"))]
        version = info.get("version")
        if version not in (None, ""):
            version = _shown(version)
            shown = version if re.match(r"[vV][0-9]", version) else "v" + version
            parts.append(_code(shown))
        about = []
        contact = _mapping(info.get("contact"))
        if contact:
            name = _text(contact.get("name") or contact.get("email") or contact.get("url"))
            if contact.get("url"):
                name = f"[{name}](<{one_line(contact['url'])}>)"
            if contact.get("email") and contact.get("name"):
                name += f" (<{one_line(contact['email'])}>)"
            about.append(f"Contact: {name}")
        licence = _mapping(info.get("license"))
        if licence.get("name"):
            name = _text(licence["name"])
            if licence.get("url"):
                name = f"[{name}](<{one_line(licence['url'])}>)"
            about.append(f"License: {name}")
        if info.get("termsOfService"):
            about.append(f"[Terms of service](<{one_line(info['termsOfService'])}>)")
        if about:
            parts.append(" · ".join(about))
        parts.append(_see_also(self.doc.get("externalDocs")))
        servers = [_mapping(server) for server in _sequence(self.doc.get("servers"))]
        lines = []
        for server in servers:
            if server.get("url"):
                line = f"- {_code(server['url'])}"
                if server.get("description"):
                    line += f": {_cell(server['description'])}"
                lines.append(line)
        if lines:
            parts.append("Servers:\n\n" + "\n".join(lines))
        return parts

    def security(self) -> list[str]:
        """Each security scheme: a term (its description, else its name) with its name and
        kind beneath, as hugo-book's definition list has them."""
        if not self.schemes:
            return []
        entries = []
        for name in sorted(self.schemes):
            scheme = _mapping(self.resolve(self.schemes[name]))
            described = one_line(scheme.get("description"))
            term = _text(described) if described else _code(name)
            # Goldmark gives a term no attributes: an empty element carries the anchor.
            lines = [f'<span id="{self.scheme_ids[name]}"></span>{term}']
            if described:
                lines.append(f":   {_code(name)}")
            lines.append(f":   {self._scheme_kind(scheme)}")
            flows = _mapping(scheme.get("flows"))
            for flow in sorted(flows):
                lines.append(f":   {self._flow(flow, _mapping(flows[flow]))}")
            entries.append("\n".join(lines))
        return ["## Security", "\n\n".join(entries)]

    def _scheme_kind(self, scheme: dict[str, Any]) -> str:
        kind = _shown(scheme.get("type", ""))
        if kind == "apiKey":
            return (f"{_code(kind)} in {_code(_shown(scheme.get('in', '')))} "
                    f"({_code(_shown(scheme.get('name', '')))})")
        words = [_code(kind)]
        if kind == "http":
            words += [_code(_shown(scheme[key])) for key in ("scheme", "bearerFormat")
                      if scheme.get(key)]
        if kind == "openIdConnect" and scheme.get("openIdConnectUrl"):
            words.append(f"<{one_line(scheme['openIdConnectUrl'])}>")
        return " ".join(words)

    def _flow(self, name: str, flow: dict[str, Any]) -> str:
        words = [f"{_code(name)} flow"]
        for key, label in (("authorizationUrl", "authorization URL"),
                           ("tokenUrl", "token URL"), ("refreshUrl", "refresh URL")):
            if flow.get(key):
                words.append(f"{label} <{one_line(flow[key])}>")
        scopes = _mapping(flow.get("scopes"))
        text = ", ".join(words)
        if scopes:
            listed = ", ".join(f"{_code(scope)} ({_cell(scopes[scope])})" if scopes[scope]
                               else _code(scope) for scope in sorted(scopes))
            text += f"; scopes: {listed}"
        return text

    def groups(self) -> list[tuple[dict[str, Any], list[tuple[str, str, dict, dict]]]]:
        """The operations by their first tag: declared tags in their order, then the others."""
        tags: dict[str, dict[str, Any]] = {}
        for tag in _sequence(self.doc.get("tags")):
            tag = _mapping(tag)
            if tag.get("name") not in (None, ""):
                tags.setdefault(_shown(tag["name"]), {**tag, "name": _shown(tag["name"])})
        grouped: dict[str, list[tuple[str, str, dict, dict]]] = {}
        untagged: list[tuple[str, str, dict, dict]] = []
        paths = _mapping(self.doc.get("paths"))
        for path in sorted(paths):
            item = _mapping(self.resolve(paths[path]))
            for method in METHODS:
                if not isinstance(item.get(method), dict):
                    continue
                operation = item[method]
                first = next(iter(_sequence(operation.get("tags"))), None)
                if first in (None, ""):
                    untagged.append((path, method, operation, item))
                    continue
                first = _shown(first)
                tags.setdefault(first, {"name": first})
                grouped.setdefault(first, []).append((path, method, operation, item))
        result = [(tags[name], grouped[name]) for name in tags if name in grouped]
        if untagged:
            result.append(({"name": "Other operations" if result else "Operations"}, untagged))
        return result

    # -- operations --

    def operation(self, path: str, method: str, operation: dict[str, Any],
                  item: dict[str, Any]) -> list[str]:
        title = operation.get("summary") or operation.get("operationId")
        base = _anchor(_shown(operation["operationId"])) if operation.get("operationId") \
            else _anchor(f"{method}-{path}")
        heading = _text(title) if title else _text(f"{method.upper()} {path}")
        parts = [f"### {heading} {{#{self._id('op-' + base)}}}"]
        if operation.get("deprecated") is True:
            parts.append("*Deprecated.*")
        parts.append(_markdown(operation.get("description")))
        parts.append(_see_also(operation.get("externalDocs")))
        security = operation.get("security", self.doc.get("security"))
        parts.append(self.request_heading(security))
        parts.append(_fence(f"{method.upper()} {path}", "text"))
        parts.append(self.scopes(security))
        parts += self.parameters(item, operation)
        if "requestBody" in operation:
            parts += self.request_body(operation["requestBody"])
        parts += self.responses(_mapping(operation.get("responses")))
        return parts

    def request_heading(self, security: Any) -> str:
        names: list[str] = []
        for requirement in _sequence(security):
            for name in _mapping(requirement):
                if name not in names:
                    names.append(name)
        if not names:
            return "#### Request"
        links = ", ".join(f"[{_text(name)}](#{self.scheme_ids[name]})"
                          if name in self.scheme_ids else _text(name) for name in names)
        return f"#### Request (requires {links})"

    def scopes(self, security: Any) -> str:
        needed = []
        for requirement in _sequence(security):
            for name, scopes in _mapping(requirement).items():
                listed = [_code(_shown(scope)) for scope in _sequence(scopes)]
                if listed:
                    scheme = (f"[{_text(name)}](#{self.scheme_ids[name]})"
                              if name in self.scheme_ids else _text(name))
                    needed.append(f"{', '.join(listed)} for {scheme}")
        return f"Scopes: {'; '.join(needed)}" if needed else ""

    def parameters(self, item: dict[str, Any], operation: dict[str, Any]) -> list[str]:
        """Path-level parameters, overridden by the operation's own, a table per place."""
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for raw in [*_sequence(item.get("parameters")), *_sequence(operation.get("parameters"))]:
            parameter = _mapping(self.resolve(raw))
            merged[(_shown(parameter.get("name", "")), _shown(parameter.get("in", "")))] = parameter
        places = [*PLACES, *sorted({place for _, place in merged} - set(PLACES))]
        parts = []
        for place in places:
            rows = [self.parameter_row(name, parameter)
                    for (name, where), parameter in merged.items() if where == place]
            if rows:
                parts.append(f"#### {_text(place.capitalize())} parameters")
                parts.append(_table(["Parameter name", "Value", "Description", "Additional"],
                                    rows))
        return parts

    def parameter_row(self, name: str, parameter: dict[str, Any]) -> list[str]:
        schema = parameter.get("schema")
        media = ""
        if schema is None:
            content = _mapping(parameter.get("content"))
            if content:
                media = sorted(content)[0]
                schema = _mapping(content[media]).get("schema")
        value = self.type_of(schema) if schema is not None else "any"
        if media:
            value += f" ({_code(media)})"
        resolved = _mapping(self.resolve(schema)) if schema is not None else {}
        description = parameter.get("description") or resolved.get("description")
        additional = []
        if parameter.get("required") is True:
            additional.append("Required")
        if parameter.get("deprecated") is True:
            additional.append("Deprecated")
        if parameter.get("allowEmptyValue") is True:
            additional.append("May be empty")
        if "default" in resolved:
            additional.append(f"Default: {_code(_shown(resolved['default']))}")
        example = self.example_of(parameter, resolved)
        if example is not None:
            additional.append(f"Example: {_code(_shown(example))}")
        return [_code(name), value, _cell(description), ", ".join(additional)]

    def example_of(self, holder: dict[str, Any], schema: dict[str, Any]) -> Any:
        """The example a parameter or header gives, else its schema's."""
        if "example" in holder:
            return holder["example"]
        for example in _mapping(holder.get("examples")).values():
            example = _mapping(self.resolve(example))
            if "value" in example:
                return example["value"]
        if "example" in schema:
            return schema["example"]
        listed = _sequence(schema.get("examples"))
        return listed[0] if listed else None

    def request_body(self, raw: Any) -> list[str]:
        body = _mapping(self.resolve(raw))
        required = " (required)" if body.get("required") is True else ""
        parts = [f"#### Request body{required}", _markdown(body.get("description"))]
        parts += self.content(_mapping(body.get("content")))
        return parts

    def responses(self, responses: dict[str, Any]) -> list[str]:
        if not responses:
            return []
        parts = ["#### Responses"]
        for code in sorted(responses):
            response = _mapping(self.resolve(responses[code]))
            description = _markdown(response.get("description")) or _reason(code)
            parts.append(f"{_code(code)}: {description}" if description else _code(code))
            headers = _mapping(response.get("headers"))
            if headers:
                rows = []
                for name in sorted(headers):
                    header = _mapping(self.resolve(headers[name]))
                    rows.append(self.parameter_row(name, header))
                parts.append("Headers:")
                parts.append(_table(["Header", "Value", "Description", "Additional"], rows))
            parts += self.content(_mapping(response.get("content")))
        return parts

    def content(self, content: dict[str, Any]) -> list[str]:
        """Each media type: its examples, then its schema, with an object's properties."""
        parts = []
        for media in sorted(content):
            entry = _mapping(self.resolve(content[media]))
            if "example" in entry:
                parts.append(_fence(_example_text(entry["example"]), "json", media))
            examples = _mapping(entry.get("examples"))
            for name in sorted(examples):
                example = _mapping(self.resolve(examples[name]))
                label = _text(name)
                if example.get("summary"):
                    label += f": {_text(example['summary'])}"
                parts += [label, _markdown(example.get("description"))]
                if "value" in example:
                    parts.append(_fence(_example_text(example["value"]), "json", media))
                elif example.get("externalValue"):
                    parts.append(f"<{one_line(example['externalValue'])}>")
            schema = entry.get("schema")
            if schema is None:
                parts.append(f"Media type: {_code(media)}")
                continue
            parts.append(f"Schema: {self.type_of(schema)} ({_code(media)})")
            parts.append(self.property_table(schema))
        return parts

    # -- schemas --

    def type_of(self, schema: Any, *, details: bool = True, depth: int = 0,
                seen: frozenset[str] = frozenset()) -> str:
        """A schema in a few words: a model's linked name, else its type and its rules."""
        name = self.model_name(schema)
        if name is not None:
            return self.link(name)
        if schema is True or schema == {}:
            return "any"
        if schema is False:
            return "nothing"
        if not isinstance(schema, dict):
            return "any"
        if depth > MAX_DEPTH:
            return "…"
        if "$ref" in schema:
            ref = schema["$ref"]
            if ref in seen:
                return _code(ref)
            return self.type_of(self.resolve(schema), details=details, depth=depth + 1,
                                seen=seen | {ref})
        inner = {"details": False, "depth": depth + 1, "seen": seen}
        kinds = schema.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds] if kinds is not None else []
        words = []
        for kind in kinds:
            kind = _shown(kind)
            if kind == "array" and "items" in schema:
                words.append("array of " + self.type_of(schema["items"], **inner))
            elif kind == "object" and not schema.get("properties") and isinstance(
                    schema.get("additionalProperties"), dict):
                words.append("map of " + self.type_of(schema["additionalProperties"], **inner))
            else:
                words.append(_text(kind))
        if not kinds and (schema.get("properties") or schema.get("additionalProperties")):
            words.append("object")
        text = " or ".join(words)
        for key, label in (("allOf", "all of"), ("oneOf", "one of"), ("anyOf", "any of")):
            members = _sequence(schema.get(key))
            if members:
                listed = ", ".join(self.type_of(m, **inner) for m in members)
                text = f"{text}, {label}: {listed}" if text else f"{label}: {listed}"
        if not text:
            text = "value" if "const" in schema or "enum" in schema else "any"
        notes = self._notes(schema, details)
        return f"{text} ({', '.join(notes)})" if notes else text

    def _notes(self, schema: dict[str, Any], details: bool) -> list[str]:
        notes = []
        if schema.get("format"):
            notes.append(_text(schema["format"]))
        if "enum" in schema:
            values = ", ".join(_code(_shown(v)) for v in _sequence(schema["enum"]))
            notes.append(f"enum: {values}")
        if "const" in schema:
            notes.append(f"always {_code(_shown(schema['const']))}")
        if schema.get("nullable") is True:
            notes.append("nullable")
        if not details:
            return notes
        for key, label in _CONSTRAINTS:
            if key in schema and not isinstance(schema[key], bool):
                notes.append(f"{label}: {_code(_shown(schema[key]))}" if key == "pattern"
                             else f"{label}: {_text(_shown(schema[key]))}")
            elif schema.get(key) is True and key.startswith("exclusive"):
                notes.append(f"exclusive {key.removeprefix('exclusive').lower()}")
        if schema.get("uniqueItems") is True:
            notes.append("unique items")
        for key, label in (("readOnly", "read-only"), ("writeOnly", "write-only"),
                           ("deprecated", "deprecated")):
            if schema.get(key) is True:
                notes.append(label)
        return notes

    def properties(self, schema: Any, seen: frozenset[str] = frozenset()
                   ) -> tuple[dict[str, Any], set[str]]:
        """An object schema's properties and required names, those of its allOf too."""
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            if schema["$ref"] in seen:
                return {}, set()
            seen = seen | {schema["$ref"]}
        schema = _mapping(self.resolve(schema))
        properties: dict[str, Any] = {}
        required: set[str] = set()
        for member in _sequence(schema.get("allOf")):
            more, needed = self.properties(member, seen)
            properties.update(more)
            required |= needed
        properties.update(_mapping(schema.get("properties")))
        required |= {_shown(name) for name in _sequence(schema.get("required"))}
        return properties, required

    def property_table(self, schema: Any) -> str:
        properties, required = self.properties(schema)
        if not properties:
            return ""
        rows: list[list[str]] = []
        self._property_rows(properties, required, "", rows, 0)
        return _table(["Property", "Type", "Required", "Description"], rows)

    def _property_rows(self, properties: dict[str, Any], required: set[str], prefix: str,
                       rows: list[list[str]], depth: int) -> None:
        for name in sorted(properties):
            schema = properties[name]
            resolved = _mapping(self.resolve(schema))
            own = schema.get("description") if isinstance(schema, dict) else None
            rows.append([_code(prefix + name), self.type_of(schema),
                         "yes" if name in required else "no",
                         _cell(own or resolved.get("description"))])
            if depth >= MAX_DEPTH or not isinstance(schema, dict) or "$ref" in schema:
                continue
            # An inline object's own properties follow it, named by their path.
            inner, inner_prefix = schema, f"{prefix}{name}."
            items = schema.get("items")
            if schema.get("type") == "array" and isinstance(items, dict):
                if "$ref" in items:
                    continue
                inner, inner_prefix = items, f"{prefix}{name}[]."
            more, needed = self.properties(inner)
            if more:
                self._property_rows(more, needed, inner_prefix, rows, depth + 1)

    def model_section(self) -> list[str]:
        if not self.models:
            return []
        parts = ["## Models"]
        for name in sorted(self.models):
            raw = self.models[name]
            parts.append(f"### {_text(name)} {{#{self.model_ids[name]}}}")
            schema = _mapping(self.resolve(raw)) if self.model_name(raw) is None else \
                _mapping(raw)
            parts.append(_markdown(schema.get("description")))
            table = self.property_table(raw) if self.model_name(raw) is None else ""
            composed = any(schema.get(key) for key in ("allOf", "oneOf", "anyOf"))
            if not table or composed:
                parts.append(f"Type: {self.type_of(raw)}")
            parts.append(table)
            values = []
            if "default" in schema:
                values.append(f"Default: {_code(_shown(schema['default']))}")
            example = self.example_of({}, schema)
            if example is not None and isinstance(example, dict | list):
                parts.append(", ".join(values))
                parts.append("Example:")
                parts.append(_fence(_example_text(example), "json"))
                continue
            if example is not None:
                values.append(f"Example: {_code(_shown(example))}")
            parts.append(", ".join(values))
        return parts


def _see_also(docs: Any) -> str:
    """An External Documentation object as a link."""
    docs = _mapping(docs)
    if not docs.get("url"):
        return ""
    label = _text(docs.get("description") or docs["url"])
    return f"See also: [{label}](<{one_line(docs['url'])}>)"


def _example_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def _reason(code: str) -> str:
    try:
        return http.HTTPStatus(int(code)).phrase
    except ValueError:
        return ""


def _walk(value: Any, where: list[str]) -> Iterator[tuple[list[str], Any]]:
    """Every value of the document with its path of keys, each shared value once."""
    seen: set[int] = set()
    stack: list[tuple[list[str], Any]] = [(where, value)]
    while stack:
        path, current = stack.pop()
        if isinstance(current, dict | list):
            if id(current) in seen:
                continue
            seen.add(id(current))
        yield path, current
        if isinstance(current, dict):
            items = list(current.items())
        elif isinstance(current, list):
            items = [(str(i), v) for i, v in enumerate(current)]
        else:
            continue
        stack.extend(([*path, key], item) for key, item in reversed(items))
