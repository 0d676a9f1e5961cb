"""Go's text/template and html/template as Hugo uses them, for running a site's own templates.

    env = Environment(functions={"relURL": rel_url},                 # plain callables
                      context_functions={"partial": partial},        # get a CallContext first
                      loader=lambda name: (path, text) or None,      # `{{ template "name" }}`
                      limits=Limits(max_depth=40, max_steps=500_000, max_seconds=1.0))
    template = env.parse("shortcodes/x.html", text, path="layouts/shortcodes/x.html")
    html = template.execute(data)         # output; `template.call(data)` runs it as a partial

A function raises FunctionError (or any exception) to fail; the executor reports it at the
calling action. Every mistake is a TemplateError carrying path, line, column and message.
This package imports nothing from the rest of hugomat.
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
