from __future__ import annotations

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, NotFound, Unauthorized, ValidationFailed
from chalicelib.services.auth import BOOTSTRAP_KEY_NAME

from .builders import TOKEN_TTL, Accounts, advance


@pytest.fixture
def accounts() -> Accounts:
    return Accounts()


def field_codes(error: ValidationFailed) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in error.errors]


# --- customers ----------------------------------------------------------------------------
def test_register_normalises_the_email_and_returns_a_working_token(accounts):
    customer, token = accounts.auth.register("  Ann@Example.COM ", "long enough", " Ann ")

    assert (customer.email, customer.name) == ("ann@example.com", "Ann")
    assert accounts.auth.customer_id_from_token(token) == customer.id
    assert accounts.auth.get_customer(customer.id) == customer


def test_register_never_stores_the_plain_password(accounts):
    customer, _ = accounts.auth.register("ann@example.com", "long enough", "Ann")

    assert "long enough" not in customer.password_hash


def test_register_with_an_email_taken_in_another_case_is_email_taken(accounts):
    accounts.auth.register("ann@example.com", "long enough", "Ann")

    with pytest.raises(Conflict) as raised:
        accounts.auth.register("ANN@example.com", "another one", "Ann Again")

    assert raised.value.code == "email_taken"


@pytest.mark.parametrize("password", ["", "short", "7chars!", "x" * 129])
def test_register_with_a_password_of_bad_length_is_rejected_on_the_password_field(accounts, password):
    with pytest.raises(ValidationFailed) as raised:
        accounts.auth.register("ann@example.com", password, "Ann")

    assert field_codes(raised.value) == [("password", "invalid_length")]
    assert accounts.customers.get_by_email("ann@example.com") is None


def test_register_reports_every_bad_field_at_once(accounts):
    with pytest.raises(ValidationFailed) as raised:
        accounts.auth.register("ann@example.com", "short", "   ")

    assert {f for f, _ in field_codes(raised.value)} == {"password", "name"}


def test_login_with_the_right_password_returns_the_customer_and_a_token(accounts):
    registered, _ = accounts.auth.register("ann@example.com", "long enough", "Ann")

    customer, token = accounts.auth.login(" ANN@example.com", "long enough")

    assert customer == registered
    assert accounts.auth.customer_id_from_token(token) == registered.id


def test_login_with_wrong_password_is_invalid_credentials(accounts):
    accounts.auth.register("ann@example.com", "long enough", "Ann")

    with pytest.raises(Unauthorized) as raised:
        accounts.auth.login("ann@example.com", "long enougH")

    assert raised.value.code == "invalid_credentials"


def test_login_with_unknown_email_is_the_same_invalid_credentials(accounts):
    with pytest.raises(Unauthorized) as raised:
        accounts.auth.login("nobody@example.com", "long enough")

    assert raised.value.code == "invalid_credentials"


def test_customer_token_expires_after_the_ttl(accounts):
    _, token = accounts.auth.register("ann@example.com", "long enough", "Ann")
    advance(accounts.clock, seconds=TOKEN_TTL)

    with pytest.raises(Unauthorized) as raised:
        accounts.auth.customer_id_from_token(token)

    assert raised.value.code == "token_expired"


def test_unknown_customer_is_not_found(accounts):
    with pytest.raises(NotFound):
        accounts.auth.get_customer("cus_missing")


# --- staff keys --------------------------------------------------------------------------------
def test_created_key_authenticates_with_its_secret_and_carries_its_roles(accounts):
    key, secret = accounts.auth.create_key(" Warehouse tablet ", ["warehouse"], created_by="key_admin")

    staff = accounts.auth.staff_from_key(secret)

    assert staff == key
    assert (staff.name, staff.roles, staff.created_by) == ("Warehouse tablet", frozenset({"warehouse"}), "key_admin")
    assert secret not in key.digest


def test_creating_a_key_with_an_unknown_role_is_rejected(accounts):
    with pytest.raises(ValidationFailed) as raised:
        accounts.auth.create_key("Root", ["admin", "root"], created_by=None)

    assert field_codes(raised.value) == [("roles", "unknown_role")]
    assert accounts.auth.list_keys() == []


def test_creating_a_key_without_roles_is_rejected(accounts):
    with pytest.raises(ValidationFailed) as raised:
        accounts.auth.create_key("Nobody", [], created_by=None)

    assert field_codes(raised.value) == [("roles", "required")]


def test_unknown_api_key_is_invalid_api_key(accounts):
    with pytest.raises(Unauthorized) as raised:
        accounts.auth.staff_from_key("ck_not_a_real_key")

    assert raised.value.code == "invalid_api_key"


def test_authorize_lets_a_role_do_what_it_may(accounts):
    key, _ = accounts.auth.create_key("Tablet", ["warehouse"], created_by=None)

    accounts.auth.authorize(key, "inventory:adjust")


def test_authorize_forbids_what_a_role_may_not_do(accounts):
    key, _ = accounts.auth.create_key("Tablet", ["warehouse"], created_by=None)

    with pytest.raises(Forbidden) as raised:
        accounts.auth.authorize(key, "catalog:write")

    assert raised.value.code == "forbidden"


def test_revoked_key_no_longer_authenticates(accounts):
    key, secret = accounts.auth.create_key("Tablet", ["warehouse"], created_by=None)
    kept, kept_secret = accounts.auth.create_key("Office", ["finance"], created_by=None)

    accounts.auth.revoke_key(key.id)

    with pytest.raises(Unauthorized):
        accounts.auth.staff_from_key(secret)
    assert accounts.auth.staff_from_key(kept_secret) == kept
    assert accounts.auth.list_keys() == [kept]


def test_revoking_an_unknown_key_is_not_found(accounts):
    with pytest.raises(NotFound):
        accounts.auth.revoke_key("key_missing")


def test_bootstrap_admin_key_is_idempotent_on_local(accounts):
    first = accounts.auth.bootstrap_admin_key("ck_local_admin", "local")
    second = accounts.auth.bootstrap_admin_key("ck_local_admin", "local")

    assert first == second
    assert (first.name, first.roles) == (BOOTSTRAP_KEY_NAME, frozenset({"admin"}))
    assert accounts.auth.list_keys() == [first]
    assert accounts.auth.staff_from_key("ck_local_admin") == first


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_bootstrap_admin_key_is_forbidden_outside_local(accounts, stage):
    with pytest.raises(Forbidden):
        accounts.auth.bootstrap_admin_key("ck_local_admin", stage)

    assert accounts.auth.list_keys() == []
