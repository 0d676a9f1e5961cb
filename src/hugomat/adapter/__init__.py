"""The only part of hugomat that imports MkDocs: the plugin, and builds and servers on top of it."""
