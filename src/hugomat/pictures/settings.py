"""What the picture pipeline makes of each source: widths, formats and encoder settings."""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = ("avif", "webp", "jpeg")


@dataclass(frozen=True)
class PictureSettings:
    """Every knob of the pipeline; the defaults are measured in bench/PICTURES.md.

    The qualities are each encoder's own 0–100 scale: JPEG 80 is the web's usual "looks right",
    and AVIF and WebP take the lowest quality within 0.01 SSIM of it at 960 and 1600 px.
    """

    widths: tuple[int, ...] = (480, 960, 1600, 2400)
    formats: tuple[str, ...] = ("avif", "webp")
    avif_quality: int = 60
    webp_quality: int = 85
    jpeg_quality: int = 80
    avif_speed: int = 6
    """libavif's 0 (slowest, smallest) to 10 (fastest). 6: at equal SSIM, 5 is no smaller
    (+8% to -3%) for ~6x the time, and 9 costs 5–13% more bytes; a variant is encoded once and
    downloaded by every reader."""
    webp_method: int = 4
    """libwebp's effort, 0 (fastest) to 6. 4: at equal SSIM, 6 is no smaller, only slower."""
    jpeg_fallback: bool = True
    """One JPEG for browsers that read neither AVIF nor WebP, as the <img>'s src."""
    fallback_width: int = 1600
    """The fallback is the largest planned width up to this: the widest column Material draws
    (1126 CSS px) is sharp at 1600 on a 1.4x screen, and old browsers get nothing bigger."""
    placeholders: bool = True
    social_cards: bool = True

    def __post_init__(self) -> None:
        if not self.widths or any(w < 1 for w in self.widths):
            raise ValueError(f"picture widths must be positive, got {self.widths}")
        if not self.formats or any(f not in FORMATS for f in self.formats):
            raise ValueError(f"picture formats must be some of {FORMATS}, got {self.formats}")
        for name in ("avif_quality", "webp_quality", "jpeg_quality"):
            if not 1 <= getattr(self, name) <= 100:
                raise ValueError(f"{name} must be 1 to 100, got {getattr(self, name)}")
        if not 0 <= self.avif_speed <= 10:
            raise ValueError(f"avif_speed must be 0 to 10, got {self.avif_speed}")
        if not 0 <= self.webp_method <= 6:
            raise ValueError(f"webp_method must be 0 to 6, got {self.webp_method}")
        # Sorted and without repeats, so equal settings plan equal variants.
        object.__setattr__(self, "widths", tuple(sorted(set(self.widths))))
        object.__setattr__(self, "formats", tuple(dict.fromkeys(self.formats)))

    def options(self, fmt: str) -> tuple[tuple[str, int], ...]:
        """The encoder settings of one format: they name its files, so they are all here."""
        if fmt == "avif":
            return (("quality", self.avif_quality), ("speed", self.avif_speed))
        if fmt == "webp":
            return (("quality", self.webp_quality), ("method", self.webp_method))
        return (("quality", self.jpeg_quality),)
