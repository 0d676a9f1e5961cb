"""Synthetic hugo-book books for the build-speed benchmark (bench/bench_build.py).

A book of N chapters is laid out as a Hugo site for the hugo-book theme: a home page and, under
`docs/`, parts of PART_SIZE chapters (`docs/part-07/_index.md`, `docs/part-07/chapter-0123.md`).
Each chapter is a few KB of deterministic prose with headings, a list, a code block, a table, a
`hint`, a `details` block, a `relref` to another chapter and a banner (`image:` in the front
matter). The banners are a handful of photo-like pictures painted once by
bench/banner_painter.py and shared by all chapters (and all books), so that a warm picture
cache serves every build.

A book in two languages has `content.en/` and `content.es/` with the same chapters (the
Spanish text is other words, the same shape). Each book folder gets four configurations:

    mkdocs.yml       one language (content.en)
    mkdocs-2.yml     two languages: en at the root, es under /es/, built in parallel
    mkdocs-es.yml    Spanish alone (for "two languages one after the other")
    mkdocs-prune.yml one language with Material's `navigation.prune` always on
    mkdocs-noprune.yml one language, `navigation.prune` never on (hugomat turns it on above
                     `prune_navigation_above` pages, 150 by default)

    .venv/bin/python bench/synthetic_book.py OUT --chapters 200      # write one book
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from banner_painter import painted

PART_SIZE = 20
BANNER_COUNT = 5
LANGUAGES = ("en", "es")

_WORD_TEXT = {
    "en": """model attention token gradient layer weight training inference context window
        benchmark dataset image diffusion transformer agent reasoning latency memory cache
        the a of and to in that it was for on with as by an we they this but not from
        every early later quickly slowly open closed small large new old first second
        release paper team lab community result question answer prompt editor review
        builds learns fails improves compares measures changes moves ships tries""",
    "es": """modelo atención token gradiente capa peso entrenamiento inferencia contexto ventana
        prueba datos imagen difusión transformador agente razonamiento latencia memoria
        el la de y que en un una los las por con para como pero no desde cada pronto
        después rápido lento abierto cerrado pequeño grande nuevo viejo primero segundo
        lanzamiento artículo equipo laboratorio comunidad resultado pregunta respuesta
        construye aprende falla mejora compara mide cambia mueve publica intenta""",
}
WORDS = {language: text.split() for language, text in _WORD_TEXT.items()}
LABELS = {
    "en": {"part": "Part", "chapter": "Chapter", "home": "Chronicle", "note": "Note",
           "more": "More on", "see": "see"},
    "es": {"part": "Parte", "chapter": "Capítulo", "home": "Crónica", "note": "Nota",
           "more": "Más sobre", "see": "véase"},
}


@dataclass(frozen=True)
class Book:
    root: Path
    chapters: int
    languages: tuple[str, ...]

    def config(self, kind: str = "one") -> Path:
        """mkdocs.yml of a kind: 'one', 'two' (languages), 'es' (Spanish alone), 'prune',
        'noprune'."""
        names = {"one": "mkdocs.yml", "two": "mkdocs-2.yml", "es": "mkdocs-es.yml",
                 "prune": "mkdocs-prune.yml", "noprune": "mkdocs-noprune.yml"}
        return self.root / names[kind]

    def chapter_path(self, number: int, language: str = "en") -> Path:
        return self.root / f"content.{language}" / "docs" / _part_dir(number) / _chapter_file(
            number)

    def chapter_url(self, number: int) -> str:
        """The chapter's URL path under the site root, e.g. 'docs/part-01/chapter-0001/'."""
        return f"docs/{_part_dir(number)}/{_chapter_file(number)[:-3]}/"

    def markdown_bytes(self, language: str = "en") -> int:
        folder = self.root / f"content.{language}"
        return sum(p.stat().st_size for p in folder.rglob("*.md"))


def banners(folder: Path, count: int = BANNER_COUNT) -> list[Path]:
    """`count` banners (2464x1856 lossy WebP, seeds 101..), painted once and kept in `folder`."""
    return painted(folder, range(101, 101 + count))


def write_book(root: Path, chapters: int, banner_files: list[Path], cache_dir: Path,
               languages: tuple[str, ...] = LANGUAGES) -> Book:
    """Write (or rewrite) a book of `chapters` chapters in `languages` under `root`."""
    for language in languages:
        shutil.rmtree(root / f"content.{language}", ignore_errors=True)
    assets = root / "assets" / "banners"
    shutil.rmtree(assets, ignore_errors=True)
    assets.mkdir(parents=True)
    for banner in banner_files:
        _link_or_copy(banner, assets / banner.name)
    names = [b.name for b in banner_files]
    for language in languages:
        content = root / f"content.{language}"
        _write(content / "_index.md", _home(language, chapters))
        _write(content / "docs" / "_index.md", _front({"title": LABELS[language]["home"],
                                                         "bookHidden": True}) + "\n")
        for part in range(1, (chapters - 1) // PART_SIZE + 2):
            label = LABELS[language]["part"]
            _write(content / "docs" / f"part-{part:02d}" / "_index.md",
                   _front({"title": f"{label} {part}", "weight": part})
                   + f"\n# {label} {part}\n\n{_paragraph(random.Random(part), language)}\n")
        for number in range(1, chapters + 1):
            text = chapter_text(number, chapters, language, names)
            _write(content / "docs" / _part_dir(number) / _chapter_file(number), text)
    (root / "static").mkdir(exist_ok=True)
    _write_configs(root, cache_dir)
    return Book(root, chapters, languages)


def chapter_text(number: int, chapters: int, language: str, banner_names: list[str]) -> str:
    """One chapter, about 4 KB: front matter with a banner, headings, prose, a list, a code
    block, a table, a hint, a details block and a relref to another chapter."""
    rng = random.Random(number * 7919 + (0 if language == "en" else 1))
    words = LABELS[language]
    title = f"{words['chapter']} {number}: {_title(rng, language)}"
    other = (number * 37) % chapters + 1
    if other == number:
        other = number % chapters + 1
    front = _front({
        "title": title,
        "weight": number,
        "image": f"banners/{banner_names[number % len(banner_names)]}",
        "description": _sentence(rng, language, 10, 16),
    })
    sections = [f"# {_title(rng, language)}\n", _paragraph(rng, language), _paragraph(
        rng, language)]
    sections.append(f"## {_title(rng, language)}\n")
    sections.append(_paragraph(rng, language))
    sections.append("\n".join(f"- {_sentence(rng, language, 5, 10)}" for _ in range(4)) + "\n")
    sections.append(
        f"{{{{< hint info >}}}}\n**{words['note']}:** {_paragraph(rng, language, 2, 3)}"
        f"{{{{< /hint >}}}}\n")
    sections.append(f"## {_title(rng, language)}\n")
    link = f"/docs/{_part_dir(other)}/{_chapter_file(other)[:-3]}"
    sections.append(
        f"{_sentence(rng, language, 8, 14)[:-1]} ({words['see']} "
        f"[{words['chapter']} {other}]({{{{< relref \"{link}\" >}}}})). "
        + _paragraph(rng, language))
    sections.append(f"### {_title(rng, language)}\n")
    sections.append(_paragraph(rng, language))
    sections.append("```python\n" + "\n".join(
        f"{rng.choice(WORDS['en'])}_{i} = compute({rng.randint(1, 999)}, "
        f"{rng.choice(WORDS['en'])!r})" for i in range(4)) + "\n```\n")
    sections.append(
        f'{{{{< details "{words["more"]} {_title(rng, language).lower()}" >}}}}\n'
        f"{_paragraph(rng, language, 3, 4)}{{{{< /details >}}}}\n")
    sections.append(f"## {_title(rng, language)}\n")
    sections.append("| year | value | note |\n| --- | --- | --- |\n" + "".join(
        f"| {2015 + i} | {rng.randint(1, 1000)} | {_title(rng, language)} |\n"
        for i in range(4)))
    sections.append(_paragraph(rng, language))
    sections.append(_paragraph(rng, language))
    return front + "\n" + "\n".join(sections)


def edit_marker(path: Path, marker: str) -> None:
    """Append a paragraph holding `marker` to a chapter (what an author's edit looks like)."""
    with path.open("a", encoding="utf-8") as out:
        out.write(f"\nEdited: {marker}\n")


# -- text -----------------------------------------------------------------------------------


def _sentence(rng: random.Random, language: str, low: int = 9, high: int = 20) -> str:
    words = [rng.choice(WORDS[language]) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.3:
        at = rng.randrange(len(words))
        words[at] = f"**{words[at]}**"
    if rng.random() < 0.2:
        at = rng.randrange(len(words))
        words[at] = f"`{words[at]}`"
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def _paragraph(rng: random.Random, language: str, low: int = 4, high: int = 7) -> str:
    return " ".join(_sentence(rng, language) for _ in range(rng.randint(low, high))) + "\n"


def _title(rng: random.Random, language: str) -> str:
    words = [rng.choice(WORDS[language]) for _ in range(rng.randint(2, 4))]
    return " ".join(words).capitalize()


def _home(language: str, chapters: int) -> str:
    rng = random.Random(chapters)
    return (_front({"title": LABELS[language]["home"]})
            + f"\n# {LABELS[language]['home']}\n\n{_paragraph(rng, language)}")


def _front(data: dict[str, object]) -> str:
    lines = []
    for key, value in data.items():
        if isinstance(value, bool):
            lines.append(f"{key}: {'true' if value else 'false'}")
        elif isinstance(value, int):
            lines.append(f"{key}: {value}")
        else:
            lines.append(f'{key}: "{value}"')
    return "---\n" + "\n".join(lines) + "\n---\n"


def _part_dir(number: int) -> str:
    return f"part-{(number - 1) // PART_SIZE + 1:02d}"


def _chapter_file(number: int) -> str:
    return f"chapter-{number:04d}.md"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _link_or_copy(source: Path, target: Path) -> None:
    # A hard link, not a symbolic one: hugomat refuses pictures that lead outside assets/.
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


# -- configurations -------------------------------------------------------------------------

_THEME = """\
theme:
  name: material
  language: {language}
  font: false
  features:
    - navigation.instant
    - navigation.indexes
    - navigation.footer
    - navigation.top
    - toc.follow
    - search.highlight
    - search.suggest
    - content.code.copy{extra_features}
"""

_PLUGIN = """\
plugins:
  - search
  - hugomat:
      asset_dirs: [assets, static]
      book_section: docs
      cache_dir: {cache_dir}
"""


def _write_configs(root: Path, cache_dir: Path) -> None:
    plugin = _PLUGIN.format(cache_dir=cache_dir.resolve())

    def config(name: str, docs: str, language: str, extra: str = "", features: str = "") -> None:
        text = (f"site_name: Synthetic book\nsite_url: https://example.org/book/\n"
                f"docs_dir: {docs}\n"
                + _THEME.format(language=language, extra_features=features) + plugin + extra)
        (root / name).write_text(text, encoding="utf-8")

    config("mkdocs.yml", "content.en", "en")
    config("mkdocs-es.yml", "content.es", "es")
    config("mkdocs-prune.yml", "content.en", "en", features="\n    - navigation.prune")
    config("mkdocs-noprune.yml", "content.en", "en", extra="      prune_navigation_above: 0\n")
    config("mkdocs-2.yml", "content.en", "en", extra=(
        "      default_language: en\n"
        "      languages:\n"
        "        en: {content_dir: content.en, label: English, weight: 1}\n"
        "        es: {content_dir: content.es, label: Español, weight: 2}\n"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic hugo-book book.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--chapters", type=int, default=200)
    parser.add_argument("--banners", type=Path, default=None,
                        help="folder of painted banners (default: OUT/../banners)")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="hugomat's picture cache (default: OUT/../picture-cache)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    painted = banners(args.banners or out.parent / "banners")
    book = write_book(out, args.chapters, painted, args.cache_dir or out.parent / "picture-cache")
    print(f"{book.root}: {book.chapters} chapters, {book.markdown_bytes() / 1e6:.2f} MB of "
          f"Markdown per language")
    return 0


if __name__ == "__main__":
    sys.exit(main())
