"""Emoji codes (`:smile:`) on a site that sets Hugo's `enableEmoji`, rendered by Hugo with
hugo-book and by hugomat with its `emoji` option, compared page by page as canonical HTML:
where codes are read and where they stay as written, and every one of GitHub's 1,913 names."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pymdownx import gemoji_db

from hugo_reference import DEFAULT_CONFIG, HugoRender, hugo_render
from hugomat_reference import MKDOCS_YML, HugomatRender, assert_reads_as_hugo, hugomat_render

HUGO_CONFIG = DEFAULT_CONFIG.replace("theme = 'hugo-book'\n",
                                     "theme = 'hugo-book'\nenableEmoji = true\n")

CASES = {
    "places": "A :smile: b, a:smile:b, :smile::heart:, :+1: and :-1:.\n\n"
              "**:heart:** strong, *a :tada:* em, ~~:x:~~ struck.\n\n"
              "| col :smile: |\n| --- |\n| :heart: |\n\n"
              "<span>:smile:</span> in raw HTML.\n",
    "as-written": ":SMILE: is another case, :nope: no emoji, :smile : a space, `:smile:` code,\n"
                  "http://example.com/:smile:/ a URL, <https://example.org/:heart:> an autolink,\n"
                  "[a link :heart:](https://x.org/:heart:/), :smile\n: over a line.\n",
    "heading": "# Heading :smile:\n\nText.\n\n## :tada: first\n",
    "aliases": ":thumbsup: :e-mail: :t-rex: :hash: :100: :1234: :love_letter:\n",
    "every-name": "".join(f"- {name}\n" for name in [*gemoji_db.emoji, *gemoji_db.aliases]),
}


def page_name(name: str) -> str:
    return f"emoji-{name}"


def _emoji_on(config: str) -> str:
    settings = yaml.safe_load(config)
    for plugin in settings["plugins"]:
        if isinstance(plugin, dict) and "hugomat" in plugin:
            plugin["hugomat"]["emoji"] = True
    return yaml.safe_dump(settings, sort_keys=False)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {page_name(name): f'---\ntitle: "Emoji {name}"\nbookHidden: true\n---\n{text}'
            for name, text in CASES.items()}


@pytest.fixture(scope="module")
def hugo(pages: dict[str, str]) -> HugoRender:
    return hugo_render(pages, config=HUGO_CONFIG)


@pytest.fixture(scope="module")
def ours(pages: dict[str, str], hugo: HugoRender,
         tmp_path_factory: pytest.TempPathFactory) -> HugomatRender:
    folder: Path = tmp_path_factory.mktemp("emoji") / "book"
    return hugomat_render(pages, folder, config=_emoji_on(MKDOCS_YML), files=hugo.files)


@pytest.mark.parametrize("name", list(CASES))
def test_emoji_codes_read_as_hugo_reads_them(name: str, hugo: HugoRender, ours: HugomatRender):
    assert_reads_as_hugo(name, page_name(name), hugo, ours)


def test_without_the_option_codes_stay_as_written(tmp_path: Path):
    text = '---\ntitle: "Off"\n---\nA :smile: b.\n'
    built = hugomat_render({"emoji-off": text}, tmp_path / "book")
    assert ":smile:" in built.articles["emoji-off"]


def test_a_sections_summaries_draw_emoji_codes_too(project):
    from hugomat.read import book
    from hugomat.read.source import SiteSource
    from hugomat.render.renderers.section import summary

    root = project({"docs/a.md": "---\ntitle: A\n---\nHappy :smile: text.\n"})
    loaded = book.load(SiteSource(root=root, content_dir=root / "content", emoji=True))
    page = loaded.by_rel_path["docs/a.md"]
    assert summary(page, emoji=True) == "Happy \U0001f604 text."
    assert summary(page) == "Happy :smile: text."
