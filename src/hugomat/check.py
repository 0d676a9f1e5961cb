"""`hugomat check` = load + validate (hugomat.site), the build's own first two steps, and
nothing rendered: it reports exactly the mistakes `build` fails on, with the same severities
under --strict. Besides, it notes pages without a title, which never fails either.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hugomat.errors import ContentError, ContentErrors, Location
from hugomat.pictures.drawn import ResponsivePictures
from hugomat.site.model import load
from hugomat.site.options import SiteOptions
from hugomat.site.resources import conversion_cache, picture_maker
from hugomat.site.validate import validate

ERROR = "error"
WARNING = "warning"
NOTE = "note"
"""Said, never failing: what Hugo and hugo-book build as it is (a page without a title), so
that `check --strict` and `build --strict` fail on the same things."""

# -- findings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One problem at one place; a warning fails the check only with --strict."""

    location: Location
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        # The same shape as a build's log lines, so editors read both the same way.
        label = f"{self.severity}: " if self.severity in (WARNING, NOTE) else ""
        return f"{self.location}: {label}{self.message}"

    def as_dict(self) -> dict[str, str | int]:
        where = self.location
        return {"path": where.path, "line": where.line, "column": where.column,
                "severity": self.severity, "message": self.message}


@dataclass
class Report:
    """Everything found in one pass, sorted by path, line and column."""

    findings: list[Finding]
    pages: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == NOTE]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        def count(n: int, what: str) -> str:
            return f"{n} {what}{'' if n == 1 else 's'}"

        notes = f", {count(len(self.notes), 'note')}" if self.notes else ""
        return (f"{count(self.pages, 'page')} checked: {count(len(self.errors), 'error')}, "
                f"{count(len(self.warnings), 'warning')}{notes}")


@dataclass
class _Found:
    findings: list[Finding] = field(default_factory=list)

    def content(self, errors: list[ContentError], severity: str) -> None:
        self.findings.extend(Finding(e.location, e.message, severity) for e in errors)

    def report(self, pages: int) -> Report:
        unique_findings = {(f.location, f.message, f.severity): f for f in self.findings}
        ordered = sorted(unique_findings.values(), key=lambda f: (
            f.location.path, f.location.line, f.location.column, f.message))
        return Report(ordered, pages)


# -- the check: load + validate, nothing rendered -----------------------------------------------


def check(options: SiteOptions) -> Report:
    """Read the site as the build reads it and validate every language, the default one
    first. A mistake that stops the reading stops the check, as it stops the build; one in
    another language's menu stops that language only, as it stops that language's build."""
    found = _Found()
    try:
        site = load(options)
    except ContentErrors as failure:
        found.content(failure.errors, ERROR)
        found.content(failure.warnings, WARNING)
        return found.report(0)
    cache = conversion_cache(options)
    pages = 0
    for index, code in enumerate(site.codes):
        here = site.in_language(code)
        try:
            here.navigation  # noqa: B018 - the default language's was made by load
        except ContentErrors as failure:
            found.content(failure.errors, ERROR)
            found.content(failure.warnings, WARNING)
            continue
        # Pictures are located, opened and planned as the build plans them, never encoded.
        pictures = picture_maker(here)
        validation = validate(here, pictures=pictures, cache=cache, folders=index == 0)
        found.content(validation.errors, ERROR)
        found.content(validation.warnings, WARNING)
        found.content(validation.notes, NOTE)
        if isinstance(pictures, ResponsivePictures) and not validation.errors:
            # A source the cache has no variants of is decoded, as encoding would: a damaged
            # or truncated one is an error here as in the build (which stops before encoding
            # when the pages have errors, so then neither looks).
            found.content(pictures.cache.decode_problems(pictures.all_plans()), ERROR)
        pages += len(here.book.pages)
    return found.report(pages)
