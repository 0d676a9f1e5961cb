"""Random small books with random mistakes: every mistake is reported at its place, the build
exits 1 without a traceback, and the last good site stays byte for byte as it was."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hugomat.cli import main
from site_configs import MINIMAL_MKDOCS_YML


@dataclass(frozen=True)
class Mistake:
    """Lines put into a chapter's body; the error is reported on the first of them."""

    lines: tuple[str, ...]
    message: str
    """A part of the error's message."""
    stops_page: bool = False
    """The page cannot be read past it (a shortcode never closed, nesting beyond the limit):
    it is reported, and the page's other mistakes may be hidden behind it."""


# Each family makes its mistake unique to the chapter and place (n), so that two mistakes of
# one family are two errors.
FAMILIES: dict[str, Callable[[int], Mistake]] = {
    "unclosed shortcode": lambda n: Mistake(
        (f'{{{{% details title="d{n}" %}}}}', "Hidden."), "never closed", stops_page=True),
    "missing picture": lambda n: Mistake((f"![p](missing-{n}.webp)",), f"missing-{n}.webp"),
    "missing relref": lambda n: Mistake((f'[x]({{{{< relref "nope-{n}" >}}}})',), f"nope-{n}"),
    "missing Markdown page": lambda n: Mistake((f"[x](nope-{n}.md)",), f"nope-{n}.md"),
    "missing anchor": lambda n: Mistake((f"[x](#nope-{n})",), f"nope-{n}"),
    "unknown shortcode": lambda n: Mistake((f"{{{{< nosuch{n} >}}}}",), f"nosuch{n}"),
    "nested too deep": lambda n: Mistake(("> " * 70 + f"deep {n}",), "nested",
                                         stops_page=True),
    "unsafe link": lambda n: Mistake((f"[x](javascript:alert({n}))",), "javascript"),
}

GOOD_LINES = ["Some prose with *emphasis* and `code`.", "- a list item", "## A heading",
              "{{< hint info >}}\nA hint.\n{{< /hint >}}", "| a | b |\n| - | - |\n| 1 | 2 |"]


@dataclass(frozen=True)
class Chapter:
    blocks: list[str | Mistake]

    def text(self, title: str, with_mistakes: bool) -> tuple[str, list[tuple[int, Mistake]]]:
        lines = ["---", f"title: {title}", "---", ""]
        placed = []
        for block in self.blocks:
            if isinstance(block, Mistake):
                if not with_mistakes:
                    continue
                placed.append((len(lines) + 1, block))
                lines.extend(block.lines)
            else:
                lines.extend(block.split("\n"))
            lines.append("")
        return "\n".join(lines), placed


@st.composite
def books(draw: st.DrawFn) -> list[Chapter]:
    chapters = []
    counter = 0
    for _ in range(draw(st.integers(1, 3))):
        blocks: list[str | Mistake] = draw(st.lists(st.sampled_from(GOOD_LINES), max_size=4))
        for _ in range(draw(st.integers(0, 2))):
            counter += 1
            mistake = FAMILIES[draw(st.sampled_from(sorted(FAMILIES)))](counter)
            blocks.insert(draw(st.integers(0, len(blocks))), mistake)
        chapters.append(Chapter(blocks))
    # At least one mistake in the book.
    if not any(isinstance(b, Mistake) for c in chapters for b in c.blocks):
        family = draw(st.sampled_from(sorted(FAMILIES)))
        chapters[0].blocks.append(FAMILIES[family](counter + 1))
    return chapters


@contextmanager
def working_folder() -> Iterator[Path]:
    before = Path.cwd()
    folder = Path(tempfile.mkdtemp(prefix="hugomat-bad-book-"))
    try:
        os.chdir(folder)
        yield folder
    finally:
        os.chdir(before)
        shutil.rmtree(folder, ignore_errors=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def write_chapters(root: Path, chapters: list[Chapter], with_mistakes: bool
                   ) -> list[list[tuple[str, int, Mistake]]]:
    """Writes the book; returns what must be reported: of each group, one at least."""
    expected = []
    for number, chapter in enumerate(chapters, start=1):
        rel = f"content/docs/chapter-{number}.md"
        text, placed = chapter.text(f"Chapter {number}", with_mistakes)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        stopping = [(rel, line, m) for line, m in placed if m.stops_page]
        if stopping:
            expected.append(stopping)
        else:
            expected += [[(rel, line, m)] for line, m in placed]
    return expected


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(books())
def test_every_mistake_is_located_and_the_last_site_kept(chapters: list[Chapter]) -> None:
    with working_folder() as folder:
        root = folder / "book"
        root.mkdir()
        (root / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML, encoding="utf-8")
        os.chdir(root)
        write_chapters(root, chapters, with_mistakes=False)
        good = CliRunner().invoke(main, ["build", "--strict", "-q"])
        assert good.exit_code == 0, good.output
        before = snapshot(root / "site")

        expected = write_chapters(root, chapters, with_mistakes=True)
        result = CliRunner().invoke(main, ["build", "--strict", "-q"])

        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        errors = result.stderr.splitlines()
        for group in expected:
            assert any(e.startswith(f"{Path(rel)}:{line}:") and mistake.message in e
                       for rel, line, mistake in group for e in errors), (
                f"{group} not reported in:\n{result.stderr}")
        assert snapshot(root / "site") == before
        assert not list(root.glob("site.tmp-*"))
