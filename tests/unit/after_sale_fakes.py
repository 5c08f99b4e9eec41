"""In-memory after-sale requests (``AfterSaleRepository``, services/after_sales.py)
over the order fakes: one "transaction" per call that checks every condition
first (the request's and the order's versions, stock to reserve or ship) and
writes last, moving stock on the shared SkuStore as DynamoAfterSales moves the
SKU items; and a refund service double (the ``OrderRefunds`` port)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from chalicelib.domain.after_sales import AfterSale, AfterSaleWrite, filed_at
from chalicelib.domain.error_codes import CommonErrorCode, InventoryErrorCode
from chalicelib.domain.errors import Conflict, PaymentProviderUnavailable
from chalicelib.domain.ids import new_id
from chalicelib.domain.refunds import Refund, RefundRequest
from chalicelib.services.ports import Page, Position

from .fakes import paginate
from .order_fakes import FakeOrders


class FakeAfterSales:
    def __init__(self, orders: FakeOrders) -> None:
        self.orders = orders
        self.requests: dict[str, AfterSale] = {}

    def add(self, request: AfterSale, write: AfterSaleWrite) -> None:
        if request.id in self.requests:
            raise Conflict("exists", code=CommonErrorCode.CONCURRENT_UPDATE)
        self._apply(replace(request, version=0), write)

    def save(self, request: AfterSale, write: AfterSaleWrite) -> AfterSale:
        current = self.requests.get(request.id)
        if current is None or current.version != request.version:
            raise Conflict("The request changed meanwhile.", code=CommonErrorCode.CONCURRENT_UPDATE)
        return self._apply(request, write)

    def _apply(self, request: AfterSale, write: AfterSaleWrite) -> AfterSale:
        store = self.orders.store
        if write.order is not None:
            stored = self.orders.orders.get(write.order.id)
            if stored is None or stored.version != write.order.version:
                raise Conflict("The order changed meanwhile.", code=CommonErrorCode.CONCURRENT_UPDATE)
        short = [u.sku for u in write.reserve if store.levels[u.sku].available < u.quantity]
        if short:
            raise Conflict("short", code=InventoryErrorCode.OUT_OF_STOCK, skus=short)
        assert all(store.levels[u.sku].reserved >= u.quantity for u in write.ship)
        if write.order is not None:
            self.orders.orders[write.order.id] = replace(write.order, version=write.order.version + 1)
        at = request.updated_at
        for u in write.release:
            self._move(u.sku, 0, -u.quantity, "released", request.id, at)
        for u in write.reserve:
            self._move(u.sku, 0, u.quantity, "reserved", request.id, at)
        for u in write.restock:
            self._move(u.sku, u.quantity, 0, "customer_return", request.id, at)
        for u in write.ship:
            self._move(u.sku, -u.quantity, -u.quantity, "shipped", request.id, at)
        self.orders.outbox.write(write.events)
        saved = replace(request, version=request.version + 1)
        self.requests[request.id] = saved
        return saved

    def _move(self, sku: str, on_hand: int, reserved: int, reason: str, reference: str, at: datetime) -> None:
        self.orders._move(sku, on_hand=on_hand, reserved=reserved)
        self.orders._ledger(reference, sku, on_hand, reserved, reason, at)

    def get(self, after_sale_id: str) -> AfterSale | None:
        return self.requests.get(after_sale_id)

    def for_order(self, order_id: str, limit: int, after: Position | None) -> Page:
        found = [r for r in self.requests.values() if r.order_id == order_id]
        return paginate(found, lambda r: (r.id,), descending=True, limit=limit, after=after)

    def by_status(self, status: str, type: str | None, limit: int, after: Position | None) -> Page:
        found = [r for r in self.requests.values() if r.status == status and type in (None, r.type)]
        return paginate(found, lambda r: (r.id,), descending=True, limit=limit, after=after)

    def due(self, as_of: datetime, limit: int) -> list[AfterSale]:
        filed = [(f, r.id) for r in self.requests.values() if (f := filed_at(r)) is not None and f <= as_of]
        return [self.requests[i] for _, i in sorted(filed)[:limit]]


@dataclass
class FakeRefunds:
    """The refund service: one refund per source; ``status`` is what the provider makes of it."""

    status: str = "succeeded"
    down: bool = False
    by_source: dict[str, Refund] = field(default_factory=dict)
    calls: list[RefundRequest] = field(default_factory=list)

    def refund_order(self, request: RefundRequest) -> Refund:
        self.calls.append(request)
        if self.down:
            raise PaymentProviderUnavailable("down")
        found = self.by_source.get(request.source)
        if found is None or found.status != self.status:
            at = datetime(2025, 1, 1).astimezone()
            found = Refund(
                id=found.id if found else new_id("rf"),
                order_id=request.order_id,
                amount=0,
                status=self.status,
                reason=request.reason,
                source=request.source,
                created_at=at,
                lines=dict(request.lines),
            )
            self.by_source[request.source] = found
        return found
