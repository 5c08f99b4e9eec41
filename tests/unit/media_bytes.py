"""Hand-built image and MP4 bytes for the media tests (no imaging library needed):
a real, decodable PNG; JPEG, WebP and MP4 headers as their formats lay them out."""

from __future__ import annotations

import struct
import zlib


def png(width: int, height: int) -> bytes:
    """A complete grey PNG of width x height (8-bit greyscale, rows filtered with None)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def jpeg(width: int, height: int, *, progressive: bool = False) -> bytes:
    """SOI, a JFIF APP0, a comment, then the frame header (SOF0, or SOF2 when progressive), EOI."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    comment = b"made by hand for a test"
    frame = struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"

    def segment(marker: int, payload: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload

    sof = 0xC2 if progressive else 0xC0
    return b"\xff\xd8" + segment(0xE0, app0) + segment(0xFE, comment) + segment(sof, frame) + b"\xff\xd9"


def webp_vp8x(width: int, height: int) -> bytes:
    payload = b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    body = b"WEBP" + b"VP8X" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_vp8l(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    payload = b"\x2f" + bits.to_bytes(4, "little") + b"\x00" * 8
    body = b"WEBP" + b"VP8L" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_vp8(width: int, height: int) -> bytes:
    payload = b"\x00\x00\x00" + b"\x9d\x01\x2a" + struct.pack("<HH", width, height) + b"\x00" * 8
    body = b"WEBP" + b"VP8 " + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mvhd(seconds: float, timescale: int = 1000, version: int = 0) -> bytes:
    duration = int(seconds * timescale)
    if version == 1:
        times = struct.pack(">QQIQ", 0, 0, timescale, duration)
    else:
        times = struct.pack(">IIII", 0, 0, timescale, duration)
    return box(b"mvhd", bytes([version, 0, 0, 0]) + times + b"\x00" * 80)


def mp4(seconds: float, *, moov_last: bool = False, version: int = 0, media_bytes: int = 64) -> bytes:
    """ftyp, then moov (with mvhd and a track stub) and mdat, or mdat before moov."""
    ftyp = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41")
    moov = box(b"moov", mvhd(seconds, version=version) + box(b"trak", b"\x00" * 16))
    mdat = box(b"mdat", b"\x00" * media_bytes)
    return ftyp + (mdat + moov if moov_last else moov + mdat)
