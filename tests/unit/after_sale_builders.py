"""The after-sale services over the order fakes: products with SKUs on a shared
stock store, orders paid or delivered, a refund service double and the clock."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.after_sale_requests import LineSpec, RequestSpec
from chalicelib.domain.orders import Order
from chalicelib.services.after_sales import AfterSaleService
from chalicelib.services.after_sales_jobs import AfterSaleJobs

from .after_sale_fakes import FakeAfterSales, FakeRefunds
from .builders import a_product
from .fakes import FakeProducts
from .order_builders import OrderWorld, a_sku


class AfterSaleWorld:
    def __init__(self) -> None:
        self.w = OrderWorld()
        self.clock = self.w.clock
        self.products = FakeProducts(self.w.store)
        self.requests = FakeAfterSales(self.w.orders)
        self.refunds = FakeRefunds()
        self.service = AfterSaleService(
            self.requests, self.w.changes, self.products, self.refunds, self.w.actions.cancel
        )
        self.jobs = AfterSaleJobs(self.service, self.w.exceptions)
        self._tracking = 0

    def product(self, *codes: str, price: int = 10000, stock: int = 10, returnable: bool = True) -> None:
        """A product ``prod_<first code>`` with these SKUs (orders use that product id for the first)."""
        product_id = f"prod_{codes[0].lower()}"
        product = a_product(
            id=product_id, sku_codes=codes, min_price=price, max_price=price, returnable_without_reason=returnable
        )
        self.products.add(product, [a_sku(c, product_id, price) for c in codes], {c: stock for c in codes}, [])

    def paid(self, lines: dict[str, int], **kw: Any) -> Order:
        return self.w.pay(self.w.place(lines, **kw))

    def delivered(self, lines: dict[str, int], **kw: Any) -> Order:
        order = self.paid(lines, **kw)
        self.w.fulfillment.start_fulfillment(order.id)
        self._tracking += 1
        number = f"SF{self._tracking}"
        self.w.fulfillment.ship(order.id, "sf", number, None, "staff:wh")
        update = {"event_id": f"e{number}", "carrier": "sf", "tracking_number": number, "status": "delivered"}
        self.w.fulfillment.apply_tracking({**update, "at": self.clock.now()})
        return self.w.get(order.id)

    def ask(self, order: Order, type: str, lines: dict[str, int], reason: str = "quality", **kw: Any) -> Any:
        exchange = kw.pop("exchange", {})
        spec = RequestSpec(type, reason, tuple(LineSpec(sku, n, exchange.get(sku)) for sku, n in lines.items()), **kw)
        return self.service.request(order.customer_id, order.id, spec)

    def later(self, **delta: float) -> None:
        self.w.later(**delta)

    def level(self, code: str) -> dict[str, int]:
        return self.w.level(code)

    def events(self) -> list[str]:
        return [e.type for e in self.w.outbox.written if e.type.startswith("after_sale.")]
