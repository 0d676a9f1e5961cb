"""Small excerpts of real hugo-book sites, built unchanged, against what Hugo renders for them.

Each folder of tests/fixtures/real_sites/ holds `site/` (a few pages and the configuration of a
public site whose licence allows it; its README names the source, the commit and the licence)
and `hugo/` (the articles Hugo 0.168 rendered for it with hugo-book, written by
`bench/real_sites.py expect FOLDER`). Each test runs `hugomat import` on a copy of `site/` and
`hugomat build`, as a new user would, and compares: every text block of Hugo's article must
appear in hugomat's page at the same URL, in the same order.

What hugomat does not yet do is marked xfail(strict=True) with the missing feature as the
reason: the test turns into a failure (XPASS) when the feature lands, and the mark goes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from corpus_text import blocks_of, compare

FIXTURES = Path(__file__).parent / "fixtures" / "real_sites"
_OUR_ARTICLE = '<article class="md-content__inner md-typeset">'


@dataclass
class Built:
    site: Path
    out: Path
    import_code: int
    import_output: str
    code: int
    output: str

    @property
    def config(self) -> dict:
        return yaml.safe_load((self.out / "mkdocs.yml").read_text("utf-8"))

    def page(self, url: str) -> Path:
        return self.out / "site" / url.strip("/") / "index.html"


def invoke(*args: str) -> subprocess.CompletedProcess[str]:
    """hugomat run as a person runs it, in a process of its own (a build starts and reaps
    worker processes of its own)."""
    return subprocess.run([sys.executable, "-m", "hugomat.cli", *args], capture_output=True,
                          text=True, timeout=600)


def build(name: str, folder: Path, *, strict: bool = False) -> Built:
    """`hugomat import` of a copy of the excerpt, then `hugomat build` of what it wrote."""
    site = folder / name
    shutil.copytree(FIXTURES / name / "site", site)
    out = folder / f"{name}-out"
    imported = invoke("import", str(site), "--out", str(out))
    said = imported.stdout + imported.stderr
    if imported.returncode != 0:
        return Built(site, out, imported.returncode, said, -1, "")
    args = ["build", "-q", "-f", str(out / "mkdocs.yml"), "-d", str(out / "site")]
    built = invoke(*args, *(["--strict"] if strict else []))
    return Built(site, out, 0, said, built.returncode, built.stdout + built.stderr)


@pytest.fixture(scope="module")
def excerpts(tmp_path_factory: pytest.TempPathFactory):
    """Each excerpt built once for the module (non-strict), on first use."""
    made: dict[str, Built] = {}

    def get(name: str) -> Built:
        if name not in made:
            made[name] = build(name, tmp_path_factory.mktemp(name))
        return made[name]

    return get


def hugo_pages(name: str) -> dict[str, Path]:
    """URL -> Hugo's stored article, for the pages of the excerpt that hold text."""
    pages = {}
    for path in sorted((FIXTURES / name / "hugo").glob("*.html")):
        url = "/" if path.stem == "_root" else "/" + path.stem.replace("__", "/") + "/"
        pages[url] = path
    return pages


def missing_text(built: Built, url: str, hugo_article: Path) -> list[str]:
    """Hugo's text blocks of the page not found, in order, in hugomat's page at that URL."""
    assert built.code == 0, built.output
    page = built.page(url)
    assert page.is_file(), f"hugomat made no page at {url}"
    text = page.read_text("utf-8")
    ours = text[text.index(_OUR_ARTICLE) + len(_OUR_ARTICLE):text.rindex("</article>")]
    hugo = blocks_of(hugo_article.read_text("utf-8"))
    return compare(hugo, blocks_of(ours), []).missing


def text_params(name: str, waiting_for: str | None = None,
                pages: dict[str, str] | None = None):
    """One test per page Hugo made for the excerpt. The `pages` given (URL -> why) are xfail,
    and every other page while `waiting_for` names a feature the excerpt's build needs."""
    params = []
    for url, path in hugo_pages(name).items():
        reason = (pages or {}).get(url, waiting_for)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(name, url, path, id=f"{name}{url}", marks=marks))
    return params


# -- Crónica de la IA Moderna: two languages, banners through a picture set ----------------------


def test_cronica_import_infers_the_picture_set(excerpts):
    built = excerpts("cronica-ia")
    assert built.import_code == 0, built.import_output
    plugin = next(entry["hugomat"] for entry in built.config["plugins"]
                  if isinstance(entry, dict) and "hugomat" in entry)
    assert plugin["pictures"]["path_map"] == {"_din_style": ["style_1", "style_2", "style_3"]}


def test_cronica_builds_unchanged_with_strict(tmp_path):
    built = build("cronica-ia", tmp_path, strict=True)
    assert (built.import_code, built.code) == (0, 0), built.import_output + built.output


def test_cronica_development_base_url_is_not_the_site_url(excerpts):
    built = excerpts("cronica-ia")
    assert "0.0.0.0" not in str(built.config.get("site_url", ""))


def test_cronica_custom_styles_reach_the_site(excerpts):
    # Its _custom.scss sizes pictures as `.markdown .book-image img.img-medium`.
    built = excerpts("cronica-ia")
    assert built.code == 0, built.output
    styles = "".join(path.read_text("utf-8", errors="replace")
                     for path in (built.out / "site").rglob("*.css"))
    assert ".md-typeset .hugomat-image img.img-medium" in styles
    assert ".md-typeset .hugomat-image img.img-center" in styles


@pytest.mark.parametrize(("name", "url", "hugo_article"), text_params("cronica-ia"))
def test_cronica_pages_hold_hugos_text(excerpts, name, url, hugo_article):
    assert missing_text(excerpts(name), url, hugo_article) == []


# -- Ktor in Chinese: one language, its own content folder, CJK paths ---------------------------


def test_ktor_one_language_content_dir_is_the_docs_dir(excerpts):
    built = excerpts("ktor-in-chinese")
    assert built.import_code == 0, built.import_output
    assert Path(built.config["docs_dir"]).name == "content.zh"


def test_ktor_builds_unchanged_with_strict_but_for_its_old_columns(tmp_path):
    # Its `columns` use hugo-book's deprecated <---> separator: a warning (Hugo warns too),
    # which --strict makes an error; nothing else stops it.
    built = build("ktor-in-chinese", tmp_path, strict=True)
    assert built.import_code == 0, built.import_output
    said = [line for line in built.output.splitlines() if ": " in line and ".md:" in line]
    assert built.code == 1 and said, built.output
    assert all("'<--->' is hugo-book's old separator" in line for line in said), built.output


@pytest.mark.parametrize(("name", "url", "hugo_article"),
                         text_params("ktor-in-chinese"))
def test_ktor_pages_hold_hugos_text(excerpts, name, url, hugo_article):
    assert missing_text(excerpts(name), url, hugo_article) == []


# -- Ptah documentation: configuration in config/_default/ and config/production/ --------------


def test_ptah_configuration_directory_is_imported(excerpts):
    built = excerpts("ptah-docs")
    assert built.import_code == 0, built.import_output
    assert built.config["site_name"] == "Ptah Documentation"
    assert built.config["site_url"] == "https://docs.ptah.pro/"


@pytest.mark.parametrize(("name", "url", "hugo_article"),
                         text_params("ptah-docs"))
def test_ptah_pages_hold_hugos_text(excerpts, name, url, hugo_article):
    assert missing_text(excerpts(name), url, hugo_article) == []


# -- the bench's own comparison (bench/real_sites.py) ---------------------------------------------


def _bench():
    import importlib.util

    path = Path(__file__).parents[1] / "bench" / "real_sites.py"
    spec = importlib.util.spec_from_file_location("real_sites_bench", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_bench_text_blocks_skip_permalinks_and_line_numbers_and_split_code():
    bench = _bench()
    text = bench.ArticleText()
    text.feed('<h2 id="a">Title<a class="anchor" href="#a">#</a></h2><p>One <em>two</em></p>'
              '<pre><code><span class="lnt">1\n</span>x = 1\ny = 2</code></pre>'
              '<ul><li>item {{&lt; x &gt;}}</li></ul>')
    text.finish()
    assert text.blocks == ["Title", "One two", "x = 1", "y = 2", "item {{< x >}}"]
    assert "{{<" in "".join(text.outside_code)


def test_bench_tab_labels_come_before_their_panels_as_hugo_book_draws_them():
    bench = _bench()
    material = ('<div class="tabbed-set"><div class="tabbed-labels"><label>A</label>'
                '<label>B</label></div><div class="tabbed-content">'
                '<div class="tabbed-block"><p>a text</p></div>'
                '<div class="tabbed-block"><p>b text</p></div></div></div>')
    text = bench.ArticleText()
    text.feed(material)
    text.finish()
    assert text.blocks == ["A", "a text", "B", "b text"]


def test_bench_finds_blocks_in_order_only():
    bench = _bench()
    assert bench.in_order(["a", "b c"], ["a", "x b c y"]) == []
    assert bench.in_order(["b", "a"], ["a", "b"]) == ["a"]


def test_bench_broken_references_are_paths_of_the_site_that_hold_nothing(tmp_path):
    bench = _bench()
    (tmp_path / "docs" / "x").mkdir(parents=True)
    (tmp_path / "docs" / "x" / "index.html").write_text("", "utf-8")
    (tmp_path / "p.png").write_bytes(b"")
    references = [("href", "../x/"), ("src", "/p.png"), ("href", "https://e.org/"),
                  ("href", "#top"), ("href", "../gone/"), ("src", "q.png")]
    assert bench.broken_references(tmp_path, "/docs/y/", references) == ["../gone/", "q.png"]
