"""The event envelope: what goes on the wire comes back the same, what is not an
envelope is refused, and every event type the code emits is catalogued."""

from __future__ import annotations

import ast
import json
import pathlib
import re
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.events import CATALOG, Event, MalformedEvent, new_event, read_message

AT = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_wire_form_is_the_versioned_envelope():
    event = new_event("order.paid", {"order_id": "ord_1"}, AT)
    wire = event.to_wire()
    assert set(wire) == {"type", "version", "id", "occurred_at", "data"}
    assert (wire["type"], wire["version"], wire["occurred_at"], wire["data"]) == (
        "order.paid",
        1,
        "2026-12-06T12:00:00Z",
        {"order_id": "ord_1"},
    )
    assert wire["id"].startswith("evt_")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


@given(kind=st.sampled_from(sorted(CATALOG)), data=st.dictionaries(st.text(max_size=10), json_values, max_size=5))
def test_an_event_survives_the_wire(kind, data):
    event = new_event(kind, data, AT)
    assert Event.from_wire(json.loads(json.dumps(event.to_wire()))) == event


@pytest.mark.parametrize(
    "change",
    [
        {"type": "Order Paid"},
        {"type": None},
        {"id": ""},
        {"id": "x" * 65},
        {"version": 0},
        {"version": True},
        {"version": "1"},
        {"data": []},
        {"occurred_at": "yesterday"},
        {"occurred_at": "2026-12-06T12:00:00"},  # no time zone
    ],
)
def test_what_is_not_an_envelope_is_refused(change):
    wire = new_event("stock.low", {"sku": "A"}, AT).to_wire() | change
    with pytest.raises(MalformedEvent):
        Event.from_wire(wire)


def test_the_flat_messages_of_before_the_envelope_are_read_as_version_1():
    """Messages still queued when a deployment switches to the envelope are not poison."""
    flat = {"id": "evt_1", "type": "stock.low", "at": "2026-12-06T12:00:00Z", "sku": "A", "available": 2}
    with pytest.raises(MalformedEvent):
        Event.from_wire(flat)  # not an envelope
    assert read_message(flat) == Event("stock.low", "evt_1", AT, {"sku": "A", "available": 2}, 1)
    assert read_message(new_event("stock.low", {"sku": "A"}, AT).to_wire()).data == {"sku": "A"}
    with pytest.raises(MalformedEvent):
        read_message({"sku": "A"})  # neither shape


def test_only_catalogued_types_can_be_emitted():
    with pytest.raises(ValueError):
        new_event("order.teleported", {}, AT)


EVENT_LITERAL = re.compile(r"^(order|stock|membership)\.[a-z_]+$")


def emitted_literals() -> set[str]:
    """Every string literal shaped like an event type where events are built (the
    domain and the services; adapters only carry them)."""
    found: set[str] = set()
    paths = [*(ROOT / "chalicelib" / "domain").rglob("*.py"), *(ROOT / "chalicelib" / "services").rglob("*.py")]
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and EVENT_LITERAL.match(node.value):
                found.add(node.value)
    return found


def test_every_event_type_in_the_code_is_catalogued():
    literals = emitted_literals()
    assert {"order.placed", "order.ready_for_fulfillment", "stock.low"} <= literals  # the scan sees them
    assert literals - set(CATALOG) == set()


def test_every_catalogued_event_is_documented():
    catalog_doc = (ROOT / "docs" / "events.md").read_text()
    assert [kind for kind in CATALOG if f"`{kind}`" not in catalog_doc] == []
