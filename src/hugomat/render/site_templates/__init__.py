"""A site's own Go templates run for its pages: shortcodes from layouts/shortcodes and
hugo-book's inject partials (layouts/partials/docs/inject), on hugomat.gotemplate."""
