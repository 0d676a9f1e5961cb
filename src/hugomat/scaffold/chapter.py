"""`hugomat new chapter PATH`: a new page in the content folder, from the site's archetypes
when it has them (as `hugo new content` does), otherwise with a title, a weight and a date.

An archetype is a Go template, run with hugomat.gotemplate as Hugo runs it. One the
interpreter cannot run (a function it lacks) is filled in by key instead: in its front matter
a title from the file name, dates with now, `draft` true; any other action is left out with a
note, and the rest of the archetype is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from hugomat.errors import ContentError, Location
from hugomat.read import frontmatter
from hugomat.scaffold import ScaffoldRefused

# `{{ ... }}` with Go's trim markers `{{-` and `-}}`; actions do not span lines in archetypes
# hugomat fills by key (one that does is left for the template interpreter).
ACTION = re.compile(r"\{\{-?.*?-?\}\}")
# A top-level key at the start of a front matter line: YAML `key:`, TOML `key =`, JSON `"key":`.
KEY = re.compile(r"""^["']?(?P<key>[A-Za-z0-9_.-]+)["']?\s*[:=]""")
DATE_KEYS = frozenset({"date", "publishdate", "lastmod"})


@dataclass(frozen=True)
class NewChapter:
    path: Path
    archetype: Path | None
    notes: list[str] = field(default_factory=list)


def new_chapter(content_dir: Path, archetypes_dir: Path, name: str, *, kind: str | None = None,
                now: datetime | None = None, display: Callable[[Path], str] = str,
                site: Mapping[str, object] | None = None) -> NewChapter:
    """Write the page `name` (relative to `content_dir`; `.md` added when it has no suffix);
    `display` says how messages name files, `site` is an archetype's `.Site` (Title,
    BaseURL, Params).

    Raises ScaffoldRefused (the page exists, the path leaves the content folder, an asked-for
    kind has no archetype) and ContentError (the archetype does not make valid front matter).
    """
    rel = _content_path(content_dir, name)
    target = content_dir / rel
    if target.exists():
        raise ScaffoldRefused(f"{target} already exists; nothing was written")
    when = (now or datetime.now(UTC)).replace(microsecond=0)
    title = title_from_name(rel)
    archetype = find_archetype(archetypes_dir, rel, kind)
    notes: list[str] = []
    if archetype is None:
        text = _plain_page(title, _next_weight(target.parent), when)
    else:
        text = from_archetype(archetype, rel=rel, when=when, notes=notes,
                              shown=display(archetype), site=site or {})
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return NewChapter(target, archetype, notes)


def find_archetype(archetypes_dir: Path, rel: PurePosixPath, kind: str | None) -> Path | None:
    """Hugo's lookup: `--kind`'s archetype, else the one named after the page's top section,
    else `default.md`; None when the site has none of them."""
    if kind is not None:
        asked = archetypes_dir / f"{kind}.md"
        if not asked.is_file():
            raise ScaffoldRefused(f"there is no archetype {asked} for --kind {kind}")
        return asked
    names = [f"{rel.parts[0]}.md"] if len(rel.parts) > 1 else []
    for candidate in (*names, "default.md"):
        path = archetypes_dir / candidate
        if path.is_file():
            return path
    return None


def from_archetype(archetype: Path, *, rel: PurePosixPath, when: datetime, notes: list[str],
                   shown: str, site: Mapping[str, object]) -> str:
    try:
        text = archetype.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(Location(shown), f"is not UTF-8 text (byte 0x"
                           f"{error.object[error.start]:02x})") from None
    rendered = run_go_template(text, rel=rel, when=when, shown=shown, site=site, notes=notes)
    if rendered is None:
        rendered = _filled_by_key(text, shown, title=title_from_name(rel), when=when,
                                  notes=notes)
    try:
        frontmatter.split(rendered, shown)
    except ContentError as error:
        raise ContentError(error.location, f"the page made from this archetype has "
                           f"{error.message}") from None
    return rendered


def run_go_template(text: str, *, rel: PurePosixPath, when: datetime, shown: str,
                    site: Mapping[str, object], notes: list[str]) -> str | None:
    """The archetype run as the Go text template it is, with what Hugo 0.168 gives an
    archetype: `.Date` (text), `.Name`, `.Type`, `.Section`, `.File` and `.Site` (no `.Kind`:
    Hugo fails on it too). None, with a note saying why, when the interpreter cannot run it."""
    from hugomat.gotemplate import Environment, TemplateError

    base = _base_name(rel)
    section = rel.parts[0] if len(rel.parts) > 1 else ""
    data = {
        "Date": rfc3339(when), "Name": base, "Section": section, "Type": section or "page",
        "Site": dict(site),
        "File": {"ContentBaseName": base, "BaseFileName": rel.stem, "Ext": rel.suffix[1:],
                 "LogicalName": rel.name, "Path": str(rel),
                 "Dir": "" if rel.parent == PurePosixPath(".") else f"{rel.parent}/"},
    }
    try:
        return Environment(escape=False).parse(shown, text, path=shown).execute(data)
    except TemplateError as error:
        notes.append(f"{error}; the archetype's front matter keys were filled in instead")
        return None


def rfc3339(when: datetime) -> str:
    """A time as Go's time.RFC3339 writes it (`Z` for UTC), as Hugo gives `.Date`."""
    text = when.isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _filled_by_key(text: str, shown: str, *, title: str, when: datetime,
                   notes: list[str]) -> str:
    lines = text.splitlines(keepends=True)
    front_end = _front_matter_end(lines)
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not ACTION.search(line):
            out.append(line)
            continue
        where = Location(shown, number)
        match = KEY.match(line.lstrip()) if number <= front_end else None
        value = _value_for(match["key"].lower(), title, when) if match else None
        if value is None:
            notes.append(f"{where}: left out a template action hugomat cannot run yet: "
                         f"{line.strip()}")
            kept = ACTION.sub("", line)
            # A key whose whole value was an action goes; so does a body line of nothing else.
            if not kept.strip() or (match and not kept[match.end():].strip(" \t\r\n'\"")):
                continue
            out.append(kept)
        else:
            out.append(ACTION.sub(value, line))
    return "".join(out)


def _value_for(key: str, title: str, when: datetime) -> str | None:
    if key in ("title", "linktitle"):
        return title
    if key in DATE_KEYS:
        return rfc3339(when)
    if key == "draft":
        return "true"
    return None


def _front_matter_end(lines: list[str]) -> int:
    """The line number of the front matter's closing delimiter (0 when there is none)."""
    if not lines:
        return 0
    opener = lines[0].strip()
    if opener in ("---", "+++"):
        for number, line in enumerate(lines[1:], start=2):
            if line.strip() == opener:
                return number
    if opener.startswith("{"):
        for number, line in enumerate(lines, start=1):
            if line.rstrip() == "}":
                return number
    return 0


def _plain_page(title: str, weight: int, when: datetime) -> str:
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    return (f'---\ntitle: "{quoted}"\nweight: {weight}\ndate: {rfc3339(when)}\n---\n\n'
            f"# {title}\n")


def _next_weight(folder: Path) -> int:
    """One more than the highest weight of the pages beside the new one, so it comes last."""
    highest = 0
    for page in folder.glob("*.md") if folder.is_dir() else ():
        try:
            weight = frontmatter.read(page).data.get("weight")
        except (ContentError, OSError, UnicodeDecodeError):
            continue
        if isinstance(weight, int) and not isinstance(weight, bool):
            highest = max(highest, weight)
    return highest + 1


# The title of Hugo's own default archetype, the one it uses when a site has none.
HUGO_DEFAULT_TITLE = '{{ replace . "-" " " | title }}'


def title_from_name(rel: PurePosixPath) -> str:
    """The title Hugo's default archetype gives: the file name (the folder's, for
    `index.md`), dashes as spaces, in title case (AP style: `a-tale-of-the-sea` is
    'A Tale of the Sea')."""
    from hugomat.gotemplate import Environment

    stem = _base_name(rel)
    template = Environment(escape=False).parse("title", HUGO_DEFAULT_TITLE, path="title")
    return template.execute(stem).strip() or stem


def _base_name(rel: PurePosixPath) -> str:
    """Hugo's ContentBaseName: the file's name, or its folder's for a bundle's index."""
    return rel.parent.name if rel.stem in ("index", "_index") and rel.parent.name else rel.stem


def _content_path(content_dir: Path, name: str) -> PurePosixPath:
    rel = PurePosixPath(name.replace("\\", "/"))
    # `hugo new content content/docs/x.md` names the content folder too.
    if rel.parts and rel.parts[0] == content_dir.name and len(rel.parts) > 1:
        rel = PurePosixPath(*rel.parts[1:])
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise ScaffoldRefused(f"{name}: give a path inside the content folder, such as "
                              "docs/my-chapter.md")
    if not rel.suffix:
        rel = rel.with_suffix(".md")
    if rel.suffix != ".md":
        raise ScaffoldRefused(f"{name}: a page is a Markdown file, ending in .md")
    return rel
