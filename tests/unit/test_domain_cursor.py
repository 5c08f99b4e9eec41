from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.cursor import decode_cursor, encode_cursor
from chalicelib.domain.errors import ValidationFailed

SECRET = "cursor-secret"
CONTEXT = "products|newest||"
POSITION = {"PK": {"S": "PRODUCT#prod_1"}, "SK": {"S": "PRODUCT"}, "GSI1SK": {"S": "prod_1"}}


def assert_invalid_cursor(cursor: str, secret: str = SECRET, context: str = CONTEXT) -> None:
    with pytest.raises(ValidationFailed) as raised:
        decode_cursor(cursor, secret, context)
    assert raised.value.code == "invalid_cursor"
    assert [(e.field, e.code) for e in raised.value.errors] == [("cursor", "invalid_cursor")]


def test_cursor_round_trips_its_position():
    cursor = encode_cursor(POSITION, SECRET, CONTEXT)

    assert decode_cursor(cursor, SECRET, CONTEXT) == POSITION


def test_cursor_is_url_safe_text():
    cursor = encode_cursor({"k": "ü/+?&=" * 5}, SECRET, CONTEXT)

    assert cursor.isascii()
    assert not set(cursor) & set("+/=&?# ")


def test_cursor_with_tampered_body_is_invalid():
    body, mac = encode_cursor(POSITION, SECRET, CONTEXT).split(".")
    forged_body, _ = encode_cursor({**POSITION, "GSI1SK": {"S": "prod_9"}}, SECRET, CONTEXT).split(".")

    assert_invalid_cursor(f"{forged_body}.{mac}")


def test_cursor_with_tampered_mac_is_invalid():
    body, mac = encode_cursor(POSITION, SECRET, CONTEXT).split(".")
    flipped = mac[:-1] + ("A" if mac[-1] != "A" else "B")

    assert_invalid_cursor(f"{body}.{flipped}")


def test_cursor_from_another_listing_is_rejected():
    cursor = encode_cursor(POSITION, SECRET, "products|price_asc||")

    assert_invalid_cursor(cursor, context="products|newest||")


def test_cursor_signed_with_another_secret_is_rejected():
    cursor = encode_cursor(POSITION, "old-secret", CONTEXT)

    assert_invalid_cursor(cursor)


def test_context_and_body_cannot_be_shifted_into_each_other():
    """The MAC separates context from body, so moving bytes across the boundary fails."""
    cursor = encode_cursor(POSITION, SECRET, "ab")

    assert_invalid_cursor(cursor, context="a")
    assert_invalid_cursor(cursor, context="abc")


@pytest.mark.parametrize("cursor", ["", ".", "abc", "abc.def", "a.b.c", "..", "e30"])
def test_malformed_cursor_is_invalid(cursor):
    assert_invalid_cursor(cursor)


def test_cursor_with_non_ascii_mac_is_invalid_not_a_crash():
    # A client can send any text in ?cursor=; hmac.compare_digest raises TypeError
    # for non-ASCII str arguments, which would surface as a 500.
    body, mac = encode_cursor(POSITION, SECRET, CONTEXT).split(".")

    assert_invalid_cursor(f"{body}.{mac[:-1]}é")


def test_validly_signed_non_object_position_is_rejected():
    cursor = encode_cursor([1, 2, 3], SECRET, CONTEXT)  # type: ignore[arg-type]

    assert_invalid_cursor(cursor)


# --- properties ---------------------------------------------------------------------------------
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=12,
)
positions = st.dictionaries(st.text(), json_values, max_size=6)


@given(positions, st.text())
def test_any_json_object_round_trips(position, context):
    assert decode_cursor(encode_cursor(position, SECRET, context), SECRET, context) == position


@given(positions, st.data())
def test_changing_any_one_character_is_rejected(position, data):
    """Invariant: the MAC covers the exact body text (not the decoded JSON) and the
    separator is structural, so *every* single-character substitution, anywhere in
    the cursor and with any replacement character, is rejected with invalid_cursor;
    no altered cursor ever decodes, not even to the same position."""
    cursor = encode_cursor(position, SECRET, CONTEXT)
    index = data.draw(st.integers(min_value=0, max_value=len(cursor) - 1), label="index")
    replacement = data.draw(st.characters(exclude_categories=["Cs"]).filter(lambda c: c != cursor[index]))
    altered = cursor[:index] + replacement + cursor[index + 1 :]

    assert_invalid_cursor(altered)


@pytest.mark.parametrize("suffix", ["=", "==", "!!", " ", "\u00e9"])
def test_a_cursor_with_anything_appended_is_invalid(suffix):
    cursor = encode_cursor(POSITION, SECRET, CONTEXT)
    assert decode_cursor(cursor, SECRET, CONTEXT) == POSITION
    assert_invalid_cursor(cursor + suffix)
    body, mac = cursor.split(".")
    assert_invalid_cursor(f"{body}{suffix}.{mac}")
