"""Hugo's built-in shortcodes (and hugo-book's `details` and `hint` forms that real sites mix
with them), rendered by Hugo with hugo-book and by hugomat, compared page by page.

The machinery of test_differential_fixtures. A case compared `exactly` must give the same
canonical HTML (canonical_html); the others, where hugomat draws the same text with
Material's elements (a details body without hugo-book's `div.markdown-inner`, a hint as an
admonition), must show every text block of Hugo's article in order (corpus_text).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from corpus_text import blocks_of, compare
from hugo_reference import HugoRender, hugo_render
from hugomat_reference import HugomatRender, assert_reads_as_hugo, hugomat_render


@dataclass(frozen=True)
class Case:
    markdown: str
    exactly: bool = True
    front: str = ""
    """More front matter lines (page parameters)."""


CASES: dict[str, Case] = {
    "figure-full": Case(
        '{{< figure src="/pictures/sun.png" alt="A sun" caption="The *sun* at noon" '
        'title="Sun" link="https://example.org/" target="_blank" rel="noopener" attr="Jane" '
        'attrlink="https://example.org/jane" class="wide" width="300" loading="lazy" >}}\n'),
    "figure-caption": Case('{{< figure src="/pictures/sun.png" caption="Only **bold**" >}}\n'),
    "figure-plain": Case('Text.\n\n{{< figure src="/pictures/sun.png" alt="Sun" >}}\n'),
    "highlight-table": Case(
        '{{< highlight go "linenos=table,hl_lines=2-3,linenostart=10" >}}\nfunc main() {\n'
        '\tfmt.Println("hi")\n}\n{{< /highlight >}}\n'),
    "highlight-markdown-delimiters": Case(
        "{{% highlight python %}}\n# not a heading\nx = *1*\n{{% /highlight %}}\n"),
    "highlight-inline-numbers": Case(
        '{{< highlight text "linenos=inline" >}}\na\nb\n{{< /highlight >}}\n'),
    "param": Case('Value: {{< param "colour" >}} and {{< param "deep.key" >}}.\n',
                  front="colour: red\ndeep:\n  key: inside\n"),
    "comment": Case("Before {{< comment >}}hidden{{< /comment >}} after.\n"),
    "details-positional": Case('{{% details "Pos" open %}}\nTwo *md*.\n{{% /details %}}\n',
                               exactly=False),
    "details-title-class": Case('{{% details title="T" class="x" %}}\nThree.\n'
                                "{{% /details %}}\n", exactly=False),
    "hint-unstyled-kind": Case("{{% hint warn %}}\nCareful.\n{{% /hint %}}\n", exactly=False),
    "fence-unknown-attribute": Case("```go {height=10}\nx := 1\n```\n"),
    # Hugo draws Instagram's embed (whose script loads the post); its text is the link's.
    "instagram": Case("{{< instagram CxOWiQNP2MO >}}\n", exactly=False),
}
TITLE = "hugomat-builtin-title-{name}"


def page_name(name: str) -> str:
    return f"builtin-{name}"


def page_text(name: str, case: Case) -> str:
    return (f'---\ntitle: "{TITLE.format(name=name)}"\nbookHidden: true\n{case.front}---\n'
            f"{case.markdown}")


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {page_name(name): page_text(name, case) for name, case in CASES.items()}


@pytest.fixture(scope="module")
def hugo(pages: dict[str, str]) -> HugoRender:
    return hugo_render(pages)


@pytest.fixture(scope="module")
def ours(pages: dict[str, str], hugo: HugoRender,
         tmp_path_factory: pytest.TempPathFactory) -> HugomatRender:
    folder: Path = tmp_path_factory.mktemp("builtins") / "book"
    return hugomat_render(pages, folder, files=hugo.files)


@pytest.mark.parametrize("name", list(CASES))
def test_built_in_shortcode_reads_as_hugo_renders_it(name: str, hugo: HugoRender,
                                                     ours: HugomatRender):
    page = page_name(name)
    assert page not in ours.refused, f"hugomat refuses the page: {ours.refused.get(page)}"
    case = CASES[name]
    if case.exactly:
        assert_reads_as_hugo(name, page, hugo, ours)
    else:
        coverage = compare(blocks_of(hugo.articles[page]), blocks_of(ours.articles[page]), [])
        assert coverage.missing == [], f"{name}: Hugo's text missing from hugomat's page"
