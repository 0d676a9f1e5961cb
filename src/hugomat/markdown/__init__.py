"""Hugo's Markdown, read once: a CommonMark parser configured the way Goldmark is in Hugo,
and a writer that turns its token stream into the Markdown Python-Markdown renders alike."""
