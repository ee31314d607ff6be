"""Pillow preparation: EXIF orientation, fit modes, the disk cache and hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from kiosk.media.cache import ImageCache
from kiosk.media.images import ImageError, fit_size, prepare_image
from kiosk.media.qrcode import qr_matrix


def picture(path: Path, size: tuple[int, int] = (400, 200), orientation: int | None = None) -> Path:
    img = Image.new("RGB", size, "#ff0000")
    img.paste(Image.new("RGB", (size[0] // 2, size[1]), "#0000ff"), (size[0] // 2, 0))  # right half blue
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    img.save(path, exif=exif)
    return path


@pytest.mark.parametrize(
    ("fit", "expected"), [("contain", (200, 100)), ("cover", (400, 200)), ("fill", (200, 200))]
)
def test_fit_sizes(fit: str, expected: tuple[int, int]) -> None:
    assert fit_size((400, 200), (200, 200), fit) == expected  # type: ignore[arg-type]


def test_cover_is_cropped_to_the_box(tmp_path: Path) -> None:
    prepared = prepare_image(picture(tmp_path / "a.jpg"), (200, 200), "cover")
    assert (prepared.width, prepared.height) == (200, 200)
    assert len(prepared.rgba) == 200 * 200 * 4


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    # orientation 6: the camera was turned; the picture must be shown rotated 90° (taller than wide)
    prepared = prepare_image(picture(tmp_path / "rot.jpg", orientation=6), (1000, 1000), "contain")
    assert prepared.height > prepared.width
    top_pixel = prepared.rgba[0:3]
    assert top_pixel[0] > 200 and top_pixel[2] < 80  # turned clockwise: the red left half is now on top


@pytest.mark.parametrize("data", [b"", b"not a picture", b"\x89PNG\r\n\x1a\n\x00\x00garbage"])
def test_broken_files_raise_image_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.png"
    path.write_bytes(data)
    with pytest.raises(ImageError):
        prepare_image(path, (100, 100))


def test_missing_file_raises_image_error(tmp_path: Path) -> None:
    with pytest.raises(ImageError):
        ImageCache(tmp_path / "cache").get(tmp_path / "nope.png", (10, 10), "contain")


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_decompression_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    Image.new("1", (12000, 12000)).save(path)  # 144 MPx, tiny file
    with pytest.raises(ImageError):
        prepare_image(path, (100, 100))


def test_cache_hits_by_content_and_survives_a_torn_file(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path / "cache")
    src = picture(tmp_path / "a.png")
    first = cache.get(src, (100, 100), "contain")
    second = cache.get(src, (100, 100), "contain")
    assert (cache.misses, cache.hits) == (1, 1) and first == second
    (stored,) = (tmp_path / "cache").glob("*.png")
    stored.write_bytes(stored.read_bytes()[:20])  # a crash in the middle of a write elsewhere
    assert cache.get(src, (100, 100), "contain") == first
    assert cache.misses == 2
    picture(src, size=(300, 300))  # same name, new content: a new key
    assert cache.get(src, (100, 100), "contain") != first
    assert not list((tmp_path / "cache").glob("*.tmp"))


def test_qr_matrix_has_quiet_zone_and_finders() -> None:
    matrix = qr_matrix("https://www.rostock.de/")
    assert matrix.size == len(matrix.dark) >= 29
    assert not any(matrix.dark[0]) and not any(row[0] for row in matrix.dark)  # quiet zone
    assert all(matrix.dark[4][4:11]) and not any(matrix.dark[5][5:10])  # finder: dark ring, light ring


def test_cache_stays_under_its_bound_dropping_the_least_recently_used(tmp_path: Path) -> None:
    import os

    cache = ImageCache(tmp_path / "cache", max_bytes=1)  # room for the newest picture only
    src = picture(tmp_path / "a.png")
    cache.get(src, (100, 100), "contain")
    os.utime(next((tmp_path / "cache").glob("*.png")), (1, 1))  # long unused
    cache.get(src, (50, 50), "contain")
    (kept,) = (tmp_path / "cache").glob("*.png")
    assert "-50x50-" in kept.name


def test_contain_with_bands_fills_the_box_with_a_darkened_blur(tmp_path: Path) -> None:
    from kiosk.media.images import Framing

    src = tmp_path / "white.png"
    Image.new("RGB", (400, 100), "#ffffff").save(src)  # a white picture: the worst case for white bands
    prepared = prepare_image(src, (200, 200), "contain", Framing(bands=True))
    assert (prepared.width, prepared.height) == (200, 200)
    img = Image.frombytes("RGBA", (200, 200), prepared.rgba)
    assert max(img.getpixel((100, 10))[:3]) < 160  # band: the picture darkened, not white
    assert img.getpixel((100, 100))[:3] == (255, 255, 255)  # the picture itself untouched


def test_cover_keeps_the_focus_point(tmp_path: Path) -> None:
    from kiosk.media.images import Framing

    src = picture(tmp_path / "a.png")  # red left half, blue right half
    left = prepare_image(src, (100, 200), "cover", Framing(focus=(0.0, 0.5)))
    right = prepare_image(src, (100, 200), "cover", Framing(focus=(1.0, 0.5)))
    assert left.rgba[0] > 200 and left.rgba[2] < 80  # red
    assert right.rgba[2] > 200 and right.rgba[0] < 80  # blue
