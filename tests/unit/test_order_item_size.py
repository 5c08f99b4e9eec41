"""The order item's body (ADR 0029): defaults left out, no blanks, packed once long,
and read back to the same order; a body written before (plain, full JSON) reads as
it did. Every byte of the item is billed in the table and in each index holding it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

from chalicelib.adapters.dynamo.models import OrderRecord
from chalicelib.adapters.dynamo.order_records import _full_body, order_of, order_record
from chalicelib.adapters.dynamo.packed import PACKED, PackedJSONAttribute
from chalicelib.domain.orders import Shipment, TimelineEntry, TrackingEvent

from .builders import T0
from .order_builders import an_order


def a_journeys_order():
    order = an_order({"SKU-1": 1, "SKU-2": 2}, at=T0)
    steps = (("pending_payment", "paid"), ("paid", "fulfilling"), ("fulfilling", "shipped"))
    timeline = order.timeline + tuple(
        TimelineEntry(T0 + timedelta(minutes=i), "status_changed", "system", from_status=a, to_status=b, reason="r")
        for i, (a, b) in enumerate(steps)
    )
    shipment = Shipment(
        "sf",
        "SF1",
        {"SKU-1": 1, "SKU-2": 2},
        T0,
        events=(TrackingEvent(T0, "in_transit", "left the depot", None), TrackingEvent(T0, "in_transit", None, "HZ")),
    )
    return replace(
        order,
        status="shipped",
        amount_paid=order.total,
        payment_intent_id="pi_1",
        payment_fee=321,
        payment_captured=order.total,
        timeline=timeline,
        shipments=(shipment,),
        coupon_code="SPRING",
    )


def test_an_order_reads_back_the_same_from_its_lean_packed_body():
    for order in (an_order({"SKU-1": 1}, at=T0), a_journeys_order()):
        record = order_record(order)
        stored = OrderRecord.from_raw_data(record.serialize())
        assert order_of(stored) == replace(order, version=int(stored.version or 1))


def test_the_body_is_packed_when_long_and_smaller_than_before():
    order = a_journeys_order()
    packed = order_record(order).serialize()["body"]["S"]
    assert packed.startswith(PACKED)
    before = json.dumps(_full_body(order))  # what the item held before ADR 0029
    assert len(packed) < len(before) * 0.6


def test_a_body_written_before_reads_as_it_did():
    order = a_journeys_order()
    record = order_record(order).serialize()
    record["body"] = {"S": json.dumps(_full_body(order))}  # plain JSON, every default written
    assert order_of(OrderRecord.from_raw_data(record)) == replace(order, version=1)


def test_short_json_stays_plain_text():
    attribute = PackedJSONAttribute()
    assert attribute.serialize({"a": [1, 2]}) == '{"a":[1,2]}'
    assert attribute.deserialize('{"a": [1, 2]}') == {"a": [1, 2]}
    assert attribute.serialize(None) is None


def test_the_privacy_scan_reads_a_packed_body_unpacked():
    """A packed order body hides its text from a plain scan; the erasure checks unpack it."""
    from chalicelib.adapters.dynamo.packed import PACKED, PackedJSONAttribute
    from tests.privacy_scenario import Person, leftovers

    person = Person()
    body = {"shipping_address": {"name": person.name, "line1": person.line1}, "notes": ["x" * 800]}
    packed = PackedJSONAttribute().serialize(body)
    assert packed is not None and packed.startswith(PACKED) and person.name not in packed
    found = leftovers([{"PK": "ORDER#ord_1", "SK": "ORDER", "body": packed}], person)
    assert {secret for _, _, secret in found} == {person.name, person.line1}
