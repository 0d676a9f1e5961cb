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
