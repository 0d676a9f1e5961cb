"""hugomat: a hugo-book site as a Material for MkDocs site."""

__version__ = "0.1.0"
