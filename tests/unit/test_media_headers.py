"""Reading an upload's header by hand (domain/media.py): PNG, JPEG and WebP
dimensions, an MP4's duration from its mvhd box, and each kind's specification."""

from __future__ import annotations

import zlib

import pytest

from chalicelib.domain import media
from tests.unit import media_bytes as b


def test_a_real_png_gives_its_dimensions_and_decodes():
    data = b.png(1200, 1000)
    assert media.image_info(data) == ("image/png", 1200, 1000)
    idat = data.index(b"IDAT")
    length = int.from_bytes(data[idat - 4 : idat], "big")
    rows = zlib.decompress(data[idat + 4 : idat + 4 + length])
    assert len(rows) == 1000 * (1 + 1200)  # the file is what it says it is


@pytest.mark.parametrize("progressive", [False, True])
def test_jpeg_dimensions_come_from_the_frame_header_after_other_segments(progressive):
    assert media.image_info(b.jpeg(1000, 800, progressive=progressive)) == ("image/jpeg", 1000, 800)


@pytest.mark.parametrize("build", [b.webp_vp8x, b.webp_vp8l, b.webp_vp8])
def test_webp_dimensions_in_each_of_its_three_layouts(build):
    assert media.image_info(build(1500, 1500)) == ("image/webp", 1500, 1500)


@pytest.mark.parametrize(
    "data", [b"", b"GIF89a\x01\x00\x01\x00", b"\xff\xd8\xff\xe0\x00\x10JFIF", b"RIFF\x00\x00\x00\x00WAVEfmt "]
)
def test_anything_else_is_not_an_image(data):
    assert media.image_info(data) is None


def test_a_main_image_is_square_and_at_least_1000_pixels():
    assert media.image_failures("main", "image/png", 5000, b.png(1000, 1000)) == ([], 1000, 1000)
    failures, width, height = media.image_failures("main", "image/png", 5000, b.png(999, 999))
    assert (width, height) == (999, 999) and failures == ["999x999 is under 1000x1000"]
    failures, *_ = media.image_failures("main", "image/jpeg", 5000, b.jpeg(1200, 1000))
    assert failures == ["a main image is square, not 1200x1000"]


def test_a_detail_image_needs_800_pixels_each_way_and_may_be_oblong():
    assert media.image_failures("detail", "image/webp", 100, b.webp_vp8x(1600, 800))[0] == []
    assert media.image_failures("detail", "image/webp", 100, b.webp_vp8x(1600, 799))[0] == ["1600x799 is under 800x800"]


def test_every_failure_of_an_image_is_listed():
    failures, *_ = media.image_failures("main", "image/png", 4 * 1024 * 1024, b.jpeg(500, 400))
    assert failures == [
        f"size {4 * 1024 * 1024} bytes is over {media.MAX_IMAGE_BYTES}",
        "the file is image/jpeg, not image/png",
        "500x400 is under 1000x1000",
        "a main image is square, not 500x400",
    ]
    assert media.image_failures("detail", "image/png", 10, b"not an image")[0] == ["not a JPEG, PNG or WebP image"]


@pytest.mark.parametrize("version", [0, 1])
def test_mp4_duration_from_the_movie_header(version):
    assert media.mp4_duration(b.mp4(59.5, version=version)) == pytest.approx(59.5)


def test_mp4_duration_when_the_movie_header_follows_the_media_data():
    assert media.mp4_duration(b.mp4(12, moov_last=True, media_bytes=5000)) == pytest.approx(12)


def test_box_headers_with_a_64_bit_size_and_an_open_ended_last_box():
    large = (1).to_bytes(4, "big") + b"mdat" + (40).to_bytes(8, "big")
    assert media.box_header(large, 1000) == (b"mdat", 40, 16)
    assert media.box_header((0).to_bytes(4, "big") + b"mdat", 77) == (b"mdat", 77, 8)
    assert media.box_header(b"\x00\x00\x00\x04free", 100) is None  # smaller than its own header


def test_no_movie_header_no_duration():
    assert media.mp4_duration(b.box(b"ftyp", b"isom") + b.box(b"mdat", b"\x00" * 10)) is None
    assert media.mp4_duration(b"not an mp4 at all") is None


def test_a_video_is_an_mp4_of_60_seconds_at_most():
    assert media.video_failures(1000, 60.0) == []
    assert media.video_failures(1000, 61.0) == ["61.0 s is over 60 s"]
    assert media.video_failures(1000, None) == ["not an MP4 with a movie header (mvhd)"]


def test_what_an_upload_announces_is_checked_before_it_is_made():
    assert media.upload_failures("main", "image/png", 1000) == []
    assert media.upload_failures("video", "video/mp4", 50_000_000) == []
    assert media.upload_failures("main", "image/gif", 0) == [
        "content_type must be one of image/jpeg, image/png, image/webp",
        f"size must be 1 to {media.MAX_IMAGE_BYTES} bytes",
    ]
    assert media.upload_failures("banner", "image/png", 10) == ["kind must be one of main, detail, video"]
