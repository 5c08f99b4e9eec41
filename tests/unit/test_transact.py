"""transact.run_checked: a transaction's failed condition becomes the domain error
the caller names, chained to the cancellation; other cancellations propagate."""

from __future__ import annotations

import pytest
from pynamodb.exceptions import CancellationReason, TransactWriteError

from chalicelib.adapters.dynamo import transact
from chalicelib.domain.error_codes import CommonErrorCode
from chalicelib.domain.errors import Conflict


class Cancelled(TransactWriteError):
    def __init__(self, *codes: str | None) -> None:
        super().__init__("Transaction cancelled")
        self.codes = codes

    @property
    def cancellation_reasons(self) -> list[CancellationReason | None]:
        return [CancellationReason(code) if code else None for code in self.codes]


@pytest.fixture
def cancelled(monkeypatch):
    def with_reasons(*codes: str | None) -> Cancelled:
        error = Cancelled(*codes)

        def run(build):
            raise error

        monkeypatch.setattr(transact, "run", run)
        return error

    return with_reasons


def build(tw):  # never called: run is replaced
    raise AssertionError


def test_a_failed_condition_raises_the_error_given_chained_to_the_cancellation(cancelled):
    error = cancelled(None, "ConditionalCheckFailed")
    with pytest.raises(Conflict) as raised:
        transact.run_checked(build, Conflict("taken", code="email_taken"))
    assert raised.value.code == "email_taken"
    assert raised.value.__cause__ is error


def test_a_mapping_sees_the_cancellation_and_may_decline(cancelled):
    error = cancelled("ConditionalCheckFailed", None)
    seen = []

    def refused(e):
        seen.append(e)
        return None

    with pytest.raises(Cancelled) as raised:
        transact.run_checked(build, refused)
    assert raised.value is error and seen == [error]


def test_without_a_refusal_a_failed_condition_is_false(cancelled):
    cancelled("ConditionalCheckFailed")
    assert transact.run_checked(build) is False


def test_other_cancellations_propagate_unmapped(cancelled):
    error = cancelled("ValidationError")
    with pytest.raises(Cancelled) as raised:
        transact.run_checked(build, Conflict("never", code=CommonErrorCode.CONFLICT))
    assert raised.value is error


def test_an_applied_transaction_is_true(monkeypatch):
    monkeypatch.setattr(transact, "run", lambda build: None)
    assert transact.run_checked(build, Conflict("never")) is True
