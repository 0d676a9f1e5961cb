"""Go's text/template and html/template as Hugo uses them, for running a site's own templates.

    env = Environment(functions={"markdownify": my_markdownify},
                      context_functions={"partial": my_partial}, loader=my_loader)
    template = env.parse("shortcodes/x.html", text, path="layouts/shortcodes/x.html")
    html = template.execute(data)

Every mistake is a TemplateError carrying path, line, column and message. This package imports
nothing from the rest of hugomat.
"""

from .environment import Environment, Template
from .errors import FunctionError, TemplateError
from .executor import CallContext, Limits
from .functions.dates import GoTime
from .functions.lists import Scratch
from .sandbox import read_inside, resolve_inside
from .values import MISSING, SafeCSS, SafeHTML, SafeHTMLAttr, SafeJS, SafeURL, is_true

__all__ = ["MISSING", "CallContext", "Environment", "FunctionError", "GoTime", "Limits",
           "SafeCSS", "SafeHTML", "SafeHTMLAttr", "SafeJS", "SafeURL", "Scratch", "Template",
           "TemplateError", "is_true", "read_inside", "resolve_inside"]
