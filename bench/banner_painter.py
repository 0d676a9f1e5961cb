"""Deterministic painter for a photo-like "Flames On" chapter banner.

The picture is built from a greyscale "heat" field (blurred flame tongues,
a glowing ember bed, drifting sparks) that is mapped through a warm fire
palette, then given film grain and a light blur so that lossy encoders treat
it like a photograph rather than flat vector art.  Only Pillow and the
standard library are used; the same seed always gives byte-identical pixels.

Usage::

    python bench/banner_painter.py OUT.webp [--seed N] [--quality Q]
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

DEFAULT_SEED = 13
DEFAULT_QUALITY = 90
DEFAULT_WIDTH = 2464
DEFAULT_HEIGHT = 1856

# Work at a reduced scale for the large soft shapes; grain is added at full size.
_WORK_SCALE = 2
# Grain amplitudes (fraction of full-range uniform noise) for heat and chroma.
_GRAIN = 0.15
_CHROMA_GRAIN = 0.05

# Palette stops (position 0..1, RGB).  Seeds nudge these within warm tones.
_BASE_STOPS: tuple[tuple[float, tuple[int, int, int]], ...] = (
    (0.00, (6, 2, 3)),
    (0.14, (38, 5, 6)),
    (0.30, (110, 14, 8)),
    (0.46, (182, 40, 10)),
    (0.60, (226, 88, 18)),
    (0.74, (246, 146, 34)),
    (0.87, (252, 200, 80)),
    (1.00, (255, 242, 196)),
)


def _clamp(value: float, low: int = 0, high: int = 255) -> int:
    return max(low, min(high, round(value)))


def _noise(rng: random.Random, size: tuple[int, int], amplitude: float) -> Image.Image:
    """Seeded noise centred on 128 (``Image.effect_noise`` ignores our seed)."""
    raw = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    return raw.point(lambda v: _clamp(128 + (v - 127.5) * amplitude))


def _palette(rng: random.Random) -> tuple[list[int], list[int], list[int]]:
    """Return per-channel 256-entry lookup tables for a warm fire palette."""
    red_gain = rng.uniform(0.94, 1.04)
    green_gain = rng.uniform(0.76, 1.1)
    blue_gain = rng.uniform(0.65, 1.25)
    gamma = rng.uniform(0.9, 1.15)
    stops = [
        (pos, (col[0] * red_gain, col[1] * green_gain, col[2] * blue_gain))
        for pos, col in _BASE_STOPS
    ]
    luts: tuple[list[int], list[int], list[int]] = ([], [], [])
    for i in range(256):
        x = (i / 255) ** gamma
        for (p0, c0), (p1, c1) in itertools.pairwise(stops):
            if x <= p1:
                t = (x - p0) / (p1 - p0) if p1 > p0 else 0.0
                t = t * t * (3 - 2 * t)  # smoothstep between stops
                for ch in range(3):
                    luts[ch].append(_clamp(c0[ch] + (c1[ch] - c0[ch]) * t))
                break
    return luts


def _tongue_polygon(
    rng: random.Random,
    base_x: float,
    base_y: float,
    half_width: float,
    height: float,
    lean: float,
    length: float = 1.0,
) -> list[tuple[float, float]]:
    """Outline of one flickering flame tongue, rising from (base_x, base_y).

    ``length`` (0..1] shortens the tongue along the same centre line, so nested
    calls with the same ``rng`` state give concentric inner cores.
    """
    waves = [
        (rng.uniform(0.5, 1.8), rng.uniform(0, math.tau), rng.uniform(0.04, 0.14)) for _ in range(3)
    ]
    width_waves = [
        (rng.uniform(1.0, 2.8), rng.uniform(0, math.tau), rng.uniform(0.05, 0.16)) for _ in range(2)
    ]
    steps = 48
    left: list[tuple[float, float]] = []
    right: list[tuple[float, float]] = []
    for k in range(steps + 1):
        u = k / steps  # position along this (possibly shortened) tongue
        t = u * length  # position along the full tongue's centre line
        y = base_y - t * height
        sway = sum(amp * math.sin(freq * math.tau * t + ph) for freq, ph, amp in waves)
        cx = base_x + (sway * t + lean * t * t) * height
        wobble = 1 + sum(amp * math.sin(f * math.tau * t + ph) for f, ph, amp in width_waves)
        # Bulge near the base, taper to a sharp tip.
        profile = math.sin(math.pi * min(1.0, 0.35 + u * 0.65)) ** 0.8 * (1 - u) ** 0.7
        hw = half_width * max(0.0, profile * wobble)
        left.append((cx - hw, y))
        right.append((cx + hw, y))
    return left + right[::-1]


def _flame_layer(
    rng: random.Random, size: tuple[int, int], count: int, scale: float, softness: float
) -> Image.Image:
    """Greyscale layer of nested, blurred flame tongues."""
    w, h = size
    layer = Image.new("L", size, 0)
    for _ in range(count):
        base_x = rng.uniform(-0.1, 1.1) * w
        # Flames are tallest near the middle of the banner.
        centre_bias = 1 - 0.55 * abs(base_x / w - 0.5) * 2
        height = h * scale * rng.uniform(0.55, 1.0) * max(0.35, centre_bias)
        half_width = height * rng.uniform(0.12, 0.24)
        lean = rng.uniform(-0.18, 0.18)
        base_y = h * rng.uniform(1.0, 1.08)
        tongue_seed = rng.getrandbits(64)
        peak = rng.uniform(150, 255)
        tongue = Image.new("L", size, 0)
        draw = ImageDraw.Draw(tongue)
        # Nested copies: wide dim outer sheath, narrow bright short core.
        for level in range(6):
            f = level / 5
            poly = _tongue_polygon(
                random.Random(tongue_seed),
                base_x,
                base_y,
                half_width * (1 - 0.72 * f),
                height,
                lean,
                1 - 0.55 * f,
            )
            draw.polygon(poly, fill=_clamp(peak * (0.28 + 0.72 * f)))
        tongue = tongue.filter(ImageFilter.GaussianBlur(max(1.0, half_width * softness)))
        layer = ImageChops.lighter(layer, tongue)
    return layer


def _ember_bed(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """Bright glowing band along the bottom edge with lumpy hot spots."""
    w, h = size
    bed = Image.new("L", size, 0)
    draw = ImageDraw.Draw(bed)
    for _ in range(40):
        cx = rng.uniform(-0.05, 1.05) * w
        cy = h * rng.uniform(0.9, 1.08)
        rx = w * rng.uniform(0.03, 0.12)
        ry = h * rng.uniform(0.03, 0.09)
        draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=rng.randint(120, 235))
    bed = bed.filter(ImageFilter.GaussianBlur(h * 0.035))
    return bed


def _glow(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """Large soft halo of heat above the fire."""
    w, h = size
    glow = Image.new("L", size, 0)
    draw = ImageDraw.Draw(glow)
    for _ in range(5):
        cx = rng.uniform(0.2, 0.8) * w
        cy = h * rng.uniform(0.7, 1.0)
        r = h * rng.uniform(0.35, 0.65)
        draw.ellipse((cx - r * 1.4, cy - r, cx + r * 1.4, cy + r), fill=rng.randint(50, 95))
    return glow.filter(ImageFilter.GaussianBlur(h * 0.16))


def _sparks(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """Small drifting embers, some streaked, some out-of-focus."""
    w, h = size
    sharp = Image.new("L", size, 0)
    soft = Image.new("L", size, 0)
    for _ in range(rng.randint(45, 85)):
        x = rng.uniform(0, w)
        y = h * (1 - rng.random() ** 0.6 * 0.95)
        target = soft if rng.random() < 0.35 else sharp
        draw = ImageDraw.Draw(target)
        r = rng.uniform(0.8, 2.4) if target is sharp else rng.uniform(4, 11)
        length = rng.uniform(0, 14)
        dx = rng.uniform(-0.4, 0.4) * length
        val = rng.randint(150, 255) if target is sharp else rng.randint(60, 140)
        if length > 4 and target is sharp:
            draw.line((x, y, x + dx, y + length), fill=val, width=max(1, round(r)))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=val)
    sharp = sharp.filter(ImageFilter.GaussianBlur(1.2))
    soft = soft.filter(ImageFilter.GaussianBlur(3.5))
    return ImageChops.lighter(sharp, soft)


def paint_banner(
    seed: int, width: int = DEFAULT_WIDTH, height: int = DEFAULT_HEIGHT
) -> Image.Image:
    """Paint a deterministic, photo-like abstract flame banner (RGB, no text)."""
    rng = random.Random(seed)
    work = (max(8, width // _WORK_SCALE), max(8, height // _WORK_SCALE))
    ww, wh = work

    # Heat field: glow + back flames + front flames + ember bed.
    heat = _glow(rng, work)
    back = _flame_layer(rng, work, rng.randint(7, 10), 0.95, 0.18)
    back = back.filter(ImageFilter.GaussianBlur(wh * 0.012))
    heat = ImageChops.add(heat, back.point(lambda v: v * 7 // 10))
    front = _flame_layer(rng, work, rng.randint(4, 7), 0.8, 0.1)
    heat = ImageChops.screen(heat, front)
    heat = ImageChops.screen(heat, _ember_bed(rng, work))

    # Turbulent flicker: low-frequency noise modulates the heat a little.
    flicker = _noise(rng, (max(2, ww // 40), max(2, wh // 90)), 1.0)
    flicker = flicker.resize(work, Image.Resampling.BICUBIC)
    flicker = flicker.filter(ImageFilter.GaussianBlur(wh * 0.01))
    heat = ImageChops.multiply(heat, flicker.point(lambda v: _clamp(170 + v * 0.34)))
    heat = ImageChops.add(heat, heat.point(lambda v: v * 0.12))

    # Darken towards the top so the flames rise out of the night.
    fade = Image.linear_gradient("L").resize(work, Image.Resampling.BICUBIC)
    fade = fade.point(lambda v: _clamp(90 + 165 * (v / 255) ** 0.7))
    heat = ImageChops.multiply(heat, fade)
    heat = ImageChops.lighter(heat, _sparks(rng, work))

    heat = heat.resize((width, height), Image.Resampling.BICUBIC)

    # Fine grain in the heat domain (luminance-like, follows the palette).
    heat = ImageChops.add(heat, _noise(rng, (width, height), _GRAIN), offset=-128)

    lut_r, lut_g, lut_b = _palette(rng)
    image = Image.merge("RGB", (heat.point(lut_r), heat.point(lut_g), heat.point(lut_b)))

    # Colour grain (a little chroma noise), then a slight lens softness.
    noise = Image.merge(
        "RGB",
        tuple(_noise(rng, (width, height), _CHROMA_GRAIN) for _ in range(3)),
    )
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    return image.filter(ImageFilter.GaussianBlur(0.6))


def save_webp(image: Image.Image, path: str | Path, quality: int = DEFAULT_QUALITY) -> int:
    """Save ``image`` as lossy WebP (method 6) and return the file size in bytes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="WEBP", quality=quality, method=6, lossless=False)
    return path.stat().st_size


def painted(folder: Path, seeds: range, name: str = "banner-{seed}.webp") -> list[Path]:
    """Banners of the given seeds, painted once and kept in `folder` (benchmarks reuse them)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in seeds:
        path = folder / name.format(seed=seed)
        if not path.exists():
            temp = folder / f".{path.name}.part.webp"
            save_webp(paint_banner(seed), temp)
            os.replace(temp, path)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description='Paint a deterministic "Flames On" banner.')
    parser.add_argument("out", help="output .webp path")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--quality", type=int, default=DEFAULT_QUALITY)
    parser.add_argument("--width", type=int, default=DEFAULT_WIDTH)
    parser.add_argument("--height", type=int, default=DEFAULT_HEIGHT)
    args = parser.parse_args(argv)
    image = paint_banner(args.seed, args.width, args.height)
    size = save_webp(image, args.out, args.quality)
    print(f"{args.out}: {size} bytes, {image.width}x{image.height}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
