from __future__ import annotations

import pytest

from chalicelib.domain.errors import InsufficientStock, NotFound, ValidationFailed
from chalicelib.services.inventory import MAX_ADJUSTMENT

from .builders import Shop, a_sku_spec, advance, at


@pytest.fixture
def shop() -> Shop:
    return Shop()


@pytest.fixture
def shop_with_stock(shop: Shop) -> Shop:
    """One SKU, "RUN-42", with 10 on hand (an initial_stock ledger row)."""
    shop.product(skus=[a_sku_spec("RUN-42", stock=10)])
    return shop


def field_codes(error: ValidationFailed) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in error.errors]


def ledger_reasons(shop: Shop, code: str = "RUN-42") -> list[tuple[int, str]]:
    return [(e.on_hand_delta, e.reason) for e in shop.inventory.ledger(code, 50, None).items]


def test_receiving_stock_raises_on_hand_and_records_who_and_why(shop_with_stock):
    view, entry = shop_with_stock.inventory.adjust("RUN-42", 5, "receiving", "PO 17", actor="key_warehouse")

    assert (view.stock.on_hand, view.stock.available) == (15, 15)
    assert (entry.sku, entry.on_hand_delta, entry.reason, entry.note, entry.actor) == (
        "RUN-42",
        5,
        "receiving",
        "PO 17",
        "key_warehouse",
    )
    assert shop_with_stock.inventory.get("RUN-42").stock.on_hand == 15


def test_writing_off_damaged_stock_lowers_on_hand(shop_with_stock):
    view, _ = shop_with_stock.inventory.adjust("RUN-42", -4, "damaged", None, actor="key_warehouse")

    assert view.stock.on_hand == 6


def test_removing_exactly_what_is_available_leaves_zero(shop_with_stock):
    view, _ = shop_with_stock.inventory.adjust("RUN-42", -10, "lost", None, actor="key_warehouse")

    assert view.stock.available == 0


def test_removing_more_than_is_available_is_insufficient_stock_and_changes_nothing(shop_with_stock):
    with pytest.raises(InsufficientStock) as raised:
        shop_with_stock.inventory.adjust("RUN-42", -11, "stock_count", None, actor="key_warehouse")

    assert raised.value.code == "insufficient_stock"
    assert raised.value.extra == {"sku": "RUN-42", "available": 10}
    assert shop_with_stock.inventory.get("RUN-42").stock.on_hand == 10
    assert ledger_reasons(shop_with_stock) == [(10, "initial_stock")]


def test_reserved_stock_cannot_be_adjusted_away(shop_with_stock):
    shop_with_stock.store.set_reserved("RUN-42", 8)

    with pytest.raises(InsufficientStock):
        shop_with_stock.inventory.adjust("RUN-42", -3, "lost", None, actor="key_warehouse")

    view, _ = shop_with_stock.inventory.adjust("RUN-42", -2, "lost", None, actor="key_warehouse")
    assert (view.stock.on_hand, view.stock.reserved, view.stock.available) == (8, 8, 0)


def test_zero_delta_is_rejected(shop_with_stock):
    with pytest.raises(ValidationFailed) as raised:
        shop_with_stock.inventory.adjust("RUN-42", 0, "correction", None, actor="key_warehouse")

    assert field_codes(raised.value) == [("delta", "zero")]


@pytest.mark.parametrize("delta", [MAX_ADJUSTMENT + 1, -MAX_ADJUSTMENT - 1])
def test_delta_beyond_the_limit_is_rejected(shop_with_stock, delta):
    with pytest.raises(ValidationFailed) as raised:
        shop_with_stock.inventory.adjust("RUN-42", delta, "correction", None, actor="key_warehouse")

    assert field_codes(raised.value) == [("delta", "out_of_range")]


def test_unknown_reason_is_rejected(shop_with_stock):
    with pytest.raises(ValidationFailed) as raised:
        shop_with_stock.inventory.adjust("RUN-42", 1, "because", None, actor="key_warehouse")

    assert field_codes(raised.value) == [("reason", "invalid_choice")]
    assert ledger_reasons(shop_with_stock) == [(10, "initial_stock")]


def test_every_bad_field_is_reported_at_once(shop_with_stock):
    with pytest.raises(ValidationFailed) as raised:
        shop_with_stock.inventory.adjust("RUN-42", 0, "because", None, actor="key_warehouse")

    assert {f for f, _ in field_codes(raised.value)} == {"delta", "reason"}


def test_adjusting_an_unknown_sku_is_not_found(shop):
    with pytest.raises(NotFound):
        shop.inventory.adjust("NOPE", 1, "receiving", None, actor="key_warehouse")


def test_reading_an_unknown_sku_is_not_found(shop):
    with pytest.raises(NotFound):
        shop.inventory.get("NOPE")
    with pytest.raises(NotFound):
        shop.inventory.ledger("NOPE", 10, None)


def test_ledger_lists_newest_first(shop_with_stock):
    inventory = shop_with_stock.inventory
    advance(shop_with_stock.clock, minutes=1)
    inventory.adjust("RUN-42", 5, "receiving", None, actor="key_warehouse")
    advance(shop_with_stock.clock, minutes=1)
    inventory.adjust("RUN-42", -2, "damaged", None, actor="key_warehouse")

    entries = inventory.ledger("RUN-42", 10, None).items

    assert [(e.on_hand_delta, e.reason) for e in entries] == [(-2, "damaged"), (5, "receiving"), (10, "initial_stock")]
    assert [e.at for e in entries] == [at(minutes=2), at(minutes=1), at()]


def test_ledger_pages_walk_every_entry_once_newest_first(shop_with_stock):
    inventory = shop_with_stock.inventory
    for n in range(1, 6):
        inventory.adjust("RUN-42", n, "receiving", None, actor="key_warehouse")

    first = inventory.ledger("RUN-42", 4, None)
    second = inventory.ledger("RUN-42", 4, first.next_position)

    assert [e.on_hand_delta for e in first.items + second.items] == [5, 4, 3, 2, 1, 10]
    assert second.next_position is None


def test_ledger_balances_to_on_hand(shop_with_stock):
    inventory = shop_with_stock.inventory
    for delta, reason in [(7, "receiving"), (-3, "damaged"), (1, "customer_return"), (-15, "stock_count")]:
        inventory.adjust("RUN-42", delta, reason, None, actor="key_warehouse")

    total = sum(e.on_hand_delta for e in inventory.ledger("RUN-42", 50, None).items)

    assert total == inventory.get("RUN-42").stock.on_hand == 0


def test_an_adjustment_writes_its_stock_event_with_it_and_rereads_after_a_concurrent_change(shop):
    from dataclasses import replace

    published: list = []
    shop.inventory.relay = published.extend
    shop.product(skus=[a_sku_spec("LOW-1", stock=10, safety_stock=4)])
    repo, store = shop.inventory_repo, shop.store
    real_adjust = repo.adjust
    calls = []

    def racing_adjust(entry, available_between=None, events=None):
        calls.append([e.type for e in events or []])
        if len(calls) == 1:  # a checkout reserves 2 between the read and the write
            store.levels["LOW-1"] = replace(store.levels["LOW-1"], reserved=2)
        return real_adjust(entry, available_between, events)

    repo.adjust = racing_adjust
    view, _ = shop.inventory.adjust("LOW-1", -5, "damaged", None, actor="key_w")
    # Read 10 available: 5 left, above safety, no event; the write saw 8 and was refused;
    # re-read 8: 3 left, at or below safety: stock.low, written with the adjustment.
    assert calls == [[], ["stock.low"]]
    assert view.stock.available == 3
    assert [(e.type, e.data["available"]) for e in repo.events] == [("stock.low", 3)]
    assert published == repo.events


def test_only_crossing_adjustments_emit_stock_events(shop):
    shop.inventory.relay = lambda events: None
    shop.product(skus=[a_sku_spec("LOW-2", stock=10, safety_stock=4)])
    shop.inventory.adjust("LOW-2", -5, "damaged", None, actor="k")  # 5 left: above safety
    shop.inventory.adjust("LOW-2", 1, "receiving", None, actor="k")  # 6: above, replenished (resolves any alert)
    shop.inventory.adjust("LOW-2", -2, "lost", None, actor="k")  # 4: at safety
    shop.inventory.adjust("LOW-2", -1, "lost", None, actor="k")  # 3: still low (the worker keeps one alert)
    assert [(e.type, e.data["available"]) for e in shop.inventory_repo.events] == [
        ("stock.replenished", 6),
        ("stock.low", 4),
        ("stock.low", 3),
    ]


def test_a_concurrent_change_that_does_not_cross_the_threshold_does_not_make_an_adjustment_retry(shop):
    from dataclasses import replace

    shop.inventory.relay = lambda events: None
    shop.product(skus=[a_sku_spec("LOW-3", stock=100, safety_stock=4)])
    repo, store = shop.inventory_repo, shop.store
    real_adjust = repo.adjust
    calls = []

    def racing_adjust(entry, available_between=None, events=None):
        calls.append(available_between)
        store.levels["LOW-3"] = replace(store.levels["LOW-3"], reserved=store.levels["LOW-3"].reserved + 1)
        return real_adjust(entry, available_between, events)

    repo.adjust = racing_adjust
    view, _ = shop.inventory.adjust("LOW-3", -10, "damaged", None, actor="k")
    assert calls == [(15, None)]  # one write: 99 is still above the tipping point (safety 4 + 10 removed)
    assert view.stock.available == 89 and repo.events == []
