"""Product media (ADR 0023): what staff upload (main and detail images, a video),
the specification each kind must meet, and reading an upload's header: image
dimensions of PNG, JPEG and WebP, and an MP4's duration from its ``mvhd`` box.
Pure functions over bytes: no imaging library is needed."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import datetime

KINDS = ("main", "detail", "video")
IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp")
VIDEO_TYPES = ("video/mp4",)
MAX_IMAGE_BYTES = 3 * 1024 * 1024
MAX_VIDEO_BYTES = 200 * 1024 * 1024
MAX_VIDEO_SECONDS = 60
MIN_SIDE = {"main": 1000, "detail": 800}
HEADER_BYTES = 256 * 1024  # what is read of an image to find its dimensions
STATUSES = ("pending", "ready", "rejected")


@dataclass(frozen=True)
class Media:
    id: str
    kind: str  # main | detail | video
    content_type: str
    size: int  # declared at upload
    key: str  # the object's key in the media bucket
    status: str  # pending | ready | rejected
    created_by: str
    created_at: datetime
    completed_at: datetime | None = None
    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None
    failures: tuple[str, ...] = ()


def object_key(media_id: str) -> str:
    return f"media/{media_id}"


def upload_failures(kind: str, content_type: str, size: int) -> list[str]:
    """What is wrong with an upload before it is made (kind, type, declared size)."""
    if kind not in KINDS:
        return [f"kind must be one of {', '.join(KINDS)}"]
    failures = []
    allowed = VIDEO_TYPES if kind == "video" else IMAGE_TYPES
    if content_type not in allowed:
        failures.append(f"content_type must be one of {', '.join(allowed)}")
    limit = MAX_VIDEO_BYTES if kind == "video" else MAX_IMAGE_BYTES
    if not 0 < size <= limit:
        failures.append(f"size must be 1 to {limit} bytes")
    return failures


# --- images ----------------------------------------------------------------------------------
def image_info(data: bytes) -> tuple[str, int, int] | None:
    """(content type, width, height) of a PNG, JPEG or WebP header; None if not one of them."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return "image/png", width, height
    if data.startswith(b"\xff\xd8"):
        size = _jpeg_size(data)
        return ("image/jpeg", *size) if size else None
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        size = _webp_size(data)
        return ("image/webp", *size) if size else None
    return None


_SOF_MARKERS = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk the JPEG segments to the first start-of-frame; its height and width."""
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if marker in _SOF_MARKERS:
            if i + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = 1 + int.from_bytes(data[24:27], "little")
        height = 1 + int.from_bytes(data[27:30], "little")
        return width, height
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def image_failures(kind: str, declared_type: str, size: int, header: bytes) -> tuple[list[str], int | None, int | None]:
    """What an uploaded image fails of its kind's specification, and its dimensions."""
    failures = []
    if size > MAX_IMAGE_BYTES:
        failures.append(f"size {size} bytes is over {MAX_IMAGE_BYTES}")
    info = image_info(header)
    if info is None:
        return [*failures, "not a JPEG, PNG or WebP image"], None, None
    actual, width, height = info
    if actual != declared_type:
        failures.append(f"the file is {actual}, not {declared_type}")
    side = MIN_SIDE.get(kind, 0)
    if width < side or height < side:
        failures.append(f"{width}x{height} is under {side}x{side}")
    if kind == "main" and width != height:
        failures.append(f"a main image is square, not {width}x{height}")
    return failures, width, height


# --- video -----------------------------------------------------------------------------------
def mp4_duration(data: bytes) -> float | None:
    """Seconds from the ``mvhd`` box inside the top-level ``moov`` box; None if not found in ``data``."""
    moov = _box(data, b"moov")
    return moov_duration(moov) if moov is not None else None


def moov_duration(moov: bytes) -> float | None:
    """Seconds from the ``mvhd`` box of a ``moov`` box's payload."""
    mvhd = _box(moov, b"mvhd")
    if mvhd is None or len(mvhd) < 4:
        return None
    if mvhd[0] == 1:  # version 1: 64-bit times and duration
        if len(mvhd) < 32:
            return None
        timescale, duration = struct.unpack(">IQ", mvhd[20:32])
    else:
        if len(mvhd) < 20:
            return None
        timescale, duration = struct.unpack(">II", mvhd[12:20])
    return duration / timescale if timescale else None


def box_header(data: bytes, remaining: int) -> tuple[bytes, int, int] | None:
    """(type, size, header length) of the box whose header starts ``data`` (16 bytes or
    fewer); ``remaining``: bytes from here to the end of the file (a size of 0)."""
    if len(data) < 8:
        return None
    size, name = struct.unpack(">I4s", data[:8])
    header = 8
    if size == 1:
        if len(data) < 16:
            return None
        (size,) = struct.unpack(">Q", data[8:16])
        header = 16
    elif size == 0:
        size = remaining
    return (name, size, header) if size >= header else None


def _box(data: bytes, kind: bytes) -> bytes | None:
    """The payload of the first box of type ``kind`` at this level of ``data``."""
    i = 0
    while (found := box_header(data[i : i + 16], len(data) - i)) is not None:
        name, size, header = found
        if name == kind:
            return data[i + header : i + size]
        i += size
    return None


def video_failures(size: int, duration: float | None) -> list[str]:
    failures = []
    if size > MAX_VIDEO_BYTES:
        failures.append(f"size {size} bytes is over {MAX_VIDEO_BYTES}")
    if duration is None:
        failures.append("not an MP4 with a movie header (mvhd)")
    elif duration > MAX_VIDEO_SECONDS:
        failures.append(f"{duration:.1f} s is over {MAX_VIDEO_SECONDS} s")
    return failures
