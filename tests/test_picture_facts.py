"""Picture sources untouched since an earlier build are planned from its record, unread; a
changed one is read again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from hugomat.errors import Location
from hugomat.pictures import facts as picture_facts
from hugomat.pictures import lookup, plan

AT = Location("content/a.md", 1, 1)


@pytest.fixture
def store(tmp_path: Path):
    picture_facts.use(tmp_path / "cache" / "sources.json")
    yield tmp_path / "cache" / "sources.json"
    picture_facts.use(None)


def banner(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (300, 400)) -> None:
    # Portrait: width and height must not be swapped on the way through the record.
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "WEBP")


def planned(root: Path) -> tuple[str, int, int]:
    found = lookup.find("b.webp", (root,), AT)
    made = plan(found)
    return made.digest, made.width, made.height


def test_an_untouched_source_is_planned_unread_by_the_next_build(tmp_path, store, monkeypatch):
    root = tmp_path / "static"
    banner(root / "b.webp", (200, 40, 40))
    first = planned(root)
    picture_facts.KNOWN.save()
    assert store.is_file()
    # The next build: a new process (a store read from the file), no byte of the source read.
    picture_facts.use(None)
    picture_facts.use(store)
    opened: list[Path] = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes",
                        lambda self: opened.append(self) or real_read(self))
    monkeypatch.setattr(lookup, "_read_size", lambda *a: pytest.fail("header read"))
    assert planned(root) == first == (first[0], 300, 400)
    assert root / "b.webp" not in [p.resolve() for p in opened]


def test_a_changed_source_is_read_again(tmp_path, store):
    root = tmp_path / "static"
    banner(root / "b.webp", (200, 40, 40))
    digest, _, _ = planned(root)
    picture_facts.KNOWN.save()
    picture_facts.use(None)
    picture_facts.use(store)
    banner(root / "b.webp", (40, 200, 40), size=(500, 300))
    stat = (root / "b.webp").stat()
    os.utime(root / "b.webp", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    again, width, height = planned(root)
    assert again != digest and (width, height) == (500, 300)


def test_a_damaged_record_is_ignored(tmp_path, store):
    root = tmp_path / "static"
    banner(root / "b.webp", (200, 40, 40))
    store.parent.mkdir(parents=True)
    store.write_text('{"version": 1, "sources": {"x": [1]}}')
    picture_facts.use(None)
    picture_facts.use(store)
    assert planned(root)[1:] == (300, 400)
