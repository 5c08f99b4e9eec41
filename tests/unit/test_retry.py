"""retry_on_conflict: the optimistic read-decide-write loop of the services."""

import pytest

from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.services.retry import retry_on_conflict


def failing(times: int, error: Exception, result: str = "done"):
    calls: list[int] = []

    def attempt() -> str:
        calls.append(1)
        if len(calls) <= times:
            raise error
        return result

    return attempt, calls


def test_a_concurrent_update_is_tried_again_until_it_succeeds():
    attempt, calls = failing(2, Conflict("moved", code="concurrent_update"))
    assert retry_on_conflict(attempt, attempts=3) == "done"
    assert len(calls) == 3


def test_the_last_attempts_conflict_propagates():
    attempt, calls = failing(5, Conflict("moved", code="concurrent_update"))
    with pytest.raises(Conflict) as raised:
        retry_on_conflict(attempt, attempts=3)
    assert raised.value.code == "concurrent_update"
    assert len(calls) == 3


@pytest.mark.parametrize("error", [Conflict("taken", code="email_taken"), NotFound("gone")])
def test_other_errors_propagate_at_once(error):
    attempt, calls = failing(1, error)
    with pytest.raises(type(error)):
        retry_on_conflict(attempt)
    assert len(calls) == 1
