"""`hugomat new`: a ready book (`new site`) and new chapters (`new chapter`), written from
Python so that nothing is fetched and nothing has to be shipped besides the code."""

from __future__ import annotations


class ScaffoldRefused(Exception):
    """What was asked would overwrite or misplace files; the message says why (exit code 2)."""
