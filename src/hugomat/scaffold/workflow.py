"""The GitHub Pages workflow that `hugomat new site` gives a book's author: install hugomat,
check the book, build it with the picture cache kept between runs, and publish it."""

from __future__ import annotations

from hugomat import __version__

WORKFLOW_PATH = ".github/workflows/pages.yml"
AUTHORS_HUGOMAT = f"hugomat=={__version__}"
"""What the workflow installs unless the author names another pip requirement."""

# Every picture the build may encode: a change to one of them, or to the picture settings in
# mkdocs.yml, gives a new cache key; the closest older cache is restored and only what changed
# is encoded again (the cache checks each file it reuses).
PICTURE_FILES = ("'assets/**', 'static/**', 'content/**/*.png', 'content/**/*.jpg', "
                 "'content/**/*.jpeg', 'content/**/*.webp', 'content/**/*.avif', "
                 "'content/**/*.gif', 'mkdocs.yml'")

AUTHORS_WORKFLOW = f"""\
# Check the book, build it strictly and publish it with GitHub Pages.
# One repository setting is needed once: Settings -> Pages -> Source: "GitHub Actions".
name: Pages

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a running one finishes rather than leaving a half-updated site.
concurrency:
  group: pages
  cancel-in-progress: false

env:
  # The hugomat this book was started with; a pip requirement, so a git URL works too
  # (hugomat @ git+https://github.com/OWNER/hugomat).
  HUGOMAT: "{AUTHORS_HUGOMAT}"

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4

      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"

      - name: Install hugomat
        run: python -m pip install --quiet "$HUGOMAT"

      # Encoding every picture again on each push would cost minutes of CPU.
      - name: Keep the picture cache
        uses: actions/cache@v4
        with:
          path: .cache/hugomat/pictures
          key: hugomat-pictures-${{{{ hashFiles({PICTURE_FILES}) }}}}
          restore-keys: hugomat-pictures-

      - name: Check the book
        run: hugomat check --strict

      - name: Build the site
        run: hugomat build --strict

      - name: Configure Pages
        if: github.event_name != 'pull_request'
        uses: actions/configure-pages@v5

      - name: Upload the site
        if: github.event_name != 'pull_request'
        uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    if: github.event_name != 'pull_request'
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - name: Publish
        id: deployment
        uses: actions/deploy-pages@v4
"""
