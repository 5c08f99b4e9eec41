"""Fulfillment: a paid order starts fulfillment (the queue worker), staff or a
carrier integration ship it, whole or in parts, and carriers' tracking updates
move each parcel forward until every one is delivered."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from ...domain.error_codes import CommonErrorCode, FulfillmentErrorCode
from ...domain.errors import Conflict, FieldError, InvalidTransition, NotFound, ValidationFailed
from ...domain.orders import Order, Shipment, TrackingEvent, note, order_event, transition
from ..operations import CARRIER_EXCEPTION, CARRIER_FOLLOW_UP
from ..ports import OrderChange, OutboxEvent, Page, Position, Reservation
from .changes import OrderChanges

FULFILLMENT_STATUSES = ("awaiting_shipment", "shipped", "delivered")
# A shipment's status only moves forward: updates arrive in any order.
TRACKING_PROGRESS = {"shipped": 0, "exception": 1, "in_transit": 2, "out_for_delivery": 3, "delivered": 4}


class FulfillmentService:
    def __init__(self, changes: OrderChanges, carrier_follow_up: timedelta = CARRIER_FOLLOW_UP) -> None:
        self.changes = changes
        # A carrier exception is followed up within this (COMMERCE_CARRIER_FOLLOW_UP_HOURS): the
        # exception entry's due time, and the hours the customer is told (order.carrier_exception).
        self.carrier_follow_up = carrier_follow_up
        self.orders = changes.orders
        self.clock = changes.clock

    def get(self, order_id: str) -> Order:
        return self.changes.get(order_id)

    def start_fulfillment(self, order_id: str) -> str:
        """The fulfillment worker: a paid (or approved) order moves to fulfilling with
        a fulfillment record. Idempotent by order: a second message changes nothing."""
        order = self.orders.get(order_id)
        if order is None:
            raise NotFound(f"No order {order_id}.")

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            if current.status != "paid" or (current.risk_reasons and not current.review_cleared):
                return None
            if not current.unshipped():  # every unit refunded before shipment: it is being cancelled
                return None
            moved = transition(current, "fulfilling", self.clock.now(), "system", "fulfillment started")
            return moved, OrderChange(
                fulfillment_status="awaiting_shipment", events=(order_event("order.fulfilling", moved),)
            )

        try:
            saved = self.changes.change(order_id, decide)
        except Conflict as error:
            if error.code != FulfillmentErrorCode.DUPLICATE_FULFILLMENT:
                raise
            return "already_started"
        return "started" if saved.version > order.version else f"skipped:{saved.status}"

    def ship(
        self, order_id: str, carrier: str, tracking_number: str, lines: dict[str, int] | None, actor: str
    ) -> Order:
        """Warehouse staff hand goods to a carrier: all remaining lines, or some of them."""

        def decide(current: Order) -> tuple[Order, OrderChange]:
            if current.status != "fulfilling":
                raise InvalidTransition(f"Only an order being fulfilled can ship; this one is {current.status}.")
            remaining = current.unshipped()
            wanted = dict(lines) if lines else remaining
            problems = [
                FieldError(f"lines.{sku}", "exceeds_remaining", f"{remaining.get(sku, 0)} of {sku} left to ship.")
                for sku, quantity in wanted.items()
                if quantity < 1 or quantity > remaining.get(sku, 0)
            ]
            if problems or not wanted:
                raise ValidationFailed(
                    "Those lines cannot ship.", problems or [FieldError("lines", "required", "Nothing left to ship.")]
                )
            now = self.clock.now()
            updated = replace(current, shipments=current.shipments + (Shipment(carrier, tracking_number, wanted, now),))
            complete = not updated.unshipped()
            if complete:
                updated = transition(updated, "shipped", now, actor, f"{carrier} {tracking_number}")
            else:
                updated = note(updated, now, "partial_shipment", actor, f"{carrier} {tracking_number}", lines=wanted)
            products = {line.sku: line.product_id for line in current.lines}
            shards = {line.sku: line.stock_shard for line in current.lines}  # ADR 0025
            return updated, OrderChange(
                ship=tuple(Reservation(products[sku], sku, q, shard=shards[sku]) for sku, q in wanted.items()),
                tracking=(carrier, tracking_number),
                fulfillment_status="shipped" if complete else None,
                events=(order_event("order.shipped" if complete else "order.partially_shipped", updated),),
            )

        return self.changes.change(order_id, decide)

    def apply_tracking(self, update: dict[str, Any]) -> str:
        """A carrier's tracking update, applied at most once (by the carrier's own
        event id: two carriers may use the same ids). An update for a parcel no
        shipment has yet is refused without using up its event id, so the
        carrier's redelivery after staff enter the shipment is applied."""
        event_id = str(update["event_id"])
        now = self.clock.now()
        order_id = self.orders.order_id_for_tracking(update["carrier"], update["tracking_number"])
        if order_id is None:
            raise NotFound(
                f"No shipment has {update['carrier']} tracking number {update['tracking_number']} (yet); "
                "deliver the update again once it is entered.",
                code=FulfillmentErrorCode.UNKNOWN_TRACKING,
            )
        at = update["at"]
        follow_up = self.carrier_follow_up
        if update["status"] == "exception":  # followed up with the carrier in time (one entry per order)
            detail = f"{update['carrier']} {update['tracking_number']}: {update.get('description') or 'exception'}"
            self.changes.open_exception(order_id, CARRIER_EXCEPTION, detail, now, now + follow_up)

        def decide(current: Order) -> tuple[Order, OrderChange] | None:
            shipments = list(current.shipments)
            index = next(
                i
                for i, s in enumerate(shipments)
                if (s.carrier, s.tracking_number) == (update["carrier"], update["tracking_number"])
            )
            shipment = shipments[index]
            status = update["status"]
            new_status = status if TRACKING_PROGRESS[status] >= TRACKING_PROGRESS[shipment.status] else shipment.status
            event = TrackingEvent(at, status, update.get("description"), update.get("location"))
            shipments[index] = replace(shipment, status=new_status, events=shipment.events + (event,))
            updated = replace(current, shipments=tuple(shipments), updated_at=now)
            events: tuple[OutboxEvent, ...] = ()
            if status == "exception":  # the customer is told (the notifications queue)
                told = {k: update.get(k) for k in ("carrier", "tracking_number", "description", "location")}
                told["follow_up_hours"] = round(follow_up.total_seconds() / 3600)
                events = (order_event("order.carrier_exception", updated, **told),)
            fulfillment_status = None
            if updated.status == "shipped" and all(s.status == "delivered" for s in updated.shipments):
                updated = replace(transition(updated, "delivered", now, "carrier", "delivered"), delivered_at=at)
                events = (*events, order_event("order.delivered", updated))
                fulfillment_status = "delivered"
            return updated, OrderChange(
                webhook_event_id=event_id,
                event_provider=f"logistics:{update['carrier']}",
                events=events,
                fulfillment_status=fulfillment_status,
            )

        try:
            saved = self.changes.change(order_id, decide)
        except Conflict as error:
            if error.code == CommonErrorCode.DUPLICATE_EVENT:
                return "duplicate"
            raise
        return saved.status

    def fulfillments(self, status: str, limit: int, after: Position | None) -> Page:
        if status not in FULFILLMENT_STATUSES:
            raise ValidationFailed(
                "Unknown status.", [FieldError("status", "invalid_choice", "awaiting_shipment, shipped or delivered.")]
            )
        return self.orders.fulfillments(status, limit, after)
