"""Reading a Hugo site as Hugo reads it: its sources and folders, front matter, shortcodes
(parsed, with every line and column), pages and sections in Hugo's menu order, permalinks,
taxonomies and translations."""
