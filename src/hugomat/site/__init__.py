"""The site: read once (`model.load`), validated (`validate.validate`), the one model the
build, `check`, `serve` and `eject` use.

Nothing is imported here: reading the options (`options`) must not load the converter.
"""
