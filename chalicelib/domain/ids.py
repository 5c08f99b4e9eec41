"""Opaque, prefixed, creation-time sortable identifiers (ULID)."""

from __future__ import annotations

import os
import threading
import time

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
_lock = threading.Lock()
_last_ms = -1
_last_rand = 0


def _encode(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def ulid(now_ms: int | None = None) -> str:
    """A 26-character ULID. Monotonic within a process: two ids made in the same
    millisecond still sort in creation order."""
    global _last_ms, _last_rand
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    with _lock:
        if ms <= _last_ms:
            ms = _last_ms
            rand = _last_rand + 1
        else:
            rand = int.from_bytes(os.urandom(10), "big") >> 1  # leave room to increment
        _last_ms, _last_rand = ms, rand
    return _encode(ms, 10) + _encode(rand, 16)


def time_prefix(ms: int) -> str:
    """The first 10 characters of any ULID made at ``ms``: a sort-key bound for
    "created since". (ulid() is monotonic, so it cannot be asked about the past.)"""
    return _encode(ms, 10)


def new_id(prefix: str) -> str:
    return f"{prefix}_{ulid()}"
