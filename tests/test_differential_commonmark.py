"""Every CommonMark 0.31.2 spec example, rendered by Hugo with hugo-book and by hugomat, compared.

Each example is a page of its own, the leaf bundle `content/docs/example-NNNN/index.md` (its
Markdown after a front matter of a title and `bookHidden`, see hugo_reference.page_source);
Hugo renders all of them (cached, see hugo_reference) and hugomat builds all of them in one
`hugomat build`. A page agrees when the canonical forms (canonical_html) of Hugo's article and
hugomat's page text are equal.

The fixture is a valid site for both tools: the pictures and files the examples refer to
(`moon.jpg` beside the page, `/url` at the site's root, ...) are supplied to both, as Hugo's
render calls for them (hugo_reference.supplied_files says which and where), so that hugomat,
which refuses a page whose picture is missing, renders it. hugomat builds with its picture
pipeline off (hugomat_reference.MKDOCS_YML): on, it draws a `<picture>` with resized variants
where Hugo writes an `<img>`, a difference hugomat makes on purpose and not one of Markdown;
off, it draws an `<img>` whose src is the URL Hugo writes.

The reference is Hugo, not the spec's own HTML: Hugo's Goldmark adds heading ids and, by
default, the typographer and linkify extensions, and hugo-book's render hooks write links and
images their own way; a page reads as Hugo renders it or it does not. The report (printed
even when the test passes) says how often Hugo itself departs from the spec's HTML.

The test prints the agreement rate, overall and per section of the spec, the kinds of
difference, and the first differences (HUGOMAT_DIFFERENCES=N prints N); every difference is
written to .cache/differential/commonmark.txt. It fails when the rate falls below REQUIRED, and
when the examples that differ are not exactly the ones DIFFERENT lists, each with its reason
(the README's compatibility table gives the same reasons).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass

import pytest

from canonical_html import canonical, difference_kind, differences
from commonmark_spec import SPEC_VERSION, Example, spec_examples
from hugo_reference import ROOT, HugoRender, hugo_render, page_source, page_url
from hugomat_reference import HugomatRender, hugomat_render

REQUIRED = 97
"""Per cent of the examples that must render as Hugo renders them (before the one CommonMark
parse, 364 of 652 did: 55.8%)."""

RAW_DESTINATION = (
    "hugo-book's link and image hooks write the destination as written, before CommonMark "
    "resolves its backslash escapes and character references (`/bar\\*` keeps its backslash, "
    "`&ouml;` and `&amp;` stay in the address and break it); hugomat resolves them, as "
    "CommonMark says")
REFUSED = ("a link to a Markdown file that is not a page, or to an #anchor no heading has, is "
           "a mistake hugomat reports (path:line:col) and does not build; Hugo writes the link")
SCHEME = ("a link of a scheme other than http, https and mailto (`irc:`, `made-up-scheme:`) is "
          "a mistake hugomat reports (path:line:col) and does not build; Hugo writes the link")
DIFFERENT: dict[int, str] = {
    22: RAW_DESTINATION, 23: RAW_DESTINATION, 32: RAW_DESTINATION, 33: RAW_DESTINATION,
    202: RAW_DESTINATION, 495: RAW_DESTINATION, 498: RAW_DESTINATION, 500: RAW_DESTINATION,
    503: RAW_DESTINATION,
    484: REFUSED, 501: REFUSED,
    596: SCHEME, 598: SCHEME, 599: SCHEME, 601: SCHEME,
    574: ("a picture inside another's description: Hugo leaves the inner one out of the alt "
          "text (`foo `), hugomat keeps its words (`foo bar`), as CommonMark says"),
}
"""The examples that render otherwise than Hugo renders them, each with the reason."""

SHOWN = int(os.environ.get("HUGOMAT_DIFFERENCES", "10"))
REPORT = ROOT / ".cache" / "differential" / "commonmark.txt"
TITLE = "hugomat-differential-title-{number:04d}"
"""Each page's title, which Material draws as an <h1> when the text has none (and
hugomat_reference removes): no example's text holds it, so no heading of an example is taken
for it."""

LEFT_OUT: dict[int, str] = {}
"""Examples Hugo cannot render meaningfully as a page, each with the reason. None is: Hugo's
page reader acts on front matter at the start of a file, on shortcodes (`{{<`, `{{%`) and on
the summary divider (`<!--more-->`). The examples that would be read as front matter at the
start of a file (43 `***`/`---`, 44 `+++`, 96 and 98 `---`) come after the page's own front
matter, which Hugo reads first, so they are rendered as Markdown; and no example holds
shortcode delimiters or the divider (test_no_example_holds_what_hugos_page_reader_acts_on
checks this, for a later spec too)."""
HUGO_PAGE_SYNTAX = ("{{<", "{{%", "<!--more-->")


@dataclass
class Outcome:
    example: Example
    hugo: list[str]
    hugomat: list[str] | None
    """None when hugomat refused to build the page."""
    refused: str = ""

    @property
    def agrees(self) -> bool:
        return self.hugo == self.hugomat

    @property
    def kind(self) -> str:
        if self.hugomat is None:
            # "picture 'moon.jpg' not found ..." and "picture '/url' not found" are one kind.
            return "hugomat refuses: " + re.sub(r"'[^']*'", "'…'", self.refused.split("\n")[0])
        return difference_kind(self.hugo, self.hugomat)


def page_name(example: Example) -> str:
    return f"example-{example.number:04d}"


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return spec_examples()


@pytest.fixture(scope="module")
def pages(examples: list[Example]) -> dict[str, str]:
    return {page_name(example): page_source(TITLE.format(number=example.number),
                                            example.markdown)
            for example in examples if example.number not in LEFT_OUT}


@pytest.fixture(scope="module")
def hugo(pages: dict[str, str]) -> HugoRender:
    return hugo_render(pages)


@pytest.fixture(scope="module")
def ours(pages: dict[str, str], hugo: HugoRender,
         tmp_path_factory: pytest.TempPathFactory) -> HugomatRender:
    # After `hugo`: without Hugo the module skips before building anything.
    return hugomat_render(pages, tmp_path_factory.mktemp("commonmark") / "book",
                          files=hugo.files)


@pytest.fixture(scope="module")
def outcomes(examples: list[Example], hugo: HugoRender,
             ours: HugomatRender) -> list[Outcome]:
    results = []
    for example in examples:
        if example.number in LEFT_OUT:
            continue
        name = page_name(example)
        url = page_url(name)
        mine = ours.articles.get(name)
        results.append(Outcome(example, canonical(hugo.articles[name], page_url=url),
                               None if mine is None else canonical(mine, page_url=url),
                               ours.refused.get(name, "")))
    return results


def test_agreement_with_hugo_is_at_least_required(examples: list[Example],
                                                 outcomes: list[Outcome], capsys):
    agreed = sum(outcome.agrees for outcome in outcomes)
    rate = 100 * agreed / len(outcomes)
    lines = report(examples, outcomes)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines + every_difference(outcomes)) + "\n", encoding="utf-8")
    with capsys.disabled():
        print("\n" + "\n".join(lines) + f"\nEvery difference: {REPORT}")
    assert rate >= REQUIRED, (f"{agreed} of {len(outcomes)} examples render as Hugo renders "
                              f"them ({rate:.1f}%), fewer than the {REQUIRED}% required")
    different = {outcome.example.number for outcome in outcomes if not outcome.agrees}
    assert different - set(DIFFERENT) == set(), "differences no reason explains"
    assert set(DIFFERENT) - different == set(), "listed differences that now agree"


def test_no_example_holds_what_hugos_page_reader_acts_on(examples: list[Example]):
    acted_on = [example.number for example in examples if example.number not in LEFT_OUT
                and any(syntax in example.markdown for syntax in HUGO_PAGE_SYNTAX)]
    assert acted_on == [], ("Hugo's page reader acts on these examples: leave each out, with "
                            "its reason, in LEFT_OUT")


def test_no_example_holds_a_page_title(examples: list[Example]):
    prefix = TITLE.split("{")[0]
    assert [example.number for example in examples if prefix in example.markdown] == []


# -- the report --------------------------------------------------------------------------


def report(examples: list[Example], outcomes: list[Outcome]) -> list[str]:
    agreed = sum(outcome.agrees for outcome in outcomes)
    lines = [f"CommonMark {SPEC_VERSION} spec, hugomat against Hugo with hugo-book: "
             f"{agreed} of {len(outcomes)} examples render as Hugo renders them "
             f"({100 * agreed / len(outcomes):.1f}%). Required: {REQUIRED}%."]
    lines.append(f"Left out: {len(LEFT_OUT)} of {len(examples)} examples" + (
        "".join(f"\n  {number}: {why}" for number, why in sorted(LEFT_OUT.items()))
        or " (Hugo reads each as Markdown: it follows the page's own front matter, and none "
           "holds {{<, {{% or <!--more-->)"))
    lines.append(f"Hugo itself renders {hugo_as_spec(outcomes)} of {len(outcomes)} as the "
                 "spec's HTML does (when this test was written, the rest differed by Hugo's "
                 "heading ids, typographer and linkify, and hugo-book's link and image hooks)")
    refused = [outcome for outcome in outcomes if outcome.hugomat is None]
    if refused:
        lines.append(f"hugomat refuses {len(refused)} pages (each counted as a difference):")
        lines += [f"  {outcome.example.number}: {outcome.refused.splitlines()[0]}"
                  for outcome in refused]
    lines += ["Per section:", *per_section(outcomes)]
    lines += ["Kinds of difference (where each page first parts from Hugo's; Hugo / hugomat):",
              *kinds(outcomes)]
    differing = [outcome for outcome in outcomes if not outcome.agrees]
    lines.append(f"First {min(SHOWN, len(differing))} of {len(differing)} differences:")
    for outcome in differing[:SHOWN]:
        lines += described(outcome)
    return lines


def hugo_as_spec(outcomes: list[Outcome]) -> int:
    return sum(outcome.hugo == canonical(outcome.example.html,
                                         page_url=page_url(page_name(outcome.example)))
               for outcome in outcomes)


def per_section(outcomes: list[Outcome]) -> list[str]:
    totals: Counter[str] = Counter()
    agreed: Counter[str] = Counter()
    for outcome in outcomes:
        totals[outcome.example.section] += 1
        agreed[outcome.example.section] += outcome.agrees
    width = max(map(len, totals))
    return [f"  {section:<{width}}  {agreed[section]:>3} of {total:>3}  "
            f"{100 * agreed[section] / total:5.1f}%" for section, total in totals.items()]


def kinds(outcomes: list[Outcome], most: int = 15) -> list[str]:
    counted = Counter(outcome.kind for outcome in outcomes if not outcome.agrees)
    return [f"  {count:>4}  {kind}" for kind, count in counted.most_common(most)]


def described(outcome: Outcome) -> list[str]:
    example = outcome.example
    lines = [f"- example {example.number} ({example.section}): {example.markdown!r}",
             f"    hugo:    {' '.join(outcome.hugo)}"]
    if outcome.hugomat is None:
        return [*lines, f"    hugomat: refuses the page: {outcome.refused}"]
    lines.append(f"    hugomat: {' '.join(outcome.hugomat)}")
    return lines + [f"    {line}" for line in differences(outcome.hugo, outcome.hugomat)[2:]]


def every_difference(outcomes: list[Outcome]) -> list[str]:
    lines = ["", "Every difference:"]
    for outcome in outcomes:
        if not outcome.agrees:
            lines += described(outcome)
    return lines
