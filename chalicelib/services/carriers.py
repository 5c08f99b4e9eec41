"""Carriers take a fulfilled order's parcels. ``manual``: warehouse staff enter
the carrier and tracking number (POST /admin/orders/{id}/shipments).
``simulated`` (local runs): books a tracking number as soon as fulfillment
starts and emits the parcel's tracking events through the signed logistics
webhook, as a real carrier integration would."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from ..domain.clock import Clock, to_rfc3339
from ..domain.errors import InvalidTransition
from ..domain.orders import Order
from .orders.fulfillment import FulfillmentService


class Carrier(Protocol):
    name: str

    def book(self, order: Order) -> str | None: ...  # a tracking number, or None: staff enter one

    def shipped(self, order: Order, tracking_number: str) -> None: ...  # the parcel left the warehouse


class ManualCarrier:
    name = "manual"

    def book(self, order: Order) -> str | None:
        return None

    def shipped(self, order: Order, tracking_number: str) -> None:
        return None


class SimulatedCarrier:
    """Tracking numbers derive from the order id, and event ids from the tracking
    number and step, so a retried message books and reports the same parcel."""

    name = "simulated"
    STEPS = ("in_transit", "out_for_delivery", "delivered")

    def __init__(self, send: Callable[[dict[str, Any]], None], clock: Clock) -> None:
        self.send = send  # delivers one tracking update (the signed logistics webhook)
        self.clock = clock

    def book(self, order: Order) -> str | None:
        return "SIM-" + order.id.split("_")[-1].upper()

    def shipped(self, order: Order, tracking_number: str) -> None:
        for status in self.STEPS:
            self.send(
                {
                    "event_id": f"{tracking_number}-{status}",
                    "carrier": self.name,
                    "tracking_number": tracking_number,
                    "status": status,
                    "at": to_rfc3339(self.clock.now()),
                    "description": f"simulated: {status.replace('_', ' ')}",
                }
            )


def dispatch(orders: FulfillmentService, carrier: Carrier, order_id: str) -> str:
    """The fulfillment worker's message: start fulfillment, then hand the parcel to
    the carrier. Every step is idempotent, so a redelivered message repeats none
    (the carrier's updates carry fixed event ids and are applied once)."""
    outcome = orders.start_fulfillment(order_id)
    order = orders.get(order_id)
    if order.status == "fulfilling" and not order.shipments:
        tracking_number = carrier.book(order)
        if tracking_number is not None:
            try:
                order = orders.ship(order_id, carrier.name, tracking_number, None, f"carrier:{carrier.name}")
                outcome += "+shipped"
            except InvalidTransition:
                pass  # moved on meanwhile (cancelled, or shipped by staff)
    for shipment in order.shipments:
        if shipment.carrier == carrier.name and shipment.status != "delivered":
            carrier.shipped(order, shipment.tracking_number)
    return outcome
