"""What the picture pipeline makes of each source: widths, formats and encoder settings.

Each setting is declared here once, with its default and the values it accepts (a `Rule`);
the `pictures:` options of mkdocs.yml are made from these declarations (adapter.config), so
a bound or a default never differs between the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

FORMATS = ("avif", "webp", "jpeg")


@dataclass(frozen=True)
class Rule:
    """The values one setting accepts."""

    low: int | None = None
    """A whole number (or, for a list, each item) of at least this."""
    high: int | None = None
    choices: tuple[str, ...] = ()
    """A list of some of these, at least one."""
    is_list: bool = False
    """A list, at least one item: the pipeline has nothing to make from none."""
    is_option: bool = True
    """False: a setting of the code and its measurements, not of mkdocs.yml."""


def whole_number_problem(value: object, low: int, high: int | None) -> str | None:
    """Why `value` is not a whole number from `low` to `high` (None: no upper bound)."""
    # true and false are ints to Python, never numbers to a person writing YAML.
    fits = (isinstance(value, int) and not isinstance(value, bool) and value >= low
            and (high is None or value <= high))
    if fits:
        return None
    span = f"from {low} to {high}" if high is not None else f"of at least {low}"
    return f"expected a whole number {span}, got {value!r}"


def _setting(default: Any, rule: Rule) -> Any:
    return field(default=default, metadata={"rule": rule})


@dataclass(frozen=True)
class PictureSettings:
    """Every knob of the pipeline; the defaults are measured in bench/PICTURES.md.

    The qualities are each encoder's own 0–100 scale: JPEG 80 is the web's usual "looks right",
    and AVIF and WebP take the lowest quality within 0.01 SSIM of it at 960 and 1600 px.
    """

    widths: tuple[int, ...] = _setting((480, 960, 1600, 2400), Rule(1, is_list=True))
    """Never wider than the source."""
    formats: tuple[str, ...] = _setting(("avif", "webp"), Rule(choices=FORMATS, is_list=True))
    """Offered in this order."""
    avif_quality: int = _setting(60, Rule(1, 100))
    webp_quality: int = _setting(85, Rule(1, 100))
    jpeg_quality: int = _setting(80, Rule(1, 100))
    avif_speed: int = _setting(6, Rule(0, 10))
    """libavif's 0 (slowest, smallest) to 10 (fastest). 6: at equal SSIM, 5 is no smaller
    (+8% to -3%) for ~6x the time, and 9 costs 5–13% more bytes; a variant is encoded once and
    downloaded by every reader."""
    webp_method: int = _setting(4, Rule(0, 6, is_option=False))
    """libwebp's effort, 0 (fastest) to 6. 4: at equal SSIM, 6 is no smaller, only slower."""
    jpeg_fallback: bool = _setting(True, Rule())
    """One JPEG for browsers that read neither AVIF nor WebP, as the <img>'s src."""
    fallback_width: int = _setting(1600, Rule(1, is_option=False))
    """The fallback is the largest planned width up to this: the widest column Material draws
    (1126 CSS px) is sharp at 1600 on a 1.4x screen, and old browsers get nothing bigger."""
    placeholders: bool = _setting(True, Rule())
    """A tiny blurred preview under each banner until it arrives."""
    social_cards: bool = _setting(True, Rule())
    """A 1200x630 link preview (og:image) cut from each page's banner."""

    def __post_init__(self) -> None:
        for setting in fields(self):
            problem = setting_problem(setting.name, getattr(self, setting.name))
            if problem is not None:
                raise ValueError(f"picture setting {setting.name}: {problem}")
        # Sorted and without repeats, so equal settings plan equal variants.
        object.__setattr__(self, "widths", tuple(sorted(set(self.widths))))
        object.__setattr__(self, "formats", tuple(dict.fromkeys(self.formats)))

    @classmethod
    def from_options(cls, options: Any) -> PictureSettings:
        """The settings of mkdocs.yml's `pictures:` (anything with an attribute per option)."""
        return cls(**{name: tuple(value) if isinstance(value, list) else value
                      for name, value in ((s.name, getattr(options, s.name))
                                          for s in option_settings())})

    def options(self, fmt: str) -> tuple[tuple[str, int], ...]:
        """The encoder settings of one format: they name its files, so they are all here."""
        if fmt == "avif":
            return (("quality", self.avif_quality), ("speed", self.avif_speed))
        if fmt == "webp":
            return (("quality", self.webp_quality), ("method", self.webp_method))
        return (("quality", self.jpeg_quality),)


def rule_of(name: str) -> Rule:
    return next(s.metadata["rule"] for s in fields(PictureSettings) if s.name == name)


def option_settings() -> list[Any]:
    """The settings a book sets in mkdocs.yml, in the order they are declared."""
    return [s for s in fields(PictureSettings) if s.metadata["rule"].is_option]


def item_problem(rule: Rule, value: object) -> str | None:
    """Why one value (or one item of a list setting) breaks `rule`."""
    if rule.choices:
        if value in rule.choices:
            return None
        return f"expected one of {', '.join(rule.choices)}, got {value!r}"
    if rule.low is not None:
        return whole_number_problem(value, rule.low, rule.high)
    if isinstance(value, bool):
        return None
    return f"expected true or false, got {value!r}"


def setting_problem(name: str, value: object) -> str | None:
    """Why `value` is no value of the setting `name`, or None when it is one."""
    rule = rule_of(name)
    if not rule.is_list:
        return item_problem(rule, value)
    if not isinstance(value, (list, tuple)):
        return f"expected a list, got {value!r}"
    if not value:
        return "expected at least one item, got an empty list"
    return next((p for p in (item_problem(rule, item) for item in value) if p), None)
