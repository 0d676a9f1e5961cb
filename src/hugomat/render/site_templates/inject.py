"""hugo-book's inject partials (layouts/partials/docs/inject/NAME.html), run for a page.

hugo-book calls each with the page as its dot at a fixed place of every page; hugomat's
main.html puts the HTML at the same places of Material's page (page.meta.hugomat_inject).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hugomat.errors import Location
from hugomat.gotemplate import TemplateError
from hugomat.render.site_templates.catalog import SiteTemplates
from hugomat.render.site_templates.shortcodes import Reported, page_info

if TYPE_CHECKING:
    from hugomat.render.context import RenderContext

INJECT_NAMES = ("head", "body", "footer", "menu-before", "menu-after", "content-before",
                "content-after", "toc-before", "toc-after")
INJECT_FOLDER = "docs/inject/"


def inject_html(site: SiteTemplates, ctx: RenderContext) -> dict[str, str]:
    """The HTML of each inject partial the site has, run for the page of `ctx`: name (with
    `_` for `-`, as Jinja names keys) -> HTML. A partial that fails is left out, with a
    warning at the page naming the partial's place (an error with --strict)."""
    made: dict[str, str] = {}
    with site.rendering(ctx):
        for name in INJECT_NAMES:
            if INJECT_FOLDER + name not in site.partials:
                continue
            try:
                template = site.partial(INJECT_FOLDER + name)
            except TemplateError as error:
                # The same for every page: said once, at the first page.
                if str(error) not in site.reported:
                    site.reported.add(str(error))
                    ctx.problem_at(Location(ctx.page.display_path),
                                   f"{error}; inject partial '{name}' is left out of every "
                                   "page")
                continue
            assert template is not None
            try:
                output = template.execute(page_info(ctx, site))
            except TemplateError as error:
                if site.failures:
                    ctx.errors.extend(site.failures)
                    site.failures.clear()
                elif not isinstance(error, Reported):
                    ctx.problem_at(Location(ctx.page.display_path),
                                   f"{error}; inject partial '{name}' is left out of "
                                   "this page")
                continue
            if output.strip():
                made[name.replace("-", "_")] = output
    return made
