from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain import auth
from chalicelib.domain.errors import Unauthorized

from .builders import T0, at

SECRET = "s3cret"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def signed_token(header: bytes, payload: bytes, secret: str = SECRET) -> str:
    """A token signed with the real secret but with whatever header and claims we like."""
    signing_input = f"{b64(header)}.{b64(payload)}"
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


def claims(**overrides: object) -> bytes:
    iat = int(T0.timestamp())
    return json.dumps({"sub": "cus_1", "iat": iat, "exp": iat + 60, "typ": "customer", **overrides}).encode()


HS256 = b'{"alg":"HS256","typ":"JWT"}'


def unauthorized_code(token: object, now=T0, secret: str = SECRET) -> str:
    with pytest.raises(Unauthorized) as raised:
        auth.verify_token(token, secret, now)  # type: ignore[arg-type]
    return raised.value.code


# --- passwords -------------------------------------------------------------------------------
def test_password_verifies_against_its_own_hash():
    encoded = auth.hash_password("correct horse")
    assert auth.verify_password("correct horse", encoded)


def test_wrong_password_does_not_verify():
    encoded = auth.hash_password("correct horse")
    assert not auth.verify_password("correct horsf", encoded)


def test_same_password_hashes_differently_each_time():
    assert auth.hash_password("correct horse") != auth.hash_password("correct horse")


@pytest.mark.parametrize("encoded", ["", "plain", "bcrypt$1$2$3$YQ$YQ", "scrypt$x$8$1$YQ$YQ", "scrypt$16384$8$1$!!$YQ"])
def test_malformed_hash_never_verifies(encoded):
    assert auth.verify_password("anything", encoded) is False


# --- tokens ----------------------------------------------------------------------------------
def test_issued_token_verifies_to_its_subject_and_lifetime():
    token = auth.issue_token("cus_1", SECRET, T0, 3600)

    claims_ = auth.verify_token(token, SECRET, at(minutes=59))

    assert claims_ == auth.TokenClaims(
        subject="cus_1", issued_at=int(T0.timestamp()), expires_at=int(T0.timestamp()) + 3600
    )


def test_token_expires_exactly_at_its_ttl():
    token = auth.issue_token("cus_1", SECRET, T0, 3600)

    assert auth.verify_token(token, SECRET, at(seconds=3599)).subject == "cus_1"
    assert unauthorized_code(token, now=at(seconds=3600)) == "token_expired"


def test_token_signed_with_another_secret_is_invalid():
    token = auth.issue_token("cus_1", "other secret", T0, 3600)

    assert unauthorized_code(token) == "invalid_token"


def test_token_with_tampered_signature_is_invalid():
    header, payload, signature = auth.issue_token("cus_1", SECRET, T0, 3600).split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]

    assert unauthorized_code(f"{header}.{payload}.{flipped}") == "invalid_token"


def test_token_with_tampered_claims_is_invalid():
    header, _, signature = auth.issue_token("cus_1", SECRET, T0, 3600).split(".")
    forged = b64(claims(sub="cus_admin"))

    assert unauthorized_code(f"{header}.{forged}.{signature}") == "invalid_token"


@pytest.mark.parametrize("header", [b'{"alg":"none","typ":"JWT"}', b'{"alg":"HS512","typ":"JWT"}', b'{"typ":"JWT"}'])
def test_token_with_another_alg_is_invalid_even_when_signed(header):
    assert unauthorized_code(signed_token(header, claims())) == "invalid_token"


def test_unsigned_alg_none_token_is_invalid():
    header = b64(b'{"alg":"none"}')
    token = f"{header}.{b64(claims())}."

    assert unauthorized_code(token) == "invalid_token"


@pytest.mark.parametrize(
    "payload",
    [
        claims(typ="staff"),
        claims(sub=42),
        claims(iat="yesterday"),
        claims(exp=None),
        json.dumps({"iat": 1, "exp": 2, "typ": "customer"}).encode(),
        b"[1, 2, 3]",
        b"not json",
        b"\xff\xfe",
        # 1e400 parses to float('inf'), and int(inf) raises OverflowError.
        b'{"sub":"cus_1","iat":1e400,"exp":1e400,"typ":"customer"}',
    ],
    ids=["wrong_typ", "sub_not_str", "iat_not_int", "exp_null", "no_sub", "list", "not_json", "not_utf8", "iat_1e400"],
)
def test_signed_token_with_malformed_claims_is_invalid_token(payload):
    assert unauthorized_code(signed_token(HS256, payload)) == "invalid_token"


@pytest.mark.parametrize("token", ["", ".", "..", "a.b", "a.b.c.d", "ÿ.ÿ.ÿ", "\udcff.a.b", "a.b.c", None, 42, b"a.b.c"])
def test_garbage_token_is_invalid_token(token):
    assert unauthorized_code(token) == "invalid_token"


@given(st.text())
def test_no_text_token_raises_anything_but_unauthorized(token):
    with pytest.raises(Unauthorized):
        auth.verify_token(token, SECRET, T0)


@given(
    st.lists(
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_="), min_size=3, max_size=3
    )
)
def test_no_base64_shaped_token_raises_anything_but_unauthorized(parts):
    with pytest.raises(Unauthorized):
        auth.verify_token(".".join(parts), SECRET, T0)


# --- roles -------------------------------------------------------------------------------------
@pytest.mark.parametrize("action", sorted(auth.PERMISSIONS))
def test_admin_is_allowed_every_action(action):
    assert auth.roles_allow({"admin"}, action)


@pytest.mark.parametrize(
    ("roles", "action", "allowed"),
    [
        ({"warehouse"}, "inventory:adjust", True),
        ({"warehouse"}, "inventory:read", True),
        ({"warehouse"}, "catalog:write", False),
        ({"warehouse"}, "jobs:run", False),
        ({"finance"}, "jobs:run", True),
        ({"finance"}, "inventory:adjust", False),
        ({"finance"}, "catalog:read", False),
        ({"customer_service"}, "catalog:read", True),
        ({"customer_service"}, "inventory:adjust", False),
        ({"operations"}, "catalog:write", True),
        ({"operations"}, "staff:manage", False),
        ({"warehouse", "finance"}, "jobs:run", True),
        (set(), "catalog:read", False),
        ({"superuser"}, "catalog:read", False),
    ],
)
def test_roles_allow_table(roles, action, allowed):
    assert auth.roles_allow(roles, action) is allowed


def test_unknown_action_raises_key_error():
    with pytest.raises(KeyError):
        auth.roles_allow({"admin"}, "catalog:delete_everything")


def test_generated_api_keys_are_distinct_and_digests_are_stable():
    first, second = auth.generate_api_key(), auth.generate_api_key()

    assert first.startswith("ck_") and first != second
    assert auth.api_key_digest(first) == auth.api_key_digest(first) != auth.api_key_digest(second)


# --- tokens are compared in the form they were issued, nothing more lenient ---------------------
@pytest.mark.parametrize("suffix", ["=", "==", "!!", " ", "\u00e9", "\n", "."])
def test_a_token_with_anything_appended_is_invalid(suffix):
    token = auth.issue_token("cus_1", SECRET, T0, 3600)
    assert auth.verify_token(token, SECRET, at(minutes=1)).subject == "cus_1"

    assert unauthorized_code(token + suffix) == "invalid_token"


@pytest.mark.parametrize("part", [0, 1, 2])
def test_a_token_part_padded_or_salted_with_characters_outside_the_alphabet_is_invalid(part):
    parts = auth.issue_token("cus_1", SECRET, T0, 3600).split(".")
    for tweak in (lambda p: p + "=", lambda p: p[:3] + "!" + p[3:], lambda p: p[:2] + "+/" + p[2:]):
        changed = list(parts)
        changed[part] = tweak(parts[part])
        assert unauthorized_code(".".join(changed)) == "invalid_token"


def test_a_signature_with_other_unused_low_bits_is_invalid():
    header, payload, signature = auth.issue_token("cus_1", SECRET, T0, 3600).split(".")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(signature[-1])
    sibling = alphabet[last ^ 1]  # 43 characters carry 256 bits + 2 spare: the same bytes, decoded leniently
    assert base64.urlsafe_b64decode(signature[:-1] + sibling + "=") == base64.urlsafe_b64decode(signature + "=")
    assert unauthorized_code(f"{header}.{payload}.{signature[:-1]}{sibling}") == "invalid_token"


def test_canonical_base64_refuses_what_it_would_not_write():
    assert auth.unb64_canonical("YWJj") == b"abc"
    assert auth.unb64_canonical("") == b""
    for text in ("YWJj=", "YW Jj", "YWJ!j", "YWJk" + "=", "YWJ", "Y"):
        with pytest.raises(ValueError):
            auth.unb64_canonical(text)
