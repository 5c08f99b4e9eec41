"""Stripe webhook signatures: HMAC-SHA256 over "<t>.<raw body>", with a replay window."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.signatures import (
    DEFAULT_TOLERANCE_SECONDS,
    BadSignature,
    hmac_hex,
    stripe_signature,
    verify_stripe,
)

SECRET = "whsec_test"
BODY = b'{"id":"evt_1","type":"payment_intent.succeeded"}'
T = 1_760_000_000


def mac(payload: bytes = BODY, secret: str = SECRET, timestamp: int = T) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()


def rejected(header: str | None, *, payload: bytes = BODY, now: float = T, **kw) -> BadSignature:
    with pytest.raises(BadSignature) as raised:
        verify_stripe(payload, header, SECRET, now, **kw)
    return raised.value


def test_header_is_stripes_format():
    assert stripe_signature(BODY, SECRET, T) == f"t={T},v1={mac()}"


def test_a_good_signature_passes():
    verify_stripe(BODY, stripe_signature(BODY, SECRET, T), SECRET, T)


def test_any_of_several_v1_values_may_match_during_secret_rotation():
    header = f"t={T},v1={mac(secret='whsec_old')},v1={mac()},v0=ignored"
    verify_stripe(BODY, header, SECRET, T)
    verify_stripe(BODY, f"t={T}, v1={mac()}, v1={'0' * 64}", SECRET, T)  # spaces and order do not matter


def test_bad_signature_is_a_400_validation_error_with_its_own_code():
    error = rejected(f"t={T},v1={'0' * 64}")
    assert isinstance(error, ValidationFailed) and error.code == "invalid_signature"


@pytest.mark.parametrize("header", [None, ""])
def test_missing_header_is_rejected(header):
    assert "missing" in rejected(header).detail


@pytest.mark.parametrize(
    "header",
    [
        "garbage",
        f"v1={mac()}",  # no timestamp
        f"t={T}",  # no signature
        f"t=soon,v1={mac()}",  # timestamp not a number
        f"t=-{T},v1={mac()}",
        f"t={T},v0={mac()}",  # only other schemes
        ",,,",
    ],
)
def test_malformed_header_is_rejected(header):
    assert "malformed" in rejected(header).detail


def test_signature_with_the_wrong_secret_is_rejected():
    header = stripe_signature(BODY, "whsec_other", T)
    assert "does not match" in rejected(header).detail


def test_a_changed_body_is_rejected():
    header = stripe_signature(BODY, SECRET, T)
    rejected(header, payload=BODY.replace(b"evt_1", b"evt_2"))
    rejected(header, payload=BODY + b" ")


def test_signature_bound_to_its_timestamp():
    header = f"t={T + 1},v1={mac(timestamp=T)}"
    assert "does not match" in rejected(header, now=T + 1).detail


def test_non_ascii_signature_is_rejected_not_crashing():
    rejected(f"t={T},v1=\u00e9\u00e9\u00e9")
    rejected(f"t={T},v1={mac()[:-1]}\u00e9")


@pytest.mark.parametrize("offset", [0, 1, -1, DEFAULT_TOLERANCE_SECONDS, -DEFAULT_TOLERANCE_SECONDS])
def test_timestamp_within_tolerance_passes(offset):
    verify_stripe(BODY, stripe_signature(BODY, SECRET, T), SECRET, T + offset)


@pytest.mark.parametrize("offset", [DEFAULT_TOLERANCE_SECONDS + 1, -DEFAULT_TOLERANCE_SECONDS - 1, 600, 86400])
def test_timestamp_outside_tolerance_is_a_replay(offset):
    error = rejected(stripe_signature(BODY, SECRET, T), now=T + offset)
    assert "too old" in error.detail


def test_tolerance_can_be_set():
    header = stripe_signature(BODY, SECRET, T)
    verify_stripe(BODY, header, SECRET, T + 50, tolerance=60)
    rejected(header, now=T + 61, tolerance=60)


def test_hmac_hex_is_plain_hmac_sha256():
    assert hmac_hex(b"body", "s") == hmac.new(b"s", b"body", hashlib.sha256).hexdigest()


# --- timestamps are ASCII digits (str.isdigit() takes superscripts, which int() refuses) -------------
@pytest.mark.parametrize("t", ["²", "¹²", "١٢٣", "1e9", "-1", "+1760000000", "1" * 13, ""])
def test_a_stripe_timestamp_that_is_not_ascii_digits_is_a_bad_signature(t):
    with pytest.raises(BadSignature) as caught:
        verify_stripe(BODY, f"t={t},v1={mac()}", SECRET, now=T)
    assert caught.value.code == "invalid_signature"


@pytest.mark.parametrize("t", ["¹", "²³", "١٢٣", "1" * 13, " 1", "0x10"])
def test_a_carrier_timestamp_that_is_not_ascii_digits_is_a_bad_signature(t):
    from chalicelib.domain.signatures import verify_timestamped

    with pytest.raises(BadSignature) as caught:
        verify_timestamped(BODY, t, "0" * 64, SECRET, now=T)
    assert caught.value.code == "invalid_signature"


def test_a_carrier_signature_with_a_good_timestamp_passes():
    from chalicelib.domain.signatures import sign_timestamped, verify_timestamped

    verify_timestamped(BODY, str(T), sign_timestamped(BODY, SECRET, T), SECRET, now=T)
