"""The settlement clock: on the default basis (``paid``) an order settles N days
after its payment, whatever its status then; on ``completed``, N days after it
completed. Switching the basis between runs settles every order exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.integration.test_settlement_api import settle
from tests.payments import paid_order
from tests.support import ADMIN, iso, sku_body


def use_basis(monkeypatch, basis):
    from chalicelib.settings import reset_settings

    monkeypatch.setenv("COMMERCE_SETTLEMENT_BASIS", basis)
    reset_settings()


def shipped(api, gateway, sku):
    """A paid order, shipped now (not yet delivered)."""
    from chalicelib.bootstrap import get_container

    order_id, _, _ = paid_order(api, gateway, {sku: 1})
    orders = get_container().fulfillment
    orders.start_fulfillment(order_id)
    orders.ship(order_id, "sf", f"SF{order_id[-10:]}", None, "staff:test")
    return order_id


def delivered(order_id):
    from chalicelib.bootstrap import get_container

    tracking = f"SF{order_id[-10:]}"
    get_container().fulfillment.apply_tracking(
        {
            "event_id": f"{tracking}-d",
            "carrier": "sf",
            "tracking_number": tracking,
            "status": "delivered",
            "at": datetime.now(UTC),
        }
    )


def auto_complete(api, days_ahead):
    as_of = iso(datetime.now(UTC) + timedelta(days=days_ahead, seconds=2))  # iso() drops the fraction
    r = api.post("/admin/jobs/auto_complete_orders/runs", {"as_of": as_of}, headers=ADMIN)
    assert r.status == 200, r.body
    return r.body["summary"]["completed"]


def status(api, order_id):
    return api.get(f"/admin/orders/{order_id}", headers=ADMIN).body["status"]


def settled_ids(api, days_ahead):
    from tests.integration.test_settlement_api import day_of

    r = api.get(f"/admin/settlements/{day_of(days_ahead)}", headers=ADMIN)
    return [line["order_id"] for line in r.body["lines"] if line["kind"] == "order"] if r.status == 200 else []


def catalog(api, *skus):
    category = api.category()
    api.product(category["id"], skus=[sku_body(s, price=10000, stock=50) for s in skus])


def test_on_the_default_basis_a_paid_order_settles_seven_days_after_payment(api, gateway):
    catalog(api, "TP-1")
    on_its_way = shipped(api, gateway, "TP-1")  # never delivered
    arrived = shipped(api, gateway, "TP-1")
    delivered(arrived)  # delivered now: auto-completion only in 7 days

    assert settle(api, 6)["settled"] == 0  # the statement of day +5: not 7 days yet
    summary = settle(api, 8)  # the statement of day +7
    assert summary["settled"] == 2
    assert sorted(settled_ids(api, 8)) == sorted([on_its_way, arrived])
    assert status(api, on_its_way) == "shipped" and status(api, arrived) == "delivered"

    # Settling did not keep the delivered order from completing on time, nor settle it again.
    assert auto_complete(api, 8) == 1 and status(api, arrived) == "completed"
    assert settle(api, 9)["settled"] == 0 and settle(api, 20)["settled"] == 0


def test_on_the_completed_basis_an_order_settles_seven_days_after_completion(api, gateway, monkeypatch):
    use_basis(monkeypatch, "completed")
    catalog(api, "TC-1")
    order = shipped(api, gateway, "TC-1")
    delivered(order)

    assert settle(api, 8)["settled"] == 0  # paid 7 days ago, but not completed
    assert auto_complete(api, 7) == 1  # completed at day +7
    assert settle(api, 14)["settled"] == 0  # the statement of day +13
    assert settle(api, 15)["settled"] == 1  # the statement of day +14
    assert settled_ids(api, 15) == [order]
    assert settle(api, 16)["settled"] == 0


def test_switching_the_basis_settles_every_order_exactly_once(api, gateway, monkeypatch):
    catalog(api, "SW-1")
    # Under `completed`: one order completes at once and settles on day +7; three wait.
    use_basis(monkeypatch, "completed")
    from tests.integration.test_settlement_api import completed

    early, _ = completed(api, gateway, "SW-1")
    waiting_shipped = shipped(api, gateway, "SW-1")
    waiting_delivered = shipped(api, gateway, "SW-1")
    delivered(waiting_delivered)
    assert settle(api, 8)["settled"] == 1 and settled_ids(api, 8) == [early]

    # Switched to `paid`: the two still open are due (paid 7 days ago); `early` is not settled again.
    use_basis(monkeypatch, "paid")
    assert settle(api, 9)["settled"] == 2
    assert sorted(settled_ids(api, 9)) == sorted([waiting_shipped, waiting_delivered])
    late = shipped(api, gateway, "SW-1")  # paid now, after the switch, shipped

    # Back to `completed`: nothing settled twice; the delivered order still auto-completes;
    # the order paid under `paid` waits for its completion.
    use_basis(monkeypatch, "completed")
    assert settle(api, 10)["settled"] == 0
    assert auto_complete(api, 9) == 1 and status(api, waiting_delivered) == "completed"
    assert settle(api, 12)["settled"] == 0
    delivered(late)
    assert auto_complete(api, 10) == 1 and status(api, late) == "completed"  # completed at day +10
    assert settle(api, 17)["settled"] == 0  # the statement of day +16
    assert settle(api, 18)["settled"] == 1 and settled_ids(api, 18) == [late]  # day +17
    for days in (19, 30):
        assert settle(api, days)["settled"] == 0
