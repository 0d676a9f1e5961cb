"""`hugomat new site DIR`: a small book that builds at once, with everything an author needs
to grow it and publish it."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from hugomat.scaffold import ScaffoldRefused
from hugomat.scaffold.workflow import AUTHORS_WORKFLOW, WORKFLOW_PATH

BANNER_PATH = "assets/banners/first-chapter.webp"
BANNER_SIZE = (1200, 450)

MKDOCS_YML = """\
site_name: {title}
docs_dir: content
# site_url: https://OWNER.github.io/REPO/   # set it so that the 404 page works everywhere

theme:
  name: material
  # No Google Fonts: the site loads nothing from outside its own origin.
  font: false
  features:
    - navigation.indexes
    - navigation.footer
    - content.code.copy

plugins:
  - search
  - hugomat:
      book_section: docs        # the folder drawn as the menu
      asset_dirs: [assets, static]
"""

HOME = """\
---
title: "{title}"
---

# {title}

Welcome. The chapters are in the menu; the first one is [First chapter](docs/first-chapter.md).
"""

CHAPTER = """\
---
title: "First chapter"
weight: 1
image: banners/first-chapter.webp
---

This chapter's banner is `assets/{banner}`, named by `image:` in the front matter above:
hugomat makes it into AVIF and WebP files of several widths and the browser picks the one
that fits its screen.

{{{{< hint info >}}}}
Start a new chapter with `hugomat new chapter docs/second-chapter.md`, preview the book with
`hugomat serve`, and check it with `hugomat check`.
{{{{< /hint >}}}}

## Writing

Pages are Markdown with front matter, as in Hugo with the hugo-book theme: `title`, `weight`
for the order of the menu, `draft: true` for a page not yet published.
"""

GITIGNORE = """\
# What hugomat builds and caches
site/
.cache/
"""

STATIC_README = """\
Files here are copied into the site as they are (Hugo's static/): favicons, downloads.
"""


@dataclass(frozen=True)
class NewSite:
    folder: Path
    files: list[Path]


def new_site(folder: Path, *, force: bool = False) -> NewSite:
    """Write a ready book into `folder`, which must be empty or new (or, with `force`, hold
    none of the files written)."""
    folder = folder.expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        raise ScaffoldRefused(f"{folder} is a file, not a folder")
    title = _title(folder.name)
    files: dict[str, bytes] = {
        "mkdocs.yml": MKDOCS_YML.format(title=_yaml_text(title)).encode(),
        "content/_index.md": HOME.format(title=title.replace('"', "'")).encode(),
        "content/docs/first-chapter.md": CHAPTER.format(banner=BANNER_PATH).encode(),
        BANNER_PATH: banner(),
        "static/README.txt": STATIC_README.encode(),
        ".gitignore": GITIGNORE.encode(),
        WORKFLOW_PATH: AUTHORS_WORKFLOW.encode(),
    }
    if folder.is_dir() and any(folder.iterdir()):
        if not force:
            raise ScaffoldRefused(f"{folder} is not empty; choose a new folder, or use --force "
                                  "to add the book to it")
        taken = [rel for rel in files if (folder / rel).exists()]
        if taken:
            raise ScaffoldRefused(f"{folder} already has {', '.join(taken)}; nothing was "
                                  "written")
    written = []
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return NewSite(folder, written)


def banner(size: tuple[int, int] = BANNER_SIZE) -> bytes:
    """A calm landscape painted here (a dusk sky over two rows of hills), so the first chapter
    shows the picture pipeline at work without any file fetched or shipped."""
    width, height = size
    sky = Image.linear_gradient("L").resize(size)
    picture = Image.composite(Image.new("RGB", size, (246, 196, 140)),
                              Image.new("RGB", size, (52, 84, 140)), sky)
    draw = ImageDraw.Draw(picture)
    draw.ellipse((width * 0.62, height * 0.30, width * 0.74, height * 0.62),
                 fill=(255, 226, 170))
    for ridge, colour in ((0.62, (70, 96, 110)), (0.78, (38, 60, 70))):
        top = int(height * ridge)
        points = [(0, height)]
        for step in range(13):
            x = width * step / 12
            y = top + (step % 3 - 1) * height * 0.06 + (step % 2) * height * 0.03
            points.append((x, y))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(2))
    buffer = io.BytesIO()
    picture.save(buffer, "WEBP", quality=85, method=4)
    return buffer.getvalue()


def _title(folder_name: str) -> str:
    words = folder_name.replace("-", " ").replace("_", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "My Book"


def _yaml_text(text: str) -> str:
    # A double-quoted YAML scalar: any folder name stays text.
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
