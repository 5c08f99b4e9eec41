"""Erasure is complete by construction: every item kind of the table is either in
``PERSONAL`` (with what erasure does to it) or in ``NOT_PERSONAL`` (with why), and
every Idempotency-Key scope the API uses is one erasure knows how to reach."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import chalicelib.adapters.dynamo as dynamo
from chalicelib.adapters.dynamo.models import Item
from chalicelib.adapters.dynamo.personal_data import IDEMPOTENCY_SCOPES, NOT_PERSONAL, PERSONAL, idempotency_scopes

ROOT = Path(__file__).resolve().parents[2]
# Attribute names that say "a person's data" wherever they appear.
PERSONAL_NAMES = {"email", "phone", "birthday", "shipping_address", "addresses", "password_hash"}


def item_kinds() -> set[type[Item]]:
    for module in pkgutil.iter_modules(dynamo.__path__):
        importlib.import_module(f"{dynamo.__name__}.{module.name}")
    found: set[type[Item]] = set()
    todo = list(Item.__subclasses__())
    while todo:
        kind = todo.pop()
        found.add(kind)
        todo += kind.__subclasses__()
    return found


def unclassified(kinds: set[type]) -> list[str]:
    return sorted(k.__name__ for k in kinds if k not in PERSONAL and k.__name__ not in NOT_PERSONAL)


def test_every_item_kind_is_classified_once():
    kinds = item_kinds()
    assert unclassified(kinds) == [], "add these to PERSONAL or NOT_PERSONAL (adapters/dynamo/personal_data.py)"
    assert set(PERSONAL) & {k for k in kinds if k.__name__ in NOT_PERSONAL} == set()
    assert set(NOT_PERSONAL) <= {k.__name__ for k in kinds}, "NOT_PERSONAL names a kind that no longer exists"
    assert all(reason.strip() for reason in [*PERSONAL.values(), *NOT_PERSONAL.values()])


def test_the_check_catches_a_new_kind():
    class LoyaltyCardItem:  # what a new model would be, not registered with the table
        pass

    assert unclassified({*item_kinds(), LoyaltyCardItem}) == ["LoyaltyCardItem"]


def test_a_kind_with_personal_attributes_is_never_declared_not_personal():
    for kind in item_kinds():
        if kind.__name__ in NOT_PERSONAL:
            assert not PERSONAL_NAMES & set(kind.get_attributes()), kind.__name__


def test_every_idempotency_scope_of_the_api_is_reachable_by_erasure():
    pattern = re.compile(r'idempotent\(\s*bp\.current_request,\s*f"([a-z-]+):')
    used = set()
    for path in (ROOT / "chalicelib" / "api").glob("*.py"):
        used |= set(pattern.findall(path.read_text()))
    assert used, "no idempotent routes found: the pattern is stale"
    assert used <= set(IDEMPOTENCY_SCOPES), f"teach erasure these scopes: {sorted(used - set(IDEMPOTENCY_SCOPES))}"
    scopes = idempotency_scopes("cus_1", ["ord_1"], ["tkt_1"])
    assert {s.split(":")[0] for s in scopes} == set(IDEMPOTENCY_SCOPES)
    assert scopes == [
        "checkout:cus_1",
        "after-sale:cus_1:ord_1",
        "balance-payment:cus_1:ord_1",
        "ticket-compensate:tkt_1",
    ]
