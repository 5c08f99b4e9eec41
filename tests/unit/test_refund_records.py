"""RefundService.refund_order over the fakes: a refund is recorded before Stripe is
called, named by its source (asking again never pays twice), bounded by what is
left of the payment, and settled by what Stripe answers."""

from __future__ import annotations

import pytest

from chalicelib.domain.error_codes import AfterSaleErrorCode, RefundErrorCode
from chalicelib.domain.errors import ValidationFailed
from chalicelib.domain.refunds import RefundRequest

from .order_builders import OrderWorld


def paid(w: OrderWorld, lines: dict[str, int], price: int = 8000):
    for sku in lines:
        w.stock(sku, on_hand=10, price=price)
    return w.pay(w.place(lines, prices=dict.fromkeys(lines, price)))


def ask(order_id: str, source: str = "after_sale:as_1", **kw) -> RefundRequest:
    return RefundRequest(order_id=order_id, source=source, reason=kw.pop("reason", "quality"), actor="system", **kw)


def test_a_partial_refund_pays_the_units_share_and_marks_the_order_partially_refunded():
    w = OrderWorld()
    order = paid(w, {"RA": 3, "RB": 1})

    refund = w.refunds.refund_order(ask(order.id, lines={"RA": 2}))

    assert (refund.status, refund.amount, refund.line_amounts) == ("succeeded", 16000, {"RA": 16000})
    assert [(amount, key) for _, amount, key in w.gateway.refunds] == [(16000, f"{order.id}:refund:after_sale:as_1")]
    done = w.get(order.id)
    assert (done.payment_status, done.amount_refunded) == ("partially_refunded", 16000)
    assert [r.id for r in done.refunds] == [refund.id]
    assert "order.refunded" in w.publisher.types()


def test_the_same_source_again_returns_the_refund_already_made():
    w = OrderWorld()
    order = paid(w, {"RC": 2})
    first = w.refunds.refund_order(ask(order.id, lines={"RC": 1}))

    again = w.refunds.refund_order(ask(order.id, lines={"RC": 1}))

    assert again == first
    assert len(w.gateway.refunds) == 1
    assert w.get(order.id).amount_refunded == 8000


def test_a_refund_above_what_is_left_is_refused_and_writes_nothing():
    w = OrderWorld()
    order = paid(w, {"RD": 1})
    w.refunds.refund_order(ask(order.id, source="staff:k1", amount=5000, reason="goodwill"))
    version = w.get(order.id).version

    with pytest.raises(ValidationFailed) as caught:
        w.refunds.refund_order(ask(order.id, source="staff:k2", amount=3001, reason="goodwill"))

    assert caught.value.code == RefundErrorCode.REFUND_EXCEEDS_PAID
    assert w.get(order.id).version == version and len(w.gateway.refunds) == 1


def test_units_already_refunded_cannot_come_back_twice():
    w = OrderWorld()
    order = paid(w, {"RE": 2})
    w.refunds.refund_order(ask(order.id, source="after_sale:as_1", lines={"RE": 2}))

    with pytest.raises(ValidationFailed) as caught:
        w.refunds.refund_order(ask(order.id, source="after_sale:as_2", lines={"RE": 1}))

    assert caught.value.code == AfterSaleErrorCode.QUANTITY_EXCEEDS_RETURNABLE


def test_an_unpaid_order_has_nothing_to_refund():
    w = OrderWorld()
    w.stock("RF", on_hand=3)
    order = w.place({"RF": 1})

    with pytest.raises(ValidationFailed) as caught:
        w.refunds.refund_order(ask(order.id, lines={"RF": 1}))

    assert caught.value.code == RefundErrorCode.ORDER_NOT_PAID


def test_a_refund_stripe_could_not_take_stays_owed_and_counts_against_what_is_left():
    w = OrderWorld()
    order = paid(w, {"RG": 2})
    w.gateway.down = True

    refund = w.refunds.refund_order(ask(order.id, lines={"RG": 1}))

    assert refund.status == "failed" and w.gateway.refunds == []
    with pytest.raises(ValidationFailed) as caught:  # 8000 of 16000 is promised already
        w.refunds.refund_order(ask(order.id, source="staff:k", amount=8001, reason="goodwill"))
    assert caught.value.code == RefundErrorCode.REFUND_EXCEEDS_PAID
    w.gateway.down = False
    retried = w.refunds.refund_order(ask(order.id, lines={"RG": 1}))  # the same source takes it again
    assert retried.status == "succeeded" and retried.id == refund.id
    assert [key for _, _, key in w.gateway.refunds] == [f"{order.id}:refund:after_sale:as_1"]
    assert w.get(order.id).amount_refunded == 8000


def test_a_refund_stripe_refuses_is_an_exception_and_its_units_can_come_back_again():
    w = OrderWorld()
    order = paid(w, {"RH": 1})
    w.gateway.refusing = "charge disputed"

    refund = w.refunds.refund_order(ask(order.id, lines={"RH": 1}))

    assert refund.status == "refused"
    assert w.exceptions.open_for(order.id) == [("refund_refused", "customer_service")]
    assert w.get(order.id).amount_refunded == 0
    w.gateway.refusing = None
    later = w.refunds.refund_order(ask(order.id, source="after_sale:as_2", lines={"RH": 1}))
    assert later.status == "succeeded"


def test_shipping_comes_back_when_asked_once():
    w = OrderWorld()
    w.stock("RI", on_hand=3, price=5000)
    order = w.pay(w.place({"RI": 1}, prices={"RI": 5000}, shipping=1000, total=6000))

    refund = w.refunds.refund_order(ask(order.id, source="staff:s1", include_shipping=True, reason="late"))
    second = w.refunds.refund_order(
        ask(order.id, source="staff:s2", include_shipping=True, lines={"RI": 1}, reason="late")
    )

    assert (refund.amount, refund.shipping) == (1000, 1000)
    assert (second.amount, second.shipping) == (5000, 0)
    assert w.get(order.id).payment_status == "refunded"
