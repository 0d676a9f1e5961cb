"""hugomat.pictures.lookup.find: a picture reference never reaches outside the site's roots."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from hugomat.errors import ContentError, Location
from hugomat.pictures import lookup

AT = Location("content/docs/13_flames_on.md", 3, 7)
PREFIX = r"^content/docs/13_flames_on\.md:3:7: "


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    """A picture root with one picture, and a secret picture beside (outside) the root."""
    root = tmp_path / "site" / "assets"
    (root / "banners").mkdir(parents=True)
    Image.new("RGB", (40, 30), (200, 100, 0)).save(root / "banners" / "ok.png")
    outside = tmp_path / "private"
    outside.mkdir()
    Image.new("RGB", (40, 30), (0, 0, 0)).save(outside / "secret.png")
    return root, outside


def test_a_picture_under_a_root_is_found_with_its_size_and_site_path(site):
    root, _ = site
    picture = lookup.find("/banners/ok.png", (root,), AT)
    assert picture.path == (root / "banners" / "ok.png").resolve()
    assert (picture.site_path, picture.width, picture.height) == ("banners/ok.png", 40, 30)


@pytest.mark.parametrize("ref", ["../../etc/passwd", "../private/secret.png",
                                 "banners/../../private/secret.png", "..\\private\\secret.png"])
def test_a_path_climbing_out_of_the_roots_is_refused(site, ref):
    root, _ = site
    with pytest.raises(ContentError, match=PREFIX + r"picture '.*' leaves the site's picture"):
        lookup.find(ref, (root,), AT)


def test_an_absolute_path_on_this_computer_is_refused(site):
    root, outside = site
    secret = str(outside / "secret.png")
    with pytest.raises(ContentError, match=PREFIX + r"picture '.*secret\.png' is a path on "
                                           r"this computer"):
        lookup.find(secret, (root,), AT)
    with pytest.raises(ContentError, match=PREFIX + "picture '/etc/passwd' is a path on"):
        lookup.find("/etc/passwd", (root,), AT)


def test_a_symlink_pointing_outside_a_root_is_refused(site):
    root, outside = site
    (root / "banners" / "link.png").symlink_to(outside / "secret.png")
    with pytest.raises(ContentError, match=PREFIX + r"picture 'banners/link\.png' is a link "
                                           r"to .*secret\.png, outside"):
        lookup.find("banners/link.png", (root,), AT)


def test_a_symlinked_folder_pointing_outside_a_root_is_refused(site):
    root, outside = site
    (root / "elsewhere").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ContentError, match=PREFIX + r"picture 'elsewhere/secret\.png' is a "
                                           r"link"):
        lookup.find("elsewhere/secret.png", (root,), AT)


def test_a_symlink_inside_the_root_is_followed(site):
    root, _ = site
    (root / "alias.png").symlink_to(root / "banners" / "ok.png")
    assert lookup.find("alias.png", (root,), AT).path == (root / "banners" / "ok.png").resolve()


def test_a_missing_picture_names_the_folders_looked_in(site):
    root, _ = site
    with pytest.raises(ContentError, match=PREFIX + r"picture 'nope\.png' not found"):
        lookup.find("nope.png", (root,), AT)


def test_a_folder_is_not_a_picture(site):
    root, _ = site
    with pytest.raises(ContentError, match=PREFIX + "picture 'banners' is not a file"):
        lookup.find("banners", (root,), AT)


def test_a_decompression_bomb_is_refused_naming_pillows_limit(site, monkeypatch):
    root, _ = site
    for limit in (500, 1_000):  # Pillow's error (over twice its limit), then its warning
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limit)
        with pytest.raises(ContentError, match=PREFIX + r"picture 'banners/ok\.png' is a "
                                               rf"decompression bomb.*limit of {limit:,}"):
            lookup.find("banners/ok.png", (root,), AT)


@pytest.mark.parametrize(("ref", "remote"), [
    ("https://example.org/a.webp", True), ("HTTP://example.org/a.webp", True),
    ("//cdn.example.org/a.webp", True), (" https://x/y.png", True),
    ("banners/ok.png", False), ("/banners/ok.png", False), ("https.png", False),
])
def test_remote_pictures_are_recognised_so_they_are_never_fetched(ref, remote):
    assert lookup.is_remote(ref) is remote


@pytest.mark.parametrize("ref", ["x" * 5000 + ".png", "a/" * 3000 + "b.png"])
def test_a_name_too_long_for_the_file_system_is_a_content_error(site, ref):
    root, _ = site
    with pytest.raises(ContentError, match=PREFIX + "picture '.*' cannot be looked up"):
        lookup.find(ref, (root,), AT)
