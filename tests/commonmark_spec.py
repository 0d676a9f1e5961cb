"""The CommonMark 0.31.2 spec examples, read from the npm package `commonmark-spec`.

The examples are CC BY-SA 4.0 and so are never stored in this repository: the package is
installed at test time into `.cache/npm` (git-ignored) by `.ci/run`, or by hand with the
command in INSTALL (HUGOMAT_COMMONMARK_SPEC may name another folder). The package ships
`spec.txt` and an `index.js` that cuts it into examples; `spec_examples` cuts it the same way
(the same regular expression), so no Node.js is needed when the tests run.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from hugo_reference import unavailable

SPEC_VERSION = "0.31.2"
ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(os.environ.get("HUGOMAT_COMMONMARK_SPEC")
               or ROOT / ".cache" / "npm" / "node_modules" / "commonmark-spec")
# Both packages: an npm install --no-save removes the ones it does not name (axe-core is the
# browser tests').
INSTALL = ("npm install --no-save --prefix .cache/npm axe-core@~4.14.1 "
           f"commonmark-spec@{SPEC_VERSION}, as .ci/run does")

# index.js's pattern: an example (32 backticks, " example", Markdown, ".", HTML, 32 backticks)
# or a heading, which names the section of the examples after it.
_EXAMPLE_OR_HEADING = re.compile(
    r"^`{32} example\n([\s\S]*?)^\.\n([\s\S]*?)^`{32}$|^#{1,6} *(.*)$", re.MULTILINE)
_END_OF_TESTS = re.compile(r"^<!-- END TESTS -->[\s\S]*", re.MULTILINE)
TAB_MARK = "→"  # the spec writes tabs as arrows; its own test runner turns them back into tabs


@dataclass(frozen=True)
class Example:
    number: int
    section: str
    markdown: str
    html: str
    """The HTML the spec expects (reference CommonMark, not Hugo)."""


def spec_examples(package: Path = PACKAGE) -> list[Example]:
    """Every example of the installed spec, numbered from 1 as the spec numbers them."""
    spec = package / "spec.txt"
    if not spec.is_file():
        unavailable(f"the CommonMark spec is not installed at {package} ({INSTALL})")
    _check_version(package)
    text = _END_OF_TESTS.sub("", spec.read_text("utf-8").replace("\r\n", "\n"))
    examples: list[Example] = []
    section = ""
    for match in _EXAMPLE_OR_HEADING.finditer(text):
        markdown, expected, heading = match.groups()
        if heading is not None:
            section = heading
            continue
        examples.append(Example(len(examples) + 1, section, markdown.replace(TAB_MARK, "\t"),
                                expected.replace(TAB_MARK, "\t")))
    return examples


def _check_version(package: Path) -> None:
    # Example numbers change between spec versions; another version would be compared wrongly.
    version = json.loads((package / "package.json").read_text("utf-8")).get("version")
    if version != SPEC_VERSION:
        unavailable(f"commonmark-spec {version} is installed at {package}, not {SPEC_VERSION} "
                    f"({INSTALL})")
