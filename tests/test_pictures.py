"""Tests for hugomat.pictures: planning, naming, the variant cache, markup and bad pictures.

Pictures are small and made here with Pillow; widths are small custom ones, so the suite
encodes little. Only the planning test uses a banner-sized source, and it encodes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import os
import re
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw, ImageFile

from hugomat.errors import ContentError, ContentErrors, Location
from hugomat.pictures import (
    BANNER_SIZES,
    PictureSettings,
    VariantCache,
    column_sizes,
    content_sizes,
    lookup,
    picture_html,
    placeholder_data_uri,
    plan,
    plan_social_card,
)
from hugomat.pictures import cache as cache_module
from hugomat.pictures import encode as encode_module
from hugomat.pictures import planning as plan_module
from hugomat.pictures import records as records_module
from hugomat.pictures.progress import Progress

AT = Location("content/docs/13_flames_on.md", 4, 8)
SMALL = PictureSettings(widths=(100, 200, 400), formats=("avif", "webp"), avif_speed=9,
                        webp_method=2, fallback_width=200)
NAME = re.compile(r"^(?P<stem>[A-Za-z0-9_.-]+)-(?P<hash>[0-9a-f]{12})-(?P<size>\d+(x\d+)?)"
                  r"(?P<placeholder>-placeholder)?\.(?P<ext>avif|webp|jpg)$")


def photo(width: int = 700, height: int = 500, seed: int = 1) -> Image.Image:
    """A picture with gradients and shapes, so encoders have something to do."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(6):
        x, y = (seed * 97 + i * 131) % width, (seed * 53 + i * 71) % height
        draw.ellipse((x, y, x + width // 5, y + height // 5),
                     fill=((seed * 40 + i * 50) % 256, 120, (i * 90) % 256))
    return image


def save(image: Image.Image, path: Path, fmt: str | None = None, **options) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, fmt, **options)
    return path


def picture_at(path: Path) -> lookup.Picture:
    return lookup.find(path.name, (path.parent,), AT)


def dims(plan_, fmt: str) -> list[tuple[int, int]]:
    return [(v.width, v.height) for v in plan_.of_format(fmt)]


def cache_files(cache_dir: Path) -> list[str]:
    """The variants in the cache and any temporary file, without the variants' records."""
    if not cache_dir.exists():
        return []
    return sorted(p.name for p in cache_dir.iterdir()
                  if p.name.startswith(".tmp-") or not p.name.endswith(records_module.SUFFIX))


# -- planning ---------------------------------------------------------------------------------


def test_default_widths_of_a_banner_sized_source_are_planned_without_encoding(tmp_path):
    source = save(Image.new("RGB", (2464, 1856), (200, 80, 20)), tmp_path / "13_fo.png")
    planned = plan(picture_at(source), PictureSettings(), at=AT)
    expected = [(480, 362), (960, 723), (1600, 1205), (2400, 1808)]
    assert dims(planned, "avif") == expected
    assert dims(planned, "webp") == expected
    assert planned.formats == ("avif", "webp")
    assert (planned.fallback.format, planned.fallback.width) == ("jpeg", 1600)
    assert [v.format for v in planned.variants].count("jpeg") == 1
    assert (planned.width, planned.height) == (2464, 1856)
    for variant in planned.all_variants:
        assert NAME.match(variant.name), variant.name
    assert planned.of_format("avif")[1].site_path.startswith("assets/images/13_fo-")
    assert planned.of_format("avif")[1].name.endswith("-960.avif")
    assert planned.placeholder.site_path is None


def test_a_1000_px_source_gets_480_and_960_only(tmp_path):
    source = save(photo(1000, 600), tmp_path / "wide.png")
    planned = plan(picture_at(source), PictureSettings())
    assert dims(planned, "avif") == [(480, 288), (960, 576)]
    assert dims(planned, "webp") == [(480, 288), (960, 576)]
    assert planned.fallback.width == 960


def test_a_source_narrower_than_every_width_gets_one_variant_per_format_at_its_own(tmp_path):
    source = save(photo(300, 200), tmp_path / "small.png")
    planned = plan(picture_at(source), PictureSettings())
    assert dims(planned, "avif") == [(300, 200)]
    assert dims(planned, "webp") == [(300, 200)]
    assert (planned.fallback.format, planned.fallback.width) == ("jpeg", 300)


def test_without_a_jpeg_the_fallback_is_the_middle_webp(tmp_path):
    source = save(photo(), tmp_path / "p.png")
    planned = plan(picture_at(source), dataclasses.replace(SMALL, jpeg_fallback=False))
    assert all(v.format != "jpeg" for v in planned.variants)
    assert (planned.fallback.format, planned.fallback.width) == ("webp", 200)


@pytest.mark.parametrize("name", ["turned.jpg", "turned.png", "turned.webp"])
def test_exif_orientation_is_applied_to_the_planned_and_encoded_size(tmp_path, name):
    exif = Image.Exif()
    exif[0x0112] = 6  # turned a quarter clockwise: drawn 500 wide, 700 high
    image = photo(700, 500)
    ImageDraw.Draw(image).rectangle((0, 0, 99, 99), fill=(255, 0, 0))  # top left, as stored
    source = save(image, tmp_path / name, exif=exif.tobytes())
    planned = plan(picture_at(source), dataclasses.replace(SMALL, formats=("webp",)))
    assert (planned.width, planned.height) == (500, 700)
    assert dims(planned, "webp")[-1] == (400, 560)
    cache = VariantCache(tmp_path / "cache")
    cache.ensure([planned], workers=1)
    with Image.open(cache.path_of(planned.of_format("webp")[-1])) as out:
        assert out.size == (400, 560)
        red, green, _ = out.convert("RGB").getpixel((out.width - 20, 20))  # now top right
        assert red > 200 and green < 80


# -- names ------------------------------------------------------------------------------------


def names(planned) -> dict[tuple[str, int], str]:
    """The published variants' names (the placeholder has settings of its own)."""
    return {(v.format, v.width): v.name for v in planned.variants}


def test_names_change_with_the_source_bytes(tmp_path):
    one = save(photo(seed=1), tmp_path / "a" / "p.png")
    two = save(photo(seed=2), tmp_path / "b" / "p.png")
    first, second = names(plan(picture_at(one), SMALL)), names(plan(picture_at(two), SMALL))
    assert first.keys() == second.keys()
    assert all(first[key] != second[key] for key in first)
    same = save(photo(seed=1), tmp_path / "c" / "p.png")
    assert names(plan(picture_at(same), SMALL)) == first


@pytest.mark.parametrize(("change", "renamed"), [
    ({"avif_quality": 41}, {"avif"}),
    ({"avif_speed": 8}, {"avif"}),
    ({"webp_quality": 61}, {"webp"}),
    ({"webp_method": 3}, {"webp"}),
    ({"jpeg_quality": 71}, {"jpeg"}),
])
def test_one_setting_renames_only_the_variants_it_affects(tmp_path, change, renamed):
    source = picture_at(save(photo(), tmp_path / "p.png"))
    before = names(plan(source, SMALL))
    after = names(plan(source, dataclasses.replace(SMALL, **change)))
    assert before.keys() == after.keys()
    changed = {fmt for (fmt, width), name in before.items() if after[(fmt, width)] != name}
    assert changed == renamed
    assert all(after[key] != name for key, name in before.items() if key[0] in renamed)


def test_a_new_width_renames_only_the_narrower_variants_resized_through_it(tmp_path):
    source = picture_at(save(photo(), tmp_path / "p.png"))
    before = names(plan(source, SMALL))
    after = names(plan(source, dataclasses.replace(SMALL, widths=(100, 200, 300, 400))))
    assert {k for k in after if k not in before} == {("avif", 300), ("webp", 300)}
    changed = {k for k, name in before.items() if after[k] != name}
    # 400 is made from the source as before; 200 and 100 now pass through 300.
    assert changed == {(f, w) for f in ("avif", "webp", "jpeg") for w in (100, 200)
                       if (f, w) in before}


def test_planning_reads_headers_and_never_decodes_pixels(tmp_path, monkeypatch):
    exif = Image.Exif()
    exif[0x0112] = 8
    sources = [save(photo(), tmp_path / "p.png", exif=exif.tobytes()),
               save(photo(), tmp_path / "p.jpg", exif=exif.tobytes()),
               save(photo(), tmp_path / "p.webp", exif=exif.tobytes())]

    def no_decoding(self):
        raise AssertionError("plan() decoded pixels")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    for source in sources:
        planned = plan(picture_at(source), SMALL)
        assert (planned.width, planned.height) == (500, 700), source.name


def test_a_new_encoder_version_renames_that_formats_variants(tmp_path, monkeypatch):
    source = picture_at(save(photo(), tmp_path / "p.png"))
    before = names(plan(source, SMALL))
    real = plan_module.encoder_version
    monkeypatch.setattr(plan_module, "encoder_version",
                        lambda fmt: real(fmt) + (" next" if fmt == "webp" else ""))
    after = names(plan(source, SMALL))
    assert {k[0] for k, name in before.items() if after[k] != name} == {"webp"}


# -- the cache --------------------------------------------------------------------------------


def test_a_second_ensure_encodes_nothing_and_reuses_everything(tmp_path):
    planned = plan(picture_at(save(photo(), tmp_path / "p.png")), SMALL)
    cache = VariantCache(tmp_path / "cache")
    first = cache.ensure([planned], workers=1)
    assert (first.encoded, first.reused) == (len(planned.all_variants), 0)
    assert cache_files(cache.cache_dir) == sorted(v.name for v in planned.all_variants)
    again = cache.ensure([planned], workers=1)
    assert (again.encoded, again.reused) == (0, len(planned.all_variants))


def test_changing_webp_quality_re_encodes_only_the_webp_variants(tmp_path):
    source = picture_at(save(photo(), tmp_path / "p.png"))
    cache = VariantCache(tmp_path / "cache")
    cache.ensure([plan(source, SMALL)], workers=1)
    changed = plan(source, dataclasses.replace(SMALL, webp_quality=55))
    stats = cache.ensure([changed], workers=1)
    assert stats.encoded == len(changed.of_format("webp")) == 3
    assert stats.reused == len(changed.all_variants) - 3


def test_variants_have_the_planned_sizes_and_formats(tmp_path):
    planned = plan(picture_at(save(photo(), tmp_path / "p.png")), SMALL)
    cache = VariantCache(tmp_path / "cache")
    cache.ensure([planned], workers=1)
    for variant in planned.all_variants:
        with Image.open(cache.path_of(variant)) as out:
            assert out.size == (variant.width, variant.height)
            assert out.format == {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}[variant.format]


def test_encodes_are_byte_identical_in_process_and_in_worker_processes(tmp_path):
    settings = dataclasses.replace(SMALL, social_cards=True)
    source = picture_at(save(photo(900, 700), tmp_path / "p.png"))
    plans = [plan(source, settings), plan_social_card(source, settings)]
    one, two = VariantCache(tmp_path / "one"), VariantCache(tmp_path / "two")
    one.ensure(plans, workers=1)
    two.ensure(plans, workers=2, granularity="split")
    made = cache_files(one.cache_dir)
    assert made == cache_files(two.cache_dir)
    assert {Path(name).suffix for name in made} == {".avif", ".webp", ".jpg"}
    for name in made:
        assert (one.cache_dir / name).read_bytes() == (two.cache_dir / name).read_bytes(), name


def test_variants_carry_no_metadata_and_no_colour_profile(tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = save(photo(), tmp_path / "p.jpg", exif=exif.tobytes(), icc_profile=srgb)
    planned = plan(picture_at(source), dataclasses.replace(SMALL, formats=("webp", "jpeg")))
    cache = VariantCache(tmp_path / "cache")
    cache.ensure([planned], workers=1)
    for variant in planned.variants:
        with Image.open(cache.path_of(variant)) as out:
            assert "icc_profile" not in out.info
            assert "exif" not in out.info
            assert not out.getexif()


def linear_rgb_profile() -> bytes:
    """A minimal ICC v2 display profile: sRGB's primaries with a linear (gamma 1) curve, so
    a value of 128 means half the light, which sRGB writes as 188."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + bytes(4) + s15(x) + s15(y) + s15(z)

    text = b"Linear RGB for tests\0"
    desc = b"desc" + bytes(4) + struct.pack(">I", len(text)) + text + bytes(4 + 4 + 2 + 1 + 67)
    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, 0x0100) + bytes(2)
    tags = [(b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
            (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)), (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
            (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += bytes(-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    header = (struct.pack(">I", offset + len(body)) + bytes(4) + struct.pack(">I", 0x02100000)
              + b"mntrRGB XYZ " + bytes(12) + b"acsp" + bytes(28)
              + s15(0.9642) + s15(1.0) + s15(0.8249))
    return header + bytes(128 - len(header)) + struct.pack(">I", len(tags)) + table + body


def test_a_non_srgb_profile_is_converted_to_srgb_and_not_embedded(tmp_path):
    grey = Image.new("RGB", (300, 200), (128, 128, 128))
    source = save(grey, tmp_path / "linear.png", icc_profile=linear_rgb_profile())
    planned = plan(picture_at(source), dataclasses.replace(SMALL, formats=("webp",)))
    cache = VariantCache(tmp_path / "cache")
    cache.ensure([planned], workers=1)
    with Image.open(cache.path_of(planned.of_format("webp")[0])) as out:
        assert "icc_profile" not in out.info
        assert all(abs(c - 188) <= 2 for c in out.convert("RGB").getpixel((50, 50)))


def test_orphaned_temp_files_of_dead_writers_are_removed(tmp_path):
    cache = VariantCache(tmp_path / "cache")
    cache.cache_dir.mkdir()
    orphan = cache.cache_dir / ".tmp-999999999-abc.avif"
    orphan.write_bytes(b"half")
    ours = cache.cache_dir / f".tmp-{os.getpid()}-abc.avif"
    ours.write_bytes(b"being written")
    cache.ensure([plan(picture_at(save(photo(120, 80), tmp_path / "p.png")), SMALL)],
                 workers=1)
    assert not orphan.exists()
    assert ours.exists()


def test_a_failed_write_leaves_no_file_and_no_temp_file(tmp_path, monkeypatch):
    planned = plan(picture_at(save(photo(), tmp_path / "p.png")), SMALL)
    cache = VariantCache(tmp_path / "cache")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(encode_module.os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        cache.ensure([planned], workers=1)
    assert cache_files(cache.cache_dir) == []


def test_site_files_map_every_published_variant_to_its_cached_file(tmp_path):
    source = picture_at(save(photo(1300, 700), tmp_path / "p.png"))
    plans = [plan(source, SMALL), plan_social_card(source, SMALL)]
    cache = VariantCache(tmp_path / "cache")
    files = cache.site_files(plans)
    published = [v for p in plans for v in p.variants]
    assert set(files) == {v.site_path for v in published}
    assert all(files[v.site_path] == cache.path_of(v) for v in published)
    assert plans[0].placeholder.name not in {p.name for p in files.values()}


def tasks_for(count: int, planned, tmp_path: Path, granularity: str = "auto"):
    """The tasks for `count` copies of one plan's source, as if they were different files."""
    missing, plans = {}, {}
    for i in range(count):
        key = (Path(f"p{i}.png"), str(i))
        missing[key] = {v.name: v for v in planned.all_variants}
        plans[key] = planned
    return cache_module._tasks(missing, plans, tmp_path, 2, granularity)


def test_few_sources_are_split_only_where_that_keeps_both_cores_busy(tmp_path):
    planned = plan(picture_at(save(photo(), tmp_path / "p.png")), SMALL)
    one = tasks_for(1, planned, tmp_path)
    assert [{v.format for v in t.variants} for t in one] == [{"avif"}, {"webp", "jpeg"}]
    assert len(tasks_for(1, planned, tmp_path, "source")) == 1
    assert len(tasks_for(2, planned, tmp_path)) == 2  # one each: splitting would add work
    three = tasks_for(3, planned, tmp_path)
    assert len(three) == 4  # two whole, the third split to fill the tail
    assert len(tasks_for(8, planned, tmp_path)) == 8
    assert len(tasks_for(3, planned, tmp_path, "split")) == 6
    # Longest first, and every variant in exactly one task.
    costs = [cache_module._cost(t.variants, 700 * 500) for t in three]
    assert costs == sorted(costs, reverse=True)
    assert sorted(v.name for t in three for v in t.variants) == sorted(
        v.name for _ in range(3) for v in planned.all_variants)


def test_the_simulated_run_gives_each_free_worker_the_longest_task_left():
    # Greedy, like the pool: 3 | 3, then 2 to each, then the last 2 -> 7 (not the best 6).
    assert cache_module._makespan([2, 3, 2, 3, 2], 2) == 7
    assert cache_module._makespan([4, 1, 1, 1, 1], 2) == 4
    assert cache_module._makespan([5], 2) == 5
    assert cache_module._makespan([], 2) == 0


# -- progress ---------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_live_line_on_a_terminal_for_many_variants():
    stream = Terminal()
    progress = Progress(20, 2, "auto", stream)
    progress.advance(5, "a.webp")
    progress.finish()
    assert "\r" in stream.getvalue()
    assert re.search(r"5/20 variants, [\d.]+/s, (\d+:\d\d left|…)", stream.getvalue())


def test_progress_is_log_lines_for_few_variants_or_no_terminal(caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.hugomat")
    for total, stream in ((5, Terminal()), (20, io.StringIO())):
        progress = Progress(total, 2, "auto", stream)
        progress.advance(total, "a.webp")
        progress.finish()
        assert stream.getvalue() == ""
    messages = [r.getMessage() for r in caplog.records]
    assert "Encoding 20 picture variants in 2 processes" in messages
    assert any(m.startswith("Encoded 20 picture variants in ") for m in messages)


# -- markup -----------------------------------------------------------------------------------


def test_picture_markup_offers_avif_then_webp_with_w_descriptors_and_sizes(tmp_path):
    planned = plan(picture_at(save(photo(), tmp_path / "p.png")), SMALL)
    html = picture_html(planned, lambda path: "../" + path, 'Flames "on" <now> & then',
                        BANNER_SIZES, priority=True, placeholder=None, css_class="hero")
    sources = re.findall(r'<source type="([^"]+)" srcset="([^"]+)" sizes="([^"]+)">', html)
    assert [s[0] for s in sources] == ["image/avif", "image/webp"]
    for (_, srcset, sizes), fmt in zip(sources, ("avif", "webp"), strict=True):
        entries = [e.rsplit(" ", 1) for e in srcset.split(", ")]
        assert [w for _, w in entries] == ["100w", "200w", "400w"]
        assert [u for u, _ in entries] == ["../" + v.site_path for v in planned.of_format(fmt)]
        assert sizes == BANNER_SIZES
    img = re.search(r"<img ([^>]*)>", html).group(1)
    assert f'src="../{planned.fallback.site_path}"' in img
    assert planned.fallback.site_path.endswith("-200.jpg")
    assert 'width="700" height="500"' in img
    assert 'alt="Flames &quot;on&quot; &lt;now&gt; &amp; then"' in img
    assert 'decoding="async"' in img
    assert 'fetchpriority="high"' in img and "loading=" not in img
    assert 'class="hero"' in img
    assert html.startswith("<picture><source") and html.endswith("></picture>")


def test_pictures_below_the_top_load_lazily_over_their_placeholder(tmp_path):
    planned = plan(picture_at(save(photo(), tmp_path / "p.png")), SMALL)
    html = picture_html(planned, str, "", content_sizes(700), priority=False,
                        placeholder="data:image/webp;base64,AAAA")
    assert 'loading="lazy"' in html and "fetchpriority" not in html
    assert "background-image:url(data:image/webp;base64,AAAA)" in html


def test_no_placeholder_under_a_transparent_picture(tmp_path):
    see_through = photo().convert("RGBA")
    see_through.putalpha(128)
    planned = plan(picture_at(save(see_through, tmp_path / "p.png")), SMALL)
    assert planned.has_alpha
    html = picture_html(planned, str, "", BANNER_SIZES, priority=False,
                        placeholder="data:image/webp;base64,AAAA")
    assert "background-image" not in html


def test_sizes_follow_materials_measured_column():
    assert BANNER_SIZES == ("(min-width: 125em) 826px, (min-width: 100em) 757px, "
                            "(min-width: 76.25em) 688px, (min-width: 60em) calc(100vw - 274px),"
                            " calc(100vw - 32px)")
    assert column_sizes(toc=False) == ("(min-width: 125em) 1126px, (min-width: 100em) 1032px, "
                                       "(min-width: 76.25em) 938px, calc(100vw - 32px)")


def test_content_sizes_never_exceed_the_pictures_own_width():
    assert content_sizes(300) == "(min-width: 332px) 300px, calc(100vw - 32px)"
    assert content_sizes(800) == (
        "(min-width: 125em) 800px, (min-width: 100em) 757px, (min-width: 76.25em) 688px, "
        "(min-width: 1074px) 800px, (min-width: 60em) calc(100vw - 274px), "
        "(min-width: 832px) 800px, calc(100vw - 32px)")
    assert content_sizes(5000) == BANNER_SIZES


# -- placeholder and social card --------------------------------------------------------------


def test_the_placeholder_is_a_tiny_deterministic_data_uri_matching_the_cached_one(tmp_path):
    source = save(photo(), tmp_path / "p.png")
    uri = placeholder_data_uri(source)
    assert uri.startswith("data:image/webp;base64,")
    assert len(uri) < 1000
    assert placeholder_data_uri(source) == uri
    planned = plan(picture_at(source), SMALL)
    cache = VariantCache(tmp_path / "cache")
    cache.ensure([planned], workers=1)
    assert cache.placeholder(planned) == uri


def test_the_social_card_is_a_centred_1200x630_jpeg_cut(tmp_path):
    image = Image.new("RGB", (1400, 900), (20, 40, 220))
    ImageDraw.Draw(image).rectangle((0, 0, 1399, 59), fill=(255, 0, 0))  # cut off by the crop
    card_plan = plan_social_card(picture_at(save(image, tmp_path / "banner.png")), SMALL)
    (card,) = card_plan.variants
    assert card.site_path.startswith("assets/images/social/banner-")
    assert card.name.endswith("-1200x630.jpg")
    cache = VariantCache(tmp_path / "cache")
    cache.ensure([card_plan], workers=1)
    with Image.open(cache.path_of(card)) as out:
        assert (out.format, out.size) == ("JPEG", (1200, 630))
        red, _, blue = out.convert("RGB").getpixel((600, 2))
        assert blue > 180 and red < 60


def test_a_small_source_gives_a_smaller_card_never_an_enlarged_one(tmp_path):
    card_plan = plan_social_card(picture_at(save(photo(600, 600), tmp_path / "s.png")), SMALL)
    (card,) = card_plan.variants
    assert (card.width, card.height) == (600, 315)
    assert plan_social_card(picture_at(tmp_path / "s.png"),
                            dataclasses.replace(SMALL, social_cards=False)) is None


# -- bad pictures -----------------------------------------------------------------------------


def test_a_file_that_is_not_a_picture_is_a_content_error_at_the_location(tmp_path):
    fake = tmp_path / "fake.png"
    fake.write_text("not a picture at all", encoding="utf-8")
    bogus = lookup.Picture(path=fake, site_path="fake.png", width=1, height=1)
    with pytest.raises(ContentError) as caught:
        plan(bogus, SMALL, at=AT)
    assert str(caught.value).startswith("content/docs/13_flames_on.md:4:8: picture 'fake.png' ")
    assert "not a picture" in str(caught.value)
    with pytest.raises(ContentError, match=r"^content/docs/13_flames_on\.md:4:8: "):
        lookup.find("fake.png", (tmp_path,), AT)


def truncated(tmp_path: Path) -> lookup.Picture:
    whole = io.BytesIO()
    photo(400, 300).save(whole, "JPEG", quality=90)
    path = tmp_path / "cut.jpg"
    path.write_bytes(whole.getvalue()[: len(whole.getvalue()) * 2 // 3])
    return picture_at(path)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_truncated_picture_fails_at_its_location_and_leaves_nothing(tmp_path, workers):
    good = plan(picture_at(save(photo(), tmp_path / "good" / "ok.png")), SMALL)
    bad = plan(truncated(tmp_path), SMALL, at=AT)
    cache = VariantCache(tmp_path / "cache")
    with pytest.raises(ContentErrors) as caught:
        cache.ensure([bad, good], workers=workers)
    (error,) = caught.value.errors
    assert str(error).startswith("content/docs/13_flames_on.md:4:8: picture 'cut.jpg' ")
    assert "truncated" in str(error)
    # The good picture's variants are made; of the bad one nothing, not even a temp file.
    assert cache_files(cache.cache_dir) == sorted(v.name for v in good.all_variants)


def test_the_same_bad_picture_is_reported_at_every_place_naming_it(tmp_path):
    other = Location("content/docs/other.md", 2, 1)
    picture = truncated(tmp_path)
    with pytest.raises(ContentErrors) as caught:
        VariantCache(tmp_path / "cache").ensure(
            [plan(picture, SMALL, at=AT), plan(picture, SMALL, at=other)], workers=1)
    assert [e.location for e in caught.value.errors] == [AT, other]


def test_a_decompression_bomb_is_refused_when_planning(tmp_path, monkeypatch):
    picture = picture_at(save(photo(100, 100), tmp_path / "bomb.png"))
    for limit in (4_000, 9_000):  # Pillow's error (over twice the limit), then its warning
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limit)
        with pytest.raises(ContentError) as caught:
            plan(picture, SMALL, at=AT)
        assert str(caught.value).startswith(
            "content/docs/13_flames_on.md:4:8: picture 'bomb.png' is a decompression bomb")
        assert f"Pillow's limit of {limit:,}" in str(caught.value)


def test_a_decompression_bomb_is_refused_inside_the_worker_processes(tmp_path):
    planned = plan(picture_at(save(photo(100, 100), tmp_path / "bomb.png")), SMALL, at=AT)
    lowered = dataclasses.replace(planned, max_pixels=9_000)
    cache = VariantCache(tmp_path / "cache")
    with pytest.raises(ContentErrors) as caught:
        cache.ensure([lowered], workers=2, granularity="split")
    (error,) = caught.value.errors
    assert str(error).startswith("content/docs/13_flames_on.md:4:8: picture 'bomb.png' is a "
                                 "decompression bomb")
    assert "9,000" in str(error)
    assert cache_files(cache.cache_dir) == []


def frames(fmt: str, path: Path) -> Path:
    colours = [(250, 10, 10), (10, 250, 10), (10, 10, 250)]
    first, *rest = [Image.new("RGB", (300, 200), c) for c in colours]
    first.save(path, fmt, save_all=True, append_images=rest, duration=100, loop=0)
    return path


@pytest.mark.parametrize(("fmt", "name"), [("GIF", "anim.gif"), ("WEBP", "anim.webp")])
def test_an_animated_picture_gives_still_variants_of_its_first_frame(tmp_path, fmt, name):
    source = frames(fmt, tmp_path / name)
    with Image.open(source) as opened:
        assert opened.n_frames == 3
    planned = plan(picture_at(source), SMALL)
    cache = VariantCache(tmp_path / "cache")
    cache.ensure([planned], workers=1)
    for variant in planned.variants:
        with Image.open(cache.path_of(variant)) as out:
            assert getattr(out, "n_frames", 1) == 1
            red, green, blue = out.convert("RGB").getpixel((out.width // 2, out.height // 2))
            assert red > 200 and green < 60 and blue < 60, variant.name


def test_a_picture_that_changed_after_planning_is_not_encoded_under_the_old_name(tmp_path):
    source = save(photo(seed=1), tmp_path / "p.png")
    planned = plan(picture_at(source), SMALL, at=AT)
    save(photo(seed=2), source)
    cache = VariantCache(tmp_path / "cache")
    with pytest.raises(ContentErrors, match="changed while the site was being built"):
        cache.ensure([planned], workers=1)
    assert cache_files(cache.cache_dir) == []


def test_a_missing_picture_is_a_content_error_when_planning(tmp_path):
    gone = lookup.Picture(path=tmp_path / "gone.png", site_path="gone.png", width=1, height=1)
    with pytest.raises(ContentError, match=r"^content/docs/13_flames_on\.md:4:8: picture "
                                           r"'gone\.png' cannot be read"):
        plan(gone, SMALL, at=AT)


def test_the_placeholder_of_a_bad_picture_is_a_content_error(tmp_path):
    picture = truncated(tmp_path)
    with pytest.raises(ContentError, match=r"^content/docs/13_flames_on\.md:4:8: .*truncated"):
        placeholder_data_uri(picture.path, at=AT)


def test_settings_refuse_nonsense():
    with pytest.raises(ValueError, match="formats"):
        PictureSettings(formats=("gif",))
    with pytest.raises(ValueError, match="avif_quality"):
        PictureSettings(avif_quality=0)
    assert PictureSettings(widths=(960, 480, 960)).widths == (480, 960)


# -- a cache that is not what it wrote ----------------------------------------------------------


def damage_truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:40])


def damage_emptied(path: Path) -> None:
    path.write_bytes(b"")


def damage_garbage_of_the_same_size(path: Path) -> None:
    written = path.stat().st_mtime_ns
    path.write_bytes(bytes(len(path.read_bytes())))
    # Damage comes later than the writing: past the file system's clock tick, too.
    os.utime(path, ns=(written + 10**9, written + 10**9))


@pytest.mark.parametrize(("fmt", "damage", "problem"), [
    ("avif", damage_truncated, r"is 40 bytes, but [\d,]+ were written"),
    ("webp", damage_emptied, r"is 0 bytes, but [\d,]+ were written"),
    ("jpeg", damage_garbage_of_the_same_size, r"has other bytes than were written"),
])
def test_a_damaged_cached_variant_is_encoded_again_and_reported(tmp_path, fmt, damage, problem):
    planned = plan(picture_at(save(photo(), tmp_path / "p.png")), SMALL)
    cache = VariantCache(tmp_path / "cache")
    cache.ensure([planned], workers=1)
    victim = next(v for v in planned.variants if v.format == fmt)
    good = cache.path_of(victim).read_bytes()
    damage(cache.path_of(victim))
    stats = cache.ensure([planned], workers=1)
    assert (stats.encoded, stats.reused) == (1, len(planned.all_variants) - 1)
    (report,) = stats.damaged
    assert re.fullmatch(re.escape(victim.name) + " " + problem, report), report
    assert cache.path_of(victim).read_bytes() == good
    assert cache.ensure([planned], workers=1).damaged == ()


def test_a_variant_the_cache_did_not_write_is_not_trusted(tmp_path):
    planned = plan(picture_at(save(photo(), tmp_path / "p.png")), SMALL)
    cache = VariantCache(tmp_path / "cache")
    cache.cache_dir.mkdir()
    placed = planned.variants[0]
    cache.path_of(placed).write_bytes(b"placed here by hand")
    stats = cache.ensure([planned], workers=1)
    assert (stats.unrecorded, stats.damaged) == (1, ())
    assert stats.encoded == len(planned.all_variants)
    with Image.open(cache.path_of(placed)) as out:
        assert out.size == (placed.width, placed.height)


def test_each_variant_is_written_with_the_record_of_its_size_and_digest(tmp_path):
    planned = plan(picture_at(save(photo(), tmp_path / "p.png")), SMALL)
    cache = VariantCache(tmp_path / "cache")
    cache.ensure([planned], workers=2, granularity="split")
    for variant in planned.all_variants:
        data = cache.path_of(variant).read_bytes()
        record = records_module.record_path(cache.path_of(variant)).read_text("ascii")
        written = cache.path_of(variant).stat().st_mtime_ns
        assert record == f"{len(data)} {hashlib.sha256(data).hexdigest()} {written}\n"


def test_an_untouched_variant_is_reused_without_reading_it(tmp_path, monkeypatch):
    planned = plan(picture_at(save(photo(), tmp_path / "p.png")), SMALL)
    cache = VariantCache(tmp_path / "cache")
    cache.ensure([planned], workers=1)

    def no_hashing(*args):
        raise AssertionError("a variant of the recorded size and time was hashed")

    monkeypatch.setattr(records_module.hashlib, "sha256", no_hashing)
    stats = cache.ensure([planned], workers=1)
    assert (stats.encoded, stats.reused) == (0, len(planned.all_variants))


@pytest.mark.parametrize("blocked", ["cache", "."])
def test_a_file_where_the_cache_folder_should_be_is_a_clear_error(tmp_path, monkeypatch,
                                                                  blocked):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cache").write_bytes(b"not a folder")
    cache_dir = tmp_path / "cache" / "pictures" if blocked == "." else tmp_path / "cache"
    planned = plan(picture_at(save(photo(120, 80), tmp_path / "p.png")), SMALL)
    with pytest.raises(cache_module.CacheError) as caught:
        VariantCache(cache_dir).ensure([planned], workers=1)
    shown = cache_dir.relative_to(tmp_path)
    assert str(caught.value) == (f"the picture cache {shown} cannot be made: cache is a file, "
                                 "not a folder; remove it, or set cache_dir in mkdocs.yml")


# -- pictures larger than a format holds -------------------------------------------------------


def test_a_picture_taller_than_each_formats_limit_is_scaled_to_fit_it(tmp_path):
    # 10x70000: over WebP's 16383, AVIF's 32768 and JPEG's 65500 px. Narrow, so it is cheap.
    source = save(Image.new("RGB", (10, 70_000), (200, 80, 20)), tmp_path / "tall.png")
    settings = dataclasses.replace(SMALL, widths=(10,), formats=("avif", "webp", "jpeg"))
    planned = plan(picture_at(source), settings)
    fitted = {(v.format, v.role): (v.width, v.height) for v in planned.all_variants}
    assert fitted == {("avif", "picture"): (4, 28_000), ("webp", "picture"): (2, 14_000),
                      ("jpeg", "picture"): (9, 63_000), ("webp", "placeholder"): (2, 14_000)}
    cache = VariantCache(tmp_path / "cache")
    cache.ensure([planned], workers=1)
    for variant in planned.all_variants:
        with Image.open(cache.path_of(variant)) as out:
            out.load()
            assert out.size == (variant.width, variant.height)
    # The placeholder drawn without the cache is fitted alike, to the same bytes.
    assert placeholder_data_uri(source) == cache.placeholder(planned)


def test_widths_that_fit_alike_are_one_variant_and_the_fallback_is_among_them(tmp_path,
                                                                                 monkeypatch):
    monkeypatch.setitem(plan_module.MAX_SIDE, "webp", 500)
    source = save(photo(400, 1000), tmp_path / "tall.png")
    settings = dataclasses.replace(SMALL, widths=(100, 200, 300, 400), formats=("webp",),
                                   jpeg_fallback=False, fallback_width=400)
    planned = plan(picture_at(source), settings)
    assert dims(planned, "webp") == [(100, 250), (200, 500)]
    assert planned.fallback == planned.of_format("webp")[-1]


def test_a_picture_no_scaling_fits_is_a_content_error_not_a_traceback(tmp_path):
    # 1 px wide and 20000 tall: WebP cannot hold it at any width.
    source = save(Image.new("RGB", (1, 20_000), (200, 80, 20)), tmp_path / "line.png")
    settings = dataclasses.replace(SMALL, formats=("webp",), jpeg_fallback=False,
                                   placeholders=False)
    # Said when planned, so that `check` says it too (it plans but does not encode).
    with pytest.raises(ContentError) as caught:
        plan(picture_at(source), settings, at=AT)
    assert str(caught.value).startswith("content/docs/13_flames_on.md:4:8: picture 'line.png' "
                                        "is 1x20000: too narrow for its height to fit WEBP's")
    avif_only = dataclasses.replace(settings, formats=("avif",))
    assert plan(picture_at(source), avif_only, at=AT).variants  # AVIF holds 32768 a side


# -- the encoding processes ------------------------------------------------------------------

# Encodes slow AVIFs in two worker processes; prints "encoding" once they are about to start.
SLOW_ENCODE = """
import sys
from pathlib import Path
from PIL import Image
from hugomat.pictures import lookup
from hugomat.errors import Location
from hugomat.pictures import PictureSettings, VariantCache, plan

root = Path(sys.argv[1])
settings = PictureSettings(widths=(1600,), formats=("avif",), avif_speed=0,
                           jpeg_fallback=False, placeholders=False)
plans = []
for seed in range(4):
    path = root / f"noise{seed}.png"
    Image.effect_noise((1600, 1200), 60 + seed).convert("RGB").save(path)
    plans.append(plan(lookup.find(path.name, (root,), Location(path.name)), settings))
print("encoding", flush=True)
try:
    VariantCache(root / "cache").ensure(plans, workers=2, progress="log")
except KeyboardInterrupt:
    print("interrupted", flush=True)
    sys.exit(130)
"""


def live_descendants(pid: int) -> set[int]:
    """The processes below `pid` that have not ended (a zombie has), read from /proc."""
    children: dict[int, list[int]] = {}
    state: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        child = int(stat.parent.name)
        state[child] = fields[0]
        children.setdefault(int(fields[1]), []).append(child)
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return {p for p in found if state.get(p) not in ("Z", "X")}


def still_running(pids: set[int]) -> set[int]:
    running = set()
    for pid in pids:
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in "ZX":
                running.add(pid)
        except OSError:
            pass
    return running


def start_slow_encode(tmp_path: Path):
    """The script running, and its helper processes (forkserver, both workers, resource
    tracker) once they are all up."""
    process = subprocess.Popen([sys.executable, "-c", SLOW_ENCODE, str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    assert process.stdout.readline() == "encoding\n"
    deadline = time.monotonic() + 30
    helpers: set[int] = set()
    while len(helpers) < 4 and time.monotonic() < deadline:
        time.sleep(0.1)
        helpers = live_descendants(process.pid)
    assert len(helpers) >= 4, helpers
    time.sleep(1.0)  # the workers are encoding by now
    return process, helpers


def wait_until_gone(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while still_running(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return still_running(pids)


def end(pids: set[int]) -> None:
    for pid in still_running(pids):
        os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_encoding_processes_die_with_a_build_killed_outright(tmp_path):
    process, helpers = start_slow_encode(tmp_path)
    try:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert wait_until_gone(helpers, 10) == set()
    finally:
        end(helpers)
        process.communicate()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_stops_the_encoding_processes_without_their_tracebacks(tmp_path):
    process, helpers = start_slow_encode(tmp_path)
    try:
        started = time.monotonic()
        os.killpg(process.pid, signal.SIGINT)  # what a terminal does: the whole group
        out, err = process.communicate(timeout=60)
        assert (process.returncode, out) == (130, "interrupted\n"), err
        # The running encodes were stopped, not waited for (each takes far longer).
        assert time.monotonic() - started < 5
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
        assert wait_until_gone(helpers, 10) == set()
    finally:
        end(helpers)
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_check_decodes_only_the_sources_the_cache_lacks_and_finds_a_truncated_one(
        tmp_path, monkeypatch):
    good = save(photo(), tmp_path / "good.png")
    cut = tmp_path / "cut.png"
    cut.write_bytes(save(photo(seed=2), tmp_path / "whole.png").read_bytes()[:300])
    cache = VariantCache(tmp_path / "cache")
    plans = [plan(picture_at(good)), plan(picture_at(cut))]
    decoded: list[Path] = []
    real = cache_module.decoded_source
    monkeypatch.setattr(cache_module, "decoded_source",
                        lambda path, *rest: decoded.append(path) or real(path, *rest))
    problems = cache.decode_problems(plans)
    assert [p.message for p in problems] == [
        "picture 'cut.png' is damaged or truncated: image file is truncated"]
    assert sorted(decoded) == sorted([good, cut])
    cache.ensure(plans[:1], workers=1, progress="off")
    decoded.clear()
    assert cache.decode_problems(plans[:1]) == [] and decoded == []


def test_a_picture_too_tall_for_a_format_at_any_width_is_said_when_planned(tmp_path):
    tall = save(Image.new("RGB", (1, 17000), "white"), tmp_path / "tall.png")
    with pytest.raises(ContentError) as raised:
        plan(picture_at(tall), at=Location("page.md", 3, 4))
    assert str(raised.value) == (
        "page.md:3:4: picture 'tall.png' is 1x17000: too narrow for its height to fit WEBP's "
        "limit of 16,383 pixels a side at any width (crop it, or leave webp out of "
        "pictures.formats)")
    wide = save(Image.new("RGB", (17000, 1), "white"), tmp_path / "wide.png")
    assert plan(picture_at(wide)).variants  # scaled down to fit, as before
