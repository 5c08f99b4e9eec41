"""Profile rules without storage: phone numbers in E.164, birthdays, consent with
when and how, and an address book with exactly one default."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain import profiles as rules
from chalicelib.domain.errors import Conflict
from chalicelib.domain.profiles import Address, Consent

NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    "raw, stored",
    [
        ("13800138000", "+8613800138000"),
        ("138 0013 8000", "+8613800138000"),
        ("138-0013-8000", "+8613800138000"),
        ("+86 138 0013 8000", "+8613800138000"),
        ("008613800138000", "+8613800138000"),
        ("+1 415-555-0100", "+14155550100"),
        ("+86 10 6552 9988", "+861065529988"),  # a Beijing landline
    ],
)
def test_phones_are_stored_in_e164(raw, stored):
    assert rules.normalise_phone(raw) == stored


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "12800138000",
        "1380013800",
        "+0123456789",
        "+123",
        "+1234567890123456",
        "phone",
        "1" * 40,
        "4155550100",
        "138--00138000",
        "+1 (415) 555-0100",
    ],
)
def test_anything_else_is_refused(raw):
    with pytest.raises(ValueError):
        rules.normalise_phone(raw)


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_every_chinese_mobile_number_gains_plus_86_once(number):
    stored = rules.normalise_phone(number)
    assert stored == f"+86{number}" and rules.normalise_phone(stored) == stored


def test_birthdays_are_from_1900_to_today():
    today = date(2026, 12, 6)
    rules.check_birthday(today, today)
    rules.check_birthday(date(1900, 1, 1), today)
    for bad in (today + timedelta(days=1), date(1899, 12, 31)):
        with pytest.raises(ValueError):
            rules.check_birthday(bad, today)


def test_consent_keeps_when_and_how_until_it_changes():
    given_ = rules.consent_change(Consent(), True, "profile", NOW)
    assert given_ == Consent(True, NOW, "profile")
    assert rules.consent_change(given_, True, "checkout", NOW + timedelta(days=1)) == given_
    assert rules.consent_change(given_, False, "preferences", NOW + timedelta(days=2)) == Consent(
        False, NOW + timedelta(days=2), "preferences"
    )
    assert rules.consent_change(Consent(), False, "profile", NOW) == Consent(False, NOW, "profile")


def _address(n: int) -> Address:
    return Address(f"addr_{n}", {"line1": f"{n} Rd"}, False, NOW, NOW)


def _defaults(book: list[Address]) -> list[str]:
    return [a.id for a in book if a.is_default]


def test_the_first_address_is_the_default_and_a_new_default_moves_it():
    book = rules.add_address([], _address(1), make_default=False)
    assert _defaults(book) == ["addr_1"]
    book = rules.add_address(book, _address(2), make_default=False)
    assert _defaults(book) == ["addr_1"]
    book = rules.add_address(book, _address(3), make_default=True)
    assert _defaults(book) == ["addr_3"]
    assert _defaults(rules.set_default(book, "addr_2")) == ["addr_2"]


def test_deleting_the_default_promotes_the_oldest_remaining():
    book = [_address(1), _address(2), _address(3)]
    book = rules.set_default(book, "addr_1")
    assert _defaults(rules.remove_address(book, "addr_1")) == ["addr_2"]
    assert _defaults(rules.remove_address(book, "addr_3")) == ["addr_1"]
    assert rules.remove_address([rules.set_default([_address(1)], "addr_1")[0]], "addr_1") == []


@given(st.lists(st.sampled_from(["add", "add_default", "default", "remove"]), max_size=40), st.randoms())
def test_a_non_empty_book_always_has_exactly_one_default(steps, rnd):
    book: list[Address] = []
    for n, step in enumerate(steps):
        if step.startswith("add") and len(book) < rules.ADDRESS_BOOK_LIMIT:
            book = rules.add_address(book, _address(n), make_default=step == "add_default")
        elif step == "default" and book:
            book = rules.set_default(book, rnd.choice(book).id)
        elif step == "remove" and book:
            book = rules.remove_address(book, rnd.choice(book).id)
        assert len(_defaults(book)) == (1 if book else 0)


def test_a_full_book_refuses_another_address():
    book = [_address(n) for n in range(rules.ADDRESS_BOOK_LIMIT)]
    with pytest.raises(Conflict) as refused:
        rules.add_address(book, _address(99), make_default=False)
    assert refused.value.code == "address_book_full"


def test_a_revocation_is_read_at_most_every_cache_period_and_seen_at_once_after_an_erasure(monkeypatch):
    from chalicelib.adapters.dynamo import profiles as store

    reads: list[str] = []
    stored: dict[str, int | None] = {"cus_r": None}

    def read(customer_id: str) -> int | None:
        reads.append(customer_id)
        return stored[customer_id]

    monkeypatch.setattr(store.DynamoTokenRevocations, "_read", staticmethod(read))
    now = [1000.0]
    revocations = store.DynamoTokenRevocations(clock=lambda: now[0])
    assert revocations.revoked_up_to("cus_r") is None
    stored["cus_r"] = 1_800_000_000  # erased by another process
    now[0] += store.REVOCATION_CACHE_SECONDS - 1
    assert revocations.revoked_up_to("cus_r") is None and reads == ["cus_r"]  # fresh enough: no read
    now[0] += 2
    assert revocations.revoked_up_to("cus_r") == 1_800_000_000 and len(reads) == 2
    stored["cus_r"] = 1_800_000_100
    store.forget_revocation("cus_r")  # an erasure in this process
    assert revocations.revoked_up_to("cus_r") == 1_800_000_100 and len(reads) == 3
