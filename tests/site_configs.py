"""mkdocs.yml texts shared by the tests that make small projects."""

MINIMAL_MKDOCS_YML = """\
site_name: Test Book
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - hugomat
"""

TWO_LANGUAGE_MKDOCS_YML = """\
site_name: Book
docs_dir: content.en
theme:
  name: material
  font: false
plugins:
  - search
  - hugomat:
      default_language: en
      languages:
        en: {content_dir: content.en, label: English, weight: 1}
        es: {content_dir: content.es, label: Español, weight: 2}
"""
