"""After-sale requests: customers open them on their orders, staff answer,
receive and inspect, and the refund goes through the refund service (one
refund per request: its source is the request). Every change is a
version-guarded write of the request (and, when it opens or ends, of its
order's list of open requests), with its outbox events, retried on a
concurrent change. The deadlines: services/after_sales_jobs.py."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Protocol

from ..domain import after_sale_requests as opening
from ..domain import after_sales as rules
from ..domain.after_sale_requests import RequestSpec
from ..domain.after_sales import (
    AfterSale,
    AfterSaleLine,
    AfterSalePolicy,
    AfterSaleWrite,
    Due,
    Entry,
    StockUnits,
    after_sale_event,
)
from ..domain.error_codes import CommonErrorCode
from ..domain.errors import DomainError, InvalidTransition, NotFound
from ..domain.ids import new_id
from ..domain.orders import Order
from ..domain.refund_allocation import SELLER_FAULT_REASONS, allocate
from ..domain.refunds import RefundRequest, refunded_units, shipping_refunded
from .orders.changes import OrderChanges
from .ports import OrderRefunds, OutboxEvent, Page, Position, ProductRepository
from .retry import retry_on_conflict

log = logging.getLogger("commerce.after_sales")

ATTEMPTS = 4


class AfterSaleRepository(Protocol):
    def add(self, request: AfterSale, write: AfterSaleWrite) -> None:
        """A new request with its write, in one transaction; Conflict(code=concurrent_update)
        when the order moved, Conflict(code=out_of_stock) when a reservation cannot be held."""
        ...

    def get(self, after_sale_id: str) -> AfterSale | None: ...

    def save(self, request: AfterSale, write: AfterSaleWrite) -> AfterSale:
        """Version-guarded (Conflict(code=concurrent_update)); returns the request as stored."""
        ...

    def for_order(self, order_id: str, limit: int, after: Position | None) -> Page: ...
    def by_status(self, status: str, type: str | None, limit: int, after: Position | None) -> Page: ...
    def due(self, as_of: datetime, limit: int) -> list[AfterSale]: ...  # filed (rules.filed_at) by as_of


Decide = Callable[[AfterSale, Order], tuple[AfterSale, AfterSaleWrite] | None]


class AfterSaleService:
    def __init__(
        self,
        requests: AfterSaleRepository,
        changes: OrderChanges,
        products: ProductRepository,
        refunds: OrderRefunds,
        cancel_order: Callable[[Order, str, str], Order],
        policy: AfterSalePolicy | None = None,
    ) -> None:
        self.requests = requests
        self.changes = changes
        self.orders = changes.orders
        self.products = products
        self.refunds = refunds
        self.cancel_order = cancel_order  # OrderService.cancel: a refund_only of every unit before shipment
        self.policy = policy or AfterSalePolicy()
        self.clock = changes.clock

    # --- reads ------------------------------------------------------------------------------
    def get(self, after_sale_id: str) -> AfterSale:
        found = self.requests.get(after_sale_id)
        if found is None:
            raise NotFound(f"No after-sale request {after_sale_id}.")
        return found

    def own(self, customer_id: str, after_sale_id: str) -> AfterSale:
        found = self.requests.get(after_sale_id)
        if found is None or found.customer_id != customer_id:
            raise NotFound(f"No after-sale request {after_sale_id}.")
        return found

    def own_order(self, customer_id: str, order_id: str) -> Order:
        order = self.orders.get(order_id)
        if order is None or order.customer_id != customer_id:
            raise NotFound(f"No order {order_id}.")
        return order

    def for_order(self, customer_id: str, order_id: str, limit: int, after: Position | None) -> Page:
        self.own_order(customer_id, order_id)
        return self.requests.for_order(order_id, limit, after)

    def by_status(self, status: str, type: str | None, limit: int, after: Position | None) -> Page:
        opening.check_listing(status, type, rules.STATUSES)
        return self.requests.by_status(status, type, limit, after)

    def returned(self, order: Order) -> dict[str, int]:
        """Units of the order that came back already: those of its refunds (not
        refused) and those of its exchanged requests."""
        exchanged: list[AfterSale] = []
        after: Position | None = None
        while True:
            page = self.requests.for_order(order.id, 100, after)
            exchanged += [r for r in page.items if r.status == "exchanged"]
            after = page.next_position
            if after is None:
                break
        return opening.returned_units([refunded_units(order.refunds)], exchanged)

    # --- the customer -----------------------------------------------------------------------
    def request(self, customer_id: str, order_id: str, spec: RequestSpec) -> AfterSale:
        def attempt() -> AfterSale:
            order = self.own_order(customer_id, order_id)
            request, write = self._new(order, spec, f"customer:{customer_id}")
            self.requests.add(request, write)
            self.changes.relay.relay(list(write.events))
            return request

        request = retry_on_conflict(attempt, ATTEMPTS)
        if request.status == "approved":  # refund_only before shipment: no staff needed
            request = self._refund(request, "system")
        return request

    def _new(self, order: Order, spec: RequestSpec, actor: str) -> tuple[AfterSale, AfterSaleWrite]:
        opening.check_eligible(order, spec.type, spec.reason)
        units = opening.requested_units(spec)
        open_requests = [r for r in (self.requests.get(i) for i in order.open_after_sales) if r is not None]
        allocation = allocate(
            order,
            self.returned(order),
            units,
            seller_fault=spec.reason in SELLER_FAULT_REASONS,
            shipping_refunded=shipping_refunded(order.refunds),
        )
        skus = [line.sku for line in spec.lines]
        opening.check_not_open(skus, open_requests)
        now = self.clock.now()
        opening.check_window(order, spec.type, spec.reason, now, self.policy)
        by_sku = {line.sku: line for line in order.lines}
        if spec.type != "refund_only":
            views = {pid: self.products.get(pid) for pid in {by_sku[s].product_id for s in skus}}
            flagged = [
                s for s in skus if (v := views[by_sku[s].product_id]) and not v.product.returnable_without_reason
            ]
            opening.check_returnable(spec.reason, skus, flagged)
            if spec.type == "exchange":
                prices = {pid: {sku.code: sku.price for sku, _ in v.skus} for pid, v in views.items() if v}
                opening.check_exchange_skus(spec, {s: by_sku[s].product_id for s in skus}, prices)
        before_shipment = spec.type == "refund_only" and opening.before_shipment(order)
        if before_shipment:
            left = order.unshipped()
            too_many = [s for s, n in units.items() if n > left.get(s, 0)]
            if too_many:
                raise opening.quantity_exceeded(too_many)
        lines = tuple(
            AfterSaleLine(
                s.sku,
                s.quantity,
                0 if spec.type == "exchange" else allocation.lines[s.sku],
                s.exchange_sku,
            )
            for s in spec.lines
        )
        request = AfterSale(
            id=new_id("as"),
            order_id=order.id,
            customer_id=order.customer_id,
            type=spec.type,
            reason=spec.reason,
            status="requested",
            currency=order.currency,
            lines=lines,
            created_at=now,
            updated_at=now,
            shipping_refund=0 if spec.type == "exchange" else allocation.shipping,
            description=spec.description,
            images=spec.images,
            due=Due(respond_by=now + self.policy.respond_within),
            timeline=(Entry(now, actor, None, "requested", spec.reason),),
        )
        opened = replace(order, open_after_sales=order.open_after_sales + (request.id,), updated_at=now)
        events = [after_sale_event("after_sale.requested", request)]
        release: tuple[StockUnits, ...] = ()
        if before_shipment:  # the units never ship, whatever fulfillment does next (same write)
            request = rules.transition(request, "approved", now, "system", self.policy, "refund before shipment")
            events.append(after_sale_event("after_sale.approved", request))
            opened = replace(opened, withdrawn=opening.add_units(order.withdrawn, units))
            release = tuple(StockUnits(by_sku[s].product_id, s, n) for s, n in units.items())
        return request, AfterSaleWrite(order=opened, release=release, events=tuple(events))

    def cancel(self, customer_id: str, after_sale_id: str) -> AfterSale:
        self.own(customer_id, after_sale_id)
        return self._move(after_sale_id, "cancelled", f"customer:{customer_id}", "cancelled by the customer")

    def return_shipment(self, customer_id: str, after_sale_id: str, carrier: str, tracking_number: str) -> AfterSale:
        self.own(customer_id, after_sale_id)
        shipment = {"carrier": carrier, "tracking_number": tracking_number}

        def decide(current: AfterSale, order: Order) -> tuple[AfterSale, AfterSaleWrite]:
            moved = rules.transition(
                current,
                "return_in_transit",
                self.clock.now(),
                f"customer:{customer_id}",
                self.policy,
                f"{carrier} {tracking_number}",
            )
            return replace(moved, return_shipment=shipment), AfterSaleWrite()

        return self._change(after_sale_id, decide)

    # --- staff ------------------------------------------------------------------------------
    def approve(self, after_sale_id: str, actor: str, return_address: dict[str, str] | None = None) -> AfterSale:
        def decide(current: AfterSale, order: Order) -> tuple[AfterSale, AfterSaleWrite]:
            approved = rules.transition(current, "approved", self.clock.now(), actor, self.policy)
            if return_address is not None:
                approved = replace(approved, return_address=return_address)
            return approved, AfterSaleWrite(
                reserve=_exchange_units(current, order), events=(after_sale_event("after_sale.approved", approved),)
            )

        saved = self._change(after_sale_id, decide)
        if saved.type == "refund_only":
            saved = self._refund(saved, actor)
        return saved

    def reject(self, after_sale_id: str, actor: str, reason: str) -> AfterSale:
        return self._move(after_sale_id, "rejected", actor, reason)

    def close(self, after_sale_id: str, actor: str, note: str) -> AfterSale:
        return self._move(after_sale_id, "closed", actor, note)

    def receive(self, after_sale_id: str, actor: str) -> AfterSale:
        def decide(current: AfterSale, order: Order) -> tuple[AfterSale, AfterSaleWrite]:
            received = rules.transition(current, "received", self.clock.now(), actor, self.policy)
            return received, AfterSaleWrite(events=(after_sale_event("after_sale.received", received),))

        return self._change(after_sale_id, decide)

    def inspect(self, after_sale_id: str, actor: str, passed: bool, note: str | None) -> AfterSale:
        """Passed: the units are back in stock (one transaction with the request), and a
        return is refunded at once. Failed: no stock, the request ends rejected."""

        def decide(current: AfterSale, order: Order) -> tuple[AfterSale, AfterSaleWrite]:
            if current.status != "received":  # rejected is reachable otherwise, but not by inspection
                raise InvalidTransition(
                    f"Only received goods are inspected; this request is {current.status}.",
                    current_status=current.status,
                )
            now = self.clock.now()
            result = {"result": "pass" if passed else "fail", "note": note or ""}
            if not passed:
                rejected = replace(
                    rules.transition(current, "rejected", now, actor, self.policy, note, inspection="fail"),
                    inspection=result,
                )
                ending = self._ending(
                    rejected,
                    order,
                    after_sale_event("after_sale.inspected", rejected),
                    after_sale_event("after_sale.rejected", rejected),
                )
                return rejected, replace(ending, release=_exchange_units(current, order))  # an exchange's units
            inspected = replace(
                rules.transition(current, "inspected", now, actor, self.policy, note), inspection=result
            )
            products = {line.sku: line.product_id for line in order.lines}
            restock = tuple(StockUnits(products[s], s, n) for s, n in current.units.items())
            return inspected, AfterSaleWrite(
                restock=restock, events=(after_sale_event("after_sale.inspected", inspected),)
            )

        saved = self._change(after_sale_id, decide)
        if saved.status == "inspected" and saved.type == "return_refund":
            saved = self._refund(saved, actor)
        return saved

    def ship_exchange(self, after_sale_id: str, actor: str, carrier: str, tracking_number: str) -> AfterSale:
        def decide(current: AfterSale, order: Order) -> tuple[AfterSale, AfterSaleWrite]:
            done = rules.transition(
                current, "exchanged", self.clock.now(), actor, self.policy, f"{carrier} {tracking_number}"
            )
            done = replace(done, exchange_shipment={"carrier": carrier, "tracking_number": tracking_number})
            return done, replace(
                self._ending(done, order, after_sale_event("after_sale.exchanged", done)),
                ship=_exchange_units(current, order),
            )

        return self._change(after_sale_id, decide)

    def escalate(self, after_sale_id: str, kind: str) -> AfterSale:
        """A breached deadline was recorded (an exception): the request is no longer
        filed for it (a refund still owed is still asked for)."""

        def decide(current: AfterSale, order: Order) -> tuple[AfterSale, AfterSaleWrite] | None:
            found = rules.deadline(current)
            if found is None or found[0] != kind or kind in current.escalated:
                return None
            return replace(current, escalated=current.escalated + (kind,)), AfterSaleWrite()

        return self._change(after_sale_id, decide)

    # --- refunds ----------------------------------------------------------------------------
    def retry_refund(self, after_sale_id: str) -> AfterSale:
        """Ask for a waiting request's refund again (the same refund: its source)."""
        return self._refund(self.get(after_sale_id), "system")

    def _refund(self, request: AfterSale, actor: str) -> AfterSale:
        """Refund the request's units (its source makes a retry return the same refund).
        Succeeded: the request ends refunded. Pending, failed or refused: it waits, and
        its refund_by deadline runs (the deadlines job asks again)."""
        if not rules.awaiting_refund(request):
            return request
        order = self.changes.get(request.order_id)
        if request.status == "approved" and opening.before_shipment(order) and not order.unshipped():
            # Nothing left to ship: the order is cancelled as a customer cancellation is
            # (sales taken back, coupon and flash usage returned, everything paid refunded;
            # the units' reservation went with the request). The cancellation's refund is
            # the order's own (retried by retry_refunds if it fails).
            self.cancel_order(order, actor, f"refund requested for every unit ({request.id})")
            return self._settle_refund(request.id, None, "succeeded")
        try:
            refund = self.refunds.refund_order(
                RefundRequest(
                    order_id=request.order_id,
                    source=request.source,
                    reason=request.reason,
                    actor=actor,
                    lines=request.units,
                    seller_fault=request.seller_fault,
                )
            )
        except DomainError as error:
            log.warning(
                "after-sale refund not made; it waits for the deadlines job",
                extra={"event": "after_sale_refund_failed", "after_sale_id": request.id, "code": str(error.code)},
            )
            return self._settle_refund(request.id, None, "error")
        return self._settle_refund(request.id, refund.id, refund.status)

    def _settle_refund(self, after_sale_id: str, refund_id: str | None, status: str) -> AfterSale:
        def decide(current: AfterSale, order: Order) -> tuple[AfterSale, AfterSaleWrite] | None:
            if not rules.awaiting_refund(current):
                return None
            noted = replace(current, refund_id=refund_id or current.refund_id, refund_status=status)
            if status != "succeeded":
                return (noted, AfterSaleWrite()) if noted != current else None
            done = rules.transition(noted, "refunded", self.clock.now(), "system", self.policy, refund_id)
            return done, self._ending(done, order, after_sale_event("after_sale.refunded", done))

        return self._change(after_sale_id, decide)

    # --- writing ----------------------------------------------------------------------------
    def _move(self, after_sale_id: str, to: str, actor: str, note: str | None) -> AfterSale:
        """To a final status (cancelled, rejected, closed): an exchange's reservation is let go."""

        def decide(current: AfterSale, order: Order) -> tuple[AfterSale, AfterSaleWrite]:
            moved = rules.transition(current, to, self.clock.now(), actor, self.policy, note)
            write = self._ending(moved, order, after_sale_event(f"after_sale.{to}", moved))
            if current.status in ("approved", "return_in_transit", "received"):
                write = replace(write, release=_exchange_units(current, order))
            return moved, write

        return self._change(after_sale_id, decide)

    def _ending(self, request: AfterSale, order: Order, *events: OutboxEvent) -> AfterSaleWrite:
        """A request ends: its order no longer waits for it."""
        remaining = tuple(i for i in order.open_after_sales if i != request.id)
        return AfterSaleWrite(
            order=replace(order, open_after_sales=remaining, updated_at=request.updated_at), events=events
        )

    def _change(self, after_sale_id: str, decide: Decide) -> AfterSale:
        def attempt() -> tuple[AfterSale, AfterSaleWrite | None]:
            current = self.get(after_sale_id)
            order = self.changes.get(current.order_id)
            decided = decide(current, order)
            if decided is None:
                return current, None
            updated, write = decided
            return self.requests.save(updated, write), write

        saved, write = retry_on_conflict(attempt, ATTEMPTS, (CommonErrorCode.CONCURRENT_UPDATE,))
        if write is not None:
            self.changes.relay.relay(list(write.events))
        return saved


def _exchange_units(request: AfterSale, order: Order) -> tuple[StockUnits, ...]:
    """An exchange's new units (same product as the line), reserved from approval until sent."""
    if request.type != "exchange":
        return ()
    products = {line.sku: line.product_id for line in order.lines}
    return tuple(
        StockUnits(products[line.sku], line.exchange_sku, line.quantity) for line in request.lines if line.exchange_sku
    )
